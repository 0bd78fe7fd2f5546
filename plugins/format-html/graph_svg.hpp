// Drawing a document's Graph as SVG with Graphviz (cgraph + gvc).
#pragma once

#include <string>
#include <vector>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::html {

struct GraphDrawing {
    std::string svg;                 // an <svg> element ready to inline; "" when not drawn
    std::vector<std::string> notes;  // why it was not drawn, or what Graphviz complained about
};

// The layout engine for a graph: dot when it has clusters (dot draws them as boxes), neato
// for a small network, sfdp for a big one (neato's cost grows too fast).
std::string layout_engine_for(const sdk::Graph& graph);

// Lays out and renders `graph` with the given Graphviz engine. Never throws for Graphviz's
// sake: its errors come back as notes. An empty graph is a note, not an SVG.
GraphDrawing draw_graph(const sdk::Graph& graph, const std::string& engine);

}  // namespace bzpeer::html
