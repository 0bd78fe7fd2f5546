#include "bzpeer/identity/people.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "bzpeer/base/error.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/base/names.hpp"

namespace bzpeer {

std::string display_name(Database& db, std::int64_t person) {
    auto& stmt = db.cached("SELECT display_name FROM people WHERE id = ?1");
    stmt.bind(1, person);
    if (!stmt.step()) throw not_found(fmt::format("no person {}", ids::person_ref(person)));
    return stmt.text(0);
}

PersonSummary summarize(Database& db, std::int64_t person) {
    PersonSummary s;
    auto& years = db.cached(
        "SELECT count(DISTINCT w.id), min(w.year), max(w.year) FROM authorships a JOIN works w ON w.id = "
        "a.work_id "
        "WHERE a.person_id = ?1");
    years.bind(1, person);
    if (years.step()) {
        s.works = years.integer(0);
        if (!years.is_null(1)) s.first_year = years.integer(1);
        if (!years.is_null(2)) s.last_year = years.integer(2);
    }
    auto& topics = db.cached(
        "SELECT t.code FROM authorships a JOIN work_topics wt ON wt.work_id = a.work_id "
        "JOIN topics t ON t.id = wt.topic_id WHERE a.person_id = ?1 GROUP BY t.id "
        "ORDER BY count(*) DESC, t.code LIMIT 3");
    for (topics.bind(1, person); topics.step();) s.top_topics.push_back(topics.text(0));
    return s;
}

std::string years_text(const PersonSummary& s) {
    if (!s.first_year) return "";
    return s.first_year == s.last_year ? std::to_string(*s.first_year)
                                       : fmt::format("{}–{}", *s.first_year, *s.last_year);
}

std::vector<std::int64_t> find_people(Database& db, std::string_view name) {
    names::ParsedName query = names::parse(name);
    std::set<std::int64_t> found;
    // Everyone whose family name is `family` (folded, unspaced), whatever their given names.
    auto by_family = [&](std::string family) {
        family.erase(std::remove(family.begin(), family.end(), ' '), family.end());
        if (family.empty()) return;
        auto& stmt = db.cached(
            "SELECT DISTINCT person_id FROM person_names WHERE block_key = ?1 OR block_key LIKE ?1 || ' %'");
        for (stmt.bind(1, family); stmt.step();) found.insert(stmt.integer(0));
    };
    if (query.given.empty()) {
        by_family(names::fold(query.family));
    } else {
        auto& stmt = db.cached("SELECT person_id, name FROM person_names WHERE block_key = ?1");
        for (stmt.bind(1, names::block_key(query)); stmt.step();)
            if (names::given_names_compatible(query.given, names::parse(stmt.text(1)).given))
                found.insert(stmt.integer(0));
        // "Del Maestro" may be a family name alone.
        if (name.find(',') == std::string_view::npos) by_family(names::fold(name));
    }
    return {found.begin(), found.end()};
}

std::int64_t resolve_person(Database& db, std::string_view reference) {
    if (reference.starts_with("p:")) {
        std::int64_t id = 0;
        auto digits = reference.substr(2);
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
        if (ec != std::errc() || end != digits.data() + digits.size())
            throw usage_error(fmt::format("'{}' is not a person id (expected p:NUMBER)", reference));
        display_name(db, id);  // throws when there is no such person
        return id;
    }
    if (auto orcid = ids::normalize_orcid(reference)) {
        auto& stmt = db.cached("SELECT person_id FROM identifiers WHERE scheme = 'orcid' AND value = ?1");
        stmt.bind(1, *orcid);
        if (stmt.step() && !stmt.is_null(0)) return stmt.integer(0);
        throw not_found(fmt::format("no person with ORCID {}", *orcid));
    }
    auto people = find_people(db, reference);
    if (people.empty()) throw not_found(fmt::format("no person matches '{}'", reference));
    if (people.size() == 1) return people.front();
    // A name written out in full picks the one person printed exactly so, if there is one;
    // "A. Del Maestro" stays ambiguous.
    std::string key = names::name_key(names::parse(reference));
    std::vector<std::int64_t> exact;
    auto& same = db.cached("SELECT 1 FROM person_names WHERE person_id = ?1 AND name_key = ?2");
    for (auto id : people) {
        same.bind(1, id).bind(2, key);
        if (same.step()) exact.push_back(id);
        same.reset();
    }
    if (exact.size() == 1) return exact.front();
    std::string message = fmt::format("'{}' matches {} people; name one by id:", reference, people.size());
    for (auto id : people) {
        auto s = summarize(db, id);
        message +=
            fmt::format("\n  {}  {}  ({} works{}{})", ids::person_ref(id), display_name(db, id), s.works,
                        s.first_year ? ", " + years_text(s) : "",
                        s.top_topics.empty() ? "" : ", " + fmt::format("{}", fmt::join(s.top_topics, ", ")));
    }
    throw not_found(message);
}

}  // namespace bzpeer
