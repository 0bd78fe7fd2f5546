// Live Crossref queries (`bzpeer import crossref --doi/--author/--orcid/--query`) through the
// host's Fetcher: this code builds the URLs and follows the cursor; the host owns HTTP, the
// polite pool's rate limit, retries and the cache.
#pragma once

#include <string>
#include <string_view>

#include "bzpeer/sdk/plugin.hpp"
#include "crossref_reader.hpp"

namespace bzpeer::crossref {

inline constexpr std::string_view kDefaultBaseUrl = "https://api.crossref.org";
inline constexpr long kDefaultRows = 100;  // rows per page when the config sets no page_size
inline constexpr long kMaxRows = 1000;     // Crossref's cap on rows

// Percent-encodes every byte but RFC 3986's unreserved characters (letters, digits, "-._~"),
// so a DOI's "/" becomes %2F and a space %20.
std::string url_encode(std::string_view text);

// The bare DOI in what a user typed: "https://doi.org/10.1000/X", "doi:10.1000/X" and
// "10.1000/X" all give "10.1000/X". Empty when the text is no DOI (it must start "10.").
std::string bare_doi(std::string_view text);

// The ORCID iD in what a user typed ("0000-0002-1825-0097", "https://orcid.org/...",
// 16 digits without hyphens, a lowercase x), hyphenated; throws std::invalid_argument naming
// the input when its form or its ISO 7064 mod 11-2 check digit is wrong.
std::string checked_orcid(std::string_view text);

// Runs the query `request.options` asks for: each "doi" as GET {base}/works/{DOI}, then, when
// any of "author", "orcid", "query" is given, one list query combining them
// ({base}/works?query=..&query.author=..&filter=orcid:..) paged with a cursor. Every URL
// carries mailto= when request.mailto is set. Calls sink.batch_done() after each response.
// Errors name the DOI or the query and carry Crossref's own message.
sdk::Status fetch_works(const sdk::ReadRequest& request, sdk::RecordSink& sink, Reader& reader);

}  // namespace bzpeer::crossref
