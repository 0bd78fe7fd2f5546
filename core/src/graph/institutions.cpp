#include "bzpeer/graph/institutions.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "bzpeer/base/names.hpp"

namespace bzpeer::graph {

namespace {

// Abbreviations affiliations are printed with, spelt out so that both spellings share a key.
const std::map<std::string, std::string, std::less<>> kSpelledOut = {
    {"univ", "university"},   {"inst", "institute"}, {"dept", "department"}, {"lab", "laboratory"},
    {"labs", "laboratories"}, {"natl", "national"},  {"ctr", "center"},      {"centre", "center"},
    {"coll", "college"},      {"acad", "academy"},   {"sch", "school"},      {"hosp", "hospital"},
};

// Legal forms: they name a company, and are left out of its key ("Co., Ltd" and "Co. Ltd.").
const std::set<std::string, std::less<>> kLegalForms = {"co",   "ltd", "inc",         "llc",  "plc",
                                                        "gmbh", "ag",  "corporation", "corp", "company"};

// Words that name an organisation, strongest first: a part naming a university, a hospital or
// a company is the institution even when a laboratory or a department is printed beside it.
int organisation_strength(const std::vector<std::string>& words) {
    static const std::set<std::string, std::less<>> kPrimary = {
        "university",   "universitat", "universite", "universidad", "universita",  "universiteit",
        "universidade", "uniwersytet", "college",    "polytechnic", "politecnico", "institute",
        "institutes",   "institut",    "instituto",  "istituto",    "academy",     "hospital",
        "cnrs",         "cern",        "ecole",      "eth",         "epfl",        "caltech"};
    static const std::set<std::string, std::less<>> kSecondary = {
        "laboratory", "laboratories", "center", "observatory", "foundation", "school",
        "agency",     "council",      "clinic", "museum",      "research",   "centers"};
    static const std::set<std::string, std::less<>> kUnit = {"department", "faculty", "division",
                                                             "group",      "section", "unit"};
    int strength = 0;
    for (const auto& w : words) {
        if (kPrimary.count(w) || kLegalForms.count(w)) strength = std::max(strength, 3);
        if (kSecondary.count(w)) strength = std::max(strength, 2);
    }
    // "Department of Physics" names a unit of an organisation, not one: weaker than the
    // organisation printed beside it, stronger than an address.
    if (strength > 0 && !words.empty() && kUnit.count(words.front())) strength -= 1;
    return strength;
}

std::string trim(std::string_view text) {
    auto begin = text.find_first_not_of(" \t\n.");
    if (begin == std::string_view::npos) return {};
    auto end = text.find_last_not_of(" \t\n.");
    return std::string(text.substr(begin, end - begin + 1));
}

std::string slug(const std::string& key) {
    std::string out;
    for (char c : key) out += c == ' ' ? '-' : c;
    return out;
}

std::optional<std::int64_t> year_of(const std::string& date) {
    if (date.size() < 4 ||
        !std::all_of(date.begin(), date.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoll(date.substr(0, 4));
}

}  // namespace

Organisation organisation_of(std::string_view printed) {
    Organisation best;
    int best_strength = -1;
    std::size_t start = 0;
    while (start <= printed.size()) {
        auto end = printed.find_first_of(",;", start);
        if (end == std::string_view::npos) end = printed.size();
        std::string part = trim(printed.substr(start, end - start));
        start = end + 1;
        if (part.empty()) continue;
        std::vector<std::string> words;
        for (auto& w : names::tokens(names::fold(part))) {
            auto spelled = kSpelledOut.find(w);
            words.push_back(spelled != kSpelledOut.end() ? spelled->second : w);
        }
        if (!words.empty() && words.front() == "the") words.erase(words.begin());
        int strength = organisation_strength(words);
        while (!words.empty() && kLegalForms.count(words.back())) words.pop_back();
        if (words.empty()) continue;  // "Ltd" printed apart
        // The first part wins ties: with no organisation word anywhere, it is the name.
        if (strength > best_strength) {
            best_strength = strength;
            best.name = part;
            best.key.clear();
            for (const auto& w : words) best.key += (best.key.empty() ? "" : " ") + w;
        }
    }
    return best;
}

std::vector<Institution> institutions_of(Database& db, std::int64_t person) {
    struct Seen {
        std::string printed;
        std::optional<std::int64_t> year, until;
        bool is_work = false;
        std::int64_t institution = 0;
    };
    std::vector<Seen> seen;
    auto& printed = db.cached(R"sql(
SELECT af.printed, w.year, af.institution_id FROM authorships au
JOIN authorship_affiliations af ON af.authorship_id = au.id
JOIN works w ON w.id = au.work_id
WHERE au.person_id = ?1)sql");
    for (printed.bind(1, person); printed.step();) {
        Seen s;
        s.printed = printed.text(0);
        if (!printed.is_null(1)) s.year = s.until = printed.integer(1);
        s.is_work = true;
        if (!printed.is_null(2)) s.institution = printed.integer(2);
        seen.push_back(std::move(s));
    }
    auto& listed = db.cached(R"sql(
SELECT i.name, pa.start_date, pa.end_date, i.id FROM person_affiliations pa
JOIN institutions i ON i.id = pa.institution_id WHERE pa.person_id = ?1)sql");
    for (listed.bind(1, person); listed.step();) {
        Seen s;
        s.printed = listed.text(0);
        s.year = year_of(listed.text(1));
        s.until = year_of(listed.text(2));
        if (!s.until) s.until = s.year;
        s.institution = listed.integer(3);
        seen.push_back(std::move(s));
    }

    std::map<std::string, Institution> by_key;
    auto& ror =
        db.cached("SELECT value FROM identifiers WHERE institution_id = ?1 AND scheme = 'ror' LIMIT 1");
    for (const auto& s : seen) {
        auto org = organisation_of(s.printed);
        if (org.key.empty()) continue;
        auto& inst = by_key[org.key];
        if (inst.id.empty()) {
            inst.id = "inst:" + slug(org.key);
            inst.name = org.name;
        }
        if (s.is_work) ++inst.works;
        if (s.year && (!inst.first_year || *s.year < *inst.first_year)) inst.first_year = s.year;
        if (s.until && (!inst.last_year || *s.until > *inst.last_year)) inst.last_year = s.until;
        if (std::find(inst.spellings.begin(), inst.spellings.end(), s.printed) == inst.spellings.end())
            inst.spellings.push_back(s.printed);
        if (inst.ror.empty() && s.institution) {
            ror.bind(1, s.institution);
            if (ror.step()) inst.ror = ror.text(0);
            ror.reset();
        }
    }
    std::vector<Institution> list;
    for (auto& [key, inst] : by_key) list.push_back(std::move(inst));
    std::stable_sort(list.begin(), list.end(), [](const Institution& a, const Institution& b) {
        if (a.last_year != b.last_year) return a.last_year > b.last_year;
        return a.works > b.works;
    });
    return list;
}

}  // namespace bzpeer::graph
