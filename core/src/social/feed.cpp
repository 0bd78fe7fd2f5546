#include "bzpeer/social/feed.hpp"

#include <fmt/format.h>

#include <regex>

#include "bzpeer/base/error.hpp"
#include "bzpeer/social/follows.hpp"

namespace bzpeer::social {

namespace {

// Works of `person` stored in (after, until].
void add_new_works(Database& db, const Followed& followed, const std::string& after, const std::string& until,
                   std::vector<FeedItem>& items) {
    auto& stmt = db.cached(R"sql(
SELECT DISTINCT w.id, w.title, w.year, w.stored_at FROM authorships a JOIN works w ON w.id = a.work_id
WHERE a.person_id = ?1 AND w.stored_at > ?2 AND w.stored_at <= ?3 ORDER BY w.stored_at, w.id)sql");
    for (stmt.bind(1, followed.person).bind(2, after).bind(3, until); stmt.step();) {
        std::optional<std::int64_t> year;
        if (!stmt.is_null(2)) year = stmt.integer(2);
        items.push_back(
            {followed.person, followed.name, "work", stmt.integer(0), stmt.text(1), year, stmt.text(3)});
    }
}

// Co-authors on those works who shared no work with the person stored before the window.
void add_new_collaborators(Database& db, const Followed& followed, const std::string& after,
                           const std::string& until, std::vector<FeedItem>& items) {
    auto& stmt = db.cached(R"sql(
SELECT other.person_id, p.display_name, min(w.stored_at) FROM authorships mine
JOIN works w ON w.id = mine.work_id
JOIN authorships other ON other.work_id = mine.work_id AND other.person_id IS NOT NULL
  AND other.person_id != mine.person_id
JOIN people p ON p.id = other.person_id
WHERE mine.person_id = ?1 AND w.stored_at > ?2 AND w.stored_at <= ?3
  AND NOT EXISTS (
    SELECT 1 FROM authorships m2 JOIN authorships o2 ON o2.work_id = m2.work_id
    JOIN works w2 ON w2.id = m2.work_id
    WHERE m2.person_id = ?1 AND o2.person_id = other.person_id AND w2.stored_at <= ?2)
GROUP BY other.person_id ORDER BY min(w.stored_at), other.person_id)sql");
    for (stmt.bind(1, followed.person).bind(2, after).bind(3, until); stmt.step();)
        items.push_back({followed.person, followed.name, "collaborator", stmt.integer(0), stmt.text(1),
                         std::nullopt, stmt.text(2)});
}

void check_since(const std::string& since) {
    static const std::regex date(R"(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?)");
    if (!std::regex_match(since, date))
        throw usage_error(
            fmt::format("--since '{}': expected a date, YYYY-MM-DD (or YYYY-MM-DDTHH:MM:SSZ)", since));
}

}  // namespace

std::vector<FeedItem> feed(Database& db, std::int64_t user, const std::string& since) {
    if (!since.empty()) check_since(since);
    Transaction tx(db);
    // Everything stored up to now is shown now; what an import stores meanwhile, next time.
    std::string now = stored_time_now(db);
    std::vector<FeedItem> items;
    for (const auto& followed : following(db, user)) {
        const std::string& after = since.empty() ? followed.seen_until : since;
        add_new_works(db, followed, after, now, items);
        add_new_collaborators(db, followed, after, now, items);
    }
    if (since.empty())
        db.cached("UPDATE follows SET seen_until = ?2 WHERE user_id = ?1 AND seen_until < ?2")
            .bind(1, user)
            .bind(2, now)
            .run();
    tx.commit();
    return items;
}

}  // namespace bzpeer::social
