// Identifier normalizers. Each accepts the forms users and sources write (URLs, prefixes,
// mixed case) and returns the canonical form, or nothing when the input is not valid.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bzpeer::ids {

// "https://doi.org/10.1000/ABC" → "10.1000/abc". DOIs are case-insensitive; we store lower case.
std::optional<std::string> normalize_doi(std::string_view raw);

struct ArxivId {
    std::string id;                    // without version: "2106.06224", "hep-th/9901001"
    int version = 0;                   // 0 when the input named none
    std::string with_version() const;  // "2106.06224v2", or the bare id when version is 0
};

// Accepts new-style (YYMM.NNNN[N]) and old-style (archive[.SUB]/YYMMNNN) ids, with an optional
// "arXiv:" prefix, abs/pdf URL and version suffix. arXiv's own DOI form is not an arXiv id here.
std::optional<ArxivId> parse_arxiv(std::string_view raw);

// "https://orcid.org/0000-0002-1825-0097" or "000000021825009x" → "0000-0002-1825-0097";
// nothing unless the ISO 7064 mod 11-2 check digit is right.
std::optional<std::string> normalize_orcid(std::string_view raw);

// How bzpeer prints its own ids: "p:42" for a person, "w:12" for a work.
std::string person_ref(std::int64_t person);
std::string work_ref(std::int64_t work);

}  // namespace bzpeer::ids
