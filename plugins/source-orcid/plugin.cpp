// The module's entry points: adapts the ORCID reader to the SDK's SourcePlugin interface.
#include "bzpeer/sdk/plugin.hpp"

#include "orcid_reader.hpp"

namespace {

using namespace bzpeer;

class OrcidSource final : public sdk::SourcePlugin {
public:
    std::vector<sdk::OptionSpec> options() const override { return {}; }

    sdk::Status read(const sdk::ReadRequest& /*request*/, sdk::InputStream& in,
                     sdk::RecordSink& sink) noexcept override {
        // One ORCID response is one document; even a record with thousands of works is a few
        // megabytes, and both parsers want the whole text.
        return sdk::guard([&] { return orcid::read_orcid(sdk::read_all(in), sink); });
    }
};

const sdk::PluginDescriptor descriptor{sdk::kApiVersion,
                                       sizeof(sdk::PluginDescriptor),
                                       "orcid",
                                       sdk::PluginKind::source,
                                       "0.1.0",
                                       sdk::kToolchain,
                                       "ORCID v3.0 records, persons, works and employments (JSON or XML)"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, OrcidSource)
