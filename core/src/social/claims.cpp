#include "bzpeer/social/claims.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/json_text.hpp"
#include "bzpeer/base/error.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/identity/identity.hpp"
#include "bzpeer/identity/people.hpp"
#include "bzpeer/social/users.hpp"

namespace bzpeer::social {

namespace {

std::vector<std::int64_t> works_of(Database& db, std::int64_t person) {
    std::vector<std::int64_t> works;
    auto& stmt = db.cached("SELECT DISTINCT work_id FROM authorships WHERE person_id = ?1 ORDER BY work_id");
    for (stmt.bind(1, person); stmt.step();) works.push_back(stmt.integer(0));
    return works;
}

// The person's works on which their own authorship carries the ORCID: a co-author of the
// ORCID's holder shares works with the record but is not credited with the ORCID on them.
std::set<std::int64_t> works_crediting(Database& db, std::int64_t person, const std::string& orcid) {
    std::set<std::int64_t> works;
    auto& stmt = db.cached("SELECT work_id FROM authorships WHERE person_id = ?1 AND orcid = ?2");
    for (stmt.bind(1, person).bind(2, orcid); stmt.step();) works.insert(stmt.integer(0));
    return works;
}

std::int64_t count_works_crediting(Database& db, const std::string& orcid) {
    auto& stmt = db.cached("SELECT count(DISTINCT work_id) FROM authorships WHERE orcid = ?1");
    stmt.bind(1, orcid);
    std::int64_t n = stmt.step() ? stmt.integer(0) : 0;
    stmt.reset();
    return n;
}

std::optional<Claim> live_claim_where(Database& db, const char* condition, auto value) {
    auto& stmt = db.cached(fmt::format(
        "SELECT c.id, c.person_id, u.name, c.orcid, c.created_at FROM claims c JOIN users u ON u.id = "
        "c.user_id WHERE c.withdrawn_at IS NULL AND {}",
        condition));
    stmt.bind(1, value);
    std::optional<Claim> claim;
    if (stmt.step())
        claim = Claim{stmt.integer(0), stmt.integer(1), stmt.text(2), stmt.text(3), stmt.text(4), ""};
    stmt.reset();
    return claim;
}

std::string work_list(Database& db, const std::vector<std::int64_t>& works, std::size_t at_most) {
    std::string text;
    for (std::size_t i = 0; i < works.size() && i < at_most; ++i)
        text += fmt::format("{}w:{} ({})", i ? ", " : "", works[i], work_key(db, works[i]));
    if (works.size() > at_most) text += fmt::format(" and {} more", works.size() - at_most);
    return text;
}

std::string evidence_json(Database& db, const ClaimCheck& check) {
    std::vector<std::string> shared;
    for (auto w : check.listed) shared.push_back(work_key(db, w));
    return fmt::format(R"({{"orcid":{},"person_works":{},"record_works":{},"shared":{}}})",
                       json_text::quote(check.orcid), check.person_works.size(), check.record_works,
                       json_text::array(shared));
}

void refuse_if_claimed(Database& db, std::int64_t person, const std::string& orcid) {
    if (auto claim = live_claim_of_orcid(db, orcid))
        throw Error(
            fmt::format("ORCID {} is already claimed: p:{} by user {} (since {}); one ORCID claims "
                        "one person",
                        orcid, claim->person, claim->user, claim->created_at));
    if (auto claim = live_claim_of_person(db, person))
        throw Error(fmt::format("p:{} is already claimed by user {} with ORCID {} (since {})", person,
                                claim->user, claim->orcid, claim->created_at));
}

void refuse_unless_backed(Database& db, const Config& config, const ClaimCheck& check) {
    double wanted = config.number("claim.min_overlap");
    if (!check.listed.empty() && check.share() + 1e-9 >= wanted) return;
    std::string message = fmt::format(
        "ORCID {}'s record lists {} of p:{}'s {} works ({:.0f}%; claim.min_overlap asks for {:.0f}% and at "
        "least 1)",
        check.orcid, check.listed.size(), check.person, check.person_works.size(), 100 * check.share(),
        100 * wanted);
    if (!check.lacking.empty()) message += "; it lacks " + work_list(db, check.lacking, 5);
    if (check.record_works == 0) message += "; the record credits the ORCID with no work at all";
    throw Error(message);
}

}  // namespace

double ClaimCheck::share() const {
    return person_works.empty() ? 0.0 : static_cast<double>(listed.size()) / person_works.size();
}

std::string orcid_to_claim(Database& db, const Config& config, std::string_view as, std::string_view given) {
    std::string wanted(given);
    // The user's ORCID without creating the user: a refused claim leaves the database as it was.
    if (wanted.empty() && !as.empty())
        if (auto user = find_user(db, as)) wanted = user->orcid;
    if (wanted.empty() && (as.empty() || as == config.text("user.name"))) wanted = config.text("user.orcid");
    if (wanted.empty())
        throw usage_error("no ORCID iD to claim with: give --orcid ID or set config user.orcid");
    auto orcid = ids::normalize_orcid(wanted);
    if (!orcid)
        throw usage_error(fmt::format("'{}' is not an ORCID iD (its check digit does not match)", wanted));
    return *orcid;
}

bool orcid_record_stored(Database& db, const std::string& orcid) {
    auto& stmt = db.cached("SELECT 1 FROM identifiers WHERE scheme = 'orcid' AND value = ?1");
    stmt.bind(1, orcid);
    bool stored = stmt.step();
    stmt.reset();
    return stored;
}

ClaimCheck check_claim(Database& db, std::int64_t person, const std::string& orcid) {
    ClaimCheck check;
    check.person = person;
    check.orcid = orcid;
    check.person_works = works_of(db, person);
    auto credited = works_crediting(db, person, orcid);
    for (auto w : check.person_works) (credited.count(w) ? check.listed : check.lacking).push_back(w);
    check.record_works = count_works_crediting(db, orcid);
    return check;
}

std::optional<Claim> live_claim_of_orcid(Database& db, const std::string& orcid) {
    return live_claim_where(db, "c.orcid = ?1", orcid);
}

std::optional<Claim> live_claim_of_person(Database& db, std::int64_t person) {
    return live_claim_where(db, "c.person_id = ?1", person);
}

Claim claim_person(Database& db, const Config& config, std::string_view as, std::int64_t person,
                   const std::string& orcid) {
    display_name(db, person);  // a not-found error for a person who is not there
    // One transaction: a refused claim leaves nothing behind, not even a first-time user.
    Transaction tx(db);
    auto user = acting_user(db, config, as);
    refuse_if_claimed(db, person, orcid);
    auto check = check_claim(db, person, orcid);
    refuse_unless_backed(db, config, check);
    Claim claim{0, person, user.name, orcid, utc_now(), ""};
    auto& insert = db.cached(
        "INSERT INTO claims (person_id, user_id, orcid, evidence, created_at) VALUES (?1, ?2, ?3, ?4, ?5) "
        "RETURNING id");
    insert.bind(1, person)
        .bind(2, user.id)
        .bind(3, orcid)
        .bind(4, evidence_json(db, check))
        .bind(5, claim.created_at);
    insert.step();
    claim.id = insert.integer(0);
    insert.reset();
    tx.commit();
    return claim;
}

Claim unclaim_person(Database& db, const Config& config, std::string_view as, std::int64_t person) {
    Transaction tx(db);
    auto user = acting_user(db, config, as);
    auto claim = live_claim_of_person(db, person);
    if (!claim) throw not_found(fmt::format("p:{} is not claimed", person));
    if (claim->user != user.name)
        throw Error(fmt::format("p:{} is claimed by user {}, not by {}; only they can withdraw it", person,
                                claim->user, user.name));
    claim->withdrawn_at = utc_now();
    db.cached("UPDATE claims SET withdrawn_at = ?2 WHERE id = ?1")
        .bind(1, claim->id)
        .bind(2, claim->withdrawn_at)
        .run();
    tx.commit();
    return *claim;
}

std::string claimant_name(Database& db, const Config& config, std::string_view as) {
    auto user = acting_user(db, config, as);
    return claimed_person(db, user.id) ? user.name : std::string();
}

}  // namespace bzpeer::social
