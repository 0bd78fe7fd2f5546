#include "orcid_tree.hpp"

#include <simdjson.h>

#include <cstddef>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <utility>
#include <vector>

namespace bzpeer::orcid {

const Node* Node::child(std::string_view key) const {
    for (const Node& c : children)
        if (c.name == key) return &c;
    return nullptr;
}

std::vector<const Node*> Node::all(std::string_view key) const {
    std::vector<const Node*> found;
    for (const Node& c : children)
        if (c.name == key) found.push_back(&c);
    return found;
}

const Node* Node::at(std::initializer_list<std::string_view> path) const {
    const Node* node = this;
    for (std::string_view key : path) {
        node = node->child(key);
        if (!node) return nullptr;
    }
    return node;
}

std::string_view Node::value() const {
    if (!text.empty()) return text;
    if (const Node* wrapped = child("value")) return wrapped->text;
    return {};
}

std::string_view value_at(const Node* node, std::initializer_list<std::string_view> path) {
    if (!node) return {};
    const Node* target = node->at(path);
    return target ? target->value() : std::string_view{};
}

namespace {

// ---- JSON ---------------------------------------------------------------------------------

void add_json_member(Node& parent, std::string_view key, simdjson::dom::element value);

void read_json_value(simdjson::dom::element value, Node& node) {
    using Type = simdjson::dom::element_type;
    switch (value.type()) {
        case Type::OBJECT: {
            simdjson::dom::object object;
            if (value.get(object) == simdjson::SUCCESS)
                for (simdjson::dom::key_value_pair member : object)
                    add_json_member(node, member.key, member.value);
            break;
        }
        case Type::STRING: {
            std::string_view text;
            if (value.get(text) == simdjson::SUCCESS) node.text.assign(text);
            break;
        }
        case Type::BOOL: {
            bool flag = false;
            if (value.get(flag) == simdjson::SUCCESS) node.text = flag ? "true" : "false";
            break;
        }
        case Type::INT64:
        case Type::UINT64:
        case Type::DOUBLE:
            // Put-codes and timestamps are numbers in JSON and text in XML; keep the digits.
            node.text = simdjson::minify(value);
            break;
        case Type::ARRAY:  // only reached for an array inside an array; see add_json_member
        case Type::NULL_VALUE:
            break;
    }
}

void add_json_member(Node& parent, std::string_view key, simdjson::dom::element value) {
    // ORCID writes absent optional fields as null; the tree simply has no such child.
    if (value.is_null()) return;
    if (value.is_array()) {
        // Arrays become repeated children under the member's name, as in the XML encoding.
        simdjson::dom::array items;
        if (value.get(items) == simdjson::SUCCESS)
            for (simdjson::dom::element item : items) add_json_member(parent, key, item);
        return;
    }
    Node& child = parent.children.emplace_back();
    child.name.assign(key);
    read_json_value(value, child);
}

// simdjson says what went wrong but not where. A truncated download is the common case and
// is recognisable by itself: the text ends inside a string or with brackets still open.
bool ends_open(std::string_view json) {
    long depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : json) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']')
            --depth;
    }
    return in_string || depth > 0;
}

// ---- XML ----------------------------------------------------------------------------------

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_xml_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_xml_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string_view trim_end(std::string_view text) {
    while (!text.empty() && is_xml_space(text.back())) text.remove_suffix(1);
    return text;
}

// pugixml reports a document cut short somewhere near its end, not at it, so truncation is
// told apart directly: a whole document ends with its root element's end tag. Returns the
// root's name when that end tag is missing ("" when the text stops before the root even
// starts), and nothing when the document is whole.
std::optional<std::string> unclosed_root(std::string_view xml) {
    std::size_t open = 0;
    // Skip the XML declaration, comments, processing instructions and a DOCTYPE.
    while ((open = xml.find('<', open)) != std::string_view::npos && open + 1 < xml.size() &&
           (xml[open + 1] == '?' || xml[open + 1] == '!'))
        ++open;
    if (open == std::string_view::npos || open + 1 >= xml.size()) return std::string();
    std::size_t end = open + 1;
    while (end < xml.size() && !is_xml_space(xml[end]) && xml[end] != '>' && xml[end] != '/') ++end;
    std::string name(xml.substr(open + 1, end - open - 1));
    std::string_view tail = trim_end(xml);
    if (!tail.ends_with('>')) return name;
    std::size_t first_close = xml.find('>', open);
    if (first_close + 1 == tail.size() && tail.ends_with("/>")) return std::nullopt;  // <root ... />
    tail = trim_end(tail.substr(0, tail.size() - 1));
    if (tail.ends_with(name) && tail.substr(0, tail.size() - name.size()).ends_with("</"))
        return std::nullopt;
    return name;
}

struct Binding {
    std::string_view prefix;  // empty for the default namespace
    std::string_view uri;
};

// ORCID documents nest about a dozen levels; the cap keeps a hostile file from exhausting
// the stack in the recursive walk below.
constexpr int kMaxXmlDepth = 256;

class XmlReader {
public:
    // Reads `element`, whose own namespace declarations are already in scope. A child's
    // declarations are pushed while it is read and dropped after it.
    sdk::Status read(pugi::xml_node element, Node& node, int depth) {
        if (depth > kMaxXmlDepth)
            return sdk::Status::error("malformed ORCID XML: elements nested deeper than " +
                                      std::to_string(kMaxXmlDepth) + " levels");
        node.name = local_name(element);
        for (pugi::xml_attribute attribute : element.attributes()) {
            std::string_view name = attribute.name();
            // Namespace declarations and xsi:schemaLocation are not data; ORCID's own
            // attributes (put-code, path, visibility, ...) are unprefixed.
            if (name == "xmlns" || name.find(':') != std::string_view::npos) continue;
            Node& child = node.children.emplace_back();
            child.name.assign(name);
            child.text.assign(trim(attribute.value()));
        }
        std::string text;
        for (pugi::xml_node part = element.first_child(); part; part = part.next_sibling()) {
            if (part.type() == pugi::node_pcdata || part.type() == pugi::node_cdata) {
                text += part.value();
            } else if (part.type() == pugi::node_element) {
                std::size_t mark = scope_.size();
                declare(part);
                if (namespace_of(part).starts_with(kOrcidNsPrefix)) {
                    Node& child = node.children.emplace_back();
                    if (auto status = read(part, child, depth + 1); !status) return status;
                }
                scope_.resize(mark);
            }
        }
        node.text.assign(trim(text));
        return sdk::Status::success();
    }

    std::string_view namespace_of(pugi::xml_node element) const {
        std::string_view qname = element.name();
        std::size_t colon = qname.find(':');
        std::string_view prefix =
            colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
        // The innermost declaration wins, so search from the back.
        for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
            if (it->prefix == prefix) return it->uri;
        return {};
    }

    void declare(pugi::xml_node element) {
        constexpr std::string_view kXmlns = "xmlns";
        for (pugi::xml_attribute attribute : element.attributes()) {
            std::string_view name = attribute.name();
            if (!name.starts_with(kXmlns)) continue;
            if (name.size() == kXmlns.size())
                scope_.push_back({{}, attribute.value()});
            else if (name[kXmlns.size()] == ':')
                scope_.push_back({name.substr(kXmlns.size() + 1), attribute.value()});
        }
    }

    static std::string local_name(pugi::xml_node element) {
        std::string_view qname = element.name();
        std::size_t colon = qname.find(':');
        return std::string(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
    }

private:
    std::vector<Binding> scope_;
};

}  // namespace

sdk::Status parse_json(std::string_view json, Node& root) {
    simdjson::dom::parser parser;
    simdjson::dom::element document;
    // parse() copies the text into a padded buffer of its own; the input needs no padding.
    if (auto error = parser.parse(json.data(), json.size()).get(document); error != simdjson::SUCCESS) {
        if (ends_open(json))
            return sdk::Status::error("malformed ORCID JSON: the document ends early at byte " +
                                      std::to_string(json.size()) +
                                      " inside an unclosed string, object or array (truncated download?)");
        return sdk::Status::error(std::string("malformed ORCID JSON: ") + simdjson::error_message(error));
    }
    if (!document.is_object())
        return sdk::Status::error(
            "not an ORCID document: the JSON is not an object (ORCID answers with one object per "
            "request)");
    root = Node{};
    read_json_value(document, root);
    return sdk::Status::success();
}

sdk::Status parse_xml(std::string_view xml, Node& root, std::string& root_ns) {
    pugi::xml_document document;
    pugi::xml_parse_result parsed =
        document.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
    if (!parsed) {
        if (std::optional<std::string> root_name = unclosed_root(xml))
            return sdk::Status::error(
                "malformed ORCID XML: the document ends early at byte " + std::to_string(xml.size()) +
                (root_name->empty() ? " before its root element" : " without closing <" + *root_name + ">") +
                " (truncated download?)");
        return sdk::Status::error("malformed ORCID XML at byte " + std::to_string(parsed.offset) + ": " +
                                  parsed.description());
    }
    pugi::xml_node element = document.document_element();
    if (!element) return sdk::Status::error("malformed ORCID XML: no root element");
    XmlReader reader;
    reader.declare(element);
    root_ns.assign(reader.namespace_of(element));
    root = Node{};
    return reader.read(element, root, 0);
}

}  // namespace bzpeer::orcid
