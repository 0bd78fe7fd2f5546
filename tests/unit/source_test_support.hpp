// What the source plugins' unit tests share: reading a recorded fixture, an input stream that
// serves text a few bytes at a time, a sink that keeps what a plugin yields, and the printed
// author names of a record.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
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

inline std::vector<std::string> author_names(const sdk::WorkRecord& work) {
    std::vector<std::string> out;
    for (const auto& author : work.authors) out.push_back(author.name);
    return out;
}

}  // namespace bzpeer::test
