// Tabular output of a document: terminal text for people, TSV and CSV for programs.
#pragma once

#include <string>
#include <string_view>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::table {

// The document's one table block, header row first; in a document without tables, every
// fields block as label/value rows. Rows are padded with empty cells to the widest row.
// Tabs and line breaks in cells become spaces; lines end in "\n". A document of several
// sections (more than one table, or a table beside fields or lists) throws
// std::invalid_argument naming the formats that render all of it. Cells that a spreadsheet
// would run as a formula are defused (sdk/delimited.hpp).
std::string tsv(const sdk::Document& document);

// The same rows as tsv(), quoted per RFC 4180 (cells holding a comma, a quote or a line
// break are quoted, quotes doubled) but with "\n" line ends.
std::string csv(const sdk::Document& document);

// Every block for a terminal: underlined headings, paragraphs wrapped at 100 columns,
// aligned fields and table columns, blank lines between blocks. Widths count code points.
std::string text(const sdk::Document& document);

// "table" → text(), "tsv" → tsv(), "csv" → csv(), anything else throws
// std::invalid_argument.
std::string render(const sdk::Document& document, std::string_view format);

}  // namespace bzpeer::table
