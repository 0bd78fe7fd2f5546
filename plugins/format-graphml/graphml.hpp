// GraphML output of a document's graph (kinds "graph" and "profile"), for networkx, Gephi,
// yEd and Cytoscape.
#pragma once

#include <string>
#include <string_view>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::graphml {

// XML-escaped text for an element's content or an attribute value (both escape the same
// way here): & < > " ' as entities, tab and line breaks as character references so that
// attribute values keep them, characters XML 1.0 forbids (other control characters, U+FFFE,
// U+FFFF) as spaces, ill-formed UTF-8 as U+FFFD.
std::string escaped(std::string_view text);

// An undirected <graph>. Every node carries `type` and `label` (and `cluster` when it is in
// one), every edge `type` and `weight` (double); each attribute name gets one typed <key> per
// domain, its attr.type read from the values: int (long beyond 32 bits), double when any is
// fractional, boolean, else string. The graph carries `title` and what a limit left out
// (`omitted`, one sentence a line). A node in a cluster also carries the cluster's label
// (`cluster_label`): GraphML has no clusters of its own.
std::string graph(const sdk::Document& document);

// "graphml" → graph(); a profile without a graph and other formats throw
// std::invalid_argument.
std::string render(const sdk::Document& document, std::string_view format);

}  // namespace bzpeer::graphml
