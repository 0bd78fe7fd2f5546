// The users of one database: whoever runs bzpeer (config user.name, user.email, user.orcid),
// or the user `--as NAME` names, so that a lab can share one database. Users follow, claim and
// invite; people are what the research record shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bzpeer/host/config.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer::social {

struct User {
    std::int64_t id = 0;
    std::string name, email, orcid;
};

// The user acting: `as` when given, else config user.name, else the login name ($USER), else
// "me". Created on first use, with the config's email and ORCID when it is the config's user.
User acting_user(Database& db, const Config& config, std::string_view as = {});

// A user known by name; nothing when there is none.
std::optional<User> find_user(Database& db, std::string_view name);

// The person a user has claimed (a live claim), if any.
std::optional<std::int64_t> claimed_person(Database& db, std::int64_t user);

}  // namespace bzpeer::social
