// Live ORCID records through a fake in-memory Fetcher serving the recorded payloads in
// tests/fixtures/orcid/: the record URL, ISO 7064 check digits tested before any request,
// ORCID's 404 error document, and the options the plugin declares.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "orcid_fetch.hpp"
#include "orcid_source.hpp"
#include "source_test_support.hpp"

namespace {

using bzpeer::orcid::checked_orcid;
using bzpeer::orcid::OrcidSource;
using namespace bzpeer::test::common;

std::string fixture(const std::string& name) { return bzpeer::test::read_fixture("orcid/" + name); }

// An unknown URL is a network failure.
using bzpeer::test::FakeFetcher;

ReadRequest request_for(std::vector<std::pair<std::string, std::string>> options, FakeFetcher& fetcher,
                        std::string base = "https://pub.sandbox.orcid.org") {
    return bzpeer::test::fetch_request(std::move(options), fetcher, std::move(base));
}

const std::string kSandboxRecord = "https://pub.sandbox.orcid.org/v3.0/0000-0003-4997-3076/record";
const std::string kSandboxFixture = "record_sandbox_0000-0003-4997-3076_employments_memberships.json";

TEST(SourceOrcidFetch, ChecksumAndForms) {
    EXPECT_EQ(checked_orcid("0000-0002-1825-0097"), "0000-0002-1825-0097");
    EXPECT_EQ(checked_orcid("0000-0003-4997-3076"), "0000-0003-4997-3076");
    EXPECT_EQ(checked_orcid(" https://orcid.org/0000-0002-1694-233x "), "0000-0002-1694-233X");
    EXPECT_EQ(checked_orcid("https://sandbox.orcid.org/0000-0003-4997-3076"), "0000-0003-4997-3076");
    EXPECT_EQ(checked_orcid("0000000218250097"), "0000-0002-1825-0097");
    try {
        checked_orcid("0000-0002-1825-0098");
        FAIL() << "a wrong check digit was accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "invalid ORCID iD \"0000-0002-1825-0098\": its check digit is 8, expected 7");
    }
    EXPECT_THROW(checked_orcid("0000-0002-1825-009"), std::invalid_argument);
    EXPECT_THROW(checked_orcid("0000-0002-18X5-0097"), std::invalid_argument);
    EXPECT_THROW(checked_orcid("0000-00021825-00097"), std::invalid_argument);
    EXPECT_THROW(checked_orcid("adfafadf"), std::invalid_argument);
}

TEST(SourceOrcidFetch, FetchesTheRecord) {
    FakeFetcher fetcher;
    fetcher.serve(kSandboxRecord, 200, fixture(kSandboxFixture));
    CollectingSink sink(CollectingSink::Yields::persons);
    // A trailing slash on the base, the iD as a URL; --enrich changes nothing in the plugin.
    Status status = OrcidSource().fetch(
        request_for({{"ID", "https://sandbox.orcid.org/0000-0003-4997-3076"}, {"enrich", ""}}, fetcher,
                    "https://pub.sandbox.orcid.org/"),
        sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(fetcher.requests, ElementsAre(kSandboxRecord));
    ASSERT_EQ(sink.persons.size(), 1u);
    const PersonRecord& p = sink.persons[0];
    EXPECT_EQ(p.orcid, "0000-0003-4997-3076");
    EXPECT_EQ(p.source_id, "https://sandbox.orcid.org/0000-0003-4997-3076");
    EXPECT_EQ(p.given, "Erik");
    EXPECT_EQ(p.family, "Pearson");
    ASSERT_EQ(p.employments.size(), 2u);
    EXPECT_EQ(p.employments[0].organization, "Lawrence Berkeley National Laboratory");
    EXPECT_EQ(p.works.size(), 5u);
    EXPECT_THAT(sink.batch_ends, ElementsAre(1u));
}

TEST(SourceOrcidFetch, SeveralIdsOneBatchEach) {
    FakeFetcher fetcher;
    fetcher.serve(kSandboxRecord, 200, fixture(kSandboxFixture));
    fetcher.serve("https://pub.sandbox.orcid.org/v3.0/0000-0002-1825-0097/record", 404,
                  fixture("error_404_invalid_orcid_person.json"));
    CollectingSink sink(CollectingSink::Yields::persons);
    Status status = OrcidSource().fetch(
        request_for(
            {{"ID", "0000-0003-4997-3076"}, {"ID", "0000-0003-4997-3076"}, {"ID", "0000-0002-1825-0097"}},
            fetcher),
        sink);
    // The repeated iD is asked for once; the first record stays committed when the next fails.
    EXPECT_THAT(fetcher.requests,
                ElementsAre(kSandboxRecord, "https://pub.sandbox.orcid.org/v3.0/0000-0002-1825-0097/record"));
    EXPECT_THAT(sink.batch_ends, ElementsAre(1u));
    ASSERT_FALSE(status);
    EXPECT_THAT(status.message, HasSubstr("0000-0002-1825-0097"));
}

TEST(SourceOrcidFetch, BadCheckDigitIsRefusedBeforeAnyRequest) {
    FakeFetcher fetcher;
    fetcher.serve(kSandboxRecord, 200, fixture(kSandboxFixture));
    CollectingSink sink(CollectingSink::Yields::persons);
    // The good iD comes first: all are checked before the first request.
    Status status = OrcidSource().fetch(
        request_for({{"ID", "0000-0003-4997-3076"}, {"ID", "0000-0002-1825-0098"}}, fetcher), sink);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.message, "invalid ORCID iD \"0000-0002-1825-0098\": its check digit is 8, expected 7");
    EXPECT_THAT(fetcher.requests, IsEmpty());
    EXPECT_THAT(sink.persons, IsEmpty());
    EXPECT_THAT(sink.batch_ends, IsEmpty());
}

TEST(SourceOrcidFetch, NotFoundGivesOrcidsDeveloperMessage) {
    FakeFetcher fetcher;
    fetcher.serve("https://pub.orcid.org/v3.0/0000-0002-1825-0097/record", 404,
                  fixture("error_404_invalid_orcid_person.json"));
    CollectingSink sink(CollectingSink::Yields::persons);
    // No base URL: ORCID's public API.
    Status status = OrcidSource().fetch(request_for({{"ID", "0000-0002-1825-0097"}}, fetcher, ""), sink);
    ASSERT_FALSE(status);
    EXPECT_EQ(
        status.message,
        "ORCID iD 0000-0002-1825-0097: HTTP 404: ORCID error 404: 404 Not Found: The resource was not found. "
        "Full validation error: ORCID iD adfafadf not found");
    EXPECT_THAT(sink.persons, IsEmpty());
    EXPECT_THAT(sink.batch_ends, IsEmpty());
}

TEST(SourceOrcidFetch, OtherFailures) {
    CollectingSink sink(CollectingSink::Yields::persons);
    FakeFetcher html;
    html.serve(kSandboxRecord, 503, "<html><body>Service Unavailable</body></html>\n<!-- more -->");
    Status status = OrcidSource().fetch(request_for({{"ID", "0000-0003-4997-3076"}}, html), sink);
    EXPECT_THAT(status.message, HasSubstr("ORCID iD 0000-0003-4997-3076: HTTP 503: "));

    // A 200 answer that is another person's record.
    FakeFetcher wrong;
    wrong.serve("https://pub.sandbox.orcid.org/v3.0/0000-0002-1825-0097/record", 200,
                fixture(kSandboxFixture));
    status = OrcidSource().fetch(request_for({{"ID", "0000-0002-1825-0097"}}, wrong), sink);
    EXPECT_EQ(status.message,
              "ORCID iD 0000-0002-1825-0097: the answer is the record of 0000-0003-4997-3076");

    // A 200 answer that is no record.
    FakeFetcher truncated;
    truncated.serve(kSandboxRecord, 200, fixture(kSandboxFixture).substr(0, 500));
    status = OrcidSource().fetch(request_for({{"ID", "0000-0003-4997-3076"}}, truncated), sink);
    EXPECT_THAT(status.message, HasSubstr("ORCID iD 0000-0003-4997-3076: "));
    EXPECT_THAT(status.message, HasSubstr("truncated"));

    FakeFetcher offline;
    status = OrcidSource().fetch(request_for({{"ID", "0000-0003-4997-3076"}}, offline), sink);
    EXPECT_EQ(status.message, "ORCID iD 0000-0003-4997-3076: no response recorded for " + kSandboxRecord);

    status = OrcidSource().fetch(request_for({{"enrich", ""}}, offline), sink);
    EXPECT_THAT(status.message, HasSubstr("nothing to fetch from ORCID"));
    EXPECT_THAT(sink.persons, IsEmpty());
}

TEST(SourceOrcidFetch, SinkErrorIsReturnedUnchanged) {
    FakeFetcher fetcher;
    fetcher.serve(kSandboxRecord, 200, fixture(kSandboxFixture));
    CollectingSink sink(CollectingSink::Yields::persons);
    sink.refuse_after = 0;
    Status status = OrcidSource().fetch(request_for({{"ID", "0000-0003-4997-3076"}}, fetcher), sink);
    EXPECT_EQ(status.message, "store is full");
    EXPECT_THAT(sink.batch_ends, IsEmpty());
}

TEST(SourceOrcidFetch, OptionsDescribeTheCommandLine) {
    std::vector<OptionSpec> options = OrcidSource().options();
    ASSERT_EQ(options.size(), 2u);
    EXPECT_EQ(options[0].name, "ID");
    EXPECT_TRUE(options[0].positional);
    EXPECT_TRUE(options[0].repeatable);
    EXPECT_TRUE(options[0].takes_value);
    EXPECT_EQ(options[1].name, "enrich");
    EXPECT_FALSE(options[1].takes_value);
    EXPECT_FALSE(options[1].positional);
    EXPECT_EQ(options[1].help, "also import the listed DOIs from Crossref (done by the host)");
}

class TextStream : public bzpeer::test::StepStream {
public:
    explicit TextStream(std::string text)
        : StepStream(std::move(text), static_cast<std::size_t>(-1), "record.json") {}
};

TEST(SourceOrcidFetch, SavedFileIsOneBatch) {
    TextStream in(fixture(kSandboxFixture));
    CollectingSink sink(CollectingSink::Yields::persons);
    Status status = OrcidSource().read(ReadRequest{}, in, sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_THAT(sink.batch_ends, ElementsAre(1u));
}

}  // namespace
