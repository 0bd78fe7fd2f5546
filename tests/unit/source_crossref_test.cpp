// The Crossref reader against every recorded response in tests/fixtures/crossref/ (single
// works, work-list pages with and without a cursor, an empty list, Crossref's JSON and
// plain-text errors) plus hand-made edge cases.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crossref_reader.hpp"
#include "source_test_support.hpp"

namespace {

using bzpeer::crossref::abstract_to_text;
using bzpeer::crossref::ListInfo;
using bzpeer::crossref::markup_to_text;
using bzpeer::crossref::read_crossref;
using bzpeer::crossref::Reader;
using namespace bzpeer::test::common;

std::string fixture(const std::string& name) { return bzpeer::test::read_fixture("crossref/" + name); }

using Parsed = bzpeer::test::Parsed<ListInfo>;

Parsed parse(std::string_view json) {
    return bzpeer::test::collect<ListInfo>(
        [&](CollectingSink& sink, ListInfo& info) { return read_crossref(json, sink, &info); });
}

Parsed parse_fixture(const std::string& name) { return parse(fixture(name)); }

// A work-list message around hand-written items.
std::string list_of(const std::string& items) {
    return R"({"status":"ok","message-type":"work-list","message-version":"1.0.0","message":{"total-results":1,)"
           R"("items":[)" +
           items + "]}}";
}

// One work from a hand-written item; fails the test when it does not read as exactly one.
WorkRecord one_work(const std::string& item) {
    Parsed p = parse(list_of(item));
    EXPECT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.works.size(), 1u);
    return p.works.empty() ? WorkRecord{} : p.works.front();
}

std::vector<std::string> names(const WorkRecord& work) { return bzpeer::test::author_names(work); }

std::vector<std::string> dois(const std::vector<WorkRecord>& works) {
    std::vector<std::string> out;
    for (const WorkRecord& work : works) {
        for (const auto& id : work.ids) {
            if (id.scheme == "doi") out.push_back(id.value);
        }
    }
    return out;
}

const WorkRecord* by_doi(const std::vector<WorkRecord>& works, const std::string& doi) {
    for (const WorkRecord& work : works) {
        if (!work.ids.empty() && work.ids.front().value == doi) return &work;
    }
    ADD_FAILURE() << "no work with DOI " << doi;
    return nullptr;
}

// Text fields must come out on one line with no doubled or edge spaces and no markup.
void expect_plain(const std::string& text) {
    expect_collapsed(text);
    EXPECT_EQ(text.find("<jats:"), std::string::npos) << text;
    EXPECT_EQ(text.find("&amp;"), std::string::npos) << text;
}

MATCHER_P3(Rel, type, scheme, value, "") {
    return arg.type == type && arg.id.scheme == scheme && arg.id.value == value;
}

// ---- single-work messages -------------------------------------------------------------

TEST(SourceCrossref, PlosOneWorkReadsEveryField) {
    Parsed p = parse_fixture("work_10.1371_journal.pone.0033693.json");
    ASSERT_TRUE(p.status) << p.status.message;
    ASSERT_EQ(p.works.size(), 1u);
    const WorkRecord& w = p.works[0];
    EXPECT_EQ(w.source_id, "https://doi.org/10.1371/journal.pone.0033693");
    EXPECT_THAT(w.ids, ElementsAre(Id("doi", "10.1371/journal.pone.0033693")));
    EXPECT_EQ(
        w.title,
        "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal "
        "Ganglia of Mice");
    EXPECT_EQ(w.type, "journal-article");
    EXPECT_EQ(w.venue, "PLoS ONE");
    EXPECT_EQ(w.date, "2012-03-21");
    EXPECT_EQ(w.updated, "2025-03-23T19:53:43Z");  // deposited, not indexed (2026-06-06)
    // The editor (Cesario V. Borlongan) is not an author.
    EXPECT_THAT(names(w), ElementsAre("Shankar Sadasivan", "Brooks B. Pond", "Amar K. Pani", "Chunxu Qu",
                                      "Yun Jiao", "Richard J. Smeyne"));
    EXPECT_EQ(w.authors[1].given, "Brooks B.");
    EXPECT_EQ(w.authors[1].family, "Pond");
    for (const AuthorRecord& author : w.authors) {
        EXPECT_THAT(author.orcid, IsEmpty());
        EXPECT_FALSE(author.orcid_authenticated);
        EXPECT_THAT(author.affiliations, IsEmpty());
    }
    // This recorded response carries no abstract; its relation object is empty.
    EXPECT_THAT(w.abstract, IsEmpty());
    EXPECT_THAT(w.relations, IsEmpty());
    EXPECT_THAT(w.categories, IsEmpty());
    EXPECT_FALSE(p.info.total_results.has_value());
    EXPECT_FALSE(p.info.next_cursor.has_value());
    EXPECT_EQ(p.info.skipped_untitled, 0u);
}

TEST(SourceCrossref, JClinPathWorkHasOrcidAffiliationsAndJatsAbstract) {
    Parsed p = parse_fixture("work_10.1136_jclinpath-2020-206745_orcid_affiliations.json");
    ASSERT_TRUE(p.status) << p.status.message;
    ASSERT_EQ(p.works.size(), 1u);
    const WorkRecord& w = p.works[0];
    EXPECT_EQ(w.source_id, "https://doi.org/10.1136/jclinpath-2020-206745");
    // The title carries <i> markup and indentation.
    EXPECT_EQ(w.title,
              "Construction of a reference material panel for detecting KRAS / NRAS / EGFR / BRAF / MET "
              "mutations in plasma ctDNA");
    EXPECT_EQ(w.venue, "Journal of Clinical Pathology");
    EXPECT_EQ(w.date, "2020-08-17");  // issued, not published-print 2021-05
    ASSERT_EQ(w.authors.size(), 15u);
    EXPECT_EQ(w.authors.front().name, "Jun Xu");
    EXPECT_THAT(w.authors.front().affiliations,
                ElementsAre("Department of Neurosurgery, China-Japan Friendship Hospital, Beijing, China"));
    EXPECT_THAT(w.authors[5].affiliations,
                ElementsAre("R&D Center, Amoy Diagnostics Co., Ltd, Xiamen, China"));
    EXPECT_EQ(w.authors.back().name, "Jie Huang");
    // Only Xuexi Yang (14th) gives an ORCID, not authenticated.
    for (std::size_t i = 0; i < w.authors.size(); ++i) {
        if (i == 13) continue;
        EXPECT_THAT(w.authors[i].orcid, IsEmpty()) << i;
    }
    EXPECT_EQ(w.authors[13].name, "Xuexi Yang");
    EXPECT_EQ(w.authors[13].orcid, "https://orcid.org/0000-0002-3513-6501");
    EXPECT_FALSE(w.authors[13].orcid_authenticated);
    EXPECT_THAT(w.authors[13].affiliations,
                ElementsAre("School of Laboratory Medicine and Biotechnology, Southern Medical University, "
                            "Guangzhou, China"));

    // Structured abstract: section titles stay (they are not "Abstract"), tags go.
    expect_plain(w.abstract);
    EXPECT_THAT(w.abstract, StartsWith("Background The absence of high-quality next-generation sequencing"));
    EXPECT_THAT(w.abstract, HasSubstr("in China. Objective This study aimed"));
    EXPECT_THAT(w.abstract, HasSubstr("Kirsten rat sarcoma viral oncogene ( KRAS )/neuroblastoma"));
    EXPECT_THAT(w.abstract, HasSubstr("mesenchymal\u2013epithelial transition factor"));
    EXPECT_THAT(w.abstract, EndsWith("quality control of the performance of independent laboratories."));
    EXPECT_EQ(w.abstract.find('<'), std::string::npos);
}

TEST(SourceCrossref, BookChapterWithNullIssuedDateHasNoDate) {
    Parsed p = parse_fixture("work_10.4018_book_chapter_issued_date_null.json");
    ASSERT_TRUE(p.status) << p.status.message;
    ASSERT_EQ(p.works.size(), 1u);
    const WorkRecord& w = p.works[0];
    EXPECT_EQ(w.source_id, "https://doi.org/10.4018/978-1-4666-9588-7.les2");
    EXPECT_THAT(w.ids, ElementsAre(Id("doi", "10.4018/978-1-4666-9588-7.les2")));
    EXPECT_EQ(w.title, "\"Racial Epithet\"");  // subtitle [""] adds nothing
    EXPECT_EQ(w.type, "book-chapter");
    EXPECT_EQ(w.venue, "Impact of the Model Minority Stereotype on Modern Society");
    // issued is [[null]]: unknown, and `created` (2015-11-10, the DOI's registration) is not
    // taken for it.
    EXPECT_THAT(w.date, IsEmpty());
    ASSERT_EQ(w.authors.size(), 1u);
    EXPECT_EQ(w.authors[0].name, "Nicholas D. Hartlep");
    EXPECT_EQ(w.authors[0].given, "Nicholas D.");
    EXPECT_EQ(w.authors[0].family, "Hartlep");
    EXPECT_THAT(w.authors[0].affiliations, ElementsAre("Illinois State University, USA"));
    EXPECT_THAT(w.abstract, IsEmpty());
}

// ---- work-list messages ---------------------------------------------------------------

TEST(SourceCrossref, EcologyListReadsTwentyWorks) {
    Parsed p = parse_fixture("works_list_query_ecology_author_carl_boettiger.json");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.total_results, 1253);
    EXPECT_EQ(p.info.items_per_page, 20);
    EXPECT_FALSE(p.info.next_cursor.has_value());  // no cursor was asked for
    ASSERT_EQ(p.works.size(), 20u);
    EXPECT_EQ(p.works.front().title, "The forecast trap");
    EXPECT_EQ(p.works.back().title,
              "Grazer behaviour can regulate large\u2010scale patterning of community states");
    EXPECT_EQ(dois(p.works).front(), "10.1111/ele.14024");
    EXPECT_EQ(dois(p.works).back(), "10.1111/ele.13828");
    EXPECT_THAT(names(p.works.back()),
                ElementsAre("Vadim A. Karatayev", "Marissa L. Baskett", "David J. Kushner", "Nick T. Shears",
                            "Jennifer E. Caselle", "Carl Boettiger"));
    for (const WorkRecord& w : p.works) {
        EXPECT_THAT(w.source_id, StartsWith("https://doi.org/10.")) << w.source_id;
        expect_plain(w.title);
        if (!w.abstract.empty()) expect_plain(w.abstract);
    }

    const WorkRecord* forecast = by_doi(p.works, "10.1111/ele.14024");
    ASSERT_NE(forecast, nullptr);
    EXPECT_EQ(forecast->date, "2022-05-30");
    EXPECT_EQ(forecast->venue, "Ecology Letters");
    // "<jats:title>Abstract</jats:title>" is dropped.
    EXPECT_THAT(forecast->abstract, StartsWith("Encouraged by decision makers\u2019 appetite for future"));
    EXPECT_THAT(forecast->abstract, EndsWith("are the best way to avoid the trap."));
    ASSERT_EQ(forecast->authors.size(), 1u);
    EXPECT_EQ(forecast->authors[0].orcid, "https://orcid.org/0000-0002-1642-628X");
    EXPECT_FALSE(forecast->authors[0].orcid_authenticated);
    // Peer-review relations are kept like any other.
    EXPECT_EQ(forecast->relations.size(), 15u);
    EXPECT_THAT(forecast->relations.front(), Rel("has-review", "doi", "10.1111/ELE.14024/v3/review2"));

    // The journal article names its bioRxiv preprint, which is also in this page.
    const WorkRecord* article = by_doi(p.works, "10.1002/ece3.2314");
    ASSERT_NE(article, nullptr);
    EXPECT_THAT(article->relations, ElementsAre(Rel("has-preprint", "doi", "10.1101/014852")));
    const WorkRecord* preprint = by_doi(p.works, "10.1101/014852");
    ASSERT_NE(preprint, nullptr);
    EXPECT_EQ(preprint->type, "posted-content");
    EXPECT_THAT(preprint->venue, IsEmpty());
    EXPECT_EQ(preprint->date, "2015-02-04");
    EXPECT_THAT(preprint->abstract, StartsWith("Increased dispersal propensity"));  // "ABSTRACT" dropped
    EXPECT_EQ(preprint->authors[0].name, "T. Alex Perkins");

    // Wiley's <scp> markup has no spaces around it in the deposit itself.
    const WorkRecord* treebase = by_doi(p.works, "10.1111/j.2041-210x.2012.00247.x");
    ASSERT_NE(treebase, nullptr);
    EXPECT_EQ(treebase->title,
              "Treebase: anRpackage for discovery, access and manipulation of online phylogenies");
    EXPECT_THAT(treebase->abstract, StartsWith("The TreeBASE portal is"));  // "Summary" dropped
    EXPECT_EQ(by_doi(p.works, "10.1002/fee.70021")->title,
              "The role of AI in ecology\u2019s computational carbon footprint");

    // A structured abstract keeps its section headings after the dropped "ABSTRACT".
    EXPECT_THAT(by_doi(p.works, "10.1111/geb.13950")->abstract, StartsWith("Aim Despite unprecedented"));

    // Entities in venues and affiliations are decoded.
    const WorkRecord* policies = by_doi(p.works, "10.1177/2053951719836258");
    ASSERT_NE(policies, nullptr);
    EXPECT_EQ(policies->venue, "Big Data & Society");
    EXPECT_EQ(policies->date, "2019-01");  // year-month
    const WorkRecord* shiny = by_doi(p.works, "10.1111/2041-210x.13501");
    ASSERT_NE(shiny, nullptr);
    EXPECT_THAT(
        shiny->authors[2].affiliations,
        ElementsAre("Department of Environmental Science, Policy & Management University of California "
                    "Berkeley CA USA"));
    EXPECT_THAT(shiny->authors[0].affiliations,
                ElementsAre("CSIRO Dutton Park Australia", "ENSTA Paris Palaiseau France"));

    // The CRAN package deposit has authenticated ORCIDs; authors without one stay plain.
    const WorkRecord* rfishbase = by_doi(p.works, "10.32614/cran.package.rfishbase");
    ASSERT_NE(rfishbase, nullptr);
    EXPECT_EQ(rfishbase->type, "dataset");
    ASSERT_EQ(rfishbase->authors.size(), 4u);
    EXPECT_TRUE(rfishbase->authors[0].orcid_authenticated);
    EXPECT_TRUE(rfishbase->authors[1].orcid_authenticated);
    EXPECT_EQ(rfishbase->authors[1].orcid, "https://orcid.org/0000-0003-1444-9135");
    EXPECT_EQ(rfishbase->authors[2].name, "Duncan Temple Lang");
    EXPECT_THAT(rfishbase->authors[2].orcid, IsEmpty());
    EXPECT_FALSE(rfishbase->authors[2].orcid_authenticated);
}

TEST(SourceCrossref, WidgetCursorPage1HasNextCursorAndPartialDates) {
    Parsed p = parse_fixture("works_list_query_widget_cursor_page1.json");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.total_results, 454);
    ASSERT_TRUE(p.info.next_cursor.has_value());
    EXPECT_THAT(*p.info.next_cursor, StartsWith("DnF1ZXJ5VGhlbkZldGNoJAAAAAAd55AF"));
    EXPECT_THAT(*p.info.next_cursor, EndsWith("UlMtZjR5aVZROGlxUThvMURHandkUQ=="));
    ASSERT_EQ(p.works.size(), 20u);
    const WorkRecord& first = p.works.front();
    EXPECT_EQ(first.title, "Widget Mania: Using a GUI Widget Framework");
    EXPECT_EQ(first.type, "book-chapter");
    EXPECT_EQ(first.venue, "Practical JavaScript\u2122, DOM Scripting, and Ajax Projects");
    EXPECT_THAT(first.date, IsEmpty());     // [[null]]
    EXPECT_THAT(first.authors, IsEmpty());  // no "author" member
    EXPECT_EQ(p.works.back().title, "The SWT JChemPaint (viewing) widget");
    EXPECT_EQ(
        p.works.back().abstract,
        "In addition to this Swing-based screenshot of JChemPaint , here's a SWT widget in action (lower "
        "right corner):");
    EXPECT_EQ(p.works[2].date, "2020");        // year only
    EXPECT_EQ(p.works[5].date, "2009-09");     // year-month
    EXPECT_EQ(p.works[4].date, "2023-03-02");  // full
    EXPECT_EQ(p.works[5].type, "proceedings-article");
    EXPECT_EQ(p.works[5].venue, "AFRICON 2009");
    EXPECT_THAT(names(p.works[5]), ElementsAre("Paco Mendes", "Marcos Caceres", "Barry Dwolatzky"));
}

TEST(SourceCrossref, WidgetCursorPage2) {
    Parsed page1 = parse_fixture("works_list_query_widget_cursor_page1.json");
    Parsed p = parse_fixture("works_list_query_widget_cursor_page2.json");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.total_results, 454);
    // Crossref's deep-paging cursor is a scroll id: it stays the same from page to page.
    EXPECT_EQ(p.info.next_cursor, page1.info.next_cursor);
    ASSERT_EQ(p.works.size(), 20u);
    EXPECT_EQ(p.works.front().title,
              "Widget, widget as you lead, I am performing well indeed! using results from an exploratory "
              "offline study to inform an empirical online study about a learning analytics widget in a "
              "collaborative learning environment");
    EXPECT_EQ(p.works.front().venue,
              "Proceedings of the Seventh International Learning Analytics & Knowledge Conference");
    EXPECT_EQ(p.works.back().title, "Your First Widget");
    // A family-only name (Korean) prints as the family name.
    ASSERT_EQ(p.works[1].authors.size(), 1u);
    EXPECT_EQ(p.works[1].authors[0].name, "\uC870\uD61C\uB9B0");
    EXPECT_THAT(p.works[1].authors[0].given, IsEmpty());
    // A later version of the page-1 blog post points back at it.
    EXPECT_THAT(p.works[5].relations, ElementsAre(Rel("is-version-of", "doi", "10.59350/7mtwq-q3661")));
    // The first of two titles is the title.
    EXPECT_EQ(p.works[18].title,
              "Desain Widget Antarmuka Sistem Informasi Olahraga Lari Marathon untuk Pelatih");
    EXPECT_EQ(p.works[8].authors[2].name, "Mehrun Huda");
    EXPECT_TRUE(p.works[8].authors[2].orcid_authenticated);
    EXPECT_EQ(p.works[9].type, "report");
    EXPECT_EQ(p.works[9].date, "1992-10-01");
}

TEST(SourceCrossref, EmptyListIsNotAnError) {
    Parsed p = parse_fixture("works_list_empty_result.json");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_THAT(p.works, IsEmpty());
    EXPECT_EQ(p.info.total_results, 0);
    EXPECT_EQ(p.info.items_per_page, 20);
    EXPECT_FALSE(p.info.next_cursor.has_value());
}

// ---- errors ---------------------------------------------------------------------------

TEST(SourceCrossref, ValidationFailureCarriesCrossrefsMessage) {
    Parsed p = parse_fixture("error_400_validation_failure_parameter_not_allowed.json");
    EXPECT_FALSE(p.status);
    EXPECT_EQ(p.status.message,
              "Crossref error (validation-failure): This route does not support field query parameters "
              "(parameter-not-allowed: query.*)");
    EXPECT_THAT(p.works, IsEmpty());
}

TEST(SourceCrossref, InvalidCursorCarriesCrossrefsMessage) {
    Parsed p = parse_fixture("error_404_cursor_invalid.json");
    EXPECT_FALSE(p.status);
    EXPECT_EQ(
        p.status.message,
        "Crossref error (resource-failure): Cursor specified but it is invalid (cursor-invalid: thing)");
}

TEST(SourceCrossref, PlainTextNotFoundBodyIsNotJson) {
    Parsed p = parse_fixture("error_404_work_not_found.txt");
    EXPECT_FALSE(p.status);
    EXPECT_EQ(p.status.message, "not a Crossref JSON response: Resource not found.");
}

TEST(SourceCrossref, ServerExceptionCarriesItsMessage) {
    // The shape of Crossref's HTTP 500 body.
    Parsed p = parse(
        R"({"status":"error","message-type":"exception","message-version":"1.0.0","message":{)"
        R"("name":"class clojure.lang.ExceptionInfo","description":"clojure.lang.ExceptionInfo: Response )"
        R"(Exception","message":"Response Exception","stack":["a","b"],"cause":null}})");
    EXPECT_FALSE(p.status);
    EXPECT_EQ(p.status.message,
              "Crossref error (exception): Response Exception (class clojure.lang.ExceptionInfo)");
}

TEST(SourceCrossref, ErrorWithoutTextStillSaysSo) {
    Parsed p = parse(R"({"status":"failed","message-type":"validation-failure","message":[]})");
    EXPECT_FALSE(p.status);
    EXPECT_EQ(p.status.message, "Crossref error (validation-failure), with no message");
}

TEST(SourceCrossref, TruncatedResponsesNameWhereTheyEnd) {
    std::string json = fixture("work_10.1371_journal.pone.0033693.json");
    ASSERT_GT(json.size(), 1000u);

    // Cut inside a string: "title":["Methylphe
    std::size_t title = json.find("Methylphenidate");
    ASSERT_NE(title, std::string::npos);
    Parsed in_string = parse(json.substr(0, title + 5));
    EXPECT_FALSE(in_string.status);
    EXPECT_EQ(in_string.status.message, "truncated JSON: the input ends after " + std::to_string(title + 5) +
                                            " bytes inside a string that starts at byte " +
                                            std::to_string(title - 1));

    // Cut just before the last brace: the envelope object is left open.
    Parsed open = parse(json.substr(0, json.rfind('}')));
    EXPECT_FALSE(open.status);
    EXPECT_THAT(open.status.message, StartsWith("truncated JSON: the input ends after "));
    EXPECT_THAT(open.status.message, EndsWith(" inside an object opened at byte 0"));
    EXPECT_THAT(open.works, IsEmpty());

    // Cut right after an array opens.
    Parsed array = parse(R"({"status":"ok","message-type":"work-list","message":{"items":[)");
    EXPECT_FALSE(array.status);
    EXPECT_EQ(array.status.message,
              "truncated JSON: the input ends after 62 bytes inside an array opened at byte 61");
}

TEST(SourceCrossref, MalformedJsonNamesTheByteOrSimdjsonsReason) {
    Parsed mismatched = parse(R"({"items":[1,2}})");
    EXPECT_FALSE(mismatched.status);
    EXPECT_EQ(mismatched.status.message, "malformed JSON at byte 13: '}' closes the '[' opened at byte 9");

    Parsed stray = parse(R"({"a":1}})");
    EXPECT_FALSE(stray.status);
    EXPECT_EQ(stray.status.message, "malformed JSON at byte 7: '}' closes nothing");

    // Brackets balance: only simdjson can say what is wrong.
    Parsed comma = parse(R"({"status":"ok",})");
    EXPECT_FALSE(comma.status);
    EXPECT_THAT(comma.status.message, StartsWith("malformed JSON: "));
    EXPECT_GT(comma.status.message.size(), std::string("malformed JSON: ").size());
}

TEST(SourceCrossref, JsonThatIsNotACrossrefMessageIsRejected) {
    EXPECT_EQ(parse("").status.message, "empty input: expected a Crossref JSON response");
    EXPECT_EQ(parse(" \n\t").status.message, "empty input: expected a Crossref JSON response");
    EXPECT_EQ(parse("[1, 2]").status.message,
              "not a Crossref message: the JSON value is an array, expected an object with \"status\", "
              "\"message-type\" and \"message\"");
    EXPECT_THAT(parse("\"ok\"").status.message,
                StartsWith("not a Crossref message: the JSON value is a string"));
    EXPECT_EQ(parse(R"({"DOI":"10.1/x"})").status.message,
              "not a Crossref message: the JSON object has no \"status\" or \"message-type\"");
    EXPECT_EQ(parse(R"({"status":"ok","message-type":"member","message":{}})").status.message,
              "unsupported Crossref message type \"member\": expected \"work\" or \"work-list\"");
    EXPECT_EQ(
        parse(R"({"status":"ok","message-type":"work-list","message":{"total-results":0}})").status.message,
        "Crossref work-list message without \"items\"");
    EXPECT_EQ(parse(R"({"status":"ok","message-type":7})").status.message,
              "Crossref message: \"message-type\" is a number, expected a string");
    // An HTML error page from a proxy.
    EXPECT_EQ(parse("<html><body>502 Bad Gateway</body></html>\n").status.message,
              "not a Crossref JSON response: <html><body>502 Bad Gateway</body></html>");
}

TEST(SourceCrossref, ByteOrderMarkIsSkipped) {
    Parsed p = parse("\xEF\xBB\xBF" + fixture("work_10.4018_book_chapter_issued_date_null.json"));
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.works.size(), 1u);
}

// ---- hand-made works ----------------------------------------------------------------

TEST(SourceCrossref, RelationsKeepTypeSchemeAndId) {
    WorkRecord w = one_work(R"({"DOI":"10.1101/2021.01.01.425001","title":["A preprint"],"relation":{
        "has-preprint":[{"id-type":"arxiv","id":"2101.00001","asserted-by":"subject"}],
        "is-preprint-of":[{"id-type":"DOI","id":"10.1038/s41586-021-00001-x","asserted-by":"object"},
                          {"id-type":"URI","id":"https://example.org/paper","asserted-by":"subject"}],
        "is-version-of":{"id-type":"doi","id":"10.5555/single-object"},
        "has-review":[{"id-type":"doi","asserted-by":"object"}],
        "cites":[]}})");
    EXPECT_THAT(w.relations, ElementsAre(Rel("has-preprint", "arxiv", "2101.00001"),
                                         Rel("is-preprint-of", "doi", "10.1038/s41586-021-00001-x"),
                                         Rel("is-preprint-of", "uri", "https://example.org/paper"),
                                         Rel("is-version-of", "doi", "10.5555/single-object")));
}

TEST(SourceCrossref, OrganizationAuthorsUseName) {
    WorkRecord w = one_work(R"({"DOI":"10.1/consortium","title":["Results"],"author":[
        {"given":"Ada","family":"Lovelace","suffix":"Jr.","sequence":"first","affiliation":[]},
        {"name":"The ATLAS Collaboration","sequence":"additional","affiliation":[{"name":"CERN"}]},
        {"given":"Plato","sequence":"additional"},
        {"sequence":"additional","affiliation":[{"name":"Nowhere"}]},
        {"given":"  Grace\n Brewster ","family":"Hopper","ORCID":"http://orcid.org/0000-0002-1825-0097",
         "authenticated-orcid":true}]})");
    ASSERT_EQ(w.authors.size(), 4u);  // the nameless one is left out
    EXPECT_EQ(w.authors[0].name, "Ada Lovelace Jr.");
    EXPECT_EQ(w.authors[0].given, "Ada");
    EXPECT_EQ(w.authors[0].family, "Lovelace");
    EXPECT_EQ(w.authors[1].name, "The ATLAS Collaboration");
    EXPECT_THAT(w.authors[1].given, IsEmpty());
    EXPECT_THAT(w.authors[1].family, IsEmpty());
    EXPECT_THAT(w.authors[1].affiliations, ElementsAre("CERN"));
    EXPECT_EQ(w.authors[2].name, "Plato");
    EXPECT_EQ(w.authors[3].name, "Grace Brewster Hopper");
    EXPECT_EQ(w.authors[3].given, "Grace Brewster");
    EXPECT_EQ(w.authors[3].orcid, "http://orcid.org/0000-0002-1825-0097");
    EXPECT_TRUE(w.authors[3].orcid_authenticated);
}

TEST(SourceCrossref, UntitledWorksAreSkippedAndCounted) {
    Parsed p = parse(list_of(R"({"DOI":"10.1/a","title":["First"]},
                                {"DOI":"10.1/b","title":[]},
                                {"DOI":"10.1/c","title":[""],"container-title":["A Journal"]},
                                {"DOI":"10.1/d"},
                                {"DOI":"10.1/e","title":[" <i> </i> "]},
                                {"DOI":"10.1/f","title":["", "Second title counts"]})"));
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_THAT(dois(p.works), ElementsAre("10.1/a", "10.1/f"));
    EXPECT_EQ(p.works[1].title, "Second title counts");
    EXPECT_EQ(p.info.skipped_untitled, 4u);

    Parsed single = parse(R"({"status":"ok","message-type":"work","message":{"DOI":"10.1/b","title":[]}})");
    ASSERT_TRUE(single.status) << single.status.message;
    EXPECT_THAT(single.works, IsEmpty());
    EXPECT_EQ(single.info.skipped_untitled, 1u);
}

TEST(SourceCrossref, SubtitleIsJoinedOnce) {
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["Main"],"subtitle":["a <i>sub</i> title"]})").title,
              "Main: a sub title");
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["Main:"],"subtitle":["Sub"]})").title, "Main: Sub");
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["Why?"],"subtitle":["Because"]})").title, "Why? Because");
    // Deposited twice: in the title and as the subtitle.
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["Main: Sub"],"subtitle":["sub"]})").title, "Main: Sub");
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["Main"],"subtitle":[]})").title, "Main");
}

TEST(SourceCrossref, DatesFallBackOnlyWhenIssuedIsAbsent) {
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["T"],"issued":{"date-parts":[[2020,2,29]]},
                           "created":{"date-parts":[[2019,1,1]]}})")
                  .date,
              "2020-02-29");
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["T"],"published-print":{"date-parts":[[2021,5]]},
                           "published-online":{"date-parts":[[2020,8,17]]}})")
                  .date,
              "2021-05");
    EXPECT_EQ(
        one_work(R"({"DOI":"10.1/a","title":["T"],"published-online":{"date-parts":[[2020,8,17]]}})").date,
        "2020-08-17");
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["T"],"created":{"date-parts":[[2015,11,10]]}})").date,
              "2015-11-10");
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["T"],"issued":{"date-parts":[[null]]},
                           "created":{"date-parts":[[2015,11,10]]}})")
                  .date,
              "");
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["T"],"issued":{"date-parts":[[1999,null]]}})").date,
              "1999");
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["T"],"issued":{"date-parts":[["2001","7"]]}})").date,
              "2001-07");
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["T"],"issued":{}})").date, "");
    EXPECT_EQ(
        one_work(R"({"DOI":"10.1/a","title":["T"],"issued":null,"created":{"date-parts":[[2003]]}})").date,
        "2003");
    EXPECT_EQ(one_work(R"({"DOI":"10.1/a","title":["T"]})").date, "");
}

TEST(SourceCrossref, BadFieldsNameTheItemAndFieldAndEmitNothing) {
    auto error_of = [](const std::string& items) {
        CollectingSink sink;
        Status status = read_crossref(list_of(items), sink);
        EXPECT_FALSE(status);
        EXPECT_THAT(sink.works, IsEmpty()) << "a failed page must not reach the sink";
        return status.message;
    };
    const std::string good = R"({"DOI":"10.1/ok","title":["Fine"]},)";
    EXPECT_EQ(error_of(good + R"({"title":["No DOI"]})"), "item 2: missing \"DOI\"");
    EXPECT_EQ(error_of(good + R"({"DOI":"10.1/x","title":"not a list"})"),
              "item 2 (DOI 10.1/x): \"title\" is a string, expected an array");
    EXPECT_EQ(error_of(good + R"({"DOI":"10.1/x","title":["T"],"author":[{"family":"A","ORCID":42}]})"),
              "item 2 (DOI 10.1/x): author 1: \"ORCID\" is a number, expected a string");
    EXPECT_EQ(error_of(good + R"({"DOI":"10.1/x","title":["T"],"author":[{"family":"A"},"B"]})"),
              "item 2 (DOI 10.1/x): author 2 is a string, expected an object");
    EXPECT_EQ(
        error_of(good +
                 R"({"DOI":"10.1/x","title":["T"],"author":[{"family":"A","authenticated-orcid":"yes"}]})"),
        "item 2 (DOI 10.1/x): author 1: \"authenticated-orcid\" is a string, expected a boolean");
    EXPECT_EQ(
        error_of(good + R"({"DOI":"10.1/x","title":["T"],"author":[{"family":"A","affiliation":["X"]}]})"),
        "item 2 (DOI 10.1/x): author 1: affiliation 1 is a string, expected an object");
    EXPECT_EQ(error_of(good + R"({"DOI":"10.1/x","title":["T"],"issued":{"date-parts":[[2020,13]]}})"),
              "item 2 (DOI 10.1/x): \"issued\" date-parts has month 13, out of range");
    EXPECT_EQ(error_of(good + R"({"DOI":"10.1/x","title":["T"],"issued":{"date-parts":[[2020.5]]}})"),
              "item 2 (DOI 10.1/x): \"issued\" date-parts year is a number, expected an integer");
    EXPECT_EQ(error_of(good + R"([1])"), "item 2: the work is an array, expected an object");
    EXPECT_EQ(error_of(good + R"({"DOI":7})"), "item 2: \"DOI\" is a number, expected a string");
}

TEST(SourceCrossref, SinkErrorStopsTheReadUnchanged) {
    CollectingSink sink;
    sink.refuse_after = 3;
    Status status = read_crossref(fixture("works_list_query_widget_cursor_page1.json"), sink);
    EXPECT_FALSE(status);
    EXPECT_EQ(status.message, "store is full");
    EXPECT_EQ(sink.received, 4u);
}

TEST(SourceCrossref, ReaderIsReusedAcrossResponses) {
    Reader reader;
    CollectingSink first;
    ListInfo info;
    ASSERT_TRUE(reader.read(fixture("works_list_query_ecology_author_carl_boettiger.json"), first, &info));
    EXPECT_EQ(info.total_results, 1253);
    // A smaller response after a larger one: no bytes of the first may leak into the second.
    CollectingSink second;
    ASSERT_TRUE(reader.read(fixture("work_10.4018_book_chapter_issued_date_null.json"), second, &info));
    ASSERT_EQ(second.works.size(), 1u);
    EXPECT_EQ(second.works[0].title, "\"Racial Epithet\"");
    EXPECT_FALSE(info.total_results.has_value());  // reset for the single work
    CollectingSink third;
    EXPECT_FALSE(reader.read(fixture("error_404_work_not_found.txt"), third, &info));
    CollectingSink fourth;
    ASSERT_TRUE(reader.read(fixture("works_list_query_widget_cursor_page2.json"), fourth, &info));
    EXPECT_EQ(fourth.works.size(), 20u);
}

// ---- markup ---------------------------------------------------------------------------

TEST(SourceCrossref, MarkupToTextStripsTagsAndDecodesEntities) {
    EXPECT_EQ(markup_to_text("<jats:p>Tom &amp; Jerry &lt;3 &quot;cats&quot; &gt; &apos;dogs&apos;</jats:p>"),
              "Tom & Jerry <3 \"cats\" > 'dogs'");
    EXPECT_EQ(markup_to_text("caf&#233; &#x2013; &#X3b1;"), "caf\u00e9 \u2013 \u03b1");
    EXPECT_EQ(markup_to_text("line&#10;break"), "line break");
    EXPECT_EQ(markup_to_text("&#38;lt; stays"), "&lt; stays");  // decoded once, not twice
    EXPECT_EQ(markup_to_text("&nbsp; &bogus; &#xD800; &#; & alone"), "&nbsp; &bogus; &#xD800; &#; & alone");
    EXPECT_EQ(markup_to_text("H<jats:sub>2</jats:sub>O and CO<sub>2</sub>"), "H2O and CO2");
    EXPECT_EQ(markup_to_text("<jats:p>one</jats:p><jats:p>two</jats:p><jats:title>three</jats:title>four"),
              "one two three four");
    EXPECT_EQ(markup_to_text("p < 0.05 and a<b, c > d"), "p < 0.05 and a<b, c > d");
    EXPECT_EQ(markup_to_text("x <!-- note --> y <![CDATA[<kept> & raw]]> z"), "x y <kept> & raw z");
    EXPECT_EQ(markup_to_text(R"(see <jats:ext-link xlink:href="http://a.b/?q=1>2">here</jats:ext-link>.)"),
              "see here.");
    EXPECT_EQ(markup_to_text("  spaced \n\t out  "), "spaced out");
    EXPECT_EQ(markup_to_text("<mml:math><mml:mi>x</mml:mi></mml:math>-ray"), "x-ray");
    EXPECT_EQ(markup_to_text("a<br/>b"), "a b");
}

TEST(SourceCrossref, AbstractHeadingIsDropped) {
    EXPECT_EQ(abstract_to_text("<jats:title>Abstract</jats:title><jats:p>Text.</jats:p>"), "Text.");
    EXPECT_EQ(abstract_to_text("\n  <jats:title>ABSTRACT:</jats:title>\n<jats:p>Text.</jats:p>"), "Text.");
    EXPECT_EQ(abstract_to_text("<jats:sec><jats:title>Summary</jats:title><jats:p>Text.</jats:p></jats:sec>"),
              "Text.");
    EXPECT_EQ(abstract_to_text("<jats:p><jats:bold>Abstract</jats:bold> Text.</jats:p>"), "Text.");
    // Only a heading: the words themselves stay.
    EXPECT_EQ(abstract_to_text("<jats:p>Abstract algebra is fun.</jats:p>"), "Abstract algebra is fun.");
    EXPECT_EQ(abstract_to_text("Abstract algebra is fun."), "Abstract algebra is fun.");
    EXPECT_EQ(
        abstract_to_text("<jats:sec><jats:title>Background</jats:title><jats:p>Text.</jats:p></jats:sec>"),
        "Background Text.");
    EXPECT_EQ(abstract_to_text("<jats:p>Text &amp; more.</jats:p>"), "Text & more.");
}

}  // namespace
