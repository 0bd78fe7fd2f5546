// The module's entry points: adapts the Crossref reader to the SDK's SourcePlugin interface.
#include "bzpeer/sdk/plugin.hpp"

#include "crossref_reader.hpp"

namespace {

using namespace bzpeer;

class CrossrefSource final : public sdk::SourcePlugin {
public:
    std::vector<sdk::OptionSpec> options() const override { return {}; }

    sdk::Status read(const sdk::ReadRequest& /*request*/, sdk::InputStream& in,
                     sdk::RecordSink& sink) noexcept override {
        // A response page is at most a few megabytes (rows <= 1000) and the DOM parser wants
        // the whole document; the reader keeps its parser and buffer for the next page.
        return sdk::guard([&] { return reader_.read(sdk::read_all(in), sink); });
    }

private:
    crossref::Reader reader_;
};

const sdk::PluginDescriptor descriptor{sdk::kApiVersion,
                                       sizeof(sdk::PluginDescriptor),
                                       "crossref",
                                       sdk::PluginKind::source,
                                       "0.1.0",
                                       sdk::kToolchain,
                                       "Crossref REST API JSON (single work or work list)"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, CrossrefSource)
