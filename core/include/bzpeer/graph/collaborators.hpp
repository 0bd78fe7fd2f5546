// Who a person works with: the co-authors of their works as resolved people (not printed
// names), with how much and when they worked together. The profile's close-collaborator count,
// `bzpeer collaborators` and the research graph's co-author edges all read this one query.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bzpeer/store/db.hpp"

namespace bzpeer::graph {

struct CollaboratorQuery {
    std::int64_t min_shared = 1;        // at least this many joint works
    std::optional<std::int64_t> since;  // only works of this year or later
    std::int64_t limit = 0;             // most joint works first; 0: all
};

struct Collaborator {
    std::int64_t id = 0;
    std::string name;
    std::int64_t shared_works = 0;
    std::optional<std::int64_t> first_year, last_year;  // of the joint works
};

// The person's collaborators, most joint works first, then by name.
std::vector<Collaborator> collaborators(Database& db, std::int64_t person, const CollaboratorQuery& query);

// Topics both people have works in (arXiv category codes), the most shared first.
std::vector<std::string> topics_in_common(Database& db, std::int64_t a, std::int64_t b,
                                          std::size_t limit = 3);

}  // namespace bzpeer::graph
