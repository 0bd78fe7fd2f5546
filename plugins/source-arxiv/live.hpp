// Live queries: the plugin's options, and the arXiv API and OAI-PMH requests they turn into.
// All HTTP goes through the host's Fetcher (which rate-limits, retries, caches and answers
// --offline); this module only builds URLs, reads the answers and decides what to ask next.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bzpeer/sdk/plugin.hpp"

namespace bzpeer::arxiv {

inline constexpr std::string_view kDefaultBaseUrl = "https://export.arxiv.org";

// The options `bzpeer import arxiv` adds.
std::vector<sdk::OptionSpec> plugin_options();

struct LiveQuery {
    bool oai = false;
    std::string search_query;      // API: the search_query parameter, empty for none
    std::vector<std::string> ids;  // API: arXiv ids for id_list, in the order given, without repeats
    std::string from, until, set;  // OAI-PMH selective harvesting
    std::string metadata_prefix = "arXiv";
};

// Turns the options given into a query, or says what is wrong with them (usage errors).
sdk::Status parse_live_query(const std::vector<std::pair<std::string, std::string>>& options,
                             LiveQuery& query);

// Percent-encodes a query-string value: RFC 3986 unreserved characters stay, a space becomes
// '+', every other byte %XX.
std::string url_encode(std::string_view value);

// {base}/api/query?search_query=Q&id_list=A,B&start=S&max_results=M (empty parameters left out).
std::string api_url(std::string_view base, std::string_view search_query, const std::vector<std::string>& ids,
                    long start, long max_results);
// {base}/oai2?verb=ListRecords&metadataPrefix=P&from=F&until=U&set=S (empty parameters left out).
std::string oai_list_url(std::string_view base, const LiveQuery& query);
// {base}/oai2?verb=ListRecords&resumptionToken=T
std::string oai_resume_url(std::string_view base, std::string_view token);

struct FetchOptions {
    long default_page_size = 100;       // API max_results when the config gives none
    long max_page_size = 2000;          // arXiv's documented cap per request
    std::size_t ids_per_request = 100;  // id_list chunk size
    int empty_page_retries = 3;         // re-requests of an empty page before the end
};

// Runs the query the options ask for through request.fetcher, calling sink.batch_done()
// after each page. Errors name the URL; a sink error is returned unchanged.
sdk::Status fetch_live(const sdk::ReadRequest& request, sdk::RecordSink& sink,
                       const FetchOptions& options = {});

}  // namespace bzpeer::arxiv
