// A graph (kind "graph") as CSV or TSV tables: an edge list, and a node list beside it.
#pragma once

#include <string>
#include <string_view>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::graph_csv {

enum class Separator { comma, tab };

// One line per edge under the header source,target,type,weight,source_label,target_label,
// then one column per edge attribute name (in the order names first appear; empty where an
// edge lacks it). Labels are looked up by node id.
std::string edges(const sdk::Graph& graph, Separator separator);

// One line per node under the header id,type,label,cluster, then one column per node
// attribute name, as in edges().
std::string nodes(const sdk::Graph& graph, Separator separator);

// "csv"/"tsv" → edges(), "nodes-csv"/"nodes-tsv" → nodes(); anything else throws
// std::invalid_argument. Cells are quoted (CSV) or flattened to one line (TSV), and defused
// against spreadsheet formulas, by sdk/delimited.hpp.
std::string render(const sdk::Document& document, std::string_view format);

}  // namespace bzpeer::graph_csv
