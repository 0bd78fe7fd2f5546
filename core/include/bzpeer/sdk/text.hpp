// Small text helpers format plugins share. Header-only, standard library only.
#pragma once

#include <string_view>
#include <vector>

namespace bzpeer::sdk::text {

// Splits on '\n' and drops a '\r' before it, so CRLF text renders like LF text.
inline std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    for (;;) {
        auto end = text.find('\n');
        auto line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos) return lines;
        text.remove_prefix(end + 1);
    }
}

// Trailing whitespace would turn into extra blank lines between blocks.
inline std::string_view trim_end(std::string_view text) {
    auto end = text.find_last_not_of(" \t\r\n");
    return end == std::string_view::npos ? std::string_view{} : text.substr(0, end + 1);
}

// The entity that stands for `c` in XML or HTML text and attribute values, or nullptr when `c`
// stands for itself. XML readers know "&apos;"; HTML pages use "&#39;", which every reader knows.
inline const char* markup_entity(char c, const char* apostrophe = "&apos;") {
    switch (c) {
        case '&':
            return "&amp;";
        case '<':
            return "&lt;";
        case '>':
            return "&gt;";
        case '"':
            return "&quot;";
        case '\'':
            return apostrophe;
        default:
            return nullptr;
    }
}

}  // namespace bzpeer::sdk::text
