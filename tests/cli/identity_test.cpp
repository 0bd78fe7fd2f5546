// End-to-end identity: one work from three sources, corrections that survive re-import and
// re-resolution, the ledger round trip, and eval.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cli_harness.hpp"

namespace {

using namespace bzpeer::cli_test;

const char* kDelMaestro = "arxiv/legacy2016_search_au_del_maestro_10_entries.xml";

class IdentityTest : public CliTest {
protected:
    void SetUp() override {
        CliTest::SetUp();
        ASSERT_NO_FATAL_FAILURE(init());
        import("arxiv", kDelMaestro);
    }

    // The arXiv ids of a person's works.
    std::set<std::string> arxiv_ids_of(const std::string& person) {
        simdjson::dom::parser parser;
        std::string text = json({"works", person});
        element works = parser.parse(text);
        std::set<std::string> ids;
        for (element w : simdjson::dom::array(works)) ids.insert(str(w["ids"]["arxiv"]));
        return ids;
    }

    // The id of the person the `people` command lists for `name`, which must be one.
    std::string only_person(const std::string& name) {
        simdjson::dom::parser parser;
        std::string text = json({"people", name});
        element people = parser.parse(text);
        EXPECT_EQ(length(people), 1u) << text;
        return str(people.at(0)["id"]);
    }

    // The person a work is attributed to, for the Del Maestro name.
    std::string owner_of(const std::string& arxiv) {
        simdjson::dom::parser parser;
        std::string text = json({"people", "Del Maestro"});
        element people = parser.parse(text);
        for (element p : simdjson::dom::array(people))
            for (element w : simdjson::dom::array(p["works"]))
                if (str(w["ids"]["arxiv"]) == arxiv) return str(p["id"]);
        return "";
    }
};

// A real Crossref listing of one ecologist's works: no abstracts, no categories, co-authors
// that change from paper to paper. One work ("Early warning signals", with co-authors found
// nowhere else) is tied to the rest only by a journal that two of the works share.
TEST_F(IdentityTest, OnePersonsCrossrefWorksWithoutAbstractsStayOnePerson) {
    import("crossref", "crossref/works_list_query_ecology_author_carl_boettiger.json");
    const std::string person = only_person("Carl Boettiger");
    simdjson::dom::parser parser;
    std::string text = json({"works", person});
    EXPECT_EQ(length(parser.parse(text)), 19u) << text;  // 20 records, a preprint and its paper once
    // Circles of co-authors that come and go over 15 years are one career, not several people.
    simdjson::dom::parser people_parser;
    std::string people_text = json({"people", "Carl Boettiger"});
    EXPECT_FALSE(bool(people_parser.parse(people_text).at(0)["probable_merge"])) << people_text;

    // His ORCID record (no works in it) describes the person those works already show, whose
    // authorships Crossref credits with that ORCID: same id, now with the ORCID.
    import("orcid", "orcid/person_0000-0002-1642-628X.json");
    EXPECT_EQ(only_person("Carl Boettiger"), person);
    simdjson::dom::parser profile_parser;
    std::string profile_text = json({"profile", "0000-0002-1642-628X"});
    element profile = profile_parser.parse(profile_text);
    EXPECT_EQ(str(profile["id"]), person);
    EXPECT_EQ(num(profile["counts"]["works"]), 19);
    EXPECT_EQ(str(profile["name"]), "Carl Boettiger");

    // A single work of his from ORCID names nobody (the recorded document, moved to his ORCID):
    // the name he is shown by stays, and nothing becomes a person of its own.
    std::string work =
        read_file(fixture("orcid/work_0000-0002-0734-2199_put-code_77226586_bibtex_citation.json"));
    for (std::size_t at; (at = work.find("0000-0002-0734-2199")) != std::string::npos;)
        work.replace(at, 19, "0000-0002-1642-628X");
    write_file(dir_ / "nameless_work.json", work);
    auto nameless = run({"import", "orcid", "--file", (dir_ / "nameless_work.json").string()});
    EXPECT_EQ(nameless.exit_code, 0) << nameless.describe();
    simdjson::dom::parser again_parser;
    std::string again_text = json({"profile", "0000-0002-1642-628X"});
    element again = again_parser.parse(again_text);
    EXPECT_EQ(str(again["name"]), "Carl Boettiger") << again_text;
    EXPECT_EQ(num(again["counts"]["works"]), 19);
    EXPECT_EQ(only_person("Carl Boettiger"), person);
}

TEST_F(IdentityTest, OneWorkFromArxivCrossrefAndOrcidIsStoredOnce) {
    const std::string person = only_person("Adrian Del Maestro");
    simdjson::dom::parser parser;
    std::string before = json({"stats"});
    EXPECT_EQ(num(parser.parse(before)["works"]), 10);

    import("crossref", "crossmerge/crossref_work_10.1142_S021797921244002X.json");
    import("orcid", "crossmerge/orcid_record_0000-0002-1825-0097.json");

    std::string stats_text = json({"stats"});
    element stats = parser.parse(stats_text);
    EXPECT_EQ(num(stats["works"]), 10);
    EXPECT_EQ(num(stats["people"]), 11);  // the ORCID joined the person already there

    std::string works_text = json({"works"});
    simdjson::dom::parser works_parser;
    element works = works_parser.parse(works_text);
    element nanopores = find_by(works, "ids.arxiv", "1201.4869");
    EXPECT_EQ(str(nanopores["ids"]["doi"]), "10.1142/s021797921244002x");
    std::set<std::string> sources;
    for (element p : simdjson::dom::array(nanopores["provenance"])) sources.insert(str(p["source"]));
    EXPECT_EQ(sources, (std::set<std::string>{"arxiv", "crossref", "orcid"}));
    // arXiv's title (Crossref's is in capitals), Crossref's type, venue and date.
    EXPECT_EQ(str(nanopores["title"]), "A Luttinger Liquid Core Inside Helium-4 Filled Nanopores");
    EXPECT_EQ(str(nanopores["type"]), "journal-article");
    EXPECT_EQ(str(nanopores["venue"]), "International Journal of Modern Physics B");
    EXPECT_EQ(num(nanopores["year"]), 2012);

    // The ORCID landed on the person who was already there, under the same id.
    EXPECT_EQ(only_person("Adrian Del Maestro"), person);
    std::string profile_text = json({"profile", person});
    simdjson::dom::parser profile_parser;
    element profile = profile_parser.parse(profile_text);
    EXPECT_EQ(str(profile["identifiers"]["orcid"]), "0000-0002-1825-0097");
    EXPECT_EQ(num(profile["counts"]["works"]), 10);
    EXPECT_EQ(arxiv_ids_of("0000-0002-1825-0097").size(), 10u);

    // All three again: nothing changes.
    import("arxiv", kDelMaestro);
    import("crossref", "crossmerge/crossref_work_10.1142_S021797921244002X.json");
    import("orcid", "crossmerge/orcid_record_0000-0002-1825-0097.json");
    EXPECT_EQ(json({"works"}), works_text);
    std::string again = json({"stats"});
    simdjson::dom::parser again_parser;
    element stats_again = again_parser.parse(again);
    EXPECT_EQ(num(stats_again["works"]), 10);
    EXPECT_EQ(num(stats_again["people"]), 11);
    EXPECT_EQ(num(stats_again["authorships"]), num(stats["authorships"]));
}

// A full resolve draws its progress (name blocks done of all) when asked, and clears it before
// its summary; the people it finds are the ones the import found.
TEST_F(IdentityTest, ResolveDrawsItsProgress) {
    const std::string person = only_person("Adrian Del Maestro");
    auto r = run({"--progress", "resolve"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_TRUE(contains(r.err, "resolving people")) << r.describe();
    EXPECT_TRUE(contains(r.err, " name blocks")) << r.describe();
    auto cleared = r.err.rfind('\r');
    ASSERT_NE(cleared, std::string::npos) << r.describe();
    EXPECT_TRUE(contains(r.err.substr(cleared + 1), "authorships:")) << r.describe();
    EXPECT_EQ(only_person("Adrian Del Maestro"), person);
    auto quiet = run({"--progress", "-q", "resolve"});
    EXPECT_EQ(quiet.err, "") << quiet.describe();
}

TEST_F(IdentityTest, CorrectionsSurviveReimportAndResolve) {
    const std::string person = only_person("Adrian Del Maestro");
    ASSERT_EQ(arxiv_ids_of(person).size(), 10u);

    auto disown = run({"works", "disown", "1412.6529", "--from", person});
    ASSERT_EQ(disown.exit_code, 0) << disown.describe();
    auto split = run({"people", "split", person, "--works", "cond-mat/0412498", "cond-mat/0603029"});
    ASSERT_EQ(split.exit_code, 0) << split.describe();

    auto check = [&](const char* when) {
        SCOPED_TRACE(when);
        auto mine = arxiv_ids_of(person);
        EXPECT_EQ(mine.size(), 7u);
        EXPECT_FALSE(mine.count("1412.6529"));
        EXPECT_FALSE(mine.count("cond-mat/0412498"));
        const std::string other = owner_of("cond-mat/0412498");
        EXPECT_NE(other, person);
        EXPECT_EQ(owner_of("cond-mat/0603029"), other);
        EXPECT_NE(owner_of("1412.6529"), person);
    };
    check("after the corrections");
    // Why the split-off work is no longer the person's: the correction, not the evidence.
    auto why_not = run({"explain", "cond-mat/0412498", person});
    EXPECT_EQ(why_not.exit_code, 0) << why_not.describe();
    EXPECT_TRUE(contains(why_not.out, "is not on " + person + "'s profile")) << why_not.out;
    EXPECT_TRUE(contains(why_not.out, "a correction in the ledger")) << why_not.out;
    import("arxiv", kDelMaestro);
    check("after importing the same feed again");
    auto resolve = run({"resolve"});
    ASSERT_EQ(resolve.exit_code, 0) << resolve.describe();
    check("after resolve");

    auto claim = run({"works", "claim", "1412.6529", "--for", person});
    ASSERT_EQ(claim.exit_code, 0) << claim.describe();
    EXPECT_TRUE(arxiv_ids_of(person).count("1412.6529"));
    EXPECT_EQ(arxiv_ids_of(person).size(), 8u);

    // The ledger travels: a fresh database with the same feed and the imported ledger
    // attributes every work the same way.
    std::string ledger = json({"ledger", "export"});
    write_file(dir_ / "ledger.json", ledger);
    std::map<std::string, std::string> owners;
    for (const char* id : {"1412.6529", "cond-mat/0412498", "cond-mat/0603029", "1201.4869"})
        owners[id] = owner_of(id);

    Env fresh{{"BZPEER_DB", (dir_ / "fresh.db").string()}};
    ASSERT_EQ(run({"init"}, fresh).exit_code, 0);
    ASSERT_EQ(run({"import", "arxiv", "--file", fixture(kDelMaestro).string()}, fresh).exit_code, 0);
    auto imported = run({"ledger", "import", (dir_ / "ledger.json").string()}, fresh);
    ASSERT_EQ(imported.exit_code, 0) << imported.describe();
    EXPECT_TRUE(contains(imported.err, "5 new assertions")) << imported.describe();
    auto people = run({"people", "Del Maestro", "--format", "json"}, fresh);
    simdjson::dom::parser parser;
    element list = parser.parse(people.out);
    ASSERT_EQ(length(list), 2u) << people.out;
    for (element p : simdjson::dom::array(list)) {
        std::set<std::string> ids;
        for (element w : simdjson::dom::array(p["works"])) ids.insert(str(w["ids"]["arxiv"]));
        bool split_off = ids.count("cond-mat/0412498") > 0;
        EXPECT_EQ(ids.size(), split_off ? 2u : 8u);
        if (!split_off) {
            EXPECT_TRUE(ids.count("1412.6529"));
        }
    }

    // Merge the two back: one person with every work.
    auto merge = run({"people", "merge", person, owners["cond-mat/0412498"]});
    ASSERT_EQ(merge.exit_code, 0) << merge.describe();
    EXPECT_EQ(arxiv_ids_of(only_person("Adrian Del Maestro")).size(), 10u);
}

TEST_F(IdentityTest, ExplainGivesConfidenceAndEvidence) {
    const std::string person = only_person("Adrian Del Maestro");
    // A thesis circle, then a lab of his own: one career, not flagged as several people.
    {
        simdjson::dom::parser people_parser;
        std::string people_text = json({"people", "Adrian Del Maestro"});
        EXPECT_FALSE(bool(people_parser.parse(people_text).at(0)["probable_merge"])) << people_text;
    }
    auto r = run({"explain", "1412.6529", person, "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element e = parser.parse(r.out);
    EXPECT_EQ(str(e["printed_name"]), "A. Del Maestro");
    EXPECT_EQ(str(e["reason"]), "evidence");
    double confidence = e["confidence"];
    EXPECT_GT(confidence, 0.5);
    EXPECT_LE(confidence, 1.0);
    // Joined through C. M. Herdman, who co-wrote 1312.6177 and 1412.6529.
    EXPECT_EQ(strings(e["evidence"]["shared_coauthors"]), std::vector<std::string>{"herdman c"});

    // profile --explain gives every work its attribution; the same as explain gives.
    std::string profile_text = json({"profile", person, "--explain", "--no-abstracts"});
    simdjson::dom::parser profile_parser;
    element profile = profile_parser.parse(profile_text);
    std::size_t explained = 0;
    for (element w : simdjson::dom::array(profile["works"])) {
        EXPECT_FALSE(str(w["attribution"]["reason"]).empty()) << profile_text;
        ++explained;
        if (str(w["ids"]["arxiv"]) != "1412.6529") continue;
        EXPECT_EQ(str(w["attribution"]["reason"]), "evidence");
        double same = w["attribution"]["confidence"];
        EXPECT_DOUBLE_EQ(same, confidence);
        EXPECT_EQ(strings(w["attribution"]["evidence"]["shared_coauthors"]),
                  std::vector<std::string>{"herdman c"});
    }
    EXPECT_EQ(explained, 10u);
    auto table = run({"profile", person, "--explain", "--no-abstracts"});
    EXPECT_TRUE(contains(table.out, "| attributed by | confidence | why |")) << table.out;
    EXPECT_TRUE(contains(table.out, "co-authors: herdman c")) << table.out;

    auto markdown = run({"explain", "1412.6529", person, "--format", "markdown"});
    EXPECT_TRUE(contains(markdown.out, "herdman c")) << markdown.out;
    EXPECT_EQ(run({"explain", "1412.6529", "p:999"}).exit_code, 3);
    EXPECT_EQ(run({"explain", "2101.99999", person}).exit_code, 3);
}

// The committed development set end to end: its arXiv feed imported into a database of its
// own (its made-up ids must not meet real ones), scored against its truth file.
TEST_F(IdentityTest, EvalScoresTheDevelopmentSetAgainstItsTruth) {
    Env own{{"BZPEER_DB", (dir_ / "devset.db").string()}};
    ASSERT_EQ(run({"init"}, own).exit_code, 0);
    ASSERT_EQ(
        run({"import", "arxiv", "--file", fixture("devset/bo_zheng_6_people.xml").string()}, own).exit_code,
        0);
    auto r =
        run({"eval", "--truth", fixture("devset/bo_zheng_6_people.truth.json").string(), "--format", "json"},
            own);
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element scores = parser.parse(r.out);
    EXPECT_EQ(num(scores["mentions"]), 60);  // every labelled authorship found
    EXPECT_EQ(num(scores["true_people"]), 6);
    // Calling every work one person scores 0.35 here; the resolver must do far better.
    double f1 = scores["b3"]["f1"];
    EXPECT_GE(f1, 0.75) << r.out;
    // Where the attribution differs: the person holding P1's 22 works and P6's 8 is named.
    bool named = false;
    std::size_t people_found = 0;
    for (element p : simdjson::dom::array(scores["people"])) {
        ++people_found;
        int64_t p1 = 0, p6 = 0;
        if (p["truth"]["P1"].get(p1) == simdjson::SUCCESS && p["truth"]["P6"].get(p6) == simdjson::SUCCESS)
            named = named || (p1 == 22 && p6 == 8 && num(p["mentions"]) == 30);
    }
    EXPECT_EQ(people_found, num(scores["predicted_people"]));
    EXPECT_TRUE(named) << r.out;
    auto table =
        run({"eval", "--truth", fixture("devset/bo_zheng_6_people.truth.json").string(), "--format", "table"},
            own);
    EXPECT_TRUE(contains(table.out, "(30 scored): P1 ×22, P6 ×8; merged")) << table.out;

    // The same truth with numbered people and no author fields: the file's name finds them.
    std::string bare = read_file(fixture("devset/bo_zheng_6_people.truth.json"));
    for (std::size_t at; (at = bare.find("\"author\": ")) != std::string::npos;)
        bare.erase(at, bare.find(", ", at) + 2 - at);
    for (std::size_t at; (at = bare.find("\"person\": \"P")) != std::string::npos;) {
        auto end = bare.find('"', at + 12);
        bare.replace(at, end + 1 - at, "\"person\": " + bare.substr(at + 12, end - at - 12));
    }
    write_file(dir_ / "bare.json", bare);
    auto again = run({"eval", "--truth", (dir_ / "bare.json").string(), "--format", "json"}, own);
    ASSERT_EQ(again.exit_code, 0) << again.describe();
    simdjson::dom::parser again_parser;
    element same = again_parser.parse(again.out);
    EXPECT_EQ(num(same["mentions"]), 60) << bare.substr(0, 300);
    double same_f1 = same["b3"]["f1"];
    EXPECT_DOUBLE_EQ(same_f1, f1);

    // The same truth as a bare list in other labelled sets' words, "arxiv_id" (here as abstract
    // page URLs with a version) and "label", naming nobody: the name the works share is found.
    std::string as_list = read_file(fixture("devset/bo_zheng_6_people.truth.json"));
    as_list = as_list.substr(as_list.find('['), as_list.rfind(']') + 1 - as_list.find('['));
    const std::string work_field = "\"work\": \"arxiv:";
    for (std::size_t at; (at = as_list.find(work_field)) != std::string::npos;) {
        auto id = at + work_field.size(), end = as_list.find('"', id);
        as_list.replace(at, end + 1 - at,
                        "\"arxiv_id\": \"https://arxiv.org/abs/" + as_list.substr(id, end - id) + "v2\"");
    }
    for (std::size_t at; (at = as_list.find("\"author\": ")) != std::string::npos;)
        as_list.erase(at, as_list.find(", ", at) + 2 - at);
    for (std::size_t at; (at = as_list.find("\"person\": ")) != std::string::npos;)
        as_list.replace(at, 9, "\"label\":");
    write_file(dir_ / "as_list.json", as_list);
    auto third = run({"eval", "--truth", (dir_ / "as_list.json").string(), "--format", "json"}, own);
    ASSERT_EQ(third.exit_code, 0) << third.describe() << as_list.substr(0, 300);
    simdjson::dom::parser third_parser;
    element third_scores = third_parser.parse(third.out);
    EXPECT_EQ(num(third_scores["mentions"]), 60) << as_list.substr(0, 300);
    double third_f1 = third_scores["b3"]["f1"];
    EXPECT_DOUBLE_EQ(third_f1, f1);

    // The two people that hold two of the set's people each (P1's 22 works and P6's 8, and the
    // quantum physicists P4 and P5: circles of co-authors at work in the same years) are flagged
    // as probably several people; no other is.
    auto listing = [&] {
        auto people = run({"people", "Bo Zheng", "--format", "json"}, own);
        EXPECT_EQ(people.exit_code, 0) << people.describe();
        return people.out;
    };
    std::string before = listing();
    simdjson::dom::parser people_parser;
    std::map<std::size_t, std::string> flagged;  // works -> person
    std::string bystander;                       // a person nobody flags, as JSON
    for (element p : simdjson::dom::array(people_parser.parse(before))) {
        if (bool(p["probable_merge"]))
            flagged[length(p["works"])] = str(p["id"]);
        else if (length(p["works"]) > 1)
            bystander = simdjson::to_string(p);
    }
    ASSERT_EQ(flagged.size(), 2u) << before;
    EXPECT_EQ(flagged.begin()->first, 12u) << before;
    EXPECT_EQ(flagged.rbegin()->first, 30u) << before;
    ASSERT_FALSE(bystander.empty()) << before;

    // Splitting along the flags: the flagged groups become people of their own, each person's
    // other works follow the group their evidence is strongest for. A correction changes only
    // whom it names: the people nobody flagged keep their works and attributions.
    for (const auto& [works, id] : flagged) {
        auto split = run({"people", "split", id, "--flagged"}, own);
        ASSERT_EQ(split.exit_code, 0) << split.describe();
    }
    std::string after = listing();
    simdjson::dom::parser after_parser;
    element listed = after_parser.parse(after);
    EXPECT_EQ(length(listed), 7u) << after;
    std::size_t works = 0;
    bool bystander_kept = false;
    for (element p : simdjson::dom::array(listed)) {
        EXPECT_FALSE(bool(p["probable_merge"])) << after;
        works += length(p["works"]);
        bystander_kept = bystander_kept || simdjson::to_string(p) == bystander;
    }
    EXPECT_EQ(works, 60u);
    EXPECT_TRUE(bystander_kept) << bystander << "\n" << after;
    auto rescored =
        run({"eval", "--truth", fixture("devset/bo_zheng_6_people.truth.json").string(), "--format", "json"},
            own);
    simdjson::dom::parser rescored_parser;
    double split_f1 = rescored_parser.parse(rescored.out)["b3"]["f1"];
    EXPECT_GE(split_f1, 0.95) << rescored.out;
    EXPECT_EQ(run({"people", "split", flagged.begin()->second, "--flagged"}, own).exit_code,
              2);  // no longer flagged
}

// Real Crossref pages of a query: four chapters of one book, each by Stewart Lynch alone, with
// bare titles. The book they share is the evidence, however often it recurs in the block.
TEST_F(IdentityTest, ChaptersOfOneBookAreOnePersons) {
    import("crossref", "crossref/works_list_query_widget_cursor_page1.json");
    import("crossref", "crossref/works_list_query_widget_cursor_page2.json");
    const std::string person = only_person("Stewart Lynch");
    simdjson::dom::parser parser;
    std::string text = json({"works", person});
    EXPECT_EQ(length(parser.parse(text)), 4u) << text;
}

// ORCID's works list names nobody: its works are the ORCID's person's, and no name block is
// made of the ORCID, so neither resolve nor eval --orcid mistakes it for a name.
TEST_F(IdentityTest, WorksKnownOnlyByAnOrcidStayTheirs) {
    Env own{{"BZPEER_DB", (dir_ / "orcid.db").string()}};
    ASSERT_EQ(run({"init"}, own).exit_code, 0);
    ASSERT_EQ(
        run({"import", "orcid", "--file", fixture("orcid/works_0000-0002-9341-7985.json").string()}, own)
            .exit_code,
        0);
    auto works_of = [&] {
        auto r = run({"profile", "0000-0002-9341-7985", "--format", "json"}, own);
        EXPECT_EQ(r.exit_code, 0) << r.describe();
        simdjson::dom::parser parser;
        element profile = parser.parse(r.out);
        return num(profile["counts"]["works"]);
    };
    EXPECT_EQ(works_of(), 8);
    ASSERT_EQ(run({"resolve"}, own).exit_code, 0);
    EXPECT_EQ(works_of(), 8);
    auto eval = run({"eval", "--orcid"}, own);
    EXPECT_EQ(eval.exit_code, 3) << eval.describe();  // nothing to score: no name carries the ORCID
}

TEST_F(IdentityTest, EvalWithOrcidsHiddenScoresAgainstThem) {
    import("crossref", "crossref/work_10.1136_jclinpath-2020-206745_orcid_affiliations.json");
    auto r = run({"eval", "--orcid", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element scores = parser.parse(r.out);
    EXPECT_GT(num(scores["mentions"]), 0);
    double f1 = scores["b3"]["f1"];
    EXPECT_GE(f1, 0.0);
    EXPECT_LE(f1, 1.0);
    EXPECT_EQ(run({"eval"}).exit_code, 2);
}

}  // namespace
