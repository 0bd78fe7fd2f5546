// One entry point for any saved arXiv file, told apart by its content: an API Atom feed
// (root <feed>), an OAI-PMH response (root <OAI-PMH>) or the bulk metadata snapshot (JSON
// lines: the first byte that is not white space is '{'). The snapshot is streamed; the XML
// documents are small enough to read whole.
#pragma once

#include "atom_reader.hpp"
#include "bzpeer/sdk/plugin.hpp"
#include "oai_reader.hpp"
#include "snapshot_reader.hpp"

namespace bzpeer::arxiv {

enum class InputKind { none, atom, oai, snapshot };

struct ReadSummary {
    InputKind kind = InputKind::none;
    FeedInfo feed;          // for an Atom feed
    OaiInfo oai;            // for an OAI-PMH response
    SnapshotInfo snapshot;  // for a snapshot
};

// Reads `in` into `sink`. When request.options names the input as "snapshot", anything but
// JSON lines is refused. `summary`, when given, says what was read.
sdk::Status read_input(const sdk::ReadRequest& request, sdk::InputStream& in, sdk::RecordSink& sink,
                       ReadSummary* summary = nullptr, const SnapshotOptions& snapshot_options = {});

}  // namespace bzpeer::arxiv
