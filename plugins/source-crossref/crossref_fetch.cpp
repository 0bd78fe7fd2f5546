#include "crossref_fetch.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace bzpeer::crossref {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && lower(text.substr(0, prefix.size())) == prefix;
}

// Takes the records of an error body without passing them on: only its message matters.
class DiscardSink final : public sdk::RecordSink {
public:
    sdk::Status work(sdk::WorkRecord&&) override { return sdk::Status::success(); }
    sdk::Status person(sdk::PersonRecord&&) override { return sdk::Status::success(); }
    sdk::Status batch_done() override { return sdk::Status::success(); }
};

// What an error response says: Crossref's message from a JSON error body, else the first
// line of a plain-text one ("Resource not found.").
std::string error_text(const sdk::HttpResponse& response, Reader& reader) {
    std::string_view body = trim(response.body);
    if (body.empty()) return "(empty body)";
    if (body.front() == '{') {
        DiscardSink discard;
        if (auto status = reader.read(body, discard); !status) return status.message;
    }
    std::string_view line = body.substr(0, body.find_first_of("\r\n"));
    std::string shown(line.substr(0, 200));
    if (line.size() > shown.size()) shown += "...";
    return shown;
}

bool is_success(long status) { return status >= 200 && status < 300; }

struct Query {
    std::vector<std::string> dois;
    std::optional<std::string> author;
    std::optional<std::string> orcid;
    std::optional<std::string> text;
};

Query query_of(const sdk::ReadRequest& request) {
    Query query;
    auto value_of = [](std::string_view name, std::string_view value) {
        std::string_view text = trim(value);
        if (text.empty()) throw std::invalid_argument("--" + std::string(name) + " needs a value");
        return std::string(text);
    };
    for (const auto& [name, value] : request.options) {
        if (name == "doi") {
            std::string doi = bare_doi(value);
            if (doi.empty()) {
                throw std::invalid_argument("not a DOI: \"" + value + "\" (a DOI starts with \"10.\")");
            }
            bool seen = std::any_of(query.dois.begin(), query.dois.end(),
                                    [&](const std::string& other) { return lower(other) == lower(doi); });
            if (!seen) query.dois.push_back(std::move(doi));
        } else if (name == "author") {
            query.author = value_of(name, value);
        } else if (name == "orcid") {
            query.orcid = checked_orcid(value);
        } else if (name == "query") {
            query.text = value_of(name, value);
        }
    }
    return query;
}

std::string base_of(const sdk::ReadRequest& request) {
    std::string base(trim(request.base_url));
    if (base.empty()) base = kDefaultBaseUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
}

long rows_of(const sdk::ReadRequest& request) {
    if (request.page_size <= 0) return kDefaultRows;
    return std::min(request.page_size, kMaxRows);
}

sdk::Status fetch_doi(const std::string& base, const std::string& mailto, const std::string& doi,
                      sdk::RecordSink& sink, Reader& reader, sdk::Fetcher& fetcher) {
    std::string url = base + "/works/" + url_encode(doi);
    if (!mailto.empty()) url += "?mailto=" + url_encode(mailto);
    sdk::HttpResponse response;
    if (auto status = fetcher.get(url, response); !status) {
        return sdk::Status::error("DOI " + doi + ": " + status.message);
    }
    if (response.status == 404) {
        return sdk::Status::error("Crossref has no work with DOI " + doi +
                                  " (HTTP 404: " + error_text(response, reader) + ")");
    }
    if (!is_success(response.status)) {
        return sdk::Status::error("DOI " + doi + ": Crossref answered HTTP " +
                                  std::to_string(response.status) + ": " + error_text(response, reader));
    }
    if (auto status = reader.read(response.body, sink); !status) {
        return sdk::Status::error("DOI " + doi + ": " + status.message);
    }
    return sink.batch_done();
}

sdk::Status fetch_list(const std::string& base, const std::string& mailto, long rows, const Query& query,
                       sdk::RecordSink& sink, Reader& reader, sdk::Fetcher& fetcher) {
    // Fixed parameter order, so the same query always asks for the same URL (and the host's
    // cache can answer it).
    std::string params;
    std::string described;
    auto add = [&](std::string_view key, const std::string& encoded, std::string_view label,
                   const std::string& shown) {
        params += (params.empty() ? "" : "&") + std::string(key) + "=" + encoded;
        described += (described.empty() ? "" : ", ") + std::string(label) + " " + shown;
    };
    if (query.text) add("query", url_encode(*query.text), "query", "\"" + *query.text + "\"");
    if (query.author) add("query.author", url_encode(*query.author), "author", "\"" + *query.author + "\"");
    if (query.orcid) add("filter", "orcid:" + url_encode(*query.orcid), "ORCID", *query.orcid);
    std::string prefix = base + "/works?" + params + "&rows=" + std::to_string(rows) + "&cursor=";
    std::string suffix = mailto.empty() ? std::string() : "&mailto=" + url_encode(mailto);

    // Deep paging: cursor=* first, then the cursor each page returns. Crossref often returns
    // the same cursor page after page, so the end is told by the counts, never by the cursor:
    // a page without items, or as many items read as the query has results.
    std::string cursor = "*";
    std::int64_t read = 0;
    std::size_t previous_hash = 0;
    std::size_t previous_size = 0;
    for (long page = 1;; ++page) {
        std::string where = "Crossref query (" + described + ") page " + std::to_string(page);
        std::string url = prefix + (page == 1 ? cursor : url_encode(cursor)) + suffix;
        sdk::HttpResponse response;
        if (auto status = fetcher.get(url, response); !status) {
            return sdk::Status::error(where + ": " + status.message);
        }
        if (!is_success(response.status)) {
            return sdk::Status::error(where + ": HTTP " + std::to_string(response.status) + ": " +
                                      error_text(response, reader));
        }
        // Crossref never answers two cursor pages alike. An answer identical to the previous
        // page comes from a cache keyed by URL (the cursor, and so the URL, repeats): reading
        // on would duplicate that page and silently lose the rest.
        std::size_t hash = std::hash<std::string_view>{}(response.body);
        if (page > 1 && hash == previous_hash && response.body.size() == previous_size) {
            return sdk::Status::error(where + ": the answer repeats page " + std::to_string(page - 1) +
                                      " byte for byte (a cached answer to the repeated cursor URL?); the "
                                      "pages after it were not read");
        }
        previous_hash = hash;
        previous_size = response.body.size();
        ListInfo info;
        if (auto status = reader.read(response.body, sink, &info); !status) {
            return sdk::Status::error(where + ": " + status.message);
        }
        if (page == 1 && info.total_results)
            if (auto status = sink.expect(*info.total_results); !status) return status;
        if (auto status = sink.batch_done(); !status) return status;
        read += static_cast<std::int64_t>(info.items);
        if (info.items == 0) break;
        if (info.total_results && read >= *info.total_results) break;
        if (!info.next_cursor || info.next_cursor->empty()) break;
        cursor = *info.next_cursor;
    }
    return sdk::Status::success();
}

}  // namespace

std::string url_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
            byte == '-' || byte == '.' || byte == '_' || byte == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0F];
        }
    }
    return out;
}

std::string bare_doi(std::string_view text) {
    text = trim(text);
    for (std::string_view prefix : {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                    "http://dx.doi.org/", "doi.org/", "doi:"}) {
        if (starts_with_nocase(text, prefix)) {
            text = trim(text.substr(prefix.size()));
            break;
        }
    }
    if (text.size() < 4 || text.substr(0, 3) != "10." || text.find('/') == std::string_view::npos) return {};
    return std::string(text);
}

std::string checked_orcid(std::string_view typed) {
    std::string_view text = trim(typed);
    for (std::string_view prefix : {"https://orcid.org/", "http://orcid.org/", "orcid.org/"}) {
        if (starts_with_nocase(text, prefix)) {
            text = text.substr(prefix.size());
            break;
        }
    }
    std::string digits;
    for (char c : text) {
        if (c != '-') digits += c == 'x' ? 'X' : c;
    }
    bool shaped =
        digits.size() == 16 &&
        std::all_of(digits.begin(), digits.end() - 1, [](char c) { return c >= '0' && c <= '9'; }) &&
        ((digits.back() >= '0' && digits.back() <= '9') || digits.back() == 'X') &&
        (text.size() == 16 || (text.size() == 19 && text[4] == '-' && text[9] == '-' && text[14] == '-'));
    if (!shaped) {
        throw std::invalid_argument("invalid ORCID iD \"" + std::string(typed) +
                                    "\": expected 16 digits such as 0000-0002-1825-0097 (the last may be X)");
    }
    // ISO 7064 mod 11-2 over the first 15 digits.
    int total = 0;
    for (std::size_t i = 0; i + 1 < digits.size(); ++i) total = (total + (digits[i] - '0')) * 2;
    int result = (12 - total % 11) % 11;
    char expected = result == 10 ? 'X' : static_cast<char>('0' + result);
    if (digits.back() != expected) {
        throw std::invalid_argument("invalid ORCID iD \"" + std::string(typed) + "\": its check digit is " +
                                    digits.back() + ", expected " + expected);
    }
    return digits.substr(0, 4) + '-' + digits.substr(4, 4) + '-' + digits.substr(8, 4) + '-' +
           digits.substr(12);
}

sdk::Status fetch_works(const sdk::ReadRequest& request, sdk::RecordSink& sink, Reader& reader) {
    if (!request.fetcher) return sdk::Status::error("no fetcher was given for a live Crossref query");
    Query query;
    try {
        query = query_of(request);
    } catch (const std::invalid_argument& e) {
        return sdk::Status::error(e.what());
    }
    bool list = query.author || query.orcid || query.text;
    if (query.dois.empty() && !list) {
        return sdk::Status::error(
            "nothing to fetch from Crossref: give --doi, --author, --orcid or --query (or --file or --dump "
            "to read saved data)");
    }
    std::string base = base_of(request);
    std::string mailto(trim(request.mailto));
    for (const std::string& doi : query.dois) {
        if (auto status = fetch_doi(base, mailto, doi, sink, reader, *request.fetcher); !status)
            return status;
    }
    if (list) return fetch_list(base, mailto, rows_of(request), query, sink, reader, *request.fetcher);
    return sdk::Status::success();
}

}  // namespace bzpeer::crossref
