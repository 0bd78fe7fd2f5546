// A document as one self-contained HTML5 page: inline CSS, inline SVG, nothing fetched.
#pragma once

#include <string>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::html {

// Profiles get their header, the graph, a works-per-year chart and then the remaining
// sections; graph documents get the drawing and tables of nodes and edges; other kinds
// get their blocks. All text is escaped; links go only to doi.org and arxiv.org.
std::string render(const sdk::Document& document);

}  // namespace bzpeer::html
