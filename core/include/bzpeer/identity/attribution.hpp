// How works came to be on a person's profile: each attribution's reason, confidence and
// evidence (`explain`, `profile --explain`), and the sign that a profile holds several people.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bzpeer/sdk/document.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer {

// A person whose works fall into groups that no evidence connects (only hard links or
// weak profile similarity joined them), or into circles of co-authors of several works each
// that share nobody and work in the same years, is probably several people: the groups, as
// work ids, when there are two or more; empty otherwise. People with more than `limit` works
// are not examined.
std::vector<std::vector<std::int64_t>> weakly_connected_groups(Database& db, std::int64_t person,
                                                               std::size_t limit = 300);

// The mean confidence (0..1) of the attributions of a person's authorships; an authorship
// without a recorded confidence counts as certain. 1 when the person has none.
double mean_attribution_confidence(Database& db, std::int64_t person);

// How a work came to be on a person's profile, for reports.
struct Attribution {
    std::string reason;       // "alone", "orcid", "assertion", "evidence"
    double confidence = 1.0;  // 0..1
    sdk::Value evidence;      // as `explain` shows it; null unless joined by evidence
    std::string summary;      // one line: the score and what was shared
};
// The attribution of each of `person`'s works, by work id.
std::map<std::int64_t, Attribution> attributions_of(Database& db, std::int64_t person);

// Why `work` is on `person`'s profile: the attribution's confidence and its evidence. When
// it is not, whose it is and why not: a correction, or the evidence that fell short.
sdk::Document explain_attribution(Database& db, std::int64_t work, std::int64_t person);

}  // namespace bzpeer
