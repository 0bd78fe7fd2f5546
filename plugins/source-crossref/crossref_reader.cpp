#include "crossref_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <iterator>
#include <utility>
#include <vector>

namespace bzpeer::crossref {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// ---- text ----------------------------------------------------------------------------

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// Builds one line of text: runs of whitespace become one space, none at either end.
class LineBuilder {
public:
    void space() { pending_space_ = !out_.empty(); }
    void put(char c) {
        if (is_space(c)) return space();
        if (pending_space_) out_ += ' ';
        pending_space_ = false;
        out_ += c;
    }
    void put(std::string_view text) {
        for (char c : text) put(c);
    }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
    bool pending_space_ = false;
};

std::string collapse_spaces(std::string_view text) {
    LineBuilder line;
    line.put(text);
    return line.take();
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The text an entity at the start of `text` stands for, and its length. Only the XML
// entities and character references: Crossref passes publishers' XML through, and HTML's
// other named entities are not defined there. Anything else is left as written.
std::optional<std::pair<std::string, std::size_t>> decode_entity(std::string_view text) {
    std::size_t semicolon = text.find(';', 1);
    if (semicolon == std::string_view::npos || semicolon > 12) return std::nullopt;
    std::string_view name = text.substr(1, semicolon - 1);
    std::size_t length = semicolon + 1;
    if (name.size() >= 2 && name[0] == '#') {
        bool hex = name[1] == 'x' || name[1] == 'X';
        std::string_view digits = name.substr(hex ? 2 : 1);
        if (digits.empty()) return std::nullopt;
        char32_t cp = 0;
        for (char c : digits) {
            int digit = is_digit(c)                   ? c - '0'
                        : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                      : -1;
            if (digit < 0) return std::nullopt;
            cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(digit);
            if (cp > 0x10FFFF) return std::nullopt;
        }
        // NUL and UTF-16 surrogates are not characters; keep the reference as text.
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
        std::string out;
        append_utf8(out, cp);
        return std::pair{std::move(out), length};
    }
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kNamed{
        {{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}}};
    for (const auto& [entity, replacement] : kNamed) {
        if (name == entity) return std::pair{std::string(replacement), length};
    }
    return std::nullopt;
}

// Elements that separate words. Everything else (italic, sc, sup, sub, styled-content,
// ext-link, MathML, HTML's i/b/scp...) is inline and must not split a word apart.
bool is_block(std::string_view local_name) {
    // clang-format off
    static constexpr std::string_view kBlocks[] = {
        "p", "sec", "title", "list", "list-item", "label", "caption", "def-list", "def", "term",
        "disp-quote", "table", "thead", "tbody", "tr", "td", "th", "fig", "boxed-text", "break", "br",
        "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "abstract", "trans-abstract", "statement"};
    // clang-format on
    return std::find(std::begin(kBlocks), std::end(kBlocks), local_name) != std::end(kBlocks);
}

struct Tag {
    std::size_t length;      // bytes from '<' through '>'
    std::string_view local;  // name without its namespace prefix; empty for comments etc.
    bool closing = false;
    bool self_closing = false;
    std::string_view cdata;  // the text of a CDATA section
};

// The tag at the start of `text` ('<' included), or nothing when the '<' is plain text.
std::optional<Tag> parse_tag(std::string_view text) {
    auto skip_to = [&](std::string_view end, std::size_t from) -> std::optional<std::size_t> {
        std::size_t at = text.find(end, from);
        if (at == std::string_view::npos) return std::nullopt;
        return at + end.size();
    };
    if (text.substr(0, 4) == "<!--") {
        auto end = skip_to("-->", 4);
        if (!end) return std::nullopt;
        return Tag{*end, {}, false, false, {}};
    }
    if (text.substr(0, 9) == "<![CDATA[") {
        auto end = skip_to("]]>", 9);
        if (!end) return std::nullopt;
        return Tag{*end, {}, false, false, text.substr(9, *end - 3 - 9)};
    }
    if (text.substr(0, 2) == "<?") {
        auto end = skip_to("?>", 2);
        if (!end) return std::nullopt;
        return Tag{*end, {}, false, false, {}};
    }
    Tag tag{};
    std::size_t at = 1;
    if (at < text.size() && text[at] == '/') {
        tag.closing = true;
        ++at;
    }
    if (at >= text.size() || !is_alpha(text[at])) return std::nullopt;
    std::size_t name_start = at;
    while (at < text.size() && (is_alpha(text[at]) || is_digit(text[at]) || text[at] == ':' ||
                                text[at] == '-' || text[at] == '_' || text[at] == '.')) {
        ++at;
    }
    std::string_view name = text.substr(name_start, at - name_start);
    if (std::size_t colon = name.rfind(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    // Attributes run to the '>', which may sit inside a quoted value. Anything outside quotes
    // that cannot be part of an attribute means this was text after all ("a<b, c>d").
    if (at < text.size() && !is_space(text[at]) && text[at] != '/' && text[at] != '>') return std::nullopt;
    char quote = 0;
    for (; at < text.size(); ++at) {
        char c = text[at];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (!(is_space(c) || is_alpha(c) || is_digit(c) || c == ':' || c == '-' || c == '_' ||
                     c == '.' || c == '=' || c == '/' || c == '>')) {
            return std::nullopt;
        } else if (c == '>') {
            tag.length = at + 1;
            tag.local = name;
            tag.self_closing = text[at - 1] == '/';
            return tag;
        }
    }
    return std::nullopt;
}

bool is_abstract_heading(std::string_view text) {
    std::string heading = lower(trim(text));
    while (!heading.empty() && (heading.back() == ':' || heading.back() == '.')) heading.pop_back();
    return heading == "abstract" || heading == "summary";
}

// The abstract without its opening heading: skips the elements it opens with and, when the
// first text is a whole element that reads "Abstract" or "Summary", drops through its end.
std::string_view without_heading(std::string_view jats) {
    std::size_t at = 0;
    bool opened = false;
    for (;;) {
        while (at < jats.size() && is_space(jats[at])) ++at;
        if (at >= jats.size() || jats[at] != '<') break;
        auto tag = parse_tag(jats.substr(at));
        if (!tag || tag->closing || tag->local.empty() || tag->self_closing) break;
        at += tag->length;
        opened = true;
    }
    if (!opened) return jats;
    std::size_t text_end = jats.find('<', at);
    if (text_end == std::string_view::npos) return jats;
    auto close = parse_tag(jats.substr(text_end));
    if (!close || !close->closing) return jats;
    if (!is_abstract_heading(markup_to_text(jats.substr(at, text_end - at)))) return jats;
    return jats.substr(text_end + close->length);
}

// ---- JSON access -----------------------------------------------------------------------

const char* type_name(element value) {
    switch (value.type()) {
        case element_type::ARRAY:
            return "an array";
        case element_type::OBJECT:
            return "an object";
        case element_type::INT64:
        case element_type::UINT64:
        case element_type::DOUBLE:
            return "a number";
        case element_type::STRING:
            return "a string";
        case element_type::BOOL:
            return "a boolean";
        case element_type::NULL_VALUE:
            return "null";
    }
    return "an unknown value";
}

// "author 2: \"ORCID\"" or, at the top of a work, "\"ORCID\"".
std::string field_name(std::string_view where, std::string_view key) {
    std::string name = where.empty() ? std::string() : std::string(where) + ": ";
    return name + '"' + std::string(key) + '"';
}

[[noreturn]] void wrong_type(std::string_view field, element value, std::string_view expected) {
    throw FormatError(std::string(field) + " is " + type_name(value) + ", expected " + std::string(expected));
}

// A member; absent and null are the same to Crossref's consumers.
std::optional<element> member(object parent, std::string_view key) {
    element value;
    if (parent.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
    return value;
}

std::optional<std::string_view> string_member(object parent, std::string_view key, std::string_view where) {
    auto value = member(parent, key);
    if (!value) return std::nullopt;
    std::string_view text;
    if (value->get(text) != simdjson::SUCCESS) wrong_type(field_name(where, key), *value, "a string");
    return text;
}

std::optional<array> array_member(object parent, std::string_view key, std::string_view where) {
    auto value = member(parent, key);
    if (!value) return std::nullopt;
    array items;
    if (value->get(items) != simdjson::SUCCESS) wrong_type(field_name(where, key), *value, "an array");
    return items;
}

std::optional<object> object_member(object parent, std::string_view key, std::string_view where) {
    auto value = member(parent, key);
    if (!value) return std::nullopt;
    object fields;
    if (value->get(fields) != simdjson::SUCCESS) wrong_type(field_name(where, key), *value, "an object");
    return fields;
}

std::optional<std::int64_t> count_member(object parent, std::string_view key, std::string_view where) {
    auto value = member(parent, key);
    if (!value) return std::nullopt;
    std::int64_t number;
    if (value->get(number) != simdjson::SUCCESS) wrong_type(field_name(where, key), *value, "an integer");
    return number;
}

// The first non-empty entry of a list of strings such as "title" or "container-title",
// markup reduced to text.
std::string first_text(object parent, std::string_view key) {
    auto items = array_member(parent, key, {});
    if (!items) return {};
    for (element item : *items) {
        if (item.is_null()) continue;
        std::string_view text;
        if (item.get(text) != simdjson::SUCCESS) wrong_type(field_name({}, key) + " entry", item, "a string");
        if (std::string clean = markup_to_text(text); !clean.empty()) return clean;
    }
    return {};
}

// ---- work fields ------------------------------------------------------------------------

// Crossref's partial dates: [[2012, 3, 21]], [[2021, 5]], [[2020]] or, when unknown, [[null]].
std::string date_of(object stamp, std::string_view key) {
    std::string field = field_name({}, key) + " date-parts";
    auto parts = array_member(stamp, "date-parts", field_name({}, key));
    if (!parts) return {};
    element first;
    if (parts->at(0).get(first) != simdjson::SUCCESS || first.is_null()) return {};
    array numbers;
    if (first.get(numbers) != simdjson::SUCCESS) wrong_type(field + " [0]", first, "an array");

    static constexpr std::array<std::pair<std::int64_t, std::int64_t>, 3> kRange{
        {{1, 9999}, {1, 12}, {1, 31}}};
    static constexpr std::array<const char*, 3> kPart{"year", "month", "day"};
    std::string date;
    std::size_t index = 0;
    for (element part : numbers) {
        if (index == kRange.size() || part.is_null()) break;
        std::int64_t number = 0;
        std::string_view digits;
        // A few old deposits carry the numbers as strings.
        if (part.get(digits) == simdjson::SUCCESS && !digits.empty() && digits.size() <= 4 &&
            std::all_of(digits.begin(), digits.end(), is_digit)) {
            for (char c : digits) number = number * 10 + (c - '0');
        } else if (part.get(number) != simdjson::SUCCESS) {
            wrong_type(field + " " + kPart[index], part, "an integer");
        }
        if (number < kRange[index].first || number > kRange[index].second) {
            throw FormatError(field + " has " + kPart[index] + " " + std::to_string(number) +
                              ", out of range");
        }
        char text[8];
        std::snprintf(text, sizeof text, index == 0 ? "%04lld" : "-%02lld", static_cast<long long>(number));
        date += text;
        ++index;
    }
    return date;
}

// `issued` is Crossref's own choice of the publication date (the earlier of print and
// online). The others stand in only when it is absent: when it is present but [[null]],
// Crossref does not know the date, and `created` (when the DOI was registered) would be
// a guess presented as a fact.
std::string publication_date(object work) {
    for (std::string_view key : {"issued", "published-print", "published-online", "created"}) {
        if (auto date = object_member(work, key, {})) return date_of(*date, key);
    }
    return {};
}

std::string join_title(std::string title, std::string_view subtitle) {
    if (subtitle.empty() || title.empty()) return title;
    // Some publishers deposit "Title: Subtitle" as the title and the subtitle again.
    if (title.size() >= subtitle.size() &&
        lower(title.substr(title.size() - subtitle.size())) == lower(subtitle)) {
        return title;
    }
    char last = title.back();
    title += (last == ':' || last == '?' || last == '!' || last == '.') ? " " : ": ";
    title += subtitle;
    return title;
}

std::optional<sdk::AuthorRecord> author_of(element value, std::size_t number) {
    std::string where = "author " + std::to_string(number);
    object fields;
    if (value.get(fields) != simdjson::SUCCESS) wrong_type(where, value, "an object");

    auto text_of = [&](std::string_view key) {
        auto raw = string_member(fields, key, where);
        return raw ? markup_to_text(*raw) : std::string();
    };
    sdk::AuthorRecord author;
    author.given = text_of("given");
    author.family = text_of("family");
    if (!author.given.empty() || !author.family.empty()) {
        author.name = author.given;
        if (!author.name.empty() && !author.family.empty()) author.name += ' ';
        author.name += author.family;
        if (std::string suffix = text_of("suffix"); !suffix.empty()) author.name += ' ' + suffix;
    } else {
        // Organizations and consortia come as a single "name".
        author.name = text_of("name");
    }
    if (author.name.empty()) return std::nullopt;

    if (auto affiliations = array_member(fields, "affiliation", where)) {
        std::size_t index = 0;
        for (element entry : *affiliations) {
            ++index;
            object affiliation;
            if (entry.get(affiliation) != simdjson::SUCCESS) {
                wrong_type(where + ": affiliation " + std::to_string(index), entry, "an object");
            }
            auto name = string_member(affiliation, "name", where + ": affiliation " + std::to_string(index));
            if (std::string clean = name ? markup_to_text(*name) : std::string(); !clean.empty()) {
                author.affiliations.push_back(std::move(clean));
            }
        }
    }
    if (auto orcid = string_member(fields, "ORCID", where)) author.orcid = std::string(trim(*orcid));
    if (auto flag = member(fields, "authenticated-orcid")) {
        if (flag->get(author.orcid_authenticated) != simdjson::SUCCESS) {
            wrong_type(field_name(where, "authenticated-orcid"), *flag, "a boolean");
        }
    }
    return author;
}

void add_relations(object relations, std::vector<sdk::Relation>& out) {
    for (auto [key, value] : relations) {
        std::string where = "relation " + std::string(key);
        auto add = [&](element entry) {
            object fields;
            if (entry.get(fields) != simdjson::SUCCESS) wrong_type(where + " entry", entry, "an object");
            auto scheme = string_member(fields, "id-type", where);
            auto id = string_member(fields, "id", where);
            // An entry that does not say what it points at cannot link anything.
            if (!scheme || !id || trim(*scheme).empty() || trim(*id).empty()) return;
            out.push_back({std::string(key), {lower(trim(*scheme)), std::string(trim(*id))}});
        };
        array entries;
        if (value.get(entries) == simdjson::SUCCESS) {
            for (element entry : entries) add(entry);
        } else if (!value.is_null()) {
            add(value);
        }
    }
}

// ---- responses --------------------------------------------------------------------------

std::optional<std::string> doi_of(element work) {
    object fields;
    std::string_view doi;
    if (work.get(fields) != simdjson::SUCCESS || fields["DOI"].get(doi) != simdjson::SUCCESS)
        return std::nullopt;
    return std::string(trim(doi));
}

std::string item_label(std::string label, element work) {
    if (auto doi = doi_of(work); doi && !doi->empty()) label += " (DOI " + *doi + ")";
    return label;
}

// Crossref's error bodies: {"status":"failed","message-type":"validation-failure",
// "message":[{"type":..,"value":..,"message":..}]} for bad requests, and
// {"status":"error","message-type":"exception","message":{"name":..,"message":..}} when the
// service itself fails.
sdk::Status crossref_error(object root, std::optional<std::string_view> message_type) {
    std::string text = "Crossref error";
    if (message_type && !message_type->empty()) text += " (" + std::string(*message_type) + ")";
    std::vector<std::string> details;
    auto describe = [&](element entry) {
        std::string_view plain;
        object fields;
        if (entry.get(plain) == simdjson::SUCCESS) {
            details.push_back(collapse_spaces(plain));
        } else if (entry.get(fields) == simdjson::SUCCESS) {
            auto field = [&](std::string_view key) {
                std::string_view value;
                return fields[key].get(value) == simdjson::SUCCESS ? collapse_spaces(value) : std::string();
            };
            std::string detail = field("message");
            if (detail.empty()) detail = field("description");
            std::string type = field("type");
            if (type.empty()) type = field("name");
            std::string value = field("value");
            std::string context = type;
            if (!value.empty()) context += (context.empty() ? "" : ": ") + value;
            if (detail.empty()) {
                detail = context;
            } else if (!context.empty()) {
                detail += " (" + context + ")";
            }
            if (!detail.empty()) details.push_back(std::move(detail));
        }
    };
    if (auto message = member(root, "message")) {
        array entries;
        if (message->get(entries) == simdjson::SUCCESS) {
            for (element entry : entries) describe(entry);
        } else {
            describe(*message);
        }
    }
    if (details.empty()) return sdk::Status::error(text + ", with no message");
    text += ": ";
    for (std::size_t i = 0; i < details.size(); ++i) text += (i ? "; " : "") + details[i];
    return sdk::Status::error(std::move(text));
}

// Where a document that simdjson rejected goes wrong, found by matching brackets outside
// strings (simdjson's DOM parser reports what went wrong, never where). Truncation, the
// common case for a broken download, shows up as an input ending inside a string or with
// brackets still open.
std::string malformed(std::string_view json, simdjson::error_code error) {
    std::vector<std::size_t> open;  // offsets of the unclosed '{' and '['
    constexpr std::size_t kNone = std::string_view::npos;
    std::size_t string_start = kNone;  // offset of the open string's quote
    for (std::size_t at = 0; at < json.size(); ++at) {
        char c = json[at];
        if (string_start != kNone) {
            if (c == '\\') {
                ++at;
            } else if (c == '"') {
                string_start = kNone;
            }
        } else if (c == '"') {
            string_start = at;
        } else if (c == '{' || c == '[') {
            open.push_back(at);
        } else if (c == '}' || c == ']') {
            char expected = c == '}' ? '{' : '[';
            if (open.empty()) {
                return "malformed JSON at byte " + std::to_string(at) + ": '" + c + "' closes nothing";
            }
            if (json[open.back()] != expected) {
                return "malformed JSON at byte " + std::to_string(at) + ": '" + c + "' closes the '" +
                       json[open.back()] + "' opened at byte " + std::to_string(open.back());
            }
            open.pop_back();
        }
    }
    std::string ends = "truncated JSON: the input ends after " + std::to_string(json.size()) + " bytes";
    if (string_start != kNone)
        return ends + " inside a string that starts at byte " + std::to_string(string_start);
    if (!open.empty()) {
        return ends + " inside " + (json[open.back()] == '{' ? "an object" : "an array") +
               " opened at byte " + std::to_string(open.back());
    }
    return std::string("malformed JSON: ") + simdjson::error_message(error);
}

std::string_view first_line(std::string_view text) {
    text = trim(text);
    text = text.substr(0, text.find_first_of("\r\n"));
    return text;
}

}  // namespace

std::string markup_to_text(std::string_view markup) {
    LineBuilder line;
    for (std::size_t at = 0; at < markup.size();) {
        char c = markup[at];
        if (c == '<') {
            if (auto tag = parse_tag(markup.substr(at))) {
                if (!tag->cdata.empty()) {
                    line.put(tag->cdata);
                } else if (is_block(tag->local)) {
                    line.space();
                }
                at += tag->length;
                continue;
            }
        } else if (c == '&') {
            if (auto entity = decode_entity(markup.substr(at))) {
                line.put(entity->first);
                at += entity->second;
                continue;
            }
        }
        line.put(c);
        ++at;
    }
    return line.take();
}

std::string abstract_to_text(std::string_view jats) { return markup_to_text(without_heading(jats)); }

std::string describe_malformed(std::string_view json, simdjson::error_code error) {
    return malformed(json, error);
}

sdk::WorkRecord translate_work(element value) {
    object work;
    if (value.get(work) != simdjson::SUCCESS) wrong_type("the work", value, "an object");

    sdk::WorkRecord record;
    auto doi = string_member(work, "DOI", {});
    if (!doi || trim(*doi).empty()) throw FormatError("missing \"DOI\"");
    record.ids.push_back({"doi", std::string(trim(*doi))});
    record.source_id = "https://doi.org/" + record.ids.front().value;

    record.title = join_title(first_text(work, "title"), first_text(work, "subtitle"));
    if (auto abstract = string_member(work, "abstract", {})) record.abstract = abstract_to_text(*abstract);
    if (auto type = string_member(work, "type", {})) record.type = std::string(trim(*type));
    record.date = publication_date(work);
    // `deposited` moves only when the publisher changes the metadata; `indexed` moves on
    // every reindex and would make an unchanged work look updated.
    if (auto deposited = object_member(work, "deposited", {})) {
        if (auto stamp = string_member(*deposited, "date-time", "\"deposited\"")) record.updated = *stamp;
    }
    record.venue = first_text(work, "container-title");

    if (auto authors = array_member(work, "author", {})) {
        std::size_t number = 0;
        for (element author : *authors) {
            if (auto parsed = author_of(author, ++number)) record.authors.push_back(std::move(*parsed));
        }
    }
    if (auto relations = object_member(work, "relation", {})) add_relations(*relations, record.relations);
    return record;
}

sdk::Status Reader::read(std::string_view json, sdk::RecordSink& sink, ListInfo* info) {
    ListInfo local;
    ListInfo& out = info ? *info : local;
    out = ListInfo{};

    // A UTF-8 byte order mark is not JSON; editors add one to saved responses.
    std::size_t skip = json.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    std::string_view body = json.substr(skip);
    if (trim(body).empty()) return sdk::Status::error("empty input: expected a Crossref JSON response");

    // simdjson reads up to SIMDJSON_PADDING bytes past the end, so they must exist and be
    // initialized; the buffer keeps its capacity across reads.
    buffer_.assign(body);
    buffer_.append(simdjson::SIMDJSON_PADDING, ' ');
    element root;
    if (auto error = parser_.parse(buffer_.data(), body.size(), false).get(root)) {
        char first = trim(body).front();
        if (first != '{' && first != '[') {
            // Crossref answers an unknown DOI with a plain-text 404 body.
            std::string_view line = first_line(body);
            std::string shown(line.substr(0, 120));
            if (line.size() > shown.size()) shown += "...";
            return sdk::Status::error("not a Crossref JSON response: " + shown);
        }
        std::string message = malformed(body, error);
        if (skip) message += " (after a 3-byte byte order mark)";
        return sdk::Status::error(std::move(message));
    }

    object envelope;
    if (root.get(envelope) != simdjson::SUCCESS) {
        return sdk::Status::error(std::string("not a Crossref message: the JSON value is ") +
                                  type_name(root) +
                                  ", expected an object with \"status\", \"message-type\" and \"message\"");
    }

    // Errors in the envelope are reported as the message's, not an item's.
    std::vector<std::pair<element, std::string>> works;  // each work and its label
    try {
        auto status = string_member(envelope, "status", "Crossref message");
        auto message_type = string_member(envelope, "message-type", "Crossref message");
        if (!status && !message_type) {
            return sdk::Status::error(
                "not a Crossref message: the JSON object has no \"status\" or \"message-type\"");
        }
        if (status && *status != "ok") return crossref_error(envelope, message_type);
        if (!message_type) return sdk::Status::error("not a Crossref message: no \"message-type\"");

        if (*message_type == "work") {
            element message;
            if (envelope["message"].get(message) != simdjson::SUCCESS) {
                return sdk::Status::error("Crossref work message without a \"message\"");
            }
            works.emplace_back(message, item_label("work", message));
            out.items = 1;
        } else if (*message_type == "work-list") {
            auto message = object_member(envelope, "message", "Crossref message");
            if (!message) return sdk::Status::error("Crossref work-list message without a \"message\"");
            out.total_results = count_member(*message, "total-results", "work-list");
            out.items_per_page = count_member(*message, "items-per-page", "work-list");
            if (auto cursor = string_member(*message, "next-cursor", "work-list")) out.next_cursor = *cursor;
            auto items = array_member(*message, "items", "work-list");
            if (!items) return sdk::Status::error("Crossref work-list message without \"items\"");
            std::size_t number = 0;
            for (element item : *items)
                works.emplace_back(item, item_label("item " + std::to_string(++number), item));
            out.items = works.size();
        } else {
            return sdk::Status::error("unsupported Crossref message type \"" + std::string(*message_type) +
                                      "\": expected \"work\" or \"work-list\"");
        }
    } catch (const FormatError& e) {
        return sdk::Status::error(e.what());
    }

    // Every work is translated before the first is emitted, so a bad item fails the whole
    // response and no part of it reaches the sink.
    std::vector<sdk::WorkRecord> records;
    records.reserve(works.size());
    for (auto& [work, label] : works) {
        try {
            sdk::WorkRecord record = translate_work(work);
            if (record.title.empty()) {
                ++out.skipped_untitled;
                continue;
            }
            records.push_back(std::move(record));
        } catch (const FormatError& e) {
            return sdk::Status::error(label + ": " + e.what());
        }
    }
    for (sdk::WorkRecord& record : records) {
        if (auto status = sink.work(std::move(record)); !status) return status;
    }
    return sdk::Status::success();
}

sdk::Status read_crossref(std::string_view json, sdk::RecordSink& sink, ListInfo* info) {
    Reader reader;
    return reader.read(json, sink, info);
}

}  // namespace bzpeer::crossref
