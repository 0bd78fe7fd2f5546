// End-to-end tests: the real bzpeer binary, its real plugin modules and the real arXiv
// fixtures in tests/fixtures, each test in its own folder and database.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bzpeer/sdk/plugin.hpp"
#include "cli_harness.hpp"

namespace bzpeer::cli_test {
namespace {

// ---------------------------------------------------------------------------------------
// Import of the arXiv fixtures
// ---------------------------------------------------------------------------------------

// The distinct arXiv ids (without version) in the seven non-error fixtures, counted from
// the files themselves:
//   api2026_empty_result_id_0000.0000.xml                              0 entries
//   api2026_id_astro-ph_0601001_affiliations_journal_ref.xml           1 (astro-ph/0601001)
//   api2026_id_list_two_ids_one_missing_34_authors_mojibake.xml        1 (1707.08567; 0808.05394 is absent)
//   api2026_search_testing_start0_max10.xml                           10
//   api2026_search_testing_start10_max10.xml                          10
//   legacy2016_search_au_del_maestro_10_entries.xml                   10
//   legacy2019_id_astro-ph_9812133_32_authors_affiliations.xml         1 (astro-ph/9812133)
// No id occurs in two files: 1 + 1 + 10 + 10 + 10 + 1 = 33 works.
constexpr std::size_t kFixtureWorks = 33;

const std::set<std::string> kFixtureArxivIds{
    // astro-ph/0601001, the 34-author 1707.08567, astro-ph/9812133
    "astro-ph/0601001", "1707.08567", "astro-ph/9812133",
    // search "testing", start 0
    "2202.12139", "2405.13786", "2005.14124", "2204.08348", "2302.03287", "1202.4527", "2503.05378",
    "1205.1866", "2502.07719", "1812.11470",
    // search "testing", start 10
    "2403.16981", "2004.03322", "1912.09881", "2406.19956", "1912.04900", "2301.05651", "1605.01097",
    "2301.13615", "2407.18756", "2202.06271",
    // au:del_maestro
    "1201.4869", "cond-mat/0412498", "cond-mat/0603029", "1005.5383", "1303.6954", "1312.6177", "1412.6529",
    "cond-mat/0607501", "cond-mat/0702661", "0807.2873"};

TEST_F(CliTest, ImportOfEveryGoodFixtureListsExactlyTheirWorks) {
    ASSERT_NO_FATAL_FAILURE(init_and_import());
    ASSERT_EQ(kFixtureArxivIds.size(), kFixtureWorks);

    auto r = run({"works", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element works = parser.parse(r.out);
    ASSERT_TRUE(works.is_array()) << r.describe();
    EXPECT_EQ(length(works), kFixtureWorks);

    std::set<std::string> ids;
    std::set<std::string> work_ids;
    for (element work : simdjson::dom::array(works)) {
        std::string arxiv = str(work["ids"]["arxiv"]);
        EXPECT_TRUE(ids.insert(arxiv).second) << "listed twice: " << arxiv;
        EXPECT_EQ(arxiv.find('v', arxiv.find_last_of("./") + 1), std::string::npos)
            << "arXiv id keeps its version: " << arxiv;
        std::string id = str(work["id"]);
        EXPECT_TRUE(id.starts_with("w:")) << id;
        EXPECT_TRUE(work_ids.insert(id).second) << "work id twice: " << id;
        EXPECT_FALSE(str(work["title"]).empty()) << arxiv;
        EXPECT_GE(length(work["authors"]), 1u) << arxiv;
        EXPECT_GE(length(work["categories"]), 1u) << arxiv;
    }
    EXPECT_EQ(ids, kFixtureArxivIds);
    // 0808.05394 was asked for but is not in the feed: nothing may be invented for it.
    EXPECT_EQ(ids.count("0808.05394"), 0u);
}

TEST_F(CliTest, ImportedWorksCarryTitleAuthorsIdsYearAndCategories) {
    ASSERT_NO_FATAL_FAILURE(init_and_import());
    auto r = run({"works", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element works = parser.parse(r.out);

    {
        SCOPED_TRACE("astro-ph/9812133: legacy 2019 feed, 32 authors with affiliations");
        element w = find_by(works, "ids.arxiv", "astro-ph/9812133");
        EXPECT_EQ(str(w["title"]), "Measurements of Omega and Lambda from 42 High-Redshift Supernovae");
        auto authors = strings(w["authors"]);
        ASSERT_EQ(authors.size(), 32u);
        EXPECT_EQ(authors.front(), "S. Perlmutter");
        EXPECT_EQ(authors[1], "G. Aldering");
        EXPECT_EQ(authors.back(), "W. J. Couch");
        EXPECT_EQ(str(w["ids"]["doi"]), "10.1086/307221");
        EXPECT_EQ(num(w["year"]), 1998);
        EXPECT_EQ(str(w["type"]), "preprint");
        EXPECT_EQ(str(w["venue"]), "Astrophys.J.517:565-586,1999");
        EXPECT_EQ(strings(w["categories"]), (std::vector<std::string>{"astro-ph", "hep-ex", "hep-ph"}));
    }
    {
        SCOPED_TRACE("1707.08567: 2026 id_list feed, 34 authors, no DOI");
        element w = find_by(works, "ids.arxiv", "1707.08567");
        EXPECT_EQ(str(w["title"]),
                  "Proceedings of Workshop AEW10: Concepts in Information Theory and Communications");
        auto authors = strings(w["authors"]);
        ASSERT_EQ(authors.size(), 34u);
        EXPECT_EQ(authors.front(), "Kees A. Schouhamer Immink");
        EXPECT_EQ(authors[1], "Stan Baggen");
        EXPECT_EQ(authors[4], "Peter H. N. de With");
        EXPECT_EQ(authors.back(), "Hirosuke Yamamoto");
        EXPECT_FALSE(has_key(w["ids"], "doi"));
        EXPECT_EQ(num(w["year"]), 2017);
        EXPECT_EQ(strings(w["categories"]), std::vector<std::string>{"cs.IT"});
    }
    {
        SCOPED_TRACE("astro-ph/0601001: 2026 feed with affiliations and journal_ref");
        element w = find_by(works, "ids.arxiv", "astro-ph/0601001");
        EXPECT_EQ(str(w["title"]),
                  "Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward "
                  "the Galactic Bulge and Carina");
        auto authors = strings(w["authors"]);
        ASSERT_EQ(authors.size(), 4u);
        EXPECT_EQ(authors.front(), "Andrew Gould");
        EXPECT_EQ(authors[1], "Susan Dorsher");
        EXPECT_EQ(authors.back(), "Andrzej Udalski");
        EXPECT_EQ(num(w["year"]), 2006);
        EXPECT_EQ(str(w["venue"]), "ActaAstron.56:1-50,2006");
        EXPECT_FALSE(has_key(w["ids"], "doi"));
        EXPECT_EQ(strings(w["categories"]), std::vector<std::string>{"astro-ph"});
    }
    {
        SCOPED_TRACE("2405.13786: DOI printed upper-case in the feed");
        element w = find_by(works, "ids.arxiv", "2405.13786");
        EXPECT_EQ(str(w["title"]),
                  "Towards Explainable Test Case Prioritisation with Learning-to-Rank Models");
        EXPECT_EQ(str(w["ids"]["doi"]), "10.1109/icstw58534.2023.00023");
        auto authors = strings(w["authors"]);
        ASSERT_EQ(authors.size(), 4u);
        EXPECT_EQ(authors[1], "Mario Berrios");
        EXPECT_EQ(authors.back(), "Robert Feldt");
        EXPECT_EQ(num(w["year"]), 2024);
        EXPECT_EQ(strings(w["categories"]), (std::vector<std::string>{"cs.SE", "cs.AI"}));
    }
    {
        SCOPED_TRACE("2005.14124: listed as version v2 in the feed");
        element w = find_by(works, "ids.arxiv", "2005.14124");
        EXPECT_EQ(str(w["title"]), "Active Fuzzing for Testing and Securing Cyber-Physical Systems");
        EXPECT_EQ(str(w["ids"]["doi"]), "10.1145/3395363.3397376");
        auto authors = strings(w["authors"]);
        ASSERT_EQ(authors.size(), 5u);
        EXPECT_EQ(authors.front(), "Yuqi Chen");
        EXPECT_EQ(authors.back(), "Fan Zhang");
        EXPECT_EQ(num(w["year"]), 2020);
        EXPECT_EQ(strings(w["categories"]), (std::vector<std::string>{"cs.SE", "cs.CR", "cs.LG"}));
    }
    {
        SCOPED_TRACE("2301.05651: primary category cs.LG ahead of cs.SE");
        element w = find_by(works, "ids.arxiv", "2301.05651");
        EXPECT_EQ(str(w["title"]), "Mutation Testing of Deep Reinforcement Learning Based on Real Faults");
        auto authors = strings(w["authors"]);
        ASSERT_EQ(authors.size(), 5u);
        EXPECT_EQ(authors.front(), "Florian Tambon");
        EXPECT_EQ(authors.back(), "Giuliano Antonio");
        EXPECT_EQ(num(w["year"]), 2023);
        EXPECT_EQ(strings(w["categories"]), (std::vector<std::string>{"cs.LG", "cs.SE"}));
    }
    {
        SCOPED_TRACE("2403.16981: three categories, primary math.ST");
        element w = find_by(works, "ids.arxiv", "2403.16981");
        EXPECT_EQ(strings(w["authors"]),
                  (std::vector<std::string>{"Ankit Pensia", "Varun Jog", "Po-Ling Loh"}));
        EXPECT_EQ(strings(w["categories"]), (std::vector<std::string>{"math.ST", "cs.IT", "stat.ML"}));
        EXPECT_FALSE(has_key(w["ids"], "doi"));
    }
    {
        SCOPED_TRACE("cond-mat/0603029: legacy 2016 feed, title wrapped over two lines");
        element w = find_by(works, "ids.arxiv", "cond-mat/0603029");
        EXPECT_EQ(
            str(w["title"]),
            "From stripe to checkerboard order on the square lattice in the presence of quenched disorder");
        EXPECT_EQ(strings(w["authors"]),
                  (std::vector<std::string>{"Adrian Del Maestro", "Bernd Rosenow", "Subir Sachdev"}));
        EXPECT_EQ(str(w["ids"]["doi"]), "10.1103/physrevb.74.024520");
        EXPECT_EQ(num(w["year"]), 2006);
        EXPECT_EQ(str(w["venue"]), "Phys. Rev. B 74, 024520 (2006)");
        EXPECT_EQ(strings(w["categories"]),
                  (std::vector<std::string>{"cond-mat.str-el", "cond-mat.supr-con"}));
    }
    {
        SCOPED_TRACE("1201.4869: DOI with an upper-case suffix");
        element w = find_by(works, "ids.arxiv", "1201.4869");
        EXPECT_EQ(str(w["title"]), "A Luttinger Liquid Core Inside Helium-4 Filled Nanopores");
        EXPECT_EQ(str(w["ids"]["doi"]), "10.1142/s021797921244002x");
        EXPECT_EQ(strings(w["authors"]), std::vector<std::string>{"Adrian Del Maestro"});
        EXPECT_EQ(num(w["year"]), 2012);
    }
}

TEST_F(CliTest, StatsCountTheImportedFixtures) {
    ASSERT_NO_FATAL_FAILURE(init_and_import());
    auto r = run({"stats", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element stats = parser.parse(r.out);
    EXPECT_EQ(num(stats["works"]), static_cast<std::int64_t>(kFixtureWorks));
    // <author> entries per file: 0 + 4 + 34 + 35 (testing, start 0) + 32 (testing, start 10)
    // + 24 (del maestro) + 32 (astro-ph/9812133) = 161.
    EXPECT_EQ(num(stats["authorships"]), 161);
    // 143 distinct printed names, 142 people: the legacy feed is an author query for Adrian
    // Del Maestro, printed "A. Del Maestro" on 4 of his 10 works, and resolution joins them
    // (shared co-authors, subjects). "Yanling Chen"/"Yuqi Chen" share a block but stay apart.
    EXPECT_EQ(num(stats["people"]), 142);
    // 22 distinct arXiv categories across the 33 works.
    EXPECT_EQ(num(stats["topics"]), 22);
    // Each work has its arXiv id with and without version (66), plus the <arxiv:doi>
    // elements: 6 + 1 (testing) + 10 (del maestro) + 1 (astro-ph/9812133) = 18.
    EXPECT_EQ(num(stats["identifiers"]), 84);
}

TEST_F(CliTest, EmptyDatabaseStatsAreZero) {
    ASSERT_NO_FATAL_FAILURE(init());
    auto r = run({"stats", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element stats = parser.parse(r.out);
    EXPECT_EQ(num(stats["works"]), 0);
    EXPECT_EQ(num(stats["people"]), 0);
    EXPECT_EQ(num(stats["authorships"]), 0);
}

TEST_F(CliTest, InitWithBareFileNamesCreatesThemInTheCurrentFolder) {
    // The example `bzpeer init --db lab.db --config lab.yaml`: files without a folder part.
    auto r = run({"init", "--db", "lab.db", "--config", "lab.yaml"});
    EXPECT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_TRUE(fs::exists(dir_ / "lab.db")) << r.describe();
    EXPECT_TRUE(fs::exists(dir_ / "lab.yaml")) << r.describe();
}

TEST_F(CliTest, InitTwiceKeepsTheData) {
    ASSERT_NO_FATAL_FAILURE(init_and_import());
    auto again = run({"init"});
    EXPECT_EQ(again.exit_code, 0) << again.describe();
    auto r = run({"stats", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    EXPECT_EQ(num(parser.parse(r.out)["works"]), static_cast<std::int64_t>(kFixtureWorks));
}

// stats without import_runs, which counts every import call.
std::map<std::string, std::int64_t> stats_without_runs(const std::string& json) {
    simdjson::dom::parser parser;
    auto values = integer_members(parser.parse(json));
    values.erase("import_runs");
    return values;
}

TEST_F(CliTest, ImportingTheSameFilesTwiceChangesNothing) {
    ASSERT_NO_FATAL_FAILURE(init_and_import());
    auto works_before = run({"works", "--format", "json"});
    auto stats_before = run({"stats", "--format", "json"});
    auto people_before = run({"people", "Del Maestro", "--format", "json"});
    ASSERT_EQ(works_before.exit_code, 0) << works_before.describe();
    ASSERT_EQ(stats_before.exit_code, 0) << stats_before.describe();

    auto second = import_good_fixtures();
    ASSERT_EQ(second.exit_code, 0) << second.describe();
    // One summary line per file, each reporting no new work.
    auto lines = second.err_lines();
    EXPECT_EQ(lines.size(), good_arxiv_fixtures().size()) << second.describe();
    for (const auto& line : lines) EXPECT_TRUE(contains(line, "0 new works")) << line;

    auto works_after = run({"works", "--format", "json"});
    auto stats_after = run({"stats", "--format", "json"});
    auto people_after = run({"people", "Del Maestro", "--format", "json"});
    EXPECT_EQ(works_after.out, works_before.out);
    EXPECT_EQ(people_after.out, people_before.out);
    EXPECT_EQ(stats_without_runs(stats_after.out), stats_without_runs(stats_before.out));
    EXPECT_EQ(stats_without_runs(stats_after.out).at("works"), static_cast<std::int64_t>(kFixtureWorks));

    // And once more with a single file.
    auto single = run({"import", "arxiv", "--file",
                       fixture("arxiv/legacy2019_id_astro-ph_9812133_32_authors_affiliations.xml").string()});
    ASSERT_EQ(single.exit_code, 0) << single.describe();
    EXPECT_TRUE(contains(single.err, "0 new works")) << single.describe();
    EXPECT_EQ(run({"works", "--format", "json"}).out, works_before.out);
}

// ---------------------------------------------------------------------------------------
// Import errors: one line naming the file, exit 1, database unchanged
// ---------------------------------------------------------------------------------------

class ImportErrorTest : public CliTest {
protected:
    void SetUp() override {
        CliTest::SetUp();
        // A database that already holds something, so a partial write would show.
        ASSERT_NO_FATAL_FAILURE(init());
        auto r = run({"import", "arxiv", "--file",
                      fixture("arxiv/legacy2016_search_au_del_maestro_10_entries.xml").string()});
        ASSERT_EQ(r.exit_code, 0) << r.describe();
        stats_before_ = run({"stats", "--format", "json"}).out;
        works_before_ = run({"works", "--format", "json"}).out;
        simdjson::dom::parser parser;
        ASSERT_EQ(num(parser.parse(stats_before_)["works"]), 10);
    }

    // Imports `file`, expects exit 1 and a single stderr line naming the file and holding
    // `message`, and the database as it was.
    void expect_rejected(const fs::path& file, const std::string& message) {
        SCOPED_TRACE(file.string());
        auto r = run({"import", "arxiv", "--file", file.string()});
        EXPECT_EQ(r.exit_code, 1) << r.describe();
        auto lines = r.err_lines();
        EXPECT_EQ(lines.size(), 1u) << "expected one error line\n" << r.describe();
        ASSERT_FALSE(lines.empty()) << r.describe();
        EXPECT_TRUE(contains(lines.front(), file.filename().string())) << r.describe();
        EXPECT_TRUE(contains(lines.front(), message)) << r.describe();
        EXPECT_TRUE(r.out.empty()) << r.describe();
        EXPECT_EQ(run({"stats", "--format", "json"}).out, stats_before_);
        EXPECT_EQ(run({"works", "--format", "json"}).out, works_before_);
    }

    std::string stats_before_;
    std::string works_before_;
};

TEST_F(ImportErrorTest, LegacyArxivErrorFeed) {
    expect_rejected(fixture("arxiv/legacy2019_error_incorrect_id_format.xml"),
                    "incorrect id format for INVALIDID");
}

TEST_F(ImportErrorTest, Api2026ArxivErrorFeed) {
    expect_rejected(fixture("arxiv/api2026_error_http400_incorrect_id_format_abc.xml"),
                    "incorrect id format for abc");
}

TEST_F(ImportErrorTest, TruncatedXml) {
    // A real feed cut in the middle of its third entry: two complete entries come before
    // the damage, and neither may be written.
    std::string feed = read_file(fixture("arxiv/api2026_search_testing_start0_max10.xml"));
    std::size_t at = 0;
    for (int i = 0; i < 3; ++i) {
        at = feed.find("<entry>", at + 1);
        ASSERT_NE(at, std::string::npos);
    }
    auto file = dir_ / "truncated-feed.xml";
    write_file(file, feed.substr(0, at + 200));
    expect_rejected(file, "XML");
}

TEST_F(ImportErrorTest, NonXmlFile) {
    auto file = dir_ / "not-a-feed.xml";
    write_file(file, "id,title\n2106.06224,Some paper\n");
    expect_rejected(file, "not an arXiv file");
}

TEST_F(ImportErrorTest, WithProgressTheErrorStillStartsItsOwnLine) {
    // A snapshot whose 21st line is cut short: the first record is read, and drawn, before.
    auto lines = split_lines(read_file(fixture("arxiv-snapshot/kaggle_snapshot_0704.0001-0704.0100.jsonl")));
    std::string text;
    for (int i = 0; i < 20; ++i) text += lines[i] + "\n";
    text += lines[20].substr(0, 100) + "\n";
    auto file = dir_ / "cut-snapshot.jsonl";
    write_file(file, text);
    auto r = run({"--progress", "import", "arxiv", "--snapshot", file.string()});
    EXPECT_EQ(r.exit_code, 1) << r.describe();
    EXPECT_TRUE(contains(r.err, "  1 records")) << r.describe();
    EXPECT_TRUE(contains(r.err, "line 21")) << r.describe();
    // What was drawn is cleared (carriage return, blanks, carriage return) before the error.
    auto cleared = r.err.rfind('\r');
    ASSERT_NE(cleared, std::string::npos) << r.describe();
    EXPECT_TRUE(r.err.substr(cleared + 1).starts_with("bzpeer: arxiv: " + file.string())) << r.describe();
    EXPECT_EQ(split_lines(r.err.substr(cleared + 1)).size(), 1u) << r.describe();
    EXPECT_EQ(run({"stats", "--format", "json"}).out, stats_before_);
}

TEST_F(ImportErrorTest, MissingFileIsAUsageError) {
    auto file = dir_ / "no-such-feed.xml";
    auto r = run({"import", "arxiv", "--file", file.string()});
    EXPECT_EQ(r.exit_code, 2) << r.describe();
    auto lines = r.err_lines();
    ASSERT_EQ(lines.size(), 1u) << r.describe();
    EXPECT_TRUE(contains(lines.front(), "no-such-feed.xml")) << r.describe();
    EXPECT_EQ(run({"stats", "--format", "json"}).out, stats_before_);
}

// The progress line: drawn with --progress although stderr is a file here, never with -q,
// cleared before the summary; stdout stays empty.
TEST_F(CliTest, ProgressOfASnapshotImportShowsBytesRecordsAndResolution) {
    ASSERT_NO_FATAL_FAILURE(init());
    fs::path file = fixture("arxiv-snapshot/kaggle_snapshot_0704.0001-0704.0100.jsonl");
    auto r = run({"--progress", "import", "arxiv", "--snapshot", file.string()});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_TRUE(r.out.empty()) << r.describe();
    auto draws = split(r.err, '\r');
    ASSERT_GE(draws.size(), 4u) << r.describe();
    // The last reading line: the whole file consumed, all 100 records.
    char size[64];
    std::snprintf(size, sizeof size, "%.1f/%.1f kB", fs::file_size(file) / 1e3, fs::file_size(file) / 1e3);
    auto read_all =
        std::find_if(draws.begin(), draws.end(), [](const std::string& d) { return contains(d, "100%  "); });
    ASSERT_NE(read_all, draws.end()) << r.describe();
    EXPECT_TRUE(contains(*read_all, size)) << *read_all;
    EXPECT_TRUE(contains(*read_all, "  100 records")) << *read_all;
    EXPECT_TRUE(contains(*read_all, "[####")) << *read_all;
    // Then the name blocks of those records are resolved.
    EXPECT_TRUE(std::any_of(draws.begin(), draws.end(), [](const std::string& d) {
        return d.starts_with("resolving people") && contains(d, "name blocks");
    })) << r.describe();
    // The line is blanked, and the summary follows on a clean line.
    ASSERT_GE(draws.size(), 2u);
    EXPECT_EQ(draws[draws.size() - 2].find_first_not_of(' '), std::string::npos) << r.describe();
    EXPECT_TRUE(draws.back().starts_with(file.string() + ": 100 records: 100 new works")) << r.describe();
    EXPECT_EQ(split_lines(draws.back()).size(), 1u) << r.describe();

    auto quiet = run({"--progress", "-q", "import", "arxiv", "--snapshot", file.string()});
    ASSERT_EQ(quiet.exit_code, 0) << quiet.describe();
    EXPECT_TRUE(quiet.err.empty()) << quiet.describe();
    EXPECT_TRUE(quiet.out.empty()) << quiet.describe();
    // Not a terminal, not asked for: the summary alone.
    auto plain = run({"import", "arxiv", "--snapshot", file.string()});
    ASSERT_EQ(plain.exit_code, 0) << plain.describe();
    EXPECT_FALSE(contains(plain.err, "\r")) << plain.describe();
    EXPECT_TRUE(plain.err.starts_with(file.string() + ": 100 records: 0 new works, 0 updated, 100 unchanged"))
        << plain.describe();
}

// ---------------------------------------------------------------------------------------
// People and profiles
// ---------------------------------------------------------------------------------------

class PeopleTest : public CliTest {
protected:
    void SetUp() override {
        CliTest::SetUp();
        ASSERT_NO_FATAL_FAILURE(init_and_import());
    }

    // The id of the one person printed exactly as `name`, looked up with `people`.
    std::string person_id(const std::string& name) {
        auto r = run({"people", name, "--format", "json"});
        if (r.exit_code != 0) throw std::runtime_error("people failed:\n" + r.describe());
        simdjson::dom::parser parser;
        element people = parser.parse(r.out);
        if (count_by(people, "name", name) != 1) throw std::runtime_error("not one person named " + name);
        return str(find_by(people, "name", name)["id"]);
    }
};

TEST_F(PeopleTest, PeopleByNameListsThePersonWithTheirWorks) {
    auto r = run({"people", "Adrian Del Maestro", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element people = parser.parse(r.out);
    ASSERT_TRUE(people.is_array());

    // The feed is one person's author query: "Adrian Del Maestro" on 6 works and
    // "A. Del Maestro" on 4 are resolved to one person.
    ASSERT_EQ(length(people), 1u) << r.out;
    element adrian = people.at(0);
    EXPECT_EQ(str(adrian["name"]), "Adrian Del Maestro");
    EXPECT_TRUE(str(adrian["id"]).starts_with("p:"));
    element works = adrian["works"];
    EXPECT_EQ(length(works), 10u);
    element melting = find_by(works, "title", "Thermal melting of density waves on the square lattice");
    EXPECT_EQ(str(melting["ids"]["arxiv"]), "cond-mat/0412498");
    EXPECT_EQ(str(melting["ids"]["doi"]), "10.1103/physrevb.71.184511");
    EXPECT_TRUE(str(melting["id"]).starts_with("w:"));
    element bosons =
        find_by(works, "title", "Interacting bosons in one dimension and Luttinger liquid theory");
    EXPECT_EQ(str(bosons["ids"]["arxiv"]), "1005.5383");
    EXPECT_EQ(str(bosons["ids"]["doi"]), "10.1103/physrevb.82.060515");
    // Printed "A. Del Maestro" in the feed.
    element local = find_by(works, "title", "Local Superfluidity at the Nanoscale");
    EXPECT_EQ(str(local["ids"]["arxiv"]), "1303.6954");
}

TEST_F(PeopleTest, PeopleWithAnUnambiguousNameIsOnePerson) {
    auto r = run({"people", "Subir Sachdev", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element people = parser.parse(r.out);
    ASSERT_EQ(length(people), 1u) << r.out;
    element sachdev = people.at(0);
    EXPECT_EQ(str(sachdev["name"]), "Subir Sachdev");
    EXPECT_EQ(length(sachdev["works"]), 3u);
    find_by(sachdev["works"], "ids.arxiv", "cond-mat/0412498");
    find_by(sachdev["works"], "ids.arxiv", "cond-mat/0603029");
    find_by(sachdev["works"], "ids.arxiv", "0807.2873");
}

TEST_F(PeopleTest, ProfileOfAnAmbiguousNameListsCandidatesAndExits3) {
    // "Y. Chen" can be Yanling Chen (cs.IT, 2017) or Yuqi Chen (cs.CR, 2020): two people.
    const std::string yanling = person_id("Yanling Chen");
    const std::string yuqi = person_id("Yuqi Chen");
    EXPECT_NE(yanling, yuqi);
    auto r = run({"profile", "Y. Chen", "--format", "json"});
    EXPECT_EQ(r.exit_code, 3) << r.describe();
    EXPECT_TRUE(r.out.empty()) << r.describe();
    EXPECT_TRUE(contains(r.err, yanling + " ")) << r.describe();
    EXPECT_TRUE(contains(r.err, yuqi + " ")) << r.describe();
    EXPECT_TRUE(contains(r.err, "Yanling Chen")) << r.describe();
    EXPECT_TRUE(contains(r.err, "Yuqi Chen")) << r.describe();
}

TEST_F(PeopleTest, ProfileOfAnUnknownPersonExits3) {
    auto r = run({"profile", "p:999", "--format", "json"});
    EXPECT_EQ(r.exit_code, 3) << r.describe();
    EXPECT_TRUE(r.out.empty()) << r.describe();
    ASSERT_EQ(r.err_lines().size(), 1u) << r.describe();
    EXPECT_TRUE(contains(r.err, "p:999")) << r.describe();

    auto by_name = run({"profile", "Nobody Inparticular", "--format", "json"});
    EXPECT_EQ(by_name.exit_code, 3) << by_name.describe();
    EXPECT_TRUE(contains(by_name.err, "Nobody Inparticular")) << by_name.describe();
}

TEST_F(PeopleTest, ProfileJsonHasCountsTopicsCoauthorsAndWorks) {
    const std::string id = person_id("Adrian Del Maestro");
    auto r = run({"profile", id, "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element profile = parser.parse(r.out);

    EXPECT_EQ(str(profile["id"]), id);
    EXPECT_EQ(str(profile["name"]), "Adrian Del Maestro");
    // Works: the 10 of the feed. Co-authors: Sachdev (3), Rosenow (2), Herdman (2), and
    // Burkov, Rommal, Kulchytskyy, Gervais, Affleck, Gingras, Melko (1 each). Topics:
    // stat-mech (5), str-el (3), mes-hall, other, supr-con (2 each), mtrl-sci, quant-gas,
    // quant-ph (1 each).
    EXPECT_EQ(num(profile["counts"]["works"]), 10);
    EXPECT_EQ(num(profile["counts"]["coauthors"]), 10);
    EXPECT_EQ(num(profile["counts"]["topics"]), 8);

    element topics = profile["topics"];
    EXPECT_EQ(length(topics), 8u);
    struct Topic {
        const char* code;
        const char* name;
        std::int64_t works;
    };
    for (const Topic& t :
         {Topic{"cond-mat.stat-mech", "Statistical Mechanics", 5},
          Topic{"cond-mat.str-el", "Strongly Correlated Electrons", 3},
          Topic{"cond-mat.supr-con", "Superconductivity", 2},
          Topic{"cond-mat.mes-hall", "Mesoscale and Nanoscale Physics", 2},
          Topic{"cond-mat.mtrl-sci", "Materials Science", 1},
          Topic{"cond-mat.other", "Other Condensed Matter", 2}, Topic{"quant-ph", "Quantum Physics", 1}}) {
        SCOPED_TRACE(t.code);
        element topic = find_by(topics, "code", t.code);
        EXPECT_EQ(str(topic["name"]), t.name);
        EXPECT_EQ(num(topic["works"]), t.works);
    }

    element coauthors = profile["coauthors"];
    EXPECT_EQ(length(coauthors), 10u);
    EXPECT_EQ(num(find_by(coauthors, "name", "Subir Sachdev")["shared_works"]), 3);
    EXPECT_EQ(num(find_by(coauthors, "name", "Bernd Rosenow")["shared_works"]), 2);
    EXPECT_EQ(num(find_by(coauthors, "name", "C. M. Herdman")["shared_works"]), 2);
    EXPECT_EQ(num(find_by(coauthors, "name", "Ian Affleck")["shared_works"]), 1);
    EXPECT_EQ(num(find_by(coauthors, "name", "Michel J. P. Gingras")["shared_works"]), 1);
    EXPECT_EQ(str(find_by(coauthors, "name", "Subir Sachdev")["id"]), person_id("Subir Sachdev"));
    // The most frequent co-author comes first.
    EXPECT_EQ(str(coauthors.at(0)["name"]), "Subir Sachdev");

    element works = profile["works"];
    EXPECT_EQ(length(works), 10u);
    element melting = find_by(works, "ids.arxiv", "cond-mat/0412498");
    EXPECT_EQ(str(melting["title"]), "Thermal melting of density waves on the square lattice");
    EXPECT_EQ(num(melting["year"]), 2004);
    EXPECT_EQ(str(melting["type"]), "preprint");
    EXPECT_EQ(str(melting["venue"]), "Physical Review B 71, 184511 (2005)");
    std::string abstract = str(melting["abstract"]);
    EXPECT_TRUE(
        abstract.starts_with("We present the theory of the effect of thermal fluctuations on commensurate"))
        << abstract;
    // The summary is wrapped over several lines in the feed.
    EXPECT_FALSE(contains(abstract, "\n")) << abstract;
    EXPECT_FALSE(contains(abstract, "  ")) << abstract;
}

TEST_F(PeopleTest, ProfileMarkdownHasHeadingCoauthorsAndWorks) {
    const std::string id = person_id("Adrian Del Maestro");
    const std::string sachdev = person_id("Subir Sachdev");
    auto r = run({"profile", id, "--format", "markdown"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    auto lines = r.out_lines();
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.front(), "# Adrian Del Maestro");

    auto section = [&](const std::string& heading) {
        auto begin = std::find(lines.begin(), lines.end(), heading);
        std::vector<std::string> body;
        if (begin == lines.end()) return body;
        for (auto it = begin + 1; it != lines.end() && !it->starts_with("## "); ++it) body.push_back(*it);
        return body;
    };
    auto row_with = [](const std::vector<std::string>& body, std::vector<std::string> parts) {
        for (const auto& line : body) {
            if (!line.starts_with("|")) continue;
            if (std::all_of(parts.begin(), parts.end(), [&](const auto& p) { return contains(line, p); }))
                return true;
        }
        return false;
    };

    auto coauthors = section("## Co-authors");
    ASSERT_FALSE(coauthors.empty()) << r.out;
    EXPECT_TRUE(row_with(coauthors, {"| " + sachdev + " |", "Subir Sachdev", "| 3 |"})) << r.out;
    EXPECT_TRUE(row_with(coauthors, {"Bernd Rosenow", "| 2 |"})) << r.out;

    auto works = section("## Works");
    ASSERT_FALSE(works.empty()) << r.out;
    EXPECT_TRUE(row_with(works, {"| 2004 |", "Thermal melting of density waves on the square lattice",
                                 "cond-mat/0412498", "10.1103/physrevb.71.184511"}))
        << r.out;
    EXPECT_TRUE(row_with(works, {"| 2012 |", "A Luttinger Liquid Core Inside Helium-4 Filled Nanopores"}))
        << r.out;

    auto topics = section("## Topics");
    EXPECT_TRUE(row_with(topics, {"cond-mat.str-el", "Strongly Correlated Electrons", "| 3 |"})) << r.out;
}

TEST_F(PeopleTest, ProfileCoauthorLimitComesFromConfigAndOption) {
    const std::string id = person_id("Adrian Del Maestro");
    auto set = run({"config", "set", "profile.coauthors", "2"});
    ASSERT_EQ(set.exit_code, 0) << set.describe();

    auto count_rows = [](const std::string& markdown) {
        auto lines = split_lines(markdown);
        auto it = std::find(lines.begin(), lines.end(), "## Co-authors");
        int rows = 0;
        for (; it != lines.end() && !(it->starts_with("## ") && *it != "## Co-authors"); ++it)
            if (it->starts_with("| p:")) ++rows;
        return rows;
    };
    auto limited = run({"profile", id, "--format", "markdown"});
    ASSERT_EQ(limited.exit_code, 0) << limited.describe();
    EXPECT_EQ(count_rows(limited.out), 2) << limited.out;
    EXPECT_TRUE(contains(limited.out, "Subir Sachdev")) << limited.out;
    EXPECT_FALSE(contains(limited.out, "Michel J. P. Gingras")) << limited.out;

    auto option = run({"profile", id, "--coauthors", "1", "--format", "markdown"});
    ASSERT_EQ(option.exit_code, 0) << option.describe();
    EXPECT_EQ(count_rows(option.out), 1) << option.out;

    auto all = run({"profile", id, "--coauthors", "0", "--format", "markdown"});
    ASSERT_EQ(all.exit_code, 0) << all.describe();
    EXPECT_EQ(count_rows(all.out), 10) << all.out;
}

TEST_F(PeopleTest, WorksOfAPerson) {
    const std::string id = person_id("Subir Sachdev");
    auto r = run({"works", id, "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element works = parser.parse(r.out);
    EXPECT_EQ(length(works), 3u);
    for (element work : simdjson::dom::array(works)) {
        auto authors = strings(work["authors"]);
        EXPECT_NE(std::find(authors.begin(), authors.end(), "Subir Sachdev"), authors.end());
    }
}

// ---------------------------------------------------------------------------------------
// Plugins
// ---------------------------------------------------------------------------------------

// The folder the binary scans by default: plugins/ next to it in the build tree.
fs::path bundled_plugins_dir() { return fs::path(BZPEER_BINARY).parent_path() / "plugins"; }

bool same_file(const std::string& a, const fs::path& b) {
    std::error_code ec;
    return fs::equivalent(fs::path(a), b, ec);
}

// The bundled plugins are all loaded from their own modules in the build tree.
void expect_bundled_plugins_loaded(element list) {
    struct Expected {
        const char* name;
        const char* kind;
        std::vector<std::string> formats;
    };
    for (const auto& e : {Expected{"arxiv", "source", {}}, Expected{"json", "format", {"json"}},
                          Expected{"markdown", "format", {"markdown", "md"}},
                          Expected{"table", "format", {"table", "tsv", "csv"}}}) {
        SCOPED_TRACE(e.name);
        EXPECT_EQ(count_by(list, "name", e.name), 1u);
        element plugin = find_by(list, "name", e.name);
        EXPECT_EQ(str(plugin["status"]), "loaded");
        EXPECT_EQ(str(plugin["kind"]), e.kind);
        EXPECT_TRUE(
            same_file(str(plugin["file"]), bundled_plugins_dir() / (std::string("bzpeer-") + e.name + ".so")))
            << str(plugin["file"]);
        EXPECT_EQ(str(plugin["reason"]), "");
        auto formats = strings(plugin["formats"]);
        for (const auto& f : e.formats)
            EXPECT_NE(std::find(formats.begin(), formats.end(), f), formats.end()) << f;
    }
}

element find_file(element list, const std::string& filename) {
    for (element plugin : simdjson::dom::array(list))
        if (fs::path(str(plugin["file"])).filename() == filename) return plugin;
    throw std::runtime_error("no plugin file " + filename + " listed");
}

// The two modules of tests/plugins are listed and rejected, with the reasons.
void expect_test_plugins_rejected(element list) {
    element bad_api = find_file(list, "bzpeer-bad-api.so");
    EXPECT_EQ(str(bad_api["status"]), "rejected");
    EXPECT_TRUE(same_file(str(bad_api["file"]), fs::path(BZPEER_TEST_PLUGINS_DIR) / "bzpeer-bad-api.so"));
    std::string reason = str(bad_api["reason"]);
    EXPECT_TRUE(contains(lower(reason), "api version")) << reason;
    EXPECT_TRUE(contains(reason, std::to_string(bzpeer::sdk::kApiVersion + 1))) << reason;
    EXPECT_TRUE(contains(reason, std::to_string(bzpeer::sdk::kApiVersion))) << reason;

    element no_entry = find_file(list, "bzpeer-no-entry.so");
    EXPECT_EQ(str(no_entry["status"]), "rejected");
    std::string missing = str(no_entry["reason"]);
    EXPECT_TRUE(contains(missing, "missing")) << missing;
    EXPECT_TRUE(contains(missing, BZPEER_PLUGIN_DESCRIPTOR_SYMBOL)) << missing;

    // Nothing from the bad modules is loaded.
    for (element plugin : simdjson::dom::array(list)) {
        if (str(plugin["status"]) != "loaded") continue;
        EXPECT_TRUE(same_file(fs::path(str(plugin["file"])).parent_path().string(), bundled_plugins_dir()))
            << str(plugin["file"]);
    }
}

TEST_F(CliTest, PluginsListShowsTheBundledPluginsLoadedFromTheirModules) {
    auto r = run({"plugins", "list", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element list = parser.parse(r.out);
    ASSERT_TRUE(list.is_array());
    ASSERT_NO_FATAL_FAILURE(expect_bundled_plugins_loaded(list));
    for (element plugin : simdjson::dom::array(list))
        EXPECT_EQ(str(plugin["status"]), "loaded") << str(plugin["file"]) << ": " << str(plugin["reason"]);
    // The test plugins are not in the default path.
    EXPECT_THROW(find_file(list, "bzpeer-bad-api.so"), std::runtime_error);
}

TEST_F(CliTest, PluginsListRejectsBrokenModulesFromPluginPathOption) {
    auto r = run({"--plugin-path", BZPEER_TEST_PLUGINS_DIR, "plugins", "list", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element list = parser.parse(r.out);
    expect_test_plugins_rejected(list);
    expect_bundled_plugins_loaded(list);
}

TEST_F(CliTest, PluginsListRejectsBrokenModulesFromPluginPathEnvironment) {
    auto r = run({"plugins", "list", "--format", "json"}, {{"BZPEER_PLUGIN_PATH", BZPEER_TEST_PLUGINS_DIR}});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element list = parser.parse(r.out);
    expect_test_plugins_rejected(list);
    expect_bundled_plugins_loaded(list);
}

TEST_F(CliTest, RejectedPluginFormatIsNotUsable) {
    ASSERT_NO_FATAL_FAILURE(init());
    auto r = run({"--plugin-path", BZPEER_TEST_PLUGINS_DIR, "stats", "--format", "bad-api"});
    EXPECT_EQ(r.exit_code, 2) << r.describe();
    EXPECT_FALSE(contains(r.out, "bad-api plugin output")) << r.describe();
}

TEST_F(CliTest, PluginsListRejectsAFileThatIsNotASharedLibrary) {
    auto folder = dir_ / "junk-plugins";
    fs::create_directories(folder);
    write_file(folder / "junk.so", "this is a text file, not an ELF shared object\n");
    auto r = run({"--plugin-path", folder.string(), "plugins", "list", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    simdjson::dom::parser parser;
    element list = parser.parse(r.out);
    element junk = find_file(list, "junk.so");
    EXPECT_EQ(str(junk["status"]), "rejected");
    std::string reason = lower(str(junk["reason"]));
    EXPECT_TRUE(contains(reason, "not a loadable shared library")) << reason;
    expect_bundled_plugins_loaded(list);
}

// ---------------------------------------------------------------------------------------
// Config
// ---------------------------------------------------------------------------------------

TEST_F(CliTest, ConfigPathPrintsTheConfigFileInUse) {
    auto r = run({"config", "path"});
    EXPECT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_EQ(r.out, config_.string() + "\n");

    auto other = dir_ / "elsewhere.yaml";
    auto option = run({"--config", other.string(), "config", "path"});
    EXPECT_EQ(option.exit_code, 0) << option.describe();
    EXPECT_EQ(option.out, other.string() + "\n");
}

TEST_F(CliTest, ConfigSetThenGet) {
    ASSERT_NO_FATAL_FAILURE(init());
    auto before = run({"config", "get", "profile.coauthors"});
    EXPECT_EQ(before.exit_code, 0) << before.describe();
    EXPECT_EQ(before.out, "20\n");

    auto set = run({"config", "set", "profile.coauthors", "3"});
    EXPECT_EQ(set.exit_code, 0) << set.describe();
    auto get = run({"config", "get", "profile.coauthors"});
    EXPECT_EQ(get.exit_code, 0) << get.describe();
    EXPECT_EQ(get.out, "3\n");
    EXPECT_TRUE(get.err.empty()) << get.describe();
}

TEST_F(CliTest, ConfigSetWithABadValueIsAUsageErrorNamingTheKey) {
    ASSERT_NO_FATAL_FAILURE(init());
    const std::string file_before = read_file(config_);
    auto r = run({"config", "set", "profile.coauthors", "abc"});
    EXPECT_EQ(r.exit_code, 2) << r.describe();
    auto lines = r.err_lines();
    ASSERT_EQ(lines.size(), 1u) << r.describe();
    EXPECT_TRUE(contains(lines.front(), "profile.coauthors")) << r.describe();
    EXPECT_EQ(read_file(config_), file_before);
    EXPECT_EQ(run({"config", "get", "profile.coauthors"}).out, "20\n");
}

TEST_F(CliTest, ConfigUnknownKeyInTheFileWarns) {
    write_file(config_, "profile:\n  coauthors: 5\n  colour: red\nbogus_section: 1\n");
    auto r = run({"config", "get", "profile.coauthors"});
    EXPECT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_EQ(r.out, "5\n");
    auto lines = r.err_lines();
    EXPECT_EQ(lines.size(), 2u) << r.describe();
    auto warned = [&](const std::string& key) {
        return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
            return contains(lower(line), "warning") && contains(line, key);
        });
    };
    EXPECT_TRUE(warned("profile.colour")) << r.describe();
    EXPECT_TRUE(warned("bogus_section")) << r.describe();
}

TEST_F(CliTest, ConfigBadValueInTheFileIsAnErrorNamingTheKey) {
    ASSERT_NO_FATAL_FAILURE(init());
    write_file(config_, "profile:\n  coauthors: lots\n");
    auto r = run({"stats", "--format", "json"});
    EXPECT_EQ(r.exit_code, 1) << r.describe();
    EXPECT_TRUE(r.out.empty()) << r.describe();
    auto lines = r.err_lines();
    ASSERT_EQ(lines.size(), 1u) << r.describe();
    EXPECT_TRUE(contains(lines.front(), "profile.coauthors")) << r.describe();
    EXPECT_TRUE(contains(lines.front(), config_.filename().string())) << r.describe();
}

// ---------------------------------------------------------------------------------------
// Usage errors, version, missing database
// ---------------------------------------------------------------------------------------

TEST_F(CliTest, UnknownGlobalOptionIsAUsageErrorNamingIt) {
    auto r = run({"--no-such-option", "stats"});
    EXPECT_EQ(r.exit_code, 2) << r.describe();
    auto lines = r.err_lines();
    ASSERT_EQ(lines.size(), 1u) << r.describe();
    EXPECT_TRUE(contains(lines.front(), "--no-such-option")) << r.describe();
}

TEST_F(CliTest, UnknownOptionOfACommandIsAUsageErrorNamingIt) {
    ASSERT_NO_FATAL_FAILURE(init());
    auto r = run({"works", "--no-such-option"});
    EXPECT_EQ(r.exit_code, 2) << r.describe();
    auto lines = r.err_lines();
    ASSERT_EQ(lines.size(), 1u) << r.describe();
    EXPECT_TRUE(contains(lines.front(), "--no-such-option")) << r.describe();
}

TEST_F(CliTest, UnknownCommandIsAUsageErrorNamingIt) {
    auto r = run({"frobnicate"});
    EXPECT_EQ(r.exit_code, 2) << r.describe();
    auto lines = r.err_lines();
    ASSERT_EQ(lines.size(), 1u) << r.describe();
    EXPECT_TRUE(contains(lines.front(), "frobnicate")) << r.describe();
}

TEST_F(CliTest, MistypedCommandSuggestsTheClosest) {
    auto r = run({"profil", "p:1"});
    EXPECT_EQ(r.exit_code, 2) << r.describe();
    ASSERT_EQ(r.err_lines().size(), 1u) << r.describe();
    EXPECT_TRUE(contains(r.err, "unknown command 'profil'; did you mean 'profile'?")) << r.describe();
}

TEST_F(CliTest, MistypedSubcommandSuggestsTheClosestEvenWhereANameCouldStand) {
    // `people NAME` takes a name too: a lowercase near miss of a subcommand is taken as a typo.
    auto r = run({"--format", "json", "people", "splt", "p:1", "--flagged"});
    EXPECT_EQ(r.exit_code, 2) << r.describe();
    ASSERT_EQ(r.err_lines().size(), 1u) << r.describe();
    EXPECT_TRUE(contains(r.err, "unknown command 'people splt'; did you mean 'people split'?"))
        << r.describe();
    r = run({"config", "sohw"});
    EXPECT_EQ(r.exit_code, 2) << r.describe();
    EXPECT_TRUE(contains(r.err, "did you mean 'config show'?")) << r.describe();
}

TEST_F(CliTest, ManualOfAMistypedCommandSuggestsTheClosest) {
    auto r = run({"manual", "profil"});
    EXPECT_EQ(r.exit_code, 2) << r.describe();
    EXPECT_TRUE(contains(r.err, "did you mean 'profile'?")) << r.describe();
}

// The subcommands CLI11 lists under "Subcommands:" in a help text.
std::vector<std::string> subcommands_in_help(const std::string& help) {
    std::vector<std::string> names;
    bool listing = false;
    for (const auto& line : split_lines(help)) {
        if (line == "Subcommands:") {
            listing = true;
        } else if (listing && line.starts_with("  ") && line.size() > 2 && line[2] != ' ') {
            names.push_back(line.substr(2, line.find(' ', 2) - 2));
        } else if (listing) {
            listing = false;
        }
    }
    return names;
}

TEST_F(CliTest, EveryCommandsHelpShowsTheGlobalOptionsAndExamplesOfItself) {
    std::vector<std::string> paths{""};
    std::size_t checked = 0;
    while (!paths.empty()) {
        std::string path = paths.back();
        paths.pop_back();
        std::vector<std::string> args = path.empty() ? std::vector<std::string>{} : split(path, ' ');
        args.push_back("--help");
        auto r = run(args);
        ASSERT_EQ(r.exit_code, 0) << r.describe();
        for (const auto& sub : subcommands_in_help(r.out))
            paths.push_back(path.empty() ? sub : path + " " + sub);
        ASSERT_TRUE(contains(r.out, "\nExamples:\n  bzpeer " + path)) << r.describe();
        if (path.empty()) continue;
        ++checked;
        EXPECT_TRUE(contains(r.out, "Global options")) << r.describe();
        for (const char* option : {"--db", "--config", "--format", "--output", "--quiet"})
            EXPECT_TRUE(contains(r.out, option)) << option << "\n" << r.describe();
    }
    EXPECT_GE(checked, 20u);
}

TEST_F(CliTest, UnknownFormatIsAUsageError) {
    ASSERT_NO_FATAL_FAILURE(init());
    auto r = run({"stats", "--format", "yaml"});
    EXPECT_EQ(r.exit_code, 2) << r.describe();
    ASSERT_EQ(r.err_lines().size(), 1u) << r.describe();
    EXPECT_TRUE(contains(r.err, "yaml")) << r.describe();
}

TEST_F(CliTest, VersionPrintsTheProjectVersion) {
    auto r = run({"--version"});
    EXPECT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_TRUE(contains(r.out, BZPEER_EXPECTED_VERSION)) << r.describe();
    EXPECT_EQ(r.out_lines().size(), 1u) << r.describe();
}

TEST_F(CliTest, WorksBeforeInitSaysToRunInit) {
    auto r = run({"works", "--format", "json"});
    EXPECT_EQ(r.exit_code, 1) << r.describe();
    EXPECT_TRUE(r.out.empty()) << r.describe();
    auto lines = r.err_lines();
    ASSERT_EQ(lines.size(), 1u) << r.describe();
    EXPECT_TRUE(contains(lines.front(), "bzpeer init")) << r.describe();
    // Asking must not create the database (or its folder).
    EXPECT_FALSE(fs::exists(db_));
}

TEST_F(CliTest, WithoutEnvironmentTheXdgFoldersAreUsed) {
    const std::set<std::string> unset{"BZPEER_DB", "BZPEER_CONFIG"};
    auto data = dir_ / "xdg-data";
    auto conf = dir_ / "xdg-config";
    const Env xdg{{"XDG_DATA_HOME", data.string()}, {"XDG_CONFIG_HOME", conf.string()}};

    auto path = run({"config", "path"}, xdg, unset);
    EXPECT_EQ(path.exit_code, 0) << path.describe();
    EXPECT_EQ(path.out, (conf / "bzpeer" / "config.yaml").string() + "\n");

    auto init = run({"init"}, xdg, unset);
    ASSERT_EQ(init.exit_code, 0) << init.describe();
    EXPECT_TRUE(fs::exists(conf / "bzpeer" / "config.yaml"));
    ASSERT_TRUE(fs::is_directory(data / "bzpeer")) << init.describe();
    EXPECT_FALSE(fs::is_empty(data / "bzpeer")) << init.describe();
    EXPECT_FALSE(fs::exists(db_));
    auto stats = run({"stats", "--format", "json"}, xdg, unset);
    EXPECT_EQ(stats.exit_code, 0) << stats.describe();

    // Without XDG variables: under HOME.
    auto home_init = run({"init"}, {}, unset);
    ASSERT_EQ(home_init.exit_code, 0) << home_init.describe();
    EXPECT_TRUE(fs::exists(home_ / ".config" / "bzpeer" / "config.yaml")) << home_init.describe();
    EXPECT_TRUE(fs::is_directory(home_ / ".local" / "share" / "bzpeer")) << home_init.describe();
}

TEST_F(CliTest, DbAndConfigOptionsWinOverTheEnvironment) {
    auto db = dir_ / "other.sqlite";
    auto conf = dir_ / "other.yaml";
    auto r = run({"--db", db.string(), "--config", conf.string(), "init"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_TRUE(fs::exists(db));
    EXPECT_TRUE(fs::exists(conf));
    EXPECT_FALSE(fs::exists(db_));
    EXPECT_FALSE(fs::exists(config_));
}

// ---------------------------------------------------------------------------------------
// Output formats and --output
// ---------------------------------------------------------------------------------------

TEST_F(PeopleTest, OutputFileTakesItsFormatFromTheExtension) {
    const std::string id = person_id("Adrian Del Maestro");
    auto file = dir_ / "profile.md";
    auto r = run({"profile", id, "--output", file.string()});
    EXPECT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_TRUE(r.out.empty()) << r.describe();
    ASSERT_TRUE(fs::exists(file)) << r.describe();
    std::string markdown = read_file(file);
    EXPECT_TRUE(markdown.starts_with("# Adrian Del Maestro\n")) << markdown.substr(0, 200);
    EXPECT_TRUE(contains(markdown, "\n## Co-authors\n")) << markdown.substr(0, 200);
    EXPECT_TRUE(contains(markdown, "\n## Works\n")) << markdown.substr(0, 200);

    auto json_file = dir_ / "works.json";
    auto w = run({"works", "--output", json_file.string()});
    EXPECT_EQ(w.exit_code, 0) << w.describe();
    EXPECT_TRUE(w.out.empty()) << w.describe();
    simdjson::dom::parser parser;
    element works = parser.parse(read_file(json_file));
    EXPECT_EQ(length(works), kFixtureWorks);
}

// The ids of `works --format json`, to compare with the tabular forms.
std::set<std::string> work_ids(const std::string& json) {
    simdjson::dom::parser parser;
    std::set<std::string> ids;
    for (element work : simdjson::dom::array(parser.parse(json))) ids.insert(str(work["id"]));
    return ids;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw std::runtime_error("no column " + name);
    return static_cast<std::size_t>(it - header.begin());
}

TEST_F(PeopleTest, WorksAsTsvHasAHeaderAndOneLinePerWork) {
    auto json = run({"works", "--format", "json"});
    auto r = run({"works", "--format", "tsv"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    auto lines = r.out_lines();
    ASSERT_EQ(lines.size(), kFixtureWorks + 1) << r.out;
    auto header = split(lines.front(), '\t');
    const auto id_col = column(header, "id");
    const auto title_col = column(header, "title");
    const auto arxiv_col = column(header, "arxiv");
    const auto doi_col = column(header, "doi");
    std::set<std::string> ids;
    bool found = false;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        auto fields = split(lines[i], '\t');
        ASSERT_EQ(fields.size(), header.size()) << lines[i];
        ids.insert(fields[id_col]);
        if (fields[arxiv_col] == "astro-ph/9812133") {
            found = true;
            EXPECT_EQ(fields[title_col], "Measurements of Omega and Lambda from 42 High-Redshift Supernovae");
            EXPECT_EQ(fields[doi_col], "10.1086/307221");
        }
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(ids, work_ids(json.out));

    // Not a terminal: tsv is the default.
    auto plain = run({"works"});
    EXPECT_EQ(plain.out, r.out);
}

TEST_F(PeopleTest, WorksAsCsvHasAHeaderAndOneRecordPerWork) {
    auto json = run({"works", "--format", "json"});
    auto r = run({"works", "--format", "csv"});
    ASSERT_EQ(r.exit_code, 0) << r.describe();
    auto rows = parse_csv(r.out);
    ASSERT_EQ(rows.size(), kFixtureWorks + 1) << r.out;
    const auto& header = rows.front();
    const auto id_col = column(header, "id");
    const auto title_col = column(header, "title");
    const auto arxiv_col = column(header, "arxiv");
    std::set<std::string> ids;
    bool found = false;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        ASSERT_EQ(rows[i].size(), header.size()) << "record " << i;
        ids.insert(rows[i][id_col]);
        if (rows[i][arxiv_col] == "2406.19956") {
            found = true;
            EXPECT_EQ(rows[i][title_col],
                      "Three Scores and 15 Years (1948-2023) of Rao's Score Test: A Brief History");
        }
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(ids, work_ids(json.out));
}

}  // namespace
}  // namespace bzpeer::cli_test
