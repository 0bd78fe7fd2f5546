// Internet messages (RFC 5322) as text: headers with non-ASCII words encoded (RFC 2047) and a
// UTF-8 plain-text body in quoted-printable, so that any mail server carries it unchanged.
// Only text here; sending is net/mail's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bzpeer::mail {

struct Mailbox {
    std::string name;     // display name, any UTF-8; may be empty
    std::string address;  // addr-spec, e.g. "ada@example.org"
};

struct Message {
    Mailbox from;
    Mailbox to;  // no To: header when its address is empty (a draft not yet addressed)
    std::string subject;
    std::string body;        // UTF-8 text, '\n' line ends
    std::int64_t date = 0;   // seconds since the epoch (UTC)
    std::string message_id;  // without angle brackets, e.g. "abc@example.org"
};

// "=?UTF-8?B?...?=" words for text that needs them (non-ASCII or control bytes), folded onto
// continuation lines; plain ASCII text is returned as it is.
std::string encode_header_text(std::string_view text);

// `name <address>` with the name quoted or encoded as needed; the bare address without a name.
std::string format_mailbox(const Mailbox& box);

// The body in quoted-printable (RFC 2045): lines of at most 76 characters, CRLF line ends.
std::string quoted_printable(std::string_view text);

// "Tue, 04 Mar 2025 10:15:00 +0000".
std::string rfc5322_date(std::int64_t epoch_seconds);

// A message id unique to this moment and address: "<time>.<random>@<the address's domain>".
std::string new_message_id(std::string_view from_address, std::int64_t epoch_seconds);

// The whole message, CRLF line ends: From, To, Subject, Date, Message-ID, MIME-Version,
// Content-Type text/plain; charset=utf-8, Content-Transfer-Encoding quoted-printable.
std::string format_message(const Message& message);

// Whether `address` looks like one addr-spec (local@domain, no spaces or angle brackets):
// enough to refuse a typo before it reaches a server.
bool plausible_address(std::string_view address);

}  // namespace bzpeer::mail
