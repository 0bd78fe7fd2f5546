// ORCID publishes one model in two encodings: a JSON member name is the XML element's local
// name, XML attributes (put-code, path) are plain JSON members, and a JSON array is a run of
// repeated XML elements. Both are read into this small tree so that a single set of
// extraction rules serves JSON and XML alike.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/sdk/status.hpp"

namespace bzpeer::orcid {

struct Node {
    std::string name;  // JSON member name or XML local name
    std::string text;  // a JSON scalar or an XML element's trimmed text
    // JSON members in order, array items flattened under their member's name; XML attributes
    // first, then child elements. JSON nulls leave no child.
    std::vector<Node> children;

    const Node* child(std::string_view key) const;
    std::vector<const Node*> all(std::string_view key) const;
    // Follows a chain of child names; null when a link is missing.
    const Node* at(std::initializer_list<std::string_view> path) const;
    // The scalar a node stands for: its own text, else the text of its "value" member, which
    // is how the JSON encoding wraps most strings ({"value": "..."}).
    std::string_view value() const;
};

// The value at `path` below `node`, empty when anything on the way is missing.
std::string_view value_at(const Node* node, std::initializer_list<std::string_view> path);

inline constexpr std::string_view kOrcidNsPrefix = "http://www.orcid.org/ns/";

// Parses a JSON document into `root` (named ""). Errors name the problem and, for a document
// that ends inside a string, object or array, the byte where it stops.
sdk::Status parse_json(std::string_view json, Node& root);

// Parses an XML document into `root` (named by the root element's local name) and sets
// `root_ns` to the root element's namespace URI. Elements outside ORCID's namespaces
// (http://www.orcid.org/ns/...) are left out, so prefixes never matter.
sdk::Status parse_xml(std::string_view xml, Node& root, std::string& root_ns);

}  // namespace bzpeer::orcid
