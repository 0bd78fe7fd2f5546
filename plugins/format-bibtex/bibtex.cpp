#include "bibtex.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <variant>

#include "bzpeer/sdk/tex.hpp"
#include "bzpeer/sdk/utf8.hpp"
#include "bzpeer/sdk/value_text.hpp"

namespace bzpeer::bibtex {
namespace {

using sdk::Value;

const Value* member(const Value& object, std::string_view name) {
    auto* fields = std::get_if<Value::Object>(&object.v);
    if (!fields) return nullptr;
    for (const auto& [key, value] : *fields)
        if (key == name) return &value;
    return nullptr;
}

std::string text_of(const Value& object, std::string_view name) {
    const Value* value = member(object, name);
    return value ? sdk::value_text(*value) : std::string();
}

std::vector<std::string> strings_of(const Value& object, std::string_view name) {
    std::vector<std::string> out;
    const Value* value = member(object, name);
    if (auto* items = value ? std::get_if<Value::Array>(&value->v) : nullptr)
        for (const auto& item : *items) out.push_back(sdk::value_text(item));
    return out;
}

std::string id_of(const Value& work, std::string_view scheme) {
    const Value* ids = member(work, "ids");
    return ids ? text_of(*ids, scheme) : std::string();
}

// The ASCII letters of a Latin letter: its base letter, found by undoing the SDK's TeX accent
// compositions (repeatedly: ệ → ẹ → e), or the letter TeX writes as a control word (ß → ss).
std::string ascii_of(char32_t cp) {
    for (bool undone = true; undone && cp >= 0x80;) {
        undone = false;
        for (const auto& c : sdk::tex::detail::kCompositions)
            if (c.composed == cp) {
                cp = c.base;
                undone = true;
                break;
            }
    }
    if (cp < 0x80) return std::string(1, static_cast<char>(cp));
    if (cp >= 0xC0 && cp <= 0x24F) {  // Latin-1 and Latin Extended letters only, not § or ©
        std::string utf8;
        sdk::tex::detail::append_utf8(utf8, cp);
        for (const auto& letter : sdk::tex::detail::kLetters)
            if (letter.utf8 == utf8) return std::string(letter.macro);
    }
    return {};
}

// Words too common to tell one title from another in a key.
bool is_stop_word(const std::string& word) {
    static const std::set<std::string> stop = {"a",    "an",    "the",   "on",   "of",      "in",     "for",
                                               "and",  "to",    "with",  "from", "by",      "at",     "as",
                                               "is",   "are",   "via",   "into", "towards", "toward", "about",
                                               "over", "under", "using", "its",  "or",      "do",     "does"};
    return stop.count(word) > 0;
}

std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while ((start = text.find_first_not_of(' ', start)) != std::string::npos) {
        auto end = std::min(text.find(' ', start), text.size());
        words.push_back(text.substr(start, end - start));
        start = end;
    }
    return words;
}

// "Zheng, Bo" → Zheng; "Bo Zheng" → Zheng. Particles are not recognised: "Adrian Del Maestro"
// gives "maestro", which is stable, and stability is what a key needs.
std::string family_key(const std::string& name) {
    auto comma = name.find(',');
    auto words = words_of(folded(comma == std::string::npos ? name : name.substr(0, comma)));
    if (words.empty()) return {};
    if (comma == std::string::npos) return words.back();
    std::string joined;  // "Del Maestro, Adrian" → delmaestro
    for (const auto& w : words) joined += w;
    return joined;
}

std::string title_key(const std::string& title) {
    for (const auto& word : words_of(folded(title)))
        if (!is_stop_word(word)) return word;
    return {};
}

std::string base_key(const Value& work) {
    auto authors = strings_of(work, "authors");
    std::string family = authors.empty() ? std::string() : family_key(authors.front());
    std::string key = family.empty() ? "anon" : family;
    key += text_of(work, "year");
    key += title_key(text_of(work, "title"));
    return key;
}

// a, b, …, z, aa, ab, …: as many as a name shared by many works needs.
std::string suffix(std::size_t n) {
    std::string out;
    for (++n; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('a' + (n - 1) % 26));
    return out;
}

struct EntryType {
    std::string name;
    std::string venue_field;  // where the venue goes; empty: nowhere
};

// Crossref's and ORCID's work types; a journal or proceedings entry without its venue would be
// an incomplete entry, so it falls back to @misc with the venue as a note.
EntryType entry_type(const std::string& type, bool has_venue) {
    EntryType t{"misc", "howpublished"};
    if (type == "journal-article") t = {"article", "journal"};
    if (type == "proceedings" || type == "proceedings-article" || type == "conference-paper")
        t = {"inproceedings", "booktitle"};
    if (type == "book-chapter" || type == "book-section") t = {"incollection", "booktitle"};
    if (type == "book" || type == "monograph" || type == "edited-book") t = {"book", "publisher"};
    if (!has_venue && t.name != "book") t = {"misc", ""};
    return t;
}

// Identifiers go out as written (biblatex reads doi and eprint verbatim, so escaping would
// put backslashes into them), minus what would break the entry: braces, backslashes and
// control characters.
std::string verbatim(std::string_view text) {
    std::string out;
    for (char c : sdk::utf8::repaired(text))
        if (c != '{' && c != '}' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) out += c;
    return out;
}

// A URL path keeps its unreserved and sub-delimiter characters; the rest are percent-encoded.
std::string url_path(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool keep =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            std::string_view("-._~:/()+;=,!*'@$").find(static_cast<char>(c)) != std::string_view::npos;
        if (keep) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return out;
}

// A name holding the word "and" would split into two authors; braces keep it one.
std::string author(const std::string& name) {
    std::string text = escaped(name);
    for (const auto& word : words_of(folded(name)))
        if (word == "and") return "{" + text + "}";
    return text;
}

void field(std::string& out, const char* name, const std::string& value) {
    if (value.empty()) return;
    out += "  ";
    out += name;
    out += " = {" + value + "},\n";
}

std::string entry(const Value& work, const std::string& key) {
    const std::string type = text_of(work, "type");
    const std::string venue = text_of(work, "venue");
    const std::string doi = id_of(work, "doi");
    const std::string arxiv = id_of(work, "arxiv");
    auto kind = entry_type(type, !venue.empty());

    std::string out = "@" + kind.name + "{" + key + ",\n";
    std::string authors;
    for (const auto& name : strings_of(work, "authors"))
        authors += (authors.empty() ? "" : " and ") + author(name);
    field(out, "author", authors);
    field(out, "title", title(text_of(work, "title")));
    if (!kind.venue_field.empty()) field(out, kind.venue_field.c_str(), escaped(venue));
    field(out, "year", escaped(text_of(work, "year")));
    field(out, "doi", verbatim(doi));
    if (!arxiv.empty()) {
        // Both spellings: archivePrefix/primaryClass for BibTeX styles, eprinttype for biblatex.
        field(out, "eprint", verbatim(arxiv));
        field(out, "archiveprefix", "arXiv");
        field(out, "eprinttype", "arxiv");
        auto categories = strings_of(work, "categories");
        if (!categories.empty()) field(out, "primaryclass", verbatim(categories.front()));
    }
    if (!doi.empty()) {
        field(out, "url", "https://doi.org/" + url_path(verbatim(doi)));
    } else if (!arxiv.empty()) {
        field(out, "url", "https://arxiv.org/abs/" + url_path(verbatim(arxiv)));
    }
    out += "}\n";
    return out;
}

std::vector<const Value*> works_of(const sdk::Document& document) {
    const Value* list = nullptr;
    if (document.kind == "works") list = &document.data;
    if (document.kind == "profile") list = member(document.data, "works");
    auto* items = list ? std::get_if<Value::Array>(&list->v) : nullptr;
    if (!items)
        throw std::invalid_argument("bibtex: this " + document.kind + " document holds no list of works");
    std::vector<const Value*> works;
    for (const auto& item : *items)
        if (std::holds_alternative<Value::Object>(item.v)) works.push_back(&item);
    return works;
}

}  // namespace

std::string escaped(std::string_view raw) {
    std::string out;
    for (char c : sdk::utf8::repaired(raw)) {
        switch (c) {
            case '#':
            case '$':
            case '%':
            case '&':
            case '_':
                out += '\\';
                out += c;
                break;
            case '~':
                out += "\\textasciitilde{}";
                break;
            case '^':
                out += "\\textasciicircum{}";
                break;
            case '\\':
                out += "\\textbackslash{}";
                break;
            case '{':
                out += "\\textbraceleft{}";
                break;
            case '}':
                out += "\\textbraceright{}";
                break;
            default:
                out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
    }
    return out;
}

std::string title(std::string_view text) {
    std::string out;
    for (const auto& word : words_of(escaped(text))) {
        bool inner_capital =
            std::any_of(word.begin() + 1, word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        if (!out.empty()) out += ' ';
        out += inner_capital ? "{" + word + "}" : word;
    }
    return out;
}

std::string folded(std::string_view raw) {
    std::string text = sdk::utf8::repaired(raw), out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = sdk::tex::detail::utf8_length(std::string_view(text).substr(i));
        char32_t cp = sdk::tex::detail::utf8_decode(std::string_view(text).substr(i), length);
        i += length;
        std::string ascii = ascii_of(cp);
        if (ascii.empty()) ascii = " ";
        for (char c : ascii) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            out += keep ? c : ' ';
        }
    }
    return out;
}

std::vector<std::string> keys(const std::vector<const Value*>& works) {
    std::vector<std::string> base;
    std::map<std::string, int> count;
    for (const auto* work : works) {
        base.push_back(base_key(*work));
        ++count[base.back()];
    }
    std::set<std::string> taken(base.begin(), base.end());
    std::map<std::string, std::size_t> next;  // the next suffix to try for a shared key
    std::vector<std::string> out;
    for (const auto& key : base) {
        if (count[key] == 1) {
            out.push_back(key);
            continue;
        }
        std::string candidate;
        do candidate = key + suffix(next[key]++);
        while (taken.count(candidate));
        taken.insert(candidate);
        out.push_back(candidate);
    }
    return out;
}

std::string entries(const std::vector<const Value*>& works) {
    auto citation_keys = keys(works);
    std::string out;
    for (std::size_t i = 0; i < works.size(); ++i) {
        if (i > 0) out += '\n';
        out += entry(*works[i], citation_keys[i]);
    }
    return out;
}

std::string render(const sdk::Document& document, std::string_view format) {
    if (format != "bibtex" && format != "bib")
        throw std::invalid_argument("bibtex plugin: unknown format '" + std::string(format) + "'");
    return entries(works_of(document));
}

}  // namespace bzpeer::bibtex
