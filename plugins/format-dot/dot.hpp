// Graphviz DOT output of a document's graph (kinds "graph" and "profile").
#pragma once

#include <string>
#include <string_view>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::dot {

// A DOT string literal: quoted, with backslashes and quotes escaped, line breaks as DOT's
// "\n", other control characters as spaces, '&' as "&amp;" (Graphviz reads entities in
// labels) and ill-formed UTF-8 as U+FFFD. Other text, any script, passes as UTF-8.
std::string quoted(std::string_view text);

// An undirected `graph`: one `subgraph "cluster_…"` per cluster holding its nodes, a shape and
// colour per node type, node and edge attributes as DOT attributes, edge pen width growing
// with the weight (bounded), and what a limit left out as comments and in the graph's label.
std::string graph(const sdk::Document& document);

// "dot" or "gv" → graph(); a profile without a graph and other formats throw
// std::invalid_argument.
std::string render(const sdk::Document& document, std::string_view format);

}  // namespace bzpeer::dot
