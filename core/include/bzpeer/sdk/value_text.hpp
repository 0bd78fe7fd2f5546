// A Value as the text of one cell or one attribute, for formats that hold only strings
// (CSV, DOT, GraphML data). Header-only, standard library only.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::sdk {

// The shortest text that reads back as the same double ("3" for 3.0, "0.1" for 0.1).
inline std::string number_text(double d) {
    char buffer[32];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
    return std::string(buffer, result.ptr);
}

// null → "", booleans → "true"/"false", numbers in their shortest round-trip form, strings
// as they are, arrays as their items joined by "; ", objects as "key: value" pairs joined
// likewise. Nested structure is flattened because a cell cannot hold it.
inline std::string value_text(const Value& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                return {};
            } else if constexpr (std::is_same_v<T, bool>) {
                return v ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                return std::to_string(v);
            } else if constexpr (std::is_same_v<T, double>) {
                return number_text(v);
            } else if constexpr (std::is_same_v<T, std::string>) {
                return v;
            } else if constexpr (std::is_same_v<T, Value::Array>) {
                std::string out;
                for (const auto& item : v) {
                    if (!out.empty()) out += "; ";
                    out += value_text(item);
                }
                return out;
            } else {
                std::string out;
                for (const auto& [key, item] : v) {
                    if (!out.empty()) out += "; ";
                    out += key + ": " + value_text(item);
                }
                return out;
            }
        },
        value.v);
}

}  // namespace bzpeer::sdk
