// Entry points of the HTML format plugin; the page is built in html.cpp.
#include "bzpeer/sdk/plugin.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "html.hpp"

namespace {

namespace sdk = bzpeer::sdk;

class HtmlPlugin final : public sdk::FormatPlugin {
public:
    std::vector<std::string> formats() const override { return {"html", "htm"}; }
    std::vector<std::string> kinds() const override {
        return {"profile", "graph", "works", "table", "report"};
    }

    sdk::Status render(const sdk::Document& document, std::string_view format,
                       std::string& out) noexcept override {
        return sdk::guard([&] {
            // The host should only ask for a format listed above; say so if it did not.
            if (format != "html" && format != "htm")
                return sdk::Status::error("html plugin: unknown format '" + std::string(format) + "'");
            out = bzpeer::html::render(document);
            return sdk::Status::success();
        });
    }
};

const sdk::PluginDescriptor descriptor{
    sdk::kApiVersion,
    sizeof(sdk::PluginDescriptor),
    "html",
    sdk::PluginKind::format,
    "0.1.0",
    sdk::kToolchain,
    "One self-contained HTML page: profiles and graphs drawn as inline SVG"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, HtmlPlugin)
