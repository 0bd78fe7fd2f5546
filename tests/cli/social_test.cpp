// End-to-end trust and verification: `bzpeer trust` and the profile's header on the committed
// fixtures, at L1 (arXiv records), at L2 (an imported ORCID record), and on the dev-set feed,
// where a record holding several people scores below each of the people it is split into.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "cli_harness.hpp"

namespace {

using namespace bzpeer::cli_test;

const char* kDelMaestro = "arxiv/legacy2016_search_au_del_maestro_10_entries.xml";

class SocialTest : public CliTest {
protected:
    void import(const std::string& source, const std::string& relative, const Env& env = {}) {
        auto r = run({"import", source, "--file", fixture(relative).string()}, env);
        ASSERT_EQ(r.exit_code, 0) << r.describe();
    }

    std::string json(const std::vector<std::string>& args, const Env& env = {}) {
        auto full = args;
        full.insert(full.end(), {"--format", "json"});
        auto r = run(full, env);
        EXPECT_EQ(r.exit_code, 0) << r.describe();
        return r.out;
    }

    // The person's trust score, read from `bzpeer trust PERSON --explain`, after checking that
    // the components' points add up to it and that its band is the documented one.
    std::int64_t checked_score(const std::string& person, const Env& env = {}) {
        std::string text = json({"trust", person, "--explain"}, env);
        simdjson::dom::parser parser;
        element trust = parser.parse(text);
        std::int64_t sum = 0, max_sum = 0;
        for (element c : simdjson::dom::array(trust["components"])) {
            double value = c["value"];
            EXPECT_GE(value, 0.0) << text;
            EXPECT_LE(value, 1.0) << text;
            EXPECT_EQ(num(c["points"]), std::llround(value * double(num(c["max_points"])))) << text;
            sum += num(c["points"]);
            max_sum += num(c["max_points"]);
        }
        EXPECT_EQ(length(trust["components"]), 6u) << text;
        EXPECT_EQ(max_sum, 100) << text;
        std::int64_t score = num(trust["score"]);
        EXPECT_EQ(sum, score) << text;
        const char* band = score >= 80   ? "Highly trusted"
                           : score >= 60 ? "Trusted"
                           : score >= 40 ? "Established"
                           : score >= 20 ? "Emerging"
                                         : "Unverified";
        EXPECT_EQ(str(trust["band"]), band) << text;
        return score;
    }
};

TEST_F(SocialTest, AnArxivAuthorIsL1AndTheProfileSaysSo) {
    ASSERT_NO_FATAL_FAILURE(init());
    import("arxiv", kDelMaestro);
    std::string text = json({"trust", "Adrian Del Maestro"});
    simdjson::dom::parser parser;
    element trust = parser.parse(text);
    EXPECT_EQ(num(trust["verification"]["level"]), 1) << text;
    EXPECT_EQ(str(trust["verification"]["reason"]),
              "10 of 10 works carry a DOI or an arXiv id; no ORCID record ties them to the person");
    EXPECT_FALSE(has_key(trust, "components")) << text;  // only with --explain
    const std::int64_t score = checked_score("Adrian Del Maestro");
    EXPECT_EQ(num(trust["score"]), score);

    std::string profile_text = json({"profile", "Adrian Del Maestro"});
    simdjson::dom::parser profile_parser;
    element profile = profile_parser.parse(profile_text);
    EXPECT_EQ(num(profile["verification"]["level"]), 1) << profile_text;
    EXPECT_EQ(num(profile["trust"]["score"]), score) << profile_text;
    EXPECT_EQ(str(profile["trust"]["band"]), str(trust["band"])) << profile_text;
    EXPECT_TRUE(profile["claimed_by"].is_null()) << profile_text;
    EXPECT_EQ(num(profile["counts"]["followers"]), 0) << profile_text;

    auto markdown = run({"profile", "Adrian Del Maestro", "--format", "markdown", "--no-abstracts"});
    EXPECT_TRUE(contains(markdown.out, "unclaimed")) << markdown.out;
    EXPECT_TRUE(contains(markdown.out, "L1: 10 of 10 works carry a DOI or an arXiv id")) << markdown.out;
    EXPECT_TRUE(contains(markdown.out, std::to_string(score) + " / 100, " + str(trust["band"])))
        << markdown.out;

    // The explanation as a table names every component.
    auto table = run({"trust", "Adrian Del Maestro", "--explain", "--format", "markdown"});
    ASSERT_EQ(table.exit_code, 0) << table.describe();
    for (const char* name :
         {"identity", "coherence", "corroboration", "depth", "network", "community", "total"})
        EXPECT_TRUE(contains(table.out, std::string("| ") + name + " |")) << name << "\n" << table.out;
}

TEST_F(SocialTest, AnImportedOrcidRecordListingTheWorksMakesL2) {
    ASSERT_NO_FATAL_FAILURE(init());
    import("arxiv", kDelMaestro);
    const std::int64_t before = checked_score("Adrian Del Maestro");
    import("crossref", "crossmerge/crossref_work_10.1142_S021797921244002X.json");
    import("orcid", "crossmerge/orcid_record_0000-0002-1825-0097.json");

    std::string text = json({"trust", "0000-0002-1825-0097", "--explain"});
    simdjson::dom::parser parser;
    element trust = parser.parse(text);
    EXPECT_EQ(num(trust["verification"]["level"]), 2) << text;
    EXPECT_TRUE(
        contains(str(trust["verification"]["reason"]), "imported ORCID record 0000-0002-1825-0097 lists"))
        << text;
    element identity = find_by(trust["components"], "name", "identity");
    EXPECT_EQ(num(identity["points"]), 17) << text;  // 2/3 of 25
    // The work arXiv, Crossref and ORCID all list is corroborated now: the score rose.
    element corroboration = find_by(trust["components"], "name", "corroboration");
    EXPECT_GT(double(corroboration["value"]), 0.0) << text;
    const std::int64_t after = checked_score("0000-0002-1825-0097");
    EXPECT_GT(after, before);

    std::string profile_text = json({"profile", "0000-0002-1825-0097"});
    simdjson::dom::parser profile_parser;
    element profile = profile_parser.parse(profile_text);
    EXPECT_EQ(num(profile["verification"]["level"]), 2) << profile_text;
    EXPECT_EQ(num(profile["trust"]["score"]), after) << profile_text;
}

// The dev-set feed: `people "Bo Zheng"` flags two persons as probably several people. Each
// scores below every person `people split --flagged` makes of it, and its profile warns first.
TEST_F(SocialTest, AFlaggedRecordScoresBelowEachOfItsParts) {
    ASSERT_NO_FATAL_FAILURE(init());
    import("arxiv", "devset/bo_zheng_6_people.xml");
    auto people_of = [&] {
        simdjson::dom::parser parser;
        std::map<std::string, bool> flagged;  // person -> probable merge
        std::string text = json({"people", "Bo Zheng"});
        for (element p : simdjson::dom::array(parser.parse(text)))
            flagged[str(p["id"])] = bool(p["probable_merge"]);
        return flagged;
    };
    auto before = people_of();
    std::map<std::string, std::int64_t> flagged_scores;
    for (const auto& [id, merged] : before)
        if (merged) flagged_scores[id] = checked_score(id);
    ASSERT_EQ(flagged_scores.size(), 2u);

    for (const auto& [id, score] : flagged_scores) {
        auto profile = run({"profile", id, "--format", "markdown", "--no-abstracts"});
        auto warning = profile.out.find("## Probably ");
        ASSERT_NE(warning, std::string::npos) << profile.out;
        // Right after the header: before every other section.
        EXPECT_EQ(profile.out.find("\n## "), warning - 1) << profile.out;

        auto split = run({"people", "split", id, "--flagged"});
        ASSERT_EQ(split.exit_code, 0) << split.describe();
        auto after = people_of();
        std::size_t parts = 0;
        for (const auto& [other, merged] : after) {
            if (before.count(other) && other != id) continue;  // a person the split did not touch
            EXPECT_FALSE(merged) << other;
            EXPECT_GT(checked_score(other), score) << other << " split from " << id;
            ++parts;
        }
        EXPECT_GE(parts, 2u) << id;
        before = after;
    }
}

}  // namespace
