// A person's network: collaborators and the research graph.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <optional>
#include <sstream>

#include "bzpeer/base/error.hpp"
#include "bzpeer/identity/people.hpp"
#include "bzpeer/reports/network.hpp"
#include "context.hpp"

namespace bzpeer::cli {

namespace {

struct CollaboratorsArgs {
    std::string person;
    bool close = false;
    std::int64_t min_shared = 0;
    std::int64_t since = 0;
    std::int64_t limit = 0;
};

struct GraphArgs {
    std::vector<std::string> people;
    std::string name;
    int depth = 1;
    std::string nodes = "people";
    std::int64_t min_weight = 1;
    std::int64_t since = 0;
    std::int64_t limit = -1;
};

// "people,works,topics,institutions": people are always drawn; the others are asked for.
void read_node_types(const std::string& list, graph::GraphQuery& query) {
    std::stringstream words(list);
    for (std::string word; std::getline(words, word, ',');) {
        if (word == "people" || word.empty()) continue;
        if (word == "works")
            query.works = true;
        else if (word == "topics")
            query.topics = true;
        else if (word == "institutions")
            query.institutions = true;
        else
            throw usage_error(
                fmt::format("--nodes: unknown node type '{}' (people, works, topics, institutions)", word));
    }
}

}  // namespace

void add_network_commands(CLI::App& app, Context& ctx) {
    auto* collaborators = app.add_subcommand("collaborators", "a person's co-authors as resolved people");
    auto c = std::make_shared<CollaboratorsArgs>();
    collaborators->add_option("PERSON", c->person, "p:ID, ORCID or name")->required();
    collaborators->add_flag("--close", c->close,
                            "only close collaborators (config collaborators.close_min_shared joint works)");
    collaborators->add_option("--min-shared", c->min_shared, "at least N joint works")
        ->check(CLI::PositiveNumber);
    collaborators->add_option("--since", c->since, "count only works of YEAR or later");
    collaborators->add_option("--limit", c->limit, "list at most N, most joint works first")
        ->check(CLI::PositiveNumber);
    collaborators->callback([&ctx, c] {
        ctx.action = [&ctx, c] {
            auto& db = ctx.s().database();
            graph::CollaboratorQuery query;
            query.min_shared = c->close ? ctx.s().config().count("collaborators.close_min_shared") : 1;
            if (c->min_shared > 0) query.min_shared = c->min_shared;
            if (c->since) query.since = c->since;
            query.limit = c->limit;
            ctx.emit(collaborators_report(db, resolve_person(db, c->person), query), "tsv");
        };
    });

    auto* graph =
        app.add_subcommand("graph", "the research graph around people, or the people behind a name");
    auto g = std::make_shared<GraphArgs>();
    graph->add_option("PERSON", g->people, "p:ID, ORCID or name; several draw one graph");
    graph->add_option("--name", g->name, "draw every person behind this printed name, each as a cluster");
    graph->add_option("--depth", g->depth, "co-author hops from the people asked for (default 1)")
        ->check(CLI::Range(0, 5));
    graph->add_option("--nodes", g->nodes, "node types: people,works,topics,institutions (default people)");
    graph
        ->add_option("--min-weight", g->min_weight,
                     "leave out edges lighter than N (joint works, works, years)")
        ->check(CLI::PositiveNumber);
    graph->add_option("--since", g->since, "count only works of YEAR or later");
    graph
        ->add_option("--limit", g->limit,
                     "at most N people, the most connected first (0: all; default from config)")
        ->check(CLI::NonNegativeNumber);
    graph->callback([&ctx, g] {
        if (g->people.empty() == g->name.empty())
            throw CLI::ValidationError("graph", "name one or more PERSONs, or --name NAME");
        ctx.action = [&ctx, g] {
            auto& db = ctx.s().database();
            graph::GraphQuery query;
            query.depth = g->depth;
            read_node_types(g->nodes, query);
            query.min_weight = g->min_weight;
            if (g->since) query.since = g->since;
            query.limit = g->limit >= 0 ? g->limit : ctx.s().config().count("graph.limit");
            if (!g->name.empty()) {
                ctx.emit(graph_report(fmt::format("The people named {}", g->name),
                                      graph::name_graph(db, g->name, query)),
                         "dot");
                return;
            }
            std::vector<std::int64_t> seeds;
            std::vector<std::string> names;
            for (const auto& p : g->people) {
                seeds.push_back(resolve_person(db, p));
                names.push_back(display_name(db, seeds.back()));
            }
            ctx.emit(graph_report(fmt::format("Research graph of {}", fmt::join(names, ", ")),
                                  graph::person_graph(db, seeds, query)),
                     "dot");
        };
    });
}

}  // namespace bzpeer::cli
