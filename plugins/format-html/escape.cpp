#include "escape.hpp"

#include <cstdint>

#include "bzpeer/sdk/text.hpp"
#include "bzpeer/sdk/utf8.hpp"

namespace bzpeer::html {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_dropped_control(char c) {
    auto b = static_cast<std::uint8_t>(c);
    return (b < 0x20 && c != '\t' && c != '\n' && c != '\r') || b == 0x7F;
}

}  // namespace

std::string clean_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = sdk::utf8::sequence_length(text, i);
        if (length == 0) {
            out += kReplacement;
            ++i;
        } else {
            if (length > 1 || !is_dropped_control(text[i])) out.append(text, i, length);
            i += length;
        }
    }
    return out;
}

std::string escape(std::string_view text) {
    std::string out;
    for (char c : clean_text(text)) {
        if (const char* entity = sdk::text::markup_entity(c, "&#39;"))
            out += entity;
        else
            out += c;
    }
    return out;
}

std::string link_url(std::string_view prefix, std::string_view id) {
    static constexpr std::string_view plain = "-._~/:;()";
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out(prefix);
    for (char c : id) {
        auto b = static_cast<std::uint8_t>(c);
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum || plain.find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += '%';
            out += hex[b >> 4];
            out += hex[b & 0x0F];
        }
    }
    return out;
}

}  // namespace bzpeer::html
