// Ingest: records from a source plugin into the store. One input is one batch, written in
// one transaction: a failure anywhere leaves the database as it was before that input.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "bzpeer/db.hpp"
#include "bzpeer/sdk/plugin.hpp"

namespace bzpeer {

struct ImportSummary {
    std::string input;
    std::int64_t records = 0;
    std::int64_t works_new = 0;
    std::int64_t works_updated = 0;
    std::int64_t works_unchanged = 0;
    std::int64_t people_new = 0;
    std::vector<std::string> warnings;  // records kept with a field dropped, e.g. an invalid DOI
};

// Reads `file` through `source` and stores what it yields. Throws bzpeer::Error naming the
// source plugin and the file (and the record and field, when known) on any failure; nothing
// is written then.
ImportSummary import_file(Database& db, sdk::SourcePlugin& source, const std::string& source_name,
                          const std::filesystem::path& file, const sdk::ReadRequest& request);

}  // namespace bzpeer
