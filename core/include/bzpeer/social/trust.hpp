// A person's trust score, 0-100, and its band: how much the record lets a reader rely on who
// the person is and what they did. Six components, each a value from 0 to 1:
//
//   identity       verification level / 3 (verification.hpp)
//   coherence      mean attribution confidence of the person's authorships; when the identity
//                  module flags the record as probably several people it keeps a tenth of that
//   corroboration  share of works confirmed by two independent sources (provenance from two
//                  different sources) or listed by the person's imported ORCID record
//   depth          half the share of works with a DOI or arXiv id, half the years active
//                  (last year - first year + 1) over 10, at most 1
//   network        share of close collaborators (collaborators.close_min_shared joint works or
//                  more) who are themselves verified at L2 or above; 0 without any
//   community      followers (users of this database following the person) over 10, at most 1
//
// Each weight (config trust.weights.*) is a share: the weights are scaled to whole points that
// add up to exactly 100 (largest remainders), a component earns round(value × its points), and
// the score is the sum of the points earned, so the explanation always adds up to the score.
// Bands: 0-19 Unverified, 20-39 Emerging, 40-59 Established, 60-79 Trusted, 80-100 Highly trusted.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "bzpeer/host/config.hpp"
#include "bzpeer/social/verification.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer::social {

// The weights as configured, in the order of the components above.
struct TrustWeights {
    double identity = 25, coherence = 20, corroboration = 15, depth = 15, network = 15, community = 10;
};
TrustWeights trust_weights(const Config& config);

// The weights as whole points adding up to 100, in the order of the components; throws when
// every weight is 0.
std::array<int, 6> weight_points(const TrustWeights& weights);

struct TrustComponent {
    std::string name;      // "identity", "coherence", ...
    double value = 0;      // 0..1
    double weight = 0;     // as configured
    int max_points = 0;    // the weight scaled to points (all add up to 100)
    int points = 0;        // round(value × max_points)
    std::string evidence;  // what the value rests on, in words
};

struct Trust {
    int score = 0;  // the sum of the components' points
    std::string band;
    Verification verification;
    std::vector<TrustComponent> components;
};

struct TrustOptions {
    TrustWeights weights;
    std::int64_t close_min_shared = 2;  // joint works that make a collaborator close
};
TrustOptions trust_options(const Config& config);

// The person's trust score, band, verification and every component.
Trust trust_of(Database& db, std::int64_t person, const TrustOptions& options);

// How many users of this database follow the person.
std::int64_t follower_count(Database& db, std::int64_t person);

// "Unverified", "Emerging", "Established", "Trusted" or "Highly trusted".
std::string trust_band(int score);

}  // namespace bzpeer::social
