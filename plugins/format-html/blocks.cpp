#include "blocks.hpp"

#include <algorithm>
#include <string_view>

#include "escape.hpp"

namespace bzpeer::html {
namespace {

using sdk::Block;

// Paragraphs and list items keep their line breaks (CSS white-space: pre-line would also
// keep runs of spaces the text did not mean to show).
std::string with_line_breaks(std::string_view text) {
    std::string escaped = escape(text), out;
    for (char c : escaped) {
        if (c == '\r') continue;
        if (c == '\n')
            out += "<br>";
        else
            out += c;
    }
    return out;
}

std::string cell_html(std::string_view column, const std::string& value) {
    if (value.empty()) return {};
    std::string url;
    if (column == "doi") url = link_url("https://doi.org/", value);
    if (column == "arxiv") url = link_url("https://arxiv.org/abs/", value);
    if (url.empty()) return with_line_breaks(value);
    return "<a href=\"" + escape(url) + "\">" + escape(value) + "</a>";
}

std::string table_html(const sdk::Table& table, bool with_links) {
    std::size_t width = table.columns.size();
    for (const auto& row : table.rows) width = std::max(width, row.size());
    if (width == 0) return {};
    std::string out = "<table>\n<thead><tr>";
    for (std::size_t i = 0; i < width; ++i)
        out += "<th>" + (i < table.columns.size() ? escape(table.columns[i]) : std::string()) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : table.rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < width; ++i) {
            std::string column = with_links && i < table.columns.size() ? table.columns[i] : "";
            out += "<td>" + (i < row.size() ? cell_html(column, row[i]) : std::string()) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    return out;
}

// An id made of lowercase ASCII letters, digits and dashes.
std::string slug(std::string_view text) {
    std::string out;
    for (char c : text) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
            keep = true;
        }
        if (keep)
            out += c;
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "part" : out;
}

}  // namespace

std::string render_block(const Block& block) {
    switch (block.type) {
        case Block::Type::heading: {
            std::string level = std::to_string(std::clamp(block.level, 1, 6));
            return "<h" + level + ">" + escape(block.text) + "</h" + level + ">\n";
        }
        case Block::Type::paragraph:
            return block.text.empty() ? "" : "<p>" + with_line_breaks(block.text) + "</p>\n";
        case Block::Type::fields: {
            if (block.fields.empty()) return {};
            std::string out = "<dl class=\"fields\">\n";
            for (const auto& [label, value] : block.fields)
                out += "<dt>" + escape(label) + "</dt><dd>" + with_line_breaks(value) + "</dd>\n";
            return out + "</dl>\n";
        }
        case Block::Type::list: {
            if (block.items.empty()) return {};
            std::string out = "<ul>\n";
            for (const auto& item : block.items) out += "<li>" + with_line_breaks(item) + "</li>\n";
            return out + "</ul>\n";
        }
        case Block::Type::table:
            return table_html(block.table, true);
    }
    return {};
}

std::string render_table(const sdk::Table& table) { return table_html(table, false); }

void SectionWriter::add(const Block& block) {
    bool starts_section = block.type == Block::Type::heading && block.level <= 2;
    if (starts_section) close();
    if (starts_section && block.level == 2) {
        std::string id = "section-" + slug(block.text);
        // Two sections of the same name get distinct ids.
        auto base = id;
        for (int n = 2; std::find(used_ids_.begin(), used_ids_.end(), id) != used_ids_.end(); ++n)
            id = base + "-" + std::to_string(n);
        used_ids_.push_back(id);
        out_ += "<section id=\"" + id + "\">\n";
        open_ = true;
    }
    out_ += render_block(block);
}

void SectionWriter::close() {
    if (open_) out_ += "</section>\n";
    open_ = false;
}

}  // namespace bzpeer::html
