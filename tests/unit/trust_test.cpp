// Verification levels and the trust formula on a small hand-built database: two people who
// wrote two works together, with the rows the importers and `bzpeer claim` would write.
#include "bzpeer/social/trust.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "bzpeer/base/error.hpp"
#include "bzpeer/host/config.hpp"
#include "bzpeer/social/verification.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer::social {
namespace {

constexpr std::int64_t kAda = 1, kCharles = 2;

class TrustTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ =
            std::filesystem::temp_directory_path() /
            ("bzpeer-trust-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        db_ = std::make_unique<Database>(Database::open(dir_ / "a.db", true));
        // Ada (confidence 0.8) and Charles wrote w:1 (2010, arXiv id, from arXiv and Crossref)
        // and w:2 (2015, DOI, from Crossref only).
        db().exec(R"sql(
INSERT INTO people (id, display_name, name_key) VALUES (1, 'Ada Lovelace', 'ada lovelace'),
                                                     (2, 'Charles Babbage', 'charles babbage');
INSERT INTO works (id, title, year) VALUES (1, 'Notes on the engine', 2010), (2, 'Sketch of the engine', 2015);
INSERT INTO identifiers (scheme, value, work_id) VALUES ('arxiv', '1001.00001', 1), ('doi', '10.1/two', 2);
INSERT INTO authorships (work_id, position, printed_name, name_key, block_key, person_id, reason, confidence)
VALUES (1, 1, 'Ada Lovelace', 'ada lovelace', 'lovelace a', 1, 'evidence', 0.8),
       (2, 1, 'Ada Lovelace', 'ada lovelace', 'lovelace a', 1, 'evidence', 0.8),
       (1, 2, 'Charles Babbage', 'charles babbage', 'babbage c', 2, 'alone', 1.0),
       (2, 2, 'Charles Babbage', 'charles babbage', 'babbage c', 2, 'alone', 1.0);
INSERT INTO provenance (entity, entity_id, source, source_record_id, fetched_at)
VALUES ('work', 1, 'arxiv', 'arxiv:1001.00001', '2024-01-01'), ('work', 1, 'crossref', 'doi:10.1/one', '2024-01-01'),
       ('work', 2, 'crossref', 'doi:10.1/two', '2024-01-01');
INSERT INTO users (id, name, created_at) VALUES (1, 'ada', '2024-01-01'), (2, 'lab', '2024-01-01'),
                                                (3, 'student', '2024-01-01');
)sql");
    }
    void TearDown() override {
        db_.reset();
        std::filesystem::remove_all(dir_);
    }

    Database& db() { return *db_; }

    // What an imported ORCID record listing w:2 leaves behind for `person`.
    void import_orcid_record(std::int64_t person, const std::string& orcid) {
        const std::string id = std::to_string(person), quoted = "'" + orcid + "'";
        db().exec("INSERT INTO identifiers (scheme, value, person_id) VALUES ('orcid', " + quoted + ", " +
                  id + ")");
        db().exec(
            "INSERT INTO provenance (entity, entity_id, source, source_record_id, fetched_at) VALUES "
            "('person', " +
            id + ", 'orcid', " + quoted +
            ", '2024-01-02'), "
            "('work', 2, 'orcid', " +
            quoted + ", '2024-01-02') ON CONFLICT DO NOTHING");
        db().exec("UPDATE authorships SET orcid = " + quoted + " WHERE work_id = 2 AND person_id = " + id);
    }

    Config config_with(const std::string& yaml) {
        auto path = dir_ / "config.yaml";
        std::ofstream(path) << yaml;
        std::vector<std::string> warnings;
        Config config = Config::load(path, warnings);
        EXPECT_TRUE(warnings.empty());
        return config;
    }

    std::filesystem::path dir_;
    std::unique_ptr<Database> db_;
};

const TrustComponent& component(const Trust& trust, std::string_view name) {
    for (const auto& c : trust.components)
        if (c.name == name) return c;
    throw std::runtime_error("no component " + std::string(name));
}

TEST_F(TrustTest, LevelsRiseWithTheirEvidence) {
    db().exec("INSERT INTO people (id, display_name, name_key) VALUES (3, 'Nobody', 'nobody')");
    EXPECT_EQ(verification_of(db(), 3).level, 0);
    EXPECT_EQ(verification_of(db(), 3).reason, "a name only: no work carries a DOI or an arXiv id");

    Verification l1 = verification_of(db(), kAda);
    EXPECT_EQ(l1.level, 1);
    EXPECT_EQ(l1.reason, "2 of 2 works carry a DOI or an arXiv id; no ORCID record ties them to the person");

    // An ORCID printed on an authorship is no assertion by its holder: still L1.
    db().exec("UPDATE authorships SET orcid = '0000-0002-1825-0097' WHERE person_id = 1");
    EXPECT_EQ(verification_of(db(), kAda).level, 1);

    import_orcid_record(kAda, "0000-0002-1825-0097");
    Verification l2 = verification_of(db(), kAda);
    EXPECT_EQ(l2.level, 2);
    EXPECT_EQ(l2.reason, "the imported ORCID record 0000-0002-1825-0097 lists 1 of the person's works");
    EXPECT_FALSE(l2.claimed_by);

    db().exec(
        "INSERT INTO claims (id, person_id, user_id, orcid, evidence, created_at) "
        "VALUES (1, 1, 1, '0000-0002-1825-0097', '[\"w:2\"]', '2024-01-03')");
    Verification l3 = verification_of(db(), kAda);
    EXPECT_EQ(l3.level, 3);
    EXPECT_EQ(l3.claimed_by, "ada");

    // A withdrawn claim proves nothing any more.
    db().exec("UPDATE claims SET withdrawn_at = '2024-01-04' WHERE id = 1");
    EXPECT_EQ(verification_of(db(), kAda).level, 2);
    EXPECT_FALSE(verification_of(db(), kAda).claimed_by);
}

TEST_F(TrustTest, WeightsBecomeWholePointsAddingUpTo100) {
    EXPECT_EQ(weight_points(TrustWeights{}), (std::array<int, 6>{25, 20, 15, 15, 15, 10}));
    EXPECT_EQ(weight_points(TrustWeights{1, 1, 1, 0, 0, 0}), (std::array<int, 6>{34, 33, 33, 0, 0, 0}));
    EXPECT_EQ(weight_points(TrustWeights{1, 1, 1, 1, 1, 1}), (std::array<int, 6>{17, 17, 17, 17, 16, 16}));
    EXPECT_EQ(weight_points(TrustWeights{50, 40, 30, 30, 30, 20}), weight_points(TrustWeights{}));
    EXPECT_THROW(weight_points(TrustWeights{0, 0, 0, 0, 0, 0}), Error);
}

TEST_F(TrustTest, TheComponentsAreTheDocumentedValuesAndAddUpToTheScore) {
    Trust trust = trust_of(db(), kAda, TrustOptions{});
    ASSERT_EQ(trust.components.size(), 6u);
    EXPECT_NEAR(component(trust, "identity").value, 1.0 / 3, 1e-9);       // L1
    EXPECT_NEAR(component(trust, "coherence").value, 0.8, 1e-9);          // mean confidence
    EXPECT_NEAR(component(trust, "corroboration").value, 0.5, 1e-9);      // w:1 from two sources
    EXPECT_NEAR(component(trust, "depth").value, 0.5 + 0.5 * 0.6, 1e-9);  // all ids; 6 years of 10
    EXPECT_EQ(component(trust, "network").value, 0.0);                    // Charles is L1
    EXPECT_EQ(component(trust, "community").value, 0.0);
    // 25/3 → 8, 0.8 × 20 → 16, 0.5 × 15 → 8 (7.5 rounds up), 0.8 × 15 → 12.
    std::vector<int> points;
    for (const auto& c : trust.components) {
        points.push_back(c.points);
        EXPECT_EQ(c.points, std::lround(c.value * c.max_points)) << c.name;
    }
    EXPECT_EQ(points, (std::vector<int>{8, 16, 8, 12, 0, 0}));
    EXPECT_EQ(trust.score, 44);
    EXPECT_EQ(trust.band, "Established");
    EXPECT_EQ(component(trust, "corroboration").evidence,
              "1 of 2 works confirmed: 1 by two independent sources, 0 listed by the ORCID record");

    // Charles's ORCID record makes him a verified close collaborator (and is a second source of
    // w:2); three users follow Ada.
    import_orcid_record(kCharles, "0000-0001-5109-3700");
    db().exec(
        "INSERT INTO follows (user_id, person_id, created_at, seen_until) VALUES "
        "(1, 1, '2024-01-01', '2024-01-01'), (2, 1, '2024-01-01', '2024-01-01'), (3, 1, '2024-01-01', "
        "'2024-01-01')");
    Trust more = trust_of(db(), kAda, TrustOptions{});
    EXPECT_EQ(component(more, "corroboration").points, 15);
    EXPECT_EQ(component(more, "network").points, 15);
    EXPECT_EQ(component(more, "community").points, 3);  // 3 of 10 followers × 10
    EXPECT_EQ(more.score, 44 + 7 + 15 + 3);
    EXPECT_EQ(more.band, "Trusted");
    EXPECT_EQ(follower_count(db(), kAda), 3);
    // Fewer joint works than close_min_shared asks: no close collaborator, no network points.
    TrustOptions strict;
    strict.close_min_shared = 3;
    EXPECT_EQ(component(trust_of(db(), kAda, strict), "network").points, 0);
}

TEST_F(TrustTest, TheOrcidRecordCorroboratesTheWorksItLists) {
    // w:2 known from the ORCID record alone: the record, not a second source, confirms it.
    db().exec("DELETE FROM provenance WHERE entity = 'work' AND entity_id = 2");
    import_orcid_record(kAda, "0000-0002-1825-0097");
    Trust trust = trust_of(db(), kAda, TrustOptions{});
    EXPECT_EQ(component(trust, "corroboration").value, 1.0);
    EXPECT_EQ(component(trust, "corroboration").evidence,
              "2 of 2 works confirmed: 1 by two independent sources, 1 listed by the ORCID record");
    EXPECT_NEAR(component(trust, "identity").value, 2.0 / 3, 1e-9);
}

TEST_F(TrustTest, AClaimGivesFullIdentityPoints) {
    import_orcid_record(kAda, "0000-0002-1825-0097");
    db().exec(
        "INSERT INTO claims (person_id, user_id, orcid, evidence, created_at) "
        "VALUES (1, 1, '0000-0002-1825-0097', '[]', '2024-01-03')");
    EXPECT_EQ(component(trust_of(db(), kAda, TrustOptions{}), "identity").points, 25);
}

TEST_F(TrustTest, ChangingAWeightInTheConfigChangesTheScoreAsDocumented) {
    Config defaults = config_with("");
    EXPECT_EQ(trust_of(db(), kAda, trust_options(defaults)).score, 44);

    // Identity alone: the whole 100 points on level / 3 = 1/3.
    Config identity_only = config_with(
        "trust:\n  weights:\n    identity: 1\n    coherence: 0\n    corroboration: 0\n    depth: 0\n"
        "    network: 0\n    community: 0\n");
    Trust identity = trust_of(db(), kAda, trust_options(identity_only));
    EXPECT_EQ(component(identity, "identity").max_points, 100);
    EXPECT_EQ(identity.score, 33);

    // Doubling coherence's weight: 120 shares scaled to 100 points, 20.83, 33.33, 12.5, 12.5, 12.5
    // and 8.33, rounded down to 97 points; the 3 left go to the largest fractions (identity's,
    // then the first two of the tied halves).
    Config coherence_doubled = config_with("trust:\n  weights:\n    coherence: 40\n");
    Trust doubled = trust_of(db(), kAda, trust_options(coherence_doubled));
    std::vector<int> max_points;
    for (const auto& c : doubled.components) max_points.push_back(c.max_points);
    EXPECT_EQ(max_points, (std::vector<int>{21, 33, 13, 13, 12, 8}));
    EXPECT_EQ(doubled.score, 7 + 26 + 7 + 10);  // 1/3×21, 0.8×33, 0.5×13 (6.5 → 7), 0.8×13 (10.4)
}

}  // namespace
}  // namespace bzpeer::social
