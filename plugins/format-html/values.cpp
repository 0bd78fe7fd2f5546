#include "values.hpp"

#include <cstdio>
#include <variant>

namespace bzpeer::html {

const sdk::Value* member(const sdk::Value::Object& object, std::string_view key) {
    for (const auto& [name, value] : object)
        if (name == key) return &value;
    return nullptr;
}

const sdk::Value* member(const sdk::Value& object, std::string_view key) {
    const auto* members = std::get_if<sdk::Value::Object>(&object.v);
    return members ? member(*members, key) : nullptr;
}

std::string value_text(const sdk::Value& value) {
    if (const auto* s = std::get_if<std::string>(&value.v)) return *s;
    if (const auto* i = std::get_if<std::int64_t>(&value.v)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value.v)) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%g", *d);
        return buffer;
    }
    if (const auto* b = std::get_if<bool>(&value.v)) return *b ? "yes" : "no";
    return {};
}

}  // namespace bzpeer::html
