// Documents of what users do with people: their claims, whom they follow, their feed.
#pragma once

#include <cstdint>
#include <vector>

#include "bzpeer/sdk/document.hpp"
#include "bzpeer/social/feed.hpp"
#include "bzpeer/social/users.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer {

// `bzpeer claims`: one row per claim (person, name, user, ORCID, works the record shares,
// since, withdrawn), live ones only unless `withdrawn_too`.
sdk::Document claims_report(Database& db, bool withdrawn_too);

// `bzpeer following`: one row per person the user follows (id, name, since, new works not yet
// seen in the feed).
sdk::Document following_report(Database& db, std::int64_t user);

// `bzpeer feed`: one row per new work or new collaborator.
sdk::Document feed_report(const std::vector<social::FeedItem>& items);

// `bzpeer whoami`: the acting user, their ORCID, the person they claimed and whom they follow.
sdk::Document whoami_report(Database& db, const social::User& user);

}  // namespace bzpeer
