// Claims: a user says "this person is me" by an ORCID iD whose record lists the person's works.
// One live claim per ORCID and per person; a claim is withdrawn, never deleted, so that the
// ledger's corrections made under it keep saying who made them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/host/config.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer::social {

// The ORCID a claim is made with: `given`, else the acting user's (config user.orcid),
// normalized. A usage error when there is none or its checksum is wrong.
std::string orcid_to_claim(Database& db, const Config& config, std::string_view as, std::string_view given);

// Whether an ORCID record of `orcid` is stored: the identifier names a person.
bool orcid_record_stored(Database& db, const std::string& orcid);

// How far the stored record of an ORCID backs a claim of `person`.
struct ClaimCheck {
    std::int64_t person = 0;
    std::string orcid;
    std::vector<std::int64_t> person_works;  // every work on the person's profile
    std::vector<std::int64_t> listed;        // those on which the person's authorship carries the ORCID
    std::vector<std::int64_t> lacking;       // those the record does not list
    std::int64_t record_works = 0;           // works anyone's authorship credits to the ORCID
    double share() const;                    // listed of the person's works, 0..1
};
ClaimCheck check_claim(Database& db, std::int64_t person, const std::string& orcid);

struct Claim {
    std::int64_t id = 0, person = 0;
    std::string user, orcid, created_at, withdrawn_at;
};

// The live claim of an ORCID, or of a person.
std::optional<Claim> live_claim_of_orcid(Database& db, const std::string& orcid);
std::optional<Claim> live_claim_of_person(Database& db, std::int64_t person);

// Claims `person` for the acting user with `orcid` (normalized, its record stored), in one
// transaction. Refused (bzpeer::Error, exit 1; nothing written, not even the user) when the
// ORCID or the person is claimed already, naming that claim, or when the record lists fewer
// than config claim.min_overlap of the person's works (at least one), saying which it lacks.
Claim claim_person(Database& db, const Config& config, std::string_view as, std::int64_t person,
                   const std::string& orcid);

// Withdraws the acting user's live claim of `person`; refused when there is none.
Claim unclaim_person(Database& db, const Config& config, std::string_view as, std::int64_t person);

// The name the ledger records a correction under: the acting user's when they have a live
// claim, else empty. Does not create the user.
std::string claimant_name(Database& db, const Config& config, std::string_view as);

}  // namespace bzpeer::social
