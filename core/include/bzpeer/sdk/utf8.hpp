// Making text well-formed UTF-8 before it goes into a format whose readers reject anything
// else (XML parsers stop at the first bad byte; Graphviz warns and guesses Latin-1).
// Header-only, standard library only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bzpeer::sdk::utf8 {

// The length of the well-formed UTF-8 sequence starting at text[i], or 0 when the bytes
// there are not one (a stray continuation byte, an overlong form, a surrogate, a cut-off
// sequence, a code point beyond U+10FFFF).
inline std::size_t sequence_length(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the allowed range of the first trail byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        unsigned char b = byte(i + k);
        if (k == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xBF)) return 0;
    }
    return length;
}

// `text` with every ill-formed byte replaced by U+FFFD.
inline std::string repaired(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = sequence_length(text, i);
        if (length == 0) {
            out += "\uFFFD";
            ++i;
        } else {
            out.append(text, i, length);
            i += length;
        }
    }
    return out;
}

}  // namespace bzpeer::sdk::utf8
