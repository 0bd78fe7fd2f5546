// HTML for a document's blocks: headings, paragraphs, fields, lists and tables.
#pragma once

#include <string>
#include <vector>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::html {

// One block as HTML. Table cells of a column named "doi" or "arxiv" link to doi.org or
// arxiv.org; everything else is escaped text.
std::string render_block(const sdk::Block& block);

// A table of plain text, as used for a graph's nodes and edges.
std::string render_table(const sdk::Table& table);

// Wraps each level-2 heading and what follows it up to the next heading of level 1 or 2
// in a <section id="section-…">, so a reader (or a test) can find "Works" or "Topics".
class SectionWriter {
public:
    explicit SectionWriter(std::string& out) : out_(out) {}
    void add(const sdk::Block& block);
    void close();

private:
    std::string& out_;
    bool open_ = false;
    std::vector<std::string> used_ids_;
};

}  // namespace bzpeer::html
