// Reads a Crossref JSON-lines dump (`bzpeer import crossref --dump FILE`): one work per line,
// either a bare work object, as in Crossref's public data files, or a work message
// ({"message": work}, with or without the API's "status" and "message-type"). The input is
// streamed: memory stays at one read chunk plus the longest line, whatever the file's size.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <vector>

#include "bzpeer/sdk/plugin.hpp"

namespace bzpeer::crossref {

struct DumpStats {
    std::size_t lines = 0;             // lines read, blank ones included
    std::size_t works = 0;             // records handed to the sink
    std::size_t skipped_untitled = 0;  // works left out for having no title
    std::size_t batches = 0;           // batch_done() calls
};

// Holds the simdjson parser and the read buffer, so one object reading several dumps reuses
// their memory. Not for concurrent use.
class DumpReader {
public:
    static constexpr std::size_t kChunkSize = std::size_t{1} << 20;     // bytes asked of each read()
    static constexpr std::size_t kBatchSize = 5000;                     // records between batch_done()
    static constexpr std::size_t kMaxLineSize = std::size_t{64} << 20;  // a longer line is an error

    explicit DumpReader(std::size_t batch_size = kBatchSize) : batch_size_(batch_size ? batch_size : 1) {}

    // Hands every titled work to `sink` in file order and calls sink.batch_done() after every
    // `batch_size` records and once after the last. Blank lines are skipped; a line that is
    // not JSON, not a work, or a work with a missing DOI or a mistyped field fails the read
    // with a message naming the line ("line 17 (DOI 10.1000/x): author 2: ..."). A sink
    // error stops the read and is returned unchanged. `stats`, when given, counts what was
    // done, also when the read fails.
    sdk::Status read(sdk::InputStream& in, sdk::RecordSink& sink, DumpStats* stats = nullptr);

private:
    sdk::Status line(const char* data, std::size_t size, sdk::RecordSink& sink, DumpStats& stats);

    std::size_t batch_size_;
    std::size_t pending_ = 0;  // records since the last batch_done()
    simdjson::dom::parser parser_;
    std::vector<char> buffer_;
};

}  // namespace bzpeer::crossref
