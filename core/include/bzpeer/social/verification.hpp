// How sure we are of who a person is, as a level with its reason in words:
//
//   L0  a name only: nothing but printed names ties the works together.
//   L1  an author record whose works carry persistent ids: at least one of the person's works
//       has a DOI or an arXiv id, so anyone can look the record up.
//   L2  tied to an ORCID by an authoritative assertion: an ORCID record was imported for the
//       person (identifiers scheme 'orcid', provenance entity 'person' from source 'orcid') and
//       it lists at least one of the person's works (a work with provenance from 'orcid' on whose
//       authorship the person's ORCID sits). Crossref's `authenticated-orcid` would count too,
//       but ingest does not store sdk::AuthorRecord::orcid_authenticated, and an ORCID merely
//       printed on an authorship is not an assertion by its holder: neither lifts a person to L2.
//   L3  claimed with proof: a live claim (a row in `claims` not withdrawn), which `bzpeer claim`
//       makes only when the claimant's ORCID record lists the person's works.
//
// Each level needs only its own evidence; the highest that holds is the person's level.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bzpeer/store/db.hpp"

namespace bzpeer::social {

struct Verification {
    int level = 0;                          // 0..3
    std::string reason;                     // why, in words: "ORCID 0000-… lists 3 of the person's works"
    std::optional<std::string> claimed_by;  // the user holding the live claim, if any
};

// The person's verification level and why.
Verification verification_of(Database& db, std::int64_t person);

// The ORCID whose record was imported for the person (not one merely printed on authorships).
std::optional<std::string> imported_orcid(Database& db, std::int64_t person);

// How many of the person's works there are, and how many carry a DOI or an arXiv id.
struct PersistentIds {
    std::int64_t works = 0, with_id = 0;
};
PersistentIds persistent_ids(Database& db, std::int64_t person);

// "L2".
std::string level_name(int level);

}  // namespace bzpeer::social
