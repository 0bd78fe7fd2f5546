#include "crossref_dump.hpp"

#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "crossref_reader.hpp"

namespace bzpeer::crossref {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

std::optional<std::string_view> string_of(object fields, std::string_view key) {
    std::string_view text;
    if (fields[key].get(text) != simdjson::SUCCESS) return std::nullopt;
    return text;
}

// The work a line holds: the line itself when it is a work object, else the "message" of a
// work message. Throws FormatError saying what the line is instead.
element work_of_line(element root) {
    object fields;
    if (root.get(fields) != simdjson::SUCCESS) {
        throw FormatError(root.is_array() ? "a JSON array, expected one Crossref work object per line"
                                          : "not a JSON object, expected one Crossref work object per line");
    }
    element value;
    if (fields["DOI"].get(value) == simdjson::SUCCESS) return root;

    auto status = string_of(fields, "status");
    auto type = string_of(fields, "message-type");
    if (status && *status != "ok") {
        throw FormatError("a Crossref error message (status \"" + std::string(*status) + "\"), not a work");
    }
    if (type && *type == "work-list") {
        throw FormatError(
            "a Crossref work-list message, not a work; import a saved list response with --file instead");
    }
    if (type && *type != "work") {
        throw FormatError("a Crossref \"" + std::string(*type) + "\" message, not a work");
    }
    element message;
    if (fields["message"].get(message) != simdjson::SUCCESS || message.is_null()) {
        throw FormatError(
            "no \"DOI\": expected a Crossref work object or a work message {\"message\": {...}}");
    }
    if (!message.is_object()) throw FormatError("\"message\" is not an object, expected a Crossref work");
    return message;
}

std::string doi_label(element work) {
    object fields;
    std::string_view doi;
    if (work.get(fields) != simdjson::SUCCESS || fields["DOI"].get(doi) != simdjson::SUCCESS) return {};
    while (!doi.empty() && (doi.front() == ' ' || doi.front() == '\t')) doi.remove_prefix(1);
    while (!doi.empty() && (doi.back() == ' ' || doi.back() == '\t')) doi.remove_suffix(1);
    return doi.empty() ? std::string() : " (DOI " + std::string(doi) + ")";
}

}  // namespace

sdk::Status DumpReader::line(const char* data, std::size_t size, sdk::RecordSink& sink, DumpStats& stats) {
    std::size_t number = ++stats.lines;
    if (size > 0 && data[size - 1] == '\r') --size;
    // A UTF-8 byte order mark is not JSON; editors add one at the start of a file.
    if (number == 1 && size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        size -= 3;
    }
    std::string_view text(data, size);
    if (is_blank(text)) return sdk::Status::success();
    std::string where = "line " + std::to_string(number);

    // The buffer holds SIMDJSON_PADDING bytes past the end of any line (their values do not
    // matter to simdjson), so the line is parsed where it lies, without a copy.
    element root;
    if (auto error = parser_.parse(data, size, false).get(root)) {
        return sdk::Status::error(where + ": " + describe_malformed(text, error));
    }
    element work;
    sdk::WorkRecord record;
    try {
        work = work_of_line(root);
    } catch (const FormatError& e) {
        return sdk::Status::error(where + ": " + e.what());
    }
    try {
        record = translate_work(work);
    } catch (const FormatError& e) {
        return sdk::Status::error(where + doi_label(work) + ": " + e.what());
    }
    if (record.title.empty()) {
        ++stats.skipped_untitled;
        return sdk::Status::success();
    }
    if (auto status = sink.work(std::move(record)); !status) return status;
    ++stats.works;
    if (++pending_ >= batch_size_) {
        pending_ = 0;
        ++stats.batches;
        if (auto status = sink.batch_done(); !status) return status;
    }
    return sdk::Status::success();
}

sdk::Status DumpReader::read(sdk::InputStream& in, sdk::RecordSink& sink, DumpStats* stats) {
    DumpStats local;
    DumpStats& out = stats ? *stats : local;
    out = DumpStats{};
    pending_ = 0;

    constexpr std::size_t kPadding = simdjson::SIMDJSON_PADDING;
    // Room for two chunks: a partial line is moved to the front only once the second half
    // fills, so a source that returns a few bytes per read() costs no extra copying.
    if (buffer_.size() < 2 * kChunkSize + kPadding) buffer_.resize(2 * kChunkSize + kPadding);
    std::size_t start = 0;  // first byte of the line being assembled
    std::size_t scan = 0;   // where the search for the next newline resumes
    std::size_t end = 0;    // end of the bytes read
    bool at_end = false;
    for (;;) {
        while (scan < end) {
            const void* found = std::memchr(buffer_.data() + scan, '\n', end - scan);
            if (!found) {
                scan = end;
                break;
            }
            std::size_t newline = static_cast<const char*>(found) - buffer_.data();
            if (auto status = line(buffer_.data() + start, newline - start, sink, out); !status)
                return status;
            start = scan = newline + 1;
        }
        if (at_end) {
            if (start < end) {
                if (auto status = line(buffer_.data() + start, end - start, sink, out); !status)
                    return status;
            }
            break;
        }
        std::size_t capacity = buffer_.size() - kPadding;
        if (capacity - end < kChunkSize) {
            if (start > 0) {
                std::memmove(buffer_.data(), buffer_.data() + start, end - start);
                end -= start;
                scan -= start;
                start = 0;
            }
            if (capacity - end < kChunkSize) {
                if (end >= kMaxLineSize) {
                    return sdk::Status::error("line " + std::to_string(out.lines + 1) + " is longer than " +
                                              std::to_string(kMaxLineSize >> 20) +
                                              " MiB: not a JSON-lines file of Crossref works");
                }
                buffer_.resize(end + kChunkSize + kPadding);
            }
        }
        std::size_t got = in.read(buffer_.data() + end, kChunkSize);
        if (got == 0) at_end = true;
        end += got;
    }
    if (pending_ > 0) {
        pending_ = 0;
        ++out.batches;
        if (auto status = sink.batch_done(); !status) return status;
    }
    return sdk::Status::success();
}

}  // namespace bzpeer::crossref
