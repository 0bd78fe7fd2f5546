#include "html.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "blocks.hpp"
#include "escape.hpp"
#include "graph_svg.hpp"
#include "style.hpp"
#include "values.hpp"
#include "year_chart.hpp"

namespace bzpeer::html {
namespace {

using sdk::Block;
using sdk::Document;

std::string note(std::string_view text) { return "<p class=\"note\">" + escape(text) + "</p>\n"; }

std::string page_start(const Document& document) {
    std::string title = document.title.empty() ? "bzpeer" : document.title;
    // The policy makes the browser refuse any fetch, should something external ever slip in.
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"bzpeer\">\n<title>" +
           escape(title) + "</title>\n<style>" + kStylesheet + "</style>\n</head>\n<body>\n<main class=\"" +
           escape(document.kind) + "\">\n";
}

constexpr std::string_view kPageEnd = "</main>\n</body>\n</html>\n";

// How many leading blocks make up the header: a first heading and the fields after it.
std::size_t header_length(const std::vector<Block>& blocks) {
    std::size_t n = 0;
    if (!blocks.empty() && blocks.front().type == Block::Type::heading) n = 1;
    while (n < blocks.size() && blocks[n].type == Block::Type::fields) ++n;
    return n;
}

std::string header(const Document& document, std::size_t length) {
    std::string out = "<header>\n";
    if (length == 0 || document.blocks.front().type != Block::Type::heading)
        out += "<h1>" + escape(document.title) + "</h1>\n";
    for (std::size_t i = 0; i < length; ++i) out += render_block(document.blocks[i]);
    return out + "</header>\n";
}

std::string graph_figure(const sdk::Graph& graph) {
    std::string out = "<section id=\"graph\">\n<h2>Graph</h2>\n";
    auto drawing = draw_graph(graph, layout_engine_for(graph));
    if (!drawing.svg.empty())
        out += "<figure>\n" + drawing.svg +
               "\n<figcaption>Ellipses are people (the filled one is this person), boxes works, hexagons "
               "topics, houses institutions; thicker lines are stronger ties.</figcaption>\n</figure>\n";
    for (const auto& text : drawing.notes) out += note(text);
    for (const auto& text : graph.omitted) out += note(text);
    return out + "</section>\n";
}

std::string year_chart_section(const sdk::Value& data) {
    std::string out = "<section id=\"works-per-year\">\n<h2>Works per year</h2>\n";
    const auto* works = member(data, "works");
    auto counts = works ? count_years(*works) : YearCounts{};
    auto svg = year_chart_svg(counts);
    out += svg.empty() ? note("No work has a year to chart.") : "<figure>\n" + svg + "\n</figure>\n";
    if (counts.without_year > 0)
        out +=
            note(std::to_string(counts.without_year) +
                 (counts.without_year == 1 ? " work has" : " works have") + " no year and is not charted.");
    return out + "</section>\n";
}

std::string attributes_text(const sdk::Value::Object& attributes) {
    std::string out;
    for (const auto& [name, value] : attributes) {
        if (!out.empty()) out += "; ";
        out += name + ": " + value_text(value);
    }
    return out;
}

std::string graph_tables(const sdk::Graph& graph) {
    sdk::Table nodes{{"id", "type", "label", "cluster", "attributes"}, {}};
    for (const auto& n : graph.nodes)
        nodes.rows.push_back({n.id, n.type, n.label, n.cluster, attributes_text(n.attributes)});
    sdk::Table edges{{"source", "target", "type", "weight", "attributes"}, {}};
    for (const auto& e : graph.edges)
        edges.rows.push_back(
            {e.source, e.target, e.type, value_text(sdk::Value(e.weight)), attributes_text(e.attributes)});
    std::string out = "<section id=\"nodes\">\n<h2>Nodes</h2>\n" + render_table(nodes) + "</section>\n";
    out += "<section id=\"edges\">\n<h2>Edges</h2>\n" + render_table(edges) + "</section>\n";
    if (!graph.clusters.empty()) {
        sdk::Table clusters{{"id", "label"}, {}};
        for (const auto& c : graph.clusters) clusters.rows.push_back({c.id, c.label});
        out += "<section id=\"clusters\">\n<h2>Clusters</h2>\n" + render_table(clusters) + "</section>\n";
    }
    return out;
}

std::string sections(const std::vector<Block>& blocks, std::size_t from) {
    std::string out;
    SectionWriter writer(out);
    for (std::size_t i = from; i < blocks.size(); ++i) writer.add(blocks[i]);
    writer.close();
    return out;
}

}  // namespace

std::string render(const Document& document) {
    std::string out = page_start(document);
    std::size_t header_blocks = header_length(document.blocks);
    out += header(document, header_blocks);
    if (document.kind == "profile") {
        out += graph_figure(document.graph);
        out += year_chart_section(document.data);
    } else if (document.kind == "graph") {
        out += graph_figure(document.graph);
    }
    out += sections(document.blocks, header_blocks);
    if (document.kind == "graph") out += graph_tables(document.graph);
    out += kPageEnd;
    return out;
}

}  // namespace bzpeer::html
