// Making untrusted text safe to place in an HTML page (and in inline SVG, which the HTML
// parser reads with the same entity rules).
#pragma once

#include <string>
#include <string_view>

namespace bzpeer::html {

// Valid UTF-8 without control characters: invalid bytes become U+FFFD and C0 controls other
// than tab, line feed and carriage return are dropped, so the page is well-formed and a
// stray NUL cannot cut text short in Graphviz.
std::string clean_text(std::string_view text);

// Cleans `text` and escapes & < > " ' so that it reads as text in element content and in
// quoted attribute values alike.
std::string escape(std::string_view text);

// A URL whose path is `prefix` + `id`, with `id` percent-encoded except for the characters
// DOIs and arXiv ids use plainly, so that no quote or angle bracket survives into href.
std::string link_url(std::string_view prefix, std::string_view id);

}  // namespace bzpeer::html
