#include "bzpeer/base/mail.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <random>

namespace bzpeer::mail {

namespace {

constexpr std::string_view kCrlf = "\r\n";
// RFC 2047: an encoded word is at most 75 characters; "=?UTF-8?B?" and "?=" take 12, and base64
// turns 3 bytes into 4 characters, so 45 bytes of text fit one word.
constexpr std::size_t kBytesPerEncodedWord = 45;

bool needs_encoding(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte >= 0x7f || (byte < 0x20 && c != '\t');
    });
}

std::string base64(std::string_view bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t chunk = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[(chunk >> 18) & 63];
        out += kAlphabet[(chunk >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? kAlphabet[chunk & 63] : '=';
    }
    return out;
}

// Where to cut `text` at most `limit` bytes in without splitting a UTF-8 character (an encoded
// word must hold whole characters).
std::size_t utf8_cut(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) return text.size();
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return cut > 0 ? cut : limit;
}

// Characters that make a display name need quotes (RFC 5322 "specials").
bool has_specials(std::string_view name) {
    return name.find_first_of("()<>[]:;@\\,.\"") != std::string_view::npos;
}

char hex_digit(unsigned value) { return "0123456789ABCDEF"[value & 15]; }

// One line of the body (without its line end) in quoted-printable, soft-broken at 76.
void append_qp_line(std::string_view line, std::string& out) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        auto byte = static_cast<unsigned char>(line[i]);
        bool last = i + 1 == line.size();
        // Trailing blanks would be stripped in transit; '=' and non-ASCII must be escaped.
        bool literal = (byte >= 33 && byte <= 126 && byte != '=') || ((byte == ' ' || byte == '\t') && !last);
        std::string piece = literal ? std::string(1, static_cast<char>(byte))
                                    : std::string{'=', hex_digit(byte >> 4), hex_digit(byte)};
        // Keep room for the soft break's "=" unless this is the line's last piece.
        std::size_t room = last ? 76 : 75;
        if (width + piece.size() > room) {
            out += '=';
            out += kCrlf;
            width = 0;
        }
        out += piece;
        width += piece.size();
    }
}

}  // namespace

std::string encode_header_text(std::string_view text) {
    if (!needs_encoding(text)) return std::string(text);
    std::string out;
    while (!text.empty()) {
        std::size_t cut = utf8_cut(text, kBytesPerEncodedWord);
        if (!out.empty()) out += std::string(kCrlf) + " ";  // folding whitespace between words
        out += "=?UTF-8?B?" + base64(text.substr(0, cut)) + "?=";
        text.remove_prefix(cut);
    }
    return out;
}

std::string format_mailbox(const Mailbox& box) {
    if (box.name.empty()) return box.address;
    std::string name;
    if (needs_encoding(box.name)) {
        name = encode_header_text(box.name);
    } else if (has_specials(box.name)) {
        name = "\"";
        for (char c : box.name) {
            if (c == '"' || c == '\\') name += '\\';
            name += c;
        }
        name += "\"";
    } else {
        name = box.name;
    }
    return fmt::format("{} <{}>", name, box.address);
}

std::string quoted_printable(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        bool last = end == std::string_view::npos;
        if (last) end = text.size();
        auto line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        append_qp_line(line, out);
        if (last) break;
        out += kCrlf;
        start = end + 1;
    }
    return out;
}

std::string rfc5322_date(std::int64_t epoch_seconds) {
    // Names of days and months are fixed English words in RFC 5322, whatever the locale.
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm tm = fmt::gmtime(static_cast<std::time_t>(epoch_seconds));
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays[tm.tm_wday], tm.tm_mday,
                       kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string new_message_id(std::string_view from_address, std::int64_t epoch_seconds) {
    auto at = from_address.rfind('@');
    std::string domain = at == std::string_view::npos || at + 1 == from_address.size()
                             ? "bzpeer.invalid"
                             : std::string(from_address.substr(at + 1));
    std::random_device entropy;
    std::uint64_t random = (std::uint64_t{entropy()} << 32) | entropy();
    return fmt::format("{}.{:016x}@{}", epoch_seconds, random, domain);
}

std::string format_message(const Message& m) {
    std::string out;
    auto header = [&out](std::string_view name, std::string_view value) {
        out += fmt::format("{}: {}{}", name, value, kCrlf);
    };
    header("From", format_mailbox(m.from));
    if (!m.to.address.empty()) header("To", format_mailbox(m.to));
    header("Subject", encode_header_text(m.subject));
    header("Date", rfc5322_date(m.date));
    header("Message-ID", "<" + m.message_id + ">");
    header("MIME-Version", "1.0");
    header("Content-Type", "text/plain; charset=utf-8");
    header("Content-Transfer-Encoding", "quoted-printable");
    out += kCrlf;
    out += quoted_printable(m.body);
    if (out.size() < 2 || out.compare(out.size() - 2, 2, kCrlf) != 0) out += kCrlf;
    return out;
}

bool plausible_address(std::string_view address) {
    auto at = address.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
    if (address.find('@', at + 1) != std::string_view::npos) return false;
    return std::none_of(address.begin(), address.end(), [](char c) {
        auto byte = static_cast<unsigned char>(c);
        return byte <= ' ' || c == '<' || c == '>' || c == ',' || byte >= 0x7f;
    });
}

}  // namespace bzpeer::mail
