// Tabular output of a document: terminal text for people, TSV and CSV for programs.
#pragma once

#include <string>
#include <string_view>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::table {

// The document's first table block, header row first; without a table block, every fields
// block as label/value rows. Rows are padded with empty cells to the widest row.
// Tabs and line breaks in cells become spaces; lines end in "\n".
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
