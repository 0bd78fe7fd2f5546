// Field mapping shared by the OAI-PMH and bulk snapshot readers: arXiv's own metadata record
// (dates in RFC 2822, space-separated categories and DOIs, TeX in names, author lists as one
// string with parenthesized affiliations) turned into WorkRecord fields.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/sdk/records.hpp"

namespace bzpeer::arxiv {

bool is_space(char c);
std::string_view trim(std::string_view text);
// Appends `text` with each whitespace run turned into one space and none leading; a run at
// the end is only remembered in `pending_space`, so trailing whitespace never lands.
void append_collapsed(std::string& out, std::string_view text, bool& pending_space);
// `text` with whitespace runs collapsed to one space and trimmed.
std::string collapse(std::string_view text);

struct Timestamp {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;  // UTC
};
// "Mon, 2 Apr 2007 19:18:42 GMT" (the weekday, the seconds and the zone are optional; a
// numeric zone such as "+0200" is converted to UTC).
std::optional<Timestamp> parse_rfc2822(std::string_view text);
std::string iso_date(const Timestamp& t);       // 2007-04-02
std::string iso_timestamp(const Timestamp& t);  // 2007-04-02T19:18:42Z
bool is_iso_date(std::string_view text);        // YYYY-MM-DD and nothing else

// "v3" -> 3; nothing for anything else.
std::optional<int> version_number(std::string_view text);

// The record id arXiv's OAI-PMH interface uses, which the snapshot is a dump of.
std::string oai_identifier(std::string_view arxiv_id);

// arXiv's DOI field may hold several DOIs separated by spaces; each becomes an identifier.
void add_dois(std::string_view field, std::vector<sdk::Identifier>& ids);
// Space-separated categories, the first being the primary one.
void set_categories(std::string_view field, sdk::WorkRecord& work);

// True when `text` holds a letter or digit: arXiv author lists carry stray entries such as ":".
bool has_name_characters(std::string_view text);
// TeX-decoded and whitespace-collapsed.
std::string clean_name(std::string_view text);

// An author from split name parts (TeX decoded): name = "Given Family[ Suffix]".
sdk::AuthorRecord make_author(std::string_view given, std::string_view family, std::string_view suffix);

// "1", "1 and 2", "1,3": the affiliation footnote numbers of an author, or nothing.
std::optional<std::vector<int>> footnote_numbers(std::string_view text);

// An author list as arXiv prints it: "A. One (MIT), B. Two and C. Three" or "A. One (1), B.
// Two (1 and 2) ((1) MIT, (2) CERN)". Names are split on top-level commas, semicolons and
// " and "; a parenthesized group after a name is its affiliation, numbered groups are looked
// up in the trailing legend; "et al" goes; a lone suffix ("Jr.") joins the name before it.
// Names and affiliations are TeX decoded.
std::vector<sdk::AuthorRecord> parse_author_list(std::string_view text);
// Only the numbered legend of such a list: {1: "MIT", 2: "CERN"}.
std::map<int, std::string> author_list_legend(std::string_view text);

}  // namespace bzpeer::arxiv
