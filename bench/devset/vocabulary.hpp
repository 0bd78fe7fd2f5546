// The made-up world the development set is drawn from: research fields with their arXiv
// categories and content words, filler words every abstract uses, and name pools.
#pragma once

#include <string_view>
#include <vector>

namespace bzpeer::devset::vocabulary {

struct Field {
    std::string_view name;
    std::vector<std::string_view> categories;  // the home categories, primary first
    std::vector<std::string_view> neighbours;  // categories a work of the field is sometimes filed under
    std::vector<std::string_view> related;     // names of fields one moves to or adds
    std::vector<std::string_view> words;       // 40-80 content words; a few are shared with other fields
};

const std::vector<Field>& fields();

// Words any scientific abstract uses, whatever the field.
const std::vector<std::string_view>& filler();
// Short words that glue titles and sentences together (the resolver drops them).
const std::vector<std::string_view>& connectors();
const std::vector<std::string_view>& glue();
const std::vector<std::string_view>& openers();

enum class Culture { chinese, western, korean, indian, japanese, polish };
constexpr int kCultures = 6;

struct Names {
    std::vector<std::string_view> given;
    std::vector<std::string_view> given_female;  // Polish: family names take the feminine form
    std::vector<std::string_view> family;
    // Chinese: most given names are two syllables of these ("Jia" + "heng"), so that a full
    // name such as "Jiaheng Liu" is rare while one-syllable names ("Wei Liu") are shared widely.
    std::vector<std::string_view> syllables;
};
const Names& names(Culture culture);

// Names so common in science that they turn up in the circles of different people of one
// block ("Y. Wang"): misleading co-author evidence.
const std::vector<std::string_view>& common_coauthors();

}  // namespace bzpeer::devset::vocabulary
