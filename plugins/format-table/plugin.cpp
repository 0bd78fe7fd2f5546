// Entry points of the table format plugin; the rendering lives in table.cpp.
#include "bzpeer/sdk/plugin.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "table.hpp"

namespace {

namespace sdk = bzpeer::sdk;

class TablePlugin final : public sdk::FormatPlugin {
public:
    std::vector<std::string> formats() const override { return {"table", "tsv", "csv"}; }
    std::vector<std::string> kinds() const override { return {"table", "works", "report", "profile"}; }

    sdk::Status render(const sdk::Document& document, std::string_view format,
                       std::string& out) noexcept override {
        return sdk::guard([&] {
            out = bzpeer::table::render(document, format);
            return sdk::Status::success();
        });
    }
};

const sdk::PluginDescriptor descriptor{
    sdk::kApiVersion, sizeof(sdk::PluginDescriptor),       "table", sdk::PluginKind::format, "0.1.0",
    sdk::kToolchain,  "Aligned terminal text, TSV and CSV"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, TablePlugin)
