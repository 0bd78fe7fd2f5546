// Entry points of the graphml format plugin; the rendering lives in graphml.cpp.
#include "bzpeer/sdk/plugin.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "graphml.hpp"

namespace {

namespace sdk = bzpeer::sdk;

class GraphmlPlugin final : public sdk::FormatPlugin {
public:
    std::vector<std::string> formats() const override { return {"graphml"}; }
    std::vector<std::string> kinds() const override { return {"graph", "profile"}; }

    sdk::Status render(const sdk::Document& document, std::string_view format,
                       std::string& out) noexcept override {
        return sdk::guard([&] {
            out = bzpeer::graphml::render(document, format);
            return sdk::Status::success();
        });
    }
};

const sdk::PluginDescriptor descriptor{sdk::kApiVersion,
                                       sizeof(sdk::PluginDescriptor),
                                       "graphml",
                                       sdk::PluginKind::format,
                                       "0.1.0",
                                       sdk::kToolchain,
                                       "GraphML of a graph, with typed attributes"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, GraphmlPlugin)
