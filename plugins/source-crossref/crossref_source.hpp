// The Crossref source plugin object: what `bzpeer import crossref` offers. It lives in the
// static library so that unit tests drive it exactly as the host does; plugin.cpp only
// exports it.
#pragma once

#include <vector>

#include "bzpeer/sdk/plugin.hpp"
#include "crossref_dump.hpp"
#include "crossref_reader.hpp"

namespace bzpeer::crossref {

class CrossrefSource final : public sdk::SourcePlugin {
public:
    // doi (repeatable), author, orcid, query for live queries; dump (a file) for JSON lines.
    std::vector<sdk::OptionSpec> options() const override;

    // With a "dump" option: streams the JSON-lines dump, sink.batch_done() every 5,000 works.
    // Otherwise the input is one saved API response (a work or a work-list page), followed by
    // one sink.batch_done().
    sdk::Status read(const sdk::ReadRequest& request, sdk::InputStream& in,
                     sdk::RecordSink& sink) noexcept override;

    // The DOIs and list query the options ask for, through request.fetcher (see fetch_works).
    sdk::Status fetch(const sdk::ReadRequest& request, sdk::RecordSink& sink) noexcept override;

private:
    Reader reader_;
    DumpReader dump_;
};

}  // namespace bzpeer::crossref
