// The ORCID source plugin object: what `bzpeer import orcid` offers. It lives in the static
// library so that unit tests drive it exactly as the host does; plugin.cpp only exports it.
#pragma once

#include <vector>

#include "bzpeer/sdk/plugin.hpp"

namespace bzpeer::orcid {

class OrcidSource final : public sdk::SourcePlugin {
public:
    // ID (positional, repeatable) and the enrich flag, which the host acts on.
    std::vector<sdk::OptionSpec> options() const override;

    // One saved ORCID document (JSON or XML) → one person, then sink.batch_done().
    sdk::Status read(const sdk::ReadRequest& request, sdk::InputStream& in,
                     sdk::RecordSink& sink) noexcept override;

    // GETs {base}/v3.0/{ID}/record for each ID (see fetch_records). "enrich" is ignored here:
    // the host imports the DOIs of the person's works through the Crossref plugin.
    sdk::Status fetch(const sdk::ReadRequest& request, sdk::RecordSink& sink) noexcept override;
};

}  // namespace bzpeer::orcid
