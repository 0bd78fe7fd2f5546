// Documents of a person's network: the collaborator list and the research graph.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bzpeer/graph/collaborators.hpp"
#include "bzpeer/graph/research_graph.hpp"
#include "bzpeer/sdk/document.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer {

// `bzpeer collaborators`: one row per co-author person (id, name, shared works, first and
// last shared year, topics in common), most joint works first.
sdk::Document collaborators_report(Database& db, std::int64_t person, const graph::CollaboratorQuery& query);

// `bzpeer graph`: a document of kind "graph" with `graph` filled, node and edge tables for
// readers, and the same in `data` ({"nodes", "edges", "clusters", "omitted"}) for programs.
sdk::Document graph_report(std::string title, sdk::Graph graph);

}  // namespace bzpeer
