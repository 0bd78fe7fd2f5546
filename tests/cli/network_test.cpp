// End-to-end tests of a person's network: `collaborators` and `graph`, read back by the
// programs that consume them (python's csv module; Graphviz and networkx in the format tests).
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "cli_harness.hpp"

namespace bzpeer::cli_test {
namespace {

class NetworkTest : public CliTest {
protected:
    std::string consumer(const std::string& script, const std::vector<fs::path>& files) {
        std::string command = "python3 -B " + shell_quote(consumer_script(script));
        for (const auto& f : files) command += " " + shell_quote(f.string());
        return capture(command);
    }

    // Rows of a CSV file as python's csv module reads them, as JSON.
    std::string csv_rows(const fs::path& file) { return consumer("csv_rows.py", {file}); }

    void import_devset() {
        ASSERT_NO_FATAL_FAILURE(init());
        auto r = run({"import", "arxiv", "--file", fixture("devset/bo_zheng_6_people.xml").string()});
        ASSERT_EQ(r.exit_code, 0) << r.describe();
    }
};

struct Shared {
    std::int64_t works = 0, first = 0, last = 0;
};

// What the works list implies: for each other person on the person's works, the works they
// share and the first and last year of those.
std::map<std::string, Shared> shared_from_works_list(const std::string& works_json,
                                                     const std::string& person) {
    simdjson::dom::parser parser;
    std::map<std::string, Shared> shared;
    for (auto work : parser.parse(works_json).get_array()) {
        std::set<std::string> others;
        for (auto a : work["authorships"].get_array())
            if (!a["person"].is_null() && str(a["person"]) != person) others.insert(str(a["person"]));
        std::int64_t year = num(work["year"]);
        for (const auto& o : others) {
            auto& s = shared[o];
            ++s.works;
            s.first = s.first ? std::min(s.first, year) : year;
            s.last = std::max(s.last, year);
        }
    }
    return shared;
}

TEST_F(NetworkTest, CollaboratorsCsvListsThePeopleTheWorksListImplies) {
    ASSERT_NO_FATAL_FAILURE(init_and_import());
    auto person = busiest("Del Maestro");
    ASSERT_FALSE(person.empty());
    auto works = run({"works", person, "--format", "json"});
    ASSERT_EQ(works.exit_code, 0) << works.describe();
    auto expected = shared_from_works_list(works.out, person);
    ASSERT_GE(expected.size(), 5u) << "the Del Maestro feed has several co-authors";

    auto r = run({"collaborators", person, "--format", "csv", "--output", "collaborators.csv"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    auto rows = parser.parse(csv_rows(dir_ / "collaborators.csv")).get_array();
    std::map<std::string, Shared> listed;
    std::int64_t previous = INT64_MAX;
    for (auto row : rows) {
        auto id = str(row["id"]);
        listed[id] = {std::stoll(str(row["shared_works"])), std::stoll(str(row["first_year"])),
                      std::stoll(str(row["last_year"]))};
        EXPECT_LE(listed[id].works, previous) << "most joint works first";
        previous = listed[id].works;
        EXPECT_FALSE(str(row["name"]).empty());
    }
    ASSERT_EQ(listed.size(), expected.size());
    for (const auto& [id, s] : expected) {
        ASSERT_TRUE(listed.count(id)) << id;
        EXPECT_EQ(listed[id].works, s.works) << id;
        EXPECT_EQ(listed[id].first, s.first) << id;
        EXPECT_EQ(listed[id].last, s.last) << id;
    }
}

TEST_F(NetworkTest, CloseCollaboratorsShareAtLeastTheConfiguredNumberOfWorks) {
    ASSERT_NO_FATAL_FAILURE(init_and_import());
    auto person = busiest("Del Maestro");
    auto expected = shared_from_works_list(run({"works", person, "--format", "json"}).out, person);
    for (std::int64_t threshold : {2, 3}) {
        auto set = run({"config", "set", "collaborators.close_min_shared", std::to_string(threshold)});
        ASSERT_EQ(set.exit_code, 0) << set.describe();
        auto r = run({"collaborators", person, "--close", "--format", "json"});
        ASSERT_EQ(r.exit_code, 0) << r.describe();
        simdjson::dom::parser parser;
        std::set<std::string> listed;
        for (auto row : parser.parse(r.out).get_array()) listed.insert(str(row["id"]));
        std::set<std::string> close;
        for (const auto& [id, s] : expected)
            if (s.works >= threshold) close.insert(id);
        EXPECT_EQ(listed, close) << "threshold " << threshold;
    }
}

TEST_F(NetworkTest, GraphByNameDrawsEachPersonBehindTheNameAsACluster) {
    ASSERT_NO_FATAL_FAILURE(import_devset());
    auto people = run({"people", "Bo Zheng", "--format", "json"});
    simdjson::dom::parser parser;
    std::set<std::string> namesakes;
    for (auto p : parser.parse(people.out).get_array()) namesakes.insert(str(p["id"]));
    ASSERT_GE(namesakes.size(), 4u);

    auto r = run({"graph", "--name", "Bo Zheng", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser graph_parser;
    auto graph = graph_parser.parse(r.out);
    std::set<std::string> clusters;
    for (auto c : graph["clusters"].get_array()) clusters.insert(str(c["id"]));
    EXPECT_EQ(clusters.size(), namesakes.size());
    std::map<std::string, std::string> cluster_of;
    for (auto n : graph["nodes"].get_array())
        cluster_of[str(n["id"])] = n["cluster"].is_null() ? "" : str(n["cluster"]);
    for (const auto& p : namesakes) EXPECT_EQ(cluster_of[p], "cluster:" + p);
    // A co-author drawn inside a cluster works with that cluster's namesake and no other.
    std::size_t coauthor_edges = 0;
    for (auto e : graph["edges"].get_array()) {
        std::string a = str(e["source"]), b = str(e["target"]);
        if (namesakes.count(a) && !namesakes.count(b) && !cluster_of[b].empty()) {
            EXPECT_EQ(cluster_of[b], "cluster:" + a);
            ++coauthor_edges;
        }
        if (namesakes.count(b) && !namesakes.count(a) && !cluster_of[a].empty()) {
            EXPECT_EQ(cluster_of[a], "cluster:" + b);
            ++coauthor_edges;
        }
    }
    EXPECT_GT(coauthor_edges, namesakes.size());
}

// The picture that shows a name is several people: Graphviz and networkx read the dot and
// graphml outputs of the dev-set feed back as exactly the graph the JSON output describes,
// one cluster per person behind the name.
TEST_F(NetworkTest, GraphByNameReadsBackInGraphvizAndNetworkxAsTheJsonSays) {
    ASSERT_NO_FATAL_FAILURE(import_devset());
    auto json = run({"graph", "--name", "Bo Zheng", "--format", "json", "--output", "bo.json"});
    ASSERT_EQ(json.exit_code, 0) << json.describe();
    consumer("expected_from_json.py",
             {dir_ / "bo.json", "The people named Bo Zheng", dir_ / "expected.json"});

    auto dot = run({"graph", "--name", "Bo Zheng", "--output", "bo.dot"});
    ASSERT_EQ(dot.exit_code, 0) << dot.describe();
    capture("dot -Tsvg " + shell_quote((dir_ / "bo.dot").string()) + " -o " +
            shell_quote((dir_ / "bo.svg").string()));
    auto svg = consumer("check_svg.py", {dir_ / "bo.svg", dir_ / "expected.json"});

    auto graphml = run({"graph", "--name", "Bo Zheng", "--output", "bo.graphml"});
    ASSERT_EQ(graphml.exit_code, 0) << graphml.describe();
    consumer("check_graphml.py", {dir_ / "bo.graphml", dir_ / "expected.json"});

    simdjson::dom::parser parser;
    auto clusters = length(parser.parse(read_file(dir_ / "bo.json"))["clusters"]);
    EXPECT_GE(clusters, 4u);
    EXPECT_TRUE(contains(svg, ", " + std::to_string(clusters) + " cluster")) << svg;
}

TEST_F(NetworkTest, GraphLimitKeepsTheMostConnectedAndSaysWhatItLeftOut) {
    ASSERT_NO_FATAL_FAILURE(import_devset());
    auto person = busiest("Bo Zheng");
    simdjson::dom::parser parser;
    auto full = run({"graph", person, "--depth", "2", "--limit", "0", "--format", "json"});
    ASSERT_EQ(full.exit_code, 0) << full.describe();
    auto all_people = length(parser.parse(full.out)["nodes"]);
    ASSERT_GT(all_people, 6u);

    auto r = run({"graph", person, "--depth", "2", "--limit", "6", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser limited_parser;
    auto limited = limited_parser.parse(r.out);
    EXPECT_EQ(length(limited["nodes"]), 6u);
    auto omitted = strings(limited["omitted"]);
    ASSERT_FALSE(omitted.empty());
    EXPECT_TRUE(contains(omitted.front(), "left out by --limit 6")) << omitted.front();
    // Every edge joins two drawn people.
    std::set<std::string> drawn;
    for (auto n : limited["nodes"].get_array()) drawn.insert(str(n["id"]));
    for (auto e : limited["edges"].get_array()) {
        EXPECT_TRUE(drawn.count(str(e["source"])));
        EXPECT_TRUE(drawn.count(str(e["target"])));
    }
}

// A graph is two tables: --output FILE.csv writes FILE.nodes.csv and FILE.edges.csv, which
// python's csv module reads back as the nodes and edges of the JSON output.
TEST_F(NetworkTest, GraphAsCsvIsANodeListAndAnEdgeList) {
    ASSERT_NO_FATAL_FAILURE(init_and_import());
    auto person = busiest("Del Maestro");
    auto r = run({"graph", person, "--nodes", "topics", "--output", "graph.csv"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    ASSERT_TRUE(fs::exists(dir_ / "graph.nodes.csv")) << r.describe();
    ASSERT_TRUE(fs::exists(dir_ / "graph.edges.csv")) << r.describe();
    auto json = run({"graph", person, "--nodes", "topics", "--format", "json"});
    simdjson::dom::parser parser, nodes_parser, edges_parser;
    auto graph = parser.parse(json.out);
    auto nodes = nodes_parser.parse(csv_rows(dir_ / "graph.nodes.csv")).get_array();
    auto edges = edges_parser.parse(csv_rows(dir_ / "graph.edges.csv")).get_array();
    ASSERT_EQ(nodes.size(), length(graph["nodes"]));
    ASSERT_EQ(edges.size(), length(graph["edges"]));
    std::map<std::string, std::string> label;
    for (auto n : graph["nodes"].get_array()) label[str(n["id"])] = str(n["label"]);
    for (auto n : nodes) EXPECT_EQ(str(n["label"]), label[str(n["id"])]);
    std::set<std::string> want, got;
    for (auto e : graph["edges"].get_array())
        want.insert(str(e["source"]) + ">" + str(e["target"]) + ":" + str(e["type"]));
    for (auto e : edges) got.insert(str(e["source"]) + ">" + str(e["target"]) + ":" + str(e["type"]));
    EXPECT_EQ(got, want);
}

TEST_F(NetworkTest, FormatsListsWhatEachFormatRenders) {
    ASSERT_NO_FATAL_FAILURE(init());
    auto r = run({"formats", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    std::map<std::string, std::set<std::string>> kinds;
    for (auto f : parser.parse(r.out).get_array())
        for (const auto& k : strings(f["documents"])) kinds[str(f["format"])].insert(k);
    EXPECT_TRUE(kinds["dot"].count("graph"));
    EXPECT_TRUE(kinds["graphml"].count("graph"));
    EXPECT_TRUE(kinds["html"].count("profile"));
    EXPECT_TRUE(kinds["bibtex"].count("works"));
    EXPECT_TRUE(kinds["csv"].count("graph") && kinds["csv"].count("table"));
    EXPECT_FALSE(kinds["bibtex"].count("graph"));
    // A format asked for a document it cannot render says which can.
    auto refused = run({"formats", "--format", "dot"});
    EXPECT_EQ(refused.exit_code, 2) << refused.describe();
    EXPECT_TRUE(contains(refused.err, "formats that do")) << refused.err;
}

TEST_F(NetworkTest, GraphNeedsPeopleOrANameAndKnownNodeTypes) {
    ASSERT_NO_FATAL_FAILURE(import_devset());
    EXPECT_EQ(run({"graph"}).exit_code, 2);
    auto bad = run({"graph", "--name", "Bo Zheng", "--nodes", "people,planets"});
    EXPECT_EQ(bad.exit_code, 2) << bad.describe();
    EXPECT_TRUE(contains(bad.err, "planets")) << bad.err;
    EXPECT_EQ(run({"graph", "--name", "Nobody Atall"}).exit_code, 3);
}

}  // namespace
}  // namespace bzpeer::cli_test
