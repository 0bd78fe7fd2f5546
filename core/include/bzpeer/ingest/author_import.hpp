// `bzpeer import authors FILE`: a list of people (CSV with a header row, or YAML), each
// fetched from the sources its row names and matched to a person, with a resolution table.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bzpeer/base/progress.hpp"
#include "bzpeer/sdk/document.hpp"

namespace bzpeer {

class Session;

// One row. Columns: name, orcid, affiliation, arxiv_query, crossref_author; others are
// reported once and ignored.
struct AuthorRow {
    std::size_t line = 0;  // 1-based line (CSV) or list position (YAML)
    std::string name, orcid, affiliation, arxiv_query, crossref_author;
    std::string key() const;  // the row's values, to recognise it on --resume
};

// Reads the rows; `warnings` receives unknown columns. Throws bzpeer::Error naming the file
// and line for a file that cannot be read as rows at all.
std::vector<AuthorRow> read_author_rows(const std::filesystem::path& file,
                                        std::vector<std::string>& warnings);

struct AuthorImportOptions {
    bool dry_run = false;  // validate and match against what is stored; fetch and change nothing
    bool resume = false;   // skip rows a previous run of the same file finished
    bool offline = false;
};

struct AuthorImportResult {
    sdk::Document table;  // the resolution table: one row (and one data object) per input row
    std::int64_t matched = 0, not_found = 0, failed = 0, skipped = 0;
    std::vector<std::string> messages;  // unknown columns, bad rows with their line, the summary
};

// Runs every row; a bad row is reported with its line and the rest continue. `progress`
// hears the rows done of all, at most every 100 ms and once at the end.
AuthorImportResult import_authors(Session& session, const std::filesystem::path& file,
                                  const AuthorImportOptions& options, const ProgressCallback& progress = {});

// `import orcid ID... --enrich`: fetches from Crossref every DOI the people with these ORCIDs
// list, one request per DOI; a DOI Crossref does not know is a warning, not a failure.
// Returns the warnings.
std::vector<std::string> enrich_from_crossref(Session& session, const std::vector<std::string>& orcids,
                                              bool offline);

// Fetches and stores one live ORCID record (the person, employments and works) through the
// orcid source plugin; `offline` answers from the HTTP cache alone.
void fetch_orcid_record(Session& session, const std::string& orcid, bool offline);

}  // namespace bzpeer
