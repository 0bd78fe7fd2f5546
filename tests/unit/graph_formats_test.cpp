// Exact-byte tests of the graph format plugins' logic libraries and of the
// SDK's delimited-cell helpers. Expected strings were worked out from the format rules.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "bzpeer/sdk/delimited.hpp"
#include "bzpeer/sdk/document.hpp"
#include "dot.hpp"

namespace {

using bzpeer::sdk::Document;
using bzpeer::sdk::Value;

// Two people in one cluster, one of them the ego, and a topic.
Document small_graph() {
    Document doc;
    doc.kind = "graph";
    doc.title = "Bo \"Zheng\"";
    doc.graph.clusters = {{"cluster:p:1", "Bo Zheng (Alibaba)"}};
    doc.graph.nodes = {
        {"p:1", "person", "Bo Zheng", "cluster:p:1", {{"works", 3}, {"confidence", 0.5}, {"ego", true}}},
        {"p:2", "person", "=1+1", "", {{"works", 1}, {"ego", false}, {"label", "ignored"}}},
        {"topic:cs.LG", "topic", "Machine Learning", "", {{"code", "cs.LG"}}},
    };
    doc.graph.edges = {
        {"p:1", "p:2", "coauthor", 2, {{"first_year", 2019}}},
        {"p:1", "topic:cs.LG", "topic", 300, {}},
    };
    doc.graph.omitted = {"5 topics were left out."};
    return doc;
}

TEST(DelimitedCells, FormulasGetAQuoteAndNumbersStayNumbers) {
    using bzpeer::sdk::delimited::inert;
    EXPECT_EQ(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    EXPECT_EQ(inert("-x"), "'-x");
    EXPECT_EQ(inert("@x"), "'@x");
    EXPECT_EQ(inert("+x"), "'+x");
    EXPECT_EQ(inert("\tx"), "'\tx");
    EXPECT_EQ(inert("\rx"), "'\rx");
    EXPECT_EQ(inert("-1+2"), "'-1+2");
    EXPECT_EQ(inert("-"), "'-");
    EXPECT_EQ(inert("-e5"), "'-e5");
    for (const char* number : {"-3", "+1", "-0.5", "-.5", "-2.5e-3", "1E+4", "42"})
        EXPECT_EQ(inert(number), number);
    EXPECT_EQ(inert("a=b"), "a=b");
    EXPECT_EQ(inert(""), "");
    EXPECT_EQ(bzpeer::sdk::delimited::csv_field("=a,b"), "\"'=a,b\"");
    EXPECT_EQ(bzpeer::sdk::delimited::tsv_field("@a\tb\r\nc"), "'@a b c");
}

TEST(DotFormat, QuotedEscapesWhatDotAndGraphvizLabelsRead) {
    using bzpeer::dot::quoted;
    EXPECT_EQ(quoted("say \"hi\""), "\"say \\\"hi\\\"\"");
    EXPECT_EQ(quoted("back\\slash\\"), "\"back\\\\slash\\\\\"");
    EXPECT_EQ(quoted("one\r\ntwo\nthree"), "\"one\\ntwo\\nthree\"");
    EXPECT_EQ(quoted("<b> & 郑博\x01"), "\"<b> &amp; 郑博 \"");
    EXPECT_EQ(quoted("bad \xC3("), "\"bad \xEF\xBF\xBD(\"");
}

TEST(DotFormat, GraphHasClustersShapesAndBoundedPenWidths) {
    EXPECT_EQ(
        bzpeer::dot::render(small_graph(), "gv"),
        "// 5 topics were left out.\n"
        "graph \"Bo \\\"Zheng\\\"\" {\n"
        "  graph [fontname=\"Helvetica\", overlap=false, labelloc=t, label=\"Bo \\\"Zheng\\\"\\n5 topics "
        "were "
        "left out.\"];\n"
        "  node [style=filled, fontname=\"Helvetica\"];\n"
        "  edge [fontname=\"Helvetica\"];\n"
        "  subgraph \"cluster_cluster:p:1\" {\n"
        "    graph [label=\"Bo Zheng (Alibaba)\", style=rounded, color=\"#999999\"];\n"
        "    \"p:1\" [label=\"Bo Zheng\", shape=ellipse, fillcolor=\"#dbe9f6\", type=\"person\", "
        "peripheries=2, penwidth=2, \"works\"=\"3\", \"confidence\"=\"0.5\", \"ego\"=\"true\"];\n"
        "  }\n"
        "  \"p:2\" [label=\"=1+1\", shape=ellipse, fillcolor=\"#dbe9f6\", type=\"person\", \"works\"=\"1\", "
        "\"ego\"=\"false\", \"data_label\"=\"ignored\"];\n"
        "  \"topic:cs.LG\" [label=\"Machine Learning\", shape=hexagon, fillcolor=\"#e2f0d9\", "
        "type=\"topic\", "
        "\"code\"=\"cs.LG\"];\n"
        "  \"p:1\" -- \"p:2\" [type=\"coauthor\", color=\"#1f4e79\", style=solid, penwidth=2.5, weight=2, "
        "data_weight=\"2\", \"first_year\"=\"2019\"];\n"
        "  \"p:1\" -- \"topic:cs.LG\" [type=\"topic\", color=\"#38761d\", style=dotted, penwidth=8, "
        "weight=300, data_weight=\"300\"];\n"
        "}\n");
}

TEST(DotFormat, AProfileWithoutAGraphIsRefused) {
    Document profile;
    profile.kind = "profile";
    EXPECT_THROW(bzpeer::dot::render(profile, "dot"), std::invalid_argument);
    EXPECT_THROW(bzpeer::dot::render(small_graph(), "svg"), std::invalid_argument);
}

}  // namespace
