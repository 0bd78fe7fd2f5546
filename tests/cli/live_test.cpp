// Live imports through the real binary against a loopback server serving recorded payloads:
// cursor paging to the end, retries, the attempts cap, the cache on a second run, --offline,
// and nothing written from a failed page.
#include <gtest/gtest.h>

#include "served_cli_harness.hpp"

namespace {

using namespace bzpeer::cli_test;

// Percent-encodes everything but unreserved characters, as a route target needs.
std::string encode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

class LiveTest : public ServedCliTest {
protected:
    void SetUp() override {
        ServedCliTest::SetUp();
        if (HasFatalFailure()) return;
        // The recorded widget query: page 1 (20 items) and page 2 (20 items). Crossref says
        // 454 results; the recording stops at page 2, so page 2 is served with its next-cursor
        // pointing at an empty page, which ends the query. Everything else is as recorded.
        std::string page1 = read_file(fixture("crossref/works_list_query_widget_cursor_page1.json"));
        std::string page2 = read_file(fixture("crossref/works_list_query_widget_cursor_page2.json"));
        simdjson::dom::parser parser;
        cursor_ = str(parser.parse(page1)["message"]["next-cursor"]);
        auto at = page2.find(cursor_);
        ASSERT_NE(at, std::string::npos);
        page2.replace(at, cursor_.size(), "END");
        write_file(root_ / "page1.json", page1);
        write_file(root_ / "page2.json", page2);
        write_file(root_ / "empty.json", read_file(fixture("crossref/works_list_empty_result.json")));
        ASSERT_NO_FATAL_FAILURE(configure({{"sources.crossref.page_size", "20"},
                                           {"sources.crossref.min_interval", "0"},
                                           {"http.backoff", "0.01"},
                                           {"http.max_attempts", "3"},
                                           {"http.timeout", "5"}}));
    }

    // Starts the server with page 2 answered after `page2_faults` (e.g. "fail429=1 fail500=1").
    void serve(const std::string& page2_faults) {
        page1_ = "/works?query=widget&rows=20&cursor=*";
        page2_ = "/works?query=widget&rows=20&cursor=" + encode(cursor_);
        end_ = "/works?query=widget&rows=20&cursor=END";
        ASSERT_NO_FATAL_FAILURE(start_server(page1_ + " page1.json\n" + page2_ + " page2.json " +
                                             page2_faults + "\n" + end_ + " empty.json\n"));
        ASSERT_NO_FATAL_FAILURE(configure({{"sources.crossref.base_url", server_->url("")}}));
    }

    std::size_t requests(const std::string& prefix) const {
        std::size_t n = 0;
        for (const auto& line : server_->log())
            if (line.target.rfind(prefix, 0) == 0) ++n;
        return n;
    }

    std::int64_t works() {
        simdjson::dom::parser parser;
        auto r = run({"stats", "--format", "json"});
        return num(parser.parse(r.out)["works"]);
    }

    std::string cursor_, page1_, page2_, end_;
};

TEST_F(LiveTest, CursorPagingWithRetriesThenASecondRunFromTheCache) {
    ASSERT_NO_FATAL_FAILURE(serve("fail429=1 fail500=1"));
    auto r = run({"import", "crossref", "--query", "widget"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    // 40 items over the two pages; a few widget records carry no title and are skipped.
    std::int64_t stored = works();
    EXPECT_GE(stored, 30);
    EXPECT_LE(stored, 40);
    EXPECT_EQ(requests("/works?query=widget&rows=20&cursor=*"), 1u);
    // Page 2: a 429, a 500, then the answer.
    EXPECT_EQ(requests("/works?query=widget&rows=20&cursor=" + encode(cursor_).substr(0, 10)), 3u);
    EXPECT_EQ(requests("/works?query=widget&rows=20&cursor=END"), 1u);
    EXPECT_TRUE(contains(r.err, "2 retries")) << r.describe();

    // The same import again: every page from the cache, no request at all.
    std::size_t before = server_->log().size();
    auto again = run({"import", "crossref", "--query", "widget"});
    ASSERT_EQ(again.exit_code, 0) << again.describe();
    EXPECT_EQ(server_->log().size(), before);
    EXPECT_TRUE(contains(again.err, "0 requests")) << again.describe();
    EXPECT_EQ(works(), stored);

    // Offline: answered from the cache; an uncached query fails naming what is missing.
    auto offline = run({"import", "crossref", "--query", "widget", "--offline"});
    EXPECT_EQ(offline.exit_code, 0) << offline.describe();
    auto missing = run({"import", "crossref", "--query", "gadget", "--offline"});
    EXPECT_EQ(missing.exit_code, 1) << missing.describe();
    EXPECT_TRUE(contains(missing.err, "offline")) << missing.describe();
    EXPECT_TRUE(contains(missing.err, "query=gadget")) << missing.describe();
    EXPECT_EQ(server_->log().size(), before);
}

TEST_F(LiveTest, ProgressCountsPagesAndRecords) {
    ASSERT_NO_FATAL_FAILURE(serve(""));
    auto r = run({"--progress", "import", "crossref", "--query", "widget"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_TRUE(r.out.empty()) << r.describe();
    // The summary names the records; the last drawn line, after the third (empty) page, agrees,
    // out of the total-results Crossref gave on the first page (a bar, since the total is known).
    auto draws = split(r.err, '\r');
    ASSERT_GE(draws.size(), 3u) << r.describe();
    auto summary = draws.back();
    auto colon = summary.find(": ", summary.find("widget"));
    ASSERT_NE(colon, std::string::npos) << r.describe();
    std::string records = summary.substr(colon + 2, summary.find(' ', colon + 2) - colon - 2);
    EXPECT_GE(std::stoi(records), 30) << r.describe();
    const std::string& last = draws[draws.size() - 3];
    EXPECT_TRUE(last.starts_with("crossref  [")) << r.describe();
    EXPECT_TRUE(contains(last, "3 pages  " + records + "/454 records")) << r.describe();
}

TEST_F(LiveTest, AttemptsAreCappedAndAFailedPageWritesNothing) {
    ASSERT_NO_FATAL_FAILURE(serve("fail500=always"));
    auto r = run({"import", "crossref", "--query", "widget"});
    EXPECT_EQ(r.exit_code, 1) << r.describe();
    EXPECT_TRUE(contains(r.err, "after 3 attempts")) << r.describe();
    EXPECT_EQ(requests("/works?query=widget&rows=20&cursor=" + encode(cursor_).substr(0, 10)), 3u);
    // Page 1 was committed before page 2 failed; page 2 left nothing behind.
    std::int64_t stored = works();
    EXPECT_GT(stored, 0);
    EXPECT_LE(stored, 20);
}

TEST_F(LiveTest, ABrokenAnswerIsOneClearLine) {
    ASSERT_NO_FATAL_FAILURE(serve("truncate=always"));
    auto r = run({"import", "crossref", "--query", "widget"});
    EXPECT_EQ(r.exit_code, 1) << r.describe();
    ASSERT_EQ(r.err_lines().size(), 1u) << r.describe();
    EXPECT_TRUE(contains(r.err, "crossref")) << r.describe();
}

}  // namespace

namespace {

// `import authors` over a loopback arXiv: a good row, a bad ORCID, an unknown person; then
// --resume skips what is done without asking the server again.
class AuthorsImportTest : public ServedCliTest {
protected:
    void SetUp() override {
        ServedCliTest::SetUp();
        if (HasFatalFailure()) return;
        // The recorded author query for Del Maestro; every page of it is answered with the
        // recorded first page (the same ten works), which ends the paging at totalResults 31.
        write_file(root_ / "del_maestro.xml",
                   read_file(fixture("arxiv/legacy2016_search_au_del_maestro_10_entries.xml")));
        ASSERT_NO_FATAL_FAILURE(start_server("/api/query?* del_maestro.xml\n"));
        ASSERT_NO_FATAL_FAILURE(
            configure({{"sources.arxiv.base_url", server_->url("")}, {"sources.arxiv.min_interval", "0"}}));
        write_file(dir_ / "people.csv",
                   "name,orcid,affiliation,arxiv_query\n"
                   "Adrian Del Maestro,,University of Vermont,au:del_maestro\n"
                   "Josiah Carberry,0000-0002-1825-0098,,\n"
                   "Nobody Atall,,,\n");
    }
};

TEST_F(AuthorsImportTest, ResolutionTableSummaryAndResume) {
    auto r = run({"import", "authors", (dir_ / "people.csv").string(), "--format", "json"});
    EXPECT_EQ(r.exit_code, 1) << r.describe();  // one row failed
    simdjson::dom::parser parser;
    element table = parser.parse(r.out)["rows"];
    ASSERT_EQ(length(table), 3u) << r.out;
    element adrian = table.at(0);
    EXPECT_EQ(num(adrian["line"]), 2);
    EXPECT_EQ(str(adrian["status"]), "ok");
    EXPECT_TRUE(str(adrian["person"]).starts_with("p:"));
    element bad = table.at(1);
    EXPECT_EQ(num(bad["line"]), 3);
    EXPECT_EQ(str(bad["status"]), "failed");
    EXPECT_TRUE(contains(str(bad["message"]), "0000-0002-1825-0098")) << r.out;
    EXPECT_EQ(str(table.at(2)["status"]), "not-found");
    EXPECT_TRUE(contains(r.err, "people.csv:3: invalid ORCID")) << r.describe();
    EXPECT_TRUE(contains(r.err, "3 rows: 1 matched, 1 not found, 1 failed, 0 skipped")) << r.describe();

    // The person behind row 2 holds the ten works of the feed.
    auto works = run({"works", str(adrian["person"]), "--format", "json"});
    simdjson::dom::parser works_parser;
    EXPECT_EQ(length(works_parser.parse(works.out)), 10u);

    std::size_t requests = server_->log().size();
    EXPECT_GT(requests, 0u);
    auto resumed = run({"import", "authors", (dir_ / "people.csv").string(), "--resume", "--format", "json"});
    simdjson::dom::parser resumed_parser;
    element again = resumed_parser.parse(resumed.out)["rows"];
    EXPECT_EQ(str(again.at(0)["status"]), "skipped");
    EXPECT_EQ(str(again.at(0)["person"]), str(adrian["person"]));
    EXPECT_EQ(server_->log().size(), requests);  // nothing fetched again
    EXPECT_TRUE(contains(resumed.err, "2 skipped"))
        << resumed.describe();  // row 4 (not found) was finished too

    // --dry-run changes nothing and asks nobody; the progress line counts its three rows.
    auto stats_before = run({"stats", "--format", "json"}).out;
    auto dry = run({"--progress", "import", "authors", (dir_ / "people.csv").string(), "--dry-run"});
    EXPECT_TRUE(contains(dry.err, "dry run")) << dry.describe();
    EXPECT_TRUE(contains(dry.err, "\rpeople.csv  [")) << dry.describe();
    EXPECT_TRUE(contains(dry.err, "100%  3/3 rows")) << dry.describe();
    EXPECT_FALSE(contains(dry.out, "\r")) << dry.describe();
    EXPECT_TRUE(contains(dry.out, "Adrian Del Maestro")) << dry.describe();
    EXPECT_EQ(server_->log().size(), requests);
    auto stats_after = run({"stats", "--format", "json"}).out;
    EXPECT_EQ(stats_after, stats_before);
}

}  // namespace

namespace {

// `import orcid ID --enrich`: the record from a loopback ORCID, then every DOI it lists from a
// loopback Crossref.
class EnrichTest : public ServedCliTest {
protected:
    void SetUp() override {
        ServedCliTest::SetUp();
        if (HasFatalFailure()) return;
        write_file(root_ / "record.json",
                   read_file(fixture("crossmerge/orcid_record_0000-0002-1825-0097.json")));
        write_file(root_ / "work.json",
                   read_file(fixture("crossmerge/crossref_work_10.1142_S021797921244002X.json")));
        ASSERT_NO_FATAL_FAILURE(
            start_server("/v3.0/0000-0002-1825-0097/record record.json\n"
                         "/works/10.1142%2Fs021797921244002x work.json\n"));
        ASSERT_NO_FATAL_FAILURE(configure({{"sources.orcid.base_url", server_->url("")},
                                           {"sources.orcid.min_interval", "0"},
                                           {"sources.crossref.base_url", server_->url("")},
                                           {"sources.crossref.min_interval", "0"}}));
    }
};

TEST_F(EnrichTest, OrcidWorksAreCompletedFromCrossref) {
    auto r = run({"import", "orcid", "0000-0002-1825-0097", "--enrich"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_EQ(server_->requests_for("/v3.0/0000-0002-1825-0097/record").size(), 1u);
    EXPECT_EQ(server_->requests_for("/works/10.1142%2Fs021797921244002x").size(), 1u);
    simdjson::dom::parser parser;
    auto works = run({"works", "0000-0002-1825-0097", "--format", "json"});
    element list = parser.parse(works.out);
    EXPECT_EQ(length(list), 2u) << works.out;
    element nanopores = find_by(list, "ids.doi", "10.1142/s021797921244002x");
    std::set<std::string> sources;
    for (element p : simdjson::dom::array(nanopores["provenance"])) sources.insert(str(p["source"]));
    EXPECT_EQ(sources, (std::set<std::string>{"crossref", "orcid"}));
    EXPECT_EQ(strings(nanopores["authors"]), std::vector<std::string>{"Adrian Del Maestro"});
}

}  // namespace
