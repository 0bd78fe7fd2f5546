#include "xml_support.hpp"

#include <algorithm>
#include <utility>

namespace bzpeer::arxiv::xml {
namespace {

constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

// pugixml keeps xmlns declarations as ordinary attributes, so a prefix is bound by the
// nearest declaration on the element itself or on one of its ancestors.
std::string_view resolve_prefix(pugi::xml_node element, std::string_view prefix) {
    constexpr std::string_view kXmlns = "xmlns";
    for (pugi::xml_node node = element; node.type() == pugi::node_element; node = node.parent()) {
        for (pugi::xml_attribute attribute : node.attributes()) {
            std::string_view name = attribute.name();
            if (!name.starts_with(kXmlns)) continue;
            name.remove_prefix(kXmlns.size());
            bool binds = prefix.empty()
                             ? name.empty()
                             : name.size() == prefix.size() + 1 && name[0] == ':' && name.substr(1) == prefix;
            if (binds) return attribute.value();
        }
    }
    return prefix == "xml" ? kXmlNs : std::string_view{};
}

}  // namespace

ExpandedName expanded_name(pugi::xml_node element) {
    std::string_view qname = element.name();
    std::size_t colon = qname.find(':');
    if (colon == std::string_view::npos) return {resolve_prefix(element, {}), qname};
    return {resolve_prefix(element, qname.substr(0, colon)), qname.substr(colon + 1)};
}

bool is(pugi::xml_node node, std::string_view ns, std::string_view local) {
    if (node.type() != pugi::node_element) return false;
    ExpandedName name = expanded_name(node);
    return name.local == local && name.ns == ns;
}

pugi::xml_node find_child(pugi::xml_node parent, std::string_view ns, std::string_view local) {
    for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
        if (is(child, ns, local)) return child;
    }
    return {};
}

std::string collapsed_text(pugi::xml_node element) {
    std::string out;
    bool pending_space = false;
    for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            append_collapsed(out, child.value(), pending_space);
        }
    }
    return out;
}

std::string collapsed_attribute(pugi::xml_node element, const char* name) {
    return collapse(element.attribute(name).value());
}

sdk::Status parse(std::string_view xml, pugi::xml_document& document) {
    pugi::xml_parse_result parsed =
        document.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
    if (parsed) return sdk::Status::success();
    // pugixml reports a truncated document one past its end.
    std::string message = static_cast<std::size_t>(parsed.offset) >= xml.size()
                              ? "malformed XML: unexpected end after byte " + std::to_string(xml.size())
                              : "malformed XML at byte " + std::to_string(parsed.offset);
    // Offsets index the converted buffer; they only match the input bytes for UTF-8.
    if (parsed.encoding == pugi::encoding_utf8 && parsed.offset >= 0 &&
        static_cast<std::size_t>(parsed.offset) <= xml.size()) {
        std::string_view before = xml.substr(0, static_cast<std::size_t>(parsed.offset));
        auto line = std::count(before.begin(), before.end(), '\n') + 1;
        std::size_t line_start = before.rfind('\n');
        std::size_t column = before.size() - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
        message += " (line " + std::to_string(line) + ", column " + std::to_string(column) + ")";
    }
    message += ": ";
    message += parsed.description();
    return sdk::Status::error(std::move(message));
}

}  // namespace bzpeer::arxiv::xml
