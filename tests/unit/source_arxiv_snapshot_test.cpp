// The bulk metadata snapshot reader against tests/fixtures/arxiv-snapshot/ (the first 100
// lines of the Kaggle arXiv snapshot), read whole, in 7-byte reads and through read_input(),
// plus malformed lines and batching.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bzpeer/sdk/tex.hpp"
#include "file_reader.hpp"
#include "metadata.hpp"
#include "snapshot_reader.hpp"
#include "source_test_support.hpp"

namespace {

using bzpeer::arxiv::InputKind;
using bzpeer::arxiv::parse_author_list;
using bzpeer::arxiv::read_input;
using bzpeer::arxiv::read_snapshot;
using bzpeer::arxiv::ReadSummary;
using bzpeer::arxiv::SnapshotInfo;
using bzpeer::arxiv::SnapshotOptions;
using namespace bzpeer::test::common;

const char* const kSnapshot = "arxiv-snapshot/kaggle_snapshot_0704.0001-0704.0100.jsonl";

class StringStream : public bzpeer::test::StepStream {
public:
    explicit StringStream(std::string text, std::size_t step = static_cast<std::size_t>(-1))
        : StepStream(std::move(text), step, "snapshot.jsonl") {}
};

std::string fixture(const std::string& path) { return bzpeer::test::read_fixture(path); }

using Parsed = bzpeer::test::Parsed<SnapshotInfo>;

Parsed parse(std::string text, std::size_t step = static_cast<std::size_t>(-1),
             SnapshotOptions options = {}) {
    StringStream stream(std::move(text), step);
    return bzpeer::test::collect<SnapshotInfo>([&](CollectingSink& sink, SnapshotInfo& info) {
        return read_snapshot(stream, sink, options, &info);
    });
}

const WorkRecord* find(const std::vector<WorkRecord>& works, const std::string& arxiv_id) {
    for (const WorkRecord& work : works) {
        if (work.source_id == "oai:arXiv.org:" + arxiv_id) return &work;
    }
    return nullptr;
}

std::vector<std::string> names(const WorkRecord& work) { return bzpeer::test::author_names(work); }

// Every field, for comparing two reads of the same input.
std::string dump(const WorkRecord& w) {
    std::ostringstream out;
    out << w.source_id << '|' << w.title << '|' << w.abstract << '|' << w.type << '|' << w.date << '|'
        << w.updated << '|' << w.venue << '|' << w.journal_ref << '|' << w.comment << '|'
        << w.primary_category << '|';
    for (const Identifier& id : w.ids) out << id.scheme << ':' << id.value << ',';
    out << '|';
    for (const std::string& c : w.categories) out << c << ',';
    out << '|';
    for (const AuthorRecord& a : w.authors) {
        out << a.name << '/' << a.given << '/' << a.family << '/';
        for (const std::string& affiliation : a.affiliations) out << affiliation << ';';
        out << ',';
    }
    return out.str();
}

TEST(SourceArxivSnapshot, ReadsAllHundredRecords) {
    Parsed p = parse(fixture(kSnapshot));
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_EQ(p.info.lines, 100u);
    EXPECT_EQ(p.info.records, 100u);
    ASSERT_EQ(p.works.size(), 100u);
    for (std::size_t i = 0; i < p.works.size(); ++i) {
        std::string number = std::to_string(i + 1);
        std::string id = "0704." + std::string(4 - number.size(), '0') + number;
        const WorkRecord& work = p.works[i];
        EXPECT_EQ(work.source_id, "oai:arXiv.org:" + id);
        ASSERT_FALSE(work.ids.empty());
        EXPECT_EQ(work.ids[0].scheme, "arxiv");
        EXPECT_THAT(work.ids[0].value, StartsWith(id + "v"));
        EXPECT_EQ(work.type, "preprint");
        EXPECT_EQ(work.date.size(), 10u) << id;
        EXPECT_TRUE(work.date.starts_with("2007-0")) << id << " " << work.date;
        EXPECT_EQ(work.updated.size(), 10u) << id;
        EXPECT_FALSE(work.title.empty());
        EXPECT_EQ(work.title.find('\n'), std::string::npos) << id;
        EXPECT_EQ(work.abstract.find('\n'), std::string::npos) << id;
        EXPECT_EQ(work.abstract.find("  "), std::string::npos) << id;
        EXPECT_FALSE(work.authors.empty()) << id;
        ASSERT_FALSE(work.categories.empty());
        EXPECT_EQ(work.primary_category, work.categories.front());
    }
}

TEST(SourceArxivSnapshot, FirstRecordAllFields) {
    Parsed p = parse(fixture(kSnapshot));
    ASSERT_TRUE(p.status) << p.status.message;
    const WorkRecord* work = find(p.works, "0704.0001");
    ASSERT_TRUE(work);
    // Two versions: the id carries the latest, the date is the first one's.
    EXPECT_THAT(work->ids, ElementsAre(Id("arxiv", "0704.0001v2"), Id("doi", "10.1103/PhysRevD.76.013009")));
    EXPECT_EQ(work->title,
              "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies");
    EXPECT_EQ(work->date, "2007-04-02");
    EXPECT_EQ(work->updated, "2008-11-26");
    EXPECT_EQ(work->journal_ref, "Phys.Rev.D76:013009,2007");
    EXPECT_EQ(work->comment, "37 pages, 15 figures; published version");
    EXPECT_EQ(work->venue, "");
    EXPECT_EQ(work->primary_category, "hep-ph");
    EXPECT_THAT(work->categories, ElementsAre("hep-ph"));
    EXPECT_THAT(work->abstract,
                StartsWith("A fully differential calculation in perturbative quantum chromodynamics"));
    EXPECT_THAT(work->abstract, EndsWith("with judicious selection of events."));
    // authors_parsed: [family, given, suffix]; the printed list has "C. Bal\'azs".
    EXPECT_THAT(names(*work), ElementsAre("C. Bal\u00E1zs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan"));
    EXPECT_EQ(work->authors[0].given, "C.");
    EXPECT_EQ(work->authors[0].family, "Bal\u00E1zs");
    EXPECT_EQ(work->authors[3].given, "C. -P.");
    EXPECT_EQ(work->authors[3].family, "Yuan");
    for (const AuthorRecord& author : work->authors) EXPECT_THAT(author.affiliations, IsEmpty());
}

TEST(SourceArxivSnapshot, DatesVersionsAndDois) {
    Parsed p = parse(fixture(kSnapshot));
    ASSERT_TRUE(p.status) << p.status.message;
    const WorkRecord* second = find(p.works, "0704.0002");
    ASSERT_TRUE(second);
    EXPECT_THAT(second->ids, ElementsAre(Id("arxiv", "0704.0002v2")));  // "doi": null
    EXPECT_EQ(second->date, "2007-03-31");                              // "Sat, 31 Mar 2007 02:26:18 GMT"
    EXPECT_EQ(second->updated, "2008-12-13");
    EXPECT_EQ(second->journal_ref, "");  // null
    EXPECT_THAT(second->categories, ElementsAre("math.CO", "cs.CG"));
    EXPECT_EQ(second->primary_category, "math.CO");

    const WorkRecord* one_version = find(p.works, "0704.0004");
    ASSERT_TRUE(one_version);
    EXPECT_THAT(one_version->ids, ElementsAre(Id("arxiv", "0704.0004v1")));

    const WorkRecord* five_versions = find(p.works, "0704.0064");
    ASSERT_TRUE(five_versions);
    EXPECT_EQ(five_versions->ids[0].value, "0704.0064v5");
    EXPECT_EQ(five_versions->date, "2007-04-01");

    // Two DOIs in one field: the paper and its erratum; a comment with TeX math stays as is.
    const WorkRecord* erratum = find(p.works, "0704.0033");
    ASSERT_TRUE(erratum);
    EXPECT_THAT(erratum->ids, ElementsAre(Id("arxiv", "0704.0033v2"), Id("doi", "10.1364/JOSAA.23.002578"),
                                          Id("doi", "10.1364/JOSAA.32.002407")));
    EXPECT_EQ(erratum->updated, "2022-03-31");
    EXPECT_EQ(erratum->journal_ref,
              "J.Opt.Soc.Am.A 23, 2578-2591 (2006); Erratum: J.Opt.Soc.Am.A 32, 2407-2408 (2015)");
    EXPECT_THAT(erratum->comment, HasSubstr("[$\\bar{\\mathbf{G}}(...)\\mathbf{P}_i^s"));
    EXPECT_THAT(erratum->categories, ElementsAre("physics.optics", "physics.comp-ph"));

    const WorkRecord* many_categories = find(p.works, "0704.0090");
    ASSERT_TRUE(many_categories);
    EXPECT_THAT(many_categories->categories,
                ElementsAre("cs.CE", "cond-mat.stat-mech", "cs.MS", "cs.NA", "physics.data-an"));
}

TEST(SourceArxivSnapshot, AccentedNamesSuffixesAndCollaborations) {
    Parsed p = parse(fixture(kSnapshot));
    ASSERT_TRUE(p.status) << p.status.message;
    auto authors_of = [&](const char* id) {
        const WorkRecord* work = find(p.works, id);
        EXPECT_TRUE(work) << id;
        return work ? names(*work) : std::vector<std::string>{};
    };
    EXPECT_THAT(authors_of("0704.0028"), ElementsAre("P\u00E9ter E. Frenkel"));
    EXPECT_THAT(authors_of("0704.0032"), ElementsAre("A. Esteban-Pretel", "R. Tom\u00E0s", "J. W. F. Valle"));
    EXPECT_THAT(authors_of("0704.0049"), ElementsAre("Mikkel \u00D8bro"));
    EXPECT_THAT(authors_of("0704.0062"), ElementsAre("Rastislav \u0160r\u00E1mek", "Bro\u0148a Brejov\u00E1",
                                                     "Tom\u00E1\u0161 Vina\u0159"));
    EXPECT_THAT(authors_of("0704.0030"), ElementsAre("J. P. Hague", "N. d'Ambrumenil"));

    // The suffix is printed after the family name and kept out of given/family.
    const WorkRecord* evans = find(p.works, "0704.0009");
    ASSERT_TRUE(evans);
    ASSERT_EQ(evans->authors.size(), 7u);
    EXPECT_EQ(evans->authors[5].name, "Neal J. Evans II");
    EXPECT_EQ(evans->authors[5].given, "Neal J.");
    EXPECT_EQ(evans->authors[5].family, "Evans");

    // A collaboration is a family name alone; "et al" in the printed list is not in authors_parsed.
    const WorkRecord* babar = find(p.works, "0704.0020");
    ASSERT_TRUE(babar);
    EXPECT_THAT(names(*babar), ElementsAre("The BABAR Collaboration", "B. Aubert"));
    EXPECT_EQ(babar->authors[0].given, "");
    EXPECT_EQ(babar->authors[0].family, "The BABAR Collaboration");
}

TEST(SourceArxivSnapshot, SnapshotNamesAgreeWithTheDecodedPrintedList) {
    // authors_parsed comes decoded; the printed "authors" string keeps the TeX. Both must give
    // the same people.
    struct Case {
        const char* id;
        const char* printed;
    };
    Parsed p = parse(fixture(kSnapshot));
    ASSERT_TRUE(p.status) << p.status.message;
    for (const Case& c :
         {Case{"0704.0001", "C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan"},
          Case{"0704.0028", "P\\'eter E. Frenkel"},
          Case{"0704.0032", "A. Esteban-Pretel, R. Tom\\`as and J. W. F. Valle"},
          Case{"0704.0049", "Mikkel {\\O}bro"},
          Case{"0704.0062", "Rastislav \\v{S}r\\'amek, Bro\\v{n}a Brejov\\'a, Tom\\'a\\v{s} Vina\\v{r}"}}) {
        const WorkRecord* work = find(p.works, c.id);
        ASSERT_TRUE(work) << c.id;
        std::vector<AuthorRecord> printed = parse_author_list(c.printed);
        ASSERT_EQ(printed.size(), work->authors.size()) << c.id;
        for (std::size_t i = 0; i < printed.size(); ++i) {
            // authors_parsed spaces initials ("C. -P."), the printed list does not ("C.-P.").
            std::string expected = work->authors[i].name;
            std::erase(expected, ' ');
            std::string got = printed[i].name;
            std::erase(got, ' ');
            EXPECT_EQ(got, expected) << c.id;
        }
    }
}

TEST(SourceArxivSnapshot, AffiliationsFromTheFourthElement) {
    Parsed p = parse(fixture(kSnapshot));
    ASSERT_TRUE(p.status) << p.status.message;
    const WorkRecord* five = find(p.works, "0704.0044");
    ASSERT_TRUE(five);
    ASSERT_GE(five->authors.size(), 3u);
    EXPECT_THAT(five->authors[0].affiliations, ElementsAre("Oxford"));
    EXPECT_THAT(five->authors[1].affiliations, ElementsAre("Culham"));
    EXPECT_THAT(five->authors[2].affiliations, ElementsAre("Maryland"));

    // Wrapped across lines in the snapshot.
    const WorkRecord* iliev = find(p.works, "0704.0066");
    ASSERT_TRUE(iliev);
    ASSERT_EQ(iliev->authors.size(), 1u);
    EXPECT_EQ(iliev->authors[0].name, "Bozhidar Z. Iliev");
    EXPECT_THAT(
        iliev->authors[0].affiliations,
        ElementsAre(
            "Institute for Nuclear Research and Nuclear Energy, Bulgarian Academy of Sciences, Sofia, "
            "Bulgaria"));

    const WorkRecord* tolstoy = find(p.works, "0704.0081");
    ASSERT_TRUE(tolstoy);
    EXPECT_THAT(tolstoy->authors[0].affiliations, ElementsAre("INP, Moscow State University"));

    // The snapshot left footnote numbers ("1 and 2") where the printed list has a numbered
    // legend; they are looked up there.
    const WorkRecord* polarons = find(p.works, "0704.0025");
    ASSERT_TRUE(polarons);
    EXPECT_THAT(names(*polarons), ElementsAre("A. S. Mishchenko", "N. Nagaosa"));
    EXPECT_THAT(polarons->authors[0].affiliations,
                ElementsAre("CREST, Japan Science and Technology Agency",
                            "Russian Research Centre ``Kurchatov Institute''"));
    EXPECT_THAT(polarons->authors[1].affiliations,
                ElementsAre("CREST, Japan Science and Technology Agency", "The University of Tokyo"));

    // Here the snapshot had resolved "(1)" itself.
    const WorkRecord* harvard = find(p.works, "0704.0052");
    ASSERT_TRUE(harvard);
    EXPECT_THAT(harvard->authors[0].affiliations, ElementsAre("Harvard University"));
    EXPECT_THAT(harvard->authors[1].affiliations, ElementsAre("Harvard University"));
}

TEST(SourceArxivSnapshot, SevenByteReadsGiveTheSameRecords) {
    std::string text = fixture(kSnapshot);
    Parsed whole = parse(text);
    ASSERT_TRUE(whole.status) << whole.status.message;
    // The stream hands out 7 bytes per read; the reader also asks for only 7 at a time.
    for (std::size_t buffer : {std::size_t{7}, std::size_t{1} << 20}) {
        SnapshotOptions options;
        options.buffer_size = buffer;
        Parsed trickled = parse(text, 7, options);
        ASSERT_TRUE(trickled.status) << trickled.status.message;
        ASSERT_EQ(trickled.works.size(), whole.works.size());
        for (std::size_t i = 0; i < whole.works.size(); ++i) {
            EXPECT_EQ(dump(trickled.works[i]), dump(whole.works[i])) << "record " << i + 1;
        }
    }
}

TEST(SourceArxivSnapshot, RecordsArriveBeforeTheInputIsReadToTheEnd) {
    // Streaming: with a 4 KiB buffer the first record is handed over long before the stream
    // is exhausted, and never more than one buffer is read ahead.
    class WatchingSink : public CollectingSink {
    public:
        explicit WatchingSink(const StringStream& stream) : stream_(stream) {}
        std::vector<std::size_t> consumed_at;
        Status work(WorkRecord&& record) override {
            consumed_at.push_back(stream_.consumed());
            return CollectingSink::work(std::move(record));
        }

    private:
        const StringStream& stream_;
    };
    std::string text = fixture(kSnapshot);
    StringStream stream(text);
    WatchingSink sink(stream);
    SnapshotOptions options;
    options.buffer_size = 4096;
    ASSERT_TRUE(read_snapshot(stream, sink, options));
    ASSERT_EQ(sink.consumed_at.size(), 100u);
    EXPECT_LE(sink.consumed_at.front(), 4096u);
    std::size_t line_end = 0;
    for (std::size_t i = 0; i < 100; ++i) {
        line_end = text.find('\n', line_end) + 1;
        EXPECT_LE(sink.consumed_at[i], line_end + 4096) << "record " << i + 1;
    }
    EXPECT_GT(stream.reads, 30u);
}

TEST(SourceArxivSnapshot, BatchDoneEveryBatchSizeRecordsAndAtTheEnd) {
    SnapshotOptions options;
    options.batch_size = 30;
    Parsed p = parse(fixture(kSnapshot), static_cast<std::size_t>(-1), options);
    ASSERT_TRUE(p.status) << p.status.message;
    EXPECT_THAT(p.batch_ends, ElementsAre(30u, 60u, 90u, 100u));
    EXPECT_EQ(p.info.batches, 4u);

    // The default: every 5,000 records, so one batch here.
    Parsed defaults = parse(fixture(kSnapshot));
    EXPECT_THAT(defaults.batch_ends, ElementsAre(100u));

    SnapshotOptions exact;
    exact.batch_size = 50;
    EXPECT_THAT(parse(fixture(kSnapshot), 7, exact).batch_ends, ElementsAre(50u, 100u));
}

std::string with_line_replaced(std::string text, std::size_t line_number, const std::string& replacement) {
    std::size_t start = 0;
    for (std::size_t i = 1; i < line_number; ++i) start = text.find('\n', start) + 1;
    std::size_t end = text.find('\n', start);
    return text.replace(start, end - start, replacement);
}

TEST(SourceArxivSnapshot, MalformedLineIsAnErrorWithItsNumber) {
    std::string text = fixture(kSnapshot);
    std::size_t start = 0;
    for (int i = 1; i < 57; ++i) start = text.find('\n', start) + 1;
    std::string truncated_line_57 = text.substr(0, start + 200) + text.substr(text.find('\n', start));
    for (std::size_t step : {static_cast<std::size_t>(-1), std::size_t{7}}) {
        Parsed p = parse(truncated_line_57, step);
        EXPECT_FALSE(p.status);
        EXPECT_THAT(p.status.message, StartsWith("line 57: malformed JSON: ")) << p.status.message;
        EXPECT_EQ(p.works.size(), 56u);  // the host rolls back the open batch
    }
}

TEST(SourceArxivSnapshot, FieldErrorsNameTheLineAndRecord) {
    std::string text = fixture(kSnapshot);
    EXPECT_EQ(parse(with_line_replaced(text, 3, "[1, 2]")).status.message,
              "line 3: expected a JSON object, found an array");
    EXPECT_EQ(parse(with_line_replaced(text, 2, R"({"title": "No id"})")).status.message,
              "line 2: missing 'id'");
    EXPECT_EQ(parse(with_line_replaced(text, 4, R"({"id": "0704.0004", "title": "  "})")).status.message,
              "line 4 (arXiv:0704.0004): missing or empty 'title'");
    EXPECT_EQ(parse(with_line_replaced(text, 5, R"({"id": "0704.0005", "title": 7})")).status.message,
              "line 5: 'title' is a number, not a string");
    EXPECT_EQ(parse(with_line_replaced(text, 6,
                                       R"({"id": "0704.0006", "title": "T", "versions": [{"version": "v1",)"
                                       R"( "created": "31/03/2007"}]})"))
                  .status.message,
              "line 6 (arXiv:0704.0006): 'versions[0].created' is not an RFC 2822 date: '31/03/2007'");
    EXPECT_EQ(
        parse(with_line_replaced(text, 7, R"({"id": "0704.0007", "title": "T", "update_date": "2007"})"))
            .status.message,
        "line 7 (arXiv:0704.0007): 'update_date' is not a date: '2007'");
    EXPECT_EQ(
        parse(with_line_replaced(text, 8, R"({"id": "0704.0008", "title": "T", "authors_parsed": "x"})"))
            .status.message,
        "line 8: 'authors_parsed' is a string, not an array");
    EXPECT_THAT(
        parse(with_line_replaced(text, 9, R"({"id": "0704.0009", "title": "T"} trailing)")).status.message,
        StartsWith("line 9: malformed JSON: "));
}

TEST(SourceArxivSnapshot, TolerantOfBlankLinesCrlfBomAndNoFinalNewline) {
    std::string lines =
        "\xEF\xBB\xBF"
        R"({"id":"1","title":"One","authors_parsed":[["Doe","Jane",""]]})"
        "\r\n\r\n   \n"
        R"({"id":"2","title":"Two","authors":"A. One and B. Two"})";
    Parsed p = parse(lines);
    ASSERT_TRUE(p.status) << p.status.message;
    ASSERT_EQ(p.works.size(), 2u);
    EXPECT_EQ(p.info.lines, 4u);
    EXPECT_THAT(names(p.works[0]), ElementsAre("Jane Doe"));
    // Without authors_parsed, the printed list is split.
    EXPECT_THAT(names(p.works[1]), ElementsAre("A. One", "B. Two"));
    EXPECT_THAT(p.works[1].ids, ElementsAre(Id("arxiv", "2")));
    EXPECT_EQ(p.works[1].date, "");
}

TEST(SourceArxivSnapshot, OverlongLineIsRefused) {
    SnapshotOptions options;
    options.buffer_size = 64;
    options.max_line_size = 100;
    Parsed p = parse(std::string(1000, '{'), static_cast<std::size_t>(-1), options);
    EXPECT_FALSE(p.status);
    EXPECT_EQ(p.status.message, "line 1 is longer than 100 bytes: not an arXiv snapshot (JSON lines)");
}

TEST(SourceArxivSnapshot, SinkErrorsAreReturnedUnchanged) {
    class StopAtBatch : public CollectingSink {
    public:
        Status batch_done() override { return Status::error("interrupted"); }
    } sink;
    StringStream stream(fixture(kSnapshot));
    SnapshotOptions options;
    options.batch_size = 10;
    Status status = read_snapshot(stream, sink, options);
    EXPECT_FALSE(status);
    EXPECT_EQ(status.message, "interrupted");
    EXPECT_EQ(sink.works.size(), 10u);
}

TEST(SourceArxivSnapshot, ReadInputRecognizesTheSnapshotByContent) {
    for (const std::string& prefix : {std::string(), std::string("\n  \n"), std::string("\xEF\xBB\xBF")}) {
        CollectingSink sink;
        StringStream stream(prefix + fixture(kSnapshot), 7);
        ReadRequest request;
        ReadSummary summary;
        Status status = read_input(request, stream, sink, &summary);
        ASSERT_TRUE(status) << status.message;
        EXPECT_EQ(summary.kind, InputKind::snapshot);
        EXPECT_EQ(summary.snapshot.records, 100u);
        EXPECT_EQ(sink.works.size(), 100u);
        EXPECT_THAT(sink.batch_ends, ElementsAre(100u));
    }
    // Named as the --snapshot option, too.
    CollectingSink sink;
    StringStream stream(fixture(kSnapshot));
    ReadRequest request;
    request.options = {{"snapshot", "arxiv-metadata-oai-snapshot.json"}};
    ASSERT_TRUE(read_input(request, stream, sink));
    EXPECT_EQ(sink.works.size(), 100u);
}

}  // namespace
