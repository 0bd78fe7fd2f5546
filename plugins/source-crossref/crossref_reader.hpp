// Reads Crossref REST API responses (https://api.crossref.org/works...) into WorkRecords:
// a single-work message, a work-list message (one page of a query, with its cursor), or
// one of Crossref's error bodies, which become error statuses carrying Crossref's text.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "bzpeer/sdk/plugin.hpp"

namespace bzpeer::crossref {

// What a response says about itself besides its works, for callers that page through a
// query and for the import summary.
struct ListInfo {
    std::optional<std::int64_t> total_results;   // work-list only
    std::optional<std::int64_t> items_per_page;  // work-list only
    std::optional<std::string> next_cursor;      // present when the request used cursor=
    // Works in the message, titled or not: 1 for a work message, the length of `items` for a
    // work-list. A cursor query ends on a page with none.
    std::size_t items = 0;
    // Works with no title (or only empty ones): the core cannot store a work without a
    // title, so they are left out rather than failing the whole page.
    std::size_t skipped_untitled = 0;
};

// A field of a work that does not have the shape Crossref documents. what() names the
// field ("author 2: \"ORCID\" is a number, expected a string"); the reader adds the item.
class FormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Translates one Crossref work object (the `message` of a work message, one of `items`,
// or one line of a JSON-lines dump) into a record. Throws FormatError on a missing DOI or a
// field of the wrong type. An untitled work comes back with an empty title: deciding to
// skip it is the caller's business.
sdk::WorkRecord translate_work(simdjson::dom::element work);

// Reduces the markup Crossref passes through in abstracts (JATS: <jats:p>, <jats:title>,
// <jats:italic>, ...) and titles (HTML-ish <i>, <scp>, <sub>) to one line of plain text:
// tags removed (block elements leave a space, inline ones nothing, so "H<sub>2</sub>O"
// stays one word), the XML entities and numeric character references decoded, whitespace
// collapsed. A '<' that does not open a tag ("p < 0.05") is kept as text.
std::string markup_to_text(std::string_view markup);

// markup_to_text for an abstract, without the heading many publishers open it with
// (<jats:title>Abstract</jats:title>, "Summary", "ABSTRACT"), which is not part of it.
std::string abstract_to_text(std::string_view jats);

// Says where a document simdjson rejected goes wrong ("truncated JSON: the input ends after
// 812 bytes inside a string that starts at byte 700", "malformed JSON at byte 12: ..."),
// with byte offsets into `json`.
std::string describe_malformed(std::string_view json, simdjson::error_code error);

// Reads one response. Holds the simdjson parser and an input buffer so that a plugin
// object reading many pages reuses their memory. Not for concurrent use.
class Reader {
public:
    // Hands every titled work to `sink` in response order. Fails, before any record is
    // emitted, on input that is not JSON (Crossref's plain-text 404 "Resource not found."),
    // malformed or truncated JSON, JSON that is not a Crossref message, and Crossref's error
    // messages; fails on a work with a missing DOI or a mistyped field, naming the item. A
    // sink error stops the read and is returned unchanged. `info`, when given, is filled in
    // before the first record.
    sdk::Status read(std::string_view json, sdk::RecordSink& sink, ListInfo* info = nullptr);

private:
    simdjson::dom::parser parser_;
    std::string buffer_;  // the input plus the padding simdjson reads past its end
};

// Reader::read with a reader of its own, for one-off reads.
sdk::Status read_crossref(std::string_view json, sdk::RecordSink& sink, ListInfo* info = nullptr);

}  // namespace bzpeer::crossref
