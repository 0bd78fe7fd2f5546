// Normalized records a source plugin emits. Plain data: the core resolves and stores them.
#pragma once

#include <string>
#include <vector>

namespace bzpeer::sdk {

struct AuthorRecord {
    std::string name;                       // as printed by the source
    std::string given;                      // when the source splits the name
    std::string family;
    std::vector<std::string> affiliations;  // as printed
    std::string orcid;                      // raw, the core validates it
};

struct Identifier {
    std::string scheme;  // "doi", "arxiv", "orcid", ...
    std::string value;   // raw, the core normalizes it
};

struct WorkRecord {
    std::string source_id;  // the source's own id for this record (e.g. arXiv abs URL)
    std::string title;
    std::string abstract;
    std::string type;       // "preprint", "article", ...
    std::string date;       // ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    std::string updated;    // ISO 8601 timestamp of the source's last change, if any
    std::string venue;      // journal or proceedings name when known
    std::string journal_ref;
    std::string comment;
    std::vector<Identifier> ids;
    std::string primary_category;
    std::vector<std::string> categories;  // arXiv taxonomy terms, primary first
    std::vector<AuthorRecord> authors;    // in printed order
};

}  // namespace bzpeer::sdk
