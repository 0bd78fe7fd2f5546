// Live Crossref queries through a fake in-memory Fetcher serving the recorded responses in
// tests/fixtures/crossref/: the exact URLs asked for (encoding, mailto, rows, cursor), cursor
// deep paging to its end, single-DOI fetches, and Crossref's 404 text and JSON error bodies.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "crossref_fetch.hpp"
#include "crossref_source.hpp"
#include "source_test_support.hpp"

namespace {

using bzpeer::crossref::bare_doi;
using bzpeer::crossref::checked_orcid;
using bzpeer::crossref::CrossrefSource;
using bzpeer::crossref::url_encode;
using namespace bzpeer::test::common;
using ::testing::Not;

std::string fixture(const std::string& name) { return bzpeer::test::read_fixture("crossref/" + name); }

// An unknown URL is a network failure.
using bzpeer::test::FakeFetcher;

ReadRequest request_for(std::vector<std::pair<std::string, std::string>> options, FakeFetcher& fetcher,
                        std::string base = "https://api.test", std::string mailto = {}, long page_size = 0) {
    return bzpeer::test::fetch_request(std::move(options), fetcher, std::move(base), std::move(mailto),
                                       page_size);
}

std::vector<std::string> dois_of(const std::vector<WorkRecord>& works) {
    std::vector<std::string> dois;
    for (const WorkRecord& work : works) dois.push_back(work.ids.at(0).value);
    return dois;
}

// The next-cursor of the first recorded widget page (page 2 returns the same one).
std::string widget_cursor() {
    std::string page = fixture("works_list_query_widget_cursor_page1.json");
    std::string key = "\"next-cursor\":\"";
    std::size_t start = page.find(key) + key.size();
    return page.substr(start, page.find('"', start) - start);
}

const std::string kWidgetFirst = "https://api.test/works?query=widget&rows=20&cursor=*";

TEST(SourceCrossrefFetch, UrlEncodingKeepsOnlyUnreservedCharacters) {
    EXPECT_EQ(url_encode("10.1371/journal.pone.0033693"), "10.1371%2Fjournal.pone.0033693");
    EXPECT_EQ(url_encode("Bo Zheng & co"), "Bo%20Zheng%20%26%20co");
    EXPECT_EQ(url_encode("a+b=c?d#e"), "a%2Bb%3Dc%3Fd%23e");
    EXPECT_EQ(url_encode("Balázs"), "Bal%C3%A1zs");
    EXPECT_EQ(url_encode("A-z_0.9~"), "A-z_0.9~");
    EXPECT_EQ(url_encode("10.1002/(SICI)1097-0274(199909)36:1+<1::AID-AJIM2>3.0.CO;2-0"),
              "10.1002%2F%28SICI%291097-0274%28199909%2936%3A1%2B%3C1%3A%3AAID-AJIM2%3E3.0.CO%3B2-0");
}

TEST(SourceCrossrefFetch, DoisAsTyped) {
    EXPECT_EQ(bare_doi("10.1371/journal.pone.0033693"), "10.1371/journal.pone.0033693");
    EXPECT_EQ(bare_doi(" https://doi.org/10.1136/JCLINPATH-2020-206745 "), "10.1136/JCLINPATH-2020-206745");
    EXPECT_EQ(bare_doi("http://dx.doi.org/10.1000/x"), "10.1000/x");
    EXPECT_EQ(bare_doi("DOI:10.1000/x"), "10.1000/x");
    EXPECT_EQ(bare_doi("journal.pone.0033693"), "");
    EXPECT_EQ(bare_doi("10.1371"), "");
}

TEST(SourceCrossrefFetch, OrcidChecksum) {
    EXPECT_EQ(checked_orcid("0000-0002-1825-0097"), "0000-0002-1825-0097");
    EXPECT_EQ(checked_orcid("https://orcid.org/0000-0002-1642-628x"), "0000-0002-1642-628X");
    EXPECT_EQ(checked_orcid("0000000218250097"), "0000-0002-1825-0097");
    EXPECT_THROW(checked_orcid("0000-0002-1825-0098"), std::invalid_argument);
    EXPECT_THROW(checked_orcid("0000-0002-1825"), std::invalid_argument);
    EXPECT_THROW(checked_orcid("00-00000218250097"), std::invalid_argument);
}

TEST(SourceCrossrefFetch, SingleDoisWithMailto) {
    FakeFetcher fetcher;
    fetcher.serve("https://api.test/works/10.1371%2Fjournal.pone.0033693?mailto=me%40example.org", 200,
                  fixture("work_10.1371_journal.pone.0033693.json"));
    fetcher.serve("https://api.test/works/10.1136%2Fjclinpath-2020-206745?mailto=me%40example.org", 200,
                  fixture("work_10.1136_jclinpath-2020-206745_orcid_affiliations.json"));
    CollectingSink sink;
    CrossrefSource source;
    // A trailing slash on the base, a DOI URL, and a repeated DOI (asked for once).
    Status status = source.fetch(request_for({{"doi", "10.1371/journal.pone.0033693"},
                                              {"doi", "https://doi.org/10.1136/jclinpath-2020-206745"},
                                              {"doi", "10.1371/JOURNAL.PONE.0033693"}},
                                             fetcher, "https://api.test/", "me@example.org"),
                                 sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(
        fetcher.requests,
        ElementsAre("https://api.test/works/10.1371%2Fjournal.pone.0033693?mailto=me%40example.org",
                    "https://api.test/works/10.1136%2Fjclinpath-2020-206745?mailto=me%40example.org"));
    EXPECT_THAT(dois_of(sink.works),
                ElementsAre("10.1371/journal.pone.0033693", "10.1136/jclinpath-2020-206745"));
    EXPECT_EQ(
        sink.works[0].title,
        "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal "
        "Ganglia of Mice");
    EXPECT_EQ(sink.works[0].date, "2012-03-21");
    EXPECT_FALSE(sink.works[1].authors.empty());
    EXPECT_THAT(sink.batch_ends, ElementsAre(1u, 2u));  // one batch per DOI
}

TEST(SourceCrossrefFetch, UnknownDoiIsAnErrorNamingIt) {
    FakeFetcher fetcher;
    fetcher.serve("https://api.test/works/10.1371%2Fnotarealdoi", 404,
                  fixture("error_404_work_not_found.txt"));
    CollectingSink sink;
    Status status = CrossrefSource().fetch(request_for({{"doi", "10.1371/notarealdoi"}}, fetcher), sink);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.message,
              "Crossref has no work with DOI 10.1371/notarealdoi (HTTP 404: Resource not found.)");
    EXPECT_THAT(sink.works, IsEmpty());
    EXPECT_THAT(sink.batch_ends, IsEmpty());
}

TEST(SourceCrossrefFetch, LaterDoiFailingKeepsEarlierBatches) {
    FakeFetcher fetcher;
    fetcher.serve("https://api.test/works/10.1371%2Fjournal.pone.0033693", 200,
                  fixture("work_10.1371_journal.pone.0033693.json"));
    fetcher.serve("https://api.test/works/10.1371%2Fnotarealdoi", 404,
                  fixture("error_404_work_not_found.txt"));
    CollectingSink sink;
    Status status = CrossrefSource().fetch(
        request_for({{"doi", "10.1371/journal.pone.0033693"}, {"doi", "10.1371/notarealdoi"}}, fetcher),
        sink);
    ASSERT_FALSE(status);
    EXPECT_THAT(status.message, HasSubstr("10.1371/notarealdoi"));
    EXPECT_THAT(sink.batch_ends, ElementsAre(1u));
}

TEST(SourceCrossrefFetch, JsonErrorBodyGivesCrossrefsMessage) {
    FakeFetcher fetcher;
    fetcher.serve(kWidgetFirst, 400, fixture("error_400_validation_failure_parameter_not_allowed.json"));
    CollectingSink sink;
    Status status =
        CrossrefSource().fetch(request_for({{"query", "widget"}}, fetcher, "https://api.test", "", 20), sink);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.message,
              "Crossref query (query \"widget\") page 1: HTTP 400: Crossref error (validation-failure): This "
              "route does not support field query parameters (parameter-not-allowed: query.*)");
    EXPECT_THAT(sink.works, IsEmpty());
    EXPECT_THAT(sink.batch_ends, IsEmpty());
}

TEST(SourceCrossrefFetch, ServerErrorsAndInvalidCursor) {
    FakeFetcher fetcher;
    fetcher.serve(
        "https://api.test/works/10.1000%2Fbroken", 500,
        R"({"status":"error","message-type":"exception","message":{"name":"class java.lang.NullPointerException","description":"java.lang.NullPointerException"}})");
    CollectingSink sink;
    Status status = CrossrefSource().fetch(request_for({{"doi", "10.1000/broken"}}, fetcher), sink);
    ASSERT_FALSE(status);
    EXPECT_THAT(status.message,
                HasSubstr("DOI 10.1000/broken: Crossref answered HTTP 500: Crossref error (exception)"));
    EXPECT_THAT(status.message, HasSubstr("java.lang.NullPointerException"));

    // An HTML page from a proxy: its first line, not the whole page.
    FakeFetcher proxy;
    proxy.serve("https://api.test/works/10.1000%2Fbroken", 503,
                "<html>\n<body>Service Unavailable</body></html>");
    status = CrossrefSource().fetch(request_for({{"doi", "10.1000/broken"}}, proxy), sink);
    EXPECT_EQ(status.message, "DOI 10.1000/broken: Crossref answered HTTP 503: <html>");

    // Crossref answers a cursor it no longer knows with a JSON 404.
    FakeFetcher expired;
    expired.serve(kWidgetFirst, 200, fixture("works_list_query_widget_cursor_page1.json"));
    expired.serve("https://api.test/works?query=widget&rows=20&cursor=" + url_encode(widget_cursor()), 404,
                  fixture("error_404_cursor_invalid.json"));
    CollectingSink paged;
    status = CrossrefSource().fetch(request_for({{"query", "widget"}}, expired, "https://api.test", "", 20),
                                    paged);
    ASSERT_FALSE(status);
    EXPECT_THAT(status.message,
                HasSubstr("page 2: HTTP 404: Crossref error (resource-failure): Cursor specified "
                          "but it is invalid (cursor-invalid: thing)"));
    EXPECT_THAT(paged.batch_ends, ElementsAre(20u));  // page 1 stays committed
}

TEST(SourceCrossrefFetch, CursorPagingEndsOnAnEmptyPage) {
    std::string cursor = widget_cursor();
    std::string next = "https://api.test/works?query=widget&rows=20&cursor=" + url_encode(cursor);
    ASSERT_THAT(next, Not(HasSubstr("==")));  // base64 padding must be encoded
    EXPECT_EQ(next.substr(next.size() - 6), "%3D%3D");

    FakeFetcher fetcher;
    fetcher.serve(kWidgetFirst, 200, fixture("works_list_query_widget_cursor_page1.json"));
    // Page 2 names the same cursor as page 1, so page 3 is asked for with the same URL.
    fetcher.serve(next, 200, fixture("works_list_query_widget_cursor_page2.json"));
    fetcher.serve(next, 200, fixture("works_list_empty_result.json"));
    CollectingSink sink;
    Status status =
        CrossrefSource().fetch(request_for({{"query", "widget"}}, fetcher, "https://api.test", "", 20), sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(fetcher.requests, ElementsAre(kWidgetFirst, next, next));
    ASSERT_EQ(sink.works.size(), 40u);
    EXPECT_EQ(sink.works[0].ids[0].value, "10.1007/978-1-4302-0197-7_9");
    EXPECT_EQ(sink.works[20].ids[0].value, "10.1145/3027385.3027428");
    EXPECT_THAT(sink.batch_ends, ElementsAre(20u, 40u, 40u));
    EXPECT_THAT(sink.expected, ElementsAre(454));  // total-results of page 1, for progress
}

TEST(SourceCrossrefFetch, CursorPagingEndsWhenAllResultsAreRead) {
    std::string next = "https://api.test/works?query=widget&rows=20&cursor=" + url_encode(widget_cursor());
    // The query has 454 results, and no page comes back empty: the fake answers every later
    // page with page 2's items (told apart by trailing whitespace), with the same cursor each
    // time. Only the count can end the paging: after ceil(454 / 20) = 23 pages.
    FakeFetcher fetcher;
    fetcher.serve(kWidgetFirst, 200, fixture("works_list_query_widget_cursor_page1.json"));
    for (std::size_t page = 2; page <= 30; ++page) {
        fetcher.serve(next, 200,
                      fixture("works_list_query_widget_cursor_page2.json") + std::string(page, ' '));
    }
    CollectingSink sink;
    Status status =
        CrossrefSource().fetch(request_for({{"query", "widget"}}, fetcher, "https://api.test", "", 20), sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_EQ(fetcher.requests.size(), 23u);
    EXPECT_EQ(sink.works.size(), 460u);
    EXPECT_EQ(sink.batch_ends.size(), 23u);

    // With 40 results, the two recorded pages are the whole answer.
    std::string page2 = fixture("works_list_query_widget_cursor_page2.json");
    std::string total = "\"total-results\":454";
    ASSERT_NE(page2.find(total), std::string::npos);
    page2.replace(page2.find(total), total.size(), "\"total-results\":40");
    FakeFetcher two;
    two.serve(kWidgetFirst, 200, fixture("works_list_query_widget_cursor_page1.json"));
    two.serve(next, 200, page2);
    CollectingSink both;
    status =
        CrossrefSource().fetch(request_for({{"query", "widget"}}, two, "https://api.test", "", 20), both);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(two.requests, ElementsAre(kWidgetFirst, next));
    EXPECT_THAT(both.batch_ends, ElementsAre(20u, 40u));
}

TEST(SourceCrossrefFetch, RepeatedPageFromACacheIsAnError) {
    // A cache keyed by URL answers page 3 (same cursor, same URL) with page 2 again.
    std::string next = "https://api.test/works?query=widget&rows=20&cursor=" + url_encode(widget_cursor());
    FakeFetcher fetcher;
    fetcher.serve(kWidgetFirst, 200, fixture("works_list_query_widget_cursor_page1.json"));
    fetcher.serve(next, 200, fixture("works_list_query_widget_cursor_page2.json"));
    CollectingSink sink;
    Status status =
        CrossrefSource().fetch(request_for({{"query", "widget"}}, fetcher, "https://api.test", "", 20), sink);
    ASSERT_FALSE(status);
    EXPECT_THAT(status.message,
                HasSubstr("Crossref query (query \"widget\") page 3: the answer repeats page 2 "
                          "byte for byte"));
    EXPECT_EQ(fetcher.requests.size(), 3u);
    EXPECT_THAT(sink.batch_ends, ElementsAre(20u, 40u));  // nothing of the repeat reached the sink
}

TEST(SourceCrossrefFetch, ListQueryUrlCombinesOptionsWithRowsAndMailto) {
    const std::string url =
        "https://api.crossref.org/"
        "works?query=ad%20ranking&query.author=Bo%20Zheng&filter=orcid:0000-0002-1825-0097"
        "&rows=1000&cursor=*&mailto=team%2Bbzpeer%40example.org";
    FakeFetcher fetcher;
    fetcher.serve(url, 200, fixture("works_list_empty_result.json"));
    CollectingSink sink;
    // No base URL: Crossref's own. Rows are capped at 1000.
    Status status = CrossrefSource().fetch(request_for({{"author", "Bo Zheng"},
                                                        {"orcid", "https://orcid.org/0000-0002-1825-0097"},
                                                        {"query", "ad ranking"}},
                                                       fetcher, "", "team+bzpeer@example.org", 5000),
                                           sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(fetcher.requests, ElementsAre(url));
    EXPECT_THAT(sink.works, IsEmpty());
    EXPECT_THAT(sink.batch_ends, ElementsAre(0u));
}

TEST(SourceCrossrefFetch, DefaultRowsAndSingleOptions) {
    FakeFetcher fetcher;
    fetcher.serve("https://api.test/works?query.author=Carl%20Boettiger&rows=100&cursor=*", 200,
                  fixture("works_list_empty_result.json"));
    fetcher.serve("https://api.test/works?filter=orcid:0000-0002-1642-628X&rows=100&cursor=*", 200,
                  fixture("works_list_empty_result.json"));
    CollectingSink sink;
    EXPECT_TRUE(CrossrefSource().fetch(request_for({{"author", " Carl Boettiger "}}, fetcher), sink));
    EXPECT_TRUE(CrossrefSource().fetch(request_for({{"orcid", "0000-0002-1642-628x"}}, fetcher), sink));
    EXPECT_EQ(fetcher.requests.size(), 2u);
}

TEST(SourceCrossrefFetch, BadInputIsRefusedBeforeAnyRequest) {
    FakeFetcher fetcher;
    CollectingSink sink;
    Status status = CrossrefSource().fetch(request_for({{"orcid", "0000-0002-1825-0098"}}, fetcher), sink);
    EXPECT_EQ(status.message, "invalid ORCID iD \"0000-0002-1825-0098\": its check digit is 8, expected 7");
    status =
        CrossrefSource().fetch(request_for({{"doi", "10.1000/x"}, {"doi", "pone.0033693"}}, fetcher), sink);
    EXPECT_EQ(status.message, "not a DOI: \"pone.0033693\" (a DOI starts with \"10.\")");
    status = CrossrefSource().fetch(request_for({{"author", "  "}}, fetcher), sink);
    EXPECT_EQ(status.message, "--author needs a value");
    status = CrossrefSource().fetch(request_for({}, fetcher), sink);
    EXPECT_THAT(status.message, HasSubstr("nothing to fetch from Crossref"));
    EXPECT_THAT(fetcher.requests, IsEmpty());

    ReadRequest no_fetcher;
    no_fetcher.options = {{"doi", "10.1000/x"}};
    EXPECT_FALSE(CrossrefSource().fetch(no_fetcher, sink));
}

TEST(SourceCrossrefFetch, NetworkFailureNamesTheDoi) {
    FakeFetcher fetcher;  // knows no URL
    CollectingSink sink;
    Status status = CrossrefSource().fetch(request_for({{"doi", "10.1000/x"}}, fetcher), sink);
    EXPECT_EQ(status.message, "DOI 10.1000/x: no response recorded for https://api.test/works/10.1000%2Fx");
}

TEST(SourceCrossrefFetch, SinkErrorStopsPagingUnchanged) {
    FakeFetcher fetcher;
    fetcher.serve(kWidgetFirst, 200, fixture("works_list_query_widget_cursor_page1.json"));
    CollectingSink sink;
    sink.stop_at_batch = 1;  // the host stops an import (Ctrl-C, a store failure) at a batch end
    Status status =
        CrossrefSource().fetch(request_for({{"query", "widget"}}, fetcher, "https://api.test", "", 20), sink);
    EXPECT_EQ(status.message, "interrupted");
    EXPECT_EQ(fetcher.requests.size(), 1u);
}

TEST(SourceCrossrefFetch, OptionsDescribeTheCommandLine) {
    std::vector<OptionSpec> options = CrossrefSource().options();
    std::vector<std::string> names;
    for (const OptionSpec& option : options) names.push_back(option.name);
    EXPECT_THAT(names, ElementsAre("doi", "author", "orcid", "query", "dump"));
    EXPECT_TRUE(options[0].repeatable);
    EXPECT_TRUE(options[0].takes_value);
    EXPECT_FALSE(options[1].repeatable);
    EXPECT_TRUE(options[4].is_file);
    for (const OptionSpec& option : options) {
        EXPECT_FALSE(option.positional) << option.name;
        EXPECT_FALSE(option.help.empty()) << option.name;
    }
}

}  // namespace
