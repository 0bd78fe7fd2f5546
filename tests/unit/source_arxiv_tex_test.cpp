// bzpeer/sdk/tex.hpp: TeX accents, special letters, escapes and braces in names -> NFC UTF-8.
#include <gtest/gtest.h>

#include <string>

#include "bzpeer/sdk/tex.hpp"

namespace {

using bzpeer::sdk::tex::decode;
using bzpeer::sdk::tex::has_markup;

TEST(SourceArxivTex, AccentsFromTheBrief) {
    EXPECT_EQ(decode("Bal\\'azs"), "Bal\u00E1zs");
    EXPECT_EQ(decode("{\\\"o}"), "\u00F6");
    EXPECT_EQ(decode("\\c{c}"), "\u00E7");
    EXPECT_EQ(decode("\\v{s}"), "\u0161");
    EXPECT_EQ(decode("\\ss"), "\u00DF");
    EXPECT_EQ(decode("{\\o}"), "\u00F8");
    EXPECT_EQ(decode("\\l"), "\u0142");
    EXPECT_EQ(decode("\\~n"), "\u00F1");
    EXPECT_EQ(decode("\\=a"), "\u0101");
    EXPECT_EQ(decode("\\^e"), "\u00EA");
    EXPECT_EQ(decode("\\.z"), "\u017C");
    EXPECT_EQ(decode("\\H{o}"), "\u0151");
    EXPECT_EQ(decode("\\r{a}"), "\u00E5");
    EXPECT_EQ(decode("\\aa"), "\u00E5");
    EXPECT_EQ(decode("\\u{g}"), "\u011F");
    EXPECT_EQ(decode("\\k{a}"), "\u0105");
    EXPECT_EQ(decode("\\`e"), "\u00E8");
    EXPECT_EQ(decode("\\d{a}"), "\u1EA1");
    EXPECT_EQ(decode("\\b{k}"), "\u1E35");
}

TEST(SourceArxivTex, OutputIsOnePrecomposedCodePoint) {
    // NFC: "é" is U+00E9 (two bytes), never "e" + U+0301.
    std::string e_acute = decode("\\'e");
    EXPECT_EQ(e_acute, "\xC3\xA9");
    EXPECT_EQ(e_acute.size(), 2u);
    EXPECT_EQ(decode("\\v{n}"), "\xC5\x88");  // ň U+0148
}

TEST(SourceArxivTex, ArgumentForms) {
    EXPECT_EQ(decode("\\'a"), "\u00E1");
    EXPECT_EQ(decode("\\'{a}"), "\u00E1");
    EXPECT_EQ(decode("{\\'a}"), "\u00E1");
    EXPECT_EQ(decode("\\' a"), "\u00E1");
    EXPECT_EQ(decode("\\c c"), "\u00E7");
    EXPECT_EQ(decode("\\v S"), "\u0160");
    EXPECT_EQ(decode("\\v{S}r\\'amek"), "\u0160r\u00E1mek");
    EXPECT_EQ(decode("\\\"O"), "\u00D6");
    EXPECT_EQ(decode("\\\"{U}"), "\u00DC");
    // An accented i or j is written on the dotless letter.
    EXPECT_EQ(decode("Mart\\'{\\i}nez"), "Mart\u00EDnez");
    EXPECT_EQ(decode("Mart\\'\\i nez"), "Mart\u00EDnez");
    EXPECT_EQ(decode("Mart\\'inez"), "Mart\u00EDnez");
    EXPECT_EQ(decode("Lo\\\"{\\i}c"), "Lo\u00EFc");
    // An accent on an already accented letter composes further when Unicode has the letter.
    EXPECT_EQ(decode("\\'{\\^e}"), "\u1EBF");
    // An accent on a Unicode letter.
    EXPECT_EQ(decode("\\'{\u00F8}"), "\u01FF");
}

TEST(SourceArxivTex, SpecialLetters) {
    EXPECT_EQ(decode("Mikkel {\\O}bro"), "Mikkel \u00D8bro");
    EXPECT_EQ(decode("\\L{}ukasz"), "\u0141ukasz");
    EXPECT_EQ(decode("{\\AA}ngstr{\\\"o}m"), "\u00C5ngstr\u00F6m");
    EXPECT_EQ(decode("\\ae\\AE\\oe\\OE"), "\u00E6\u00C6\u0153\u0152");
    EXPECT_EQ(decode("\\i"), "\u0131");
    // TeX swallows the space after a control word; inside a word that is what is meant, before
    // the next name it is not.
    EXPECT_EQ(decode("Stra\\ss e"), "Stra\u00DFe");
    EXPECT_EQ(decode("Pawe\\l Nowak"), "Pawe\u0142 Nowak");
    EXPECT_EQ(decode("Micha\\l{} Nowak"), "Micha\u0142 Nowak");
    EXPECT_EQ(decode("Micha\\l\\ Nowak"), "Micha\u0142 Nowak");
}

TEST(SourceArxivTex, LettersWithoutAPrecomposedFormKeepTheCombiningMark) {
    EXPECT_EQ(decode("\\v{x}"), "x\u030C");
    EXPECT_EQ(decode("\\t{ts}"), "t\u0361s");
}

TEST(SourceArxivTex, BracesEscapesAndTies) {
    EXPECT_EQ(decode("{Ch}ristoph {van} Beethoven"), "Christoph van Beethoven");
    EXPECT_EQ(decode("Johnson \\& Johnson"), "Johnson & Johnson");
    EXPECT_EQ(decode("100\\% \\$ \\# \\_ \\{x\\}"), "100% $ # _ {x}");
    EXPECT_EQ(decode("A.~B. Smith"), "A. B. Smith");
    EXPECT_EQ(decode("A.\\,B. Smith"), "A. B. Smith");
    EXPECT_EQ(decode("Jean--Pierre"), "Jean--Pierre");
    EXPECT_EQ(decode("pages 1---2"), "pages 1---2");
    EXPECT_EQ(decode("}stray{ braces"), "stray braces");
}

TEST(SourceArxivTex, FontCommandsKeepTheirText) {
    EXPECT_EQ(decode("\\textsc{Bal\\'azs}"), "Bal\u00E1zs");
    EXPECT_EQ(decode("\\emph{van} Gogh"), "van Gogh");
}

TEST(SourceArxivTex, UnknownMacrosAreLeftAsWritten) {
    EXPECT_EQ(decode("\\alpha-decay"), "\\alpha-decay");
    EXPECT_EQ(decode("\\foo{bar} baz"), "\\foo{bar} baz");
    EXPECT_EQ(decode("$\\mu$SR"), "$\\mu$SR");
    EXPECT_EQ(decode("a\\\\b"), "a\\\\b");
    EXPECT_EQ(decode("\\vs"), "\\vs");  // not \v followed by s
}

TEST(SourceArxivTex, IncompleteInputIsKept) {
    EXPECT_EQ(decode("trailing\\"), "trailing\\");
    EXPECT_EQ(decode("accent at the end\\'"), "accent at the end\\'");
    EXPECT_EQ(decode("empty \\'{}"), "empty \\'{}");
    EXPECT_EQ(decode("unclosed {\\\"o"), "unclosed \u00F6");
    EXPECT_EQ(decode(""), "");
}

TEST(SourceArxivTex, UnicodeAndPlainTextPassThrough) {
    EXPECT_EQ(decode("Bal\u00E1zs"), "Bal\u00E1zs");
    EXPECT_EQ(decode(decode("Bal\\'azs")), "Bal\u00E1zs");
    // arXiv's double-encoded bytes are not TeX's business.
    EXPECT_EQ(decode("Dirk W\xC3\x83\xC2\xBC"
                     "bben"),
              "Dirk W\xC3\x83\xC2\xBC"
              "bben");
    EXPECT_EQ(decode("\xFF\xFE broken"), "\xFF\xFE broken");
    EXPECT_EQ(decode("C. -P. Yuan"), "C. -P. Yuan");
}

TEST(SourceArxivTex, NamesFromTheSnapshotFixture) {
    // The printed author lists of records 0704.0028, 0704.0032, 0704.0049 and 0704.0062.
    EXPECT_EQ(decode("P\\'eter E. Frenkel"), "P\u00E9ter E. Frenkel");
    EXPECT_EQ(decode("R. Tom\\`as"), "R. Tom\u00E0s");
    EXPECT_EQ(decode("Mikkel {\\O}bro"), "Mikkel \u00D8bro");
    EXPECT_EQ(decode("Rastislav \\v{S}r\\'amek, Bro\\v{n}a Brejov\\'a, Tom\\'a\\v{s} Vina\\v{r}"),
              "Rastislav \u0160r\u00E1mek, Bro\u0148a Brejov\u00E1, Tom\u00E1\u0161 Vina\u0159");
}

TEST(SourceArxivTex, HasMarkup) {
    EXPECT_TRUE(has_markup("Bal\\'azs"));
    EXPECT_TRUE(has_markup("{Ch}ristoph"));
    EXPECT_TRUE(has_markup("A.~B."));
    EXPECT_FALSE(has_markup("Bal\u00E1zs"));
    EXPECT_FALSE(has_markup("C. -P. Yuan"));
}

}  // namespace
