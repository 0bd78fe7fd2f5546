// Internet messages as text (base/mail): encoded header words, quoted-printable bodies and the
// headers a mail reader needs. The CLI tests read whole messages back with python's email.
#include "bzpeer/base/mail.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace bzpeer::mail {
namespace {

std::vector<std::string> crlf_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find("\r\n", start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

TEST(MailTest, AsciiHeaderTextIsLeftAlone) { EXPECT_EQ(encode_header_text("Hello there"), "Hello there"); }

TEST(MailTest, NonAsciiHeaderTextBecomesBase64EncodedWords) {
    // "Zoë" is 5a 6f c3 ab: base64 "Wm/Dqw==".
    EXPECT_EQ(encode_header_text("Zoë"), "=?UTF-8?B?Wm/Dqw==?=");
}

TEST(MailTest, LongEncodedTextIsFoldedIntoWordsOfWholeCharacters) {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "é";  // 80 bytes: two words
    auto encoded = encode_header_text(text);
    auto lines = crlf_lines(encoded);
    ASSERT_EQ(lines.size(), 2u) << encoded;
    for (const auto& line : lines) EXPECT_LE(line.size(), 76u) << line;  // 75 + the folding space
    EXPECT_EQ(lines[1].front(), ' ');
    // 45 bytes would split the 23rd "é"; the first word holds 22 of them (44 bytes).
    EXPECT_EQ(
        lines[0],
        "=?UTF-8?B?" + std::string("w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6k=") + "?=");
}

TEST(MailTest, MailboxesQuoteSpecialsAndEncodeNonAscii) {
    EXPECT_EQ(format_mailbox({"Ada Lovelace", "ada@example.org"}), "Ada Lovelace <ada@example.org>");
    EXPECT_EQ(format_mailbox({"Lovelace, A.", "ada@example.org"}), "\"Lovelace, A.\" <ada@example.org>");
    EXPECT_EQ(format_mailbox({"Zoë", "z@example.org"}), "=?UTF-8?B?Wm/Dqw==?= <z@example.org>");
    EXPECT_EQ(format_mailbox({"", "z@example.org"}), "z@example.org");
}

TEST(MailTest, QuotedPrintableEscapesNonAsciiEqualsAndTrailingBlanks) {
    EXPECT_EQ(quoted_printable("Grüße = 1 \nnext"), "Gr=C3=BC=C3=9Fe =3D 1=20\r\nnext");
}

TEST(MailTest, QuotedPrintableBreaksLongLinesSoftly) {
    std::string line(200, 'a');
    auto encoded = quoted_printable(line);
    std::string rejoined;
    for (const auto& l : crlf_lines(encoded)) {
        EXPECT_LE(l.size(), 76u);
        rejoined += l.back() == '=' ? l.substr(0, l.size() - 1) : l;
    }
    EXPECT_EQ(rejoined, line);
}

TEST(MailTest, DatesAreRfc5322InEnglishAndUtc) {
    EXPECT_EQ(rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
    EXPECT_EQ(rfc5322_date(1741083300), "Tue, 04 Mar 2025 10:15:00 +0000");
}

TEST(MailTest, MessageIdsAreUniqueAndUseTheSendersDomain) {
    auto a = new_message_id("ada@example.org", 100), b = new_message_id("ada@example.org", 100);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.substr(a.find('@')), "@example.org");
    EXPECT_EQ(a.rfind("100.", 0), 0u);
}

TEST(MailTest, MessageHasEveryHeaderThenABlankLineThenTheEncodedBody) {
    Message m;
    m.from = {"Zoë Ångström", "zoe@example.org"};
    m.to = {"Ada Lovelace", "ada@example.org"};
    m.subject = "Grüße";
    m.body = "Hello\n";
    m.date = 0;
    m.message_id = "1.2@example.org";
    auto lines = crlf_lines(format_message(m));
    std::vector<std::string> expected = {
        "From: " + format_mailbox(m.from),
        "To: Ada Lovelace <ada@example.org>",
        "Subject: =?UTF-8?B?R3LDvMOfZQ==?=",
        "Date: Thu, 01 Jan 1970 00:00:00 +0000",
        "Message-ID: <1.2@example.org>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        "Hello",
    };
    EXPECT_EQ(lines, expected);
}

TEST(MailTest, ADraftWithoutAnAddressHasNoToHeader) {
    Message m;
    m.from = {"", "zoe@example.org"};
    m.to = {"Ada", ""};
    m.subject = "x";
    m.message_id = "1@example.org";
    EXPECT_EQ(format_message(m).find("To:"), std::string::npos);
}

TEST(MailTest, PlausibleAddresses) {
    EXPECT_TRUE(plausible_address("ada@example.org"));
    for (const char* bad : {"ada", "@example.org", "ada@", "a@b@c", "ada @example.org", "<ada@example.org>"})
        EXPECT_FALSE(plausible_address(bad)) << bad;
}

}  // namespace
}  // namespace bzpeer::mail
