#include "live.hpp"

#include <algorithm>
#include <optional>

#include "atom_reader.hpp"
#include "metadata.hpp"
#include "oai_reader.hpp"

namespace bzpeer::arxiv {
namespace {

// Passes records on, counting them and remembering whether a failure was the sink's own (to
// be returned unchanged) or the reader's (to be told with the URL).
class ForwardingSink final : public sdk::RecordSink {
public:
    explicit ForwardingSink(sdk::RecordSink& inner) : inner_(inner) {}
    std::size_t works = 0;
    bool failed = false;

    sdk::Status work(sdk::WorkRecord&& record) override {
        sdk::Status status = inner_.work(std::move(record));
        failed = !status;
        if (status) ++works;
        return status;
    }
    sdk::Status person(sdk::PersonRecord&& record) override {
        sdk::Status status = inner_.person(std::move(record));
        failed = !status;
        return status;
    }
    sdk::Status batch_done() override { return inner_.batch_done(); }

private:
    sdk::RecordSink& inner_;
};

class DiscardingSink final : public sdk::RecordSink {
public:
    sdk::Status work(sdk::WorkRecord&&) override { return sdk::Status::success(); }
    sdk::Status person(sdk::PersonRecord&&) override { return sdk::Status::success(); }
    sdk::Status batch_done() override { return sdk::Status::success(); }
};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

// "arXiv:1707.08567v1", "https://arxiv.org/abs/1707.08567" and "1707.08567" alike.
std::string normalize_id(std::string_view id) {
    for (std::string_view marker : {"/abs/", "/pdf/"}) {
        if (std::size_t at = id.find(marker); at != std::string_view::npos) {
            id.remove_prefix(at + marker.size());
            if (id.ends_with(".pdf")) id.remove_suffix(4);
        }
    }
    if (id.size() > 6 && iequals(id.substr(0, 6), "arxiv:")) id.remove_prefix(6);
    return std::string(id);
}

std::string base_of(const sdk::ReadRequest& request) {
    std::string_view base = request.base_url.empty() ? kDefaultBaseUrl : std::string_view(request.base_url);
    while (base.ends_with('/')) base.remove_suffix(1);
    return std::string(base);
}

void add_parameter(std::string& url, bool& first, std::string_view name, std::string_view value) {
    url.push_back(first ? '?' : '&');
    first = false;
    url.append(name);
    url.push_back('=');
    url += url_encode(value);
}

bool flag_value(std::string_view value) { return !(value == "false" || value == "0" || value == "no"); }

// A non-200 answer: arXiv's own message when the body is an error feed or an OAI error.
sdk::Status http_error(const sdk::HttpResponse& response, const std::string& url, bool oai) {
    std::string where = "HTTP " + std::to_string(response.status) + " from " + url;
    if (!response.body.empty()) {
        DiscardingSink discard;
        sdk::Status parsed = oai ? read_oai(response.body, discard) : read_atom(response.body, discard);
        std::string_view text = parsed.message;
        if (!parsed && (text.starts_with("arXiv API error:") || text.starts_with("OAI-PMH error"))) {
            return sdk::Status::error(parsed.message + " (" + where + ")");
        }
    }
    return sdk::Status::error(where);
}

sdk::Status fetch_api(const sdk::ReadRequest& request, const LiveQuery& query, sdk::RecordSink& sink,
                      const FetchOptions& options) {
    const std::string base = base_of(request);
    long page_size = request.page_size > 0 ? request.page_size : options.default_page_size;
    page_size = std::clamp(page_size, 1L, std::max(1L, options.max_page_size));

    // One round of paging per id chunk; a plain search is one round without ids.
    std::vector<std::vector<std::string>> chunks;
    const std::size_t chunk_size = std::max<std::size_t>(1, options.ids_per_request);
    for (std::size_t i = 0; i < query.ids.size(); i += chunk_size) {
        auto end =
            query.ids.begin() + static_cast<std::ptrdiff_t>(std::min(query.ids.size(), i + chunk_size));
        chunks.emplace_back(query.ids.begin() + static_cast<std::ptrdiff_t>(i), end);
    }
    if (chunks.empty()) chunks.emplace_back();
    if (!query.ids.empty())
        if (auto status = sink.expect(static_cast<std::int64_t>(query.ids.size())); !status) return status;

    for (const auto& chunk : chunks) {
        for (long start = 0;;) {
            const std::string url = api_url(base, query.search_query, chunk, start, page_size);
            ForwardingSink counting(sink);
            FeedInfo info;
            // arXiv now and then answers a page short of the end with no entries at all (HTTP 200);
            // asking again usually gives them.
            for (int attempt = 0;; ++attempt) {
                sdk::HttpResponse response;
                if (auto status = request.fetcher->get(url, response); !status) return status;
                if (response.status != 200) return http_error(response, url, false);
                info = FeedInfo{};
                if (auto status = read_atom(response.body, counting, &info); !status) {
                    if (counting.failed) return status;
                    return sdk::Status::error(status.message + " (from " + url + ")");
                }
                bool short_of_total = info.total_results && start < *info.total_results;
                if (counting.works > 0 || !short_of_total) break;
                // Not an answer to keep: the host drops it from its cache, so that the next get()
                // (now, or in a later run) asks arXiv again.
                request.fetcher->forget(url);
                if (attempt == options.empty_page_retries) {
                    return sdk::Status::error(
                        "arXiv answered an empty page at start=" + std::to_string(start) +
                        " although totalResults is " + std::to_string(*info.total_results) + ", " +
                        std::to_string(attempt + 1) + " times (" + url + ")");
                }
            }
            if (query.ids.empty() && start == 0 && info.total_results)
                if (auto status = sink.expect(*info.total_results); !status) return status;
            if (auto status = sink.batch_done(); !status) return status;

            const long received = static_cast<long>(counting.works);
            start += received;
            if (received == 0) break;
            if (info.total_results ? start >= *info.total_results : received < page_size) break;
        }
    }
    return sdk::Status::success();
}

sdk::Status fetch_oai(const sdk::ReadRequest& request, const LiveQuery& query, sdk::RecordSink& sink) {
    const std::string base = base_of(request);
    std::string url = oai_list_url(base, query);
    std::string previous_token;
    for (;;) {
        sdk::HttpResponse response;
        if (auto status = request.fetcher->get(url, response); !status) return status;
        if (response.status != 200) return http_error(response, url, true);
        ForwardingSink forwarding(sink);
        OaiInfo info;
        if (auto status = read_oai(response.body, forwarding, &info); !status) {
            if (forwarding.failed) return status;
            return sdk::Status::error(status.message + " (from " + url + ")");
        }
        if (previous_token.empty() && info.complete_list_size)
            if (auto status = sink.expect(*info.complete_list_size); !status) return status;
        if (auto status = sink.batch_done(); !status) return status;
        if (info.resumption_token.empty()) return sdk::Status::success();
        if (info.resumption_token == previous_token) {
            return sdk::Status::error("arXiv repeated the resumptionToken '" + info.resumption_token +
                                      "'; stopping rather than loop (" + url + ")");
        }
        previous_token = info.resumption_token;
        url = oai_resume_url(base, previous_token);
    }
}

}  // namespace

std::vector<sdk::OptionSpec> plugin_options() {
    std::vector<sdk::OptionSpec> specs;
    auto add = [&](std::string name, std::string help) -> sdk::OptionSpec& {
        sdk::OptionSpec& spec = specs.emplace_back();
        spec.name = std::move(name);
        spec.help = std::move(help);
        return spec;
    };
    add("query", "arXiv API search_query, e.g. 'au:del_maestro AND ti:checkerboard' (spaces, not '+')");
    add("id", "arXiv ids to fetch, e.g. 1707.08567 or astro-ph/0601001v1 (several allowed)").repeatable =
        true;
    add("author", "an author's name, searched as au:\"NAME\"");
    add("oai", "harvest through OAI-PMH (ListRecords) instead of the search API").takes_value = false;
    add("from", "with --oai: records changed on or after DATE (YYYY-MM-DD)");
    add("until", "with --oai: records changed on or before DATE (YYYY-MM-DD)");
    add("set", "with --oai: an OAI set, e.g. cs, math or physics:hep-th");
    add("metadata", "with --oai: the metadata format, arXiv (default) or arXivRaw");
    add("snapshot", "arXiv's bulk metadata snapshot (JSON lines, .gz too), read as a stream").is_file = true;
    return specs;
}

sdk::Status parse_live_query(const std::vector<std::pair<std::string, std::string>>& options,
                             LiveQuery& query) {
    query = LiveQuery{};
    std::vector<std::string> searches;
    bool oai_options = false;
    for (const auto& [name, raw] : options) {
        std::string value(trim(raw));
        if (name == "query") {
            if (value.empty()) return sdk::Status::error("--query is empty");
            searches.push_back(value);
        } else if (name == "author") {
            std::erase(value, '"');
            value = collapse(value);
            if (value.empty()) return sdk::Status::error("--author is empty");
            searches.push_back("au:\"" + value + "\"");
        } else if (name == "id") {
            std::size_t i = 0;
            while (i < value.size()) {
                std::size_t end = value.find_first_of(", \t\n", i);
                if (end == std::string::npos) end = value.size();
                if (end > i) {
                    std::string id = normalize_id(std::string_view(value).substr(i, end - i));
                    if (!id.empty() && std::find(query.ids.begin(), query.ids.end(), id) == query.ids.end()) {
                        query.ids.push_back(std::move(id));
                    }
                }
                i = end + 1;
            }
        } else if (name == "oai") {
            query.oai = flag_value(value);
        } else if (name == "from" || name == "until") {
            if (!is_iso_date(value)) {
                return sdk::Status::error("--" + name + " takes a date as YYYY-MM-DD, not '" + value + "'");
            }
            (name == "from" ? query.from : query.until) = value;
            oai_options = true;
        } else if (name == "set") {
            query.set = value;
            oai_options = true;
        } else if (name == "metadata") {
            if (iequals(value, "arXiv")) {
                query.metadata_prefix = "arXiv";
            } else if (iequals(value, "arXivRaw")) {
                query.metadata_prefix = "arXivRaw";
            } else {
                return sdk::Status::error("--metadata is arXiv or arXivRaw, not '" + value + "'");
            }
            oai_options = true;
        } else if (name == "snapshot") {
            return sdk::Status::error("--snapshot names a file to read, not a live query");
        } else {
            return sdk::Status::error("unknown option --" + name);
        }
    }

    // Several search terms must all hold; a free query is kept whole inside parentheses.
    for (const std::string& search : searches) {
        if (!query.search_query.empty()) query.search_query += " AND ";
        bool wrap = searches.size() > 1 && !search.starts_with("au:\"");
        query.search_query += wrap ? "(" + search + ")" : search;
    }

    bool api = !query.search_query.empty() || !query.ids.empty();
    if (query.oai && api) {
        return sdk::Status::error(
            "--oai harvests by date and set; it cannot be combined with --query, --id or --author");
    }
    if (!query.oai && oai_options) {
        return sdk::Status::error("--from, --until, --set and --metadata apply only with --oai");
    }
    if (!query.oai && !api)
        return sdk::Status::error("nothing to fetch: give --query, --id, --author or --oai");
    if (!query.from.empty() && !query.until.empty() && query.until < query.from) {
        return sdk::Status::error("--until " + query.until + " is before --from " + query.from);
    }
    return sdk::Status::success();
}

std::string url_encode(std::string_view value) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(value.size() * 3);
    for (char c : value) {
        bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out.push_back(c);
        } else if (c == ' ') {
            out.push_back('+');
        } else {
            auto byte = static_cast<unsigned char>(c);
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0xF]);
        }
    }
    return out;
}

std::string api_url(std::string_view base, std::string_view search_query, const std::vector<std::string>& ids,
                    long start, long max_results) {
    std::string url = std::string(base) + "/api/query";
    bool first = true;
    if (!search_query.empty()) add_parameter(url, first, "search_query", search_query);
    if (!ids.empty()) {
        std::string list;
        for (const std::string& id : ids) {
            if (!list.empty()) list.push_back(',');
            list += id;
        }
        add_parameter(url, first, "id_list", list);
    }
    add_parameter(url, first, "start", std::to_string(start));
    add_parameter(url, first, "max_results", std::to_string(max_results));
    return url;
}

std::string oai_list_url(std::string_view base, const LiveQuery& query) {
    std::string url = std::string(base) + "/oai2";
    bool first = true;
    add_parameter(url, first, "verb", "ListRecords");
    add_parameter(url, first, "metadataPrefix", query.metadata_prefix);
    if (!query.from.empty()) add_parameter(url, first, "from", query.from);
    if (!query.until.empty()) add_parameter(url, first, "until", query.until);
    if (!query.set.empty()) add_parameter(url, first, "set", query.set);
    return url;
}

std::string oai_resume_url(std::string_view base, std::string_view token) {
    std::string url = std::string(base) + "/oai2";
    bool first = true;
    add_parameter(url, first, "verb", "ListRecords");
    add_parameter(url, first, "resumptionToken", token);
    return url;
}

sdk::Status fetch_live(const sdk::ReadRequest& request, sdk::RecordSink& sink, const FetchOptions& options) {
    if (!request.fetcher)
        return sdk::Status::error("no fetcher: the host gave live queries no network access");
    LiveQuery query;
    if (auto status = parse_live_query(request.options, query); !status) return status;
    return query.oai ? fetch_oai(request, query, sink) : fetch_api(request, query, sink, options);
}

}  // namespace bzpeer::arxiv
