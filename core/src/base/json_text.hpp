// Writing and reading the small JSON texts the store keeps (evidence, ledger members).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bzpeer::json_text {

// `text` as a JSON string literal, quotes included.
std::string quote(std::string_view text);
// ["a","b"]
std::string array(const std::vector<std::string>& items);
// Parses a JSON array of strings; throws bzpeer::Error naming `what` when it is not one.
std::vector<std::string> parse_array(std::string_view json, std::string_view what);

}  // namespace bzpeer::json_text
