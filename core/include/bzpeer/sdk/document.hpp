// What format plugins render. A document has two faces: `blocks` for people (markdown,
// terminal text) and `data` for programs (json). Builders in the core fill both.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace bzpeer::sdk {

// A JSON-shaped value; objects keep their key order.
struct Value {
    using Array = std::vector<Value>;
    using Object = std::vector<std::pair<std::string, Value>>;
    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> v;

    Value() : v(nullptr) {}
    Value(std::nullptr_t) : v(nullptr) {}
    Value(bool b) : v(b) {}
    Value(int i) : v(std::int64_t{i}) {}
    Value(std::int64_t i) : v(i) {}
    Value(double d) : v(d) {}
    Value(const char* s) : v(std::string(s)) {}
    Value(std::string s) : v(std::move(s)) {}
    Value(Array a) : v(std::move(a)) {}
    Value(Object o) : v(std::move(o)) {}

    static Value array() { return Value(Array{}); }
    static Value object() { return Value(Object{}); }

    // Appends to an array value.
    Value& push(Value item) {
        auto& a = std::get<Array>(v);
        a.push_back(std::move(item));
        return a.back();
    }
    // Appends a key to an object value.
    Value& set(std::string key, Value item) {
        auto& o = std::get<Object>(v);
        o.emplace_back(std::move(key), std::move(item));
        return o.back().second;
    }
};

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
};

struct Block {
    enum class Type { heading, paragraph, fields, list, table };
    Type type = Type::paragraph;
    int level = 1;                                            // heading
    std::string text;                                         // heading, paragraph
    std::vector<std::pair<std::string, std::string>> fields;  // fields: label, value
    std::vector<std::string> items;                           // list
    Table table;                                              // table
};

// A graph of the research record: typed nodes with stable ids, weighted edges, and
// clusters (the people behind one printed name, each drawn apart).
struct GraphNode {
    std::string id;            // "p:12", "w:40", "topic:cs.LG", "inst:3"
    std::string type;          // "person", "work", "topic", "institution"
    std::string label;         // what a reader sees: a name, a title, a topic's name
    std::string cluster;       // the id of the GraphCluster it is drawn in; empty: none
    Value::Object attributes;  // typed values: integers, reals, strings, booleans
};

struct GraphEdge {
    std::string source, target;  // node ids
    std::string type;            // "coauthor", "authored", "topic", "affiliation"
    double weight = 1;           // joint works; works on the topic; years at the institution
    Value::Object attributes;
};

struct GraphCluster {
    std::string id;  // "cluster:p:12"
    std::string label;
};

struct Graph {
    std::vector<GraphCluster> clusters;
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
    std::vector<std::string> omitted;  // what a limit left out, one sentence each
};

// Kinds: "table" (one table), "works" (a table of works, data an array of work objects),
// "report" (sections), "profile" (a person: sections, data.works, and their graph), "graph".
struct Document {
    std::string kind;
    std::string title;
    std::vector<Block> blocks;
    Value data;
    Graph graph;  // kind "graph" and "profile"
};

}  // namespace bzpeer::sdk
