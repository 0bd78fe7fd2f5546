// Where a person worked: printed affiliations of their authorships and the employments and
// educations of their ORCID record, grouped into institutions. Affiliations are printed in many
// spellings ("Dept. of Physics, Univ. of Vermont, Burlington VT" and "University of Vermont"):
// the organisation is the part that names one, normalised, so that these are one institution.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/store/db.hpp"

namespace bzpeer::graph {

struct Organisation {
    std::string key;   // folded, abbreviations spelt out: "university of vermont"
    std::string name;  // as printed, the organisation's part only: "Univ. of Vermont"
};

// The organisation a printed affiliation names; empty key when it names none.
Organisation organisation_of(std::string_view printed);

struct Institution {
    std::string id;  // "inst:university-of-vermont": stable, from the key
    std::string name;
    std::string ror;  // a ROR id when a source gave one
    std::optional<std::int64_t> first_year, last_year;
    std::int64_t works = 0;              // works printed with it
    std::vector<std::string> spellings;  // the printed forms grouped here
};

// The person's institutions, the most recent first.
std::vector<Institution> institutions_of(Database& db, std::int64_t person);

}  // namespace bzpeer::graph
