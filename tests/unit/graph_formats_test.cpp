// Exact-byte tests of the graph format plugins' logic libraries and of the
// SDK's delimited-cell helpers. Expected strings were worked out from the format rules.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "bzpeer/sdk/delimited.hpp"
#include "bzpeer/sdk/document.hpp"
#include "dot.hpp"
#include "graph_csv.hpp"
#include "graphml.hpp"

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

TEST(GraphmlFormat, EscapedKeepsLineBreaksAndDropsWhatXmlForbids) {
    EXPECT_EQ(bzpeer::graphml::escaped("<a href=\"x\">&'</a>"),
              "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    EXPECT_EQ(bzpeer::graphml::escaped("a\tb\nc\rd\x01"
                                       "e\xEF\xBF\xBE"
                                       "f\xFF"),
              "a&#9;b&#10;c&#13;d e f\xEF\xBF\xBD");
}

TEST(GraphmlFormat, KeysAreTypedFromTheValues) {
    auto out = bzpeer::graphml::render(small_graph(), "graphml");
    EXPECT_NE(out.find("<key id=\"n0\" for=\"node\" attr.name=\"works\" attr.type=\"int\"/>"),
              std::string::npos);
    EXPECT_NE(out.find("<key id=\"n1\" for=\"node\" attr.name=\"confidence\" attr.type=\"double\"/>"),
              std::string::npos);
    EXPECT_NE(out.find("<key id=\"n2\" for=\"node\" attr.name=\"ego\" attr.type=\"boolean\"/>"),
              std::string::npos);
    EXPECT_NE(out.find("<key id=\"n3\" for=\"node\" attr.name=\"code\" attr.type=\"string\"/>"),
              std::string::npos);
    EXPECT_NE(out.find("<key id=\"e0\" for=\"edge\" attr.name=\"first_year\" attr.type=\"int\"/>"),
              std::string::npos);
    auto first_label_key = out.find("attr.name=\"label\"");
    EXPECT_EQ(out.find("attr.name=\"label\"", first_label_key + 1), std::string::npos)
        << "an attribute named like a built-in key gets no second key";
    EXPECT_NE(out.find("    <node id=\"p:1\">\n"
                       "      <data key=\"n_type\">person</data>\n"
                       "      <data key=\"n_label\">Bo Zheng</data>\n"
                       "      <data key=\"n_cluster\">cluster:p:1</data>\n"
                       "      <data key=\"n_cluster_label\">Bo Zheng (Alibaba)</data>\n"
                       "      <data key=\"n0\">3</data>\n"
                       "      <data key=\"n1\">0.5</data>\n"
                       "      <data key=\"n2\">true</data>\n"
                       "    </node>\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("    <edge source=\"p:1\" target=\"p:2\">\n"
                       "      <data key=\"e_type\">coauthor</data>\n"
                       "      <data key=\"e_weight\">2</data>\n"
                       "      <data key=\"e0\">2019</data>\n"
                       "    </edge>\n"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("<data key=\"g_omitted\">5 topics were left out.</data>"), std::string::npos);
}

TEST(GraphmlFormat, MixedValuesWidenTheirKey) {
    Document doc;
    doc.kind = "graph";
    doc.graph.nodes = {{"a", "person", "A", "", {{"n", 1}, {"big", std::int64_t{1} << 40}, {"mixed", true}}},
                       {"b", "person", "B", "", {{"n", 1.5}, {"mixed", 2}}}};
    auto out = bzpeer::graphml::render(doc, "graphml");
    EXPECT_NE(out.find("attr.name=\"n\" attr.type=\"double\""), std::string::npos);
    EXPECT_NE(out.find("attr.name=\"big\" attr.type=\"long\""), std::string::npos);
    EXPECT_NE(out.find("attr.name=\"mixed\" attr.type=\"string\""), std::string::npos);
}

TEST(GraphCsvFormat, EdgesCarryLabelsAndAttributeColumns) {
    EXPECT_EQ(bzpeer::graph_csv::render(small_graph(), "csv"),
              "source,target,type,weight,source_label,target_label,first_year\n"
              "p:1,p:2,coauthor,2,Bo Zheng,'=1+1,2019\n"
              "p:1,topic:cs.LG,topic,300,Bo Zheng,Machine Learning,\n");
    EXPECT_EQ(bzpeer::graph_csv::render(small_graph(), "tsv"),
              "source\ttarget\ttype\tweight\tsource_label\ttarget_label\tfirst_year\n"
              "p:1\tp:2\tcoauthor\t2\tBo Zheng\t'=1+1\t2019\n"
              "p:1\ttopic:cs.LG\ttopic\t300\tBo Zheng\tMachine Learning\t\n");
}

TEST(GraphCsvFormat, NodesCarryTheUnionOfAttributes) {
    EXPECT_EQ(bzpeer::graph_csv::render(small_graph(), "nodes-csv"),
              "id,type,label,cluster,works,confidence,ego,code\n"
              "p:1,person,Bo Zheng,cluster:p:1,3,0.5,true,\n"
              "p:2,person,'=1+1,,1,,false,\n"
              "topic:cs.LG,topic,Machine Learning,,,,,cs.LG\n");
    EXPECT_EQ(bzpeer::graph_csv::render(small_graph(), "nodes-tsv"),
              "id\ttype\tlabel\tcluster\tworks\tconfidence\tego\tcode\n"
              "p:1\tperson\tBo Zheng\tcluster:p:1\t3\t0.5\ttrue\t\n"
              "p:2\tperson\t'=1+1\t\t1\t\tfalse\t\n"
              "topic:cs.LG\ttopic\tMachine Learning\t\t\t\t\tcs.LG\n");
    EXPECT_THROW(bzpeer::graph_csv::render(small_graph(), "json"), std::invalid_argument);
}

}  // namespace
