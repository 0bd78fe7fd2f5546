// Blocks of a document, built in one call each, for the format plugins' tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::test {

using sdk::Block;

inline Block heading(int level, std::string text) {
    Block b;
    b.type = Block::Type::heading;
    b.level = level;
    b.text = std::move(text);
    return b;
}

inline Block paragraph(std::string text) {
    Block b;
    b.type = Block::Type::paragraph;
    b.text = std::move(text);
    return b;
}

inline Block fields(std::vector<std::pair<std::string, std::string>> pairs) {
    Block b;
    b.type = Block::Type::fields;
    b.fields = std::move(pairs);
    return b;
}

inline Block list(std::vector<std::string> items) {
    Block b;
    b.type = Block::Type::list;
    b.items = std::move(items);
    return b;
}

inline Block table(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows) {
    Block b;
    b.type = Block::Type::table;
    b.table.columns = std::move(columns);
    b.table.rows = std::move(rows);
    return b;
}

}  // namespace bzpeer::test
