// Renders documents with hostile labels (quotes, backslashes, line breaks, <>, &, CJK,
// spreadsheet formulas) through the graph and bibliography format plugins and has the real
// consumers read the output back: dot -Tsvg, networkx.read_graphml, Python's csv module and
// bibtool. Each Python checker gets the document's expected values as JSON written here and
// compares what the consumer read against them.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bibtex.hpp"
#include "bzpeer/sdk/document.hpp"
#include "dot.hpp"
#include "graph_csv.hpp"
#include "graphml.hpp"
#include "json.hpp"

namespace {

namespace fs = std::filesystem;
using bzpeer::sdk::Document;
using bzpeer::sdk::GraphEdge;
using bzpeer::sdk::GraphNode;
using bzpeer::sdk::Value;

const std::vector<std::string> kHostile = {"Quote \"q\" and back\\slash",
                                           "line one\nline two",
                                           "<b>tag</b> & more",
                                           "郑博 (Zhèng Bó)",
                                           "=HYPERLINK(\"x\")",
                                           "+1",
                                           "-x",
                                           "@x",
                                           "trailing backslash\\"};

GraphNode person(int n, std::string label, int works, double confidence, bool ego) {
    GraphNode node{"p:" + std::to_string(n), "person", label, "", Value::Object{}};
    node.attributes = {{"name", label},     {"works", works},           {"first_year", 2019},
                       {"last_year", 2023}, {"confidence", confidence}, {"ego", ego}};
    return node;
}

// A graph of the shape the core builds: people (one per hostile label) around an ego, a work,
// a topic and an institution, two of the people in a cluster.
Document hostile_graph() {
    Document doc;
    doc.kind = "graph";
    doc.title = "Graph of \"Bo Zheng\" <p:1>";
    doc.graph.clusters = {{"cluster:p:1", "Bo Zheng \"(Alibaba)\""}};
    for (std::size_t i = 0; i < kHostile.size(); ++i) {
        auto node =
            person(static_cast<int>(i + 1), kHostile[i], static_cast<int>(i + 1), 0.25 * (i % 4), i == 0);
        if (i < 2) node.cluster = "cluster:p:1";
        doc.graph.nodes.push_back(std::move(node));
    }
    doc.graph.nodes.push_back({"w:1",
                               "work",
                               "On <i>x</i> & \"y\"\\z",
                               "",
                               {{"year", 2020}, {"doi", "10.1000/a_b"}, {"arxiv", "2001.00001"}}});
    doc.graph.nodes.push_back(
        {"topic:cs.LG", "topic", "Machine Learning", "", {{"code", "cs.LG"}, {"works", 2}}});
    doc.graph.nodes.push_back({"inst:1", "institution", "Café \"Zürich\" -1", "", {}});
    for (std::size_t i = 1; i < kHostile.size(); ++i) {
        GraphEdge edge{"p:1", "p:" + std::to_string(i + 1), "coauthor", static_cast<double>(i),
                       Value::Object{}};
        edge.attributes = {{"first_year", 2019}, {"last_year", static_cast<int>(2019 + i)}};
        doc.graph.edges.push_back(std::move(edge));
    }
    doc.graph.edges.push_back({"p:1", "w:1", "authored", 1, {}});
    doc.graph.edges.push_back({"p:1", "topic:cs.LG", "topic", 2, {}});
    doc.graph.edges.push_back({"p:1", "inst:1", "affiliation", 4.5, {}});
    doc.graph.omitted = {"7 co-authors with one joint work were left out (\"limit\" 10)."};
    return doc;
}

// The graph as the checkers expect it back: what the document holds, in JSON.
Value expected_graph(const Document& doc) {
    Value out = Value::object();
    out.set("title", doc.title);
    Value omitted = Value::array();
    for (const auto& sentence : doc.graph.omitted) omitted.push(sentence);
    out.set("omitted", omitted);
    Value clusters = Value::array();
    for (const auto& c : doc.graph.clusters) {
        Value item = Value::object();
        item.set("id", c.id);
        item.set("label", c.label);
        clusters.push(std::move(item));
    }
    out.set("clusters", std::move(clusters));
    Value nodes = Value::array();
    for (const auto& n : doc.graph.nodes) {
        Value item = Value::object();
        item.set("id", n.id);
        item.set("type", n.type);
        item.set("label", n.label);
        item.set("cluster", n.cluster);
        item.set("attributes", n.attributes);
        nodes.push(std::move(item));
    }
    out.set("nodes", std::move(nodes));
    Value edges = Value::array();
    for (const auto& e : doc.graph.edges) {
        Value item = Value::object();
        item.set("source", e.source);
        item.set("target", e.target);
        item.set("type", e.type);
        item.set("weight", e.weight);
        item.set("attributes", e.attributes);
        edges.push(std::move(item));
    }
    out.set("edges", std::move(edges));
    return out;
}

class ConsumerTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("bzpeer-consumers-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    // The files stay for a look when the test failed or BZPEER_KEEP_CONSUMER_FILES is set.
    void TearDown() override {
        if (!HasFailure() && !std::getenv("BZPEER_KEEP_CONSUMER_FILES")) fs::remove_all(dir_);
    }

    fs::path write(const std::string& name, const std::string& bytes) {
        auto path = dir_ / name;
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }

    static std::string read(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }

    static std::string quote(const std::string& arg) {
        std::string out = "'";
        for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return out + "'";
    }

    struct Run {
        int exit_code;
        std::string out, err;
    };

    // Runs a program through /bin/sh, capturing its output.
    Run run(const std::vector<std::string>& argv) {
        std::string command;
        for (const auto& arg : argv) command += quote(arg) + " ";
        auto out = dir_ / "stdout", err = dir_ / "stderr";
        command += ">" + quote(out.string()) + " 2>" + quote(err.string());
        int status = std::system(command.c_str());
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out), read(err)};
    }

    Run python(const std::string& script, std::vector<std::string> args) {
        // -B: no __pycache__ left in the source tree.
        args.insert(args.begin(), {BZPEER_PYTHON, "-B", std::string(BZPEER_CONSUMERS_DIR) + "/" + script});
        return run(args);
    }

    fs::path dir_;
};

TEST_F(ConsumerTest, GraphvizDrawsEveryNodeWithItsLabel) {
    ASSERT_TRUE(fs::exists(BZPEER_DOT)) << "dot not found: install the Debian package graphviz";
    auto doc = hostile_graph();
    auto dot = write("graph.dot", bzpeer::dot::render(doc, "dot"));
    auto expected = write("expected.json", bzpeer::json::pretty(expected_graph(doc)));
    auto svg = dir_ / "graph.svg";
    auto drawn = run({BZPEER_DOT, "-Tsvg", dot.string(), "-o", svg.string()});
    ASSERT_EQ(drawn.exit_code, 0) << drawn.err;
    EXPECT_EQ(drawn.err, "") << "dot warned";  // a warning means it misread something
    auto checked = python("check_svg.py", {svg.string(), expected.string()});
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
    EXPECT_NE(checked.out.find("12 nodes, 11 edges, 1 cluster"), std::string::npos) << checked.out;
}

TEST_F(ConsumerTest, NetworkxReadsTypedGraphml) {
    auto doc = hostile_graph();
    auto graphml = write("graph.graphml", bzpeer::graphml::render(doc, "graphml"));
    auto expected = write("expected.json", bzpeer::json::pretty(expected_graph(doc)));
    auto checked = python("check_graphml.py", {graphml.string(), expected.string()});
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
    EXPECT_NE(checked.out.find("12 nodes, 11 edges"), std::string::npos) << checked.out;
}

TEST_F(ConsumerTest, PythonCsvReadsNodesAndEdgesBackDefused) {
    auto doc = hostile_graph();
    auto nodes = write("graph.nodes.csv", bzpeer::graph_csv::render(doc, "nodes-csv"));
    auto edges = write("graph.edges.csv", bzpeer::graph_csv::render(doc, "csv"));
    auto expected = write("expected.json", bzpeer::json::pretty(expected_graph(doc)));
    auto checked = python("check_csv.py", {nodes.string(), edges.string(), expected.string()});
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
    EXPECT_NE(checked.out.find("12 nodes, 11 edges"), std::string::npos) << checked.out;
}

Value work(std::string id, std::string title, std::vector<std::string> authors, Value year, std::string type,
           std::string venue, std::string arxiv, std::string doi) {
    Value w = Value::object();
    w.set("id", std::move(id));
    w.set("title", std::move(title));
    w.set("year", std::move(year));
    w.set("type", type.empty() ? Value() : Value(type));
    w.set("venue", venue.empty() ? Value() : Value(venue));
    Value ids = Value::object();
    ids.set("arxiv", arxiv.empty() ? Value() : Value(arxiv));
    ids.set("doi", doi.empty() ? Value() : Value(doi));
    w.set("ids", std::move(ids));
    Value names = Value::array();
    for (auto& a : authors) names.push(std::move(a));
    w.set("authors", std::move(names));
    Value categories = Value::array();
    categories.push("cs.LG");
    w.set("categories", std::move(categories));
    return w;
}

TEST_F(ConsumerTest, BibtoolParsesEveryEntryAndField) {
    ASSERT_TRUE(fs::exists(BZPEER_BIBTOOL)) << "bibtool not found: install the Debian package bibtool";
    Document doc;
    doc.kind = "works";
    doc.data = Value::array();
    doc.data.push(work("w:1", "Pipes | and {unbalanced braces in CTR models", {"Bo Zheng", "Balázs Ódor"},
                       2023, "journal-article", "J. of 100% Results & #Tags", "", "10.1000/a_b{c}"));
    doc.data.push(work("w:2", "Pipes: $\\alpha$ ~ 50% off_the^top \\ back}",
                       {"Zheng, Bo", "Smith and Sons Ltd"}, 2023, "proceedings-article", "KDD \"23\"",
                       "2301.00001", ""));
    doc.data.push(work("w:3", "=HYPERLINK(\"x\") line\nbreak 郑博", {"郑博"}, Value(), "preprint", "",
                       "2301.00002", ""));
    doc.data.push(
        work("w:4", "The pipes again", {"Bo Zheng"}, 2023, "book-chapter", "A Book, Vol. 2", "", ""));
    auto bib = write("works.bib", bzpeer::bibtex::render(doc, "bibtex"));
    Value expected = Value::object();
    Value keys = Value::array();
    for (const char* key : {"zheng2023pipesa", "zheng2023pipesb", "anonhyperlink", "zheng2023pipesc"})
        keys.push(key);
    expected.set("keys", std::move(keys));
    auto expectations = write("expected.json", bzpeer::json::pretty(expected));
    auto checked = python("check_bibtex.py", {BZPEER_BIBTOOL, bib.string(), expectations.string()});
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
    EXPECT_NE(checked.out.find("4 entries"), std::string::npos) << checked.out;
}

}  // namespace
