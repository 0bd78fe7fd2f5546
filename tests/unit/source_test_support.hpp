// What the source plugins' unit tests share: reading a recorded fixture, an input stream that
// serves text a few bytes at a time, and the printed author names of a record.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
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
