// Identity in the store: resolving the people behind each name block, obeying ORCIDs and the
// ledger of corrections (corrections.hpp); how works are named on the command line. Every
// function here writes in one transaction of the caller's or its own.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/base/progress.hpp"
#include "bzpeer/identity/resolver.hpp"
#include "bzpeer/store/db.hpp"

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
// every block, a slice of blocks per transaction, reporting the blocks done to `progress`.
ResolveSummary resolve_all(Database& db, const ProgressCallback& progress = {});

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

}  // namespace bzpeer
