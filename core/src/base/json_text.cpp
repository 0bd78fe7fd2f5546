#include "base/json_text.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include "bzpeer/base/error.hpp"

namespace bzpeer::json_text {

std::string quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20)
                    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
                else
                    out += c;
        }
    }
    return out + "\"";
}

std::string array(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + quote(items[i]);
    return out + "]";
}

std::vector<std::string> parse_array(std::string_view json, std::string_view what) {
    simdjson::dom::parser parser;
    simdjson::padded_string padded(json);
    simdjson::dom::array items;
    if (parser.parse(padded).get_array().get(items) != simdjson::SUCCESS)
        throw Error(fmt::format("{}: expected a JSON array of strings", what));
    std::vector<std::string> out;
    for (auto item : items) {
        std::string_view text;
        if (item.get_string().get(text) != simdjson::SUCCESS)
            throw Error(fmt::format("{}: expected a JSON array of strings", what));
        out.emplace_back(text);
    }
    return out;
}

}  // namespace bzpeer::json_text
