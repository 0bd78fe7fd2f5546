#include "bzpeer/social/users.hpp"

#include <cstdlib>

#include "bzpeer/base/ids.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer::social {

std::optional<User> find_user(Database& db, std::string_view name) {
    auto& stmt = db.cached("SELECT id, name, email, orcid FROM users WHERE name = ?1");
    stmt.bind(1, name);
    if (!stmt.step()) return std::nullopt;
    User user{stmt.integer(0), stmt.text(1), stmt.text(2), stmt.text(3)};
    stmt.reset();
    return user;
}

User acting_user(Database& db, const Config& config, std::string_view as) {
    std::string configured = config.text("user.name");
    std::string name(as);
    if (name.empty()) name = configured;
    if (name.empty()) name = std::getenv("USER") && *std::getenv("USER") ? std::getenv("USER") : "me";
    if (auto user = find_user(db, name)) return *user;
    User user;
    user.name = name;
    if (as.empty() || name == configured) {
        user.email = config.text("user.email");
        if (auto orcid = ids::normalize_orcid(config.text("user.orcid"))) user.orcid = *orcid;
    }
    auto& insert =
        db.cached("INSERT INTO users (name, email, orcid, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id");
    insert.bind(1, user.name).bind(2, user.email).bind(3, user.orcid).bind(4, utc_now());
    insert.step();
    user.id = insert.integer(0);
    insert.reset();
    return user;
}

std::optional<std::int64_t> claimed_person(Database& db, std::int64_t user) {
    auto& stmt = db.cached("SELECT person_id FROM claims WHERE user_id = ?1 AND withdrawn_at IS NULL");
    stmt.bind(1, user);
    std::optional<std::int64_t> person;
    if (stmt.step()) person = stmt.integer(0);
    stmt.reset();
    return person;
}

}  // namespace bzpeer::social
