// The module's entry points: adapts the readers and the live queries to the SDK's
// SourcePlugin interface.
#include "bzpeer/sdk/plugin.hpp"

#include "file_reader.hpp"
#include "live.hpp"

namespace {

using namespace bzpeer;

class ArxivSource final : public sdk::SourcePlugin {
public:
    std::vector<sdk::OptionSpec> options() const override { return arxiv::plugin_options(); }

    // Any saved arXiv file: an API Atom feed, an OAI-PMH response or the metadata snapshot
    // (streamed), told apart by content.
    sdk::Status read(const sdk::ReadRequest& request, sdk::InputStream& in,
                     sdk::RecordSink& sink) noexcept override {
        return sdk::guard([&] { return arxiv::read_input(request, in, sink); });
    }

    // --query / --id / --author through the search API, --oai through OAI-PMH.
    sdk::Status fetch(const sdk::ReadRequest& request, sdk::RecordSink& sink) noexcept override {
        return sdk::guard([&] { return arxiv::fetch_live(request, sink); });
    }
};

const sdk::PluginDescriptor descriptor{
    sdk::kApiVersion,
    sizeof(sdk::PluginDescriptor),
    "arxiv",
    sdk::PluginKind::source,
    "0.2.0",
    sdk::kToolchain,
    "arXiv: search API, OAI-PMH harvests, saved responses and the metadata snapshot"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, ArxivSource)
