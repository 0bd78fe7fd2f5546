#include "bzpeer/graph/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "bzpeer/graph/collaborators.hpp"
#include "bzpeer/identity/people.hpp"

namespace bzpeer::graph {

namespace {

constexpr std::size_t kNamedInReason = 3;

std::string named_list(const std::vector<std::string>& names) {
    std::vector<std::string> shown(names.begin(), names.begin() + std::min(names.size(), kNamedInReason));
    std::string text = fmt::format("{}", fmt::join(shown, ", "));
    if (names.size() > shown.size()) text += fmt::format(" and {} more", names.size() - shown.size());
    return text;
}

// Co-authors of co-authors who are not yet the person's own, with the collaborators they share.
void add_two_hop(Database& db, const std::vector<Collaborator>& mine, const std::set<std::int64_t>& known,
                 std::map<std::int64_t, Suggestion>& found) {
    for (const auto& middle : mine) {
        for (const auto& far : collaborators(db, middle.id, {})) {
            if (known.count(far.id)) continue;
            auto& s = found[far.id];
            s.id = far.id;
            s.name = far.name;
            s.mutual.push_back({middle.id, middle.name});
        }
    }
}

// How many of the person's works fall in each of their categories.
std::map<std::string, std::int64_t> own_topics(Database& db, std::int64_t person) {
    auto& stmt = db.cached(R"sql(
SELECT t.code, count(DISTINCT a.work_id) FROM authorships a
JOIN work_topics wt ON wt.work_id = a.work_id JOIN topics t ON t.id = wt.topic_id
WHERE a.person_id = ?1 GROUP BY t.id)sql");
    stmt.bind(1, person);
    std::map<std::string, std::int64_t> counts;
    while (stmt.step()) counts[stmt.text(0)] = stmt.integer(1);
    return counts;
}

// Everyone else publishing in the person's categories: the categories they share (the most
// shared first, as min of both sides' works) and their works in them.
void add_topic_neighbours(Database& db, std::int64_t person, const std::set<std::int64_t>& known,
                          std::map<std::int64_t, Suggestion>& found) {
    auto mine = own_topics(db, person);
    if (mine.empty()) return;
    auto& per_topic = db.cached(R"sql(
WITH mine AS (SELECT DISTINCT wt.topic_id FROM authorships a JOIN work_topics wt ON wt.work_id = a.work_id
              WHERE a.person_id = ?1)
SELECT a.person_id, p.display_name, t.code, count(DISTINCT a.work_id)
FROM mine JOIN work_topics wt ON wt.topic_id = mine.topic_id
JOIN authorships a ON a.work_id = wt.work_id JOIN topics t ON t.id = mine.topic_id
JOIN people p ON p.id = a.person_id
WHERE a.person_id <> ?1
GROUP BY a.person_id, t.id)sql");
    per_topic.bind(1, person);
    std::map<std::int64_t, std::vector<std::pair<std::int64_t, std::string>>> shared;  // (weight, code)
    std::map<std::int64_t, std::string> names;
    while (per_topic.step()) {
        std::int64_t other = per_topic.integer(0);
        if (known.count(other)) continue;
        names[other] = per_topic.text(1);
        std::string code = per_topic.text(2);
        shared[other].emplace_back(std::min(per_topic.integer(3), mine[code]), code);
    }
    auto& works = db.cached(R"sql(
WITH mine AS (SELECT DISTINCT wt.topic_id FROM authorships a JOIN work_topics wt ON wt.work_id = a.work_id
              WHERE a.person_id = ?1)
SELECT a.person_id, count(DISTINCT a.work_id)
FROM mine JOIN work_topics wt ON wt.topic_id = mine.topic_id JOIN authorships a ON a.work_id = wt.work_id
WHERE a.person_id <> ?1
GROUP BY a.person_id)sql");
    works.bind(1, person);
    std::map<std::int64_t, std::int64_t> work_counts;
    while (works.step()) work_counts[works.integer(0)] = works.integer(1);

    for (auto& [other, topics] : shared) {
        std::sort(topics.begin(), topics.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        auto& s = found[other];
        s.id = other;
        s.name = names[other];
        for (const auto& t : topics) s.shared_topics.push_back(t.second);
        s.topic_works = work_counts[other];
        s.score += static_cast<double>(topics.size()) / static_cast<double>(mine.size());
    }
}

}  // namespace

std::string mutual_text(const std::vector<PersonName>& mutual) {
    std::vector<std::string> names;
    for (const auto& m : mutual) names.push_back(m.name);
    return fmt::format("{} mutual collaborator{}: {}", mutual.size(), mutual.size() == 1 ? "" : "s",
                       named_list(names));
}

std::string topics_text(const std::vector<std::string>& topics, std::int64_t works) {
    return fmt::format("shares {} ({} work{})", named_list(topics), works, works == 1 ? "" : "s");
}

std::vector<Suggestion> suggest(Database& db, std::int64_t person, std::size_t limit) {
    display_name(db, person);  // a not-found error for a person who does not exist
    auto mine = collaborators(db, person, {});
    std::set<std::int64_t> known{person};
    for (const auto& c : mine) known.insert(c.id);

    std::map<std::int64_t, Suggestion> found;
    add_two_hop(db, mine, known, found);
    add_topic_neighbours(db, person, known, found);

    std::vector<Suggestion> ranked;
    for (auto& [id, s] : found) {
        s.score += static_cast<double>(s.mutual.size());
        std::vector<std::string> reasons;
        if (!s.mutual.empty()) reasons.push_back(mutual_text(s.mutual));
        if (!s.shared_topics.empty()) reasons.push_back(topics_text(s.shared_topics, s.topic_works));
        s.reason = fmt::format("{}", fmt::join(reasons, "; "));
        ranked.push_back(std::move(s));
    }
    std::sort(ranked.begin(), ranked.end(), [](const Suggestion& a, const Suggestion& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.topic_works != b.topic_works) return a.topic_works > b.topic_works;
        if (a.name != b.name) return a.name < b.name;
        return a.id < b.id;
    });
    if (limit > 0 && ranked.size() > limit) ranked.resize(limit);
    return ranked;
}

}  // namespace bzpeer::graph
