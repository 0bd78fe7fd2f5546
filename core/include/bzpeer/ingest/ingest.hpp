// Ingest: records from a source plugin into the store. One input is one batch, written in
// one transaction: a failure anywhere leaves the database as it was before that input.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bzpeer/base/progress.hpp"
#include "bzpeer/sdk/plugin.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer {

struct ImportSummary {
    std::string input;
    std::int64_t records = 0;
    std::int64_t works_new = 0;
    std::int64_t works_updated = 0;
    std::int64_t works_unchanged = 0;
    std::int64_t people_new = 0;
    std::int64_t batches = 0;           // committed batches (pages, or slices of a dump)
    std::vector<std::string> warnings;  // records kept with a field dropped, e.g. an invalid DOI
};

struct ImportControl {
    // Polled between records; true stops the import after rolling back the open batch.
    std::function<bool()> cancelled;
    // Called as records arrive, at most every `progress_interval` (and whenever a phase starts
    // or the reading ends): a file's bytes consumed of its size, a live query's pages, the
    // records so far; then the name blocks resolved of those touched.
    ProgressCallback progress;
    std::chrono::milliseconds progress_interval{100};
};

// Reads one saved response or dump (gzip inflated) through `source` and stores what it
// yields. Each batch the plugin marks is committed as it ends; a single file without marks is
// one batch. Throws bzpeer::Error naming the source plugin and the input (and the record and
// field, when known) on any failure; nothing of the failed batch is written then.
ImportSummary import_file(Database& db, sdk::SourcePlugin& source, const std::string& source_name,
                          const std::filesystem::path& file, const sdk::ReadRequest& request,
                          const ImportControl& control = {});

// Runs the live query `request` describes through `request.fetcher`, page by page.
ImportSummary import_live(Database& db, sdk::SourcePlugin& source, const std::string& source_name,
                          const sdk::ReadRequest& request, const ImportControl& control = {});

}  // namespace bzpeer
