// The field helpers the OAI-PMH and snapshot readers share: whitespace, RFC 2822 dates, DOI
// and category fields, names, and arXiv's printed author lists.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "metadata.hpp"

namespace {

using namespace bzpeer::arxiv;
using bzpeer::sdk::AuthorRecord;
using bzpeer::sdk::Identifier;
using bzpeer::sdk::WorkRecord;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

std::vector<std::string> names(const std::vector<AuthorRecord>& authors) {
    std::vector<std::string> out;
    for (const AuthorRecord& author : authors) out.push_back(author.name);
    return out;
}

TEST(SourceArxivMetadata, Collapse) {
    EXPECT_EQ(collapse("  A fully differential\ncalculation  in\tQCD\r\n"),
              "A fully differential calculation in QCD");
    EXPECT_EQ(collapse(""), "");
    EXPECT_EQ(collapse(" \n\t "), "");
    EXPECT_EQ(collapse("one"), "one");
    EXPECT_EQ(collapse("a \x01 b"), "a \x01 b");  // control characters are not white space
    // Pieces appended one after another join with one space.
    std::string out;
    bool pending = false;
    append_collapsed(out, "  first  ", pending);
    append_collapsed(out, "second ", pending);
    append_collapsed(out, "\n", pending);
    append_collapsed(out, "third", pending);
    EXPECT_EQ(out, "first second third");
}

TEST(SourceArxivMetadata, Rfc2822Dates) {
    auto iso = [](std::string_view text) -> std::string {
        auto parsed = parse_rfc2822(text);
        return parsed ? iso_timestamp(*parsed) : "-";
    };
    EXPECT_EQ(iso("Mon, 2 Apr 2007 19:18:42 GMT"), "2007-04-02T19:18:42Z");
    EXPECT_EQ(iso("Sat, 31 Mar 2007 02:26:18 GMT"), "2007-03-31T02:26:18Z");
    EXPECT_EQ(iso("2 Apr 2007 19:18 UT"), "2007-04-02T19:18:00Z");
    EXPECT_EQ(iso("Mon, 2 Apr 2007"), "2007-04-02T00:00:00Z");
    EXPECT_EQ(iso("Tue, 31 Dec 2019 23:30:00 -0100"), "2020-01-01T00:30:00Z");
    EXPECT_EQ(iso("Wed, 1 Jan 2020 00:30:00 +0200"), "2019-12-31T22:30:00Z");
    EXPECT_EQ(iso("Wed, 1 Jan 2020 00:30:00 EST"), "2020-01-01T05:30:00Z");
    EXPECT_EQ(iso("Thu, 29 Feb 2024 12:00:00 GMT"), "2024-02-29T12:00:00Z");
    EXPECT_EQ(iso("Fri, 29 Feb 2023 12:00:00 GMT"), "-");
    EXPECT_EQ(iso("2007-04-02"), "-");
    EXPECT_EQ(iso("Mon, 2 Foo 2007 19:18:42 GMT"), "-");
    EXPECT_EQ(iso("Mon, 2 Apr 07 19:18:42 GMT"), "-");
    EXPECT_EQ(iso("Mon, 2 Apr 2007 25:18:42 GMT"), "-");
    EXPECT_EQ(iso("Mon, 2 Apr 2007 19:18:42 GMT extra"), "-");
    EXPECT_EQ(iso(""), "-");
    EXPECT_EQ(iso_date(*parse_rfc2822("Mon, 2 Apr 2007 19:18:42 GMT")), "2007-04-02");
}

TEST(SourceArxivMetadata, IsoDatesAndVersions) {
    EXPECT_TRUE(is_iso_date("2008-11-26"));
    EXPECT_FALSE(is_iso_date("2008-13-01"));
    EXPECT_FALSE(is_iso_date("2008-11-26T00:00:00Z"));
    EXPECT_FALSE(is_iso_date("2008"));
    EXPECT_THAT(version_number("v12"), Optional(12));
    EXPECT_EQ(version_number("12"), std::nullopt);
    EXPECT_EQ(version_number("v"), std::nullopt);
    EXPECT_EQ(oai_identifier("hep-th/9901001"), "oai:arXiv.org:hep-th/9901001");
}

TEST(SourceArxivMetadata, DoisAndCategories) {
    std::vector<Identifier> ids{{"arxiv", "0704.0033v2"}};
    add_dois(" 10.1364/JOSAA.23.002578 10.1364/JOSAA.32.002407, 10.1364/JOSAA.23.002578 ", ids);
    ASSERT_EQ(ids.size(), 3u);
    EXPECT_EQ(ids[1].value, "10.1364/JOSAA.23.002578");
    EXPECT_EQ(ids[2].value, "10.1364/JOSAA.32.002407");

    WorkRecord work;
    set_categories("  physics.optics physics.comp-ph\nphysics.optics ", work);
    EXPECT_THAT(work.categories, ElementsAre("physics.optics", "physics.comp-ph"));
    EXPECT_EQ(work.primary_category, "physics.optics");
}

TEST(SourceArxivMetadata, NamesFromParts) {
    AuthorRecord author = make_author("Neal J.", "Evans", "II");
    EXPECT_EQ(author.name, "Neal J. Evans II");
    EXPECT_EQ(author.given, "Neal J.");
    EXPECT_EQ(author.family, "Evans");
    EXPECT_EQ(make_author("", "The BABAR Collaboration", "").name, "The BABAR Collaboration");
    EXPECT_EQ(make_author("Bro\\v{n}a", "Brejov\\'a", "").name, "Bro\u0148a Brejov\u00E1");
    EXPECT_EQ(make_author(" C.\n -P. ", "Yuan", "").name, "C. -P. Yuan");
    EXPECT_FALSE(has_name_characters(": ,"));
    EXPECT_TRUE(has_name_characters("\u00D8"));
}

TEST(SourceArxivMetadata, FootnoteNumbers) {
    EXPECT_THAT(footnote_numbers("1 and 2"), Optional(ElementsAre(1, 2)));
    EXPECT_THAT(footnote_numbers("1,3"), Optional(ElementsAre(1, 3)));
    EXPECT_THAT(footnote_numbers(" 2 "), Optional(ElementsAre(2)));
    EXPECT_EQ(footnote_numbers("Oxford"), std::nullopt);
    EXPECT_EQ(footnote_numbers("INFN 2"), std::nullopt);
    EXPECT_EQ(footnote_numbers(""), std::nullopt);
}

TEST(SourceArxivMetadata, PrintedAuthorLists) {
    EXPECT_THAT(names(parse_author_list("Joshua Berger, Maxim Perelstein, Michael Saelim and Philip Tanedo")),
                ElementsAre("Joshua Berger", "Maxim Perelstein", "Michael Saelim", "Philip Tanedo"));
    EXPECT_THAT(names(parse_author_list("D.V. Shetty, S.J. Yennello, and G.A. Souliotis")),
                ElementsAre("D.V. Shetty", "S.J. Yennello", "G.A. Souliotis"));
    EXPECT_THAT(
        names(parse_author_list("Paul Harvey, Nicholas\n  Chapman, Neal J. Evans II, Philip C. Myers")),
        ElementsAre("Paul Harvey", "Nicholas Chapman", "Neal J. Evans II", "Philip C. Myers"));
    EXPECT_THAT(names(parse_author_list("The BABAR Collaboration, B. Aubert, et al")),
                ElementsAre("The BABAR Collaboration", "B. Aubert"));
    EXPECT_THAT(names(parse_author_list("A. Smith; B. Jones")), ElementsAre("A. Smith", "B. Jones"));
    // " and " inside a name's braces or an affiliation's parentheses does not split.
    auto list = parse_author_list("{Sandy and Sons} Ltd (Research and Development, Oxford), Andrea Anderson");
    EXPECT_THAT(names(list), ElementsAre("Sandy and Sons Ltd", "Andrea Anderson"));
    EXPECT_THAT(list[0].affiliations, ElementsAre("Research and Development, Oxford"));
    EXPECT_THAT(parse_author_list(""), IsEmpty());

    // Numbered affiliations and their legend, as in 0704.0052.
    list = parse_author_list("Arthur Jaffe (1) and Gordon Ritter (1) ((1) Harvard University)");
    EXPECT_THAT(names(list), ElementsAre("Arthur Jaffe", "Gordon Ritter"));
    EXPECT_THAT(list[0].affiliations, ElementsAre("Harvard University"));
    EXPECT_THAT(list[1].affiliations, ElementsAre("Harvard University"));
    // A number the legend lacks is dropped rather than kept as an affiliation.
    list = parse_author_list("A. One (1, 4) ((1) CERN)");
    EXPECT_THAT(list[0].affiliations, ElementsAre("CERN"));
    EXPECT_EQ(
        author_list_legend("A. One (1) and B. Two (2) ((1) MIT, (2) Universit\\'e Paris-Sud (Orsay))").at(2),
        "Universit\u00E9 Paris-Sud (Orsay)");
}

}  // namespace
