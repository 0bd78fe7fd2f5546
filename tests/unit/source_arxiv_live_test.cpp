// Live queries through a fake in-memory Fetcher: the plugin's options, the exact URLs asked
// for, paging through opensearch:totalResults with two recorded API pages, the empty-page
// retry, arXiv's HTTP 400 error feed, OAI-PMH resumptionToken paging and id chunking.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "live.hpp"
#include "source_test_support.hpp"

namespace {

using bzpeer::arxiv::api_url;
using bzpeer::arxiv::fetch_live;
using bzpeer::arxiv::LiveQuery;
using bzpeer::arxiv::oai_list_url;
using bzpeer::arxiv::oai_resume_url;
using bzpeer::arxiv::parse_live_query;
using bzpeer::arxiv::plugin_options;
using bzpeer::arxiv::url_encode;
using namespace bzpeer::test::common;

const std::string kBase = "http://127.0.0.1:8080";

std::string fixture(const std::string& path) { return bzpeer::test::read_fixture(path); }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

// Like arXiv's server, answers a URL nobody served with a 404 page.
class FakeFetcher : public bzpeer::test::FakeFetcher {
public:
    FakeFetcher() : bzpeer::test::FakeFetcher("application/atom+xml", Unknown::not_found) {}
};

ReadRequest request_for(std::vector<std::pair<std::string, std::string>> options, FakeFetcher& fetcher,
                        long page_size = 0) {
    return bzpeer::test::fetch_request(std::move(options), fetcher, kBase, {}, page_size);
}

std::vector<std::string> arxiv_ids(const std::vector<WorkRecord>& works) {
    std::vector<std::string> out;
    for (const WorkRecord& work : works) out.push_back(work.ids.front().value);
    return out;
}

// The two recorded pages of search_query=testing, max_results=10. arXiv said 214881 results;
// these copies say 20 so that the two pages are the whole answer.
std::string page(int start) {
    std::string text = fixture("arxiv/api2026_search_testing_start" + std::to_string(start) + "_max10.xml");
    return replaced(text, "<opensearch:totalResults>214881<", "<opensearch:totalResults>20<");
}

std::string empty_page(int start, int total) {
    std::string text = fixture("arxiv/api2026_empty_result_id_0000.0000.xml");
    text = replaced(text, "<opensearch:totalResults>0<",
                    "<opensearch:totalResults>" + std::to_string(total) + "<");
    return replaced(text, "<opensearch:startIndex>0<",
                    "<opensearch:startIndex>" + std::to_string(start) + "<");
}

const std::string kPage0 = kBase + "/api/query?search_query=testing&start=0&max_results=10";
const std::string kPage10 = kBase + "/api/query?search_query=testing&start=10&max_results=10";

// ---- options and URLs -------------------------------------------------------------------

TEST(SourceArxivLive, OptionsTheImportCommandShows) {
    std::vector<OptionSpec> specs = plugin_options();
    std::vector<std::string> option_names;
    for (const OptionSpec& spec : specs) {
        option_names.push_back(spec.name);
        EXPECT_FALSE(spec.help.empty()) << spec.name;
        EXPECT_FALSE(spec.positional) << spec.name;
        EXPECT_EQ(spec.repeatable, spec.name == "id") << spec.name;
        EXPECT_EQ(spec.takes_value, spec.name != "oai") << spec.name;
        EXPECT_EQ(spec.is_file, spec.name == "snapshot") << spec.name;
    }
    EXPECT_THAT(option_names,
                ElementsAre("query", "id", "author", "oai", "from", "until", "set", "metadata", "snapshot"));
}

TEST(SourceArxivLive, UrlEncoding) {
    EXPECT_EQ(url_encode("au:\"Bo Zheng\""), "au%3A%22Bo+Zheng%22");
    EXPECT_EQ(url_encode("astro-ph/0601001,1707.08567"), "astro-ph%2F0601001%2C1707.08567");
    EXPECT_EQ(url_encode("a+b&c=d#e~f_g.h"), "a%2Bb%26c%3Dd%23e~f_g.h");
    EXPECT_EQ(url_encode("Bal\u00E1zs"), "Bal%C3%A1zs");
    EXPECT_EQ(url_encode("726959|1001"), "726959%7C1001");
}

TEST(SourceArxivLive, UrlBuilders) {
    EXPECT_EQ(api_url(kBase, "ti:checkerboard", {}, 0, 100),
              kBase + "/api/query?search_query=ti%3Acheckerboard&start=0&max_results=100");
    EXPECT_EQ(api_url(kBase, "", {"1707.08567", "astro-ph/0601001"}, 0, 100),
              kBase + "/api/query?id_list=1707.08567%2Castro-ph%2F0601001&start=0&max_results=100");
    EXPECT_EQ(api_url(kBase, "cat:hep-th", {"1707.08567"}, 200, 50),
              kBase + "/api/query?search_query=cat%3Ahep-th&id_list=1707.08567&start=200&max_results=50");
    LiveQuery query;
    query.oai = true;
    EXPECT_EQ(oai_list_url(kBase, query), kBase + "/oai2?verb=ListRecords&metadataPrefix=arXiv");
    query.metadata_prefix = "arXivRaw";
    query.from = "2017-12-01";
    query.until = "2017-12-14";
    query.set = "physics:hep-th";
    EXPECT_EQ(oai_list_url(kBase, query),
              kBase +
                  "/oai2?verb=ListRecords&metadataPrefix=arXivRaw&from=2017-12-01&until="
                  "2017-12-14&set=physics%3Ahep-th");
    EXPECT_EQ(oai_resume_url(kBase, "726959|1001"),
              kBase + "/oai2?verb=ListRecords&resumptionToken=726959%7C1001");
}

TEST(SourceArxivLive, QueriesFromOptions) {
    LiveQuery query;
    ASSERT_TRUE(parse_live_query({{"author", "Bo Zheng"}}, query));
    EXPECT_EQ(query.search_query, "au:\"Bo Zheng\"");
    EXPECT_FALSE(query.oai);

    ASSERT_TRUE(parse_live_query(
        {{"query", "ti:checkerboard OR ti:stripe"}, {"author", " Del  \"Maestro\" "}}, query));
    EXPECT_EQ(query.search_query, "(ti:checkerboard OR ti:stripe) AND au:\"Del Maestro\"");

    // Ids in any spelling, split on commas and spaces, repeats dropped, order kept.
    ASSERT_TRUE(parse_live_query({{"id", "arXiv:1707.08567"},
                                  {"id", "https://arxiv.org/abs/astro-ph/0601001v1, 1201.4869"},
                                  {"id", "http://arxiv.org/pdf/1707.08567.pdf"}},
                                 query));
    EXPECT_THAT(query.ids, ElementsAre("1707.08567", "astro-ph/0601001v1", "1201.4869"));

    ASSERT_TRUE(parse_live_query({{"oai", "true"}, {"metadata", "arxivraw"}, {"from", "2014-10-01"}}, query));
    EXPECT_TRUE(query.oai);
    EXPECT_EQ(query.metadata_prefix, "arXivRaw");
    EXPECT_EQ(query.from, "2014-10-01");
}

TEST(SourceArxivLive, OptionMistakesAreUsageErrors) {
    LiveQuery query;
    EXPECT_EQ(parse_live_query({}, query).message, "nothing to fetch: give --query, --id, --author or --oai");
    EXPECT_EQ(parse_live_query({{"from", "2020-01-01"}, {"query", "x"}}, query).message,
              "--from, --until, --set and --metadata apply only with --oai");
    EXPECT_EQ(parse_live_query({{"oai", "true"}, {"query", "x"}}, query).message,
              "--oai harvests by date and set; it cannot be combined with --query, --id or --author");
    EXPECT_EQ(parse_live_query({{"oai", "true"}, {"metadata", "oai_dc"}}, query).message,
              "--metadata is arXiv or arXivRaw, not 'oai_dc'");
    EXPECT_EQ(parse_live_query({{"oai", "true"}, {"from", "14.10.2014"}}, query).message,
              "--from takes a date as YYYY-MM-DD, not '14.10.2014'");
    EXPECT_EQ(
        parse_live_query({{"oai", "true"}, {"from", "2020-02-01"}, {"until", "2020-01-01"}}, query).message,
        "--until 2020-01-01 is before --from 2020-02-01");
    EXPECT_EQ(parse_live_query({{"author", " \" "}}, query).message, "--author is empty");
    EXPECT_EQ(parse_live_query({{"snapshot", "dump.jsonl"}}, query).message,
              "--snapshot names a file to read, not a live query");
    EXPECT_EQ(parse_live_query({{"bogus", "1"}}, query).message, "unknown option --bogus");

    FakeFetcher fetcher;
    CollectingSink sink;
    EXPECT_EQ(fetch_live(request_for({}, fetcher), sink).message,
              "nothing to fetch: give --query, --id, --author or --oai");
    EXPECT_THAT(fetcher.requests, IsEmpty());
    ReadRequest no_fetcher;
    no_fetcher.options = {{"query", "x"}};
    EXPECT_THAT(fetch_live(no_fetcher, sink).message, StartsWith("no fetcher"));
}

// ---- the search API ---------------------------------------------------------------------

TEST(SourceArxivLive, PagesThroughTotalResults) {
    FakeFetcher fetcher;
    fetcher.serve(kPage0, 200, page(0));
    fetcher.serve(kPage10, 200, page(10));
    CollectingSink sink;
    Status status = fetch_live(request_for({{"query", "testing"}}, fetcher, 10), sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(fetcher.requests, ElementsAre(kPage0, kPage10));
    ASSERT_EQ(sink.works.size(), 20u);
    EXPECT_EQ(arxiv_ids(sink.works).front(), "2202.12139v1");
    EXPECT_THAT(sink.batch_ends, ElementsAre(10u, 20u));  // one batch per page
    EXPECT_THAT(sink.expected, ElementsAre(20));          // totalResults, told once, for progress
}

TEST(SourceArxivLive, RealTotalKeepsPagingUntilTheSinkStops) {
    // The unedited pages say 214881 results: the plugin asks for start=20 next, unless the
    // host stops it (Ctrl-C) at a batch end; the sink's status comes back unchanged.
    FakeFetcher fetcher;
    fetcher.serve(kPage0, 200, fixture("arxiv/api2026_search_testing_start0_max10.xml"));
    fetcher.serve(kPage10, 200, fixture("arxiv/api2026_search_testing_start10_max10.xml"));
    CollectingSink sink;
    sink.stop_at_batch = 2;
    Status status = fetch_live(request_for({{"query", "testing"}}, fetcher, 10), sink);
    EXPECT_EQ(status.message, "interrupted");
    EXPECT_THAT(fetcher.requests, ElementsAre(kPage0, kPage10));

    FakeFetcher unstopped;
    unstopped.serve(kPage0, 200, fixture("arxiv/api2026_search_testing_start0_max10.xml"));
    unstopped.serve(kPage10, 200, fixture("arxiv/api2026_search_testing_start10_max10.xml"));
    CollectingSink all;
    status = fetch_live(request_for({{"query", "testing"}}, unstopped, 10), all);
    const std::string page20 = kBase + "/api/query?search_query=testing&start=20&max_results=10";
    EXPECT_EQ(status.message, "HTTP 404 from " + page20);
    EXPECT_THAT(unstopped.requests, ElementsAre(kPage0, kPage10, page20));
    EXPECT_THAT(all.batch_ends, ElementsAre(10u, 20u));
}

TEST(SourceArxivLive, DefaultPageSizeAndBaseUrl) {
    FakeFetcher fetcher;
    CollectingSink sink;
    ReadRequest request = request_for({{"author", "Bo Zheng"}}, fetcher);
    request.base_url = "";
    const std::string url =
        "https://export.arxiv.org/api/query?search_query=au%3A%22Bo+Zheng%22&start=0&max_results=100";
    fetcher.serve(url, 200, fixture("arxiv/api2026_empty_result_id_0000.0000.xml"));
    ASSERT_TRUE(fetch_live(request, sink));
    EXPECT_THAT(fetcher.requests, ElementsAre(url));
    EXPECT_THAT(sink.works, IsEmpty());
    EXPECT_THAT(sink.batch_ends, ElementsAre(0u));

    FakeFetcher slash;
    ReadRequest trailing = request_for({{"query", "testing"}}, slash, 5000);
    trailing.base_url = kBase + "/";
    fetch_live(trailing, sink);
    // Capped at arXiv's 2000 per request.
    EXPECT_THAT(slash.requests,
                ElementsAre(kBase + "/api/query?search_query=testing&start=0&max_results=2000"));
}

TEST(SourceArxivLive, EmptyPageBeforeTheEndIsAskedForAgain) {
    FakeFetcher fetcher;
    fetcher.serve(kPage0, 200, page(0));
    fetcher.serve(kPage10, 200, empty_page(10, 20));
    fetcher.serve(kPage10, 200, empty_page(10, 20));
    fetcher.serve(kPage10, 200, page(10));
    CollectingSink sink;
    Status status = fetch_live(request_for({{"query", "testing"}}, fetcher, 10), sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(fetcher.requests, ElementsAre(kPage0, kPage10, kPage10, kPage10));
    // Each empty answer is dropped from the host's cache before asking again.
    EXPECT_THAT(fetcher.forgotten, ElementsAre(kPage10, kPage10));
    EXPECT_EQ(sink.works.size(), 20u);
    EXPECT_THAT(sink.batch_ends, ElementsAre(10u, 20u));  // the empty answers were no batches
}

TEST(SourceArxivLive, EmptyPageGivesUpAfterThreeRetries) {
    FakeFetcher fetcher;
    fetcher.serve(kPage0, 200, page(0));
    fetcher.serve(kPage10, 200, empty_page(10, 20));
    CollectingSink sink;
    Status status = fetch_live(request_for({{"query", "testing"}}, fetcher, 10), sink);
    EXPECT_FALSE(status);
    EXPECT_EQ(
        status.message,
        "arXiv answered an empty page at start=10 although totalResults is 20, 4 times (" + kPage10 + ")");
    EXPECT_THAT(fetcher.requests, ElementsAre(kPage0, kPage10, kPage10, kPage10, kPage10));
    // The last empty answer is not kept either: a later run asks arXiv again.
    EXPECT_THAT(fetcher.forgotten, ElementsAre(kPage10, kPage10, kPage10, kPage10));
    EXPECT_THAT(sink.batch_ends, ElementsAre(10u));
}

TEST(SourceArxivLive, EmptyResultIsNotRetried) {
    FakeFetcher fetcher;
    const std::string url = kBase + "/api/query?id_list=0000.0000&start=0&max_results=100";
    fetcher.serve(url, 200, fixture("arxiv/api2026_empty_result_id_0000.0000.xml"));
    CollectingSink sink;
    ASSERT_TRUE(fetch_live(request_for({{"id", "0000.0000"}}, fetcher), sink));
    EXPECT_THAT(fetcher.requests, ElementsAre(url));
    EXPECT_THAT(fetcher.forgotten, IsEmpty());
    EXPECT_THAT(sink.works, IsEmpty());
}

TEST(SourceArxivLive, Http400ErrorFeedGivesArxivsMessage) {
    FakeFetcher fetcher;
    const std::string url = kBase + "/api/query?id_list=abc&start=0&max_results=100";
    fetcher.serve(url, 400, fixture("arxiv/api2026_error_http400_incorrect_id_format_abc.xml"));
    CollectingSink sink;
    Status status = fetch_live(request_for({{"id", "abc"}}, fetcher), sink);
    EXPECT_EQ(status.message, "arXiv API error: incorrect id format for abc (HTTP 400 from " + url + ")");
    EXPECT_THAT(sink.works, IsEmpty());
    EXPECT_THAT(sink.batch_ends, IsEmpty());
}

TEST(SourceArxivLive, OtherHttpStatusesAndFetcherFailures) {
    FakeFetcher fetcher;
    const std::string url = kBase + "/api/query?search_query=testing&start=0&max_results=100";
    fetcher.serve(url, 503, "<html>Service Unavailable</html>");
    CollectingSink sink;
    EXPECT_EQ(fetch_live(request_for({{"query", "testing"}}, fetcher), sink).message, "HTTP 503 from " + url);

    // A 200 with an error feed (the 2019 layout) is an error too, naming the URL.
    FakeFetcher legacy;
    const std::string invalid = kBase + "/api/query?id_list=INVALIDID&start=0&max_results=100";
    legacy.serve(invalid, 200, fixture("arxiv/legacy2019_error_incorrect_id_format.xml"));
    EXPECT_EQ(fetch_live(request_for({{"id", "INVALIDID"}}, legacy), sink).message,
              "arXiv API error: incorrect id format for INVALIDID (from " + invalid + ")");

    // No answer at all (network down after the retries, or --offline without a cached copy):
    // the fetcher's message is returned as it is.
    FakeFetcher offline;
    offline.failure = Status::error("offline: no cached response for " + url);
    EXPECT_EQ(fetch_live(request_for({{"query", "testing"}}, offline), sink).message,
              "offline: no cached response for " + url);
}

TEST(SourceArxivLive, IdsAreSentAHundredPerRequest) {
    std::vector<std::pair<std::string, std::string>> options;
    std::vector<std::string> ids;
    for (int i = 1; i <= 250; ++i) {
        std::string number = std::to_string(i);
        ids.push_back("2101." + std::string(5 - number.size(), '0') + number);
        options.emplace_back("id", ids.back());
    }
    auto id_list = [&](std::size_t from, std::size_t to) {
        std::string list;
        for (std::size_t i = from; i < to; ++i) list += (list.empty() ? "" : "%2C") + ids[i];
        return kBase + "/api/query?id_list=" + list + "&start=0&max_results=100";
    };
    FakeFetcher fetcher;
    for (auto [from, to] : {std::pair{0, 100}, std::pair{100, 200}, std::pair{200, 250}}) {
        fetcher.serve(id_list(from, to), 200, fixture("arxiv/api2026_empty_result_id_0000.0000.xml"));
    }
    CollectingSink sink;
    Status status = fetch_live(request_for(options, fetcher), sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(fetcher.requests, ElementsAre(id_list(0, 100), id_list(100, 200), id_list(200, 250)));
    EXPECT_EQ(sink.batch_ends.size(), 3u);
    EXPECT_THAT(sink.expected, ElementsAre(250));  // one record per id asked for
}

TEST(SourceArxivLive, IdChunkPagesWhenThePageIsSmaller) {
    // Two ids with a page size of 1: each chunk is paged like a search.
    FakeFetcher fetcher;
    std::string one = fixture("arxiv/api2026_id_astro-ph_0601001_affiliations_journal_ref.xml");
    one = replaced(one, "<opensearch:totalResults>1<", "<opensearch:totalResults>2<");
    const std::string first =
        kBase + "/api/query?id_list=astro-ph%2F0601001%2C1707.08567&start=0&max_results=1";
    const std::string second =
        kBase + "/api/query?id_list=astro-ph%2F0601001%2C1707.08567&start=1&max_results=1";
    fetcher.serve(first, 200, one);
    std::string other = fixture("arxiv/api2026_id_list_two_ids_one_missing_34_authors_mojibake.xml");
    fetcher.serve(second, 200, replaced(other, "<opensearch:totalResults>1<", "<opensearch:totalResults>2<"));
    CollectingSink sink;
    Status status =
        fetch_live(request_for({{"id", "astro-ph/0601001"}, {"id", "arXiv:1707.08567"}}, fetcher, 1), sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(fetcher.requests, ElementsAre(first, second));
    EXPECT_THAT(arxiv_ids(sink.works), ElementsAre("astro-ph/0601001v1", "1707.08567v1"));
}

// ---- OAI-PMH ----------------------------------------------------------------------------

TEST(SourceArxivLive, OaiFollowsResumptionTokens) {
    FakeFetcher fetcher;
    const std::string first = kBase + "/oai2?verb=ListRecords&metadataPrefix=arXivRaw&from=2014-10-01";
    const std::string next = kBase + "/oai2?verb=ListRecords&resumptionToken=726959%7C1001";
    fetcher.serve(first, 200, fixture("arxiv-oai/listrecords_arXivRaw_6_records_resumptiontoken.xml"));
    fetcher.serve(next, 200, fixture("arxiv-oai/listrecords_arXiv_set_hep-th_3_records.xml"));
    CollectingSink sink;
    Status status = fetch_live(
        request_for({{"oai", "true"}, {"from", "2014-10-01"}, {"metadata", "arXivRaw"}}, fetcher), sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(fetcher.requests, ElementsAre(first, next));
    EXPECT_EQ(sink.works.size(), 9u);
    EXPECT_THAT(sink.batch_ends, ElementsAre(6u, 9u));
    EXPECT_THAT(sink.expected, ElementsAre(58011));  // the first page's completeListSize
    EXPECT_EQ(arxiv_ids(sink.works).front(), "0704.0471v1");
    EXPECT_EQ(arxiv_ids(sink.works).back(), "1607.01710");
}

TEST(SourceArxivLive, OaiSetHarvestSkipsDeletedRecords) {
    FakeFetcher fetcher;
    const std::string url =
        kBase +
        "/oai2?verb=ListRecords&metadataPrefix=arXiv&from=2017-12-14&until=2017-12-14&set=physics%3Ahep-th";
    std::string page = fixture("arxiv-oai/listrecords_arXiv_set_hep-th_3_records.xml");
    page = replaced(page, "<record>",
                    "<record><header status=\"deleted\"><identifier>oai:arXiv.org:0901.4014"
                    "</identifier></header></record><record>");
    fetcher.serve(url, 200, page);
    CollectingSink sink;
    Status status = fetch_live(
        request_for(
            {{"oai", "true"}, {"set", "physics:hep-th"}, {"from", "2017-12-14"}, {"until", "2017-12-14"}},
            fetcher),
        sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(fetcher.requests, ElementsAre(url));
    EXPECT_THAT(arxiv_ids(sink.works), ElementsAre("1412.8323", "1507.07790", "1607.01710"));
}

TEST(SourceArxivLive, OaiNoRecordsMatchIsAnEmptyHarvest) {
    FakeFetcher fetcher;
    const std::string url = kBase + "/oai2?verb=ListRecords&metadataPrefix=arXivRaw&set=moo";
    fetcher.serve(url, 200, fixture("arxiv-oai/error_noRecordsMatch.xml"));
    CollectingSink sink;
    Status status =
        fetch_live(request_for({{"oai", "true"}, {"metadata", "arXivRaw"}, {"set", "moo"}}, fetcher), sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(fetcher.requests, ElementsAre(url));
    EXPECT_THAT(sink.works, IsEmpty());
}

TEST(SourceArxivLive, OaiErrorsNameCodeAndUrl) {
    FakeFetcher fetcher;
    const std::string first = kBase + "/oai2?verb=ListRecords&metadataPrefix=arXivRaw&from=2014-10-01";
    const std::string next = kBase + "/oai2?verb=ListRecords&resumptionToken=726959%7C1001";
    fetcher.serve(first, 200, fixture("arxiv-oai/listrecords_arXivRaw_6_records_resumptiontoken.xml"));
    fetcher.serve(next, 200, fixture("arxiv-oai/error_badResumptionToken.xml"));
    CollectingSink sink;
    Status status = fetch_live(
        request_for({{"oai", "true"}, {"from", "2014-10-01"}, {"metadata", "arXivRaw"}}, fetcher), sink);
    EXPECT_EQ(status.message,
              "OAI-PMH error badResumptionToken: The resumptionToken supplied is illegal for this repository "
              "(from " +
                  next + ")");
    EXPECT_THAT(sink.batch_ends, ElementsAre(6u));  // the first page is committed, the second is nothing

    // The same error document with an HTTP error status.
    FakeFetcher http;
    const std::string url = kBase + "/oai2?verb=ListRecords&metadataPrefix=arXiv";
    http.serve(url, 400, fixture("arxiv-oai/error_badResumptionToken.xml"));
    EXPECT_EQ(
        fetch_live(request_for({{"oai", "true"}}, http), sink).message,
        "OAI-PMH error badResumptionToken: The resumptionToken supplied is illegal for this repository (HTTP "
        "400 from " +
            url + ")");
}

TEST(SourceArxivLive, OaiRepeatedTokenStopsInsteadOfLooping) {
    FakeFetcher fetcher;
    const std::string first = kBase + "/oai2?verb=ListRecords&metadataPrefix=arXiv";
    const std::string next = kBase + "/oai2?verb=ListRecords&resumptionToken=726959%7C1001";
    const std::string listed = fixture("arxiv-oai/listrecords_arXivRaw_6_records_resumptiontoken.xml");
    fetcher.serve(first, 200, listed);
    fetcher.serve(next, 200, listed);
    CollectingSink sink;
    Status status = fetch_live(request_for({{"oai", "true"}}, fetcher), sink);
    EXPECT_EQ(status.message,
              "arXiv repeated the resumptionToken '726959|1001'; stopping rather than loop (" + next + ")");
    EXPECT_THAT(fetcher.requests, ElementsAre(first, next));
}

}  // namespace
