// A test plugin that is complete in every way except its descriptor, which claims an API
// version one newer than the host's. The host must refuse it before calling the factory.
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/sdk/plugin.hpp"

namespace {

namespace sdk = bzpeer::sdk;

class BadApiFormat final : public sdk::FormatPlugin {
public:
    std::vector<std::string> formats() const override { return {"bad-api"}; }
    std::vector<std::string> kinds() const override { return {"table"}; }

    sdk::Status render(const sdk::Document&, std::string_view, std::string& out) noexcept override {
        out = "bad-api plugin output\n";
        return sdk::Status::success();
    }
};

const sdk::PluginDescriptor descriptor{sdk::kApiVersion + 1,
                                       sizeof(sdk::PluginDescriptor),
                                       "bad-api",
                                       sdk::PluginKind::format,
                                       "0.0.1",
                                       sdk::kToolchain,
                                       "test plugin built against a future plugin API"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, BadApiFormat)
