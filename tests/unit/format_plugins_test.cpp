// Exact-byte tests of the markdown, json and table format plugins' logic libraries.
// Expected strings were worked out from the format rules, not captured from the output.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "bzpeer/sdk/document.hpp"
#include "document_blocks.hpp"
#include "json.hpp"
#include "markdown.hpp"
#include "table.hpp"

namespace {

using bzpeer::sdk::Block;
using bzpeer::sdk::Document;
using bzpeer::sdk::Value;
using namespace bzpeer::test;

std::string repeat(const std::string& piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += piece;
    return out;
}

// A profile report shaped like the ones the core builds for one resolved person.
Document profile() {
    Document doc;
    doc.kind = "report";
    doc.title = "Bo Zheng";
    doc.blocks = {
        heading(1, "Bo Zheng (p:42)"),
        paragraph("Split from the unclaimed record \"Bo Zheng\" (35 works): these 5 works share co-authors, "
                  "an ORCID and the topic of ad ranking at an e-commerce company."),
        fields({{"Name", "Bo Zheng"},
                {"Also published as", "郑博"},
                {"ORCID", "0000-0002-1825-0097"},
                {"Affiliation", "Alibaba Group, Hangzhou"},
                {"Works", "5"}}),
        heading(2, "Close collaborators"),
        list({"Balázs Ódor — 3 shared works", "郑博 — 1 shared work"}),
        heading(2, "Works"),
        table({"Year", "Title", "Venue"},
              {{"2023", "Pipes | and tables in CTR models", "KDD"},
               {"2022", "CO2\temission inventories", "Nature Climate Change"},
               {"2021", "Differentiable rendering of signed distance functions for inverse graphics problems",
                "SIGGRAPH"},
               {"2020", "郑博 and Balázs Ódor on multilingual NLP", "ACL, Findings"},
               {"2019", "Who is \"Bo Zheng\"?\nSpeech anti-spoofing", "Interspeech"}}),
    };
    return doc;
}

Value profile_data() {
    auto work1 = Value::object();
    work1.set("year", 2023);
    work1.set("title", "Pipes | and tables in CTR models");
    work1.set("coauthors", Value::array()).push("Balázs Ódor");
    auto& scores = work1.set("scores", Value::object());
    scores.set("topic", 0.75);
    scores.set("venue", 0.0);

    auto work2 = Value::object();
    work2.set("year", 2019);
    work2.set("title", "Who is \"Bo Zheng\"?");
    work2.set("coauthors", Value::array());
    work2.set("extra", Value::object());

    auto data = Value::object();
    data.set("id", "p:42");
    data.set("name", "Bo Zheng");
    auto& names = data.set("names", Value::array());
    names.push("Bo Zheng");
    names.push("郑博");
    names.push("Balázs Ódor");
    data.set("claimed", false);
    data.set("orcid", nullptr);
    data.set("score", 0.1);
    data.set("tiny", 5e-324);
    data.set("huge", 1e300);
    data.set("ratio", 1.0);
    data.set("negative", -2.5);
    data.set("works_total", std::numeric_limits<std::int64_t>::max());
    data.set("offset", std::numeric_limits<std::int64_t>::min());
    data.set("note", "He said \"split\"\\ok\n\tdone\x01\x1f\x7f\b\f\r");
    auto& works = data.set("works", Value::array());
    works.push(std::move(work1));
    works.push(std::move(work2));
    return data;
}

// ---- markdown ------------------------------------------------------------------------------

TEST(MarkdownFormat, RendersProfileReport) {
    EXPECT_EQ(bzpeer::markdown::render(profile()),
              "# Bo Zheng (p:42)\n"
              "\n"
              "Split from the unclaimed record \"Bo Zheng\" (35 works): these 5 works share co-authors, "
              "an ORCID and the topic of ad ranking at an e-commerce company.\n"
              "\n"
              "- **Name:** Bo Zheng\n"
              "- **Also published as:** 郑博\n"
              "- **ORCID:** 0000-0002-1825-0097\n"
              "- **Affiliation:** Alibaba Group, Hangzhou\n"
              "- **Works:** 5\n"
              "\n"
              "## Close collaborators\n"
              "\n"
              "- Balázs Ódor — 3 shared works\n"
              "- 郑博 — 1 shared work\n"
              "\n"
              "## Works\n"
              "\n"
              "| Year | Title | Venue |\n"
              "| --- | --- | --- |\n"
              "| 2023 | Pipes \\| and tables in CTR models | KDD |\n"
              "| 2022 | CO2\temission inventories | Nature Climate Change |\n"
              "| 2021 | Differentiable rendering of signed distance functions for inverse graphics problems "
              "| SIGGRAPH |\n"
              "| 2020 | 郑博 and Balázs Ódor on multilingual NLP | ACL, Findings |\n"
              "| 2019 | Who is \"Bo Zheng\"?<br>Speech anti-spoofing | Interspeech |\n");
}

TEST(MarkdownFormat, TitleIsAddedOnlyWhenTheFirstBlockIsNoHeading) {
    Document doc;
    doc.title = "Collaborators of p:42";
    doc.blocks = {list({"Balázs Ódor", "郑博"})};
    EXPECT_EQ(bzpeer::markdown::render(doc), "# Collaborators of p:42\n\n- Balázs Ódor\n- 郑博\n");

    doc.blocks.insert(doc.blocks.begin(), heading(2, "Close collaborators"));
    EXPECT_EQ(bzpeer::markdown::render(doc), "## Close collaborators\n\n- Balázs Ódor\n- 郑博\n");
}

TEST(MarkdownFormat, EmptyDocumentAndEmptyBlocksLeaveNoBlankLines) {
    EXPECT_EQ(bzpeer::markdown::render(Document{}), "");

    Document doc;
    doc.blocks = {paragraph("First.\n\n"), list({}),       fields({}),
                  table({}, {}),           heading(1, ""), paragraph("Second.")};
    EXPECT_EQ(bzpeer::markdown::render(doc), "First.\n\nSecond.\n");
}

TEST(MarkdownFormat, HeadingLevelsAreClampedAndKeptOnOneLine) {
    Document doc;
    doc.blocks = {heading(0, "Zero"), heading(3, "Three"), heading(9, "Nine\r\nlines")};
    EXPECT_EQ(bzpeer::markdown::render(doc), "# Zero\n\n### Three\n\n###### Nine lines\n");
}

TEST(MarkdownFormat, MultiLineItemsAndValuesStayInsideTheirListItem) {
    Document doc;
    doc.blocks = {fields({{"Abstract", "Line one\nline two"}, {"Note", ""}}),
                  list({"Ódor, B.\r\nBudapest\n\nHungary"})};
    EXPECT_EQ(bzpeer::markdown::render(doc),
              "- **Abstract:** Line one\n"
              "  line two\n"
              "- **Note:**\n"
              "\n"
              "- Ódor, B.\n"
              "  Budapest\n"
              "\n"
              "  Hungary\n");
}

TEST(MarkdownFormat, TableCellsEscapePipesBackslashesAndLineBreaks) {
    Document doc;
    doc.blocks = {
        table({"a|b", "TeX"}, {{"x\\|y", "$\\alpha$"}, {"p\\\\|q", "one\r\ntwo\rthree"}, {"ragged"}})};
    EXPECT_EQ(bzpeer::markdown::render(doc),
              "| a\\|b | TeX |\n"
              "| --- | --- |\n"
              "| x\\\\\\|y | $\\alpha$ |\n"
              "| p\\\\\\\\\\|q | one<br>two<br>three |\n"
              "| ragged |  |\n");
}

// ---- json ----------------------------------------------------------------------------------

TEST(JsonFormat, RendersDataPrettyWithTwoSpaceIndent) {
    Document doc = profile();
    doc.data = profile_data();
    EXPECT_EQ(bzpeer::json::render(doc, "json"),
              "{\n"
              "  \"id\": \"p:42\",\n"
              "  \"name\": \"Bo Zheng\",\n"
              "  \"names\": [\n"
              "    \"Bo Zheng\",\n"
              "    \"郑博\",\n"
              "    \"Balázs Ódor\"\n"
              "  ],\n"
              "  \"claimed\": false,\n"
              "  \"orcid\": null,\n"
              "  \"score\": 0.1,\n"
              "  \"tiny\": 5e-324,\n"
              "  \"huge\": 1e+300,\n"
              "  \"ratio\": 1.0,\n"
              "  \"negative\": -2.5,\n"
              "  \"works_total\": 9223372036854775807,\n"
              "  \"offset\": -9223372036854775808,\n"
              "  \"note\": \"He said \\\"split\\\"\\\\ok\\n\\tdone\\u0001\\u001f\x7f\\b\\f\\r\",\n"
              "  \"works\": [\n"
              "    {\n"
              "      \"year\": 2023,\n"
              "      \"title\": \"Pipes | and tables in CTR models\",\n"
              "      \"coauthors\": [\n"
              "        \"Balázs Ódor\"\n"
              "      ],\n"
              "      \"scores\": {\n"
              "        \"topic\": 0.75,\n"
              "        \"venue\": 0.0\n"
              "      }\n"
              "    },\n"
              "    {\n"
              "      \"year\": 2019,\n"
              "      \"title\": \"Who is \\\"Bo Zheng\\\"?\",\n"
              "      \"coauthors\": [],\n"
              "      \"extra\": {}\n"
              "    }\n"
              "  ]\n"
              "}\n");
}

TEST(JsonFormat, CompactHasNoWhitespace) {
    EXPECT_EQ(bzpeer::json::compact(profile_data()),
              "{\"id\":\"p:42\",\"name\":\"Bo Zheng\",\"names\":[\"Bo Zheng\",\"郑博\",\"Balázs Ódor\"],"
              "\"claimed\":false,\"orcid\":null,\"score\":0.1,\"tiny\":5e-324,\"huge\":1e+300,\"ratio\":1.0,"
              "\"negative\":-2.5,\"works_total\":9223372036854775807,\"offset\":-9223372036854775808,"
              "\"note\":\"He said \\\"split\\\"\\\\ok\\n\\tdone\\u0001\\u001f\x7f\\b\\f\\r\","
              "\"works\":[{\"year\":2023,\"title\":\"Pipes | and tables in CTR models\","
              "\"coauthors\":[\"Balázs Ódor\"],\"scores\":{\"topic\":0.75,\"venue\":0.0}},"
              "{\"year\":2019,\"title\":\"Who is \\\"Bo Zheng\\\"?\",\"coauthors\":[],\"extra\":{}}]}");
}

TEST(JsonFormat, JsonLinesPutsEachArrayItemOnItsOwnLine) {
    Document doc;
    doc.data = Value::array();
    auto& first = doc.data.push(Value::object());
    first.set("id", "p:42");
    first.set("name", "郑博");
    auto& second = doc.data.push(Value::object());
    second.set("id", "p:7");
    second.set("tags", Value::Array{"nlp", 2, 0.5});
    doc.data.push(nullptr);
    const std::string expected =
        "{\"id\":\"p:42\",\"name\":\"郑博\"}\n"
        "{\"id\":\"p:7\",\"tags\":[\"nlp\",2,0.5]}\n"
        "null\n";
    EXPECT_EQ(bzpeer::json::render(doc, "jsonl"), expected);
    EXPECT_EQ(bzpeer::json::render(doc, "ndjson"), expected);

    doc.data = Value::array();
    EXPECT_EQ(bzpeer::json::render(doc, "jsonl"), "");
}

TEST(JsonFormat, JsonLinesWritesANonArrayOnOneLine) {
    Document doc;
    doc.data = Value::object();
    doc.data.set("works", Value::Array{1, 2});
    EXPECT_EQ(bzpeer::json::render(doc, "jsonl"), "{\"works\":[1,2]}\n");
    EXPECT_EQ(bzpeer::json::render(Document{}, "jsonl"), "null\n");
    EXPECT_EQ(bzpeer::json::render(Document{}, "json"), "null\n");
}

TEST(JsonFormat, DoublesRoundTripInShortestForm) {
    Value numbers = Value::Array{0.1, 1e300, -0.0, 100.0, 1e21, 123456.789, 2.5e-8, 0.30000000000000004};
    EXPECT_EQ(bzpeer::json::compact(numbers),
              "[0.1,1e+300,-0.0,100.0,1e+21,123456.789,2.5e-08,0.30000000000000004]");
}

TEST(JsonFormat, NonFiniteDoublesBecomeNull) {
    Value numbers =
        Value::Array{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity()};
    EXPECT_EQ(bzpeer::json::compact(numbers), "[null,null,null]");
}

TEST(JsonFormat, IllFormedUtf8IsReplacedAndValidUtf8Kept) {
    // Ill-formed: a lone continuation byte, a truncated 3-byte sequence, an overlong '/',
    // an encoded surrogate, a code point above U+10FFFF and a sequence cut off at the end.
    Value text = std::string(
        "ok \x80|\xE9\x83|\xC0\xAF|\xED\xA0\x80|\xF4\x90\x80\x80|"
        "\xF0\x9F\x98\x80|\xE2\x80\xA8|\xF0\x9F\x98");
    const std::string r = "\xEF\xBF\xBD";  // U+FFFD
    EXPECT_EQ(bzpeer::json::compact(text), "\"ok " + r + "|" + r + "|" + r + r + "|" + r + r + r + "|" + r +
                                               r + r + r + "|\xF0\x9F\x98\x80|\xE2\x80\xA8|" + r + "\"");
}

TEST(JsonFormat, KeysAreEscapedAndKeepTheirOrder) {
    Value object = Value::object();
    object.set("z\"key\n", 1);
    object.set("a", 2);
    object.set("z\"key\n", 3);  // duplicates are the builder's business; keep what we were given
    EXPECT_EQ(bzpeer::json::compact(object), "{\"z\\\"key\\n\":1,\"a\":2,\"z\\\"key\\n\":3}");
}

TEST(JsonFormat, UnknownFormatThrows) {
    EXPECT_THROW(bzpeer::json::render(Document{}, "yaml"), std::invalid_argument);
}

// ---- table: tsv and csv --------------------------------------------------------------------

// The works table of profile() on its own, as a works listing is: one table among prose.
Document works_listing() {
    Document doc = profile();
    doc.kind = "works";
    doc.blocks.erase(doc.blocks.begin() + 2, doc.blocks.begin() + 5);  // the fields and the list
    return doc;
}

TEST(TableFormat, TsvPrintsTheOneTableWithCellsOnOneLine) {
    EXPECT_EQ(bzpeer::table::render(works_listing(), "tsv"),
              "Year\tTitle\tVenue\n"
              "2023\tPipes | and tables in CTR models\tKDD\n"
              "2022\tCO2 emission inventories\tNature Climate Change\n"
              "2021\tDifferentiable rendering of signed distance functions for inverse graphics problems"
              "\tSIGGRAPH\n"
              "2020\t郑博 and Balázs Ódor on multilingual NLP\tACL, Findings\n"
              "2019\tWho is \"Bo Zheng\"? Speech anti-spoofing\tInterspeech\n");
}

TEST(TableFormat, CsvQuotesOnlyWhatRfc4180Requires) {
    EXPECT_EQ(bzpeer::table::render(works_listing(), "csv"),
              "Year,Title,Venue\n"
              "2023,Pipes | and tables in CTR models,KDD\n"
              "2022,CO2\temission inventories,Nature Climate Change\n"
              "2021,Differentiable rendering of signed distance functions for inverse graphics problems,"
              "SIGGRAPH\n"
              "2020,郑博 and Balázs Ódor on multilingual NLP,\"ACL, Findings\"\n"
              "2019,\"Who is \"\"Bo Zheng\"\"?\nSpeech anti-spoofing\",Interspeech\n");
}

// A report of several sections cannot be one table: printing its first table alone would drop
// the rest without a word.
TEST(TableFormat, DelimitedOutputRefusesADocumentOfSeveralSections) {
    for (const char* format : {"tsv", "csv"}) {
        SCOPED_TRACE(format);
        try {
            bzpeer::table::render(profile(), format);
            ADD_FAILURE() << "rendered a report of a table, fields and a list";
        } catch (const std::invalid_argument& e) {
            std::string message = e.what();
            EXPECT_NE(message.find("1 table, 1 block of fields, 1 list"), std::string::npos) << message;
            EXPECT_NE(message.find("--format json, markdown or table"), std::string::npos) << message;
            EXPECT_NE(message.find("'bzpeer works' for one table as " + std::string(format)),
                      std::string::npos)
                << message;
        }
        Document two_tables;
        two_tables.kind = "profile";
        two_tables.blocks = {table({"topic"}, {{"cs.LG"}}), table({"person"}, {{"p:1"}})};
        EXPECT_THROW(bzpeer::table::render(two_tables, format), std::invalid_argument);
    }
}

// =HYPERLINK(...) in a title must stay text when the file is opened in a spreadsheet; -3 is a number.
TEST(TableFormat, DelimitedCellsThatSpreadsheetsWouldRunAreDefused) {
    Document doc;
    doc.blocks = {table({"cell"}, {{"=HYPERLINK(\"x\")"},
                                   {"+1"},
                                   {"-3"},
                                   {"-0.5"},
                                   {"-x"},
                                   {"@x"},
                                   {"\t=1"},
                                   {"\r=1"},
                                   {"-"},
                                   {"a=b"}})};
    EXPECT_EQ(bzpeer::table::render(doc, "csv"),
              "cell\n\"'=HYPERLINK(\"\"x\"\")\"\n+1\n-3\n-0.5\n'-x\n'@x\n'\t=1\n\"'\r=1\"\n'-\na=b\n");
    EXPECT_EQ(bzpeer::table::render(doc, "tsv"),
              "cell\n'=HYPERLINK(\"x\")\n+1\n-3\n-0.5\n'-x\n'@x\n' =1\n' =1\n'-\na=b\n");
}

TEST(TableFormat, WithoutATableFieldsBecomeLabelValueRows) {
    Document doc;
    doc.blocks = {heading(1, "Bo Zheng"), fields({{"Name", "Bo Zheng"}, {"Also published as", "郑博"}}),
                  paragraph("Not part of the rows."),
                  fields({{"Affiliation", "Alibaba Group, Hangzhou"}, {"Note", "tab\there\r\nnext"}})};
    EXPECT_EQ(bzpeer::table::render(doc, "tsv"),
              "Name\tBo Zheng\n"
              "Also published as\t郑博\n"
              "Affiliation\tAlibaba Group, Hangzhou\n"
              "Note\ttab here next\n");
    EXPECT_EQ(bzpeer::table::render(doc, "csv"),
              "Name,Bo Zheng\n"
              "Also published as,郑博\n"
              "Affiliation,\"Alibaba Group, Hangzhou\"\n"
              "Note,\"tab\there\r\nnext\"\n");
}

TEST(TableFormat, DelimitedRowsArePaddedToTheWidestRow) {
    Document doc;
    doc.blocks = {table({"id", "name"}, {{"p:1"}, {"p:2", "Ódor", "extra"}})};
    EXPECT_EQ(bzpeer::table::render(doc, "tsv"), "id\tname\t\np:1\t\t\np:2\tÓdor\textra\n");
    EXPECT_EQ(bzpeer::table::render(doc, "csv"), "id,name,\np:1,,\np:2,Ódor,extra\n");
}

TEST(TableFormat, DelimitedOutputOfADocumentWithoutRowsIsEmpty) {
    Document doc;
    doc.blocks = {paragraph("Nothing tabular here.")};
    EXPECT_EQ(bzpeer::table::render(doc, "tsv"), "");
    EXPECT_EQ(bzpeer::table::render(doc, "csv"), "");
}

// ---- table: terminal text ------------------------------------------------------------------

TEST(TableFormat, TextRendersProfileReportForATerminal) {
    EXPECT_EQ(bzpeer::table::render(profile(), "table"),
              "Bo Zheng (p:42)\n"
              "===============\n"
              "\n"
              "Split from the unclaimed record \"Bo Zheng\" (35 works): these 5 works share co-authors, "
              "an ORCID and\n"
              "the topic of ad ranking at an e-commerce company.\n"
              "\n"
              "Name:               Bo Zheng\n"
              "Also published as:  郑博\n"
              "ORCID:              0000-0002-1825-0097\n"
              "Affiliation:        Alibaba Group, Hangzhou\n"
              "Works:              5\n"
              "\n"
              "Close collaborators\n"
              "-------------------\n"
              "\n"
              "  - Balázs Ódor — 3 shared works\n"
              "  - 郑博 — 1 shared work\n"
              "\n"
              "Works\n"
              "-----\n"
              "\n"
              "Year  Title                                                         Venue\n"
              "----  ------------------------------------------------------------  ---------------------\n"
              "2023  Pipes | and tables in CTR models                              KDD\n"
              "2022  CO2 emission inventories                                      Nature Climate Change\n"
              "2021  Differentiable rendering of signed distance functions for i…  SIGGRAPH\n"
              "2020  郑博 and Balázs Ódor on multilingual NLP                        ACL, Findings\n"
              "2019  Who is \"Bo Zheng\"? Speech anti-spoofing                       Interspeech\n");
}

TEST(TableFormat, TextCellsTruncateAfterSixtyCodePoints) {
    const std::string sixty = repeat("é", 60);
    Document doc;
    doc.blocks = {table({}, {{sixty, "x"}, {sixty + "z", "y"}})};
    EXPECT_EQ(bzpeer::table::render(doc, "table"), sixty + "  x\n" + repeat("é", 59) + "…  y\n");
}

TEST(TableFormat, TextWrapsParagraphsAtOneHundredCodePoints) {
    // 100 code points but 199 bytes: fits on one line; a long word keeps a line of its own.
    const std::string line = repeat("é", 49) + " " + repeat("é", 50);
    const std::string word = repeat("a", 120);
    Document doc;
    doc.blocks = {paragraph(line + " x\nkept  break\t" + word + " b")};
    EXPECT_EQ(bzpeer::table::render(doc, "table"), line + "\nx\nkept break\n" + word + "\nb\n");
}

TEST(TableFormat, TextTitleHeadingLevelsFieldsAndListItems) {
    Document doc;
    doc.title = "郑博 (p:7)";
    doc.blocks = {fields({{"Name", "郑博"}, {"Abstract", "Line one\nline two"}, {"Note", ""}}),
                  heading(3, "Details"), list({"Ódor, B.\nBudapest"})};
    EXPECT_EQ(bzpeer::table::render(doc, "table"),
              "郑博 (p:7)\n"
              "========\n"
              "\n"
              "Name:      郑博\n"
              "Abstract:  Line one\n"
              "           line two\n"
              "Note:\n"
              "\n"
              "Details\n"
              "\n"
              "  - Ódor, B.\n"
              "    Budapest\n");
}

TEST(TableFormat, TextTableWithoutHeaderAndWithRaggedRows) {
    Document doc;
    doc.blocks = {table({}, {{"p:1", "", "Ódor"}, {"p:22"}})};
    EXPECT_EQ(bzpeer::table::render(doc, "table"), "p:1      Ódor\np:22\n");
}

TEST(TableFormat, UnknownFormatThrows) {
    EXPECT_THROW(bzpeer::table::render(Document{}, "xlsx"), std::invalid_argument);
}

}  // namespace
