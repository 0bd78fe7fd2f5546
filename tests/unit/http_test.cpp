// HttpClient against the loopback fixture server (tests/http/fixture_server.py) serving the
// recorded payloads of tests/fixtures, with injected 429/500/503, stalls, truncated bodies,
// resets, ETag / Last-Modified revalidation and rate-limit headers.
#include "bzpeer/net/http.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "../http/fixture_server.hpp"

using namespace bzpeer;

namespace {

namespace fs = std::filesystem;

const char* const kServerScript = BZPEER_FIXTURES_DIR "/../http/fixture_server.py";
constexpr double kStallSeconds = 3;

// Every route the tests use, one scenario each; faults are counted per route, and SetUp resets
// the counters and the log.
const char* const kRoutes = R"(# target  file (relative to tests/fixtures)  options
/works?query=widget&cursor=*  crossref/works_list_query_widget_cursor_page1.json  etag=auto
/limited/api/query?search_query=all:testing&start=0&max_results=10  arxiv/api2026_search_testing_start0_max10.xml  fail429=1 retry_after=1
/unavailable/api/query?search_query=all:testing&start=10&max_results=10  arxiv/api2026_search_testing_start10_max10.xml  fail503=1 retry_after=date+3
/limited-long/works?query=widget&cursor=*  crossref/works_list_query_widget_cursor_page2.json  fail429=1 retry_after=120
/flaky/works/10.1371/journal.pone.0033693  crossref/work_10.1371_journal.pone.0033693.json  fail500=2
/down/works?query=widget&cursor=*  crossref/works_list_query_widget_cursor_page1.json  fail500=always
/stalled/api/query?id_list=astro-ph/0601001  arxiv/api2026_id_astro-ph_0601001_affiliations_journal_ref.xml  stall=1
/truncated/api/query?search_query=au:del_maestro&max_results=10  arxiv/legacy2016_search_au_del_maestro_10_entries.xml  truncate=1
/always-truncated/api/query?search_query=au:del_maestro&max_results=10  arxiv/legacy2016_search_au_del_maestro_10_entries.xml  truncate=always
/reset/v3.0/0000-0002-9341-7985/works  orcid/works_0000-0002-9341-7985.json  reset=1
/cached/works?filter=orcid:0000-0002-1825-0097  crossref/works_list_query_ecology_author_carl_boettiger.json
/etag/v3.0/0000-0002-1642-628X/person  orcid/person_0000-0002-1642-628X.json  etag=auto
/lastmod/v3.0/0000-0002-9341-7985/works  orcid/works_0000-0002-9341-7985.json  last_modified=1700000000
/works/10.9999/nothing  crossref/error_404_work_not_found.txt  status=404 type=text/plain
/works?rows=2000&query=widget  crossref/error_400_validation_failure_parameter_not_allowed.json  status=400
/api/query?id_list=abc  arxiv/api2026_error_http400_incorrect_id_format_abc.xml  status=400
/polite/works?*  crossref/works_list_empty_result.json
/rate/works?*  crossref/works_list_empty_result.json  ratelimit=2/1s
/gzip/api/query?id_list=astro-ph/9812133  arxiv/legacy2019_id_astro-ph_9812133_32_authors_affiliations.xml  gzip=1
/moved/works/10.4018  -  redirect=/moved-here/works/10.4018
/moved-here/works/10.4018  crossref/work_10.4018_book_chapter_issued_date_null.json
)";

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string fixture(const std::string& name) { return read_file(fs::path(BZPEER_FIXTURES_DIR) / name); }

class HttpTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("bzpeer-http-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        std::ofstream(dir_ / "routes.txt") << kRoutes;
        server_ = new bzpeer_test::FixtureServer(kServerScript, BZPEER_FIXTURES_DIR, dir_ / "routes.txt",
                                                 dir_ / "requests.log", kStallSeconds);
    }

    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
        fs::remove_all(dir_);
    }

    void SetUp() override {
        ASSERT_TRUE(server_->error().empty()) << server_->error();
        ASSERT_TRUE(server_->reset()) << "resetting the fixture server";
        db_path_ =
            dir_ / (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".db");
        fs::remove(db_path_);
        db_.emplace(Database::open(db_path_, true));
    }

    void TearDown() override {
        db_.reset();
        fs::remove(db_path_);
        fs::remove(fs::path(db_path_.string() + "-wal"));
        fs::remove(fs::path(db_path_.string() + "-shm"));
    }

    static std::string url(const std::string& target) { return server_->url(target); }

    static HttpPolicy policy() {
        HttpPolicy p;
        p.source = "test";
        p.max_attempts = 4;
        p.backoff = 0.1;
        p.max_backoff = 5;
        p.connect_timeout = 2;
        p.timeout = 5;
        p.user_agent = "bzpeer/test (mailto:tests@example.org)";
        return p;
    }

    // An HttpClient whose waits are recorded in `waits_` instead of slept.
    std::unique_ptr<HttpClient> recording_client(HttpPolicy p) {
        auto client = std::make_unique<HttpClient>(*db_, std::move(p));
        client->set_sleeper([this](double seconds) { waits_.push_back(seconds); });
        return client;
    }

    static std::vector<bzpeer_test::LoggedRequest> requests_for(const std::string& target) {
        return server_->requests_for(target);
    }

    std::int64_t cached_rows() { return db_->scalar("SELECT count(*) FROM http_cache"); }

    static inline fs::path dir_;
    static inline bzpeer_test::FixtureServer* server_ = nullptr;

    fs::path db_path_;
    std::optional<Database> db_;
    std::vector<double> waits_;
};

}  // namespace

TEST_F(HttpTest, Plain200ReturnsTheExactBodyAndSendsTheUserAgent) {
    HttpClient client(*db_, policy());
    sdk::HttpResponse response;
    const std::string target = "/works?query=widget&cursor=*";
    ASSERT_TRUE(client.get(url(target), response));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, fixture("crossref/works_list_query_widget_cursor_page1.json"));
    EXPECT_EQ(response.content_type, "application/json");
    EXPECT_EQ(response.url, url(target));
    EXPECT_FALSE(response.from_cache);
    EXPECT_EQ(client.stats().requests, 1);
    EXPECT_EQ(client.stats().retries, 0);
    auto seen = requests_for(target);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].method, "GET");
    EXPECT_EQ(seen[0].user_agent, "bzpeer/test (mailto:tests@example.org)");
}

TEST_F(HttpTest, GzipEncodedAnswerIsInflated) {
    auto client = recording_client(policy());
    sdk::HttpResponse response;
    ASSERT_TRUE(client->get(url("/gzip/api/query?id_list=astro-ph/9812133"), response));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, fixture("arxiv/legacy2019_id_astro-ph_9812133_32_authors_affiliations.xml"));
}

TEST_F(HttpTest, RedirectIsFollowedAndCachedUnderTheAskedUrl) {
    auto client = recording_client(policy());
    sdk::HttpResponse response;
    ASSERT_TRUE(client->get(url("/moved/works/10.4018"), response));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, fixture("crossref/work_10.4018_book_chapter_issued_date_null.json"));
    EXPECT_EQ(response.url, url("/moved/works/10.4018"));
    EXPECT_EQ(requests_for("/moved-here/works/10.4018").size(), 1u);
    auto stmt = db_->prepare("SELECT url FROM http_cache");
    ASSERT_TRUE(stmt.step());
    EXPECT_EQ(stmt.text(0), url("/moved/works/10.4018"));
}

TEST_F(HttpTest, TooManyRequestsWaitsForRetryAfterThenSucceeds) {
    auto client = recording_client(policy());
    sdk::HttpResponse response;
    const std::string target = "/limited/api/query?search_query=all:testing&start=0&max_results=10";
    ASSERT_TRUE(client->get(url(target), response));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, fixture("arxiv/api2026_search_testing_start0_max10.xml"));
    auto seen = requests_for(target);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].status, "429");
    EXPECT_EQ(seen[1].status, "200");
    // Retry-After: 1 is waited exactly, not replaced by the 0.1 s backoff.
    ASSERT_EQ(waits_.size(), 1u);
    EXPECT_DOUBLE_EQ(waits_[0], 1.0);
    EXPECT_EQ(client->stats().requests, 2);
    EXPECT_EQ(client->stats().retries, 1);
}

TEST_F(HttpTest, RetryAfterAsAnHttpDateIsHonoured) {
    auto client = recording_client(policy());
    sdk::HttpResponse response;
    const std::string target = "/unavailable/api/query?search_query=all:testing&start=10&max_results=10";
    ASSERT_TRUE(client->get(url(target), response));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, fixture("arxiv/api2026_search_testing_start10_max10.xml"));
    ASSERT_EQ(waits_.size(), 1u);
    // The date is 3 s ahead at one-second resolution.
    EXPECT_GE(waits_[0], 1.0);
    EXPECT_LE(waits_[0], 3.0);
}

TEST_F(HttpTest, RetryAfterIsCappedAtMaxBackoff) {
    HttpPolicy p = policy();
    p.max_backoff = 2;
    auto client = recording_client(p);
    sdk::HttpResponse response;
    ASSERT_TRUE(client->get(url("/limited-long/works?query=widget&cursor=*"), response));
    EXPECT_EQ(response.status, 200);
    ASSERT_EQ(waits_.size(), 1u);
    EXPECT_DOUBLE_EQ(waits_[0], 2.0);
}

TEST_F(HttpTest, ServerErrorsAreRetriedWithGrowingJitteredBackoff) {
    auto client = recording_client(policy());
    sdk::HttpResponse response;
    const std::string target = "/flaky/works/10.1371/journal.pone.0033693";
    ASSERT_TRUE(client->get(url(target), response));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, fixture("crossref/work_10.1371_journal.pone.0033693.json"));
    auto seen = requests_for(target);
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0].status, "500");
    EXPECT_EQ(seen[1].status, "500");
    EXPECT_EQ(seen[2].status, "200");
    // backoff 0.1 s, doubled, times a jitter in [0.5, 1.5].
    ASSERT_EQ(waits_.size(), 2u);
    EXPECT_GE(waits_[0], 0.05);
    EXPECT_LE(waits_[0], 0.15);
    EXPECT_GE(waits_[1], 0.1);
    EXPECT_LE(waits_[1], 0.3);
    EXPECT_EQ(client->stats().requests, 3);
    EXPECT_EQ(client->stats().retries, 2);
}

TEST_F(HttpTest, AttemptsAreCappedAndTheErrorNamesTheUrl) {
    HttpPolicy p = policy();
    p.max_attempts = 3;
    auto client = recording_client(p);
    sdk::HttpResponse response;
    const std::string target = "/down/works?query=widget&cursor=*";
    sdk::Status status = client->get(url(target), response);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.message,
              "test: GET " + url(target) + ": HTTP 500 Internal Server Error after 3 attempts");
    EXPECT_EQ(requests_for(target).size(), 3u);
    EXPECT_EQ(waits_.size(), 2u);
    EXPECT_EQ(client->stats().requests, 3);
    EXPECT_EQ(cached_rows(), 0);
}

TEST_F(HttpTest, ConnectionRefusedIsRetriedThenReported) {
    HttpPolicy p = policy();
    p.max_attempts = 3;
    auto client = recording_client(p);
    sdk::HttpResponse response;
    std::string target =
        "http://127.0.0.1:" + std::to_string(bzpeer_test::FixtureServer::closed_port()) + "/works";
    sdk::Status status = client->get(target, response);
    ASSERT_FALSE(status);
    EXPECT_NE(status.message.find("test: GET " + target + ": "), std::string::npos) << status.message;
    EXPECT_NE(status.message.find("after 3 attempts"), std::string::npos) << status.message;
    EXPECT_EQ(client->stats().requests, 3);
    EXPECT_EQ(waits_.size(), 2u);
}

TEST_F(HttpTest, StalledConnectionTimesOutThenTheRetrySucceeds) {
    HttpPolicy p = policy();
    p.timeout = 0.5;
    auto client = recording_client(p);
    sdk::HttpResponse response;
    const std::string target = "/stalled/api/query?id_list=astro-ph/0601001";
    auto start = std::chrono::steady_clock::now();
    ASSERT_TRUE(client->get(url(target), response));
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, fixture("arxiv/api2026_id_astro-ph_0601001_affiliations_journal_ref.xml"));
    auto seen = requests_for(target);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].fault, "stall");
    EXPECT_EQ(client->stats().retries, 1);
    EXPECT_GE(elapsed, 0.45);           // the timeout was waited ...
    EXPECT_LT(elapsed, kStallSeconds);  // ... not the stall
}

TEST_F(HttpTest, TruncatedBodyIsRetried) {
    auto client = recording_client(policy());
    sdk::HttpResponse response;
    const std::string target = "/truncated/api/query?search_query=au:del_maestro&max_results=10";
    ASSERT_TRUE(client->get(url(target), response));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, fixture("arxiv/legacy2016_search_au_del_maestro_10_entries.xml"));
    auto seen = requests_for(target);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].fault, "truncate");
    EXPECT_EQ(client->stats().retries, 1);
}

TEST_F(HttpTest, TruncatedBodyIsNeverReturnedAsASuccess) {
    HttpPolicy p = policy();
    p.max_attempts = 2;
    auto client = recording_client(p);
    sdk::HttpResponse response;
    const std::string target = "/always-truncated/api/query?search_query=au:del_maestro&max_results=10";
    sdk::Status status = client->get(url(target), response);
    ASSERT_FALSE(status);
    EXPECT_NE(status.message.find(url(target)), std::string::npos) << status.message;
    EXPECT_NE(status.message.find("after 2 attempts"), std::string::npos) << status.message;
    EXPECT_EQ(requests_for(target).size(), 2u);
    EXPECT_EQ(cached_rows(), 0);
}

TEST_F(HttpTest, ConnectionClosedWithoutAnswerIsRetried) {
    auto client = recording_client(policy());
    sdk::HttpResponse response;
    const std::string target = "/reset/v3.0/0000-0002-9341-7985/works";
    ASSERT_TRUE(client->get(url(target), response));
    EXPECT_EQ(response.body, fixture("orcid/works_0000-0002-9341-7985.json"));
    EXPECT_EQ(requests_for(target).size(), 2u);
}

TEST_F(HttpTest, SecondGetIsServedFromTheCacheWithoutARequest) {
    const std::string target = "/cached/works?filter=orcid:0000-0002-1825-0097";
    const std::string body = fixture("crossref/works_list_query_ecology_author_carl_boettiger.json");
    {
        HttpClient client(*db_, policy());
        sdk::HttpResponse response;
        ASSERT_TRUE(client.get(url(target), response));
        EXPECT_FALSE(response.from_cache);
        ASSERT_TRUE(client.get(url(target), response));
        EXPECT_TRUE(response.from_cache);
        EXPECT_EQ(response.status, 200);
        EXPECT_EQ(response.body, body);
        EXPECT_EQ(response.content_type, "application/json");
        EXPECT_EQ(client.stats().requests, 1);
        EXPECT_EQ(client.stats().cache_hits, 1);
    }
    // A second run (a new client on the same database) sends nothing either.
    HttpClient again(*db_, policy());
    sdk::HttpResponse response;
    ASSERT_TRUE(again.get(url(target), response));
    EXPECT_TRUE(response.from_cache);
    EXPECT_EQ(response.body, body);
    EXPECT_EQ(again.stats().requests, 0);
    EXPECT_EQ(requests_for(target).size(), 1u);
    EXPECT_EQ(cached_rows(), 1);
}

TEST_F(HttpTest, ForgetDropsTheCachedAnswerSoTheNextGetAsksAgain) {
    HttpClient client(*db_, policy());
    sdk::HttpResponse response;
    const std::string target = "/cached/works?filter=orcid:0000-0002-1825-0097";
    ASSERT_TRUE(client.get(url(target), response));
    client.forget(url(target));
    EXPECT_EQ(cached_rows(), 0);
    ASSERT_TRUE(client.get(url(target), response));
    EXPECT_FALSE(response.from_cache);
    EXPECT_EQ(requests_for(target).size(), 2u);
    EXPECT_EQ(cached_rows(), 1);
    client.forget(url("/never/asked"));  // nothing to drop: no harm

    // Offline, the cached answer is all there is: forget keeps it.
    HttpPolicy p = policy();
    p.offline = true;
    HttpClient offline(*db_, p);
    offline.forget(url(target));
    EXPECT_EQ(cached_rows(), 1);
}

TEST_F(HttpTest, CacheTtlZeroDisablesTheCache) {
    HttpPolicy p = policy();
    p.cache_ttl = 0;
    HttpClient client(*db_, p);
    sdk::HttpResponse response;
    const std::string target = "/cached/works?filter=orcid:0000-0002-1825-0097";
    ASSERT_TRUE(client.get(url(target), response));
    ASSERT_TRUE(client.get(url(target), response));
    EXPECT_FALSE(response.from_cache);
    EXPECT_EQ(requests_for(target).size(), 2u);
    EXPECT_EQ(cached_rows(), 0);
}

TEST_F(HttpTest, CacheWriteJoinsTheCallersTransaction) {
    HttpClient client(*db_, policy());
    sdk::HttpResponse response;
    const std::string target = "/cached/works?filter=orcid:0000-0002-1825-0097";
    {
        Transaction tx(*db_);
        ASSERT_TRUE(client.get(url(target), response));
        EXPECT_EQ(cached_rows(), 1);
    }  // rolled back: a failed page leaves no cached answer behind
    EXPECT_EQ(cached_rows(), 0);
    {
        Transaction tx(*db_);
        ASSERT_TRUE(client.get(url(target), response));
        tx.commit();
    }
    EXPECT_EQ(cached_rows(), 1);
}

TEST_F(HttpTest, StaleEntryIsRevalidatedWithItsEtag) {
    HttpClient client(*db_, policy());
    sdk::HttpResponse response;
    const std::string target = "/etag/v3.0/0000-0002-1642-628X/person";
    const std::string body = fixture("orcid/person_0000-0002-1642-628X.json");
    ASSERT_TRUE(client.get(url(target), response));
    db_->exec("UPDATE http_cache SET expires_at = '2000-01-01T00:00:00Z'");

    ASSERT_TRUE(client.get(url(target), response));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, body);
    EXPECT_TRUE(response.from_cache);
    auto seen = requests_for(target);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].if_none_match, "-");
    EXPECT_NE(seen[1].if_none_match, "-");
    EXPECT_EQ(seen[1].status, "304");
    // The expiry was refreshed: the next get sends nothing.
    EXPECT_EQ(db_->scalar("SELECT count(*) FROM http_cache WHERE expires_at > '2001'"), 1);
    ASSERT_TRUE(client.get(url(target), response));
    EXPECT_EQ(requests_for(target).size(), 2u);
    EXPECT_EQ(client.stats().requests, 2);
    EXPECT_EQ(client.stats().cache_hits, 2);
}

TEST_F(HttpTest, StaleEntryIsRevalidatedWithLastModified) {
    HttpClient client(*db_, policy());
    sdk::HttpResponse response;
    const std::string target = "/lastmod/v3.0/0000-0002-9341-7985/works";
    ASSERT_TRUE(client.get(url(target), response));
    db_->exec("UPDATE http_cache SET expires_at = '2000-01-01T00:00:00Z'");
    ASSERT_TRUE(client.get(url(target), response));
    EXPECT_EQ(response.body, fixture("orcid/works_0000-0002-9341-7985.json"));
    EXPECT_TRUE(response.from_cache);
    auto seen = requests_for(target);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[1].if_modified_since, "Tue, 14 Nov 2023 22:13:20 GMT");
    EXPECT_EQ(seen[1].status, "304");
}

TEST_F(HttpTest, OfflineAnswersFromTheCacheAloneEvenWhenStale) {
    const std::string target = "/cached/works?filter=orcid:0000-0002-1825-0097";
    {
        HttpClient online(*db_, policy());
        sdk::HttpResponse response;
        ASSERT_TRUE(online.get(url(target), response));
    }
    db_->exec("UPDATE http_cache SET expires_at = '2000-01-01T00:00:00Z'");
    HttpPolicy p = policy();
    p.offline = true;
    HttpClient offline(*db_, p);
    sdk::HttpResponse response;
    ASSERT_TRUE(offline.get(url(target), response));
    EXPECT_TRUE(response.from_cache);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, fixture("crossref/works_list_query_ecology_author_carl_boettiger.json"));
    EXPECT_EQ(offline.stats().requests, 0);
    EXPECT_EQ(requests_for(target).size(), 1u);
}

TEST_F(HttpTest, OfflineWithoutACachedAnswerIsAnErrorNamingTheUrl) {
    HttpPolicy p = policy();
    p.offline = true;
    HttpClient offline(*db_, p);
    sdk::HttpResponse response;
    sdk::Status status = offline.get(url("/works?query=widget&cursor=*"), response);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.message,
              "test: offline and " + url("/works?query=widget&cursor=*") + " is not in the cache");
    EXPECT_TRUE(server_->log().empty());
}

TEST_F(HttpTest, ClientErrorsAreAnswersWithTheirBodiesAndAreNotCached) {
    HttpClient client(*db_, policy());
    struct Case {
        std::string target, file;
        long status;
    };
    for (const Case& c :
         {Case{"/works/10.9999/nothing", "crossref/error_404_work_not_found.txt", 404},
          Case{"/works?rows=2000&query=widget",
               "crossref/error_400_validation_failure_parameter_not_allowed.json", 400},
          Case{"/api/query?id_list=abc", "arxiv/api2026_error_http400_incorrect_id_format_abc.xml", 400}}) {
        sdk::HttpResponse response;
        sdk::Status status = client.get(url(c.target), response);
        ASSERT_TRUE(status) << c.target << ": " << status.message;
        EXPECT_EQ(response.status, c.status) << c.target;
        EXPECT_EQ(response.body, fixture(c.file)) << c.target;
        EXPECT_FALSE(response.from_cache);
        // Not cached, and not retried: asking again asks the server again, once.
        ASSERT_TRUE(client.get(url(c.target), response));
        EXPECT_EQ(response.status, c.status);
        EXPECT_EQ(requests_for(c.target).size(), 2u) << c.target;
    }
    EXPECT_EQ(client.stats().retries, 0);
    EXPECT_EQ(cached_rows(), 0);
}

TEST_F(HttpTest, MinIntervalSpacesRequestsToTheSource) {
    HttpPolicy p = policy();
    p.min_interval = 1.0;  // long enough that a busy machine cannot blur waiting and not waiting
    HttpClient client(*db_, p);  // really sleeps
    sdk::HttpResponse response;
    auto start = std::chrono::steady_clock::now();
    ASSERT_TRUE(client.get(url("/polite/works?page=1"), response));
    ASSERT_TRUE(client.get(url("/polite/works?page=2"), response));
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_GE(elapsed, 1.0);
    auto first = requests_for("/polite/works?page=1"), second = requests_for("/polite/works?page=2");
    ASSERT_EQ(first.size(), 1u);
    ASSERT_EQ(second.size(), 1u);
    // Arrival times at the server; a little slack for the first request's connection set-up.
    EXPECT_GE(second[0].seconds - first[0].seconds, 0.99);
    // A cached answer costs no wait.
    start = std::chrono::steady_clock::now();
    ASSERT_TRUE(client.get(url("/polite/works?page=2"), response));
    EXPECT_TRUE(response.from_cache);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 0.9);
}

TEST_F(HttpTest, MinIntervalAppliesToRetriesToo) {
    HttpPolicy p = policy();
    p.min_interval = 3;
    auto client = recording_client(p);
    sdk::HttpResponse response;
    ASSERT_TRUE(client->get(url("/flaky/works/10.1371/journal.pone.0033693"), response));
    // Each retry waits its backoff, then whatever is left of the 3 s (the recorder does not sleep).
    ASSERT_EQ(waits_.size(), 4u);
    EXPECT_GT(waits_[1], 2.5);
    EXPECT_GT(waits_[3], 2.5);
}

TEST_F(HttpTest, RateLimitHeadersSpaceTheFollowingRequests) {
    HttpPolicy p = policy();
    p.rate_limit_headers = true;
    auto client = recording_client(p);
    sdk::HttpResponse response;
    ASSERT_TRUE(client->get(url("/rate/works?page=1"), response));
    EXPECT_TRUE(waits_.empty());
    ASSERT_TRUE(client->get(url("/rate/works?page=2"), response));
    // x-rate-limit-limit: 2 per x-rate-limit-interval: 1s → 0.5 s apart.
    ASSERT_EQ(waits_.size(), 1u);
    EXPECT_GT(waits_[0], 0.3);
    EXPECT_LE(waits_[0], 0.5);

    // Without rate_limit_headers the same answers cost no wait.
    waits_.clear();
    auto plain = recording_client(policy());
    ASSERT_TRUE(plain->get(url("/rate/works?page=3"), response));
    ASSERT_TRUE(plain->get(url("/rate/works?page=4"), response));
    EXPECT_TRUE(waits_.empty());
}
