// Follows: a user keeps up with a person. Each follow remembers up to when the user's feed has
// shown the person's new works (seen_until), so that the feed shows each new work once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bzpeer/store/db.hpp"

namespace bzpeer::social {

// Now, to the millisecond, as works.stored_at is written.
std::string stored_time_now(Database& db);

// Follows `person` from now on; false when the user already follows them.
bool follow(Database& db, std::int64_t user, std::int64_t person);
// Stops following; false when the user did not follow them.
bool unfollow(Database& db, std::int64_t user, std::int64_t person);

struct Followed {
    std::int64_t person = 0;
    std::string name, since, seen_until;
    std::int64_t unseen_works = 0;  // works stored after seen_until
};
// The people the user follows, by person id.
std::vector<Followed> following(Database& db, std::int64_t user);

// The users following `person`, by name.
std::vector<std::string> followers(Database& db, std::int64_t person);

}  // namespace bzpeer::social
