#include "bzpeer/social/trust.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "bzpeer/base/error.hpp"
#include "bzpeer/graph/collaborators.hpp"
#include "bzpeer/identity/attribution.hpp"
#include "bzpeer/identity/people.hpp"

namespace bzpeer::social {

namespace {

// A record that looks like several people is not one person's record at all: however sure each
// attribution was, the whole cannot be trusted as one career.
constexpr double kSeveralPeopleCoherence = 0.1;
// Years active at which a career counts as fully deep, and followers at which community is full.
constexpr double kFullDepthYears = 10;
constexpr double kFullCommunityFollowers = 10;

double share(std::int64_t part, std::int64_t whole) {
    return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

double saturating(double amount, double full) { return std::min(1.0, amount / full); }

TrustComponent identity_component(const Verification& v) {
    return {"identity", v.level / 3.0, 0, 0, 0, fmt::format("{}: {}", level_name(v.level), v.reason)};
}

TrustComponent coherence_component(Database& db, std::int64_t person) {
    double confidence = mean_attribution_confidence(db, person);
    auto groups = weakly_connected_groups(db, person);
    if (groups.empty())
        return {"coherence",
                confidence,
                0,
                0,
                0,
                fmt::format("mean attribution confidence {:.2f}; not flagged as several people", confidence)};
    return {"coherence",
            confidence * kSeveralPeopleCoherence,
            0,
            0,
            0,
            fmt::format("probably {} people: the mean attribution confidence {:.2f} counts for a tenth",
                        groups.size(), confidence)};
}

TrustComponent corroboration_component(Database& db, std::int64_t person) {
    auto orcid = imported_orcid(db, person).value_or("");
    // Per work: two different sources recorded it, or the person's own ORCID record lists it
    // (the work came from 'orcid' and the person's authorship carries that ORCID).
    auto& stmt = db.cached(R"sql(
WITH mine AS (
  SELECT work_id, max(coalesce(orcid, '') = ?2) AS carries FROM authorships WHERE person_id = ?1 GROUP BY work_id)
SELECT count(*),
  coalesce(sum((SELECT count(DISTINCT source) FROM provenance WHERE entity = 'work' AND entity_id = mine.work_id) >= 2), 0),
  coalesce(sum(?2 <> '' AND carries AND EXISTS (SELECT 1 FROM provenance WHERE entity = 'work'
                                                AND entity_id = mine.work_id AND source = 'orcid')), 0),
  coalesce(sum((SELECT count(DISTINCT source) FROM provenance WHERE entity = 'work' AND entity_id = mine.work_id) >= 2
               OR (?2 <> '' AND carries AND EXISTS (SELECT 1 FROM provenance WHERE entity = 'work'
                                                    AND entity_id = mine.work_id AND source = 'orcid'))), 0)
FROM mine)sql");
    stmt.bind(1, person).bind(2, orcid);
    stmt.step();
    std::int64_t works = stmt.integer(0), two_sources = stmt.integer(1), by_orcid = stmt.integer(2),
                 confirmed = stmt.integer(3);
    stmt.reset();
    return {
        "corroboration",
        share(confirmed, works),
        0,
        0,
        0,
        fmt::format("{} of {} works confirmed: {} by two independent sources, {} listed by the ORCID record",
                    confirmed, works, two_sources, by_orcid)};
}

TrustComponent depth_component(Database& db, std::int64_t person) {
    PersistentIds ids = persistent_ids(db, person);
    PersonSummary summary = summarize(db, person);
    std::int64_t years =
        summary.first_year && summary.last_year ? *summary.last_year - *summary.first_year + 1 : 0;
    double value =
        0.5 * share(ids.with_id, ids.works) + 0.5 * saturating(static_cast<double>(years), kFullDepthYears);
    return {"depth",
            value,
            0,
            0,
            0,
            fmt::format("{} of {} works carry a DOI or an arXiv id; {} year{} active ({})", ids.with_id,
                        ids.works, years, years == 1 ? "" : "s",
                        years > 0 ? years_text(summary) : "no dated work")};
}

TrustComponent network_component(Database& db, std::int64_t person, std::int64_t close_min_shared) {
    graph::CollaboratorQuery close;
    close.min_shared = std::max<std::int64_t>(1, close_min_shared);
    auto collaborators = graph::collaborators(db, person, close);
    std::vector<std::string> verified;
    for (const auto& c : collaborators)
        if (verification_of(db, c.id).level >= 2) verified.push_back(c.name);
    std::string evidence =
        fmt::format("{} of {} close collaborators ({}+ joint works) are verified at L2 or above",
                    verified.size(), collaborators.size(), close.min_shared);
    if (!verified.empty()) evidence += ": " + fmt::format("{}", fmt::join(verified, ", "));
    return {
        "network",
        share(static_cast<std::int64_t>(verified.size()), static_cast<std::int64_t>(collaborators.size())),
        0,
        0,
        0,
        evidence};
}

TrustComponent community_component(Database& db, std::int64_t person) {
    std::int64_t followers = follower_count(db, person);
    return {"community",
            saturating(static_cast<double>(followers), kFullCommunityFollowers),
            0,
            0,
            0,
            fmt::format("{} follower{} in this database (full at {})", followers, followers == 1 ? "" : "s",
                        kFullCommunityFollowers)};
}

}  // namespace

TrustWeights trust_weights(const Config& config) {
    TrustWeights w;
    w.identity = config.number("trust.weights.identity");
    w.coherence = config.number("trust.weights.coherence");
    w.corroboration = config.number("trust.weights.corroboration");
    w.depth = config.number("trust.weights.depth");
    w.network = config.number("trust.weights.network");
    w.community = config.number("trust.weights.community");
    return w;
}

TrustOptions trust_options(const Config& config) {
    TrustOptions options;
    options.weights = trust_weights(config);
    options.close_min_shared = config.count("collaborators.close_min_shared");
    return options;
}

std::array<int, 6> weight_points(const TrustWeights& weights) {
    const std::array<double, 6> w = {weights.identity, weights.coherence, weights.corroboration,
                                     weights.depth,    weights.network,   weights.community};
    double total = std::accumulate(w.begin(), w.end(), 0.0);
    if (!(total > 0))
        throw Error("the trust weights (config trust.weights.*) are all 0: nothing to score by");
    // Largest remainders: each weight's exact share of 100 rounded down, then the points left
    // go to the largest fractions (the earlier component on a tie), so the points add up to 100.
    std::array<int, 6> points{};
    std::array<double, 6> remainder{};
    int given = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        double exact = 100.0 * w[i] / total;
        points[i] = static_cast<int>(std::floor(exact));
        remainder[i] = exact - points[i];
        given += points[i];
    }
    std::array<std::size_t, 6> order = {0, 1, 2, 3, 4, 5};
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return remainder[a] > remainder[b]; });
    for (std::size_t k = 0; given < 100; ++k, ++given) ++points[order[k]];
    return points;
}

std::int64_t follower_count(Database& db, std::int64_t person) {
    auto& stmt = db.cached("SELECT count(*) FROM follows WHERE person_id = ?1");
    stmt.bind(1, person);
    stmt.step();
    std::int64_t followers = stmt.integer(0);
    stmt.reset();
    return followers;
}

std::string trust_band(int score) {
    if (score >= 80) return "Highly trusted";
    if (score >= 60) return "Trusted";
    if (score >= 40) return "Established";
    if (score >= 20) return "Emerging";
    return "Unverified";
}

Trust trust_of(Database& db, std::int64_t person, const TrustOptions& options) {
    Trust trust;
    trust.verification = verification_of(db, person);
    trust.components = {identity_component(trust.verification),
                        coherence_component(db, person),
                        corroboration_component(db, person),
                        depth_component(db, person),
                        network_component(db, person, options.close_min_shared),
                        community_component(db, person)};
    const auto& w = options.weights;
    const std::array<double, 6> weights = {w.identity, w.coherence, w.corroboration,
                                           w.depth,    w.network,   w.community};
    const auto points = weight_points(w);
    for (std::size_t i = 0; i < trust.components.size(); ++i) {
        auto& c = trust.components[i];
        c.weight = weights[i];
        c.max_points = points[i];
        c.points = static_cast<int>(std::lround(std::clamp(c.value, 0.0, 1.0) * c.max_points));
        trust.score += c.points;
    }
    trust.band = trust_band(trust.score);
    return trust;
}

}  // namespace bzpeer::social
