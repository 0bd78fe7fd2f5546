// Cells of CSV and TSV output, shared by every format plugin that writes them, so that all
// of them quote alike and all of them defuse spreadsheet formulas alike. Header-only,
// standard library only.
#pragma once

#include <string>
#include <string_view>

namespace bzpeer::sdk::delimited {

// True for a plain decimal number with an optional sign: "-3", "+1", "-0.5", "2.5e-3".
// Spreadsheets read these as the number they are, so they need no defusing.
inline bool is_plain_number(std::string_view text) {
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        return i - start;
    };
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    std::size_t whole = digits(), fraction = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        fraction = digits();
    }
    if (whole + fraction == 0) return false;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
        if (digits() == 0) return false;
    }
    return i == text.size();
}

// A spreadsheet that opens a CSV or TSV file runs a cell starting with '=', '+', '-' or '@'
// as a formula (and TAB or CR can hide such a start), so a label such as
// =HYPERLINK("http://…") would become a live link. Such a cell gets a leading single quote,
// the OWASP convention, which spreadsheets read as "text follows". Plain numbers keep their
// value: "-3" stays -3.
inline std::string inert(std::string_view cell) {
    if (cell.empty() || is_plain_number(cell)) return std::string(cell);
    switch (cell.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
            return "'" + std::string(cell);
        default:
            return std::string(cell);
    }
}

// A CSV field per RFC 4180: quoted when it holds a comma, a quote or a line break, quotes
// doubled. The cell is defused first (see inert()).
inline std::string csv_field(std::string_view cell) {
    std::string text = inert(cell);
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

// A TSV field: TSV has no quoting, so tabs and line breaks (CRLF counting as one) become
// single spaces. The cell is defused first (see inert()).
inline std::string tsv_field(std::string_view cell) {
    std::string text = inert(cell);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += (c == '\t' || c == '\r' || c == '\n') ? ' ' : c;
    }
    return out;
}

}  // namespace bzpeer::sdk::delimited
