// The module's entry points: adapts the Atom reader to the SDK's SourcePlugin interface.
#include "bzpeer/sdk/plugin.hpp"

#include "atom_reader.hpp"

namespace {

using namespace bzpeer;

class ArxivSource final : public sdk::SourcePlugin {
public:
    std::vector<sdk::OptionSpec> options() const override { return {}; }

    sdk::Status read(const sdk::ReadRequest& /*request*/, sdk::InputStream& in,
                     sdk::RecordSink& sink) noexcept override {
        // An API page is at most a few megabytes, and pugixml wants the whole document.
        return sdk::guard([&] { return arxiv::read_atom(sdk::read_all(in), sink); });
    }
};

const sdk::PluginDescriptor descriptor{
    sdk::kApiVersion, sizeof(sdk::PluginDescriptor), "arxiv", sdk::PluginKind::source, "0.1.0",
    sdk::kToolchain,  "arXiv API Atom feeds"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, ArxivSource)
