#include "graphml.hpp"

#include <cstdint>
#include <limits>
#include <set>
#include <stdexcept>
#include <variant>
#include <vector>

#include "bzpeer/sdk/text.hpp"
#include "bzpeer/sdk/utf8.hpp"
#include "bzpeer/sdk/value_text.hpp"

namespace bzpeer::graphml {
namespace {

// What the values of one attribute name hold, to choose the key's attr.type.
struct KeyType {
    bool integers = false, wide = false, reals = false, booleans = false, text = false;

    void see(const sdk::Value& value) {
        if (auto* i = std::get_if<std::int64_t>(&value.v)) {
            integers = true;
            wide = wide || *i < std::numeric_limits<std::int32_t>::min() ||
                   *i > std::numeric_limits<std::int32_t>::max();
        } else if (std::holds_alternative<double>(value.v)) {
            reals = true;
        } else if (std::holds_alternative<bool>(value.v)) {
            booleans = true;
        } else if (!std::holds_alternative<std::nullptr_t>(value.v)) {
            text = true;  // strings, and arrays or objects flattened to text
        }
    }

    // GraphML's int is 32 bits; years and counts fit, an id-like number may not.
    const char* name() const {
        bool numbers = integers || reals;
        if (text || (booleans && numbers)) return "string";
        if (booleans) return "boolean";
        if (reals) return "double";
        if (integers) return wide ? "long" : "int";
        return "string";
    }
};

struct Key {
    std::string id, name;
    KeyType type;
};

// The attribute keys of one domain ("node" or "edge"), in the order names first appear.
// Names the format itself fills (`reserved`) are left out, so no name gets two keys.
class Keys {
public:
    Keys(std::string prefix, std::set<std::string> reserved)
        : prefix_(std::move(prefix)), reserved_(std::move(reserved)) {}

    void see(const sdk::Value::Object& attributes) {
        for (const auto& [name, value] : attributes) {
            if (reserved_.count(name)) continue;
            Key* key = entry(name);
            if (!key) {
                keys_.push_back({prefix_ + std::to_string(keys_.size()), name, {}});
                key = &keys_.back();
            }
            key->type.see(value);
        }
    }

    const Key* find(const std::string& name) const {
        for (const auto& key : keys_)
            if (key.name == name) return &key;
        return nullptr;
    }

    const std::vector<Key>& all() const { return keys_; }

private:
    Key* entry(const std::string& name) {
        for (auto& key : keys_)
            if (key.name == name) return &key;
        return nullptr;
    }

    std::string prefix_;
    std::set<std::string> reserved_;
    std::vector<Key> keys_;
};

void append_key(std::string& out, const std::string& id, const char* domain, const std::string& name,
                const char* type) {
    out += "  <key id=\"" + escaped(id) + "\" for=\"" + domain + "\" attr.name=\"" + escaped(name) +
           "\" attr.type=\"" + type + "\"/>\n";
}

void append_data(std::string& out, const std::string& key, const std::string& text) {
    out += "      <data key=\"" + escaped(key) + "\">" + escaped(text) + "</data>\n";
}

void append_attributes(std::string& out, const Keys& keys, const sdk::Value::Object& attributes) {
    for (const auto& [name, value] : attributes) {
        const Key* key = keys.find(name);
        if (!key || std::holds_alternative<std::nullptr_t>(value.v)) continue;
        append_data(out, key->id, sdk::value_text(value));
    }
}

}  // namespace

std::string escaped(std::string_view raw) {
    std::string text = sdk::utf8::repaired(raw);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (const char* entity = sdk::text::markup_entity(c)) {
            out += entity;
            continue;
        }
        switch (c) {
            case '\t':
                out += "&#9;";
                break;
            case '\n':
                out += "&#10;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += ' ';
                } else if (text.compare(i, 3, "\xEF\xBF\xBE") == 0 ||
                           text.compare(i, 3, "\xEF\xBF\xBF") == 0) {
                    out += ' ';  // U+FFFE and U+FFFF are not XML characters
                    i += 2;
                } else {
                    out += c;
                }
        }
    }
    return out;
}

std::string graph(const sdk::Document& document) {
    const sdk::Graph& g = document.graph;
    Keys node_keys("n", {"type", "label", "cluster", "cluster_label"});
    Keys edge_keys("e", {"type", "weight"});
    for (const auto& node : g.nodes) node_keys.see(node.attributes);
    for (const auto& edge : g.edges) edge_keys.see(edge.attributes);

    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    append_key(out, "g_title", "graph", "title", "string");
    append_key(out, "g_omitted", "graph", "omitted", "string");
    append_key(out, "n_type", "node", "type", "string");
    append_key(out, "n_label", "node", "label", "string");
    append_key(out, "n_cluster", "node", "cluster", "string");
    append_key(out, "n_cluster_label", "node", "cluster_label", "string");
    for (const auto& key : node_keys.all()) append_key(out, key.id, "node", key.name, key.type.name());
    append_key(out, "e_type", "edge", "type", "string");
    append_key(out, "e_weight", "edge", "weight", "double");
    for (const auto& key : edge_keys.all()) append_key(out, key.id, "edge", key.name, key.type.name());

    out += "  <graph id=\"G\" edgedefault=\"undirected\">\n";
    out += "    <data key=\"g_title\">" + escaped(document.title) + "</data>\n";
    if (!g.omitted.empty()) {
        std::string omitted;
        for (const auto& sentence : g.omitted) omitted += (omitted.empty() ? "" : "\n") + sentence;
        out += "    <data key=\"g_omitted\">" + escaped(omitted) + "</data>\n";
    }
    for (const auto& node : g.nodes) {
        out += "    <node id=\"" + escaped(node.id) + "\">\n";
        append_data(out, "n_type", node.type);
        append_data(out, "n_label", node.label);
        if (!node.cluster.empty()) {
            append_data(out, "n_cluster", node.cluster);
            // GraphML has no clusters; each member carries its cluster's label for readers.
            for (const auto& cluster : g.clusters)
                if (cluster.id == node.cluster) {
                    append_data(out, "n_cluster_label", cluster.label);
                    break;
                }
        }
        append_attributes(out, node_keys, node.attributes);
        out += "    </node>\n";
    }
    for (const auto& edge : g.edges) {
        out += "    <edge source=\"" + escaped(edge.source) + "\" target=\"" + escaped(edge.target) + "\">\n";
        append_data(out, "e_type", edge.type);
        append_data(out, "e_weight", sdk::number_text(edge.weight));
        append_attributes(out, edge_keys, edge.attributes);
        out += "    </edge>\n";
    }
    out += "  </graph>\n</graphml>\n";
    return out;
}

std::string render(const sdk::Document& document, std::string_view format) {
    if (format != "graphml")
        throw std::invalid_argument("graphml plugin: unknown format '" + std::string(format) + "'");
    if (document.kind == "profile" && document.graph.nodes.empty())
        throw std::invalid_argument("this profile carries no graph to write; use 'bzpeer graph' for one");
    return graph(document);
}

}  // namespace bzpeer::graphml
