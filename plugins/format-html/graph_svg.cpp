#include "graph_svg.hpp"

#include <gvc.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>

#include "escape.hpp"
#include "values.hpp"

namespace bzpeer::html {
namespace {

// Above this many nodes neato gets slow and sfdp takes over.
constexpr std::size_t kBigGraph = 300;
// Work titles are cut to this many characters inside their box; the tooltip has all of it.
constexpr std::size_t kLabelCharacters = 40;

// Graphviz keeps its error handler and much else in globals: one drawing at a time.
std::mutex graphviz_mutex;
std::string* graphviz_messages = nullptr;

// cgraph hands a message over in pieces ("Error", ": ", the text); they are joined here and
// split into lines afterwards.
int collect_graphviz_message(char* piece) {
    if (graphviz_messages && piece) *graphviz_messages += piece;
    return 0;
}

// Routes Graphviz's messages into `messages` for the lifetime of the object.
class MessageCapture {
public:
    explicit MessageCapture(std::string& messages)
        : previous_handler_(agseterrf(collect_graphviz_message)), previous_level_(agseterr(AGWARN)) {
        graphviz_messages = &messages;
        agreseterrors();
    }
    ~MessageCapture() {
        graphviz_messages = nullptr;
        agseterrf(previous_handler_);
        agseterr(previous_level_);
    }
    MessageCapture(const MessageCapture&) = delete;
    MessageCapture& operator=(const MessageCapture&) = delete;

private:
    agusererrf previous_handler_;
    agerrlevel_t previous_level_;
};

// The C API takes char* for names and values it only reads.
char* c_text(const std::string& text) { return const_cast<char*>(text.c_str()); }

void set(void* object, const std::string& name, const std::string& value) {
    agsafeset(object, c_text(name), c_text(value), c_text(""));
}

// Graphviz reads a label as an "escString" (\N is the node's name, \n a line break) and
// decodes HTML entities in it, so backslashes are doubled and & written as an entity to
// have the text shown as it is. Line breaks become spaces: labels stay on one line.
std::string label_text(std::string_view text) {
    std::string out;
    for (char c : clean_text(text)) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '&')
            out += "&amp;";
        else if (c == '\n' || c == '\r' || c == '\t')
            out += ' ';
        else
            out += c;
    }
    return out;
}

// A tooltip is unescaped twice (\\ becomes \ in each pass, \N the node's name), so a
// backslash goes in fourfold; it is written out with its entities kept, so & and line breaks
// go in as character references.
std::string tooltip_text(std::string_view text) {
    std::string out;
    for (char c : clean_text(text)) {
        if (c == '\\')
            out += "\\\\\\\\";
        else if (c == '&')
            out += "&amp;";
        else if (c == '\n')
            out += "&#10;";
        else if (c != '\r')
            out += c;
    }
    return out;
}

// The first `limit` characters (not bytes) of UTF-8 text, with an ellipsis when cut.
std::string shortened(const std::string& text, std::size_t limit) {
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool starts_character = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        if (starts_character && characters++ == limit) return text.substr(0, i) + "…";
    }
    return text;
}

bool is_ego(const sdk::GraphNode& node) {
    const auto* ego = member(node.attributes, "ego");
    const auto* flag = ego ? std::get_if<bool>(&ego->v) : nullptr;
    return flag && *flag;
}

// What a hovering reader sees: the full label and the node's attributes.
std::string node_tooltip(const sdk::GraphNode& node) {
    std::string tooltip = node.label.empty() ? node.id : node.label;
    for (const auto& [name, value] : node.attributes) {
        if (name == "name" || name == "ego") continue;
        auto text = value_text(value);
        if (!text.empty()) tooltip += "\n" + name + ": " + text;
    }
    return tooltip;
}

void style_node(Agnode_t* n, const sdk::GraphNode& node) {
    std::string label = node.label.empty() ? node.id : node.label;
    std::string shape = "ellipse", fill = "#eef1f5";
    if (node.type == "person") {
        fill = "#dbe9f6";
    } else if (node.type == "work") {
        shape = "box";
        fill = "#f4f4f4";
        label = shortened(clean_text(label), kLabelCharacters);
        set(n, "fontsize", "9");
    } else if (node.type == "topic") {
        shape = "hexagon";
        fill = "#e3f2e6";
    } else if (node.type == "institution") {
        shape = "house";
        fill = "#fbefd5";
    }
    set(n, "label", label_text(label));
    set(n, "tooltip", tooltip_text(node_tooltip(node)));
    set(n, "shape", shape);
    set(n, "style", "filled");
    set(n, "fillcolor", fill);
    if (is_ego(node)) {
        set(n, "fillcolor", "#2b6cb0");
        set(n, "fontcolor", "white");
        set(n, "penwidth", "2");
    }
}

void style_edge(Agedge_t* e, const sdk::GraphEdge& edge) {
    std::string color = "#718096";
    if (edge.type == "authored") color = "#a0aec0";
    if (edge.type == "topic") color = "#5f9e6e";
    if (edge.type == "affiliation") color = "#c38a1e";
    set(e, "color", color);
    // Heavier ties draw thicker, up to a cap so one prolific pair does not swamp the picture.
    double width = 1 + std::min(std::max(edge.weight, 0.0), 8.0) * 0.5;
    set(e, "penwidth", value_text(sdk::Value(width)));
    set(e, "tooltip", tooltip_text(edge.type + " (" + value_text(sdk::Value(edge.weight)) + ")"));
}

// Lines of the collected Graphviz messages; warnings only when `with_warnings`.
std::vector<std::string> message_lines(const std::string& messages, bool with_warnings) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < messages.size()) {
        auto end = messages.find('\n', start);
        if (end == std::string::npos) end = messages.size();
        std::string line = messages.substr(start, end - start);
        start = end + 1;
        if (line.empty()) continue;
        if (with_warnings || line.rfind("Error", 0) == 0) lines.push_back("Graphviz: " + line);
    }
    return lines;
}

// Graphviz writes an XML prolog, a DOCTYPE and comments before the <svg> element; inline
// SVG in HTML starts at the element itself.
std::string inline_svg(std::string_view rendered) {
    auto start = rendered.find("<svg");
    if (start == std::string_view::npos) return {};
    std::string svg(rendered.substr(start));
    svg.insert(4, " class=\"graph\"");
    while (!svg.empty() && (svg.back() == '\n' || svg.back() == ' ')) svg.pop_back();
    return svg;
}

// Builds the cgraph graph, lays it out and renders it; the caller holds the lock and the
// message capture. Returns "" when Graphviz failed.
std::string render_with_graphviz(const sdk::Graph& graph, const std::string& engine,
                                 std::vector<std::string>& notes) {
    std::string graph_name = "graph";
    Agraph_t* g = agopen(c_text(graph_name), Agundirected, nullptr);
    if (!g) return {};
    set(g, "overlap", "false");
    set(g, "outputorder", "edgesfirst");  // nodes over the lines, so labels stay readable
    set(g, "pad", "0.2");
    set(g, "fontname", "Helvetica");
    agattr(g, AGNODE, c_text("fontname"), c_text("Helvetica"));
    agattr(g, AGNODE, c_text("fontsize"), c_text("10"));

    std::map<std::string, Agraph_t*> clusters;
    for (std::size_t i = 0; i < graph.clusters.size(); ++i) {
        // Graphviz draws a subgraph as a box only when its name starts with "cluster".
        std::string name = "cluster_" + std::to_string(i);
        Agraph_t* sub = agsubg(g, c_text(name), 1);
        set(sub, "label", label_text(graph.clusters[i].label));
        set(sub, "style", "rounded,dashed");
        set(sub, "color", "#8a94a6");
        clusters.emplace(graph.clusters[i].id, sub);
    }

    std::map<std::string, Agnode_t*> nodes;
    for (const auto& node : graph.nodes) {
        std::string name = clean_text(node.id);
        Agnode_t* n = agnode(g, c_text(name), 1);
        if (!n) continue;
        style_node(n, node);
        nodes[node.id] = n;
        if (auto cluster = clusters.find(node.cluster); cluster != clusters.end())
            agsubnode(cluster->second, n, 1);
    }
    std::size_t dangling = 0;
    for (const auto& edge : graph.edges) {
        auto source = nodes.find(edge.source), target = nodes.find(edge.target);
        if (source == nodes.end() || target == nodes.end()) {
            ++dangling;
            continue;
        }
        if (Agedge_t* e = agedge(g, source->second, target->second, nullptr, 1)) style_edge(e, edge);
    }
    if (dangling > 0)
        notes.push_back(std::to_string(dangling) +
                        " edge(s) name a node the graph does not have; not drawn.");

    std::string svg;
    GVC_t* context = gvContext();
    if (context && gvLayout(context, g, engine.c_str()) == 0) {
        char* data = nullptr;
        unsigned int length = 0;
        if (gvRenderData(context, g, "svg", &data, &length) == 0 && data)
            svg = inline_svg(std::string_view(data, length));
        gvFreeRenderData(data);
        gvFreeLayout(context, g);
    }
    agclose(g);
    if (context) gvFreeContext(context);
    return svg;
}

}  // namespace

std::string layout_engine_for(const sdk::Graph& graph) {
    if (graph.nodes.size() > kBigGraph) return "sfdp";
    return graph.clusters.empty() ? "neato" : "dot";
}

GraphDrawing draw_graph(const sdk::Graph& graph, const std::string& engine) {
    GraphDrawing drawing;
    if (graph.nodes.empty()) {
        drawing.notes.push_back("The graph is empty: there is nothing to draw.");
        return drawing;
    }
    std::lock_guard lock(graphviz_mutex);
    std::string messages;
    {
        MessageCapture capture(messages);
        drawing.svg = render_with_graphviz(graph, engine, drawing.notes);
    }
    bool failed = drawing.svg.empty();
    auto lines = message_lines(messages, failed);
    if (failed) drawing.notes.push_back("Graphviz could not draw the graph.");
    drawing.notes.insert(drawing.notes.end(), lines.begin(), lines.end());
    return drawing;
}

}  // namespace bzpeer::html
