// The Crossref JSON-lines dump reader (`--dump`), on files built here from the items of the
// recorded work-list fixtures: the same works as the list reader gives, read through streams
// that hand out a few bytes at a time, batches, and errors naming the line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crossref_dump.hpp"
#include "crossref_reader.hpp"
#include "crossref_source.hpp"
#include "source_test_support.hpp"

namespace {

using bzpeer::crossref::CrossrefSource;
using bzpeer::crossref::DumpReader;
using bzpeer::crossref::DumpStats;
using bzpeer::crossref::read_crossref;
using namespace bzpeer::test::common;

std::string fixture(const std::string& name) { return bzpeer::test::read_fixture("crossref/" + name); }

class StepStream : public bzpeer::test::StepStream {
public:
    StepStream(std::string text, std::size_t step)
        : bzpeer::test::StepStream(std::move(text), step, "works.jsonl") {}
};

// Also notes how much of the stream had been handed out when the first work arrived.
class CountingSink : public CollectingSink {
public:
    explicit CountingSink(const StepStream* stream = nullptr) : stream_(stream) {}
    std::size_t given_at_first_work = 0;
    Status work(WorkRecord&& record) override {
        if (works.empty() && stream_) given_at_first_work = stream_->given;
        return CollectingSink::work(std::move(record));
    }

private:
    const StepStream* stream_;
};

// The items of a recorded work-list page, each minified onto one line.
std::vector<std::string> item_lines(const std::string& name) {
    simdjson::dom::parser parser;
    simdjson::dom::element root = parser.parse(fixture(name));
    std::vector<std::string> lines;
    for (simdjson::dom::element item : root["message"]["items"].get_array())
        lines.push_back(simdjson::minify(item));
    return lines;
}

std::vector<WorkRecord> listed_works(const std::string& name) {
    CountingSink sink;
    Status status = read_crossref(fixture(name), sink);
    EXPECT_TRUE(status) << status.message;
    return std::move(sink.works);
}

const char* const kLists[] = {"works_list_query_widget_cursor_page1.json",
                              "works_list_query_widget_cursor_page2.json",
                              "works_list_query_ecology_author_carl_boettiger.json"};

// All 60 items of the three recorded lists, in the three shapes a line may take: a bare work
// (as in Crossref's public data files), {"message": work}, and a whole work message; with a
// blank line, CRLF line ends and no newline after the last line.
std::string sixty_line_dump() {
    std::string dump;
    std::size_t number = 0;
    for (const char* list : kLists) {
        for (const std::string& item : item_lines(list)) {
            switch (number++ % 3) {
                case 0:
                    dump += item + "\n";
                    break;
                case 1:
                    dump += R"({"message":)" + item + "}\r\n";
                    break;
                default:
                    dump += R"({"status":"ok","message-type":"work","message-version":"1.0.0","message":)" +
                            item + "}\n";
            }
            if (number == 10) dump += "   \n";
        }
    }
    dump.pop_back();  // the last line has no newline
    return dump;
}

TEST(SourceCrossrefDump, ReadsTheSameWorksAsTheListsFiveBytesAtATime) {
    std::vector<WorkRecord> expected;
    for (const char* list : kLists) {
        for (WorkRecord& work : listed_works(list)) expected.push_back(std::move(work));
    }
    ASSERT_EQ(expected.size(), 60u);

    StepStream in(sixty_line_dump(), 5);
    CountingSink sink;
    DumpStats stats;
    DumpReader reader;
    Status status = reader.read(in, sink, &stats);
    ASSERT_TRUE(status) << status.message;
    EXPECT_EQ(stats.lines, 61u);  // 60 works and a blank line
    EXPECT_EQ(stats.works, 60u);
    EXPECT_EQ(stats.skipped_untitled, 0u);
    ASSERT_EQ(sink.works.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const WorkRecord& got = sink.works[i];
        const WorkRecord& want = expected[i];
        EXPECT_EQ(got.ids[0].value, want.ids[0].value) << i;
        EXPECT_EQ(got.source_id, want.source_id) << i;
        EXPECT_EQ(got.title, want.title) << i;
        EXPECT_EQ(got.date, want.date) << i;
        EXPECT_EQ(got.venue, want.venue) << i;
        EXPECT_EQ(got.abstract, want.abstract) << i;
        EXPECT_EQ(got.authors.size(), want.authors.size()) << i;
    }
    EXPECT_EQ(sink.works[0].ids[0].value, "10.1007/978-1-4302-0197-7_9");
    EXPECT_EQ(sink.works[40].ids[0].value, "10.1111/ele.14024");
    EXPECT_EQ(sink.works[40].title, "The forecast trap");
    EXPECT_EQ(sink.works[40].date, "2022-05-30");
    ASSERT_EQ(sink.works[40].authors.size(), 1u);
    EXPECT_EQ(sink.works[40].authors[0].name, "Carl Boettiger");
    EXPECT_EQ(sink.works[40].authors[0].orcid, "https://orcid.org/0000-0002-1642-628X");
    // Fewer than 5,000 works: one batch, at the end.
    EXPECT_THAT(sink.batch_ends, ElementsAre(60u));
    EXPECT_EQ(stats.batches, 1u);
}

TEST(SourceCrossrefDump, BatchesEverySoManyWorks) {
    StepStream in(sixty_line_dump(), 1 << 20);
    CountingSink sink;
    DumpReader reader(7);
    ASSERT_TRUE(reader.read(in, sink));
    EXPECT_THAT(sink.batch_ends, ElementsAre(7u, 14u, 21u, 28u, 35u, 42u, 49u, 56u, 60u));

    // An exact multiple ends without an empty batch.
    StepStream again(sixty_line_dump(), 1 << 20);
    CountingSink whole;
    DumpReader twenty(20);
    ASSERT_TRUE(twenty.read(again, whole));
    EXPECT_THAT(whole.batch_ends, ElementsAre(20u, 40u, 60u));
}

TEST(SourceCrossrefDump, StreamsALargeDumpInBatchesOfFiveThousand) {
    std::vector<std::string> lines = item_lines(kLists[0]);
    std::vector<std::string> more = item_lines(kLists[1]);
    lines.insert(lines.end(), more.begin(), more.end());
    std::string dump;
    for (std::size_t i = 0; i < 12'000; ++i) dump += lines[i % lines.size()] + '\n';
    ASSERT_GT(dump.size(), std::size_t{8} << 20);

    StepStream in(dump, std::size_t{1} << 30);  // as much as the reader asks for
    CountingSink sink(&in);
    ReadRequest request;
    request.options = {{"dump", "works.jsonl"}};
    Status status = CrossrefSource().read(request, in, sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_EQ(sink.works.size(), 12'000u);
    EXPECT_THAT(sink.batch_ends, ElementsAre(5000u, 10000u, 12000u));
    // The first work was handed on after one 1 MiB chunk, not after the whole file.
    EXPECT_EQ(sink.given_at_first_work, DumpReader::kChunkSize);
    EXPECT_EQ(in.given, dump.size());
    EXPECT_GE(in.reads, dump.size() / DumpReader::kChunkSize);
}

TEST(SourceCrossrefDump, MalformedLineIsAnErrorWithItsNumber) {
    std::vector<std::string> lines = item_lines(kLists[0]);
    std::string dump = lines[0] + "\n" + lines[1] + "\n" + lines[2].substr(0, 300) + "\n" + lines[3] + "\n";
    StepStream in(dump, 5);
    CountingSink sink;
    DumpStats stats;
    Status status = DumpReader().read(in, sink, &stats);
    ASSERT_FALSE(status);
    EXPECT_THAT(status.message, StartsWith("line 3: truncated JSON: the input ends after 300 bytes"));
    EXPECT_EQ(stats.works, 2u);
    // The two works before it form no finished batch: the host keeps nothing of it.
    EXPECT_THAT(sink.batch_ends, IsEmpty());

    StepStream garbage(lines[0] + "\n\nnot json\n", 5);
    CountingSink second;
    status = DumpReader().read(garbage, second);
    EXPECT_THAT(status.message, StartsWith("line 3: "));
}

TEST(SourceCrossrefDump, LinesThatAreNoWork) {
    std::vector<std::string> lines = item_lines(kLists[0]);
    auto error_of = [](const std::string& dump) {
        StepStream in(dump, 1 << 20);
        CountingSink sink;
        return DumpReader().read(in, sink).message;
    };
    EXPECT_EQ(error_of(lines[0] + "\n[1,2]\n"),
              "line 2: a JSON array, expected one Crossref work object per line");
    EXPECT_EQ(error_of(R"({"title":["No DOI"]})"),
              "line 1: no \"DOI\": expected a Crossref work object or a work message {\"message\": {...}}");
    EXPECT_THAT(
        error_of(fixture("works_list_empty_result.json")),
        HasSubstr("line 1: a Crossref work-list message, not a work; import a saved list response with "
                  "--file instead"));
    EXPECT_EQ(error_of(fixture("error_404_cursor_invalid.json")),
              "line 1: a Crossref error message (status \"failed\"), not a work");
    EXPECT_EQ(error_of(R"({"DOI":"10.1000/x","title":["T"],"author":[{"given":"A","family":7}]})"),
              "line 1 (DOI 10.1000/x): author 1: \"family\" is a number, expected a string");
}

TEST(SourceCrossrefDump, UntitledWorksAreSkippedAndCounted) {
    std::string dump =
        "\xEF\xBB\xBF"
        R"({"DOI":"10.1000/untitled","title":[]})"
        "\n"
        R"({"DOI":"10.1000/titled","title":["A title"]})"
        "\n";
    StepStream in(dump, 5);
    CountingSink sink;
    DumpStats stats;
    ASSERT_TRUE(DumpReader().read(in, sink, &stats));
    EXPECT_EQ(stats.skipped_untitled, 1u);
    ASSERT_EQ(sink.works.size(), 1u);
    EXPECT_EQ(sink.works[0].ids[0].value, "10.1000/titled");
}

TEST(SourceCrossrefDump, EmptyDumpHasNoBatch) {
    StepStream in("", 5);
    CountingSink sink;
    ASSERT_TRUE(DumpReader().read(in, sink));
    EXPECT_THAT(sink.batch_ends, IsEmpty());
    StepStream blank("\n\r\n  \n", 5);
    ASSERT_TRUE(DumpReader().read(blank, sink));
    EXPECT_THAT(sink.works, IsEmpty());
}

TEST(SourceCrossrefDump, SinkErrorStopsTheReadUnchanged) {
    StepStream in(sixty_line_dump(), 5);
    CountingSink sink;
    sink.refuse_after = 3;
    Status status = DumpReader().read(in, sink);
    EXPECT_EQ(status.message, "store is full");
    EXPECT_EQ(sink.works.size(), 3u);
}

TEST(SourceCrossrefDump, OneReaderReadsManyDumps) {
    DumpReader reader(25);
    for (int round = 0; round < 3; ++round) {
        StepStream in(sixty_line_dump(), 4096);
        CountingSink sink;
        ASSERT_TRUE(reader.read(in, sink));
        EXPECT_THAT(sink.batch_ends, ElementsAre(25u, 50u, 60u)) << round;
    }
}

TEST(SourceCrossrefDump, WithoutTheDumpOptionTheInputIsOneResponse) {
    StepStream in(fixture("works_list_query_widget_cursor_page1.json"), 5);
    CountingSink sink;
    Status status = CrossrefSource().read(ReadRequest{}, in, sink);
    ASSERT_TRUE(status) << status.message;
    EXPECT_EQ(sink.works.size(), 20u);
    EXPECT_THAT(sink.batch_ends, ElementsAre(20u));
}

}  // namespace
