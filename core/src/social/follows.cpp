#include "bzpeer/social/follows.hpp"

#include "bzpeer/identity/people.hpp"

namespace bzpeer::social {

std::string stored_time_now(Database& db) {
    auto& stmt = db.cached("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
    stmt.step();
    std::string now = stmt.text(0);
    stmt.reset();
    return now;
}

bool follow(Database& db, std::int64_t user, std::int64_t person) {
    display_name(db, person);  // a not-found error for a person who is not there
    std::string now = stored_time_now(db);
    // What is stored already is the person's past: the feed starts from the follow.
    auto& insert = db.cached(
        "INSERT INTO follows (user_id, person_id, created_at, seen_until) VALUES (?1, ?2, ?3, ?3) "
        "ON CONFLICT DO NOTHING");
    insert.bind(1, user).bind(2, person).bind(3, now).run();
    return db.changes() > 0;
}

bool unfollow(Database& db, std::int64_t user, std::int64_t person) {
    db.cached("DELETE FROM follows WHERE user_id = ?1 AND person_id = ?2")
        .bind(1, user)
        .bind(2, person)
        .run();
    return db.changes() > 0;
}

std::vector<Followed> following(Database& db, std::int64_t user) {
    std::vector<Followed> list;
    auto& stmt = db.cached(R"sql(
SELECT f.person_id, p.display_name, f.created_at, f.seen_until,
       (SELECT count(DISTINCT a.work_id) FROM authorships a JOIN works w ON w.id = a.work_id
        WHERE a.person_id = f.person_id AND w.stored_at > f.seen_until)
FROM follows f JOIN people p ON p.id = f.person_id WHERE f.user_id = ?1 ORDER BY f.person_id)sql");
    for (stmt.bind(1, user); stmt.step();)
        list.push_back({stmt.integer(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.integer(4)});
    return list;
}

std::vector<std::string> followers(Database& db, std::int64_t person) {
    std::vector<std::string> names;
    auto& stmt = db.cached(
        "SELECT u.name FROM follows f JOIN users u ON u.id = f.user_id WHERE f.person_id = ?1 ORDER BY "
        "u.name");
    for (stmt.bind(1, person); stmt.step();) names.push_back(stmt.text(0));
    return names;
}

}  // namespace bzpeer::social
