// JSON rendering of a document's `data` (its blocks are ignored).
#pragma once

#include <string>
#include <string_view>

#include "bzpeer/sdk/document.hpp"

namespace bzpeer::json {

// Two-space indentation, object keys in their stored order, a newline at the end.
// Strings are emitted as valid UTF-8: ill-formed bytes become U+FFFD. Doubles print in
// their shortest round-trip form and always look like doubles ("1.0", not "1"); NaN and
// infinities, which JSON cannot express, print as null.
std::string pretty(const sdk::Value& value);

// The same value without any whitespace and without a trailing newline.
std::string compact(const sdk::Value& value);

// JSON Lines: one compact value per line for an array, else the compact value on one line.
std::string lines(const sdk::Value& value);

// "json" → pretty(), "jsonl" or "ndjson" → lines(), anything else throws
// std::invalid_argument.
std::string render(const sdk::Document& document, std::string_view format);

}  // namespace bzpeer::json
