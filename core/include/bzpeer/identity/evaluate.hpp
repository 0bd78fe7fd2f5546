// Measuring resolution: pairwise and B-cubed precision, recall and F1 of a clustering
// against gold labels, from a labelled truth file or from the ORCIDs in the store.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/sdk/document.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer {

struct ClusterScores {
    std::size_t mentions = 0, true_clusters = 0, predicted_clusters = 0;
    double pairwise_precision = 1, pairwise_recall = 1, pairwise_f1 = 1;
    double b3_precision = 1, b3_recall = 1, b3_f1 = 1;
};

// `truth[i]` and `predicted[i]` label mention i.
ClusterScores score_clusters(const std::vector<std::string>& truth,
                             const std::vector<std::string>& predicted);

// `bzpeer eval --truth FILE`: the current attribution against a truth file:
//   {"name": "...", "authorships": [{"work": "arxiv:2101.00001" | DOI | "w:N",
//                                    "author": "Bo Zheng" | "position": 2,
//                                    "person": "label"}, ...]}
// or the list alone; "id"/"arxiv"/"arxiv_id"/"doi" may name the work, "label"/"cluster" the
// person; without a name anywhere, the name most of the works share is meant.
sdk::Document evaluate_truth(Database& db, std::string_view json, const std::string& file);

// `bzpeer eval --orcid`: authorships carrying an ORCID are the gold clusters; resolution is
// re-run in memory with the ORCIDs hidden and scored. Nothing is written.
sdk::Document evaluate_orcid(Database& db);

}  // namespace bzpeer
