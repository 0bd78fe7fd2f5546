#include "bzpeer/net/http.hpp"

#include <curl/curl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>

namespace bzpeer {

namespace {

using SteadyClock = std::chrono::steady_clock;

std::string iso_utc(std::int64_t epoch_seconds) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(static_cast<std::time_t>(epoch_seconds)));
}

std::int64_t epoch_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

// "1s", "500ms", "2m", "1h" or a bare number of seconds; nullopt when unreadable.
std::optional<double> parse_interval(std::string_view text) {
    text = trim(text);
    std::size_t digits = 0;
    while (digits < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.'))
        ++digits;
    if (digits == 0) return std::nullopt;
    double value;
    try {
        value = std::stod(std::string(text.substr(0, digits)));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    std::string unit = lower(trim(text.substr(digits)));
    if (unit.empty() || unit == "s") return value;
    if (unit == "ms") return value / 1000;
    if (unit == "m") return value * 60;
    if (unit == "h") return value * 3600;
    return std::nullopt;
}

// Retry-After: delay-seconds or an HTTP-date; nullopt when absent or unreadable.
std::optional<double> parse_retry_after(const std::string& value) {
    std::string_view text = trim(value);
    if (text.empty()) return std::nullopt;
    if (std::all_of(text.begin(), text.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        try {
            return std::stod(std::string(text));
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    std::time_t when = curl_getdate(std::string(text).c_str(), nullptr);
    if (when == -1) return std::nullopt;
    return std::max(0.0, static_cast<double>(when - std::time(nullptr)));
}

bool retryable_status(long status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool retryable_code(CURLcode code) {
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
        case CURLE_COULDNT_CONNECT:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
            return true;
        default:
            return false;
    }
}

void global_init() {
    static std::once_flag once;
    static CURLcode result = CURLE_OK;
    std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (result != CURLE_OK) throw std::runtime_error(fmt::format("libcurl: {}", curl_easy_strerror(result)));
}

// One exchange with the server, whatever its outcome.
struct Exchange {
    CURLcode code = CURLE_OK;
    std::string error;  // curl's description when code != CURLE_OK
    long status = 0;
    std::string reason;  // the status line's reason phrase
    std::string body;
    std::string content_type, etag, last_modified, retry_after, rate_limit, rate_interval;

    void clear_headers() {
        status = 0;
        reason.clear();
        content_type.clear();
        etag.clear();
        last_modified.clear();
        retry_after.clear();
        rate_limit.clear();
        rate_interval.clear();
    }

    // What went wrong, for messages: curl's words, or "HTTP 503 Service Unavailable".
    std::string what() const {
        if (code != CURLE_OK) return error;
        return reason.empty() ? fmt::format("HTTP {}", status) : fmt::format("HTTP {} {}", status, reason);
    }
};

struct CachedEntry {
    long status = 0;
    std::string etag, last_modified, content_type, body;
    bool fresh = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<Exchange*>(user)->body.append(data, size * count);
    return size * count;
}

// Called once per header line of every response, redirects included; a status line starts the
// next response, so only the final response's headers remain.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* exchange = static_cast<Exchange*>(user);
    std::string_view line(data, size * count);
    if (line.substr(0, 5) == "HTTP/") {
        exchange->clear_headers();
        std::string_view rest = line.substr(std::min(line.find(' '), line.size()));
        rest = trim(rest);
        std::size_t space = rest.find(' ');
        try {
            exchange->status = std::stol(std::string(rest.substr(0, space)));
        } catch (const std::exception&) {
        }
        if (space != std::string_view::npos) exchange->reason = std::string(trim(rest.substr(space)));
        return size * count;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return size * count;
    std::string name = lower(trim(line.substr(0, colon)));
    std::string value(trim(line.substr(colon + 1)));
    if (name == "content-type")
        exchange->content_type = value;
    else if (name == "etag")
        exchange->etag = value;
    else if (name == "last-modified")
        exchange->last_modified = value;
    else if (name == "retry-after")
        exchange->retry_after = value;
    else if (name == "x-rate-limit-limit")
        exchange->rate_limit = value;
    else if (name == "x-rate-limit-interval")
        exchange->rate_interval = value;
    return size * count;
}

}  // namespace

struct HttpClient::Impl {
    Database& db;
    HttpPolicy policy;
    CURL* curl = nullptr;
    char errors[CURL_ERROR_SIZE] = {};
    std::function<void(double)> sleeper;
    std::optional<SteadyClock::time_point> last_sent;
    double header_interval = 0;  // from x-rate-limit-*, seconds between requests
    std::mt19937 random{std::random_device{}()};

    Impl(Database& database, HttpPolicy p) : db(database), policy(std::move(p)) {
        global_init();
        curl = curl_easy_init();
        if (!curl) throw std::runtime_error(fmt::format("{}: cannot create a libcurl handle", policy.source));
        auto ms = [](double seconds) {
            return static_cast<long>(std::llround(std::max(0.0, seconds) * 1000));
        };
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errors);
        if (!policy.user_agent.empty()) curl_easy_setopt(curl, CURLOPT_USERAGENT, policy.user_agent.c_str());
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, ms(policy.connect_timeout));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, ms(policy.timeout));
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
        curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#endif
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    }

    ~Impl() { curl_easy_cleanup(curl); }

    void wait(double seconds) {
        if (seconds <= 0) return;
        if (sleeper)
            sleeper(seconds);
        else
            std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    }

    // Waits until this source may be asked again.
    void be_polite() {
        double gap = std::max(policy.min_interval, policy.rate_limit_headers ? header_interval : 0.0);
        if (!last_sent || gap <= 0) return;
        double elapsed = std::chrono::duration<double>(SteadyClock::now() - *last_sent).count();
        if (elapsed < gap) wait(gap - elapsed);
    }

    void learn_rate_limit(const Exchange& exchange) {
        if (!policy.rate_limit_headers || exchange.rate_limit.empty() || exchange.rate_interval.empty())
            return;
        std::optional<double> interval = parse_interval(exchange.rate_interval);
        double limit = 0;
        try {
            limit = std::stod(exchange.rate_limit);
        } catch (const std::exception&) {
            return;
        }
        if (interval && *interval > 0 && limit >= 1) header_interval = *interval / limit;
    }

    Exchange perform(const std::string& url, const CachedEntry* revalidate) {
        Exchange exchange;
        curl_slist* headers = nullptr;
        if (!policy.accept.empty())
            headers = curl_slist_append(headers, ("Accept: " + policy.accept).c_str());
        if (revalidate) {
            if (!revalidate->etag.empty())
                headers = curl_slist_append(headers, ("If-None-Match: " + revalidate->etag).c_str());
            if (!revalidate->last_modified.empty())
                headers =
                    curl_slist_append(headers, ("If-Modified-Since: " + revalidate->last_modified).c_str());
        }
        errors[0] = '\0';
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);
        last_sent = SteadyClock::now();
        exchange.code = curl_easy_perform(curl);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
        curl_slist_free_all(headers);
        if (exchange.code != CURLE_OK) {
            exchange.error = errors[0] ? std::string(errors) : std::string(curl_easy_strerror(exchange.code));
            while (!exchange.error.empty() && exchange.error.back() == '\n') exchange.error.pop_back();
        } else {
            long status = 0;
            curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
            exchange.status = status;
        }
        return exchange;
    }

    double backoff_for(int attempt, const Exchange& exchange) {
        if (std::optional<double> after = parse_retry_after(exchange.retry_after))
            return std::min(*after, policy.max_backoff);
        std::uniform_real_distribution<double> jitter(0.5, 1.5);
        double seconds = policy.backoff * std::pow(2.0, attempt - 1) * jitter(random);
        return std::min(seconds, policy.max_backoff);
    }

    // Sends the request, retrying what may succeed later. Returns the final answer, or an error.
    sdk::Status fetch(const std::string& url, const CachedEntry* revalidate, HttpStats& stats,
                      Exchange& out) {
        int attempts = std::max(1, policy.max_attempts);
        for (int attempt = 1;; ++attempt) {
            be_polite();
            Exchange exchange = perform(url, revalidate);
            ++stats.requests;
            learn_rate_limit(exchange);
            bool ok = exchange.code == CURLE_OK && !retryable_status(exchange.status);
            if (ok) {
                out = std::move(exchange);
                return sdk::Status::success();
            }
            if (exchange.code != CURLE_OK && !retryable_code(exchange.code))
                return sdk::Status::error(fmt::format("{}: GET {}: {}", policy.source, url, exchange.what()));
            if (attempt >= attempts)
                return sdk::Status::error(fmt::format("{}: GET {}: {} after {} attempt{}", policy.source, url,
                                                      exchange.what(), attempt, attempt == 1 ? "" : "s"));
            ++stats.retries;
            wait(backoff_for(attempt, exchange));
        }
    }

    std::optional<CachedEntry> lookup(const std::string& url) {
        Statement& stmt = db.cached(
            "SELECT status, etag, last_modified, content_type, body, expires_at > ?2 FROM http_cache WHERE "
            "url = ?1");
        stmt.bind(1, url).bind(2, iso_utc(epoch_now()));
        if (!stmt.step()) return std::nullopt;
        CachedEntry entry;
        entry.status = static_cast<long>(stmt.integer(0));
        entry.etag = stmt.text(1);
        entry.last_modified = stmt.text(2);
        entry.content_type = stmt.text(3);
        entry.body = stmt.text(4);
        entry.fresh = !stmt.is_null(5) && stmt.integer(5) != 0;
        stmt.reset();
        return entry;
    }

    void store(const std::string& url, long status, const std::string& etag, const std::string& last_modified,
               const std::string& content_type, const std::string& body) {
        std::int64_t now = epoch_now();
        Statement& stmt = db.cached(
            "INSERT OR REPLACE INTO http_cache (url, status, etag, last_modified, content_type, body, "
            "fetched_at, "
            "expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        stmt.bind(1, url)
            .bind(2, static_cast<std::int64_t>(status))
            .bind_text_or_null(3, etag)
            .bind_text_or_null(4, last_modified)
            .bind_text_or_null(5, content_type)
            .bind(6, std::string_view(body))
            .bind(7, iso_utc(now))
            .bind(8, iso_utc(now + policy.cache_ttl));
        stmt.run();
    }

    void refresh(const std::string& url, const Exchange& exchange) {
        std::int64_t now = epoch_now();
        Statement& stmt = db.cached(
            "UPDATE http_cache SET fetched_at = ?2, expires_at = ?3, etag = coalesce(?4, etag), "
            "last_modified = coalesce(?5, last_modified) WHERE url = ?1");
        stmt.bind(1, url)
            .bind(2, iso_utc(now))
            .bind(3, iso_utc(now + policy.cache_ttl))
            .bind_text_or_null(4, exchange.etag)
            .bind_text_or_null(5, exchange.last_modified);
        stmt.run();
    }

    static void answer_from(const CachedEntry& entry, sdk::HttpResponse& response) {
        response.status = entry.status;
        response.body = entry.body;
        response.content_type = entry.content_type;
        response.from_cache = true;
    }

    // How often each URL was asked for by this client, for repeats_are_pages.
    std::map<std::string, int> asked;

    std::string cache_key(const std::string& url) {
        if (!policy.repeats_are_pages) return url;
        int n = ++asked[url];
        return n == 1 ? url : fmt::format("{}#{}", url, n);
    }

    sdk::Status get(const std::string& url, sdk::HttpResponse& response, HttpStats& stats) {
        response = sdk::HttpResponse{};
        response.url = url;
        return get_keyed(url, cache_key(url), response, stats);
    }

    sdk::Status get_keyed(const std::string& url, const std::string& key, sdk::HttpResponse& response,
                          HttpStats& stats) {
        bool caching = policy.cache_ttl > 0;

        std::optional<CachedEntry> cached;
        if (caching || policy.offline) cached = lookup(key);
        if (policy.offline) {
            if (!cached)
                return sdk::Status::error(
                    fmt::format("{}: offline and {} is not in the cache", policy.source, url));
            answer_from(*cached, response);
            ++stats.cache_hits;
            return sdk::Status::success();
        }
        if (cached && cached->fresh) {
            answer_from(*cached, response);
            ++stats.cache_hits;
            return sdk::Status::success();
        }

        bool revalidate = cached && (!cached->etag.empty() || !cached->last_modified.empty());
        Exchange exchange;
        if (sdk::Status status = fetch(url, revalidate ? &*cached : nullptr, stats, exchange); !status)
            return status;

        if (exchange.status == 304 && revalidate) {
            refresh(key, exchange);
            answer_from(*cached, response);
            ++stats.cache_hits;
            return sdk::Status::success();
        }
        response.status = exchange.status;
        response.content_type = exchange.content_type;
        if (caching && exchange.status == 200)
            store(key, exchange.status, exchange.etag, exchange.last_modified, exchange.content_type,
                  exchange.body);
        response.body = std::move(exchange.body);
        return sdk::Status::success();
    }
};

HttpClient::HttpClient(Database& cache, HttpPolicy policy)
    : impl_(std::make_unique<Impl>(cache, std::move(policy))) {}

HttpClient::~HttpClient() = default;

void HttpClient::forget(const std::string& url) noexcept {
    // Offline, the cached answer is all there is: keep it.
    if (impl_->policy.offline) return;
    try {
        // Also forget that it was asked for, so the next get() uses (and refreshes) the same key.
        auto it = impl_->asked.find(url);
        std::string key =
            it == impl_->asked.end() || it->second <= 1 ? url : fmt::format("{}#{}", url, it->second);
        if (it != impl_->asked.end()) --it->second;
        impl_->db.cached("DELETE FROM http_cache WHERE url = ?1").bind(1, key).run();
    } catch (...) {
        // Nothing to report through this interface; the next get() revalidates or refetches anyway.
    }
}

void HttpClient::set_sleeper(std::function<void(double seconds)> sleeper) {
    impl_->sleeper = std::move(sleeper);
}

sdk::Status HttpClient::get(const std::string& url, sdk::HttpResponse& response) noexcept {
    try {
        return impl_->get(url, response, stats_);
    } catch (const std::exception& e) {
        try {
            return sdk::Status::error(fmt::format("{}: GET {}: {}", impl_->policy.source, url, e.what()));
        } catch (...) {
            return sdk::Status::error(e.what());
        }
    } catch (...) {
        return sdk::Status::error("unknown exception");
    }
}

}  // namespace bzpeer
