// HTTP for every source plugin (libcurl): per-source politeness, retries, the response cache
// in the database, and --offline. Plugins see it only as an sdk::Fetcher.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "bzpeer/sdk/plugin.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer {

struct HttpPolicy {
    std::string source;                      // "arxiv", "crossref", "orcid": names it in messages
    double min_interval = 0;                 // seconds between requests to this source (arXiv: 3)
    bool rate_limit_headers = false;         // honour x-rate-limit-limit / x-rate-limit-interval (Crossref)
    int max_attempts = 5;                    // including the first
    double backoff = 1.0;                    // seconds before the first retry; doubles, with jitter
    double max_backoff = 60.0;               // cap on one wait, Retry-After included
    double connect_timeout = 10;             // seconds
    double timeout = 60;                     // seconds for a whole request, body included
    std::string user_agent;                  // "bzpeer/VERSION (mailto:...)"
    std::string accept;                      // Accept header, e.g. "application/json" for ORCID; empty: none
    std::int64_t cache_ttl = 7 * 24 * 3600;  // seconds a cached response is fresh; 0: never cache
    bool offline = false;                    // answer from the cache alone
    // Deep paging may ask for one URL again for the next page (Crossref's cursor can stay the
    // same from page to page). Then the n-th asking in a run is cached under its own key, so a
    // second run replays the same pages from the cache.
    bool repeats_are_pages = false;
};

struct HttpStats {
    std::int64_t requests = 0;    // sent over the network, retries included
    std::int64_t cache_hits = 0;  // answered from the cache
    std::int64_t retries = 0;
};

// A Fetcher for one source. Retries 429, 5xx, timeouts, resets and truncated bodies (a
// Content-Length the body does not reach) with exponential backoff and jitter, honouring
// Retry-After, up to max_attempts. Caches 200 answers in the http_cache table (URL key,
// ETag / Last-Modified, expiry from cache_ttl); a fresh cached answer sends no request, a
// stale one is revalidated with If-None-Match / If-Modified-Since. Other statuses are returned
// as they are, not cached. With `offline`, an uncached URL is an error naming it.
class HttpClient : public sdk::Fetcher {
public:
    HttpClient(Database& cache, HttpPolicy policy);
    ~HttpClient() override;

    sdk::Status get(const std::string& url, sdk::HttpResponse& response) noexcept override;
    void forget(const std::string& url) noexcept override;
    const HttpStats& stats() const { return stats_; }

    // For tests: how waiting is done (default: sleeping).
    void set_sleeper(std::function<void(double seconds)> sleeper);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    HttpStats stats_;
};

}  // namespace bzpeer
