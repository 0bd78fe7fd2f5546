// Entry points of the markdown format plugin; the rendering lives in markdown.cpp.
#include "bzpeer/sdk/plugin.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "markdown.hpp"

namespace {

namespace sdk = bzpeer::sdk;

class MarkdownPlugin final : public sdk::FormatPlugin {
public:
    std::vector<std::string> formats() const override { return {"markdown", "md"}; }
    std::vector<std::string> kinds() const override { return {"table", "works", "report", "profile", "graph"}; }

    sdk::Status render(const sdk::Document& document, std::string_view format,
                       std::string& out) noexcept override {
        return sdk::guard([&] {
            // The host should only ask for a format listed above; say so if it did not.
            if (format != "markdown" && format != "md")
                return sdk::Status::error("markdown plugin: unknown format '" + std::string(format) + "'");
            out = bzpeer::markdown::render(document);
            return sdk::Status::success();
        });
    }
};

const sdk::PluginDescriptor descriptor{sdk::kApiVersion,
                                       sizeof(sdk::PluginDescriptor),
                                       "markdown",
                                       sdk::PluginKind::format,
                                       "0.1.0",
                                       sdk::kToolchain,
                                       "Markdown (GitHub flavour) reports, fields, lists and pipe tables"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, MarkdownPlugin)
