// The OAI-PMH reader against every recorded response in tests/fixtures/arxiv-oai/ (GetRecord
// and ListRecords, arXiv and arXivRaw formats, a deleted record, a resumptionToken, OAI
// errors) plus hand-made edge cases, and the content sniffing of read_input().
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "file_reader.hpp"
#include "oai_reader.hpp"
#include "source_test_support.hpp"

namespace {

using bzpeer::arxiv::InputKind;
using bzpeer::arxiv::OaiInfo;
using bzpeer::arxiv::read_input;
using bzpeer::arxiv::read_oai;
using bzpeer::arxiv::ReadSummary;
using namespace bzpeer::test::common;

using StringStream = bzpeer::test::StepStream;

std::string fixture(const std::string& path) { return bzpeer::test::read_fixture(path); }

using Parsed = bzpeer::test::Parsed<OaiInfo>;

Parsed parse(std::string_view xml) {
    return bzpeer::test::collect<OaiInfo>(
        [&](CollectingSink& sink, OaiInfo& info) { return read_oai(xml, sink, &info); });
}

Parsed parse_fixture(const std::string& name) { return parse(fixture("arxiv-oai/" + name)); }

std::vector<std::string> names(const WorkRecord& work) { return bzpeer::test::author_names(work); }

TEST(SourceArxivOai, GetRecordArxivRawWithTwoVersions) {
    Parsed p = parse_fixture("getrecord_arXivRaw_1302.2146_two_versions.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.verb, "GetRecord");
    EXPECT_EQ(p.info.records, 1u);
    EXPECT_EQ(p.info.deleted, 0u);
    EXPECT_EQ(p.info.resumption_token, "");
    ASSERT_EQ(p.works.size(), 1u);
    const WorkRecord& work = p.works[0];
    EXPECT_EQ(work.source_id, "oai:arXiv.org:1302.2146");
    // The latest version goes on the id; the date is the first version's, in UTC.
    EXPECT_THAT(work.ids, ElementsAre(Id("arxiv", "1302.2146v2")));
    EXPECT_EQ(work.date, "2013-02-08");
    EXPECT_EQ(work.updated, "2013-04-02T01:50:08Z");
    EXPECT_EQ(work.type, "preprint");
    EXPECT_EQ(work.title, "The Same-Sign Dilepton Signature of RPV/MFV SUSY");
    EXPECT_EQ(work.comment, "18 pages, 6 figures; v2: References added");
    EXPECT_EQ(work.journal_ref, "");
    EXPECT_EQ(work.primary_category, "hep-ph");
    EXPECT_THAT(work.categories, ElementsAre("hep-ph", "hep-ex"));
    // "A, B, C and D" as one string.
    EXPECT_THAT(names(work),
                ElementsAre("Joshua Berger", "Maxim Perelstein", "Michael Saelim", "Philip Tanedo"));
    for (const AuthorRecord& author : work.authors) {
        EXPECT_EQ(author.given, "");
        EXPECT_EQ(author.family, "");
        EXPECT_THAT(author.affiliations, IsEmpty());
    }
    EXPECT_THAT(work.abstract,
                StartsWith("The lack of observation of superpartners at the Large Hadron Collider"));
    EXPECT_THAT(work.abstract, EndsWith("TeV LHC with a 100 fb^-1 data set."));
    expect_collapsed(work.abstract);
}

TEST(SourceArxivOai, GetRecordArxivCollaborationWithSeveralAffiliations) {
    Parsed p = parse_fixture("getrecord_arXiv_1606.07538_collaboration_multi_affiliations.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    ASSERT_EQ(p.works.size(), 1u);
    const WorkRecord& work = p.works[0];
    EXPECT_EQ(work.source_id, "oai:arXiv.org:1606.07538");
    // The arXiv format carries no versions: the id goes without one.
    EXPECT_THAT(work.ids, ElementsAre(Id("arxiv", "1606.07538")));
    EXPECT_EQ(work.date, "2016-06-23");
    EXPECT_EQ(work.updated, "");
    EXPECT_EQ(work.title, "Solar Neutrino Measurements in Super-Kamiokande-IV");
    EXPECT_EQ(work.comment, "Submitted to Physical Review D; 23 pages, 40 figures");
    EXPECT_EQ(work.primary_category, "hep-ex");
    EXPECT_THAT(work.categories, ElementsAre("hep-ex", "physics.ins-det"));
    EXPECT_THAT(work.abstract, HasSubstr("(-3.6+-1.6(stat.)+-0.6(syst.))%."));
    expect_collapsed(work.abstract);

    // <keyname>:</keyname> between the collaboration and its members is no author.
    EXPECT_THAT(names(work), ElementsAre("Super-Kamiokande Collaboration", "K. Abe", "Y. Suzuki",
                                         "M. R. Vagins", "C. M. Nantais", "J. F. Martin", "P. de Perio"));
    EXPECT_EQ(work.authors[0].given, "Super-Kamiokande");
    EXPECT_EQ(work.authors[0].family, "Collaboration");
    EXPECT_EQ(work.authors[6].given, "P.");
    EXPECT_EQ(work.authors[6].family, "de Perio");
    const std::string kamioka = "Kamioka Observatory, Institute for Cosmic Ray Research, University of Tokyo";
    const std::string kavli = "Kavli Institute for the Physics and Mathematics of the Universe";
    EXPECT_THAT(work.authors[0].affiliations, ElementsAre(kamioka, kavli));
    EXPECT_THAT(work.authors[1].affiliations, ElementsAre(kamioka, kavli));
    EXPECT_THAT(work.authors[2].affiliations, ElementsAre(kavli));
    EXPECT_THAT(work.authors[3].affiliations,
                ElementsAre(kavli, "Department of Physics and Astronomy, University of California, Irvine"));
    EXPECT_THAT(work.authors[6].affiliations, ElementsAre("Department of Physics, University of Toronto"));
}

TEST(SourceArxivOai, DeletedRecordIsCountedAndSkipped) {
    // The file as recorded has no XML declaration and a stray quote after the root start tag.
    Parsed p = parse_fixture("getrecord_deleted_record_0901.4014.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_THAT(p.works, IsEmpty());
    EXPECT_EQ(p.info.verb, "GetRecord");
    EXPECT_EQ(p.info.deleted, 1u);
    EXPECT_EQ(p.info.records, 0u);
}

TEST(SourceArxivOai, ListRecordsArxivRawWithResumptionToken) {
    Parsed p = parse_fixture("listrecords_arXivRaw_6_records_resumptiontoken.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.verb, "ListRecords");
    EXPECT_EQ(p.info.resumption_token, "726959|1001");
    EXPECT_EQ(p.info.complete_list_size, 58011);
    EXPECT_EQ(p.info.cursor, 0);
    EXPECT_EQ(p.info.records, 6u);
    ASSERT_EQ(p.works.size(), 6u);
    std::vector<std::string> ids;
    for (const WorkRecord& work : p.works) ids.push_back(work.ids.front().value);
    EXPECT_THAT(ids, ElementsAre("0704.0471v1", "0704.0716v4", "0704.0874v3", "0704.1109v2", "0704.1114v1",
                                 "0704.1586v1"));

    const WorkRecord& first = p.works[0];
    EXPECT_EQ(first.title,
              "Density dependence of the symmetry energy and the nuclear equation of state: A Dynamical and "
              "Statistical model perspective");
    // "A, B, and C": the comma before "and" makes no empty author.
    EXPECT_THAT(names(first), ElementsAre("D.V. Shetty", "S.J. Yennello", "G.A. Souliotis"));
    // Two DOIs in one field, an erratum among them.
    EXPECT_THAT(first.ids, ElementsAre(Id("arxiv", "0704.0471v1"), Id("doi", "10.1103/PhysRevC.76.024606"),
                                       Id("doi", "10.1103/PhysRevC.76.039902")));
    EXPECT_EQ(first.journal_ref, "Phys.Rev.C76:024606,2007; Erratum-ibid.C76:039902,2007");
    EXPECT_EQ(first.date, "2007-04-03");
    EXPECT_EQ(first.updated, "2007-04-03T22:04:11Z");
    EXPECT_THAT(first.categories, ElementsAre("nucl-ex", "nucl-th"));
    EXPECT_THAT(first.abstract, HasSubstr("an extremely \" stiff \" and \" soft \" form"));

    const WorkRecord& four_versions = p.works[1];
    EXPECT_EQ(four_versions.date, "2007-04-05");
    EXPECT_EQ(four_versions.updated, "2008-11-14T09:07:25Z");
    EXPECT_THAT(names(four_versions), ElementsAre("Christoph Richard"));
    EXPECT_EQ(four_versions.comment,
              "54 pages, 2 figures; v2 updated and slightly expanded; v3 changes in some proofs; v4 slightly "
              "expanded");
    EXPECT_EQ(four_versions.journal_ref,
              "Polygons, polyominoes and polycubes, 247-299, Lecture Notes in Phys., 775, Springer, "
              "Dordrecht, 2009");
    EXPECT_THAT(four_versions.categories, ElementsAre("math-ph", "math.MP"));

    EXPECT_THAT(names(p.works[3]), ElementsAre("Valeria M. Rosa", "Patricio S. letelier"));
    EXPECT_THAT(p.works[3].ids,
                ElementsAre(Id("arxiv", "0704.1109v2"), Id("doi", "10.1007/s10773-009-0204-x")));
    EXPECT_EQ(p.works[5].title,
              "Core excitation in the elastic scattering and breakup of $^{11}$Be on protons");
    EXPECT_THAT(names(p.works[5]), ElementsAre("N.C. Summers", "F.M. Nunes"));
    for (const WorkRecord& work : p.works) {
        expect_collapsed(work.title);
        expect_collapsed(work.abstract);
        EXPECT_EQ(work.categories.front(), work.primary_category);
    }
}

TEST(SourceArxivOai, ListRecordsArxivFormatSetHepTh) {
    Parsed p = parse_fixture("listrecords_arXiv_set_hep-th_3_records.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.verb, "ListRecords");
    EXPECT_EQ(p.info.resumption_token, "");  // the end of the list
    ASSERT_EQ(p.works.size(), 3u);

    const WorkRecord& first = p.works[0];
    EXPECT_THAT(first.ids, ElementsAre(Id("arxiv", "1412.8323")));
    EXPECT_EQ(first.date, "2014-12-29");
    EXPECT_EQ(first.updated, "2017-12-13");
    EXPECT_EQ(first.title, "Toolbox for reconstructing quantum theory from rules on information acquisition");
    EXPECT_EQ(first.primary_category, "quant-ph");
    EXPECT_THAT(first.categories,
                ElementsAre("quant-ph", "gr-qc", "hep-th", "math-ph", "math.MP", "physics.hist-ph"));
    ASSERT_EQ(first.authors.size(), 1u);
    EXPECT_EQ(first.authors[0].name, "Philipp A Hoehn");
    EXPECT_EQ(first.authors[0].given, "Philipp A");
    EXPECT_EQ(first.authors[0].family, "Hoehn");
    EXPECT_THAT(first.comment, StartsWith("78 pages, many figures, graphs and references."));
    expect_collapsed(first.comment);

    const WorkRecord& second = p.works[1];
    EXPECT_THAT(second.ids, ElementsAre(Id("arxiv", "1507.07790"), Id("doi", "10.1088/1751-8121/aa9c53")));
    EXPECT_EQ(second.journal_ref, "J. Phys. A: Math. Theor. 51 (2018) 035201");
    EXPECT_THAT(names(second), ElementsAre("Luis B. Castro", "Edilberto O. Silva"));

    const WorkRecord& third = p.works[2];
    EXPECT_THAT(third.ids, ElementsAre(Id("arxiv", "1607.01710"), Id("doi", "10.1002/andp.201700188")));
    EXPECT_EQ(third.comment, "");
    EXPECT_THAT(names(third), ElementsAre("R. A. C. Correa", "D. M. Dantas", "P. H. R. S. Moraes",
                                          "A. de Souza Dutra", "C. A. S. Almeida"));
    EXPECT_EQ(third.authors[3].family, "Dutra");
}

TEST(SourceArxivOai, BadResumptionTokenIsAnError) {
    Parsed p = parse_fixture("error_badResumptionToken.xml");
    EXPECT_FALSE(p.status);
    EXPECT_EQ(
        p.status.message,
        "OAI-PMH error badResumptionToken: The resumptionToken supplied is illegal for this repository");
    EXPECT_THAT(p.works, IsEmpty());
}

TEST(SourceArxivOai, NoRecordsMatchIsAnEmptyAnswer) {
    Parsed p = parse_fixture("error_noRecordsMatch.xml");
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_THAT(p.works, IsEmpty());
    EXPECT_EQ(p.info.error_code, "noRecordsMatch");
    EXPECT_EQ(p.info.error_message, "Set argument doesn't match any sets. The setSpec was 'moo'");
    EXPECT_EQ(p.info.resumption_token, "");
}

// ---- hand-made edge cases ---------------------------------------------------------------

std::string oai_document(const std::string& body) {
    return "<?xml version=\"1.0\"?>\n<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">"
           "<responseDate>2020-01-01T00:00:00Z</responseDate>" +
           body + "</OAI-PMH>";
}

std::string raw_record(const std::string& identifier, const std::string& fields) {
    return "<record><header><identifier>" + identifier +
           "</identifier></header><metadata><arXivRaw xmlns=\"http://arxiv.org/OAI/arXivRaw/\">" + fields +
           "</arXivRaw></metadata></record>";
}

TEST(SourceArxivOai, ArxivRawAuthorListWithAffiliationsAndLegend) {
    Parsed p = parse(oai_document(
        "<ListRecords>" +
        raw_record(
            "oai:arXiv.org:0704.0025",
            "<id>0704.0025</id><title>T</title><authors>A. S. Mishchenko (1 and 2) and N. Nagaosa (1 and "
            "3) ((1) CREST, Japan\n  Science and Technology Agency, (2) Russian Research Centre "
            "``Kurchatov\n  Institute'', (3) The University of Tokyo)</authors>") +
        raw_record(
            "oai:arXiv.org:0704.0044",
            "<id>0704.0044</id><title>T</title><authors>A. A. Schekochihin (Oxford), S. C. Cowley (Culham), "
            "J. Smith, Jr., C. Bal\\'azs and others, et al</authors>") +
        "</ListRecords>"));
    ASSERT_TRUE(p.status) << p.status.message;
    ASSERT_EQ(p.works.size(), 2u);
    EXPECT_THAT(names(p.works[0]), ElementsAre("A. S. Mishchenko", "N. Nagaosa"));
    EXPECT_THAT(p.works[0].authors[0].affiliations,
                ElementsAre("CREST, Japan Science and Technology Agency",
                            "Russian Research Centre ``Kurchatov Institute''"));
    EXPECT_THAT(p.works[0].authors[1].affiliations,
                ElementsAre("CREST, Japan Science and Technology Agency", "The University of Tokyo"));
    // A lone suffix joins the name before it; TeX is decoded; "others" and "et al" are nobody.
    EXPECT_THAT(names(p.works[1]),
                ElementsAre("A. A. Schekochihin", "S. C. Cowley", "J. Smith Jr.", "C. Bal\u00E1zs"));
    EXPECT_THAT(p.works[1].authors[0].affiliations, ElementsAre("Oxford"));
    EXPECT_THAT(p.works[1].authors[1].affiliations, ElementsAre("Culham"));
}

TEST(SourceArxivOai, ArxivFormatNamesAreTexDecoded) {
    Parsed p = parse(oai_document(
        "<GetRecord><record><header><identifier>oai:arXiv.org:0704.0062</identifier></header><metadata>"
        "<arXiv xmlns=\"http://arxiv.org/OAI/arXiv/\"><id>0704.0062</id><created>2007-03-31</created>"
        "<authors><author><keyname>\\v{S}r\\'amek</keyname><forenames>Rastislav</forenames></author>"
        "<author><keyname>Evans</keyname><forenames>Neal J.</forenames><suffix>II</suffix>"
        "<affiliation>Universit\\'e de Paris</affiliation></author></authors>"
        "<title>On-line Viterbi Algorithm</title></arXiv></metadata></record></GetRecord>"));
    ASSERT_TRUE(p.status) << p.status.message;
    ASSERT_EQ(p.works.size(), 1u);
    ASSERT_EQ(p.works[0].authors.size(), 2u);
    EXPECT_EQ(p.works[0].authors[0].name, "Rastislav \u0160r\u00E1mek");
    EXPECT_EQ(p.works[0].authors[0].family, "\u0160r\u00E1mek");
    EXPECT_EQ(p.works[0].authors[1].name, "Neal J. Evans II");
    EXPECT_EQ(p.works[0].authors[1].given, "Neal J.");
    EXPECT_EQ(p.works[0].authors[1].family, "Evans");
    EXPECT_THAT(p.works[0].authors[1].affiliations, ElementsAre("Universit\u00E9 de Paris"));
}

TEST(SourceArxivOai, RecordErrorsNameTheRecord) {
    Parsed no_id = parse(
        oai_document("<ListRecords>" + raw_record("oai:arXiv.org:1", "<title>T</title>") + "</ListRecords>"));
    EXPECT_FALSE(no_id.status);
    EXPECT_EQ(no_id.status.message, "record 1 (oai:arXiv.org:1): missing <id>");

    Parsed no_title = parse(oai_document("<ListRecords>" + raw_record("oai:arXiv.org:1", "<id>1</id>") +
                                         raw_record("oai:arXiv.org:2", "<id>2</id>") + "</ListRecords>"));
    EXPECT_FALSE(no_title.status);
    EXPECT_EQ(no_title.status.message, "record 1 (oai:arXiv.org:1): missing or empty <title>");

    Parsed bad_date = parse(oai_document(
        "<ListRecords>" +
        raw_record("oai:arXiv.org:3",
                   "<id>3</id><version version=\"v1\"><date>yesterday</date></version><title>T</title>") +
        "</ListRecords>"));
    EXPECT_FALSE(bad_date.status);
    EXPECT_EQ(bad_date.status.message,
              "record 1 (oai:arXiv.org:3): <version v1><date> is not an RFC 2822 date: 'yesterday'");

    Parsed dublin_core = parse(oai_document(
        "<GetRecord><record><header><identifier>oai:arXiv.org:4</identifier></header><metadata>"
        "<oai_dc:dc "
        "xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\"/></metadata></record></GetRecord>"));
    EXPECT_FALSE(dublin_core.status);
    EXPECT_THAT(dublin_core.status.message, HasSubstr("is neither arXiv nor arXivRaw"));
}

TEST(SourceArxivOai, WrongRootsAndOtherVerbs) {
    EXPECT_EQ(parse("<OAI-PMH><ListRecords/></OAI-PMH>").status.message,
              "not an OAI-PMH response: root element is <OAI-PMH> without a namespace");
    EXPECT_THAT(
        parse(oai_document("<Identify><repositoryName>arXiv</repositoryName></Identify>")).status.message,
        HasSubstr("found <Identify>"));
    EXPECT_THAT(parse("<OAI-PMH").status.message, StartsWith("malformed XML"));
    EXPECT_EQ(parse(oai_document("<error code=\"badArgument\">Illegal argument</error>")).status.message,
              "OAI-PMH error badArgument: Illegal argument");
}

TEST(SourceArxivOai, SinkErrorStopsTheRead) {
    class Refusing : public CollectingSink {
    public:
        Status work(WorkRecord&&) override { return Status::error("store is full"); }
    } sink;
    Status status = read_oai(fixture("arxiv-oai/listrecords_arXivRaw_6_records_resumptiontoken.xml"), sink);
    EXPECT_FALSE(status);
    EXPECT_EQ(status.message, "store is full");
}

// ---- read_input(): any saved arXiv file, told apart by content -------------------------

struct ReadResult {
    Status status;
    std::vector<WorkRecord> works;
    ReadSummary summary;
};

ReadResult read_text(std::string text, ReadRequest request = {}) {
    ReadResult result;
    CollectingSink sink;
    StringStream stream(std::move(text));
    result.status = read_input(request, stream, sink, &result.summary);
    result.works = std::move(sink.works);
    return result;
}

TEST(SourceArxivFile, EveryOaiFixtureReadsThroughReadInput) {
    struct Case {
        const char* file;
        std::size_t works;
        bool ok;
    };
    for (const Case& c :
         {Case{"getrecord_arXivRaw_1302.2146_two_versions.xml", 1, true},
          Case{"getrecord_arXiv_1606.07538_collaboration_multi_affiliations.xml", 1, true},
          Case{"getrecord_deleted_record_0901.4014.xml", 0, true},
          Case{"listrecords_arXivRaw_6_records_resumptiontoken.xml", 6, true},
          Case{"listrecords_arXiv_set_hep-th_3_records.xml", 3, true},
          Case{"error_noRecordsMatch.xml", 0, true}, Case{"error_badResumptionToken.xml", 0, false}}) {
        ReadResult r = read_text(fixture(std::string("arxiv-oai/") + c.file));
        EXPECT_EQ(bool(r.status), c.ok) << c.file << ": " << r.status.message;
        EXPECT_EQ(r.summary.kind, InputKind::oai) << c.file;
        EXPECT_EQ(r.works.size(), c.works) << c.file;
    }
    ReadResult listed = read_text(fixture("arxiv-oai/listrecords_arXivRaw_6_records_resumptiontoken.xml"));
    EXPECT_EQ(listed.summary.oai.resumption_token, "726959|1001");
    ReadResult deleted = read_text(fixture("arxiv-oai/getrecord_deleted_record_0901.4014.xml"));
    EXPECT_EQ(deleted.summary.oai.deleted, 1u);
}

TEST(SourceArxivFile, AtomFeedsReadThroughReadInput) {
    ReadResult r = read_text(fixture("arxiv/legacy2016_search_au_del_maestro_10_entries.xml"));
    ASSERT_TRUE(r.status) << r.status.message;
    EXPECT_EQ(r.summary.kind, InputKind::atom);
    EXPECT_EQ(r.works.size(), 10u);
    EXPECT_EQ(r.summary.feed.total_results, 31);

    ReadResult error = read_text(fixture("arxiv/api2026_error_http400_incorrect_id_format_abc.xml"));
    EXPECT_EQ(error.status.message, "arXiv API error: incorrect id format for abc");
}

TEST(SourceArxivFile, UnknownInputIsRefusedWithAReason) {
    EXPECT_THAT(read_text("").status.message, StartsWith("empty input"));
    EXPECT_THAT(read_text(" \n\t ").status.message, StartsWith("empty input"));
    EXPECT_EQ(
        read_text("hello").status.message,
        "not an arXiv file: it starts with 'h'; expected an Atom feed, an OAI-PMH response or the metadata "
        "snapshot");
    EXPECT_EQ(read_text("<html><body/></html>").status.message,
              "not an arXiv file: root element <html>; expected an Atom <feed> or an <OAI-PMH> response");
    EXPECT_EQ(read_text("<feed><entry/></feed>").status.message,
              "not an arXiv Atom feed: root element is <feed> without a namespace");
    EXPECT_THAT(read_text("<feed xmlns=\"http://www.w3.org/2005/Atom\">").status.message,
                StartsWith("malformed XML"));
}

TEST(SourceArxivFile, SnapshotOptionRefusesXml) {
    ReadRequest request;
    request.options = {{"snapshot", "/data/feed.xml"}};
    ReadResult r = read_text(fixture("arxiv/legacy2016_search_au_del_maestro_10_entries.xml"), request);
    EXPECT_FALSE(r.status);
    EXPECT_EQ(
        r.status.message,
        "--snapshot expects arXiv's metadata snapshot (one JSON object per line), but the input starts with "
        "'<'");
}

}  // namespace
