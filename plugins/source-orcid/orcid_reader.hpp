// Reads ORCID v3.0 API documents, JSON or XML, into one PersonRecord each: a full record
// (/record), a person (/person), a works list (/works), a single work (/work/{put-code}),
// affiliation lists (/employments, /educations, /qualifications), a single affiliation, or
// the activities summary (/activities). XML elements are matched by namespace URI and local
// name, never by prefix.
#pragma once

#include <string_view>

#include "bzpeer/sdk/plugin.hpp"

namespace bzpeer::orcid {

// Parses one document and hands the person it describes to `sink.person()`; the sink's
// status is returned unchanged. The format is told by the first non-space byte ('{' JSON,
// '<' XML). Fails with a one-line message on ORCID error responses (with ORCID's developer
// message), on search results (listing the ORCID iDs found), on malformed or truncated
// input (with the byte offset when known), on documents of another kind, and when no ORCID
// iD can be found in the document.
sdk::Status read_orcid(std::string_view payload, sdk::RecordSink& sink);

}  // namespace bzpeer::orcid
