#include "snapshot_reader.hpp"

#include <simdjson.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metadata.hpp"

namespace bzpeer::arxiv {
namespace {

namespace dom = simdjson::dom;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

class LineMapper {
public:
    // Parses one line into `work`. `padded`: the bytes after the line may be read (simdjson
    // reads up to SIMDJSON_PADDING past the end), so no copy is needed.
    sdk::Status map(std::string_view line, bool padded, std::size_t line_number, sdk::WorkRecord& work) {
        where_ = "line " + std::to_string(line_number);
        dom::element document;
        if (auto error = parser_.parse(line.data(), line.size(), !padded).get(document); error) {
            return sdk::Status::error(where_ + ": malformed JSON: " + simdjson::error_message(error));
        }
        dom::object object;
        if (document.get(object) != simdjson::SUCCESS) {
            return sdk::Status::error(where_ + ": expected a JSON object, found " + type_name(document));
        }
        return map_object(object, work);
    }

private:
    dom::parser parser_;
    std::string where_;

    static std::string type_name(dom::element value) {
        switch (value.type()) {
            case dom::element_type::ARRAY:
                return "an array";
            case dom::element_type::OBJECT:
                return "an object";
            case dom::element_type::STRING:
                return "a string";
            case dom::element_type::BOOL:
                return "a boolean";
            case dom::element_type::NULL_VALUE:
                return "null";
            default:
                return "a number";
        }
    }

    sdk::Status wrong_type(std::string_view field, std::string_view expected, dom::element value) const {
        return sdk::Status::error(where_ + ": '" + std::string(field) + "' is " + type_name(value) +
                                  ", not " + std::string(expected));
    }

    // A string field; null counts as absent.
    sdk::Status text(std::string_view field, dom::element value, std::string_view& out) const {
        if (value.is_null()) {
            out = {};
            return sdk::Status::success();
        }
        if (value.get(out) != simdjson::SUCCESS) return wrong_type(field, "a string", value);
        return sdk::Status::success();
    }

    sdk::Status map_object(dom::object object, sdk::WorkRecord& work) {
        std::string_view id, title, abstract, comments, journal_ref, doi, categories, update_date,
            authors_text;
        std::optional<dom::array> versions, authors_parsed;
        for (dom::key_value_pair field : object) {
            std::string_view key = field.key;
            sdk::Status status;
            if (key == "id") {
                status = text(key, field.value, id);
            } else if (key == "title") {
                status = text(key, field.value, title);
            } else if (key == "abstract") {
                status = text(key, field.value, abstract);
            } else if (key == "comments") {
                status = text(key, field.value, comments);
            } else if (key == "journal-ref") {
                status = text(key, field.value, journal_ref);
            } else if (key == "doi") {
                status = text(key, field.value, doi);
            } else if (key == "categories") {
                status = text(key, field.value, categories);
            } else if (key == "update_date") {
                status = text(key, field.value, update_date);
            } else if (key == "authors") {
                status = text(key, field.value, authors_text);
            } else if (key == "versions" || key == "authors_parsed") {
                if (field.value.is_null()) continue;
                dom::array array;
                if (field.value.get(array) != simdjson::SUCCESS)
                    return wrong_type(key, "an array", field.value);
                (key == "versions" ? versions : authors_parsed) = array;
            }
            if (!status) return status;
        }

        id = trim(id);
        if (id.empty()) return sdk::Status::error(where_ + ": missing 'id'");
        where_ += " (arXiv:" + std::string(id) + ")";
        work.title = collapse(title);
        if (work.title.empty()) return sdk::Status::error(where_ + ": missing or empty 'title'");
        work.source_id = oai_identifier(id);
        work.type = "preprint";
        work.abstract = collapse(abstract);
        work.comment = collapse(comments);
        work.journal_ref = collapse(journal_ref);
        set_categories(categories, work);

        std::string_view updated = trim(update_date);
        if (!updated.empty() && !is_iso_date(updated)) {
            return sdk::Status::error(where_ + ": 'update_date' is not a date: '" + std::string(updated) +
                                      "'");
        }
        work.updated = std::string(updated);

        std::optional<int> latest;
        if (versions) {
            if (auto status = read_versions(*versions, work, latest); !status) return status;
        }
        work.ids.push_back(
            {"arxiv", latest ? std::string(id) + "v" + std::to_string(*latest) : std::string(id)});
        add_dois(doi, work.ids);

        if (authors_parsed && authors_parsed->size() > 0) {
            return read_authors(*authors_parsed, authors_text, work);
        }
        work.authors = parse_author_list(authors_text);
        return sdk::Status::success();
    }

    // The first version's date is the work's date; the latest version's number goes on the id.
    sdk::Status read_versions(dom::array versions, sdk::WorkRecord& work, std::optional<int>& latest) const {
        std::optional<int> first;
        std::size_t index = 0;
        for (dom::element entry : versions) {
            std::string field = "versions[" + std::to_string(index++) + "]";
            dom::object version;
            if (entry.get(version) != simdjson::SUCCESS) return wrong_type(field, "an object", entry);
            std::string_view label, created;
            dom::element value;
            if (version["version"].get(value) == simdjson::SUCCESS) {
                if (auto status = text(field + ".version", value, label); !status) return status;
            }
            if (version["created"].get(value) == simdjson::SUCCESS) {
                if (auto status = text(field + ".created", value, created); !status) return status;
            }
            auto number = version_number(label);
            if (!number) {
                return sdk::Status::error(where_ + ": '" + field + ".version' is not vN: '" +
                                          std::string(label) + "'");
            }
            auto timestamp = parse_rfc2822(created);
            if (!timestamp) {
                return sdk::Status::error(where_ + ": '" + field + ".created' is not an RFC 2822 date: '" +
                                          std::string(created) + "'");
            }
            if (!first || *number < *first) {
                first = number;
                work.date = iso_date(*timestamp);
            }
            if (!latest || *number > *latest) latest = number;
        }
        return sdk::Status::success();
    }

    // authors_parsed: [[family, given, suffix, affiliation...], ...]. The snapshot leaves
    // footnote numbers ("1 and 2") where the printed list has a numbered legend; they are
    // looked up there, and dropped when the legend does not have them.
    sdk::Status read_authors(dom::array authors, std::string_view authors_text, sdk::WorkRecord& work) const {
        std::optional<std::map<int, std::string>> legend;
        std::size_t index = 0;
        for (dom::element entry : authors) {
            std::string field = "authors_parsed[" + std::to_string(index++) + "]";
            dom::array parts_array;
            if (entry.get(parts_array) != simdjson::SUCCESS) return wrong_type(field, "an array", entry);
            std::vector<std::string_view> parts;
            for (dom::element part : parts_array) {
                std::string_view value;
                if (auto status = text(field, part, value); !status) return status;
                parts.push_back(value);
            }
            parts.resize(std::max<std::size_t>(parts.size(), 3));
            sdk::AuthorRecord author = make_author(parts[1], parts[0], parts[2]);
            if (!has_name_characters(author.name)) continue;
            for (std::size_t i = 3; i < parts.size(); ++i) {
                if (auto numbers = footnote_numbers(parts[i])) {
                    if (!legend) legend = author_list_legend(authors_text);
                    for (int number : *numbers) {
                        if (auto found = legend->find(number); found != legend->end()) {
                            author.affiliations.push_back(found->second);
                        }
                    }
                } else if (std::string affiliation = clean_name(parts[i]); !affiliation.empty()) {
                    author.affiliations.push_back(std::move(affiliation));
                }
            }
            work.authors.push_back(std::move(author));
        }
        return sdk::Status::success();
    }
};

}  // namespace

sdk::Status read_snapshot(sdk::InputStream& in, sdk::RecordSink& sink, const SnapshotOptions& options,
                          SnapshotInfo* info_out) {
    SnapshotInfo local;
    SnapshotInfo& info = info_out ? *info_out : local;
    info = SnapshotInfo{};
    const std::size_t batch_size = options.batch_size ? options.batch_size : 1;
    const std::size_t buffer_size = options.buffer_size ? options.buffer_size : 1;

    LineMapper mapper;
    std::size_t in_batch = 0;
    auto handle = [&](std::string_view line, bool padded) -> sdk::Status {
        ++info.lines;
        if (info.lines == 1 && line.starts_with(kUtf8Bom)) line.remove_prefix(kUtf8Bom.size());
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim(line).empty()) return sdk::Status::success();
        sdk::WorkRecord work;
        if (auto status = mapper.map(line, padded, info.lines, work); !status) return status;
        if (auto status = sink.work(std::move(work)); !status) return status;
        ++info.records;
        if (++in_batch == batch_size) {
            in_batch = 0;
            ++info.batches;
            return sink.batch_done();
        }
        return sdk::Status::success();
    };

    // The chunk is followed by SIMDJSON_PADDING spare bytes, so a line that ends inside it
    // can be parsed in place; only a line split across two reads is copied (into `carry`).
    std::vector<char> buffer(buffer_size + simdjson::SIMDJSON_PADDING);
    std::string carry;
    for (std::size_t n; (n = in.read(buffer.data(), buffer_size)) > 0;) {
        std::string_view chunk(buffer.data(), n);
        std::size_t start = 0;
        for (std::size_t newline; (newline = chunk.find('\n', start)) != std::string_view::npos;
             start = newline + 1) {
            sdk::Status status;
            if (carry.empty()) {
                status = handle(chunk.substr(start, newline - start), true);
            } else {
                carry.append(chunk.substr(start, newline - start));
                status = handle(carry, false);
                carry.clear();
            }
            if (!status) return status;
        }
        carry.append(chunk.substr(start));
        if (carry.size() > options.max_line_size) {
            return sdk::Status::error("line " + std::to_string(info.lines + 1) + " is longer than " +
                                      std::to_string(options.max_line_size) +
                                      " bytes: not an arXiv snapshot (JSON lines)");
        }
    }
    if (!carry.empty()) {
        if (auto status = handle(carry, false); !status) return status;
    }
    if (in_batch > 0) {
        ++info.batches;
        return sink.batch_done();
    }
    return sdk::Status::success();
}

}  // namespace bzpeer::arxiv
