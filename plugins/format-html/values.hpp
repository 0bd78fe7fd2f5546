// Reading the JSON-shaped sdk::Value that documents and graph attributes carry.
#pragma once

#include <string>
#include <string_view>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::html {

// The member `key` of an object, or nullptr when there is none (or it is not an object).
const sdk::Value* member(const sdk::Value::Object& object, std::string_view key);
const sdk::Value* member(const sdk::Value& object, std::string_view key);

// A scalar as a reader would write it (reals in %g, booleans as yes/no); "" for null,
// arrays and objects.
std::string value_text(const sdk::Value& value);

}  // namespace bzpeer::html
