#include "graph_csv.hpp"

#include <map>
#include <set>
#include <stdexcept>
#include <vector>

#include "bzpeer/sdk/delimited.hpp"
#include "bzpeer/sdk/value_text.hpp"

namespace bzpeer::graph_csv {
namespace {

using Row = std::vector<std::string>;

// The union of attribute names over `items`, in the order they first appear, leaving out the
// names the fixed columns already hold.
template <class Items>
std::vector<std::string> attribute_columns(const Items& items, const Row& fixed) {
    std::set<std::string> seen(fixed.begin(), fixed.end());
    std::vector<std::string> names;
    for (const auto& item : items)
        for (const auto& [name, value] : item.attributes)
            if (seen.insert(name).second) names.push_back(name);
    return names;
}

void append_attributes(Row& row, const std::vector<std::string>& names,
                       const sdk::Value::Object& attributes) {
    for (const auto& name : names) {
        std::string cell;
        for (const auto& [key, value] : attributes)
            if (key == name) {
                cell = sdk::value_text(value);
                break;
            }
        row.push_back(std::move(cell));
    }
}

std::string table(const std::vector<Row>& rows, Separator separator) {
    std::string out;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) out += separator == Separator::comma ? ',' : '\t';
            out += separator == Separator::comma ? sdk::delimited::csv_field(row[i])
                                                 : sdk::delimited::tsv_field(row[i]);
        }
        out += '\n';
    }
    return out;
}

}  // namespace

std::string edges(const sdk::Graph& graph, Separator separator) {
    Row header = {"source", "target", "type", "weight", "source_label", "target_label"};
    auto names = attribute_columns(graph.edges, header);
    header.insert(header.end(), names.begin(), names.end());

    std::map<std::string, std::string> labels;
    for (const auto& node : graph.nodes) labels.emplace(node.id, node.label);
    auto label_of = [&](const std::string& id) {
        auto it = labels.find(id);
        return it == labels.end() ? std::string() : it->second;
    };
    std::vector<Row> rows = {header};
    for (const auto& edge : graph.edges) {
        Row row = {edge.source,           edge.target,          edge.type, sdk::number_text(edge.weight),
                   label_of(edge.source), label_of(edge.target)};
        append_attributes(row, names, edge.attributes);
        rows.push_back(std::move(row));
    }
    return table(rows, separator);
}

std::string nodes(const sdk::Graph& graph, Separator separator) {
    Row header = {"id", "type", "label", "cluster"};
    auto names = attribute_columns(graph.nodes, header);
    header.insert(header.end(), names.begin(), names.end());
    std::vector<Row> rows = {header};
    for (const auto& node : graph.nodes) {
        Row row = {node.id, node.type, node.label, node.cluster};
        append_attributes(row, names, node.attributes);
        rows.push_back(std::move(row));
    }
    return table(rows, separator);
}

std::string render(const sdk::Document& document, std::string_view format) {
    if (format == "csv") return edges(document.graph, Separator::comma);
    if (format == "tsv") return edges(document.graph, Separator::tab);
    if (format == "nodes-csv") return nodes(document.graph, Separator::comma);
    if (format == "nodes-tsv") return nodes(document.graph, Separator::tab);
    throw std::invalid_argument("graph-csv plugin: unknown format '" + std::string(format) + "'");
}

}  // namespace bzpeer::graph_csv
