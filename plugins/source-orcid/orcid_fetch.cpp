#include "orcid_fetch.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <vector>

#include "orcid_reader.hpp"

namespace bzpeer::orcid {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Takes the person of a response that is not an answer (a non-2xx status) without passing
// it on: only the error it describes matters.
class DiscardSink final : public sdk::RecordSink {
public:
    sdk::Status work(sdk::WorkRecord&&) override { return sdk::Status::success(); }
    sdk::Status person(sdk::PersonRecord&&) override { return sdk::Status::success(); }
    sdk::Status batch_done() override { return sdk::Status::success(); }
};

// Passes the record on when it is the one asked for, and remembers whether the failure of a
// read came from here (returned unchanged) or from the document (given the iD as context).
class CheckingSink final : public sdk::RecordSink {
public:
    CheckingSink(sdk::RecordSink& next, const std::string& orcid) : next_(next), orcid_(orcid) {}
    bool failed = false;
    sdk::Status work(sdk::WorkRecord&& record) override { return note(next_.work(std::move(record))); }
    sdk::Status person(sdk::PersonRecord&& record) override {
        std::string got = record.orcid;
        std::transform(got.begin(), got.end(), got.begin(), [](char c) { return c == 'x' ? 'X' : c; });
        if (got != orcid_) {
            return note(sdk::Status::error("ORCID iD " + orcid_ + ": the answer is the record of " +
                                           (record.orcid.empty() ? std::string("no iD") : record.orcid)));
        }
        return note(next_.person(std::move(record)));
    }
    sdk::Status batch_done() override { return note(next_.batch_done()); }

private:
    sdk::Status note(sdk::Status status) {
        if (!status) failed = true;
        return status;
    }
    sdk::RecordSink& next_;
    const std::string& orcid_;
};

// What an error response says: ORCID's error document ("ORCID error 404: ..."), else the
// first line of the body.
std::string error_text(const sdk::HttpResponse& response) {
    std::string_view body = trim(response.body);
    if (body.empty()) return "(empty body)";
    if (body.front() == '{' || body.front() == '<') {
        DiscardSink discard;
        if (auto status = read_orcid(body, discard); !status) return status.message;
    }
    std::string_view line = body.substr(0, body.find_first_of("\r\n"));
    std::string shown(line.substr(0, 200));
    if (line.size() > shown.size()) shown += "...";
    return shown;
}

}  // namespace

std::string checked_orcid(std::string_view typed) {
    std::string_view text = trim(typed);
    for (std::string_view prefix : {"https://orcid.org/", "http://orcid.org/", "https://sandbox.orcid.org/",
                                    "http://sandbox.orcid.org/", "orcid.org/"}) {
        if (starts_with_nocase(text, prefix)) {
            text = text.substr(prefix.size());
            break;
        }
    }
    std::string digits;
    for (char c : text) {
        if (c != '-') digits += c == 'x' ? 'X' : c;
    }
    bool hyphens =
        text.size() == 16 || (text.size() == 19 && text[4] == '-' && text[9] == '-' && text[14] == '-');
    bool shaped = hyphens && digits.size() == 16 && std::all_of(digits.begin(), digits.end() - 1, is_digit) &&
                  (is_digit(digits.back()) || digits.back() == 'X');
    if (!shaped) {
        throw std::invalid_argument("invalid ORCID iD \"" + std::string(typed) +
                                    "\": expected 16 digits such as 0000-0002-1825-0097 (the last may be X)");
    }
    // ISO 7064 mod 11-2 over the first 15 digits.
    int total = 0;
    for (std::size_t i = 0; i + 1 < digits.size(); ++i) total = (total + (digits[i] - '0')) * 2;
    int result = (12 - total % 11) % 11;
    char expected = result == 10 ? 'X' : static_cast<char>('0' + result);
    if (digits.back() != expected) {
        throw std::invalid_argument("invalid ORCID iD \"" + std::string(typed) + "\": its check digit is " +
                                    digits.back() + ", expected " + expected);
    }
    return digits.substr(0, 4) + '-' + digits.substr(4, 4) + '-' + digits.substr(8, 4) + '-' +
           digits.substr(12);
}

sdk::Status fetch_records(const sdk::ReadRequest& request, sdk::RecordSink& sink) {
    if (!request.fetcher) return sdk::Status::error("no fetcher was given for a live ORCID import");
    std::vector<std::string> ids;
    for (const auto& [name, value] : request.options) {
        if (name != "ID") continue;
        std::string orcid;
        try {
            orcid = checked_orcid(value);
        } catch (const std::invalid_argument& e) {
            return sdk::Status::error(e.what());
        }
        if (std::find(ids.begin(), ids.end(), orcid) == ids.end()) ids.push_back(std::move(orcid));
    }
    if (ids.empty()) {
        return sdk::Status::error(
            "nothing to fetch from ORCID: give one or more ORCID iDs (or --file to read a saved record)");
    }
    std::string base(trim(request.base_url));
    if (base.empty()) base = kDefaultBaseUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();

    for (const std::string& orcid : ids) {
        sdk::HttpResponse response;
        if (auto status = request.fetcher->get(base + "/v3.0/" + orcid + "/record", response); !status) {
            return sdk::Status::error("ORCID iD " + orcid + ": " + status.message);
        }
        if (response.status < 200 || response.status >= 300) {
            return sdk::Status::error("ORCID iD " + orcid + ": HTTP " + std::to_string(response.status) +
                                      ": " + error_text(response));
        }
        CheckingSink checking(sink, orcid);
        if (auto status = read_orcid(response.body, checking); !status) {
            // The sink's own errors (a store failure, Ctrl-C) pass unchanged.
            if (checking.failed) return status;
            return sdk::Status::error("ORCID iD " + orcid + ": " + status.message);
        }
        if (auto status = sink.batch_done(); !status) return status;
    }
    return sdk::Status::success();
}

}  // namespace bzpeer::orcid
