// Entry points of the json format plugin; the rendering lives in json.cpp.
#include "bzpeer/sdk/plugin.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "json.hpp"

namespace {

namespace sdk = bzpeer::sdk;

class JsonPlugin final : public sdk::FormatPlugin {
public:
    std::vector<std::string> formats() const override { return {"json", "jsonl", "ndjson"}; }
    std::vector<std::string> kinds() const override {
        return {"table", "works", "report", "profile", "graph"};
    }

    sdk::Status render(const sdk::Document& document, std::string_view format,
                       std::string& out) noexcept override {
        return sdk::guard([&] {
            out = bzpeer::json::render(document, format);
            return sdk::Status::success();
        });
    }
};

const sdk::PluginDescriptor descriptor{sdk::kApiVersion,
                                       sizeof(sdk::PluginDescriptor),
                                       "json",
                                       sdk::PluginKind::format,
                                       "0.1.0",
                                       sdk::kToolchain,
                                       "JSON and JSON Lines output of a document's data"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, JsonPlugin)
