// Live ORCID records (`bzpeer import orcid ID...`) through the host's Fetcher: this code
// checks the iDs and builds the URLs; the host owns HTTP, the rate limit, retries, the cache
// and the Accept header (application/json for this source).
#pragma once

#include <string>
#include <string_view>

#include "bzpeer/sdk/plugin.hpp"

namespace bzpeer::orcid {

inline constexpr std::string_view kDefaultBaseUrl = "https://pub.orcid.org";

// The ORCID iD in what a user typed ("0000-0002-1825-0097", "https://orcid.org/...", 16
// digits without hyphens, a lowercase x), hyphenated with an uppercase X; throws
// std::invalid_argument naming the input when its form or its ISO 7064 mod 11-2 check digit
// is wrong.
std::string checked_orcid(std::string_view text);

// For each "ID" option, in order: checks every iD first (a bad one fails the import before any
// request), then GETs {base}/v3.0/{ID}/record, hands the person to the sink and calls
// sink.batch_done(). Errors name the iD and carry ORCID's developer message.
sdk::Status fetch_records(const sdk::ReadRequest& request, sdk::RecordSink& sink);

}  // namespace bzpeer::orcid
