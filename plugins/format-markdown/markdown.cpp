#include "markdown.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "bzpeer/sdk/text.hpp"

namespace bzpeer::markdown {
namespace {

using sdk::Block;

using sdk::text::lines_of;
using sdk::text::trim_end;

// Headings must stay on one line: line breaks become spaces.
std::string one_line(std::string_view text) {
    std::string out;
    for (auto line : lines_of(trim_end(text))) {
        if (!out.empty()) out += ' ';
        out += line;
    }
    return out;
}

// Continuation lines are indented so that they stay inside the list item they belong to.
void append_indented(std::string& out, std::string_view text, std::string_view indent) {
    bool first = true;
    for (auto line : lines_of(trim_end(text))) {
        if (!first) {
            out += '\n';
            if (!line.empty()) out += indent;
        }
        out += line;
        first = false;
    }
}

std::string heading(const Block& block) {
    auto text = one_line(block.text);
    if (text.empty()) return {};
    int level = std::clamp(block.level, 1, 6);  // Markdown has six heading levels
    return std::string(static_cast<std::size_t>(level), '#') + ' ' + text;
}

std::string paragraph(const Block& block) {
    std::string out;
    append_indented(out, block.text, "");
    return out;
}

std::string fields(const Block& block) {
    std::string out;
    for (const auto& [label, value] : block.fields) {
        if (!out.empty()) out += '\n';
        out += "- **" + one_line(label) + ":**";
        if (!trim_end(value).empty()) out += ' ';
        append_indented(out, value, "  ");
    }
    return out;
}

std::string list(const Block& block) {
    std::string out;
    for (const auto& item : block.items) {
        if (!out.empty()) out += '\n';
        out += "- ";
        append_indented(out, item, "  ");
    }
    return out;
}

// A pipe table cell: a '|' would end the cell and a line break would end the table.
// Backslashes right before a '|' are doubled so that they cannot escape the escaping one;
// other backslashes are left alone (titles often carry LaTeX such as `$\alpha$`).
std::string cell(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\') {
            auto run_end = text.find_first_not_of('\\', i);
            if (run_end == std::string_view::npos) run_end = text.size();
            auto run = text.substr(i, run_end - i);
            out += run;
            if (run_end < text.size() && text[run_end] == '|') out += run;
            i = run_end - 1;
        } else if (c == '|') {
            out += "\\|";
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "<br>";
        } else {
            out += c;
        }
    }
    return out;
}

void append_row(std::string& out, const std::vector<std::string>& cells, std::size_t width) {
    out += '|';
    for (std::size_t i = 0; i < width; ++i) {
        out += ' ';
        if (i < cells.size()) out += cell(cells[i]);
        out += " |";
    }
    out += '\n';
}

// Ragged rows are padded to the widest one: GitHub drops cells beyond the header's count.
std::string table(const Block& block) {
    const auto& t = block.table;
    std::size_t width = t.columns.size();
    for (const auto& row : t.rows) width = std::max(width, row.size());
    if (width == 0) return {};
    std::string out;
    append_row(out, t.columns, width);
    out += '|';
    for (std::size_t i = 0; i < width; ++i) out += " --- |";
    out += '\n';
    for (const auto& row : t.rows) append_row(out, row, width);
    out.pop_back();
    return out;
}

std::string render_block(const Block& block) {
    switch (block.type) {
        case Block::Type::heading:
            return heading(block);
        case Block::Type::paragraph:
            return paragraph(block);
        case Block::Type::fields:
            return fields(block);
        case Block::Type::list:
            return list(block);
        case Block::Type::table:
            return table(block);
    }
    return {};
}

}  // namespace

std::string render(const sdk::Document& document) {
    std::vector<std::string> parts;
    const auto& blocks = document.blocks;
    bool starts_with_heading = !blocks.empty() && blocks.front().type == Block::Type::heading;
    if (auto title = one_line(document.title); !starts_with_heading && !title.empty())
        parts.push_back("# " + title);
    // Empty blocks are skipped so that they cannot leave a double blank line behind.
    for (const auto& block : blocks) {
        auto text = render_block(block);
        if (!text.empty()) parts.push_back(std::move(text));
    }
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) out += "\n\n";
        out += part;
    }
    if (!out.empty()) out += '\n';
    return out;
}

}  // namespace bzpeer::markdown
