#include "bzpeer/net/mail.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>

#include "bzpeer/base/error.hpp"

namespace bzpeer::net {

namespace {

struct Upload {
    std::string_view rest;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    std::size_t n = std::min(size * count, upload->rest.size());
    std::memcpy(buffer, upload->rest.data(), n);
    upload->rest.remove_prefix(n);
    return n;
}

// The first line of curl's detail, so that the failure stays one line.
std::string first_line(std::string text) {
    auto end = text.find_first_of("\r\n");
    if (end != std::string::npos) text.resize(end);
    return text;
}

}  // namespace

void send_mail(const SmtpServer& server, const std::string& sender,
               const std::vector<std::string>& recipients, const std::string& message) {
    if (server.url.empty())
        throw usage_error(
            "no SMTP server: set smtp.url (e.g. `bzpeer config set smtp.url smtp://mail.example.org:587`)");
    if (recipients.empty()) throw usage_error("no recipient for the message");

    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) throw Error("cannot start libcurl");
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(nullptr, curl_slist_free_all);
    for (const auto& r : recipients) {
        std::string bracketed = "<" + r + ">";
        rcpt.reset(curl_slist_append(rcpt.release(), bracketed.c_str()));
    }
    std::string from = "<" + sender + ">";
    Upload upload{message};
    char detail[CURL_ERROR_SIZE] = {};

    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, server.url.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    // Credentials must not cross the network in clear when the server can do better.
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(server.connect_timeout * 1000));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(server.timeout * 1000));
    if (!server.username.empty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, server.username.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, server.password.c_str());
    }

    CURLcode code = curl_easy_perform(h);
    if (code != CURLE_OK) {
        std::string why = detail[0] ? first_line(detail) : curl_easy_strerror(code);
        long reply = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
        if (reply >= 400) why += fmt::format(" (server replied {})", reply);
        throw Error(fmt::format("sending through {} failed: {}", server.url, why));
    }
}

}  // namespace bzpeer::net
