// End-to-end claims, follows and the feed, on the committed fixtures: a claim backed by an
// ORCID record succeeds, one the record does not back is refused leaving the database as it
// was, one ORCID claims one person, and the feed shows each new work of a followed person once.
#include <gtest/gtest.h>

#include <set>

#include "cli_harness.hpp"

namespace {

using namespace bzpeer::cli_test;

const char* kCrossrefWork = "crossmerge/crossref_work_10.1142_S021797921244002X.json";
const char* kOrcidRecord = "crossmerge/orcid_record_0000-0002-1825-0097.json";
const char* kOrcid = "0000-0002-1825-0097";
// Another person's works list (ORCID /works): none of them is Adrian Del Maestro's.
const char* kOtherWorks = "orcid/works_0000-0002-9341-7985.json";
const char* kOtherOrcid = "0000-0002-9341-7985";

class ClaimsTest : public CliTest {
protected:
    void SetUp() override {
        CliTest::SetUp();
        ASSERT_NO_FATAL_FAILURE(init());
        ASSERT_EQ(run({"config", "set", "user.name", "alice"}).exit_code, 0);
        ASSERT_EQ(run({"config", "set", "user.orcid", kOrcid}).exit_code, 0);
    }

    std::string only_person(const std::string& name) {
        simdjson::dom::parser parser;
        std::string text = json({"people", name});
        element people = parser.parse(text);
        EXPECT_EQ(length(people), 1u) << text;
        return str(people.at(0)["id"]);
    }

    // The live claims as (person, user, orcid).
    std::vector<std::vector<std::string>> claims(bool all = false) {
        simdjson::dom::parser parser;
        std::string text = all ? json({"claims", "--all"}) : json({"claims"});
        std::vector<std::vector<std::string>> out;
        for (element c : simdjson::dom::array(parser.parse(text)))
            out.push_back({str(c["person"]), str(c["user"]), str(c["orcid"])});
        return out;
    }

    // The feed as "kind id title-or-name" lines.
    std::vector<std::string> feed(const std::vector<std::string>& extra = {}) {
        std::vector<std::string> args{"feed"};
        args.insert(args.end(), extra.begin(), extra.end());
        simdjson::dom::parser parser;
        std::string text = json(args);
        std::vector<std::string> out;
        for (element item : simdjson::dom::array(parser.parse(text))) {
            std::string kind = str(item["kind"]);
            out.push_back(kind + " " + str(item["id"]) + " " +
                          str(item[kind == "work" ? "title" : "collaborator"]));
        }
        return out;
    }

    std::string work_id(const std::string& reference) {
        simdjson::dom::parser parser;
        std::string text = json({"works"});
        for (element w : simdjson::dom::array(parser.parse(text))) {
            std::string_view arxiv, doi;
            if (w["ids"]["arxiv"].get(arxiv)) arxiv = {};
            if (w["ids"]["doi"].get(doi)) doi = {};
            if (arxiv == reference || doi == reference) return str(w["id"]);
        }
        ADD_FAILURE() << "no work " << reference << " in " << text;
        return "";
    }
};

TEST_F(ClaimsTest, AClaimTheOrcidRecordBacksSucceedsAndSignsTheClaimantsCorrections) {
    import("orcid", kOrcidRecord);
    import("crossref", kCrossrefWork);
    const std::string person = only_person("Adrian Del Maestro");

    auto r = run({"claim", person});  // the ORCID of config user.orcid
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_EQ(claims(), (std::vector<std::vector<std::string>>{{person, "alice", kOrcid}}));

    simdjson::dom::parser parser;
    std::string claims_text = json({"claims"});
    element claim = parser.parse(claims_text).at(0);
    EXPECT_EQ(strings(claim["shared_works"]),
              (std::vector<std::string>{"arxiv:1201.4869", "arxiv:1005.5383"}))
        << claims_text;

    simdjson::dom::parser who_parser;
    std::string who_text = json({"whoami"});
    element who = who_parser.parse(who_text);
    EXPECT_EQ(str(who["user"]), "alice");
    EXPECT_EQ(str(who["claimed"]), person);

    // The claimant's correction names them in the ledger; another user's does not.
    auto disown = run({"works", "disown", "1005.5383", "--from", person});
    ASSERT_EQ(disown.exit_code, 0) << disown.describe();
    simdjson::dom::parser ledger_parser;
    std::string ledger_text = json({"ledger", "export"});
    element ledger = ledger_parser.parse(ledger_text);
    ASSERT_EQ(length(ledger), 1u) << ledger_text;
    EXPECT_EQ(str(ledger.at(0)["by"]), "alice") << ledger_text;
    EXPECT_EQ(str(ledger.at(0)["command"]), "works disown " + work_id("1005.5383") + " --from " + person);
}

TEST_F(ClaimsTest, AClaimTheRecordDoesNotBackIsRefusedWithTheReasonAndChangesNothing) {
    import("orcid", kOrcidRecord);
    import("crossref", kCrossrefWork);
    import("orcid", kOtherWorks);
    const std::string person = only_person("Adrian Del Maestro");
    const std::string before = read_file(db_);

    auto r = run({"claim", person, "--orcid", kOtherOrcid});
    EXPECT_EQ(r.exit_code, 1) << r.describe();
    EXPECT_TRUE(contains(
        r.err, std::string("ORCID ") + kOtherOrcid + "'s record lists 0 of " + person + "'s 2 works"))
        << r.describe();
    EXPECT_TRUE(contains(r.err, "it lacks w:")) << r.describe();
    EXPECT_TRUE(contains(r.err, "arxiv:1005.5383")) << r.describe();
    EXPECT_EQ(read_file(db_), before) << "a refused claim changed the database";
    EXPECT_TRUE(claims(true).empty());

    // A checksum that does not match is a usage error; an ORCID not stored, offline, not found.
    EXPECT_EQ(run({"claim", person, "--orcid", "0000-0002-1825-0098"}).exit_code, 2);
    auto unknown = run({"claim", person, "--orcid", "0000-0001-5109-3700", "--offline"});
    EXPECT_EQ(unknown.exit_code, 3) << unknown.describe();
    EXPECT_TRUE(contains(unknown.err, "0000-0001-5109-3700 is not in the database")) << unknown.describe();
    EXPECT_EQ(read_file(db_), before);
}

TEST_F(ClaimsTest, OneOrcidClaimsOnePersonUntilTheClaimIsWithdrawn) {
    import("orcid", kOrcidRecord);
    import("crossref", kCrossrefWork);
    const std::string person = only_person("Adrian Del Maestro");
    ASSERT_EQ(run({"claim", person}).exit_code, 0);

    auto second = run({"--as", "bob", "claim", person, "--orcid", kOrcid});
    EXPECT_EQ(second.exit_code, 1) << second.describe();
    EXPECT_TRUE(contains(
        second.err, std::string("ORCID ") + kOrcid + " is already claimed: " + person + " by user alice"))
        << second.describe();
    EXPECT_EQ(claims(), (std::vector<std::vector<std::string>>{{person, "alice", kOrcid}}));

    // Only the claimant withdraws a claim.
    EXPECT_EQ(run({"--as", "bob", "unclaim", person}).exit_code, 1);
    auto unclaim = run({"unclaim", person});
    ASSERT_EQ(unclaim.exit_code, 0) << unclaim.describe();
    EXPECT_TRUE(claims().empty());

    auto again = run({"--as", "bob", "claim", person, "--orcid", kOrcid});
    ASSERT_EQ(again.exit_code, 0) << again.describe();
    EXPECT_EQ(claims(), (std::vector<std::vector<std::string>>{{person, "bob", kOrcid}}));
    EXPECT_EQ(claims(true),
              (std::vector<std::vector<std::string>>{{person, "alice", kOrcid}, {person, "bob", kOrcid}}));
}

TEST_F(ClaimsTest, TheFeedShowsTheNewWorksOfAFollowedPersonOnce) {
    import("orcid", kOrcidRecord);  // two works
    const std::string person = only_person("Adrian Del Maestro");
    auto follow = run({"follow", person});
    ASSERT_EQ(follow.exit_code, 0) << follow.describe();
    EXPECT_TRUE(feed().empty()) << "what was stored before the follow is not news";
    import("crossref", kCrossrefWork);  // one of the two again: nothing new
    EXPECT_TRUE(feed({"--since", "2999-01-01"}).empty());

    const std::set<std::string> before{work_id("1005.5383"), work_id("10.1142/s021797921244002x")};
    import("arxiv", "arxiv/legacy2016_search_au_del_maestro_10_entries.xml");  // 8 more works, co-authors
    ASSERT_EQ(only_person("Adrian Del Maestro"), person);
    simdjson::dom::parser parser;
    std::string following_text = json({"following"});
    element following = parser.parse(following_text);
    ASSERT_EQ(length(following), 1u) << following_text;
    EXPECT_EQ(str(following.at(0)["person"]), person);
    EXPECT_EQ(num(following.at(0)["new_works"]), 8);

    // The feed: the person's works but the two stored before, and every co-author but those of
    // the works stored before (Crossref's co-authors of the nanopores paper).
    std::set<std::string> expected_works, expected_collaborators, known_before;
    simdjson::dom::parser works_parser;
    std::string works_text = json({"works", person});
    for (element w : simdjson::dom::array(works_parser.parse(works_text))) {
        if (!before.count(str(w["id"]))) {
            expected_works.insert(str(w["id"]));
            continue;
        }
        for (element a : simdjson::dom::array(w["authorships"]))
            if (a["person"].is_string()) known_before.insert(str(a["person"]));
    }
    simdjson::dom::parser co_parser;
    std::string co_text = json({"collaborators", person});
    for (element c : simdjson::dom::array(co_parser.parse(co_text)))
        if (!known_before.count(str(c["id"]))) expected_collaborators.insert(str(c["id"]));
    ASSERT_EQ(expected_works.size(), 8u) << works_text;
    ASSERT_FALSE(expected_collaborators.empty()) << co_text;

    std::set<std::string> works, collaborators;
    auto shown = feed();
    for (const auto& line : shown) {
        auto fields = split(line, ' ');
        (fields[0] == "work" ? works : collaborators).insert(fields[1]);
    }
    EXPECT_EQ(shown.size(), works.size() + collaborators.size()) << "each item once";
    EXPECT_EQ(works, expected_works);
    EXPECT_EQ(collaborators, expected_collaborators);
    EXPECT_TRUE(feed().empty()) << "a second feed shows nothing new";

    // --since looks further back and marks nothing.
    std::set<std::string> since_works;
    for (const auto& line : feed({"--since", "2000-01-01"}))
        if (line.rfind("work ", 0) == 0) since_works.insert(split(line, ' ')[1]);
    EXPECT_EQ(since_works.size(), 10u);
    EXPECT_TRUE(feed().empty());

    ASSERT_EQ(run({"unfollow", person}).exit_code, 0);
    EXPECT_TRUE(feed({"--since", "2000-01-01"}).empty());
}

}  // namespace
