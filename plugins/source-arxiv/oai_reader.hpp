// Reads arXiv's OAI-PMH responses (GetRecord or ListRecords, in the arXiv or arXivRaw metadata
// format) into WorkRecords. Deleted records are counted and skipped; noRecordsMatch is an
// empty answer, any other OAI error an error with arXiv's code and text.
#pragma once

#include <cstdint>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "bzpeer/sdk/plugin.hpp"

namespace bzpeer::arxiv {

inline constexpr std::string_view kOaiNs = "http://www.openarchives.org/OAI/2.0/";

struct OaiInfo {
    std::string verb;              // GetRecord or ListRecords
    std::string resumption_token;  // empty when the list is complete
    std::optional<std::int64_t> complete_list_size;
    std::optional<std::int64_t> cursor;
    std::size_t records = 0;  // records handed to the sink
    std::size_t deleted = 0;  // records marked deleted, skipped
    std::string error_code;   // an OAI error that still means success: noRecordsMatch
    std::string error_message;
};

// Parses one response and hands every live record to `sink`, in document order. Fails on
// malformed XML, on a root that is not <OAI-PMH>, on an OAI error other than noRecordsMatch
// ("OAI-PMH error CODE: text"), on an unknown metadata format, and on a record lacking its
// id or title (naming the record number and OAI identifier). A sink error is returned
// unchanged. `info`, when given, receives the paging state and counts.
sdk::Status read_oai(std::string_view xml, sdk::RecordSink& sink, OaiInfo* info = nullptr);

// The same, for a document already parsed: `root` is its root element.
sdk::Status read_oai_document(pugi::xml_node root, sdk::RecordSink& sink, OaiInfo* info = nullptr);
// True when `root` is <OAI-PMH> in the OAI-PMH 2.0 namespace.
bool is_oai_document(pugi::xml_node root);

}  // namespace bzpeer::arxiv
