// Blocks of reports (headings, paragraphs, tables), and the shape of reports that are one table
// (works, people, the ledger, plugins).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer {

inline sdk::Block heading(std::string text, int level) {
    sdk::Block block;
    block.type = sdk::Block::Type::heading;
    block.text = std::move(text);
    block.level = level;
    return block;
}

inline sdk::Block paragraph(std::string text) {
    sdk::Block block;
    block.type = sdk::Block::Type::paragraph;
    block.text = std::move(text);
    return block;
}

// A table block with these columns and no rows yet.
inline sdk::Block table_block(std::vector<std::string> columns) {
    sdk::Block block;
    block.type = sdk::Block::Type::table;
    block.table.columns = std::move(columns);
    return block;
}

// A report of one table: kind "table", its data an array for the caller to fill, and the table
// last in its blocks (doc.blocks.back().table.rows) for the rows.
inline sdk::Document table_document(std::string title, std::vector<std::string> columns) {
    sdk::Document doc;
    doc.kind = "table";
    doc.title = std::move(title);
    doc.data = sdk::Value::array();
    doc.blocks.push_back(table_block(std::move(columns)));
    return doc;
}

}  // namespace bzpeer
