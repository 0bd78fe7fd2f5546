// The research graph around people: their co-authors (as resolved people) to some depth, and
// optionally their works, topics and institutions, as typed nodes and weighted edges. Node ids
// are stable: "p:N", "w:N", "topic:CODE", "inst:KEY".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "bzpeer/sdk/document.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer::graph {

struct GraphQuery {
    int depth = 1;                                             // co-author hops from the people asked for
    bool works = false, topics = false, institutions = false;  // people are always drawn
    std::int64_t min_weight = 1;                               // edges lighter than this are left out
    std::optional<std::int64_t> since;                         // only works of this year or later
    std::int64_t limit = 0;  // at most this many people, the most connected first; 0: all
};

// The graph around `seeds` (the people asked for are always in it). What `limit` left out is
// said in the graph's `omitted`.
sdk::Graph person_graph(Database& db, const std::vector<std::int64_t>& seeds, const GraphQuery& query);

// The people behind one printed name, each as a cluster of their own with their co-authors:
// the picture that shows at a glance when a name is several people. A co-author of several of
// them is drawn outside the clusters. A not-found error when nobody has the name.
sdk::Graph name_graph(Database& db, std::string_view name, const GraphQuery& query);

}  // namespace bzpeer::graph
