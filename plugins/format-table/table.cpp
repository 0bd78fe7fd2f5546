#include "table.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "bzpeer/sdk/delimited.hpp"
#include "bzpeer/sdk/text.hpp"

namespace bzpeer::table {
namespace {

using sdk::Block;
using Row = std::vector<std::string>;

constexpr std::size_t kWrapColumns = 100;
constexpr std::size_t kMaxCellWidth = 60;
constexpr std::string_view kEllipsis = "\u2026";

// ---- text helpers shared by every format -------------------------------------------------

using sdk::text::lines_of;
using sdk::text::trim_end;

// A cell or heading that must stay on one line: tabs and line breaks (CRLF counting as
// one) become single spaces.
std::string one_line(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += (c == '\t' || c == '\r' || c == '\n') ? ' ' : c;
    }
    return out;
}

// Code points, counted as bytes that do not continue a UTF-8 sequence. Close to what a
// terminal advances for Latin, Greek and Cyrillic; East Asian wide characters take two
// columns on screen but count one here.
std::size_t width(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Keeps at most `max` code points, the last one being "…" when anything was cut.
std::string truncate(std::string_view text, std::size_t max) {
    if (width(text) <= max) return std::string(text);
    std::size_t kept = 0, i = 0;
    for (; i < text.size(); ++i) {
        bool starts_code_point = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        if (starts_code_point && kept++ == max - 1) break;
    }
    return std::string(text.substr(0, i)) + std::string(kEllipsis);
}

void append_padded(std::string& out, std::string_view text, std::size_t column_width) {
    out += text;
    auto w = width(text);
    if (w < column_width) out.append(column_width - w, ' ');
}

// Padding the last column or an empty value leaves spaces at the end of a line; nobody
// wants those.
void drop_trailing_spaces(std::string& out) {
    auto last = out.find_last_not_of(' ');
    out.resize(last == std::string::npos ? 0 : last + 1);
}

std::size_t widest_row(const std::vector<Row>& rows) {
    std::size_t widest = 0;
    for (const auto& row : rows) widest = std::max(widest, row.size());
    return widest;
}

// ---- tsv and csv -------------------------------------------------------------------------

// How many blocks of each tabular kind a document holds.
struct Sections {
    int tables = 0, fields = 0, lists = 0;
};

Sections sections_of(const sdk::Document& document) {
    Sections s;
    for (const auto& block : document.blocks) {
        if (block.type == Block::Type::table) ++s.tables;
        if (block.type == Block::Type::fields && !block.fields.empty()) ++s.fields;
        if (block.type == Block::Type::list && !block.items.empty()) ++s.lists;
    }
    return s;
}

std::string plural(int n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

// What tsv and csv print: the one table (header first), or, in a document without tables,
// every fields block as label/value rows (the lists of such a document, e.g. eval's list of
// errors, are prose around the figures). A document of several sections would otherwise lose
// all but one of them without a word, so it is refused, naming the formats that keep it all.
std::vector<Row> selected_rows(const sdk::Document& document, std::string_view format) {
    auto s = sections_of(document);
    if (s.tables > 1 || (s.tables == 1 && s.fields + s.lists > 0)) {
        std::string parts = plural(s.tables, "table");
        if (s.fields > 0) parts += ", " + plural(s.fields, "block") + " of fields";
        if (s.lists > 0) parts += ", " + plural(s.lists, "list");
        throw std::invalid_argument(
            std::string(format) + " holds one table, and this " +
            (document.kind.empty() ? std::string("document") : document.kind) + " has several sections (" +
            parts + "); use --format json, markdown or table for all of it, or 'bzpeer collaborators' / " +
            "'bzpeer works' for one table as " + std::string(format));
    }
    std::vector<Row> rows;
    for (const auto& block : document.blocks) {
        if (block.type != Block::Type::table) continue;
        if (!block.table.columns.empty()) rows.push_back(block.table.columns);
        rows.insert(rows.end(), block.table.rows.begin(), block.table.rows.end());
        return rows;
    }
    for (const auto& block : document.blocks) {
        if (block.type != Block::Type::fields) continue;
        for (const auto& [label, value] : block.fields) rows.push_back({label, value});
    }
    return rows;
}

template <class CellFn>
std::string delimited(const sdk::Document& document, std::string_view format, char separator, CellFn cell) {
    auto rows = selected_rows(document, format);
    auto columns = widest_row(rows);
    std::string out;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < columns; ++i) {
            if (i > 0) out += separator;
            if (i < row.size()) out += cell(row[i]);
        }
        out += '\n';
    }
    return out;
}

// ---- terminal text -------------------------------------------------------------------------

std::string heading(int level, std::string_view raw) {
    auto text = one_line(trim_end(raw));
    if (text.empty()) return {};
    if (level > 2) return text;
    char rule = level <= 1 ? '=' : '-';
    return text + '\n' + std::string(width(text), rule);
}

// Greedy word wrap; a word longer than the line keeps a line of its own rather than being
// split. Explicit line breaks in the text are kept.
std::string paragraph(const Block& block) {
    std::string out;
    for (auto line : lines_of(trim_end(block.text))) {
        if (!out.empty()) out += '\n';
        std::size_t used = 0;
        std::size_t start = 0;
        while ((start = line.find_first_not_of(" \t", start)) != std::string_view::npos) {
            auto end = std::min(line.find_first_of(" \t", start), line.size());
            auto word = line.substr(start, end - start);
            auto w = width(word);
            if (used > 0 && used + 1 + w > kWrapColumns) {
                out += '\n';
                used = 0;
            } else if (used > 0) {
                out += ' ';
                ++used;
            }
            out += word;
            used += w;
            start = end;
        }
    }
    return out;
}

// Appends `text`, indenting its continuation lines by `indent` spaces.
void append_hanging(std::string& out, std::string_view text, std::size_t indent) {
    bool first = true;
    for (auto line : lines_of(trim_end(text))) {
        if (!first) {
            out += '\n';
            if (!line.empty()) out.append(indent, ' ');
        }
        out += line;
        first = false;
    }
}

// `Label:` padded so that every value starts two spaces after the longest label's colon.
std::string fields(const Block& block) {
    std::size_t label_width = 0;
    for (const auto& field : block.fields)
        label_width = std::max(label_width, width(one_line(field.first)) + 1);
    std::string out;
    for (const auto& [label, value] : block.fields) {
        if (!out.empty()) out += '\n';
        append_padded(out, one_line(label) + ':', label_width + 2);
        append_hanging(out, value, label_width + 2);
        drop_trailing_spaces(out);
    }
    return out;
}

std::string list(const Block& block) {
    std::string out;
    for (const auto& item : block.items) {
        if (!out.empty()) out += '\n';
        out += "  - ";
        append_hanging(out, item, 4);
    }
    return out;
}

std::string aligned_table(const sdk::Table& table) {
    auto clean = [](const Row& row) {
        Row out;
        for (const auto& cell : row) out.push_back(truncate(one_line(cell), kMaxCellWidth));
        return out;
    };
    bool has_header = !table.columns.empty();
    std::vector<Row> rows;
    if (has_header) rows.push_back(clean(table.columns));
    for (const auto& row : table.rows) rows.push_back(clean(row));
    auto columns = widest_row(rows);
    if (columns == 0) return {};

    std::vector<std::size_t> widths(columns, 1);  // at least one '-' under every column
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));

    std::string out;
    auto append_row = [&](const Row& row) {
        for (std::size_t i = 0; i < columns; ++i) {
            if (i > 0) out += "  ";
            append_padded(out, i < row.size() ? row[i] : std::string(), widths[i]);
        }
        drop_trailing_spaces(out);
        out += '\n';
    };
    for (std::size_t r = 0; r < rows.size(); ++r) {
        append_row(rows[r]);
        if (r == 0 && has_header) {
            Row rules;
            for (auto w : widths) rules.emplace_back(w, '-');
            append_row(rules);
        }
    }
    out.pop_back();
    return out;
}

std::string render_block(const Block& block) {
    switch (block.type) {
        case Block::Type::heading:
            return heading(block.level, block.text);
        case Block::Type::paragraph:
            return paragraph(block);
        case Block::Type::fields:
            return fields(block);
        case Block::Type::list:
            return list(block);
        case Block::Type::table:
            return aligned_table(block.table);
    }
    return {};
}

}  // namespace

std::string tsv(const sdk::Document& document) {
    return delimited(document, "tsv", '\t',
                     [](const std::string& cell) { return sdk::delimited::tsv_field(cell); });
}

std::string csv(const sdk::Document& document) {
    return delimited(document, "csv", ',',
                     [](const std::string& cell) { return sdk::delimited::csv_field(cell); });
}

std::string text(const sdk::Document& document) {
    std::vector<std::string> parts;
    const auto& blocks = document.blocks;
    bool starts_with_heading = !blocks.empty() && blocks.front().type == Block::Type::heading;
    if (!starts_with_heading) {
        // Same rule as the markdown plugin: an untitled-looking report shows its title.
        if (auto title = heading(1, document.title); !title.empty()) parts.push_back(std::move(title));
    }
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

std::string render(const sdk::Document& document, std::string_view format) {
    if (format == "table") return text(document);
    if (format == "tsv") return tsv(document);
    if (format == "csv") return csv(document);
    throw std::invalid_argument("table plugin: unknown format '" + std::string(format) + "'");
}

}  // namespace bzpeer::table
