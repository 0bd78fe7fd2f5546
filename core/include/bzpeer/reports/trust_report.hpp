// `bzpeer trust`: a person's trust score, band and verification level, and with `explain` every
// component of the score (social/trust.hpp has the formula).
#pragma once

#include <cstdint>

#include "bzpeer/sdk/document.hpp"
#include "bzpeer/social/trust.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer {

sdk::Document trust_report(Database& db, std::int64_t person, const social::TrustOptions& options,
                           bool explain);

}  // namespace bzpeer
