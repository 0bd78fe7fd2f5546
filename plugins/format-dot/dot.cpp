#include "dot.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <vector>

#include "bzpeer/sdk/utf8.hpp"
#include "bzpeer/sdk/value_text.hpp"

namespace bzpeer::dot {
namespace {

struct Look {
    const char* shape;
    const char* fill;
};

Look look_of(const std::string& type) {
    if (type == "person") return {"ellipse", "#dbe9f6"};
    if (type == "work") return {"box", "#fdf3d7"};
    if (type == "topic") return {"hexagon", "#e2f0d9"};
    if (type == "institution") return {"house", "#f8d9d9"};
    return {"ellipse", "#eeeeee"};
}

struct Stroke {
    const char* color;
    const char* style;
};

Stroke stroke_of(const std::string& type) {
    if (type == "coauthor") return {"#1f4e79", "solid"};
    if (type == "authored") return {"#7f7f7f", "dashed"};
    if (type == "topic") return {"#38761d", "dotted"};
    if (type == "affiliation") return {"#a61c00", "dashed"};
    return {"#444444", "solid"};
}

// Names a graph attribute must not overwrite: those this file sets (type, data_weight) and
// common Graphviz attributes that change the drawing. A graph attribute of such a name is written as
// data_NAME.
const std::set<std::string>& graphviz_names() {
    static const std::set<std::string> names = {
        "label",      "shape",      "style",       "color",    "fillcolor", "fontcolor", "fontname",
        "fontsize",   "penwidth",   "weight",      "width",    "height",    "pos",       "id",
        "class",      "comment",    "tooltip",     "URL",      "href",      "target",    "group",
        "layer",      "root",       "peripheries", "len",      "dir",       "arrowhead", "arrowtail",
        "minlen",     "constraint", "headport",    "tailport", "image",     "xlabel",    "sides",
        "skew",       "distortion", "orientation", "regular",  "fixedsize", "margin",    "nojustify",
        "sortv",      "z",          "vertices",    "rects",    "samehead",  "sametail",  "type",
        "data_weight"};
    return names;
}

std::string attribute_name(const std::string& name) {
    return graphviz_names().count(name) ? "data_" + name : name;
}

// Heavier edges draw thicker: 1 point for one joint work, growing with the logarithm so that a
// pair with 200 joint works does not paint over the picture; never beyond 8 points.
std::string pen_width(double weight) {
    double width = 1 + 1.5 * std::log2(std::max(weight, 1.0));
    width = std::min(width, 8.0);
    return sdk::number_text(std::round(width * 100) / 100);
}

// DOT's `weight` pulls an edge short in the layout; dot wants a whole number, at least 1.
std::string layout_weight(double weight) {
    if (!std::isfinite(weight)) return "1";
    return std::to_string(static_cast<long long>(std::max(1.0, std::round(weight))));
}

void append_attributes(std::string& out, const sdk::Value::Object& attributes) {
    for (const auto& [name, value] : attributes) {
        if (std::holds_alternative<std::nullptr_t>(value.v)) continue;
        out += ", " + quoted(attribute_name(name)) + "=" + quoted(sdk::value_text(value));
    }
}

void append_node(std::string& out, const sdk::GraphNode& node, const std::string& indent) {
    auto look = look_of(node.type);
    out += indent + quoted(node.id) + " [label=" + quoted(node.label) + ", shape=" + look.shape +
           ", fillcolor=\"" + look.fill + "\", type=" + quoted(node.type);
    bool ego = false;
    for (const auto& [name, value] : node.attributes)
        if (auto* flag = std::get_if<bool>(&value.v); name == "ego" && flag && *flag) ego = true;
    if (ego) out += ", peripheries=2, penwidth=2";  // the person the graph is about
    append_attributes(out, node.attributes);
    out += "];\n";
}

void append_edge(std::string& out, const sdk::GraphEdge& edge) {
    auto stroke = stroke_of(edge.type);
    out += "  " + quoted(edge.source) + " -- " + quoted(edge.target) + " [type=" + quoted(edge.type) +
           ", color=\"" + stroke.color + "\", style=" + stroke.style +
           ", penwidth=" + pen_width(edge.weight) + ", weight=" + layout_weight(edge.weight) +
           ", data_weight=" + quoted(sdk::number_text(edge.weight));
    append_attributes(out, edge.attributes);
    out += "];\n";
}

// A comment line cannot hold a line break.
std::string comment(std::string_view text) {
    std::string out = "// ";
    for (char c : sdk::utf8::repaired(text)) out += (c == '\n' || c == '\r') ? ' ' : c;
    return out + "\n";
}

}  // namespace

std::string quoted(std::string_view raw) {
    std::string text = sdk::utf8::repaired(raw);
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '&':
                out += "&amp;";
                break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
    }
    return out + "\"";
}

std::string graph(const sdk::Document& document) {
    const sdk::Graph& g = document.graph;
    std::string out;
    for (const auto& sentence : g.omitted) out += comment(sentence);
    out += "graph " + quoted(document.title.empty() ? "bzpeer" : document.title) + " {\n";

    std::string caption = document.title;
    for (const auto& sentence : g.omitted) caption += (caption.empty() ? "" : "\n") + sentence;
    out += "  graph [fontname=\"Helvetica\", overlap=false, labelloc=t";
    if (!caption.empty()) out += ", label=" + quoted(caption);
    out += "];\n";
    out += "  node [style=filled, fontname=\"Helvetica\"];\n";
    out += "  edge [fontname=\"Helvetica\"];\n";

    std::map<std::string, std::vector<const sdk::GraphNode*>> members;
    for (const auto& cluster : g.clusters) members[cluster.id];
    std::vector<const sdk::GraphNode*> loose;
    for (const auto& node : g.nodes) {
        auto it = node.cluster.empty() ? members.end() : members.find(node.cluster);
        (it == members.end() ? loose : it->second).push_back(&node);
    }
    // Graphviz draws a subgraph as a box only when its name starts with "cluster".
    for (const auto& cluster : g.clusters) {
        auto& nodes = members[cluster.id];
        if (nodes.empty()) continue;
        out += "  subgraph " + quoted("cluster_" + cluster.id) + " {\n";
        out += "    graph [label=" + quoted(cluster.label) + ", style=rounded, color=\"#999999\"];\n";
        for (const auto* node : nodes) append_node(out, *node, "    ");
        nodes.clear();  // a cluster listed twice draws once
        out += "  }\n";
    }
    for (const auto* node : loose) append_node(out, *node, "  ");
    for (const auto& edge : g.edges) append_edge(out, edge);
    out += "}\n";
    return out;
}

std::string render(const sdk::Document& document, std::string_view format) {
    if (format != "dot" && format != "gv")
        throw std::invalid_argument("dot plugin: unknown format '" + std::string(format) + "'");
    if (document.kind == "profile" && document.graph.nodes.empty())
        throw std::invalid_argument("this profile carries no graph to draw; use 'bzpeer graph' for one");
    return graph(document);
}

}  // namespace bzpeer::dot
