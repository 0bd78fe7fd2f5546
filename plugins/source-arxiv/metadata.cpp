#include "metadata.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "bzpeer/sdk/tex.hpp"

namespace bzpeer::arxiv {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::vector<std::string_view> split_spaces(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_space(text[i])) ++i;
        std::size_t end = i;
        while (end < text.size() && !is_space(text[end])) ++end;
        if (end > i) words.push_back(text.substr(i, end - i));
        i = end;
    }
    return words;
}

std::optional<int> parse_int(std::string_view text) {
    int value = 0;
    if (text.empty() || !std::all_of(text.begin(), text.end(), is_digit)) return std::nullopt;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<int> month_number(std::string_view word) {
    static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                   "jul", "aug", "sep", "oct", "nov", "dec"};
    if (word.size() < 3) return std::nullopt;
    char prefix[3] = {lower(word[0]), lower(word[1]), lower(word[2])};
    for (int i = 0; i < 12; ++i) {
        if (kMonths[i] == std::string_view(prefix, 3)) return i + 1;
    }
    return std::nullopt;
}

// Minutes east of UTC for an RFC 2822 zone; unknown letters count as UTC, as RFC 2822 says of
// the obsolete military zones.
std::optional<int> zone_offset_minutes(std::string_view zone) {
    if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-')) {
        auto hours = parse_int(zone.substr(1, 2));
        auto minutes = parse_int(zone.substr(3, 2));
        if (!hours || !minutes || *minutes >= 60) return std::nullopt;
        int offset = *hours * 60 + *minutes;
        return zone[0] == '-' ? -offset : offset;
    }
    if (zone.empty() || !std::all_of(zone.begin(), zone.end(), is_alpha)) return std::nullopt;
    static constexpr std::pair<std::string_view, int> kZones[] = {
        {"EST", -5 * 60}, {"EDT", -4 * 60}, {"CST", -6 * 60}, {"CDT", -5 * 60},
        {"MST", -7 * 60}, {"MDT", -6 * 60}, {"PST", -8 * 60}, {"PDT", -7 * 60}};
    for (const auto& [name, offset] : kZones) {
        if (zone == name) return offset;
    }
    return 0;
}

std::string two_digits(int value) {
    std::string text = std::to_string(value);
    return value < 10 ? "0" + text : text;
}

bool is_suffix(std::string_view name) {
    static constexpr std::string_view kSuffixes[] = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"};
    return std::find(std::begin(kSuffixes), std::end(kSuffixes), name) != std::end(kSuffixes);
}

bool is_et_al(std::string_view name) {
    std::string folded;
    for (char c : name) {
        if (c != '.' && c != ' ') folded.push_back(lower(c));
    }
    return folded == "etal" || folded == "others" || folded == "andothers";
}

// "(1) MIT, (2) CERN" -> {1: "MIT", 2: "CERN"}.
void parse_legend(std::string_view text, std::map<int, std::string>& legend) {
    struct Marker {
        int number;
        std::size_t start, text_start;
    };
    std::vector<Marker> markers;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '(') continue;
        std::size_t end = i + 1;
        while (end < text.size() && is_digit(text[end])) ++end;
        if (end == i + 1 || end >= text.size() || text[end] != ')') continue;
        if (auto number = parse_int(text.substr(i + 1, end - i - 1)))
            markers.push_back({*number, i, end + 1});
        i = end;
    }
    for (std::size_t m = 0; m < markers.size(); ++m) {
        std::size_t end = m + 1 < markers.size() ? markers[m + 1].start : text.size();
        std::string_view entry = trim(text.substr(markers[m].text_start, end - markers[m].text_start));
        while (!entry.empty() && (entry.back() == ',' || entry.back() == ';' || is_space(entry.back()))) {
            entry.remove_suffix(1);
        }
        if (!entry.empty()) legend.emplace(markers[m].number, clean_name(entry));
    }
}

struct ListEntry {
    std::string name;
    std::vector<std::string> affiliations;
    std::vector<int> footnotes;
};

struct AuthorList {
    std::vector<ListEntry> entries;
    std::map<int, std::string> legend;
};

// Splits on commas, semicolons and " and " outside parentheses and braces. A backslash keeps
// the character after it (a TeX accent or escape) in the current piece.
std::vector<std::string_view> split_top_level(std::string_view text) {
    std::vector<std::string_view> pieces;
    int parens = 0, braces = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\') {
            ++i;
        } else if (c == '(') {
            ++parens;
        } else if (c == ')') {
            if (parens > 0) --parens;
        } else if (c == '{') {
            ++braces;
        } else if (c == '}') {
            if (braces > 0) --braces;
        } else if (parens == 0 && braces == 0) {
            if (c == ',' || c == ';') {
                pieces.push_back(text.substr(start, i - start));
                start = i + 1;
            } else if (text.substr(i).starts_with(" and ")) {
                pieces.push_back(text.substr(start, i - start));
                start = i + 5;
                i += 3;
            }
        }
    }
    pieces.push_back(text.substr(start));
    return pieces;
}

AuthorList scan_author_list(std::string_view raw) {
    AuthorList list;
    std::string text = collapse(raw);
    for (std::string_view piece : split_top_level(text)) {
        ListEntry entry;
        std::vector<std::string_view> groups;
        int depth = 0;
        std::size_t group_start = 0;
        for (std::size_t i = 0; i < piece.size(); ++i) {
            char c = piece[i];
            if (c == '\\' && i + 1 < piece.size()) {
                if (depth == 0) entry.name.append(piece.substr(i, 2));
                ++i;
            } else if (c == '(') {
                if (depth++ == 0) group_start = i + 1;
            } else if (c == ')' && depth > 0) {
                if (--depth == 0) groups.push_back(piece.substr(group_start, i - group_start));
            } else if (depth == 0) {
                entry.name.push_back(c);
            }
        }
        if (depth > 0) groups.push_back(piece.substr(group_start));  // an unclosed group

        for (std::string_view group : groups) {
            group = trim(group);
            if (group.starts_with('(')) {
                parse_legend(group, list.legend);
            } else if (auto numbers = footnote_numbers(group)) {
                entry.footnotes.insert(entry.footnotes.end(), numbers->begin(), numbers->end());
            } else if (std::string affiliation = clean_name(group); !affiliation.empty()) {
                entry.affiliations.push_back(std::move(affiliation));
            }
        }
        entry.name = clean_name(entry.name);
        if (!has_name_characters(entry.name) || is_et_al(entry.name)) continue;
        if (is_suffix(entry.name) && !list.entries.empty()) {
            list.entries.back().name += " " + entry.name;
            continue;
        }
        list.entries.push_back(std::move(entry));
    }
    return list;
}

}  // namespace

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

void append_collapsed(std::string& out, std::string_view text, bool& pending_space) {
    // Titles and abstracts are most of a snapshot's bytes, so text is copied in runs: visible
    // characters with single spaces between them go in one append; only the other white
    // space (line breaks, tabs, doubled spaces, the edges) is looked at byte by byte.
    const char* const bytes = text.data();
    const std::size_t size = text.size();
    out.reserve(out.size() + size + 1);
    std::size_t i = 0;
    while (i < size) {
        if (is_space(bytes[i])) {
            pending_space = !out.empty();
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        while (end < size) {
            auto c = static_cast<unsigned char>(bytes[end]);
            if (c > ' ' || !is_space(static_cast<char>(c))) {
                ++end;
            } else if (c == ' ' && end + 1 < size && !is_space(bytes[end + 1])) {
                end += 2;
            } else {
                break;
            }
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.append(bytes + i, end - i);
        i = end;
    }
}

std::string collapse(std::string_view text) {
    std::string out;
    bool pending_space = false;
    append_collapsed(out, text, pending_space);
    return out;
}

std::optional<Timestamp> parse_rfc2822(std::string_view text) {
    std::vector<std::string_view> words = split_spaces(text);
    std::size_t at = 0;
    if (at < words.size() && is_alpha(words[at].front())) ++at;  // the weekday, "Mon,"
    if (words.size() - at < 3) return std::nullopt;
    auto day = parse_int(words[at]);
    auto month = month_number(words[at + 1]);
    auto year = parse_int(words[at + 2]);
    if (!day || !month || !year || words[at + 2].size() != 4) return std::nullopt;
    at += 3;

    int hour = 0, minute = 0, second = 0;
    if (at < words.size()) {
        std::string_view time = words[at++];
        std::vector<int> parts;
        while (!time.empty()) {
            std::size_t colon = time.find(':');
            auto part = parse_int(time.substr(0, colon));
            if (!part) return std::nullopt;
            parts.push_back(*part);
            time = colon == std::string_view::npos ? std::string_view{} : time.substr(colon + 1);
        }
        if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
        hour = parts[0];
        minute = parts[1];
        second = parts.size() == 3 ? parts[2] : 0;
        if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    }
    int offset = 0;
    if (at < words.size()) {
        auto zone = zone_offset_minutes(words[at++]);
        if (!zone) return std::nullopt;
        offset = *zone;
    }
    if (at != words.size()) return std::nullopt;

    using namespace std::chrono;
    year_month_day date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                        std::chrono::day{static_cast<unsigned>(*day)}};
    if (!date.ok()) return std::nullopt;
    sys_seconds utc = sys_days{date} + hours{hour} + minutes{minute - offset} + seconds{second};
    sys_days utc_day = floor<days>(utc);
    year_month_day out{utc_day};
    hh_mm_ss clock{utc - utc_day};
    return Timestamp{static_cast<int>(out.year()),
                     static_cast<int>(static_cast<unsigned>(out.month())),
                     static_cast<int>(static_cast<unsigned>(out.day())),
                     static_cast<int>(clock.hours().count()),
                     static_cast<int>(clock.minutes().count()),
                     static_cast<int>(clock.seconds().count())};
}

std::string iso_date(const Timestamp& t) {
    return std::to_string(t.year) + "-" + two_digits(t.month) + "-" + two_digits(t.day);
}

std::string iso_timestamp(const Timestamp& t) {
    return iso_date(t) + "T" + two_digits(t.hour) + ":" + two_digits(t.minute) + ":" + two_digits(t.second) +
           "Z";
}

bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    auto year = parse_int(text.substr(0, 4));
    auto month = parse_int(text.substr(5, 2));
    auto day = parse_int(text.substr(8, 2));
    if (!year || !month || !day) return false;
    std::chrono::year_month_day date{std::chrono::year{*year},
                                     std::chrono::month{static_cast<unsigned>(*month)},
                                     std::chrono::day{static_cast<unsigned>(*day)}};
    return date.ok();
}

std::optional<int> version_number(std::string_view text) {
    text = trim(text);
    if (text.size() < 2 || (text[0] != 'v' && text[0] != 'V')) return std::nullopt;
    return parse_int(text.substr(1));
}

std::string oai_identifier(std::string_view arxiv_id) { return "oai:arXiv.org:" + std::string(arxiv_id); }

void add_dois(std::string_view field, std::vector<sdk::Identifier>& ids) {
    for (std::string_view doi : split_spaces(field)) {
        while (!doi.empty() && (doi.back() == ',' || doi.back() == ';')) doi.remove_suffix(1);
        if (doi.empty()) continue;
        if (std::none_of(ids.begin(), ids.end(),
                         [&](const sdk::Identifier& id) { return id.scheme == "doi" && id.value == doi; })) {
            ids.push_back({"doi", std::string(doi)});
        }
    }
}

void set_categories(std::string_view field, sdk::WorkRecord& work) {
    for (std::string_view term : split_spaces(field)) {
        if (std::find(work.categories.begin(), work.categories.end(), term) == work.categories.end()) {
            work.categories.emplace_back(term);
        }
    }
    work.primary_category = work.categories.empty() ? std::string() : work.categories.front();
}

bool has_name_characters(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        return is_digit(c) || is_alpha(c) || static_cast<unsigned char>(c) >= 0x80;
    });
}

std::string clean_name(std::string_view text) {
    return sdk::tex::has_markup(text) ? collapse(sdk::tex::decode(text)) : collapse(text);
}

sdk::AuthorRecord make_author(std::string_view given, std::string_view family, std::string_view suffix) {
    sdk::AuthorRecord author;
    author.given = clean_name(given);
    author.family = clean_name(family);
    for (const std::string& part : {author.given, author.family, clean_name(suffix)}) {
        if (part.empty()) continue;
        if (!author.name.empty()) author.name.push_back(' ');
        author.name += part;
    }
    return author;
}

std::optional<std::vector<int>> footnote_numbers(std::string_view text) {
    std::vector<int> numbers;
    std::size_t i = 0;
    text = trim(text);
    while (i < text.size()) {
        if (is_digit(text[i])) {
            std::size_t end = i;
            while (end < text.size() && is_digit(text[end])) ++end;
            auto number = parse_int(text.substr(i, end - i));
            if (!number) return std::nullopt;
            numbers.push_back(*number);
            i = end;
        } else if (text[i] == ',' || text[i] == '&' || is_space(text[i])) {
            ++i;
        } else if (text.substr(i).starts_with("and")) {
            i += 3;
        } else {
            return std::nullopt;
        }
    }
    if (numbers.empty()) return std::nullopt;
    return numbers;
}

std::vector<sdk::AuthorRecord> parse_author_list(std::string_view text) {
    AuthorList list = scan_author_list(text);
    std::vector<sdk::AuthorRecord> authors;
    authors.reserve(list.entries.size());
    for (ListEntry& entry : list.entries) {
        sdk::AuthorRecord author;
        author.name = std::move(entry.name);
        author.affiliations = std::move(entry.affiliations);
        for (int number : entry.footnotes) {
            auto found = list.legend.find(number);
            if (found != list.legend.end()) author.affiliations.push_back(found->second);
        }
        authors.push_back(std::move(author));
    }
    return authors;
}

std::map<int, std::string> author_list_legend(std::string_view text) { return scan_author_list(text).legend; }

}  // namespace bzpeer::arxiv
