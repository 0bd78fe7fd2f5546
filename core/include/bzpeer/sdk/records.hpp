// Normalized records a source plugin emits. Plain data: the core resolves and stores them.
#pragma once

#include <string>
#include <vector>

namespace bzpeer::sdk {

struct AuthorRecord {
    std::string name;   // as printed by the source
    std::string given;  // when the source splits the name
    std::string family;
    std::vector<std::string> affiliations;  // as printed
    std::string orcid;                      // raw, the core validates it
    bool orcid_authenticated = false;       // the source says the person asserted it
};

struct Identifier {
    std::string scheme;  // "doi", "arxiv", "orcid", ...
    std::string value;   // raw, the core normalizes it
};

// A link to another work the source names, e.g. Crossref's has-preprint.
struct Relation {
    std::string type;  // "has-preprint", "is-preprint-of", "is-version-of", ...
    Identifier id;
};

struct WorkRecord {
    std::string source_id;  // the source's own id for this record (e.g. arXiv abs URL)
    std::string title;
    std::string abstract;
    std::string type;     // "preprint", "article", ...
    std::string date;     // ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    std::string updated;  // ISO 8601 timestamp of the source's last change, if any
    std::string venue;    // journal or proceedings name when known
    std::string journal_ref;
    std::string comment;
    std::vector<Identifier> ids;
    std::string primary_category;
    std::vector<std::string> categories;  // arXiv taxonomy terms, primary first
    std::vector<AuthorRecord> authors;    // in printed order
    std::vector<Relation> relations;
};

struct Affiliation {
    std::string organization;
    std::string department;
    std::string role;
    std::string start_date;  // ISO 8601, as precise as known
    std::string end_date;
    std::vector<Identifier> org_ids;  // "ror", "grid", "ringgold", "fundref"
};

// A person as a profile source (ORCID) describes them, with the works they list.
struct PersonRecord {
    std::string source_id;
    std::string orcid;  // raw, the core validates it
    std::string given;
    std::string family;
    std::string credit_name;
    std::vector<std::string> other_names;
    std::vector<std::string> keywords;
    std::vector<Affiliation> employments;
    std::vector<Affiliation> educations;
    // The person's own list of works. A work here may carry no author list: the person is
    // an author of each by their own account.
    std::vector<WorkRecord> works;
};

}  // namespace bzpeer::sdk
