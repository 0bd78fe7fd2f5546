#include "bzpeer/base/names.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <unordered_set>

namespace bzpeer::names {

namespace {

std::string collapse_spaces(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
        } else {
            if (space) out.push_back(' ');
            space = false;
            out.push_back(c);
        }
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == ',')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        auto end = s.find(sep, start);
        parts.push_back(trim(s.substr(start, end - start)));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

std::string join(const std::vector<std::string_view>& parts, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
        if (!out.empty()) out.push_back(' ');
        out.append(parts[i]);
    }
    return out;
}

bool is_suffix(std::string_view token) {
    static const std::array<std::string_view, 10> suffixes = {"jr",  "jr.", "sr",  "sr.", "ii",
                                                              "iii", "iv",  "2nd", "3rd", "junior"};
    std::string folded = fold(token);
    folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
    return std::find(suffixes.begin(), suffixes.end(), folded) != suffixes.end() ||
           std::find(suffixes.begin(), suffixes.end(), folded + ".") != suffixes.end();
}

bool is_particle(std::string_view token) {
    static const std::array<std::string_view, 18> particles = {"van", "von", "de",  "del", "della", "der",
                                                               "den", "di",  "da",  "du",  "la",    "le",
                                                               "dos", "das", "ter", "ten", "zu",    "af"};
    std::string folded = fold(token);
    return std::find(particles.begin(), particles.end(), folded) != particles.end();
}

// Syllables of Hanyu Pinyin without tones, as initial + final: enough to tell "Bo" or
// "Xiaoming" from "Wood" (a few non-syllables such as "so" pass; no name needs more).
bool pinyin(std::string_view word, int syllables) {
    static const std::array<std::string_view, 24> initials = {"zh", "ch", "sh", "b", "p", "m", "f", "d",
                                                              "t",  "n",  "l",  "g", "k", "h", "j", "q",
                                                              "x",  "r",  "z",  "c", "s", "y", "w", ""};
    static const std::array<std::string_view, 33> finals = {
        "iang", "iong", "uang", "ang", "eng", "ing", "ong", "ian", "iao", "uai", "uan",
        "ai",   "ei",   "ao",   "ou",  "an",  "en",  "in",  "un",  "ia",  "ie",  "iu",
        "ua",   "uo",   "ui",   "ue",  "er",  "a",   "o",   "e",   "i",   "u",   "v"};
    if (word.empty()) return true;
    if (syllables == 0) return false;
    for (auto initial : initials) {
        if (word.substr(0, initial.size()) != initial) continue;
        auto rest = word.substr(initial.size());
        for (auto final : finals)
            if (rest.substr(0, final.size()) == final && pinyin(rest.substr(final.size()), syllables - 1))
                return true;
    }
    return false;
}

// "Zheng Bo": a Chinese name printed surname first, as some authors do. Only when it cannot be
// read the other way: the first word is a common Chinese surname, the second is not one but is
// a given name in Pinyin ("Wang Lei", "Xu Han" stay as printed: either reading would do).
bool surname_first(std::string_view first, std::string_view second) {
    static const std::unordered_set<std::string_view> surnames = {
        "wang",  "li",   "zhang", "liu",  "chen",  "yang", "huang", "zhao",  "wu",    "zhou",  "xu",   "sun",
        "ma",    "zhu",  "hu",    "guo",  "he",    "lin",  "gao",   "luo",   "zheng", "liang", "song", "tang",
        "han",   "feng", "deng",  "cao",  "peng",  "zeng", "xiao",  "tian",  "dong",  "pan",   "yuan", "cai",
        "jiang", "yu",   "du",    "ye",   "cheng", "wei",  "su",    "lu",    "ding",  "ren",   "shen", "yao",
        "jin",   "fan",  "fang",  "shi",  "qian",  "xie",  "zou",   "xiong", "qiu",   "qin",   "jia",  "hou",
        "meng",  "xue",  "yan",   "lei",  "bai",   "long", "duan",  "hao",   "kong",  "shao",  "mao",  "wan",
        "gu",    "lai",  "wen",   "kang", "qi",    "niu",  "tan",   "yin",   "chang", "dai",   "fu",   "mo"};
    auto plain = [](std::string_view word) {
        return word.size() >= 2 && word[0] >= 'A' && word[0] <= 'Z' &&
               std::all_of(word.begin() + 1, word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    };
    if (!plain(first) || !plain(second)) return false;
    std::string a = fold(first), b = fold(second);
    return surnames.count(a) && !surnames.count(b) && pinyin(b, 3);
}

bool is_collaboration(std::string_view printed) {
    std::string folded = " " + fold(printed) + " ";
    for (std::string_view word :
         {" collaboration ", " consortium ", " collaborations ", " working group ", " team "})
        if (folded.find(word) != std::string::npos) return true;
    return false;
}

// CJK ideographs and Hangul syllables: such names are printed surname first, unspaced.
bool is_cjk(utf8proc_int32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x20000 && cp <= 0x2A6DF);
}

std::vector<utf8proc_int32_t> code_points(std::string_view text) {
    std::vector<utf8proc_int32_t> out;
    auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    for (utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size()); left > 0;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) return {};
        out.push_back(cp);
        p += n;
        left -= n;
    }
    return out;
}

std::string encode(const std::vector<utf8proc_int32_t>& cps, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
        utf8proc_uint8_t buf[4];
        auto n = utf8proc_encode_char(cps[i], buf);
        out.append(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
    }
    return out;
}

std::optional<ParsedName> parse_cjk(std::string_view text) {
    auto cps = code_points(text);
    if (cps.size() < 2 || cps.size() > 5 || !std::all_of(cps.begin(), cps.end(), is_cjk)) return std::nullopt;
    // Two-character Chinese surnames that would otherwise lose their second character.
    static const std::array<std::string_view, 10> compound = {"欧阳", "司马", "诸葛", "上官", "东方",
                                                              "皇甫", "令狐", "慕容", "尉迟", "长孙"};
    std::size_t surname = 1;
    if (cps.size() > 2 && std::find(compound.begin(), compound.end(), encode(cps, 0, 2)) != compound.end())
        surname = 2;
    return ParsedName{encode(cps, surname, cps.size()), encode(cps, 0, surname), "", false};
}

// Letters that Unicode does not decompose into a base letter plus a mark.
std::string_view extra_fold(utf8proc_int32_t cp) {
    switch (cp) {
        case 0x0142:
            return "l";  // ł
        case 0x00F8:
            return "o";  // ø
        case 0x0111:
            return "d";  // đ
        case 0x0127:
            return "h";  // ħ
        case 0x0131:
            return "i";  // dotless ı
        case 0x00E6:
            return "ae";  // æ
        case 0x0153:
            return "oe";  // œ
        case 0x00FE:
            return "th";  // þ
        case 0x00F0:
            return "d";  // ð
        default:
            return {};
    }
}

}  // namespace

namespace {

// fold() of plain ASCII, without the Unicode tables: most names and all words of most
// abstracts are ASCII, and loading a large name block folds every co-author's name.
std::string fold_ascii(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (char c : text) {
        if (c == '\'') continue;  // "O'Brien" folds to "obrien"
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!letter && !(c >= '0' && c <= '9')) {
            space = true;
            continue;
        }
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.push_back(letter ? static_cast<char>(c | 0x20) : c);
    }
    return out;
}

}  // namespace

std::string fold(std::string_view text) {
    if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return fold_ascii(text);
    utf8proc_uint8_t* mapped = nullptr;
    auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                  UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                      static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
    std::string normalized;
    if (n >= 0) {
        normalized.assign(reinterpret_cast<char*>(mapped), static_cast<std::size_t>(n));
    } else {
        // Not valid UTF-8: keep what is plain ASCII so that something comparable remains.
        for (char c : text)
            if (static_cast<unsigned char>(c) < 0x80)
                normalized.push_back(static_cast<char>(std::tolower(c)));
    }
    std::free(mapped);

    std::string out;
    bool space = false;
    auto append = [&](std::string_view piece) {
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.append(piece);
    };
    for (auto cp : code_points(normalized)) {
        auto category = utf8proc_category(cp);
        bool letter_or_digit = (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
                               category == UTF8PROC_CATEGORY_ND;
        if (cp == '\'' || cp == 0x2019) continue;  // "O'Brien" folds to "obrien"
        if (!letter_or_digit) {
            space = true;
            continue;
        }
        if (auto replacement = extra_fold(cp); !replacement.empty()) {
            append(replacement);
        } else {
            utf8proc_uint8_t buf[4];
            auto len = utf8proc_encode_char(cp, buf);
            append(std::string_view(reinterpret_cast<char*>(buf), static_cast<std::size_t>(len)));
        }
    }
    return out;
}

bool single_pinyin_syllable(std::string_view folded_given) {
    return !folded_given.empty() && pinyin(folded_given, 1);
}

std::vector<std::string> tokens(std::string_view folded) {
    std::vector<std::string> out;
    for (auto part : split(folded, ' '))
        if (!part.empty()) out.emplace_back(part);
    return out;
}

ParsedName parse(std::string_view printed) {
    std::string text = collapse_spaces(printed);
    ParsedName name;
    if (is_collaboration(text)) {
        name.family = text;
        name.collaboration = true;
        return name;
    }
    if (auto cjk = parse_cjk(text)) return *cjk;

    auto parts = split(text, ',');
    if (parts.size() >= 2 && !(parts.size() == 2 && is_suffix(parts[1]))) {
        // "Family, Given" or "Family, Given, Jr."
        name.family = parts[0];
        name.given = parts[1];
        if (parts.size() >= 3) name.suffix = parts[2];
        return name;
    }
    if (parts.size() == 2) name.suffix = parts[1];  // "Given Family, Jr."

    auto words = split(parts[0], ' ');
    while (words.size() > 2 && is_suffix(words.back())) {
        name.suffix = std::string(words.back()) + (name.suffix.empty() ? "" : " " + name.suffix);
        words.pop_back();
    }
    if (words.size() == 1) {
        name.family = words[0];
        return name;
    }
    if (words.size() == 2 && name.suffix.empty() && surname_first(words[0], words[1])) {
        name.family = words[0];
        name.given = words[1];
        return name;
    }
    // The family name is the last word with the particles just before it; the first word is
    // always a given name ("Van Morrison" has none).
    std::size_t family_start = words.size() - 1;
    while (family_start > 1 && is_particle(words[family_start - 1])) --family_start;
    name.given = join(words, 0, family_start);
    name.family = join(words, family_start, words.size());
    return name;
}

std::string name_key(const ParsedName& name) {
    std::string given = fold(name.given);
    std::string family = fold(name.family);
    return given.empty() ? family : given + " " + family;
}

std::string block_key(const ParsedName& name) {
    std::string family = fold(name.family);
    family.erase(std::remove(family.begin(), family.end(), ' '), family.end());
    auto given = code_points(fold(name.given));
    return given.empty() ? family : family + " " + encode(given, 0, 1);
}

// "Bo-Wen" is one given name, "bowen", not "Bo" with a middle name "Wen": a hyphen between a
// letter and a written-out name part joins them. Initials ("J.-P.") stay apart.
std::string join_hyphenated(std::string_view given) {
    std::string out;
    for (std::size_t i = 0; i < given.size(); ++i) {
        bool joins = given[i] == '-' && i > 0 && std::isalpha(static_cast<unsigned char>(given[i - 1])) &&
                     i + 2 < given.size() && std::isalpha(static_cast<unsigned char>(given[i + 1])) &&
                     std::isalpha(static_cast<unsigned char>(given[i + 2]));
        if (!joins) out.push_back(given[i]);
    }
    return out;
}

bool given_names_compatible(std::string_view given_a, std::string_view given_b) {
    auto a = tokens(fold(join_hyphenated(given_a)));
    auto b = tokens(fold(join_hyphenated(given_b)));
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        const auto& x = a[i];
        const auto& y = b[i];
        if (x == y) continue;
        auto initial = [](const std::string& full, const std::string& short_form) {
            return short_form.size() == 1 && full.compare(0, 1, short_form) == 0;
        };
        if (!initial(x, y) && !initial(y, x)) return false;
    }
    return true;
}

}  // namespace bzpeer::names
