#include "bzpeer/graph/research_graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/topics.hpp"
#include "bzpeer/base/error.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/graph/collaborators.hpp"
#include "bzpeer/graph/institutions.hpp"
#include "bzpeer/identity/people.hpp"

namespace bzpeer::graph {

namespace {

using sdk::Value;

std::string topic_ref(const std::string& code) { return "topic:" + code; }

// People reached from the seeds, with their distance, and the edges between them.
struct Reach {
    std::map<std::int64_t, int> depth;  // person -> hops from the nearest seed
    std::vector<std::int64_t> order;    // seeds first, then by depth and connection
    std::vector<std::string> omitted;
    // Collaborators already read while reaching out, reused for the edges.
    std::map<std::int64_t, std::vector<Collaborator>> collaborators_of;
};

const std::vector<Collaborator>& neighbours_of(Database& db, Reach& reach, std::int64_t person,
                                               const GraphQuery& query) {
    auto it = reach.collaborators_of.find(person);
    if (it == reach.collaborators_of.end())
        it = reach.collaborators_of
                 .emplace(person, collaborators(db, person, {query.min_weight, query.since, 0}))
                 .first;
    return it->second;
}

Reach reach_people(Database& db, const std::vector<std::int64_t>& seeds, const GraphQuery& query) {
    Reach reach;
    for (auto seed : seeds)
        if (reach.depth.emplace(seed, 0).second) reach.order.push_back(seed);
    std::vector<std::int64_t> frontier = reach.order;
    for (int hop = 1; hop <= query.depth && !frontier.empty(); ++hop) {
        // Candidates weighed by their joint works with the frontier: the most connected stay.
        std::map<std::int64_t, std::int64_t> weight;
        for (auto person : frontier)
            for (const auto& c : neighbours_of(db, reach, person, query))
                if (!reach.depth.count(c.id)) weight[c.id] += c.shared_works;
        std::vector<std::pair<std::int64_t, std::int64_t>> ranked(weight.begin(), weight.end());
        std::stable_sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) { return a.second > b.second; });
        std::size_t room = ranked.size();
        if (query.limit > 0) {
            auto taken = static_cast<std::int64_t>(reach.order.size());
            room = std::min<std::size_t>(
                ranked.size(), static_cast<std::size_t>(std::max<std::int64_t>(0, query.limit - taken)));
        }
        if (room < ranked.size())
            reach.omitted.push_back(fmt::format(
                "{} of {} people {} hop{} away left out by --limit {} (the least connected: at most {} joint "
                "work{})",
                ranked.size() - room, ranked.size(), hop, hop == 1 ? "" : "s", query.limit,
                ranked[room].second, ranked[room].second == 1 ? "" : "s"));
        frontier.clear();
        for (std::size_t i = 0; i < room; ++i) {
            reach.depth.emplace(ranked[i].first, hop);
            reach.order.push_back(ranked[i].first);
            frontier.push_back(ranked[i].first);
        }
    }
    return reach;
}

double mean_confidence(Database& db, std::int64_t person) {
    auto& stmt = db.cached("SELECT avg(confidence) FROM authorships WHERE person_id = ?1");
    stmt.bind(1, person);
    double mean = stmt.step() && !stmt.is_null(0) ? stmt.real(0) : 0.0;
    stmt.reset();
    return mean;
}

Value year_or_null(const std::optional<std::int64_t>& year) { return year ? Value(*year) : Value(); }

sdk::GraphNode person_node(Database& db, std::int64_t person, int depth) {
    auto summary = summarize(db, person);
    sdk::GraphNode node;
    node.id = ids::person_ref(person);
    node.type = "person";
    node.label = display_name(db, person);
    node.attributes = {{"name", node.label},
                       {"works", summary.works},
                       {"first_year", year_or_null(summary.first_year)},
                       {"last_year", year_or_null(summary.last_year)},
                       {"confidence", mean_confidence(db, person)},
                       {"depth", depth},
                       {"ego", depth == 0}};
    return node;
}

void add_coauthor_edges(Database& db, Reach& reach, const GraphQuery& query, sdk::Graph& graph) {
    for (auto person : reach.order)
        for (const auto& c : neighbours_of(db, reach, person, query)) {
            // Each pair once, from its lower id; people outside the drawing have no edge.
            if (c.id < person || !reach.depth.count(c.id)) continue;
            sdk::GraphEdge edge;
            edge.source = ids::person_ref(person);
            edge.target = ids::person_ref(c.id);
            edge.type = "coauthor";
            edge.weight = static_cast<double>(c.shared_works);
            edge.attributes = {{"first_year", year_or_null(c.first_year)},
                               {"last_year", year_or_null(c.last_year)}};
            graph.edges.push_back(std::move(edge));
        }
}

// The seeds' works, each linked to every drawn person who wrote it.
void add_works(Database& db, const Reach& reach, const GraphQuery& query, sdk::Graph& graph) {
    auto& works = db.cached(R"sql(
SELECT DISTINCT w.id, w.title, w.year FROM authorships au JOIN works w ON w.id = au.work_id
WHERE au.person_id = ?1 AND (?2 IS NULL OR w.year >= ?2) ORDER BY w.year DESC, w.id)sql");
    auto& authors =
        db.cached("SELECT DISTINCT person_id FROM authorships WHERE work_id = ?1 AND person_id IS NOT NULL");
    auto& doi =
        db.cached("SELECT scheme, value FROM identifiers WHERE work_id = ?1 AND scheme IN ('doi', 'arxiv')");
    std::set<std::int64_t> drawn;
    for (const auto& [person, depth] : reach.depth) {
        if (depth != 0) continue;
        for (works.bind(1, person).bind(2, query.since); works.step();) {
            auto work = works.integer(0);
            if (!drawn.insert(work).second) continue;
            sdk::GraphNode node;
            node.id = ids::work_ref(work);
            node.type = "work";
            node.label = works.text(1);
            node.attributes = {{"title", node.label},
                               {"year", works.is_null(2) ? Value() : Value(works.integer(2))}};
            for (doi.bind(1, work); doi.step();) node.attributes.emplace_back(doi.text(0), doi.text(1));
            graph.nodes.push_back(std::move(node));
            for (authors.bind(1, work); authors.step();) {
                auto author = authors.integer(0);
                if (!reach.depth.count(author)) continue;
                graph.edges.push_back({ids::person_ref(author), ids::work_ref(work), "authored", 1, {}});
            }
        }
    }
}

void add_topics(Database& db, const Reach& reach, const GraphQuery& query, sdk::Graph& graph) {
    auto& stmt = db.cached(R"sql(
SELECT t.code, count(DISTINCT au.work_id) FROM authorships au
JOIN works w ON w.id = au.work_id
JOIN work_topics wt ON wt.work_id = au.work_id JOIN topics t ON t.id = wt.topic_id
WHERE au.person_id = ?1 AND (?2 IS NULL OR w.year >= ?2)
GROUP BY t.id HAVING count(DISTINCT au.work_id) >= ?3 ORDER BY 2 DESC, t.code)sql");
    std::map<std::string, std::int64_t> topic_works;
    for (auto person : reach.order)
        for (stmt.bind(1, person).bind(2, query.since).bind(3, query.min_weight); stmt.step();) {
            auto code = stmt.text(0);
            auto works = stmt.integer(1);
            topic_works[code] += works;
            graph.edges.push_back(
                {ids::person_ref(person), topic_ref(code), "topic", static_cast<double>(works), {}});
        }
    for (const auto& [code, works] : topic_works) {
        auto name = arxiv_category_name(code);
        graph.nodes.push_back(
            {topic_ref(code), "topic", name.empty() ? code : name, "", {{"code", code}, {"works", works}}});
    }
}

void add_institutions(Database& db, const Reach& reach, const GraphQuery& query, sdk::Graph& graph) {
    std::set<std::string> drawn;
    for (auto person : reach.order)
        for (const auto& inst : institutions_of(db, person)) {
            if (query.since && inst.last_year && *inst.last_year < *query.since) continue;
            std::int64_t years =
                inst.first_year && inst.last_year ? *inst.last_year - *inst.first_year + 1 : 1;
            if (years < query.min_weight) continue;
            if (drawn.insert(inst.id).second) {
                sdk::GraphNode node{inst.id, "institution", inst.name, "", {{"name", inst.name}}};
                if (!inst.ror.empty()) node.attributes.emplace_back("ror", inst.ror);
                graph.nodes.push_back(std::move(node));
            }
            graph.edges.push_back({ids::person_ref(person),
                                   inst.id,
                                   "affiliation",
                                   static_cast<double>(years),
                                   {{"first_year", year_or_null(inst.first_year)},
                                    {"last_year", year_or_null(inst.last_year)}}});
        }
}

}  // namespace

sdk::Graph person_graph(Database& db, const std::vector<std::int64_t>& seeds, const GraphQuery& query) {
    auto reach = reach_people(db, seeds, query);
    sdk::Graph graph;
    graph.omitted = reach.omitted;
    for (auto person : reach.order) graph.nodes.push_back(person_node(db, person, reach.depth.at(person)));
    add_coauthor_edges(db, reach, query, graph);
    if (query.works) add_works(db, reach, query, graph);
    if (query.topics) add_topics(db, reach, query, graph);
    if (query.institutions) add_institutions(db, reach, query, graph);
    return graph;
}

sdk::Graph name_graph(Database& db, std::string_view name, const GraphQuery& query) {
    auto people = find_people(db, name);
    if (people.empty()) throw not_found(fmt::format("no person matches '{}'", name));
    auto graph = person_graph(db, people, query);
    // Each node goes into the cluster of the one namesake it hangs from; a node linked to
    // several of them (or to none directly) stays outside.
    std::map<std::string, std::set<std::string>> namesakes_of;
    std::set<std::string> namesakes;
    for (auto p : people) namesakes.insert(ids::person_ref(p));
    for (const auto& e : graph.edges) {
        if (namesakes.count(e.source)) namesakes_of[e.target].insert(e.source);
        if (namesakes.count(e.target)) namesakes_of[e.source].insert(e.target);
    }
    for (auto p : people) {
        auto summary = summarize(db, p);
        auto ref = ids::person_ref(p);
        auto years = years_text(summary);
        graph.clusters.push_back(
            {"cluster:" + ref,
             fmt::format("{} {} ({} work{}{})", ref, display_name(db, p), summary.works,
                         summary.works == 1 ? "" : "s", years.empty() ? "" : ", " + years)});
    }
    for (auto& node : graph.nodes) {
        if (namesakes.count(node.id))
            node.cluster = "cluster:" + node.id;
        else if (auto it = namesakes_of.find(node.id); it != namesakes_of.end() && it->second.size() == 1)
            node.cluster = "cluster:" + *it->second.begin();
    }
    return graph;
}

}  // namespace bzpeer::graph
