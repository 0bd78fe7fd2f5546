// Entry points of the dot format plugin; the rendering lives in dot.cpp.
#include "bzpeer/sdk/plugin.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "dot.hpp"

namespace {

namespace sdk = bzpeer::sdk;

class DotPlugin final : public sdk::FormatPlugin {
public:
    std::vector<std::string> formats() const override { return {"dot", "gv"}; }
    std::vector<std::string> kinds() const override { return {"graph", "profile"}; }

    sdk::Status render(const sdk::Document& document, std::string_view format,
                       std::string& out) noexcept override {
        return sdk::guard([&] {
            out = bzpeer::dot::render(document, format);
            return sdk::Status::success();
        });
    }
};

const sdk::PluginDescriptor descriptor{
    sdk::kApiVersion, sizeof(sdk::PluginDescriptor), "dot", sdk::PluginKind::format, "0.1.0",
    sdk::kToolchain,  "Graphviz DOT of a graph"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, DotPlugin)
