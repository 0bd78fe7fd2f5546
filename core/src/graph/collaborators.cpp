#include "bzpeer/graph/collaborators.hpp"

namespace bzpeer::graph {

std::vector<Collaborator> collaborators(Database& db, std::int64_t person, const CollaboratorQuery& query) {
    // From the person's authorships (authorships_by_person) to the other authorships of the same
    // works (the (work_id, position) key): index-backed, whatever the size of the store.
    auto& stmt = db.cached(R"sql(
SELECT other.person_id, p.display_name, count(DISTINCT w.id), min(w.year), max(w.year)
FROM authorships mine
JOIN works w ON w.id = mine.work_id
JOIN authorships other ON other.work_id = mine.work_id
JOIN people p ON p.id = other.person_id
WHERE mine.person_id = ?1 AND other.person_id <> ?1 AND (?2 IS NULL OR w.year >= ?2)
GROUP BY other.person_id
HAVING count(DISTINCT w.id) >= ?3
ORDER BY count(DISTINCT w.id) DESC, p.display_name, other.person_id
LIMIT ?4)sql");
    stmt.bind(1, person)
        .bind(2, query.since)
        .bind(3, query.min_shared)
        .bind(4, query.limit > 0 ? query.limit : std::int64_t{-1});
    std::vector<Collaborator> found;
    while (stmt.step()) {
        Collaborator c;
        c.id = stmt.integer(0);
        c.name = stmt.text(1);
        c.shared_works = stmt.integer(2);
        if (!stmt.is_null(3)) c.first_year = stmt.integer(3);
        if (!stmt.is_null(4)) c.last_year = stmt.integer(4);
        found.push_back(std::move(c));
    }
    return found;
}

std::vector<std::string> topics_in_common(Database& db, std::int64_t a, std::int64_t b, std::size_t limit) {
    auto& stmt = db.cached(R"sql(
WITH counts AS (
  SELECT au.person_id AS person, wt.topic_id AS topic, count(DISTINCT au.work_id) AS works
  FROM authorships au JOIN work_topics wt ON wt.work_id = au.work_id
  WHERE au.person_id IN (?1, ?2) GROUP BY au.person_id, wt.topic_id)
SELECT t.code FROM counts x JOIN counts y ON y.topic = x.topic AND y.person = ?2
JOIN topics t ON t.id = x.topic
WHERE x.person = ?1
ORDER BY min(x.works, y.works) DESC, t.code LIMIT ?3)sql");
    stmt.bind(1, a).bind(2, b).bind(3, static_cast<std::int64_t>(limit));
    std::vector<std::string> codes;
    while (stmt.step()) codes.push_back(stmt.text(0));
    return codes;
}

}  // namespace bzpeer::graph
