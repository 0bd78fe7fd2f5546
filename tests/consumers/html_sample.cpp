// Writes the profile page the Chromium consumer test loads: a made-up person with hostile
// names (markup, quotes, ampersands, CJK), five works over four years and a small graph,
// rendered by the html format plugin's logic library. Usage: bzpeer_html_sample OUT.html
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "bzpeer/sdk/document.hpp"
#include "html.hpp"

namespace {

using bzpeer::sdk::Block;
using bzpeer::sdk::Document;
using bzpeer::sdk::Value;

// The Python driver reads these same strings back out of the DOM.
const std::string kPerson = "Zoë <script>alert('pwned')</script> 山田太郎";
const std::string kCoauthor = "O'Brien & \"Sons\"";
const std::string kCjkCoauthor = "李雷";

struct SampleWork {
    int year;
    std::string title, arxiv, doi;
};

const std::vector<SampleWork> kWorks = {
    {2016, "Quantum <b>liquids</b> & films", "1601.00001", "10.1000/qlf.1"},
    {2018, "Entanglement in one dimension", "1801.00002", ""},
    {2018, "Superfluid \"helium\" in pores", "1802.00003", "10.1000/sh\"p"},
    {2019, "量子多体系の数値計算", "", ""},
    {2021, "Machine learning for wave functions", "2101.00005", "10.1000/ml.5"},
};

Block block(Block::Type type) {
    Block b;
    b.type = type;
    return b;
}

Document sample_profile() {
    Document d;
    d.kind = "profile";
    d.title = kPerson;
    Block name = block(Block::Type::heading);
    name.text = kPerson;
    d.blocks.push_back(name);
    Block facts = block(Block::Type::fields);
    facts.fields = {{"Person", "p:1"}, {"Works", "5"}, {"Co-authors", "2"}, {"Active", "2016–2021"}};
    d.blocks.push_back(facts);

    Block topics_heading = block(Block::Type::heading);
    topics_heading.level = 2;
    topics_heading.text = "Topics";
    d.blocks.push_back(topics_heading);
    Block topics = block(Block::Type::table);
    topics.table = {{"topic", "name", "works"}, {{"cond-mat.stat-mech", "Statistical Mechanics", "3"}}};
    d.blocks.push_back(topics);

    Block works_heading = block(Block::Type::heading);
    works_heading.level = 2;
    works_heading.text = "Works";
    d.blocks.push_back(works_heading);
    Block works = block(Block::Type::table);
    works.table.columns = {"year", "type", "venue", "title", "arxiv", "doi"};
    d.data = Value::object();
    d.data.set("id", "p:1");
    d.data.set("name", kPerson);
    Value work_list = Value::array();
    for (std::size_t i = 0; i < kWorks.size(); ++i) {
        const auto& w = kWorks[i];
        works.table.rows.push_back({std::to_string(w.year), "article", "", w.title, w.arxiv, w.doi});
        // Built as a whole object: GCC 12 warns (wrongly) about set() on a fresh object here.
        work_list.push(
            Value::Object{{"id", "w:" + std::to_string(i + 1)}, {"title", w.title}, {"year", w.year}});
    }
    d.data.set("works", std::move(work_list));
    d.blocks.push_back(works);

    auto& g = d.graph;
    g.nodes.push_back({"p:1", "person", kPerson, "", {{"ego", Value(true)}, {"works", Value(5)}}});
    g.nodes.push_back({"p:2", "person", kCoauthor, "", {{"works", Value(3)}}});
    g.nodes.push_back({"p:3", "person", kCjkCoauthor, "", {{"works", Value(1)}}});
    g.nodes.push_back({"topic:cond-mat.stat-mech", "topic", "Statistical Mechanics", "", {}});
    g.nodes.push_back({"inst:1", "institution", "University of Vermont", "", {}});
    g.edges.push_back({"p:1", "p:2", "coauthor", 3, {}});
    g.edges.push_back({"p:1", "p:3", "coauthor", 1, {}});
    g.edges.push_back({"p:2", "p:3", "coauthor", 1, {}});
    g.edges.push_back({"p:1", "topic:cond-mat.stat-mech", "topic", 3, {}});
    g.edges.push_back({"p:1", "inst:1", "affiliation", 4, {}});
    g.omitted.push_back("Works are left out of this drawing: 5 works.");
    return d;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: bzpeer_html_sample OUT.html\n";
        return 2;
    }
    std::ofstream out(argv[1], std::ios::binary);
    out << bzpeer::html::render(sample_profile());
    return out ? 0 : 1;
}
