#include "bzpeer/reports/network.hpp"

#include <fmt/format.h>

#include "base/table_document.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/identity/people.hpp"

namespace bzpeer {

namespace {

using sdk::Value;

std::string year_text(const std::optional<std::int64_t>& year) { return year ? std::to_string(*year) : ""; }

std::string weight_text(double weight) {
    return weight == static_cast<double>(static_cast<std::int64_t>(weight))
               ? std::to_string(static_cast<std::int64_t>(weight))
               : fmt::format("{:.2f}", weight);
}

}  // namespace

sdk::Document collaborators_report(Database& db, std::int64_t person, const graph::CollaboratorQuery& query) {
    auto doc = table_document(
        fmt::format("Collaborators of {} ({})", display_name(db, person), ids::person_ref(person)),
        {"id", "name", "shared_works", "first_year", "last_year", "topics_in_common"});
    auto& rows = doc.blocks.back().table.rows;
    for (const auto& c : graph::collaborators(db, person, query)) {
        auto topics = graph::topics_in_common(db, person, c.id);
        Value item = Value::object();
        item.set("id", ids::person_ref(c.id));
        item.set("name", c.name);
        item.set("shared_works", c.shared_works);
        item.set("first_year", c.first_year ? Value(*c.first_year) : Value());
        item.set("last_year", c.last_year ? Value(*c.last_year) : Value());
        Value topic_list = Value::array();
        for (const auto& t : topics) topic_list.push(t);
        item.set("topics_in_common", std::move(topic_list));
        doc.data.push(std::move(item));
        rows.push_back({ids::person_ref(c.id), c.name, std::to_string(c.shared_works),
                        year_text(c.first_year), year_text(c.last_year),
                        fmt::format("{}", fmt::join(topics, " "))});
    }
    return doc;
}

sdk::Document graph_report(std::string title, sdk::Graph graph) {
    sdk::Document doc;
    doc.kind = "graph";
    doc.title = std::move(title);
    doc.blocks.push_back(heading(doc.title, 1));
    sdk::Block counts;
    counts.type = sdk::Block::Type::fields;
    counts.fields = {{"Nodes", std::to_string(graph.nodes.size())},
                     {"Edges", std::to_string(graph.edges.size())}};
    if (!graph.clusters.empty())
        counts.fields.emplace_back("Clusters", std::to_string(graph.clusters.size()));
    for (const auto& sentence : graph.omitted) counts.fields.emplace_back("Left out", sentence);
    doc.blocks.push_back(std::move(counts));

    auto nodes = table_block({"id", "type", "label", "cluster"});
    auto edges = table_block({"source", "target", "type", "weight"});
    Value data = Value::object();
    Value node_list = Value::array(), edge_list = Value::array(), cluster_list = Value::array(),
          omitted = Value::array();
    for (const auto& c : graph.clusters) {
        Value item = Value::object();
        item.set("id", c.id);
        item.set("label", c.label);
        cluster_list.push(std::move(item));
    }
    for (const auto& n : graph.nodes) {
        nodes.table.rows.push_back({n.id, n.type, n.label, n.cluster});
        Value item = Value::object();
        item.set("id", n.id);
        item.set("type", n.type);
        item.set("label", n.label);
        item.set("cluster", n.cluster.empty() ? Value() : Value(n.cluster));
        item.set("attributes", Value(n.attributes));
        node_list.push(std::move(item));
    }
    for (const auto& e : graph.edges) {
        edges.table.rows.push_back({e.source, e.target, e.type, weight_text(e.weight)});
        Value item = Value::object();
        item.set("source", e.source);
        item.set("target", e.target);
        item.set("type", e.type);
        item.set("weight", e.weight);
        item.set("attributes", Value(e.attributes));
        edge_list.push(std::move(item));
    }
    for (const auto& sentence : graph.omitted) omitted.push(sentence);
    data.set("nodes", std::move(node_list));
    data.set("edges", std::move(edge_list));
    data.set("clusters", std::move(cluster_list));
    data.set("omitted", std::move(omitted));
    doc.data = std::move(data);
    doc.blocks.push_back(std::move(nodes));
    doc.blocks.push_back(std::move(edges));
    doc.graph = std::move(graph);
    return doc;
}

}  // namespace bzpeer
