// Reads arXiv API responses (Atom 1.0 with arXiv and OpenSearch extensions) into
// WorkRecords. Both the legacy layout (namespaces declared on each extension element) and
// the current one (all namespaces on <feed>) are handled: elements are matched by namespace
// URI, never by prefix.
#pragma once

#include <cstdint>
#include <optional>
#include <pugixml.hpp>
#include <string_view>

#include "bzpeer/sdk/plugin.hpp"

namespace bzpeer::arxiv {

// The OpenSearch paging numbers of a feed, for callers that page through a query.
struct FeedInfo {
    std::optional<std::int64_t> total_results;
    std::optional<std::int64_t> start_index;
    std::optional<std::int64_t> items_per_page;
};

// Parses one API response and hands every entry to `sink`, in feed order. Fails on
// malformed XML, on a root that is not an Atom <feed>, on an arXiv error feed (with
// arXiv's message), and on an entry lacking its id or title (naming the entry number).
// A sink error stops the read and is returned unchanged. `info`, when given, receives the
// feed's paging numbers.
sdk::Status read_atom(std::string_view xml, sdk::RecordSink& sink, FeedInfo* info = nullptr);

// The same, for a document already parsed: `feed` is its root element.
sdk::Status read_atom_feed(pugi::xml_node feed, sdk::RecordSink& sink, FeedInfo* info = nullptr);
// True when `root` is an Atom <feed> (by namespace URI).
bool is_atom_feed(pugi::xml_node root);

}  // namespace bzpeer::arxiv
