// The ORCID reader against every recorded payload and schema sample in tests/fixtures/orcid/
// (JSON and XML) plus hand-made edge cases: truncation, prefixes, missing iDs, errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "orcid_reader.hpp"
#include "source_test_support.hpp"

namespace {

using bzpeer::orcid::read_orcid;
using bzpeer::sdk::Affiliation;
using namespace bzpeer::test::common;
using ::testing::AllOf;

// ORCID documents hold their works inside the person; a bare work() call would be a bug.
std::string fixture(const std::string& name) { return bzpeer::test::read_fixture("orcid/" + name); }

struct Parsed {
    Status status;
    std::vector<PersonRecord> persons;
    int stray_works = 0;
};

Parsed parse(std::string_view payload) {
    Parsed parsed;
    CollectingSink sink(CollectingSink::Yields::persons);
    parsed.status = read_orcid(payload, sink);
    parsed.persons = std::move(sink.persons);
    parsed.stray_works = sink.stray;
    return parsed;
}

// Parses a document that must yield exactly one person.
PersonRecord person_of(std::string_view payload) {
    Parsed p = parse(payload);
    EXPECT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.stray_works, 0);
    EXPECT_EQ(p.persons.size(), 1u);
    return p.persons.empty() ? PersonRecord{} : std::move(p.persons.front());
}

// Parses a document that must fail without emitting anything; returns the message.
std::string error_of(std::string_view payload) {
    Parsed p = parse(payload);
    EXPECT_FALSE(p.status) << "expected an error";
    EXPECT_THAT(p.persons, IsEmpty());
    EXPECT_EQ(p.stray_works, 0);
    EXPECT_EQ(p.status.message.find('\n'), std::string::npos) << "not one line: " << p.status.message;
    return p.status.message;
}

std::vector<std::string> titles(const PersonRecord& person) {
    std::vector<std::string> out;
    for (const WorkRecord& work : person.works) out.push_back(work.title);
    return out;
}

std::vector<std::string> names(const WorkRecord& work) { return bzpeer::test::author_names(work); }

std::vector<std::string> organizations(const std::vector<Affiliation>& affiliations) {
    std::vector<std::string> out;
    for (const Affiliation& affiliation : affiliations) out.push_back(affiliation.organization);
    return out;
}

MATCHER_P3(Rel, type, scheme, value, "") {
    return arg.type == type && arg.id.scheme == scheme && arg.id.value == value;
}

// ---- the v3.0 schema samples (XML) ------------------------------------------------------

TEST(SourceOrcid, RecordXmlSampleNamesKeywordsAffiliationsAndWork) {
    PersonRecord p = person_of(fixture("record_3.0_doc_sample.xml"));
    EXPECT_EQ(p.orcid, "8888-8888-8888-8880");
    EXPECT_EQ(p.source_id, "https://orcid.org/8888-8888-8888-8880");
    EXPECT_EQ(p.given, "give-names");
    EXPECT_EQ(p.family, "family-name");
    EXPECT_EQ(p.credit_name, "credit-name");
    EXPECT_THAT(p.other_names, ElementsAre("other-name-1"));
    EXPECT_THAT(p.keywords, ElementsAre("keyword1"));

    ASSERT_EQ(p.employments.size(), 1u);
    const Affiliation& job = p.employments[0];
    EXPECT_EQ(job.organization, "employment-org");
    EXPECT_EQ(job.department, "employment:department-name");
    EXPECT_EQ(job.role, "employment:role-title");
    EXPECT_EQ(job.start_date, "1948-02-02");
    EXPECT_EQ(job.end_date, "2025");  // the sample gives a year alone
    EXPECT_THAT(job.org_ids,
                ElementsAre(Id("grid", "common:disambiguated-organization-identifier-employment")));

    // Educations and qualifications (degrees) are both educations; distinctions, invited
    // positions, memberships and services are not affiliations bzpeer keeps.
    EXPECT_THAT(organizations(p.educations), ElementsAre("education-org", "qualification-org"));
    EXPECT_EQ(p.educations[0].department, "education:department-name");
    EXPECT_EQ(p.educations[0].role, "education:role-title");
    EXPECT_EQ(p.educations[0].start_date, "1948-02-02");
    EXPECT_EQ(p.educations[0].end_date, "2019-01-01");
    EXPECT_THAT(p.educations[0].org_ids,
                ElementsAre(Id("grid", "common:disambiguated-organization-identifier-education")));
    EXPECT_EQ(p.educations[1].end_date, "2025-12");  // year and month only
    EXPECT_THAT(p.educations[1].org_ids,
                ElementsAre(Id("ringgold", "common:disambiguated-organization-identifier-qualification")));

    ASSERT_EQ(p.works.size(), 1u);
    const WorkRecord& work = p.works[0];
    EXPECT_EQ(work.source_id, "https://orcid.org/8888-8888-8888-8880/work/0");
    EXPECT_EQ(work.title, "common:title");  // not the translated title
    EXPECT_EQ(work.type, "artistic-performance");
    EXPECT_EQ(work.date, "1948-02-02");
    EXPECT_EQ(work.venue, "Procedia Computer Science");
    EXPECT_THAT(work.ids, ElementsAre(Id("agr", "external-id-value")));
    EXPECT_THAT(work.relations, IsEmpty());
    EXPECT_THAT(work.authors, IsEmpty());
}

TEST(SourceOrcid, WorksXmlSampleOneWorkPerGroupWithIdsByRelationship) {
    PersonRecord p = person_of(fixture("works_3.0_doc_sample.xml"));
    // A works list names its owner only in its path, "/8888-8888-8888-8880/works".
    EXPECT_EQ(p.orcid, "8888-8888-8888-8880");
    EXPECT_EQ(p.given, "");
    EXPECT_THAT(p.employments, IsEmpty());
    ASSERT_EQ(p.works.size(), 3u);
    EXPECT_THAT(titles(p), ElementsAre("Work # 0", "Work # 1", "Work # 2"));

    const WorkRecord& first = p.works[0];
    EXPECT_EQ(first.source_id, "https://orcid.org/8888-8888-8888-8880/work/3356");
    EXPECT_EQ(first.type, "conference-paper");
    EXPECT_EQ(first.date, "2017-03-03");
    EXPECT_EQ(first.venue, "");
    // Its DOI is "part-of": the DOI of what contains the paper, not of the paper itself.
    EXPECT_THAT(first.ids, IsEmpty());
    EXPECT_THAT(first.relations, ElementsAre(Rel("is-part-of", "doi", "123456")));

    const WorkRecord& second = p.works[1];
    EXPECT_EQ(second.source_id, "https://orcid.org/8888-8888-8888-8880/work/3357");
    EXPECT_EQ(second.date, "2017-02-02");
    EXPECT_THAT(second.ids, ElementsAre(Id("arxiv", "123456")));  // kept as given; the core judges it

    const WorkRecord& third = p.works[2];
    EXPECT_EQ(third.type, "journal-article");
    EXPECT_EQ(third.venue, "some journal title");
    EXPECT_THAT(third.ids, ElementsAre(Id("bibcode", "4567")));
    for (const WorkRecord& work : p.works) EXPECT_THAT(work.authors, IsEmpty());
}

TEST(SourceOrcid, EmploymentsXmlSampleOwnerFromDocumentPath) {
    PersonRecord p = person_of(fixture("employments_3.0_doc_sample.xml"));
    // The sample's summaries say /8888-8888-8888-8888/employment/1; the document's own path
    // /8888-8888-8888-8880/employments wins.
    EXPECT_EQ(p.orcid, "8888-8888-8888-8880");
    ASSERT_EQ(p.employments.size(), 2u);  // two groups, one summary each (both the same)
    for (const Affiliation& job : p.employments) {
        EXPECT_EQ(job.organization, "employment");
        EXPECT_EQ(job.department, "employment");
        EXPECT_EQ(job.role, "employment:role-title");
        EXPECT_EQ(job.start_date, "1948-02-02");
        EXPECT_EQ(job.end_date, "1948-02-02");
        EXPECT_THAT(job.org_ids, IsEmpty());
    }
    EXPECT_THAT(p.educations, IsEmpty());
    EXPECT_THAT(p.works, IsEmpty());
}

// ---- recorded JSON responses ------------------------------------------------------------

TEST(SourceOrcid, SandboxRecordJsonEmploymentsAndWorks) {
    PersonRecord p = person_of(fixture("record_sandbox_0000-0003-4997-3076_employments_memberships.json"));
    EXPECT_EQ(p.orcid, "0000-0003-4997-3076");
    // A sandbox record keeps its host, so it can never pass for a production record.
    EXPECT_EQ(p.source_id, "https://sandbox.orcid.org/0000-0003-4997-3076");
    EXPECT_EQ(p.given, "Erik");
    EXPECT_EQ(p.family, "Pearson");
    EXPECT_EQ(p.credit_name, "");
    EXPECT_THAT(p.other_names, IsEmpty());
    EXPECT_THAT(p.keywords, IsEmpty());

    // Two employments; the membership at the same laboratory (with a ROR id) is not one.
    ASSERT_EQ(p.employments.size(), 2u);
    const Affiliation& current = p.employments[0];
    EXPECT_EQ(current.organization, "Lawrence Berkeley National Laboratory");
    EXPECT_EQ(current.department, "KBase");
    EXPECT_EQ(current.role, "Web Developer Assistant Tester");
    EXPECT_EQ(current.start_date, "2022-07-27");
    EXPECT_EQ(current.end_date, "");
    EXPECT_THAT(current.org_ids, ElementsAre(Id("fundref", "http://dx.doi.org/10.13039/100006235")));
    const Affiliation& past = p.employments[1];
    EXPECT_EQ(past.organization, "Test Innovations");
    EXPECT_EQ(past.department, "Testing");
    EXPECT_EQ(past.role, "Test Ninja");
    EXPECT_EQ(past.start_date, "1914-01-01");
    EXPECT_EQ(past.end_date, "2022-01-01");
    EXPECT_THAT(past.org_ids, ElementsAre(Id("ringgold", "229510")));
    EXPECT_THAT(p.educations, IsEmpty());

    ASSERT_EQ(p.works.size(), 5u);
    EXPECT_THAT(titles(p), ElementsAre("Test Publication", "book1x",
                                       "A KBase Case Study on Genome-wide Transcriptomics and Plant "
                                       "Primary Metabolism in Sorghum",
                                       "Some Data Set", "KBase Educators Overview"));
    const WorkRecord& publication = p.works[0];
    EXPECT_EQ(publication.source_id, "https://sandbox.orcid.org/0000-0003-4997-3076/work/1487805");
    EXPECT_EQ(publication.type, "online-resource");
    EXPECT_EQ(publication.date, "2022-07-29");
    EXPECT_EQ(publication.venue, "KBase / LBNL / DOE");
    EXPECT_THAT(publication.ids, ElementsAre(Id("other-id", "67335/259/")));
    // A part-of id is ORCID's normalized form of "kbase_web_services".
    EXPECT_THAT(publication.relations, ElementsAre(Rel("is-part-of", "uri", "http://kbase_web_services")));

    // ORCID could not normalize "book1"; the raw value is passed on for the core to judge.
    EXPECT_THAT(p.works[1].ids, ElementsAre(Id("doi", "book1")));
    EXPECT_EQ(p.works[1].type, "book");

    const WorkRecord& dataset = p.works[2];
    EXPECT_EQ(dataset.type, "data-set");
    EXPECT_EQ(dataset.date, "2021");
    EXPECT_THAT(dataset.ids, ElementsAre(Id("doi", "10.25982/101788.79/1828290")));

    // The last group lists one DOI from two sources ("KBase Educators Overview", 2020, and
    // "TEST TITLE HERE", 2022): one work, the first source's fields, the DOI once.
    const WorkRecord& grouped = p.works[4];
    EXPECT_EQ(grouped.source_id, "https://sandbox.orcid.org/0000-0003-4997-3076/work/1489307");
    EXPECT_EQ(grouped.date, "2020");
    EXPECT_EQ(grouped.venue, "Testing Services, Inc.");
    EXPECT_THAT(grouped.ids, ElementsAre(Id("doi", "10.25982/1668075")));
    for (const WorkRecord& work : p.works) EXPECT_THAT(work.authors, IsEmpty());
}

TEST(SourceOrcid, PersonJsonNamesAndKeywords) {
    PersonRecord p = person_of(fixture("person_0000-0002-1642-628X.json"));
    // From the path "/0000-0002-1642-628X/person"; the Scopus external identifier's source is
    // client 0000-0002-5982-8983, which looks like an ORCID iD but is not a person.
    EXPECT_EQ(p.orcid, "0000-0002-1642-628X");
    EXPECT_EQ(p.source_id, "https://orcid.org/0000-0002-1642-628X");
    EXPECT_EQ(p.given, "Carl");
    EXPECT_EQ(p.family, "Boettiger");
    EXPECT_EQ(p.credit_name, "");  // null in the response
    EXPECT_THAT(p.other_names, IsEmpty());
    // One keyword entry as the person typed it, commas and all.
    EXPECT_THAT(p.keywords, ElementsAre("Ecology, Evolution, Regime Shifts, Stochastic Dynamics"));
    EXPECT_THAT(p.employments, IsEmpty());
    EXPECT_THAT(p.works, IsEmpty());
}

TEST(SourceOrcid, WorksJsonEightGroupsWithDoisAndScopusIds) {
    PersonRecord p = person_of(fixture("works_0000-0002-9341-7985.json"));
    // Seven of the eight works come from Scopus, whose client iD 0000-0002-5982-8983 has the
    // shape of an ORCID iD; the owner is the one in the path.
    EXPECT_EQ(p.orcid, "0000-0002-9341-7985");
    EXPECT_EQ(p.given, "");
    ASSERT_EQ(p.works.size(), 8u);
    EXPECT_THAT(
        titles(p),
        ElementsAre("PeerJ - A case study in improving research collaboration at the journal level",
                    "Reputation, authority and incentives. Or: How to get rid of the Impact Factor",
                    "PLoS ONE: Background, future development, and article-level metrics",
                    "Academic journal publishing", "Publishing 101: The basics of academic publishing",
                    "Image quality factors affecting the reconstruction of laser transmission "
                    "holograms: interim results",
                    "Reciprocity failure in continuous wave holography",
                    "Modern developments in holography and its materials"));

    const WorkRecord& peerj = p.works[0];
    EXPECT_EQ(peerj.source_id, "https://orcid.org/0000-0002-9341-7985/work/15536015");
    EXPECT_EQ(peerj.type, "journal-article");
    EXPECT_EQ(peerj.date, "2013");
    EXPECT_EQ(peerj.venue, "");  // journal-title is null
    // ORCID's normalized DOI (lower case) rather than the printed 10.3233/ISU-130714.
    EXPECT_THAT(peerj.ids, ElementsAre(Id("doi", "10.3233/isu-130714"), Id("eid", "2-s2.0-84889654399")));

    const WorkRecord& nature_precedings = p.works[1];
    EXPECT_EQ(nature_precedings.source_id, "https://orcid.org/0000-0002-9341-7985/work/5011717");
    EXPECT_EQ(nature_precedings.date, "2009-01-21");
    EXPECT_THAT(nature_precedings.ids, ElementsAre(Id("doi", "10.1038/npre.2009.2801")));

    EXPECT_EQ(p.works[2].type, "conference-paper");
    EXPECT_THAT(p.works[2].ids, ElementsAre(Id("eid", "2-s2.0-84869137070")));
    // The summary lists the DOI first although the group lists the EID first.
    EXPECT_THAT(p.works[3].ids,
                ElementsAre(Id("doi", "10.1080/03615260801973992"), Id("eid", "2-s2.0-67650844237")));
    EXPECT_EQ(p.works[7].date, "1992");
    for (const WorkRecord& work : p.works) {
        EXPECT_THAT(work.authors, IsEmpty());  // a works list names no authors
        EXPECT_THAT(work.relations, IsEmpty());
    }
}

TEST(SourceOrcid, SingleWorkJsonWithContributorsAndBibtexCitation) {
    PersonRecord p = person_of(fixture("work_0000-0002-0734-2199_put-code_77226586_bibtex_citation.json"));
    // The work's source is a client (APP-11OP2B5GJEHAY2J7); the owner is in its path.
    EXPECT_EQ(p.orcid, "0000-0002-0734-2199");
    ASSERT_EQ(p.works.size(), 1u);
    const WorkRecord& work = p.works[0];
    EXPECT_EQ(work.source_id, "https://orcid.org/0000-0002-0734-2199/work/77226586");
    EXPECT_EQ(work.title, "Dose-Rate Estimation using \xCE\xB1-Al2O3:C Chips: Aftermath");
    EXPECT_EQ(work.type, "journal-article");
    EXPECT_EQ(work.date, "2020-06-01");
    EXPECT_EQ(work.venue, "Ancient TL");
    // No DOI or arXiv id: Pure's own id for the work is the only external id.
    EXPECT_THAT(work.ids, ElementsAre(Id("source-work-id", "241a9e61-3cea-4173-bafa-23dbd14e5924")));
    EXPECT_THAT(work.abstract, StartsWith("We present additional experiments for"));
    EXPECT_THAT(names(work), ElementsAre("Sebastian Kreutzer", "Chantal Tribolo",
                                         "Lo\xC3\xAF"
                                         "c Martin",
                                         "Norbert Mercier"));
    EXPECT_EQ(work.authors[0].orcid, "0000-0002-0734-2199");
    EXPECT_EQ(work.authors[1].orcid, "");
    EXPECT_FALSE(work.authors[0].orcid_authenticated);
}

// ---- error payloads ---------------------------------------------------------------------

TEST(SourceOrcid, Error404JsonGivesDeveloperMessage) {
    EXPECT_EQ(error_of(fixture("error_404_invalid_orcid_person.json")),
              "ORCID error 404: 404 Not Found: The resource was not found. Full validation error: ORCID iD "
              "adfafadf not found");
}

TEST(SourceOrcid, Error400JsonGivesDeveloperMessage) {
    EXPECT_EQ(error_of(fixture("error_400_search_bad_rows.json")),
              "ORCID error 400: The client application made a bad request to the ORCID API. Full validation "
              "error: The rows parameter must be an integer between 0 and 200");
}

TEST(SourceOrcid, SearchResultIsRefusedListingTheIds) {
    std::string message = error_of(fixture("search_q_keyword_ecology_rows3.json"));
    EXPECT_THAT(message, StartsWith("an ORCID search result, not a record; import the listed ORCIDs instead: "
                                    "0000-0002-8289-1497, 0000-0002-3855-0919, 0000-0003-1935-7782"));
    EXPECT_THAT(message, HasSubstr("10242"));
}

TEST(SourceOrcid, ErrorXmlGivesDeveloperMessage) {
    std::string xml = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<error:error xmlns:error="http://www.orcid.org/ns/error">
    <error:response-code>409</error:response-code>
    <error:developer-message>409 Conflict: The item has a limited
        or private visibility.</error:developer-message>
    <error:user-message>The item has a limited or private visibility.</error:user-message>
    <error:error-code>9038</error:error-code>
</error:error>)";
    EXPECT_EQ(error_of(xml), "ORCID error 409: 409 Conflict: The item has a limited or private visibility.");
}

TEST(SourceOrcid, EmptySearchResultIsRefused) {
    EXPECT_THAT(error_of(R"({"result": [], "num-found": 0})"),
                AllOf(StartsWith("an ORCID search result with no ORCID iDs"), HasSubstr("0 found")));
}

// ---- malformed and truncated input ------------------------------------------------------

TEST(SourceOrcid, TruncatedJsonNamesTheEnd) {
    std::string json = fixture("works_0000-0002-9341-7985.json");
    json.resize(json.size() / 2);
    EXPECT_THAT(error_of(json), AllOf(StartsWith("malformed ORCID JSON"),
                                      HasSubstr("ends early at byte " + std::to_string(json.size()))));
    // Cut inside a string, too.
    std::string cut_in_string = R"({"path": "/0000-0002-9341-79)";
    EXPECT_THAT(error_of(cut_in_string),
                HasSubstr("ends early at byte " + std::to_string(cut_in_string.size())));
}

TEST(SourceOrcid, TruncatedXmlNamesTheEndAndTheRoot) {
    std::string xml = fixture("record_3.0_doc_sample.xml");
    xml.resize(xml.size() / 2);
    EXPECT_EQ(error_of(xml), "malformed ORCID XML: the document ends early at byte " +
                                 std::to_string(xml.size()) +
                                 " without closing <record:record> (truncated download?)");
    EXPECT_THAT(error_of(R"(<?xml version="1.0" encoding="UTF-8"?><!-- cut )"),
                HasSubstr("before its root element"));
}

TEST(SourceOrcid, MalformedInputNamesTheProblem) {
    EXPECT_THAT(error_of(R"({"path": "/0000-0002-9341-7985/works",, "group": []})"),
                StartsWith("malformed ORCID JSON: "));
    std::string xml = fixture("works_3.0_doc_sample.xml");
    xml.replace(xml.find("</work:title>"), 13, "</work:titel>");
    EXPECT_THAT(error_of(xml), AllOf(StartsWith("malformed ORCID XML at byte "), HasSubstr("mismatch")));
}

TEST(SourceOrcid, InputThatIsNeitherJsonNorXml) {
    EXPECT_THAT(error_of(""), StartsWith("empty input"));
    EXPECT_THAT(error_of(" \n\t "), StartsWith("empty input"));
    EXPECT_THAT(error_of("Service Unavailable"), HasSubstr("expected JSON or XML, but byte 0 is 'S'"));
    EXPECT_THAT(error_of("[1, 2]"), HasSubstr("the JSON is not an object"));
    EXPECT_THAT(error_of(R"({"title": "x", "DOI": "10.1/x"})"),
                AllOf(StartsWith("not an ORCID v3.0 record"), HasSubstr("'title', 'DOI'")));
    EXPECT_THAT(error_of(R"(<feed xmlns="http://www.w3.org/2005/Atom"></feed>)"),
                AllOf(StartsWith("not an ORCID v3.0 document"), HasSubstr("<feed>"),
                      HasSubstr("http://www.w3.org/2005/Atom")));
}

TEST(SourceOrcid, OtherOrcidSectionsAreNamedNotImportedEmpty) {
    EXPECT_THAT(error_of(R"({"group": [], "path": "/0000-0002-9341-7985/fundings"})"),
                HasSubstr("'fundings' document is not read"));
    EXPECT_THAT(error_of(R"(<activities:peer-reviews xmlns:activities="http://www.orcid.org/ns/activities"
                              path="/0000-0002-9341-7985/peer-reviews"/>)"),
                HasSubstr("'peer-reviews' document is not read"));
}

// ---- whose record: where the ORCID iD comes from ----------------------------------------

TEST(SourceOrcid, WorksListWithoutAnyOrcidIsAnError) {
    // No path anywhere and only a client as source: nobody to attach the works to.
    std::string json = R"({"group": [{"work-summary": [{"put-code": 1,
        "source": {"source-client-id": {"uri": "https://orcid.org/client/0000-0002-5982-8983",
                                        "path": "0000-0002-5982-8983", "host": "orcid.org"}},
        "title": {"title": {"value": "A"}}, "type": "journal-article"}]}]})";
    EXPECT_THAT(error_of(json), StartsWith("ORCID iD unknown"));
}

TEST(SourceOrcid, WorksListOwnerFromWorkSources) {
    // No paths, but the works say on whose behalf (assertion-origin) or by whom they were added.
    std::string json = R"({"group": [
        {"work-summary": [{"put-code": 7, "source": {
            "source-client-id": {"path": "0000-0002-5982-8983", "host": "orcid.org"},
            "assertion-origin-orcid": {"uri": "https://sandbox.orcid.org/0000-0002-1825-0097",
                                       "path": "0000-0002-1825-0097", "host": "sandbox.orcid.org"}},
            "title": {"title": {"value": "A"}}}]}]})";
    PersonRecord p = person_of(json);
    EXPECT_EQ(p.orcid, "0000-0002-1825-0097");
    EXPECT_EQ(p.source_id, "https://sandbox.orcid.org/0000-0002-1825-0097");
    ASSERT_EQ(p.works.size(), 1u);
    EXPECT_EQ(p.works[0].source_id, "https://sandbox.orcid.org/0000-0002-1825-0097/work/7");

    std::string by_source = R"({"group": [{"work-summary": [{"put-code": 8,
        "source": {"source-orcid": {"path": "0000-0002-1825-0097"}}, "title": {"title": {"value": "B"}}}]}]})";
    EXPECT_EQ(person_of(by_source).orcid, "0000-0002-1825-0097");
}

// ---- XML: namespaces, not prefixes -------------------------------------------------------

TEST(SourceOrcid, XmlIsMatchedByNamespaceNotPrefix) {
    // The works sample's shape with other prefixes, a default namespace, and a foreign element
    // whose local name is "title": only the ORCID namespaces count.
    std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<list xmlns="http://www.orcid.org/ns/activities" xmlns:c="http://www.orcid.org/ns/common"
      xmlns:w="http://www.orcid.org/ns/work" xmlns:x="urn:example" path="/0000-0002-1825-0097/works"/>)";
    // A root named "list" in the activities namespace is not a works list.
    EXPECT_THAT(error_of(xml), HasSubstr("'list' document"));

    xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<works xmlns="http://www.orcid.org/ns/activities" xmlns:c="http://www.orcid.org/ns/common"
       xmlns:w="http://www.orcid.org/ns/work" xmlns:x="urn:example" path="/0000-0002-1825-0097/works">
  <group>
    <w:work-summary put-code="11" path="/0000-0002-1825-0097/work/11">
      <x:title>not this one</x:title>
      <w:title><c:title>Prefixes are arbitrary</c:title></w:title>
      <c:external-ids>
        <c:external-id>
          <c:external-id-type>doi</c:external-id-type>
          <c:external-id-value>10.1000/XYZ</c:external-id-value>
          <c:external-id-normalized transient="true">10.1000/xyz</c:external-id-normalized>
          <c:external-id-relationship>self</c:external-id-relationship>
        </c:external-id>
        <c:external-id>
          <c:external-id-type>arxiv</c:external-id-type>
          <c:external-id-value>arXiv:1234.5678</c:external-id-value>
          <c:external-id-relationship>self</c:external-id-relationship>
        </c:external-id>
      </c:external-ids>
      <w:type>preprint</w:type>
      <c:publication-date><c:year>2021</c:year><c:month>4</c:month></c:publication-date>
      <w:journal-title xmlns:w="urn:not-orcid">a foreign journal-title</w:journal-title>
    </w:work-summary>
  </group>
</works>)";
    PersonRecord p = person_of(xml);
    EXPECT_EQ(p.orcid, "0000-0002-1825-0097");
    ASSERT_EQ(p.works.size(), 1u);
    const WorkRecord& work = p.works[0];
    EXPECT_EQ(work.title, "Prefixes are arbitrary");
    EXPECT_EQ(work.type, "preprint");
    EXPECT_EQ(work.date, "2021-04");
    EXPECT_EQ(work.venue, "");  // its w: prefix is rebound to another namespace there
    EXPECT_THAT(work.ids, ElementsAre(Id("doi", "10.1000/xyz"), Id("arxiv", "arXiv:1234.5678")));
}

TEST(SourceOrcid, WrongNamespaceRootIsNotOrcid) {
    std::string xml = fixture("works_3.0_doc_sample.xml");
    const std::string declaration = R"(xmlns:activities="http://www.orcid.org/ns/activities")";
    xml.replace(xml.find(declaration), declaration.size(), R"(xmlns:activities="urn:something-else")");
    EXPECT_THAT(error_of(xml), AllOf(StartsWith("not an ORCID v3.0 document: root element <works>"),
                                     HasSubstr("urn:something-else")));
}

// ---- single work: contributors, types and relationships ----------------------------------

TEST(SourceOrcid, SingleWorkContributorsTypesAndRelations) {
    std::string json = R"({
      "put-code": 5, "path": "/0000-0002-1825-0097/work/5",
      "title": {"title": {"value": "A Work"}}, "type": "JOURNAL_ARTICLE",
      "publication-date": {"year": {"value": "2019"}, "month": {"value": "5"}, "day": null},
      "external-ids": {"external-id": [
        {"external-id-type": "doi", "external-id-value": "10.1/ABC", "external-id-relationship": "self"},
        {"external-id-type": "DOI", "external-id-value": "10.1/abc", "external-id-relationship": "SELF"},
        {"external-id-type": "arxiv", "external-id-value": "1901.00001", "external-id-relationship": "version-of"},
        {"external-id-type": "isbn", "external-id-value": "978-3-16-148410-0", "external-id-relationship": "part-of"},
        {"external-id-type": "pmid", "external-id-value": "12345", "external-id-relationship": "self"}]},
      "contributors": {"contributor": [
        {"credit-name": {"value": "Ann First"}, "contributor-attributes": {"contributor-role": "author"}},
        {"credit-name": {"value": "Ed Itor"}, "contributor-attributes": {"contributor-role": "editor"}},
        {"credit-name": {"value": "Bo Second"}, "contributor-orcid": {"uri": "https://orcid.org/0000-0001-5109-3700"},
         "contributor-attributes": null},
        {"credit-name": null}]}})";
    PersonRecord p = person_of(json);
    ASSERT_EQ(p.works.size(), 1u);
    const WorkRecord& work = p.works[0];
    EXPECT_EQ(work.type, "journal-article");
    EXPECT_EQ(work.date, "2019-05");
    EXPECT_THAT(work.ids, ElementsAre(Id("doi", "10.1/ABC"), Id("pmid", "12345")));  // one DOI, any case
    EXPECT_THAT(work.relations, ElementsAre(Rel("is-version-of", "arxiv", "1901.00001"),
                                            Rel("is-part-of", "isbn", "978-3-16-148410-0")));
    // The editor is no author; a contributor without a name is dropped.
    EXPECT_THAT(names(work), ElementsAre("Ann First", "Bo Second"));
    EXPECT_EQ(work.authors[1].orcid, "0000-0001-5109-3700");
}

// ---- sink and encoding --------------------------------------------------------------------

TEST(SourceOrcid, SinkErrorIsReturnedUnchanged) {
    CollectingSink sink(CollectingSink::Yields::persons);
    sink.refuse_after = 0;
    Status status = read_orcid(fixture("person_0000-0002-1642-628X.json"), sink);
    EXPECT_FALSE(status);
    EXPECT_EQ(status.message, "store is full");
}

TEST(SourceOrcid, ByteOrderMarkIsSkipped) {
    PersonRecord p = person_of("\xEF\xBB\xBF" + fixture("person_0000-0002-1642-628X.json"));
    EXPECT_EQ(p.family, "Boettiger");
    EXPECT_EQ(person_of("\xEF\xBB\xBF" + fixture("works_3.0_doc_sample.xml")).works.size(), 3u);
}

TEST(SourceOrcid, EmptyWorksListStillNamesThePerson) {
    PersonRecord p =
        person_of(R"({"last-modified-date": null, "group": [], "path": "/0000-0002-9341-7985/works"})");
    EXPECT_EQ(p.orcid, "0000-0002-9341-7985");
    EXPECT_THAT(p.works, IsEmpty());
}

}  // namespace
