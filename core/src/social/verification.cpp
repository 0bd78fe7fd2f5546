#include "bzpeer/social/verification.hpp"

#include <fmt/format.h>

namespace bzpeer::social {

namespace {

struct Claim {
    std::string user, orcid;
};

std::optional<Claim> live_claim(Database& db, std::int64_t person) {
    auto& stmt = db.cached(
        "SELECT u.name, c.orcid FROM claims c JOIN users u ON u.id = c.user_id "
        "WHERE c.person_id = ?1 AND c.withdrawn_at IS NULL");
    stmt.bind(1, person);
    std::optional<Claim> claim;
    if (stmt.step()) claim = Claim{stmt.text(0), stmt.text(1)};
    stmt.reset();
    return claim;
}

// How many of the person's works their ORCID record lists: works that came (also) from the
// ORCID source and whose authorship by the person carries that ORCID.
std::int64_t works_listed_by_orcid(Database& db, std::int64_t person, const std::string& orcid) {
    auto& stmt = db.cached(R"sql(
SELECT count(DISTINCT a.work_id) FROM authorships a
WHERE a.person_id = ?1 AND a.orcid = ?2
  AND EXISTS (SELECT 1 FROM provenance p WHERE p.entity = 'work' AND p.entity_id = a.work_id AND p.source = 'orcid'))sql");
    stmt.bind(1, person).bind(2, orcid);
    stmt.step();
    std::int64_t n = stmt.integer(0);
    stmt.reset();
    return n;
}

}  // namespace

std::optional<std::string> imported_orcid(Database& db, std::int64_t person) {
    auto& stmt = db.cached(R"sql(
SELECT i.value FROM identifiers i
WHERE i.scheme = 'orcid' AND i.person_id = ?1
  AND EXISTS (SELECT 1 FROM provenance p WHERE p.entity = 'person' AND p.entity_id = ?1 AND p.source = 'orcid'))sql");
    stmt.bind(1, person);
    std::optional<std::string> orcid;
    if (stmt.step()) orcid = stmt.text(0);
    stmt.reset();
    return orcid;
}

PersistentIds persistent_ids(Database& db, std::int64_t person) {
    auto& stmt = db.cached(R"sql(
SELECT count(DISTINCT a.work_id),
       count(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM identifiers i WHERE i.work_id = a.work_id
                                        AND i.scheme IN ('doi', 'arxiv')) THEN a.work_id END)
FROM authorships a WHERE a.person_id = ?1)sql");
    stmt.bind(1, person);
    stmt.step();
    PersistentIds counts{stmt.integer(0), stmt.integer(1)};
    stmt.reset();
    return counts;
}

std::string level_name(int level) { return fmt::format("L{}", level); }

Verification verification_of(Database& db, std::int64_t person) {
    Verification v;
    if (auto claim = live_claim(db, person)) {
        v.level = 3;
        v.claimed_by = claim->user;
        v.reason = fmt::format("claimed by user {} with ORCID {}, whose record lists the person's works",
                               claim->user, claim->orcid);
        return v;
    }
    if (auto orcid = imported_orcid(db, person)) {
        if (auto listed = works_listed_by_orcid(db, person, *orcid); listed > 0) {
            v.level = 2;
            v.reason =
                fmt::format("the imported ORCID record {} lists {} of the person's works", *orcid, listed);
            return v;
        }
    }
    if (auto ids = persistent_ids(db, person); ids.with_id > 0) {
        v.level = 1;
        v.reason =
            fmt::format("{} of {} works carry a DOI or an arXiv id; no ORCID record ties them to the person",
                        ids.with_id, ids.works);
        return v;
    }
    v.reason = "a name only: no work carries a DOI or an arXiv id";
    return v;
}

}  // namespace bzpeer::social
