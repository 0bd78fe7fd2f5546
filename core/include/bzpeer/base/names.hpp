// Personal names as printed on works: parsing into given and family parts, folding for
// comparison, and the keys the store groups authorships by.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bzpeer::names {

struct ParsedName {
    std::string given;           // as printed, e.g. "B. Scott"
    std::string family;          // with particles, e.g. "Del Maestro", "van der Waals"
    std::string suffix;          // "Jr.", "III"
    bool collaboration = false;  // "ATLAS Collaboration" names a group, not a person
};

// Understands "Family, Given", "Family, Given, Jr.", "Given Family", "Given Family Jr.",
// lower-case particles, and unspaced CJK names (surname first).
ParsedName parse(std::string_view printed);

// Unicode compatibility-normalized, case-folded, accents removed, punctuation as spaces,
// whitespace collapsed: "Ódor, Balázs" → "odor balazs".
std::string fold(std::string_view text);

// Identical for the same full name however it is printed: "given family", folded.
std::string name_key(const ParsedName& name);

// Groups names that may be one person: folded family name and first given initial, e.g.
// "delmaestro a". Resolution compares within a block, never across.
std::string block_key(const ParsedName& name);

// True when the given names can denote the same person: token by token, equal or one is
// the initial of the other ("A. G." ~ "Adrian Gustavo"); a missing token matches anything.
bool given_names_compatible(std::string_view given_a, std::string_view given_b);

// True for a folded given name of one Pinyin syllable ("wei", "xiang"). With a common family
// name thousands of people share such a name ("Wei Wang"); "Jiaheng Liu" is rare.
bool single_pinyin_syllable(std::string_view folded_given);

// Splits folded text on spaces.
std::vector<std::string> tokens(std::string_view folded);

}  // namespace bzpeer::names
