// The arXiv Atom reader against every recorded response in tests/fixtures/arxiv/ (legacy
// 2016/2019 layout and the 2026 layout) plus hand-made edge cases.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "atom_reader.hpp"
#include "source_test_support.hpp"

namespace {

using bzpeer::arxiv::FeedInfo;
using bzpeer::arxiv::read_atom;
using namespace bzpeer::test::common;

std::string fixture(const std::string& name) { return bzpeer::test::read_fixture("arxiv/" + name); }

using Parsed = bzpeer::test::Parsed<FeedInfo>;

Parsed parse(std::string_view xml) {
    return bzpeer::test::collect<FeedInfo>(
        [&](CollectingSink& sink, FeedInfo& info) { return read_atom(xml, sink, &info); });
}

Parsed parse_fixture(const std::string& name) { return parse(fixture(name)); }

std::vector<std::string> names(const WorkRecord& work) { return bzpeer::test::author_names(work); }

std::vector<std::string> arxiv_ids(const std::vector<WorkRecord>& works) {
    std::vector<std::string> out;
    for (const WorkRecord& work : works) {
        for (const Identifier& id : work.ids) {
            if (id.scheme == "arxiv") out.push_back(id.value);
        }
    }
    return out;
}

std::string doi_of(const WorkRecord& work) {
    for (const Identifier& id : work.ids) {
        if (id.scheme == "doi") return id.value;
    }
    return "";
}

// ---- legacy layout: namespaces declared on each extension element -------------------

TEST(SourceArxiv, Legacy2016SearchReadsTenEntriesWithAllFields) {
    Parsed p = parse_fixture("legacy2016_search_au_del_maestro_10_entries.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.total_results, 31);
    EXPECT_EQ(p.info.start_index, 0);
    EXPECT_EQ(p.info.items_per_page, 10);
    ASSERT_EQ(p.works.size(), 10u);
    EXPECT_THAT(arxiv_ids(p.works), ElementsAre("1201.4869v1", "cond-mat/0412498v1", "cond-mat/0603029v1",
                                                "1005.5383v1", "1303.6954v2", "1312.6177v1", "1412.6529v2",
                                                "cond-mat/0607501v2", "cond-mat/0702661v2", "0807.2873v1"));

    const WorkRecord& first = p.works[0];
    EXPECT_EQ(first.source_id, "http://arxiv.org/abs/1201.4869v1");
    EXPECT_THAT(first.ids, ElementsAre(Id("arxiv", "1201.4869v1"), Id("doi", "10.1142/S021797921244002X")));
    EXPECT_EQ(first.title, "A Luttinger Liquid Core Inside Helium-4 Filled Nanopores");
    EXPECT_EQ(first.type, "preprint");
    EXPECT_EQ(first.date, "2012-01-23");
    EXPECT_EQ(first.updated, "2012-01-23T21:15:02Z");
    EXPECT_EQ(first.journal_ref, "Int. J. Mod. Phys. B, 26, 1244002 (2012)");
    EXPECT_EQ(first.comment, "26 pages, 10 figures");
    EXPECT_EQ(first.venue, "");
    EXPECT_EQ(first.primary_category, "cond-mat.mes-hall");
    EXPECT_THAT(first.categories, ElementsAre("cond-mat.mes-hall", "cond-mat.other"));
    EXPECT_THAT(names(first), ElementsAre("Adrian Del Maestro"));
    EXPECT_THAT(first.authors[0].affiliations, IsEmpty());
    // The abstract is wrapped at 80 columns and indented in the feed.
    EXPECT_THAT(first.abstract,
                StartsWith("As helium-4 is cooled below 2.17 K it undergoes a phase transition"));
    EXPECT_THAT(first.abstract, HasSubstr("which supports flow without viscosity."));
    EXPECT_THAT(first.abstract, HasSubstr("dimensional state of matter."));
    expect_collapsed(first.abstract);
    for (const WorkRecord& work : p.works) {
        expect_collapsed(work.title);
        expect_collapsed(work.abstract);
        EXPECT_EQ(work.type, "preprint");
        EXPECT_EQ(work.venue, "");
        EXPECT_EQ(work.categories.front(), work.primary_category);
    }
}

TEST(SourceArxiv, Legacy2016WrappedTitleIsCollapsed) {
    Parsed p = parse_fixture("legacy2016_search_au_del_maestro_10_entries.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    ASSERT_EQ(p.works.size(), 10u);
    // "...in the presence\n  of quenched disorder" in the feed.
    EXPECT_EQ(p.works[2].title,
              "From stripe to checkerboard order on the square lattice in the presence of quenched disorder");
    EXPECT_THAT(names(p.works[2]), ElementsAre("Adrian Del Maestro", "Bernd Rosenow", "Subir Sachdev"));
    EXPECT_THAT(p.works[2].categories, ElementsAre("cond-mat.str-el", "cond-mat.supr-con"));
}

TEST(SourceArxiv, Legacy2016OldStyleIdsRevisedEntriesAndAuthorOrder) {
    Parsed p = parse_fixture("legacy2016_search_au_del_maestro_10_entries.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    ASSERT_EQ(p.works.size(), 10u);

    const WorkRecord& old_style = p.works[1];
    EXPECT_EQ(old_style.source_id, "http://arxiv.org/abs/cond-mat/0412498v1");
    EXPECT_THAT(old_style.ids,
                ElementsAre(Id("arxiv", "cond-mat/0412498v1"), Id("doi", "10.1103/PhysRevB.71.184511")));
    EXPECT_EQ(old_style.journal_ref, "Physical Review B 71, 184511 (2005)");
    // &quot;-free quotes and &gt;= survive entity decoding.
    EXPECT_THAT(old_style.abstract,
                HasSubstr("\"p x p\" density wave ordering on the square lattice (p >= 3"));

    // Revised: published and updated differ; date is the first version's.
    const WorkRecord& revised = p.works[4];
    EXPECT_EQ(revised.title, "Local Superfluidity at the Nanoscale");
    EXPECT_EQ(revised.date, "2013-03-27");
    EXPECT_EQ(revised.updated, "2013-09-03T01:06:36Z");
    EXPECT_EQ(revised.comment, "Added a figure and extended discussion");
    EXPECT_THAT(names(revised), ElementsAre("B. Kulchytskyy", "G. Gervais", "A. Del Maestro"));

    const WorkRecord& last = p.works[9];
    EXPECT_EQ(last.title, "Theory of the pairbreaking superconductor-metal transition in nanowires");
    EXPECT_EQ(doi_of(last), "10.1016/j.aop.2008.08.003");
    EXPECT_EQ(last.journal_ref, "Annals of Physics 324, 523 (2009).");
    EXPECT_THAT(last.categories, ElementsAre("cond-mat.supr-con"));
}

TEST(SourceArxiv, Legacy2019ThirtyTwoAuthorsWithAffiliations) {
    Parsed p = parse_fixture("legacy2019_id_astro-ph_9812133_32_authors_affiliations.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.total_results, 1);
    EXPECT_EQ(p.info.items_per_page, 10);
    ASSERT_EQ(p.works.size(), 1u);
    const WorkRecord& work = p.works[0];
    EXPECT_EQ(work.source_id, "http://arxiv.org/abs/astro-ph/9812133v1");
    EXPECT_THAT(work.ids, ElementsAre(Id("arxiv", "astro-ph/9812133v1"), Id("doi", "10.1086/307221")));
    EXPECT_EQ(work.title, "Measurements of Omega and Lambda from 42 High-Redshift Supernovae");
    EXPECT_EQ(work.date, "1998-12-08");
    EXPECT_EQ(work.updated, "1998-12-08T03:27:34Z");
    EXPECT_EQ(work.journal_ref, "Astrophys.J.517:565-586,1999");
    // The comment is wrapped across three lines in the feed.
    EXPECT_EQ(work.comment,
              "21 pages and 10 figures. Accepted for publication in the Astrophysical Journal. Individual "
              "color figures, supplementary tables, and preprint also available at "
              "http://www-supernova.lbl.gov/");
    EXPECT_EQ(work.primary_category, "astro-ph");
    EXPECT_THAT(work.categories, ElementsAre("astro-ph", "hep-ex", "hep-ph"));

    ASSERT_EQ(work.authors.size(), 32u);
    EXPECT_EQ(work.authors.front().name, "S. Perlmutter");
    EXPECT_EQ(work.authors[1].name, "G. Aldering");
    EXPECT_EQ(work.authors[22].name, "P. Ruiz-Lapuente");
    EXPECT_EQ(work.authors.back().name, "W. J. Couch");
    for (const AuthorRecord& author : work.authors) {
        EXPECT_THAT(author.affiliations, ElementsAre("The Supernova Cosmology Project")) << author.name;
    }

    EXPECT_THAT(work.abstract, StartsWith("We report measurements of the mass density, Omega_M, and"));
    EXPECT_THAT(work.abstract, HasSubstr("interest (Omega_M <~ 1.5). For a flat"));
    EXPECT_THAT(work.abstract, HasSubstr("confidence of P(Lambda > 0) = 99%"));
    EXPECT_THAT(work.abstract, EndsWith("to standardize the SN peak magnitudes."));
    expect_collapsed(work.abstract);
}

TEST(SourceArxiv, Legacy2019ErrorFeedIsAnError) {
    Parsed p = parse_fixture("legacy2019_error_incorrect_id_format.xml");
    EXPECT_FALSE(p.status);
    EXPECT_EQ(p.status.message, "arXiv API error: incorrect id format for INVALIDID");
    EXPECT_THAT(p.works, IsEmpty());
}

// ---- 2026 layout: all namespaces declared on <feed> -----------------------------------

TEST(SourceArxiv, Api2026ErrorFeedIsAnError) {
    Parsed p = parse_fixture("api2026_error_http400_incorrect_id_format_abc.xml");
    EXPECT_FALSE(p.status);
    EXPECT_EQ(p.status.message, "arXiv API error: incorrect id format for abc");
    EXPECT_THAT(p.works, IsEmpty());
}

TEST(SourceArxiv, Api2026EmptyResultGivesNoRecords) {
    Parsed p = parse_fixture("api2026_empty_result_id_0000.0000.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_THAT(p.works, IsEmpty());
    EXPECT_EQ(p.info.total_results, 0);
    EXPECT_EQ(p.info.start_index, 0);
    EXPECT_EQ(p.info.items_per_page, 100);
}

TEST(SourceArxiv, Api2026OldStyleIdWithAffiliationsAndJournalRef) {
    Parsed p = parse_fixture("api2026_id_astro-ph_0601001_affiliations_journal_ref.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.total_results, 1);
    ASSERT_EQ(p.works.size(), 1u);
    const WorkRecord& work = p.works[0];
    EXPECT_EQ(work.source_id, "http://arxiv.org/abs/astro-ph/0601001v1");
    EXPECT_THAT(work.ids, ElementsAre(Id("arxiv", "astro-ph/0601001v1")));  // no DOI in this record
    EXPECT_EQ(work.title,
              "Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the "
              "Galactic Bulge and Carina");
    EXPECT_EQ(work.date, "2006-01-02");
    EXPECT_EQ(work.updated, "2006-01-02T14:57:58Z");
    EXPECT_EQ(work.type, "preprint");
    EXPECT_EQ(work.journal_ref, "ActaAstron.56:1-50,2006");
    EXPECT_EQ(work.venue, "");
    EXPECT_EQ(work.comment,
              "62 pages including 16 figures and 9 tables. Submitted to Acta Astronomica. Full resolution "
              "version at http://www.astronomy.ohio-state.edu/~gould/ogle_hot_jupiters.ps.gz");
    EXPECT_EQ(work.primary_category, "astro-ph");
    EXPECT_THAT(work.categories, ElementsAre("astro-ph"));
    // The summary starts with two spaces and carries &amp; and &lt;.
    EXPECT_THAT(work.abstract, StartsWith("We derive the frequencies of h"));
    EXPECT_THAT(work.abstract, HasSubstr("following Gould & Morgan (2003)"));
    EXPECT_THAT(work.abstract, HasSubstr("limit of V_max<17.5."));
    expect_collapsed(work.abstract);

    ASSERT_EQ(work.authors.size(), 4u);
    EXPECT_THAT(names(work),
                ElementsAre("Andrew Gould", "Susan Dorsher", "B. Scott Gaudi", "Andrzej Udalski"));
    EXPECT_THAT(work.authors[0].affiliations, ElementsAre("Ohio State"));
    EXPECT_THAT(work.authors[1].affiliations, ElementsAre("Ohio State"));
    EXPECT_THAT(work.authors[2].affiliations, ElementsAre("CfA"));
    EXPECT_THAT(work.authors[3].affiliations, ElementsAre("Warsaw University Observatory"));
}

TEST(SourceArxiv, Api2026ThirtyFourAuthorsKeepOrderAndBytes) {
    Parsed p = parse_fixture("api2026_id_list_two_ids_one_missing_34_authors_mojibake.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    // Two ids were asked for; arXiv returned only the one that exists.
    EXPECT_EQ(p.info.total_results, 1);
    ASSERT_EQ(p.works.size(), 1u);
    const WorkRecord& work = p.works[0];
    EXPECT_THAT(work.ids, ElementsAre(Id("arxiv", "1707.08567v1")));
    EXPECT_EQ(work.title, "Proceedings of Workshop AEW10: Concepts in Information Theory and Communications");
    EXPECT_EQ(work.date, "2017-07-27");
    EXPECT_EQ(work.journal_ref, "");
    EXPECT_EQ(work.comment, "44 pages, editors for the proceedings: Yanling Chen and A. J. Han Vinck");
    EXPECT_EQ(work.primary_category, "cs.IT");
    EXPECT_THAT(work.categories, ElementsAre("cs.IT"));
    EXPECT_THAT(work.abstract,
                HasSubstr("workshop in \"Concepts in Information Theory and Communications\""));

    ASSERT_EQ(work.authors.size(), 34u);
    EXPECT_EQ(work.authors.front().name, "Kees A. Schouhamer Immink");
    EXPECT_EQ(work.authors[1].name, "Stan Baggen");
    EXPECT_EQ(work.authors[4].name, "Peter H. N. de With");
    EXPECT_EQ(work.authors.back().name, "Hirosuke Yamamoto");
    // arXiv double-encoded "Wübben" (UTF-8 read as Latin-1); the reader passes bytes through.
    EXPECT_EQ(work.authors[32].name,
              "Dirk W\xC3\x83\xC2\xBC"
              "bben");
    for (const AuthorRecord& author : work.authors) EXPECT_THAT(author.affiliations, IsEmpty());
}

TEST(SourceArxiv, Api2026SearchFirstPage) {
    Parsed p = parse_fixture("api2026_search_testing_start0_max10.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.total_results, 214881);
    EXPECT_EQ(p.info.start_index, 0);
    EXPECT_EQ(p.info.items_per_page, 10);
    ASSERT_EQ(p.works.size(), 10u);
    EXPECT_THAT(arxiv_ids(p.works),
                ElementsAre("2202.12139v1", "2405.13786v1", "2005.14124v2", "2204.08348v3", "2302.03287v3",
                            "1202.4527v1", "2503.05378v2", "1205.1866v1", "2502.07719v2", "1812.11470v1"));

    const WorkRecord& first = p.works[0];
    EXPECT_EQ(first.title,
              "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques");
    EXPECT_THAT(first.ids,
                ElementsAre(Id("arxiv", "2202.12139v1"), Id("doi", "10.1109/ICSTW55395.2022.00035")));
    EXPECT_EQ(first.journal_ref,
              "Artificial Intelligence in Software Testing @ 2022 IEEE International Conference on Software "
              "Testing, Verification and Validation Workshops (ICSTW)");
    EXPECT_EQ(first.venue, "");
    EXPECT_THAT(first.categories, ElementsAre("cs.SE", "cs.LG"));
    EXPECT_THAT(names(first), ElementsAre("Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker"));

    // Mojibake as served ("Ramírez", "José Raúl"): passed through untouched.
    EXPECT_THAT(names(p.works[1]),
                ElementsAre("Aurora Ram\xC3\x83\xC2\xADrez", "Mario Berrios",
                            "Jos\xC3\x83\xC2\xA9 Ra\xC3\x83\xC2\xBAl Romero", "Robert Feldt"));

    const WorkRecord& revised = p.works[2];
    EXPECT_EQ(revised.title, "Active Fuzzing for Testing and Securing Cyber-Physical Systems");
    EXPECT_EQ(revised.date, "2020-05-28");
    EXPECT_EQ(revised.updated, "2020-07-16T08:15:48Z");
    EXPECT_EQ(doi_of(revised), "10.1145/3395363.3397376");
    EXPECT_EQ(revised.primary_category, "cs.SE");
    EXPECT_THAT(revised.categories, ElementsAre("cs.SE", "cs.CR", "cs.LG"));
    EXPECT_EQ(revised.authors.size(), 5u);
    EXPECT_EQ(revised.authors.back().name, "Fan Zhang");

    // "&" in a title arrives unescaped.
    EXPECT_EQ(p.works[4].title, "ChatGPT and Software Testing Education: Promises & Perils");
    // A journal_ref without a DOI, then a DOI without a journal_ref.
    EXPECT_THAT(p.works[5].ids, ElementsAre(Id("arxiv", "1202.4527v1")));
    EXPECT_EQ(
        p.works[5].journal_ref,
        "International Journal of Software Engineering & Applications (IJSEA), Vol.3, No.1, January 2012");
    EXPECT_EQ(doi_of(p.works[7]), "10.5121/vlsic.2012.3205");
    EXPECT_EQ(p.works[7].journal_ref, "");
    EXPECT_THAT(p.works[7].categories, ElementsAre("cs.AR"));
    for (const WorkRecord& work : p.works) expect_collapsed(work.abstract);
}

TEST(SourceArxiv, Api2026SearchSecondPage) {
    Parsed p = parse_fixture("api2026_search_testing_start10_max10.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.total_results, 214881);
    EXPECT_EQ(p.info.start_index, 10);
    EXPECT_EQ(p.info.items_per_page, 10);
    ASSERT_EQ(p.works.size(), 10u);
    EXPECT_THAT(arxiv_ids(p.works),
                ElementsAre("2403.16981v2", "2004.03322v1", "1912.09881v1", "2406.19956v3", "1912.04900v1",
                            "2301.05651v1", "1605.01097v1", "2301.13615v1", "2407.18756v1", "2202.06271v1"));

    const WorkRecord& first = p.works[0];
    EXPECT_EQ(first.title, "The Sample Complexity of Simple Binary Hypothesis Testing");
    EXPECT_EQ(first.date, "2024-03-25");
    EXPECT_EQ(first.updated, "2025-05-24T05:50:33Z");
    EXPECT_EQ(first.primary_category, "math.ST");
    EXPECT_THAT(first.categories, ElementsAre("math.ST", "cs.IT", "stat.ML"));
    EXPECT_THAT(names(first), ElementsAre("Ankit Pensia", "Varun Jog", "Po-Ling Loh"));
    // Double-encoded Greek ("α" as C3 8E C2 B1) passes through byte for byte.
    EXPECT_THAT(first.abstract, HasSubstr("error at most $\xC3\x8E\xC2\xB1$ and"));

    EXPECT_EQ(p.works[3].title, "Three Scores and 15 Years (1948-2023) of Rao's Score Test: A Brief History");
    EXPECT_EQ(p.works[3].primary_category, "econ.EM");
    EXPECT_THAT(p.works[5].categories, ElementsAre("cs.LG", "cs.SE"));
    EXPECT_THAT(p.works[8].ids,
                ElementsAre(Id("arxiv", "2407.18756v1"), Id("doi", "10.1145/3679006.3685071")));
    EXPECT_EQ(p.works[8].comment, "MET'24: 9th ACM International Workshop on Metamorphic Testing");
    EXPECT_THAT(names(p.works[9]),
                ElementsAre("Katharina G\xC3\x83\xC2\xB6tz", "Patric Feldmeier", "Gordon Fraser"));
    EXPECT_EQ(p.works[9].title, "Model-based Testing of Scratch Programs");
}

// ---- broken input ------------------------------------------------------------------

TEST(SourceArxiv, TruncatedFeedIsAnErrorWithOffset) {
    std::string xml = fixture("legacy2016_search_au_del_maestro_10_entries.xml");
    ASSERT_GT(xml.size(), 10000u);
    Parsed p = parse(std::string_view(xml).substr(0, 10000));
    EXPECT_FALSE(p.status);
    EXPECT_THAT(p.status.message, HasSubstr("malformed XML at byte "));
    EXPECT_THAT(p.works, IsEmpty());  // nothing is emitted from a document that did not parse
}

TEST(SourceArxiv, EveryTruncationOfAFeedIsAnError) {
    // A download cut anywhere before </feed> must not yield a partial batch.
    std::string xml = fixture("api2026_id_astro-ph_0601001_affiliations_journal_ref.xml");
    std::size_t complete = xml.rfind("</feed>") + std::string_view("</feed>").size();
    for (std::size_t size = 0; size < complete; ++size) {
        Parsed p = parse(std::string_view(xml).substr(0, size));
        ASSERT_FALSE(p.status) << "prefix of " << size << " bytes parsed";
        ASSERT_THAT(p.works, IsEmpty()) << size;
    }
    EXPECT_TRUE(parse(std::string_view(xml).substr(0, complete)).status);
}

TEST(SourceArxiv, MismatchedTagNamesLineAndColumn) {
    Parsed p =
        parse("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <entry></entry>\n  <id></title>\n</feed>");
    EXPECT_FALSE(p.status);
    EXPECT_THAT(p.status.message, HasSubstr("malformed XML at byte "));
    EXPECT_THAT(p.status.message, HasSubstr("(line 3, column "));
    EXPECT_THAT(p.status.message, HasSubstr("mismatch"));
}

TEST(SourceArxiv, EmptyInputIsAnError) {
    EXPECT_EQ(parse("").status.message, "empty input: expected an arXiv Atom feed");
    EXPECT_EQ(parse(" \n").status.message, "empty input: expected an arXiv Atom feed");
}

TEST(SourceArxiv, NonFeedRootIsAnError) {
    Parsed oai = parse(
        "<?xml version=\"1.0\"?>\n<OAI-PMH "
        "xmlns=\"http://www.openarchives.org/OAI/2.0/\"><GetRecord/></OAI-PMH>");
    EXPECT_FALSE(oai.status);
    EXPECT_EQ(oai.status.message, "not an arXiv Atom feed: root element is <OAI-PMH>");

    Parsed rss = parse("<feed xmlns=\"urn:not-atom\"/>");
    EXPECT_FALSE(rss.status);
    EXPECT_EQ(rss.status.message,
              "not an arXiv Atom feed: root element is <feed> in namespace urn:not-atom, not "
              "http://www.w3.org/2005/Atom");

    EXPECT_EQ(parse("<feed/>").status.message,
              "not an arXiv Atom feed: root element is <feed> without a namespace");
}

// ---- namespace handling and entry-level checks (hand-made feeds) -------------------

TEST(SourceArxiv, MatchesByNamespaceUriNotPrefix) {
    // Unusual prefixes, a redeclared default namespace inside an entry, and decoys whose
    // names look right but whose namespace is foreign.
    Parsed p = parse(R"(<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:x="http://arxiv.org/schemas/atom"
                             xmlns:os="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="urn:decoy">
  <os:totalResults>7</os:totalResults>
  <totalResults>99</totalResults>
  <a:entry>
    <a:id>http://arxiv.org/abs/2101.00001v2</a:id>
    <a:title>Prefixed</a:title>
    <title>decoy title without namespace</title>
    <arxiv:doi>10.9999/decoy</arxiv:doi>
    <x:doi>10.1000/real</x:doi>
    <a:author><a:name>Ann Author</a:name><x:affiliation>Somewhere</x:affiliation></a:author>
  </a:entry>
  <entry xmlns="http://www.w3.org/2005/Atom">
    <id>http://arxiv.org/abs/2101.00002v1</id>
    <title>Default namespace redeclared</title>
    <author><name>Bo Zheng</name></author>
    <q:primary_category xmlns:q="http://arxiv.org/schemas/atom" term="cs.CL"/>
  </entry>
  <entry><id>http://arxiv.org/abs/9999.99999</id><title>Not Atom: ignored</title></entry>
</a:feed>)");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.total_results, 7);
    ASSERT_EQ(p.works.size(), 2u);
    EXPECT_EQ(p.works[0].title, "Prefixed");
    EXPECT_THAT(p.works[0].ids, ElementsAre(Id("arxiv", "2101.00001v2"), Id("doi", "10.1000/real")));
    ASSERT_EQ(p.works[0].authors.size(), 1u);
    EXPECT_THAT(p.works[0].authors[0].affiliations, ElementsAre("Somewhere"));
    EXPECT_EQ(p.works[1].title, "Default namespace redeclared");
    EXPECT_EQ(p.works[1].primary_category, "cs.CL");
    EXPECT_THAT(names(p.works[1]), ElementsAre("Bo Zheng"));
}

constexpr const char* kFeedOpen =
    R"(<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">)";

TEST(SourceArxiv, CategoriesPrimaryFirstWithoutDuplicates) {
    Parsed p = parse(std::string(kFeedOpen) + R"(<entry>
    <id>http://arxiv.org/abs/2101.00001v1</id><title>T</title>
    <category term="cs.SE"/><category term="cs.LG"/><category term="cs.SE"/><category term="stat.ML"/>
    <arxiv:primary_category term="cs.LG"/>
  </entry></feed>)");
    ASSERT_TRUE(p.status) << p.status.message;
    ASSERT_EQ(p.works.size(), 1u);
    EXPECT_EQ(p.works[0].primary_category, "cs.LG");
    EXPECT_THAT(p.works[0].categories, ElementsAre("cs.LG", "cs.SE", "stat.ML"));
}

TEST(SourceArxiv, AuthorsKeepEveryAffiliationAndCollapsedNames) {
    Parsed p = parse(std::string(kFeedOpen) + R"(<entry>
    <id>http://arxiv.org/abs/2101.00001v1</id><title><![CDATA[A <CDATA>]]>  title</title>
    <author><name>
        Jane   Q.
        Public </name>
      <arxiv:affiliation>MIT</arxiv:affiliation>
      <arxiv:affiliation> Harvard
        University</arxiv:affiliation>
      <arxiv:affiliation>  </arxiv:affiliation>
    </author>
    <arxiv:doi>10.1103/PhysRevD.76.013009 10.1103/PhysRevD.76.019902</arxiv:doi>
  </entry></feed>)");
    ASSERT_TRUE(p.status) << p.status.message;
    ASSERT_EQ(p.works.size(), 1u);
    EXPECT_EQ(p.works[0].title, "A <CDATA> title");
    ASSERT_EQ(p.works[0].authors.size(), 1u);
    EXPECT_EQ(p.works[0].authors[0].name, "Jane Q. Public");
    EXPECT_THAT(p.works[0].authors[0].affiliations, ElementsAre("MIT", "Harvard University"));
    // arXiv's DOI field can hold several DOIs separated by spaces.
    EXPECT_THAT(p.works[0].ids,
                ElementsAre(Id("arxiv", "2101.00001v1"), Id("doi", "10.1103/PhysRevD.76.013009"),
                            Id("doi", "10.1103/PhysRevD.76.019902")));
    EXPECT_EQ(p.works[0].date, "");  // no <published>: left empty, not guessed
}

TEST(SourceArxiv, EntryMissingIdOrTitleNamesEntryAndField) {
    std::string good = "<entry><id>http://arxiv.org/abs/2101.00001v1</id><title>Fine</title></entry>";
    Parsed no_id = parse(std::string(kFeedOpen) + good + "<entry><title>No id</title></entry></feed>");
    EXPECT_FALSE(no_id.status);
    EXPECT_EQ(no_id.status.message, "entry 2: missing <id>");

    Parsed no_title = parse(std::string(kFeedOpen) + good + good +
                            "<entry><id>http://arxiv.org/abs/2101.00003v1</id></entry></feed>");
    EXPECT_FALSE(no_title.status);
    EXPECT_EQ(no_title.status.message, "entry 3 (arXiv:2101.00003v1): missing <title>");

    Parsed empty_title =
        parse(std::string(kFeedOpen) +
              "<entry><id>http://arxiv.org/abs/2101.00004</id><title> </title></entry></feed>");
    EXPECT_EQ(empty_title.status.message, "entry 1 (arXiv:2101.00004): empty <title>");
}

TEST(SourceArxiv, EntryWithBadIdDateOrAuthorIsAnError) {
    Parsed bad_id = parse(std::string(kFeedOpen) + "<entry><id>urn:x</id><title>T</title></entry></feed>");
    EXPECT_EQ(bad_id.status.message, "entry 1: <id> is not an arXiv abs URL: 'urn:x'");

    Parsed bad_date = parse(std::string(kFeedOpen) +
                            "<entry><id>http://arxiv.org/abs/2101.00001v1</id><title>T</title>"
                            "<published>yesterday</published></entry></feed>");
    EXPECT_EQ(bad_date.status.message,
              "entry 1 (arXiv:2101.00001v1): <published> is not an ISO 8601 date: 'yesterday'");

    Parsed nameless = parse(std::string(kFeedOpen) +
                            "<entry><id>http://arxiv.org/abs/2101.00001v1</id><title>T</title>"
                            "<author><name>A</name></author><author><name> </name></author></entry></feed>");
    EXPECT_EQ(nameless.status.message, "entry 1 (arXiv:2101.00001v1): author 2 has no <name>");
}

TEST(SourceArxiv, SinkErrorStopsTheRead) {
    std::string xml = fixture("legacy2016_search_au_del_maestro_10_entries.xml");
    CollectingSink sink;
    sink.refuse_after = 3;
    Status status = read_atom(xml, sink);
    EXPECT_FALSE(status);
    EXPECT_EQ(status.message, "store is full");
    EXPECT_EQ(sink.received, 4u);
}

}  // namespace
