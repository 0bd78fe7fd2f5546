// The feed: what is new about the people a user follows (their works stored since the user
// last looked, and the people who wrote those works with them for the first time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bzpeer/store/db.hpp"

namespace bzpeer::social {

struct FeedItem {
    std::int64_t person = 0;  // the person followed
    std::string person_name;
    std::string kind;     // "work" or "collaborator"
    std::int64_t id = 0;  // w:ID or p:ID
    std::string label;    // the work's title or the collaborator's name
    std::optional<std::int64_t> year;
    std::string stored_at;  // when the work (for a collaborator: their first joint work) was stored
};

// Without `since`: each followed person's works stored after the follow's seen_until, and
// marks them seen (a second call shows nothing new). With `since` (a date or time): what was
// stored after it, marking nothing. Ordered by person, then works before collaborators.
std::vector<FeedItem> feed(Database& db, std::int64_t user, const std::string& since = {});

}  // namespace bzpeer::social
