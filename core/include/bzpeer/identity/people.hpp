// Which person a reference means, and what tells people of one name apart at a glance.
// Commands and reports start here to turn "p:42", an ORCID or a printed name into a person.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/store/db.hpp"

namespace bzpeer {

// People whose printed names match `name`: the same family name and compatible given names
// ("A. Del Maestro" matches "Adrian Del Maestro"); a lone word matches family names.
std::vector<std::int64_t> find_people(Database& db, std::string_view name);

// A PERSON argument: "p:42", an ORCID, or a name. Of several people matching a name, the
// only one printed exactly so is taken; otherwise a not-found error (exit 3) lists them.
std::int64_t resolve_person(Database& db, std::string_view reference);

// The person's display name; a not-found error when there is no such person.
std::string display_name(Database& db, std::int64_t person);

// What tells people of one name apart at a glance: years and main topics.
struct PersonSummary {
    std::int64_t works = 0;
    std::optional<std::int64_t> first_year, last_year;
    std::vector<std::string> top_topics;
};
PersonSummary summarize(Database& db, std::int64_t person);
// "2019–2023", "2021", or empty when no work has a year.
std::string years_text(const PersonSummary& s);

}  // namespace bzpeer
