// Reads arXiv's bulk metadata snapshot (the Kaggle "arxiv-metadata-oai-snapshot" file: one
// JSON object per line) into WorkRecords, streamed: the input is read in chunks and parsed a
// line at a time with one reused parser, so memory stays flat however big the file is.
#pragma once

#include <cstddef>

#include "bzpeer/sdk/plugin.hpp"

namespace bzpeer::arxiv {

struct SnapshotOptions {
    std::size_t batch_size = 5000;           // records between sink.batch_done() calls
    std::size_t buffer_size = 1 << 20;       // bytes asked of the stream per read
    std::size_t max_line_size = 256u << 20;  // a longer "line" means the file is not JSON lines
};

struct SnapshotInfo {
    std::size_t lines = 0;    // lines read, blank ones included
    std::size_t records = 0;  // records handed to the sink
    std::size_t batches = 0;  // batch_done() calls
};

// Calls sink.batch_done() after every `batch_size` records and once more after the last
// ones. Fails on a line that is not a JSON object or lacks its id or title, naming the line
// number (and the arXiv id once known); a sink error is returned unchanged.
sdk::Status read_snapshot(sdk::InputStream& in, sdk::RecordSink& sink, const SnapshotOptions& options = {},
                          SnapshotInfo* info = nullptr);

}  // namespace bzpeer::arxiv
