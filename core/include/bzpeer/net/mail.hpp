// Sending a finished message (base/mail) through an SMTP server with libcurl.
#pragma once

#include <string>
#include <vector>

namespace bzpeer::net {

struct SmtpServer {
    std::string url;  // smtp://host:port or smtps://host:port (config smtp.url)
    std::string username, password;
    double connect_timeout = 10;  // seconds
    double timeout = 60;          // seconds for the whole delivery
};

// Delivers `message` (RFC 5322 text, CRLF line ends) from `sender` to `recipients` (bare
// addresses). STARTTLS is used when the server offers it. Throws an Error whose message is
// one line: the server and what went wrong (the server's reply when it refused).
void send_mail(const SmtpServer& server, const std::string& sender,
               const std::vector<std::string>& recipients, const std::string& message);

}  // namespace bzpeer::net
