// The html format plugin's logic library: escaping of hostile text, self-containment (no
// resource fetched from anywhere), the profile's and graph's parts, Graphviz failures.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "bzpeer/sdk/document.hpp"
#include "document_blocks.hpp"
#include "escape.hpp"
#include "graph_svg.hpp"
#include "html.hpp"
#include "year_chart.hpp"

namespace {

using bzpeer::sdk::Block;
using bzpeer::sdk::Document;
using bzpeer::sdk::Graph;
using bzpeer::sdk::GraphEdge;
using bzpeer::sdk::GraphNode;
using bzpeer::sdk::Value;
using bzpeer::test::heading;
using bzpeer::test::table;

const std::string kHostile = "<script>alert('x')</script> & \"Ōno\" 山田太郎";
const std::string kHostileEscaped =
    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Ōno&quot; 山田太郎";

Value work(Value year) {
    Value w = Value::object();
    w.set("id", "w:1");
    w.set("year", std::move(year));
    return w;
}

Graph small_graph() {
    Graph g;
    g.nodes.push_back({"p:1", "person", kHostile, "", {{"ego", Value(true)}, {"works", Value(2)}}});
    g.nodes.push_back({"p:2", "person", "Back\\slash \\N", "", {}});
    g.nodes.push_back({"w:1", "work", "A & B", "", {}});
    g.nodes.push_back({"topic:cs.LG", "topic", "Machine Learning", "", {}});
    g.edges.push_back({"p:1", "p:2", "coauthor", 2, {}});
    g.edges.push_back({"p:1", "w:1", "authored", 1, {}});
    g.edges.push_back({"p:1", "topic:cs.LG", "topic", 1, {}});
    return g;
}

Document profile() {
    Document d;
    d.kind = "profile";
    d.title = kHostile;
    d.blocks.push_back(heading(1, kHostile));
    Block facts;
    facts.type = Block::Type::fields;
    facts.fields = {{"Person", "p:1"}, {"Works", "2"}};
    d.blocks.push_back(facts);
    d.blocks.push_back(heading(2, "Works"));
    d.blocks.push_back(table({"year", "title", "arxiv", "doi"},
                             {{"2019", kHostile, "1901.00001", "10.1000/a\"b<c>"}, {"2021", "C", "", ""}}));
    d.data = Value::object();
    Value works = Value::array();
    works.push(work(2019));
    works.push(work(2021));
    works.push(work(Value()));
    d.data.set("works", std::move(works));
    d.graph = small_graph();
    return d;
}

int count(const std::string& text, const std::string& piece) {
    int n = 0;
    for (auto at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) ++n;
    return n;
}

// Every way a page could make a browser fetch something; the only links allowed are plain
// <a href> to doi.org and arxiv.org.
void expect_self_contained(const std::string& page) {
    EXPECT_EQ(page.find("<script"), std::string::npos);
    EXPECT_EQ(page.find("<link"), std::string::npos);
    EXPECT_EQ(page.find("<img"), std::string::npos);
    EXPECT_EQ(page.find("<iframe"), std::string::npos);
    EXPECT_EQ(page.find("@import"), std::string::npos);
    EXPECT_EQ(page.find("url("), std::string::npos);
    EXPECT_EQ(page.find(" src="), std::string::npos);
    EXPECT_EQ(page.find("xlink:href"), std::string::npos);
    std::regex href(R"re(\bhref="([^"]*)")re");
    for (std::sregex_iterator it(page.begin(), page.end(), href), end; it != end; ++it) {
        std::string url = (*it)[1];
        EXPECT_TRUE(url.starts_with("https://doi.org/") || url.starts_with("https://arxiv.org/abs/")) << url;
    }
    std::regex http_anywhere(R"re(https?://[^"\s<]*)re");
    for (std::sregex_iterator it(page.begin(), page.end(), http_anywhere), end; it != end; ++it) {
        std::string url = it->str();
        bool namespace_name = url == "http://www.w3.org/2000/svg" || url == "http://www.w3.org/1999/xlink";
        bool link = url.starts_with("https://doi.org/") || url.starts_with("https://arxiv.org/abs/");
        EXPECT_TRUE(namespace_name || link) << url;
    }
}

TEST(FormatHtml, EscapesEveryCharacterThatIsMarkup) {
    EXPECT_EQ(bzpeer::html::escape(kHostile), kHostileEscaped);
    EXPECT_EQ(bzpeer::html::escape("a\x01"
                                   "b\tc"),
              "ab\tc");
    EXPECT_EQ(bzpeer::html::escape("bad \xC3( byte"), "bad \xEF\xBF\xBD( byte");
    EXPECT_EQ(bzpeer::html::escape("overlong \xC0\xAF"), "overlong \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(FormatHtml, LinksAreEncodedSoNoQuoteEscapesTheAttribute) {
    EXPECT_EQ(bzpeer::html::link_url("https://doi.org/", "10.1000/a\"b<c> d"),
              "https://doi.org/10.1000/a%22b%3Cc%3E%20d");
    EXPECT_EQ(bzpeer::html::link_url("https://arxiv.org/abs/", "hep-th/9901001"),
              "https://arxiv.org/abs/hep-th/9901001");
}

TEST(FormatHtml, ProfilePageIsOneSelfContainedEscapedDocument) {
    std::string page = bzpeer::html::render(profile());
    EXPECT_TRUE(page.starts_with("<!DOCTYPE html>\n"));
    EXPECT_NE(page.find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_NE(page.find("<title>" + kHostileEscaped + "</title>"), std::string::npos);
    EXPECT_NE(page.find("<h1>" + kHostileEscaped + "</h1>"), std::string::npos);
    EXPECT_EQ(page.find("<script>"), std::string::npos);
    EXPECT_EQ(page.find("'x'"), std::string::npos);
    EXPECT_NE(page.find("<a href=\"https://arxiv.org/abs/1901.00001\">1901.00001</a>"), std::string::npos);
    EXPECT_NE(page.find("<a href=\"https://doi.org/10.1000/a%22b%3Cc%3E\">10.1000/a&quot;b&lt;c&gt;</a>"),
              std::string::npos);
    expect_self_contained(page);
}

TEST(FormatHtml, ProfileOrdersHeaderGraphChartThenSections) {
    std::string page = bzpeer::html::render(profile());
    auto header_end = page.find("</header>");
    auto graph = page.find("<svg class=\"graph\"");
    auto chart = page.find("<svg class=\"year-chart\"");
    auto works = page.find("<section id=\"section-works\">");
    ASSERT_NE(graph, std::string::npos);
    ASSERT_NE(chart, std::string::npos);
    EXPECT_LT(page.find("<dt>Person</dt>"), header_end);
    EXPECT_LT(header_end, graph);
    EXPECT_LT(graph, chart);
    EXPECT_LT(chart, works);
    EXPECT_NE(page.find("1 work has no year and is not charted."), std::string::npos);
}

TEST(FormatHtml, GraphSvgIsInlinedWithLabelsShownAsWritten) {
    auto drawing = bzpeer::html::draw_graph(small_graph(), "neato");
    ASSERT_FALSE(drawing.svg.empty()) << (drawing.notes.empty() ? "" : drawing.notes.front());
    EXPECT_TRUE(drawing.svg.starts_with("<svg class=\"graph\""));
    EXPECT_TRUE(drawing.svg.ends_with("</svg>"));
    EXPECT_EQ(drawing.svg.find("<?xml"), std::string::npos);
    EXPECT_EQ(drawing.svg.find("<!DOCTYPE"), std::string::npos);
    // Graphviz writes the label as text; & and backslashes survive as they were.
    EXPECT_NE(drawing.svg.find(">" + kHostileEscaped + "</text>"), std::string::npos);
    EXPECT_NE(drawing.svg.find(">A &amp; B</text>"), std::string::npos);
    EXPECT_NE(drawing.svg.find(">Back\\slash \\N</text>"), std::string::npos);
    EXPECT_NE(drawing.svg.find("xlink:title=\"Back\\slash \\N\""), std::string::npos);
    EXPECT_EQ(drawing.svg.find("<script"), std::string::npos);
}

TEST(FormatHtml, EmptyGraphIsANoteNotAPicture) {
    Document d = profile();
    d.graph = {};
    std::string page = bzpeer::html::render(d);
    EXPECT_EQ(page.find("<svg class=\"graph\""), std::string::npos);
    EXPECT_NE(page.find("<p class=\"note\">The graph is empty: there is nothing to draw.</p>"),
              std::string::npos);
}

TEST(FormatHtml, GraphvizFailureBecomesANote) {
    auto drawing = bzpeer::html::draw_graph(small_graph(), "no-such-engine");
    EXPECT_TRUE(drawing.svg.empty());
    ASSERT_FALSE(drawing.notes.empty());
    EXPECT_EQ(drawing.notes.front(), "Graphviz could not draw the graph.");
    bool names_the_engine = false;
    for (const auto& note : drawing.notes)
        names_the_engine |= note.find("no-such-engine") != std::string::npos;
    EXPECT_TRUE(names_the_engine);
}

TEST(FormatHtml, DanglingEdgesAndOmissionsAreSaid) {
    Document d;
    d.kind = "graph";
    d.title = "Graph";
    d.graph = small_graph();
    d.graph.edges.push_back({"p:1", "p:99", "coauthor", 1, {}});
    d.graph.omitted.push_back("3 co-authors <beyond the limit> are left out.");
    std::string page = bzpeer::html::render(d);
    EXPECT_NE(page.find("1 edge(s) name a node the graph does not have; not drawn."), std::string::npos);
    EXPECT_NE(page.find("3 co-authors &lt;beyond the limit&gt; are left out."), std::string::npos);
}

TEST(FormatHtml, GraphPageListsNodesAndEdges) {
    Document d;
    d.kind = "graph";
    d.title = "Co-authors of " + kHostile;
    d.graph = small_graph();
    d.graph.clusters.push_back({"cluster:p:1", "J. Smith <1>"});
    d.graph.nodes[1].cluster = "cluster:p:1";
    std::string page = bzpeer::html::render(d);
    EXPECT_NE(page.find("<h1>Co-authors of " + kHostileEscaped + "</h1>"), std::string::npos);
    EXPECT_NE(page.find("<svg class=\"graph\""), std::string::npos);
    EXPECT_NE(page.find("<section id=\"nodes\">"), std::string::npos);
    EXPECT_NE(page.find("<tr><td>p:1</td><td>person</td><td>" + kHostileEscaped +
                        "</td><td></td><td>ego: yes; works: 2</td></tr>"),
              std::string::npos);
    EXPECT_NE(page.find("<tr><td>p:1</td><td>p:2</td><td>coauthor</td><td>2</td><td></td></tr>"),
              std::string::npos);
    EXPECT_NE(page.find("<td>J. Smith &lt;1&gt;</td>"), std::string::npos);
    expect_self_contained(page);
}

TEST(FormatHtml, BigGraphsUseSfdpAndClusteredOnesDot) {
    Graph g = small_graph();
    EXPECT_EQ(bzpeer::html::layout_engine_for(g), "neato");
    g.clusters.push_back({"cluster:p:1", "one name"});
    EXPECT_EQ(bzpeer::html::layout_engine_for(g), "dot");
    Graph big;
    for (int i = 0; i < 400; ++i) {
        big.nodes.push_back({"p:" + std::to_string(i), "person", "P" + std::to_string(i), "", {}});
        if (i > 0) big.edges.push_back({"p:0", "p:" + std::to_string(i), "coauthor", 1, {}});
    }
    EXPECT_EQ(bzpeer::html::layout_engine_for(big), "sfdp");
    auto drawing = bzpeer::html::draw_graph(big, "sfdp");
    EXPECT_FALSE(drawing.svg.empty());
    EXPECT_EQ(count(drawing.svg, "class=\"node\""), 400);
}

TEST(FormatHtml, YearChartHasABarPerYearWithWorks) {
    Value works = Value::array();
    for (int year : {2015, 2015, 2018}) works.push(work(year));
    works.push(work("not a year"));
    auto counts = bzpeer::html::count_years(works);
    EXPECT_EQ(counts.without_year, 1);
    auto svg = bzpeer::html::year_chart_svg(counts);
    EXPECT_EQ(count(svg, "<rect class=\"bar\""), 2);
    EXPECT_NE(svg.find("<title>2015: 2 works</title>"), std::string::npos);
    EXPECT_NE(svg.find("<title>2018: 1 work</title>"), std::string::npos);
    EXPECT_NE(svg.find(">2016</text>"), std::string::npos);  // a year without works keeps its slot
    EXPECT_EQ(bzpeer::html::year_chart_svg({}), "");
}

TEST(FormatHtml, TableAndReportKindsRenderTheirBlocks) {
    Document d;
    d.kind = "table";
    d.title = "People";
    d.blocks.push_back(table({"id", "name"}, {{"p:1", kHostile}}));
    std::string page = bzpeer::html::render(d);
    EXPECT_NE(page.find("<h1>People</h1>"), std::string::npos);
    EXPECT_NE(page.find("<td>" + kHostileEscaped + "</td>"), std::string::npos);
    EXPECT_EQ(page.find("<svg"), std::string::npos);
    expect_self_contained(page);
}

}  // namespace
