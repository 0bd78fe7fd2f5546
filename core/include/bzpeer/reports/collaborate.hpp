// Documents for working together: adjacent people to invite, and the invitations made.
#pragma once

#include <cstdint>
#include <string>

#include "bzpeer/sdk/document.hpp"
#include "bzpeer/social/users.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer {

// `bzpeer suggest`: one row per suggested person (rank, id, name, mutual collaborators, shared
// topics, topic works, reason), the strongest first; `data` holds the same with lists.
sdk::Document suggestions_report(Database& db, std::int64_t person, std::size_t limit);

// `bzpeer invitations`: the user's invitations, newest first, with status and any error.
sdk::Document invitations_report(Database& db, const social::User& user);

}  // namespace bzpeer
