// What the source plugins' unit tests share: reading a recorded fixture, an input stream that
// serves text a few bytes at a time, a sink that keeps what a plugin yields, a reader's result
// gathered from that sink, an in-memory network for fetch(), and the printed author names of a
// record.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "bzpeer/sdk/plugin.hpp"

namespace bzpeer::test {

// The bytes of tests/fixtures/RELATIVE; a missing file fails the test.
inline std::string read_fixture(const std::string& relative) {
    std::ifstream in(std::string(BZPEER_FIXTURES_DIR) + "/" + relative, std::ios::binary);
    EXPECT_TRUE(in) << "cannot open fixture " << relative;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// Keeps what a source plugin yields. A record of the kind the source does not yield counts as
// stray and fails the read, as a host would refuse it.
class CollectingSink : public sdk::RecordSink {
public:
    enum class Yields { works, persons };
    explicit CollectingSink(Yields yields = Yields::works) : yields_(yields) {}

    std::vector<sdk::WorkRecord> works;
    std::vector<sdk::PersonRecord> persons;
    std::vector<std::size_t> batch_ends;  // records received when each batch_done() came
    std::vector<std::int64_t> expected;   // what expect() was told, in order
    std::size_t stop_at_batch = 0;        // 0: never; N: the N-th batch_done() answers "interrupted"
    std::size_t refuse_after = std::numeric_limits<std::size_t>::max();  // then "store is full"
    std::size_t received = 0;                                            // records offered
    int stray = 0;

    sdk::Status work(sdk::WorkRecord&& record) override {
        if (yields_ != Yields::works) return refuse("work");
        if (++received > refuse_after) return sdk::Status::error("store is full");
        works.push_back(std::move(record));
        return sdk::Status::success();
    }
    sdk::Status person(sdk::PersonRecord&& record) override {
        if (yields_ != Yields::persons) return refuse("person");
        if (++received > refuse_after) return sdk::Status::error("store is full");
        persons.push_back(std::move(record));
        return sdk::Status::success();
    }
    sdk::Status batch_done() override {
        batch_ends.push_back(works.size() + persons.size());
        if (stop_at_batch && batch_ends.size() == stop_at_batch) return sdk::Status::error("interrupted");
        return sdk::Status::success();
    }
    sdk::Status expect(std::int64_t records) override {
        expected.push_back(records);
        return sdk::Status::success();
    }

private:
    sdk::Status refuse(const char* kind) {
        ++stray;
        return sdk::Status::error(std::string("unexpected ") + kind + " record");
    }
    Yields yields_;
};

// Serves `text` at most `step` bytes per read(), as a slow pipe would, and counts the reads.
class StepStream : public sdk::InputStream {
public:
    explicit StepStream(std::string text, std::size_t step = std::numeric_limits<std::size_t>::max(),
                        std::string name = "test input")
        : text_(std::move(text)), step_(step), name_(std::move(name)) {}
    std::size_t read(char* buffer, std::size_t capacity) override {
        ++reads;
        std::size_t n = std::min({capacity, step_, text_.size() - given});
        text_.copy(buffer, n, given);
        given += n;
        return n;
    }
    const std::string& name() const override { return name_; }
    std::size_t consumed() const { return given; }
    std::size_t size() const { return text_.size(); }

    std::size_t given = 0;  // bytes served so far
    std::size_t reads = 0;

private:
    std::string text_;
    std::size_t step_;
    std::string name_;
};

// What a reader yields for one input: its status, the works, where each batch ended and what it
// reports about the input as a whole.
template <class Info>
struct Parsed {
    sdk::Status status;
    std::vector<sdk::WorkRecord> works;
    std::vector<std::size_t> batch_ends;
    Info info;
};

// Runs `read(sink, info)` into a fresh CollectingSink and keeps what it yielded.
template <class Info, class Read>
Parsed<Info> collect(Read read) {
    Parsed<Info> parsed;
    CollectingSink sink;
    parsed.status = read(sink, parsed.info);
    parsed.works = std::move(sink.works);
    parsed.batch_ends = std::move(sink.batch_ends);
    return parsed;
}

// A network in memory for fetch(). Each URL is answered from the responses served for it, in
// order, the last one again once they run out; every URL asked for and every URL forgotten is
// recorded.
class FakeFetcher : public sdk::Fetcher {
public:
    // What a URL nobody served gets: a network failure, or the server's 404 page.
    enum class Unknown { fails, not_found };
    explicit FakeFetcher(std::string content_type = "application/json", Unknown unknown = Unknown::fails)
        : content_type_(std::move(content_type)), unknown_(unknown) {}

    std::vector<std::string> requests;
    std::vector<std::string> forgotten;
    sdk::Status failure = sdk::Status::success();  // an error here: every get() fails with it

    void serve(const std::string& url, long status, std::string body) {
        sdk::HttpResponse response;
        response.status = status;
        response.body = std::move(body);
        response.content_type = content_type_;
        response.url = url;
        table_[url].push_back(std::move(response));
    }

    sdk::Status get(const std::string& url, sdk::HttpResponse& response) noexcept override {
        requests.push_back(url);
        if (!failure) return failure;
        auto found = table_.find(url);
        if (found == table_.end()) {
            if (unknown_ == Unknown::fails) return sdk::Status::error("no response recorded for " + url);
            response = sdk::HttpResponse{404, "not found", "text/plain", url, false};
            return sdk::Status::success();
        }
        std::size_t& used = used_[url];
        response = found->second[std::min(used, found->second.size() - 1)];
        ++used;
        return sdk::Status::success();
    }
    void forget(const std::string& url) noexcept override { forgotten.push_back(url); }

private:
    std::string content_type_;
    Unknown unknown_;
    std::map<std::string, std::vector<sdk::HttpResponse>> table_;
    std::map<std::string, std::size_t> used_;
};

// A fetch() request for `options` through `fetcher`.
inline sdk::ReadRequest fetch_request(std::vector<std::pair<std::string, std::string>> options,
                                      sdk::Fetcher& fetcher, std::string base_url, std::string mailto = {},
                                      long page_size = 0) {
    sdk::ReadRequest request;
    request.options = std::move(options);
    request.base_url = std::move(base_url);
    request.mailto = std::move(mailto);
    request.page_size = page_size;
    request.fetcher = &fetcher;
    return request;
}

inline std::vector<std::string> author_names(const sdk::WorkRecord& work) {
    std::vector<std::string> out;
    for (const auto& author : work.authors) out.push_back(author.name);
    return out;
}

// Text fields must come out on one line with no doubled or edge spaces.
inline void expect_collapsed(const std::string& text) {
    EXPECT_EQ(text.find('\n'), std::string::npos) << text;
    EXPECT_EQ(text.find("  "), std::string::npos) << text;
    ASSERT_FALSE(text.empty());
    EXPECT_NE(text.front(), ' ');
    EXPECT_NE(text.back(), ' ');
}

// An sdk::Identifier with this scheme and value.
MATCHER_P2(Id, scheme, value, "") { return arg.scheme == scheme && arg.value == value; }

// The names the source tests share, for `using namespace bzpeer::test::common;`.
namespace common {
using ::bzpeer::sdk::AuthorRecord;
using ::bzpeer::sdk::Identifier;
using ::bzpeer::sdk::InputStream;
using ::bzpeer::sdk::OptionSpec;
using ::bzpeer::sdk::PersonRecord;
using ::bzpeer::sdk::ReadRequest;
using ::bzpeer::sdk::Status;
using ::bzpeer::sdk::WorkRecord;
using ::bzpeer::test::CollectingSink;
using ::bzpeer::test::expect_collapsed;
using ::bzpeer::test::Id;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;
}  // namespace common

}  // namespace bzpeer::test
