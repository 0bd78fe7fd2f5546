// Entry points of the graph-csv format plugin (csv/tsv: the edge list; nodes-csv/nodes-tsv: the
// node list); the rendering lives in graph_csv.cpp.
#include "bzpeer/sdk/plugin.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "graph_csv.hpp"

namespace {

namespace sdk = bzpeer::sdk;

class GraphCsvPlugin final : public sdk::FormatPlugin {
public:
    std::vector<std::string> formats() const override { return {"csv", "tsv", "nodes-csv", "nodes-tsv"}; }
    std::vector<std::string> kinds() const override { return {"graph"}; }

    sdk::Status render(const sdk::Document& document, std::string_view format,
                       std::string& out) noexcept override {
        return sdk::guard([&] {
            out = bzpeer::graph_csv::render(document, format);
            return sdk::Status::success();
        });
    }
};

const sdk::PluginDescriptor descriptor{
    sdk::kApiVersion, sizeof(sdk::PluginDescriptor),           "graph-csv", sdk::PluginKind::format, "0.1.0",
    sdk::kToolchain,  "A graph as CSV/TSV edge and node lists"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, GraphCsvPlugin)
