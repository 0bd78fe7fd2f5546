#include "bzpeer/base/ids.hpp"

#include <gtest/gtest.h>

using namespace bzpeer::ids;

TEST(Doi, StripsPrefixesAndLowersCase) {
    EXPECT_EQ(normalize_doi("10.1103/PhysRevB.71.184511"), "10.1103/physrevb.71.184511");
    EXPECT_EQ(normalize_doi("https://doi.org/10.1142/S021797921244002X"), "10.1142/s021797921244002x");
    EXPECT_EQ(normalize_doi("http://dx.doi.org/10.1000/xyz"), "10.1000/xyz");
    EXPECT_EQ(normalize_doi("doi:10.48550/arXiv.2106.06224"), "10.48550/arxiv.2106.06224");
    EXPECT_EQ(normalize_doi("  DOI:10.1000.10/abc  "), "10.1000.10/abc");
}

TEST(Doi, RejectsWhatIsNotADoi) {
    EXPECT_FALSE(normalize_doi(""));
    EXPECT_FALSE(normalize_doi("11.1000/abc"));
    EXPECT_FALSE(normalize_doi("10.1000"));
    EXPECT_FALSE(normalize_doi("10.1000/"));
    EXPECT_FALSE(normalize_doi("10.abc/def"));
    EXPECT_FALSE(normalize_doi("10.1000/a b"));  // two DOIs pasted together
}

TEST(Arxiv, NewStyleWithAndWithoutVersion) {
    auto id = parse_arxiv("2106.06224v2");
    ASSERT_TRUE(id);
    EXPECT_EQ(id->id, "2106.06224");
    EXPECT_EQ(id->version, 2);
    EXPECT_EQ(id->with_version(), "2106.06224v2");
    auto bare = parse_arxiv("arXiv:0704.0001");
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare->id, "0704.0001");
    EXPECT_EQ(bare->version, 0);
    EXPECT_EQ(bare->with_version(), "0704.0001");
}

TEST(Arxiv, OldStyleAndUrls) {
    auto id = parse_arxiv("hep-th/9901001");
    ASSERT_TRUE(id);
    EXPECT_EQ(id->id, "hep-th/9901001");
    auto url = parse_arxiv("http://arxiv.org/abs/astro-ph/0601001v1");
    ASSERT_TRUE(url);
    EXPECT_EQ(url->id, "astro-ph/0601001");
    EXPECT_EQ(url->version, 1);
    auto sub = parse_arxiv("https://arxiv.org/pdf/math.GT/0309136v3.pdf");
    ASSERT_TRUE(sub);
    EXPECT_EQ(sub->id, "math.GT/0309136");
    EXPECT_EQ(sub->version, 3);
    EXPECT_EQ(parse_arxiv("https://arxiv.org/abs/1201.4869v1")->id, "1201.4869");
}

TEST(Arxiv, RejectsMalformedIds) {
    EXPECT_FALSE(parse_arxiv("abc"));
    EXPECT_FALSE(parse_arxiv("INVALIDID"));
    EXPECT_FALSE(parse_arxiv("0808.05394x"));
    EXPECT_FALSE(parse_arxiv("2113.00001"));  // month 13
    EXPECT_FALSE(parse_arxiv("2106.06224v0"));
    EXPECT_FALSE(parse_arxiv("hep-th/990100"));
    EXPECT_FALSE(parse_arxiv("10.48550/arXiv.2106.06224"));
}

TEST(Orcid, ValidatesTheCheckDigit) {
    EXPECT_EQ(normalize_orcid("0000-0002-1825-0097"), "0000-0002-1825-0097");
    EXPECT_EQ(normalize_orcid("https://orcid.org/0000-0002-1825-0097"), "0000-0002-1825-0097");
    EXPECT_EQ(normalize_orcid("0000000218250097"), "0000-0002-1825-0097");
    EXPECT_EQ(normalize_orcid("0000-0002-1694-233x"), "0000-0002-1694-233X");  // X check digit
    EXPECT_EQ(normalize_orcid("0000-0002-1642-628X"), "0000-0002-1642-628X");
    EXPECT_FALSE(normalize_orcid("0000-0002-1825-0098"));  // wrong check digit
    EXPECT_FALSE(normalize_orcid("0000-0002-1825-009"));
    EXPECT_FALSE(normalize_orcid("adfafadf"));
    EXPECT_FALSE(normalize_orcid("0000-000X-1825-0097"));
}
