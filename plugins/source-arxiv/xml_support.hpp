// XML helpers the Atom and OAI-PMH readers share: namespace-aware element matching (by URI,
// never by prefix), whitespace-collapsed text, and parse errors that say where.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "bzpeer/sdk/status.hpp"
#include "metadata.hpp"

namespace bzpeer::arxiv::xml {

// An element's name as namespace URI + local part; an empty `ns` means no namespace or an
// undeclared prefix, neither of which matches anything we read.
struct ExpandedName {
    std::string_view ns;
    std::string_view local;
};

ExpandedName expanded_name(pugi::xml_node element);
bool is(pugi::xml_node node, std::string_view ns, std::string_view local);
pugi::xml_node find_child(pugi::xml_node parent, std::string_view ns, std::string_view local);

// The element's own text (pcdata and CDATA children), whitespace-collapsed and trimmed:
// arXiv wraps titles, abstracts, comments and even names at about 80 columns.
std::string collapsed_text(pugi::xml_node element);
std::string collapsed_attribute(pugi::xml_node element, const char* name);

// Parses `xml` into `document`; an error names the byte, line and column.
sdk::Status parse(std::string_view xml, pugi::xml_document& document);

}  // namespace bzpeer::arxiv::xml
