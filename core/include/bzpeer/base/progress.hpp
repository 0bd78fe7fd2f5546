// Progress of long work (imports, name resolution) and its one-line rendering for a terminal.
// The core reports, at most every so often; the CLI draws.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace bzpeer {

struct Progress {
    std::string label;             // what is going on: a file's name, a source, "resolving people"
    std::int64_t count = 0;        // items so far
    std::int64_t count_total = 0;  // items expected; 0 when unknown
    std::string unit = "records";  // what the items are
    std::int64_t bytes = 0;        // of a file: bytes consumed (compressed ones for .gz) ...
    std::int64_t bytes_total = 0;  // ... of its size; 0 when the work is not reading a file
    std::int64_t pages = 0;        // pages of a live query received so far
    double seconds = 0;            // since the work started
};

// One line of at most `width - 1` columns (the last column would wrap on some terminals): a
// bar with its percent when the share done is known (of the bytes, else of the items), the
// figures, items per second and the time left. The label goes first when space is short.
std::string progress_line(const Progress& progress, int width);

// Screen columns of UTF-8 text, counted as code points (file names may hold any).
std::size_t text_columns(std::string_view text);

using ProgressCallback = std::function<void(const Progress&)>;

// Rate-limits drawing: due() is true for the first update and then at most once per
// `interval`, so that a per-record check costs a clock read and nothing more.
class ProgressThrottle {
public:
    explicit ProgressThrottle(std::chrono::milliseconds interval = std::chrono::milliseconds(100));
    bool due();
    double seconds() const;  // since construction

private:
    std::chrono::steady_clock::time_point start_, next_;
    std::chrono::milliseconds interval_;
};

}  // namespace bzpeer
