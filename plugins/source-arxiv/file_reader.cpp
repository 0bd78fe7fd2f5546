#include "file_reader.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "metadata.hpp"
#include "xml_support.hpp"

namespace bzpeer::arxiv {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::size_t kSniffChunk = 1 << 16;

// Replays the bytes read while sniffing, then continues with the stream itself.
class PrefixedStream final : public sdk::InputStream {
public:
    PrefixedStream(std::string prefix, sdk::InputStream& rest) : prefix_(std::move(prefix)), rest_(rest) {}

    std::size_t read(char* buffer, std::size_t capacity) override {
        if (offset_ < prefix_.size()) {
            std::size_t n = std::min(capacity, prefix_.size() - offset_);
            std::memcpy(buffer, prefix_.data() + offset_, n);
            offset_ += n;
            if (offset_ == prefix_.size()) std::string().swap(prefix_);  // free it, keep memory flat
            return n;
        }
        return rest_.read(buffer, capacity);
    }
    const std::string& name() const override { return rest_.name(); }

private:
    std::string prefix_;
    std::size_t offset_ = 0;
    sdk::InputStream& rest_;
};

bool named_as_snapshot(const sdk::ReadRequest& request) {
    return std::any_of(request.options.begin(), request.options.end(),
                       [](const auto& option) { return option.first == "snapshot"; });
}

std::string shown(char c) {
    if (c >= 0x20 && c < 0x7F) return std::string("'") + c + "'";
    static constexpr char kHex[] = "0123456789ABCDEF";
    auto byte = static_cast<unsigned char>(c);
    return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF];
}

}  // namespace

sdk::Status read_input(const sdk::ReadRequest& request, sdk::InputStream& in, sdk::RecordSink& sink,
                       ReadSummary* summary_out, const SnapshotOptions& snapshot_options) {
    ReadSummary own;
    ReadSummary& summary = summary_out ? *summary_out : own;
    summary = ReadSummary{};

    // Read until the first byte that says what this is (or the end).
    std::string prefix;
    std::size_t first = std::string::npos;
    for (;;) {
        std::size_t old_size = prefix.size();
        prefix.resize(old_size + kSniffChunk);
        std::size_t n = in.read(prefix.data() + old_size, kSniffChunk);
        prefix.resize(old_size + n);
        std::size_t skip = prefix.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
        first = prefix.find_first_not_of(" \t\r\n", skip);
        if (first != std::string::npos || n == 0) break;
    }
    if (first == std::string::npos) {
        return sdk::Status::error(
            "empty input: expected an arXiv Atom feed, an OAI-PMH response or the metadata snapshot (JSON "
            "lines)");
    }

    const char lead = prefix[first];
    if (lead == '{') {
        summary.kind = InputKind::snapshot;
        PrefixedStream stream(std::move(prefix), in);
        return read_snapshot(stream, sink, snapshot_options, &summary.snapshot);
    }
    if (named_as_snapshot(request)) {
        return sdk::Status::error(
            "--snapshot expects arXiv's metadata snapshot (one JSON object per line), but "
            "the input starts with " +
            shown(lead));
    }
    // UTF-16 documents start with a byte order mark or a zero byte; pugixml converts them.
    bool utf16 =
        lead == '\0' || static_cast<unsigned char>(lead) == 0xFE || static_cast<unsigned char>(lead) == 0xFF;
    if (lead != '<' && !utf16) {
        return sdk::Status::error("not an arXiv file: it starts with " + shown(lead) +
                                  "; expected an Atom feed, an OAI-PMH response or the metadata snapshot");
    }

    // Small documents: read the rest and parse once.
    char buffer[kSniffChunk];
    for (std::size_t n; (n = in.read(buffer, sizeof buffer)) > 0;) prefix.append(buffer, n);
    pugi::xml_document document;
    if (auto status = xml::parse(prefix, document); !status) return status;
    pugi::xml_node root = document.document_element();
    // By local name, so that a <feed> in the wrong namespace gets the Atom reader's precise error.
    std::string_view local = xml::expanded_name(root).local;
    if (local == "feed") {
        summary.kind = InputKind::atom;
        return read_atom_feed(root, sink, &summary.feed);
    }
    if (local == "OAI-PMH") {
        summary.kind = InputKind::oai;
        return read_oai_document(root, sink, &summary.oai);
    }
    return sdk::Status::error("not an arXiv file: root element <" + std::string(root.name()) +
                              ">; expected an Atom <feed> or an <OAI-PMH> response");
}

}  // namespace bzpeer::arxiv
