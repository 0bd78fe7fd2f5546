// Person resolution: accuracy on the synthetic development set (bench/devset) against two
// baselines, and the hard constraints that no evidence may override.

#include "bzpeer/identity/resolver.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "devset.hpp"

namespace {

using bzpeer::devset::DevSet;
using bzpeer::resolver::Constraints;
using bzpeer::resolver::Evidence;
using bzpeer::resolver::Mention;
using bzpeer::resolver::Options;
using bzpeer::resolver::Result;

// ---- Baselines ------------------------------------------------------------------------

// Every work of the name is one person.
std::vector<int> one_person(const std::vector<Mention>& mentions) {
    return std::vector<int>(mentions.size(), 0);
}

struct Outcome {
    bzpeer::ClusterScores found, one, coauthors;  // the resolver's, and the two baselines'
    int clusters = 0;
};

Outcome evaluate(const bzpeer::devset::Options& generation, bool verbose) {
    DevSet set = bzpeer::devset::generate(generation);
    const Options options = bzpeer::resolver::options_for(set.block_key);
    Result result = bzpeer::resolver::resolve(set.mentions, {}, options);
    Outcome o;
    o.clusters = result.clusters;
    o.found = bzpeer::devset::score(set, result.cluster);
    o.one = bzpeer::devset::score(set, one_person(set.mentions));
    o.coauthors = bzpeer::devset::score(set, bzpeer::devset::coauthor_components(set.mentions));

    std::printf(
        "  %s seed %llu: %zu people, %zu mentions (%zu more printed into another block), %d clusters\n",
        set.name.c_str(), static_cast<unsigned long long>(generation.seed), set.people.size(),
        set.mentions.size(), set.outside_block, result.clusters);
    std::printf("%s", bzpeer::devset::describe_people(set).c_str());
    auto line = [](const char* what, const bzpeer::ClusterScores& s) {
        std::printf("    %-22s B3 P %.3f R %.3f F1 %.3f | pairwise P %.3f R %.3f F1 %.3f\n", what,
                    s.b3_precision, s.b3_recall, s.b3_f1, s.pairwise_precision, s.pairwise_recall,
                    s.pairwise_f1);
    };
    line("resolver", o.found);
    line("one person", o.one);
    line("shared co-authors only", o.coauthors);
    if (verbose || o.found.b3_f1 < 0.9)
        std::printf("%s", bzpeer::devset::explain_errors(set, result, options).c_str());
    std::fflush(stdout);
    return o;
}

bool verbose() { return std::getenv("BZPEER_RESOLVER_VERBOSE") != nullptr; }

// A regression floor under the level the resolver reaches today on every seed of this
// deliberately hard set (several people per field, common co-author names shared between
// namesakes); the goal is 0.95 on real cases.
constexpr double kBar = 0.72;
constexpr double kMargin = 0.25;  // by which it must beat calling every work one person

void check(const Outcome& o) {
    EXPECT_GE(o.found.b3_f1, kBar);
    EXPECT_LE(o.one.b3_f1, o.found.b3_f1 - kMargin) << "no better than calling every work one person";
}

// Over the seeds, the resolver must beat joining works through shared co-authors alone (single
// seeds may not: a set whose people all keep tight circles suits that baseline).
void check_mean(const std::vector<Outcome>& outcomes) {
    double resolver = 0, coauthors = 0;
    for (const auto& o : outcomes) resolver += o.found.b3_f1, coauthors += o.coauthors.b3_f1;
    EXPECT_GT(resolver / outcomes.size(), coauthors / outcomes.size() + 0.05);
}

}  // namespace

// ---- Accuracy on the development set -------------------------------------------------------

class ResolverDevsetBoZheng : public testing::TestWithParam<std::uint64_t> {};

TEST_P(ResolverDevsetBoZheng, SixPeopleSplitApart) {
    bzpeer::devset::Options g;
    g.people = 6;
    g.works_per_person = 10;
    g.seed = GetParam();
    g.name = "Bo Zheng";
    check(evaluate(g, verbose()));
}

INSTANTIATE_TEST_SUITE_P(Seeds, ResolverDevsetBoZheng, testing::Values(1, 2, 3));

class ResolverDevsetRareName : public testing::TestWithParam<std::uint64_t> {};

TEST_P(ResolverDevsetRareName, FourPeopleSplitApart) {
    bzpeer::devset::Options g;
    g.people = 4;
    g.works_per_person = 8;
    g.seed = GetParam();
    g.name = "Adrian Kowalczyk";
    check(evaluate(g, verbose()));
}

INSTANTIATE_TEST_SUITE_P(Seeds, ResolverDevsetRareName, testing::Values(1, 2, 3));

TEST(ResolverDevset, BeatsCoauthorsAloneOverTheSeeds) {
    for (auto [name, people, works] : {std::tuple{"Bo Zheng", 6, 10}, std::tuple{"Adrian Kowalczyk", 4, 8}}) {
        SCOPED_TRACE(name);
        std::vector<Outcome> outcomes;
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            bzpeer::devset::Options g;
            g.people = people;
            g.works_per_person = works;
            g.seed = seed;
            g.name = name;
            outcomes.push_back(evaluate(g, false));
        }
        check_mean(outcomes);
    }
}

// The shape of the reference profile page: 35 works under one name, 65% of them one prolific
// person's (calling every work one person scores 0.64, as on the real case the issue cites) and
// the rest four namesakes'. Over ten seeds the resolver must reach 0.85 and beat both baselines.
TEST(ResolverDevset, ReferencePageShape) {
    double resolver = 0, one = 0, coauthors = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        bzpeer::devset::Options g;
        g.people = 5;
        g.works_per_person = 7;
        g.lead_share = 0.65;
        g.seed = seed;
        Outcome o = evaluate(g, verbose());
        resolver += o.found.b3_f1 / 10, one += o.one.b3_f1 / 10, coauthors += o.coauthors.b3_f1 / 10;
    }
    EXPECT_GE(resolver, 0.85);
    EXPECT_GT(resolver, coauthors);
    EXPECT_GT(resolver, one + 0.15);
}

// The committed fixtures are what the generator makes for the command in their README.
TEST(ResolverDevset, FixturesAreCurrent) {
    struct Case {
        const char* name;
        int people, works;
        std::uint64_t seed;
        const char* stem;
    };
    for (const Case& c : {Case{"Bo Zheng", 6, 10, 1, "bo_zheng_6_people"},
                          Case{"Adrian Kowalczyk", 4, 8, 1, "adrian_kowalczyk_4_people"}}) {
        bzpeer::devset::Options g;
        g.people = c.people;
        g.works_per_person = c.works;
        g.seed = c.seed;
        g.name = c.name;
        DevSet set = bzpeer::devset::generate(g);
        auto read = [](const std::string& path) {
            std::ifstream file(path, std::ios::binary);
            std::stringstream text;
            text << file.rdbuf();
            return text.str();
        };
        const std::string dir = std::string(BZPEER_FIXTURES_DIR) + "/devset/";
        EXPECT_EQ(read(dir + c.stem + ".xml"), bzpeer::devset::atom_feed(set))
            << c.stem << ".xml differs from the generator's output; regenerate it as its README says";
        EXPECT_EQ(read(dir + c.stem + ".truth.json"), bzpeer::devset::truth_json(set))
            << c.stem << ".truth.json differs from the generator's output; regenerate it as its README says";
    }
}

TEST(ResolverDevset, SameSeedSameSet) {
    bzpeer::devset::Options g;
    g.seed = 42;
    EXPECT_EQ(bzpeer::devset::atom_feed(bzpeer::devset::generate(g)),
              bzpeer::devset::atom_feed(bzpeer::devset::generate(g)));
    g.seed = 43;
    DevSet other = bzpeer::devset::generate(g);
    EXPECT_EQ(other.works.size(), 60u);
    EXPECT_EQ(other.mentions.size() + other.outside_block, other.works.size());
}

// ---- Hard constraints -------------------------------------------------------------------

namespace {

// Mentions that all the soft evidence says are one person: same co-authors, field, words, year.
Mention twin(std::int64_t work, std::string given = "Bo", std::string orcid = "") {
    Mention m;
    m.id = work;
    m.work = work;
    m.given = std::move(given);
    m.orcid = std::move(orcid);
    m.coauthors = {"wang y", "chen h", "kowalski p", "li j"};
    m.categories = {"cs.CL", "cs.AI"};
    m.words = bzpeer::resolver::content_words(
        "Multilingual translation for low-resource languages: tokenization, crosslingual transfer and "
        "pretraining corpora for African and Indic languages with instruction tuning");
    m.year = 2022;
    return m;
}

// A mention that shares nothing with twin(): another field, co-authors, words and decade.
Mention stranger(std::int64_t work, std::string orcid = "") {
    Mention m;
    m.id = work;
    m.work = work;
    m.given = "Bo";
    m.orcid = std::move(orcid);
    m.coauthors = {"smith j", "garcia m"};
    m.categories = {"physics.ao-ph"};
    m.words = bzpeer::resolver::content_words(
        "Fossil fuel carbon dioxide emission inventory of power plants from satellite column retrievals");
    m.year = 2009;
    return m;
}

const Options kCommon = bzpeer::resolver::options_for("zheng b");

bool together(const Result& r, std::size_t a, std::size_t b) { return r.cluster[a] == r.cluster[b]; }

}  // namespace

TEST(ResolverConstraints, TwinsJoinWithoutConstraints) {
    // The premise of the tests below: without a constraint, twins are one person.
    std::vector<Mention> m = {twin(1), twin(2), twin(3, "B.")};
    auto r = bzpeer::resolver::resolve(m, {}, kCommon);
    EXPECT_EQ(r.clusters, 1);
}

TEST(ResolverConstraints, SettledPeopleTakeInNothingAndJoinNothing) {
    // Twins 1-2 are one settled person, 3 another; 4 and 5 are free to join each other only.
    std::vector<Mention> m = {twin(1), twin(2), twin(3), twin(4), twin(5)};
    Constraints c;
    c.settled = {{0, 1}, {2}};
    auto r = bzpeer::resolver::resolve(m, c, kCommon);
    EXPECT_EQ(r.clusters, 3);
    EXPECT_TRUE(together(r, 0, 1));
    EXPECT_FALSE(together(r, 1, 2));
    EXPECT_TRUE(together(r, 3, 4));
    EXPECT_FALSE(together(r, 0, 3));
    EXPECT_FALSE(together(r, 2, 3));
}

TEST(ResolverConstraints, TwoMentionsOnOneWorkNeverJoin) {
    std::vector<Mention> m = {twin(1), twin(1, "B."), twin(2)};
    auto r = bzpeer::resolver::resolve(m, {}, kCommon);
    EXPECT_FALSE(together(r, 0, 1));
}

TEST(ResolverConstraints, DifferentOrcidsNeverJoin) {
    std::vector<Mention> m = {twin(1, "Bo", "0000-0002-1825-0097"), twin(2, "Bo", "0000-0001-5109-3700"),
                              twin(3)};
    auto r = bzpeer::resolver::resolve(m, {}, kCommon);
    EXPECT_FALSE(together(r, 0, 1));
}

TEST(ResolverConstraints, SameOrcidAlwaysJoins) {
    std::vector<Mention> m = {twin(1, "Bo", "0000-0002-1825-0097"), stranger(2, "0000-0002-1825-0097")};
    auto r = bzpeer::resolver::resolve(m, {}, kCommon);
    EXPECT_TRUE(together(r, 0, 1));
    EXPECT_EQ(r.reason[0], "orcid");
    EXPECT_EQ(r.reason[1], "orcid");
    // With the ORCIDs hidden (as `eval --orcid` does) the evidence alone keeps them apart.
    Options hidden = kCommon;
    hidden.use_orcid = false;
    EXPECT_FALSE(together(bzpeer::resolver::resolve(m, {}, hidden), 0, 1));
}

TEST(ResolverConstraints, SameGroupJoins) {
    std::vector<Mention> m = {twin(1), stranger(2), stranger(3)};
    m[2].categories = {"astro-ph.GA"};
    Constraints c;
    c.same = {{0, 1, 2}};
    auto r = bzpeer::resolver::resolve(m, c, kCommon);
    EXPECT_TRUE(together(r, 0, 1));
    EXPECT_TRUE(together(r, 1, 2));
    EXPECT_EQ(r.reason[0], "assertion");
}

TEST(ResolverConstraints, DifferentPairStaysApart) {
    std::vector<Mention> m = {twin(1), twin(2), twin(3), twin(4, "B.")};
    Constraints c;
    c.different = {{0, 1}};
    auto r = bzpeer::resolver::resolve(m, c, kCommon);
    EXPECT_FALSE(together(r, 0, 1));  // even though 2 and 3 are twins of both
}

TEST(ResolverConstraints, BoAndBinNeverJoin) {
    std::vector<Mention> m = {twin(1, "Bo"), twin(2, "Bin"), twin(3, "B."), twin(4, "B.")};
    auto r = bzpeer::resolver::resolve(m, {}, kCommon);
    EXPECT_FALSE(together(r, 0, 1));  // "B." may go with either, never bring them together
}

// The scores eval and the benchmarks report (bzpeer::score_clusters), on a case worked by hand.
TEST(ResolverScores, MetricsOnKnownCases) {
    // truth {a,a,b,b}; found {x,x,x,y}
    auto s = bzpeer::score_clusters({"a", "a", "b", "b"}, {"x", "x", "x", "y"});
    EXPECT_NEAR(s.b3_precision, (2.0 / 3 + 2.0 / 3 + 1.0 / 3 + 1) / 4, 1e-12);
    EXPECT_NEAR(s.b3_recall, (1 + 1 + 0.5 + 0.5) / 4, 1e-12);
    EXPECT_NEAR(s.pairwise_precision, 1.0 / 3, 1e-12);
    EXPECT_NEAR(s.pairwise_recall, 1.0 / 2, 1e-12);
    EXPECT_EQ(s.true_clusters, 2u);
    EXPECT_EQ(s.predicted_clusters, 2u);
    auto same = bzpeer::score_clusters({"a", "a", "b"}, {"1", "1", "2"});
    EXPECT_DOUBLE_EQ(same.b3_f1, 1.0);
    EXPECT_DOUBLE_EQ(same.pairwise_f1, 1.0);
}
