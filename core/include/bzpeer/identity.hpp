// Identity in the store: resolving the people behind each name block, and the ledger of
// user corrections that resolution obeys. Every function here writes in one transaction
// of the caller's or its own.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/db.hpp"
#include "bzpeer/resolver.hpp"
#include "bzpeer/sdk/document.hpp"

namespace bzpeer {

struct ResolveSummary {
    std::int64_t blocks = 0;
    std::int64_t authorships = 0;
    std::int64_t people = 0;  // people the blocks now hold
    std::int64_t people_new = 0;
    std::int64_t people_removed = 0;  // emptied by resolution and not followed, claimed or ORCID-backed
};

// Re-clusters the authorships of each name block, obeying ORCIDs and the ledger, and maps
// the clusters onto existing people so that person ids stay stable. Runs inside the
// caller's transaction.
ResolveSummary resolve_blocks(Database& db, const std::set<std::string>& blocks,
                              const resolver::Options& options = {});
// `bzpeer resolve`: every printed name parsed again (a newer parser may read it better), then
// every block, a slice of blocks per transaction.
ResolveSummary resolve_all(Database& db);

// Clusters one block in memory, writing nothing: (authorship id, cluster label) pairs, and the
// ORCID each authorship carries.
struct BlockClustering {
    std::vector<std::int64_t> authorships;
    std::vector<int> cluster;
    std::vector<std::string> orcid;
};
BlockClustering cluster_block(Database& db, const std::string& block, const resolver::Options& options);

// A stable key for a work: "arxiv:ID", else "doi:DOI", else "w:N".
std::string work_key(Database& db, std::int64_t work);
// A WORK argument: "w:12", an arXiv id (any form), or a DOI. Throws not-found (exit 3).
std::int64_t resolve_work(Database& db, std::string_view reference);

// Corrections. Each appends to the ledger and re-resolves what it touches.
void merge_people(Database& db, std::int64_t person, std::int64_t other);
// Moves `works` of `person` to a person of their own and keeps the rest together; returns
// the new person's id.
std::int64_t split_person(Database& db, std::int64_t person, const std::vector<std::int64_t>& works);
// Splits a person flagged as probably several people (weakly_connected_groups) along the
// flagged groups: the largest stays, each other group becomes a person of its own, all in one
// transaction. Returns the new people's ids; a usage error when the person is not flagged.
std::vector<std::int64_t> split_flagged(Database& db, std::int64_t person);
void disown_work(Database& db, std::int64_t work, std::int64_t person);
void claim_work(Database& db, std::int64_t work, std::int64_t person);

// The ledger as a document (its data is the JSON `ledger export` writes).
sdk::Document ledger_report(Database& db);
// Appends the assertions of an exported ledger that this one lacks; returns how many, and
// re-resolves the blocks they name.
std::int64_t import_ledger(Database& db, std::string_view json, const std::string& name);

// A person whose works fall into groups that no evidence connects (only hard links or
// weak profile similarity joined them), or into circles of co-authors of several works each
// that share nobody and work in the same years, is probably several people: the groups, as
// work ids, when there are two or more; empty otherwise. People with more than `limit` works
// are not examined.
std::vector<std::vector<std::int64_t>> weakly_connected_groups(Database& db, std::int64_t person,
                                                               std::size_t limit = 300);

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
