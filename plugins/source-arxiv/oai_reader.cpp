#include "oai_reader.hpp"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

#include "metadata.hpp"
#include "xml_support.hpp"

namespace bzpeer::arxiv {
namespace {

using xml::collapsed_text;
using xml::expanded_name;
using xml::ExpandedName;
using xml::find_child;
using xml::is;

constexpr std::string_view kArxivFormatNs = "http://arxiv.org/OAI/arXiv/";
constexpr std::string_view kArxivRawNs = "http://arxiv.org/OAI/arXivRaw/";

std::optional<std::int64_t> parse_count(std::string_view text) {
    text = trim(text);
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::string record_label(std::size_t number, std::string_view identifier) {
    std::string label = "record " + std::to_string(number);
    if (!identifier.empty()) label += " (" + std::string(identifier) + ")";
    return label;
}

sdk::Status field_error(const std::string& where, std::string_view field, std::string_view problem) {
    return sdk::Status::error(where + ": <" + std::string(field) + "> " + std::string(problem));
}

// The fields both formats share, once their own elements are read.
sdk::Status finish_work(const std::string& where, std::string_view id, sdk::WorkRecord& work) {
    if (id.empty()) return sdk::Status::error(where + ": missing <id>");
    if (work.title.empty()) return sdk::Status::error(where + ": missing or empty <title>");
    work.type = "preprint";
    work.source_id = oai_identifier(id);
    return sdk::Status::success();
}

// <arXiv xmlns="http://arxiv.org/OAI/arXiv/">: split author names with affiliations, the
// first version's date as <created>.
sdk::Status read_arxiv_format(pugi::xml_node metadata, const std::string& where, sdk::WorkRecord& work) {
    std::string id;
    std::string dois;
    for (pugi::xml_node child = metadata.first_child(); child; child = child.next_sibling()) {
        if (child.type() != pugi::node_element) continue;
        ExpandedName name = expanded_name(child);
        if (name.ns != kArxivFormatNs) continue;
        if (name.local == "id") {
            id = collapsed_text(child);
        } else if (name.local == "created") {
            work.date = collapsed_text(child);
            if (!is_iso_date(work.date))
                return field_error(where, "created", "is not a date: '" + work.date + "'");
        } else if (name.local == "updated") {
            work.updated = collapsed_text(child);
            if (!is_iso_date(work.updated)) {
                return field_error(where, "updated", "is not a date: '" + work.updated + "'");
            }
        } else if (name.local == "title") {
            work.title = collapsed_text(child);
        } else if (name.local == "abstract") {
            work.abstract = collapsed_text(child);
        } else if (name.local == "categories") {
            set_categories(collapsed_text(child), work);
        } else if (name.local == "comments") {
            work.comment = collapsed_text(child);
        } else if (name.local == "journal-ref") {
            work.journal_ref = collapsed_text(child);
        } else if (name.local == "doi") {
            dois += " " + collapsed_text(child);
        } else if (name.local == "authors") {
            for (pugi::xml_node author = child.first_child(); author; author = author.next_sibling()) {
                if (!is(author, kArxivFormatNs, "author")) continue;
                std::string keyname, forenames, suffix;
                std::vector<std::string> affiliations;
                for (pugi::xml_node part = author.first_child(); part; part = part.next_sibling()) {
                    if (part.type() != pugi::node_element || expanded_name(part).ns != kArxivFormatNs)
                        continue;
                    std::string_view local = expanded_name(part).local;
                    if (local == "keyname") keyname = collapsed_text(part);
                    if (local == "forenames") forenames = collapsed_text(part);
                    if (local == "suffix") suffix = collapsed_text(part);
                    if (local == "affiliation") {
                        if (std::string text = clean_name(collapsed_text(part)); !text.empty()) {
                            affiliations.push_back(std::move(text));
                        }
                    }
                }
                sdk::AuthorRecord record = make_author(forenames, keyname, suffix);
                // Collaboration lists carry separators such as <keyname>:</keyname>.
                if (!has_name_characters(record.name)) continue;
                record.affiliations = std::move(affiliations);
                work.authors.push_back(std::move(record));
            }
        }
    }
    work.ids.push_back({"arxiv", id});
    add_dois(dois, work.ids);
    return finish_work(where, id, work);
}

// <arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/">: every version with its date, the author
// list as one printed string.
sdk::Status read_arxiv_raw(pugi::xml_node metadata, const std::string& where, sdk::WorkRecord& work) {
    std::string id;
    std::string dois;
    std::optional<std::pair<int, Timestamp>> first, latest;
    for (pugi::xml_node child = metadata.first_child(); child; child = child.next_sibling()) {
        if (child.type() != pugi::node_element) continue;
        ExpandedName name = expanded_name(child);
        if (name.ns != kArxivRawNs) continue;
        if (name.local == "id") {
            id = collapsed_text(child);
        } else if (name.local == "version") {
            std::string label = xml::collapsed_attribute(child, "version");
            auto number = version_number(label);
            if (!number) return field_error(where, "version", "has no version=\"vN\": '" + label + "'");
            std::string date = collapsed_text(find_child(child, kArxivRawNs, "date"));
            auto timestamp = parse_rfc2822(date);
            if (!timestamp) {
                return field_error(where, "version " + label + "><date",
                                   "is not an RFC 2822 date: '" + date + "'");
            }
            if (!first || *number < first->first) first.emplace(*number, *timestamp);
            if (!latest || *number > latest->first) latest.emplace(*number, *timestamp);
        } else if (name.local == "title") {
            work.title = collapsed_text(child);
        } else if (name.local == "abstract") {
            work.abstract = collapsed_text(child);
        } else if (name.local == "authors") {
            work.authors = parse_author_list(collapsed_text(child));
        } else if (name.local == "categories") {
            set_categories(collapsed_text(child), work);
        } else if (name.local == "comments") {
            work.comment = collapsed_text(child);
        } else if (name.local == "journal-ref") {
            work.journal_ref = collapsed_text(child);
        } else if (name.local == "doi") {
            dois += " " + collapsed_text(child);
        }
    }
    if (first) work.date = iso_date(first->second);
    if (latest) work.updated = iso_timestamp(latest->second);
    work.ids.push_back({"arxiv", latest ? id + "v" + std::to_string(latest->first) : id});
    add_dois(dois, work.ids);
    return finish_work(where, id, work);
}

sdk::Status read_record(pugi::xml_node record, std::size_t number, sdk::RecordSink& sink, OaiInfo& info) {
    pugi::xml_node header = find_child(record, kOaiNs, "header");
    std::string identifier = collapsed_text(find_child(header, kOaiNs, "identifier"));
    std::string where = record_label(number, identifier);
    if (std::string_view(header.attribute("status").value()) == "deleted") {
        ++info.deleted;
        return sdk::Status::success();
    }
    pugi::xml_node metadata = find_child(record, kOaiNs, "metadata");
    if (!metadata) return sdk::Status::error(where + ": no <metadata>");
    pugi::xml_node format =
        metadata.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; });

    sdk::WorkRecord work;
    sdk::Status status;
    if (is(format, kArxivFormatNs, "arXiv")) {
        status = read_arxiv_format(format, where, work);
    } else if (is(format, kArxivRawNs, "arXivRaw")) {
        status = read_arxiv_raw(format, where, work);
    } else {
        ExpandedName name = expanded_name(format);
        return sdk::Status::error(where + ": metadata format <" + std::string(format.name()) +
                                  "> in namespace '" + std::string(name.ns) +
                                  "' is neither arXiv nor arXivRaw");
    }
    if (!status) return status;
    if (status = sink.work(std::move(work)); !status) return status;
    ++info.records;
    return sdk::Status::success();
}

}  // namespace

bool is_oai_document(pugi::xml_node root) { return is(root, kOaiNs, "OAI-PMH"); }

sdk::Status read_oai_document(pugi::xml_node root, sdk::RecordSink& sink, OaiInfo* info_out) {
    if (!is_oai_document(root)) {
        std::string message = "not an OAI-PMH response: root element is <" + std::string(root.name()) + ">";
        if (std::string_view ns = expanded_name(root).ns; expanded_name(root).local == "OAI-PMH") {
            message += ns.empty() ? " without a namespace"
                                  : " in namespace " + std::string(ns) + ", not " + std::string(kOaiNs);
        }
        return sdk::Status::error(std::move(message));
    }
    OaiInfo local;
    OaiInfo& info = info_out ? *info_out : local;
    info = OaiInfo{};

    // Errors replace the verb's element; noRecordsMatch is how OAI-PMH says "nothing".
    for (pugi::xml_node error = root.first_child(); error; error = error.next_sibling()) {
        if (!is(error, kOaiNs, "error")) continue;
        std::string code = xml::collapsed_attribute(error, "code");
        std::string message = collapsed_text(error);
        if (code == "noRecordsMatch") {
            info.error_code = std::move(code);
            info.error_message = std::move(message);
            continue;
        }
        return sdk::Status::error("OAI-PMH error " + (code.empty() ? std::string("(no code)") : code) +
                                  (message.empty() ? std::string() : ": " + message));
    }
    if (!info.error_code.empty()) return sdk::Status::success();

    pugi::xml_node list;
    for (std::string_view verb : {"GetRecord", "ListRecords"}) {
        if ((list = find_child(root, kOaiNs, verb))) {
            info.verb = verb;
            break;
        }
    }
    if (!list) {
        pugi::xml_node other = root.find_child([](pugi::xml_node n) {
            std::string_view local = n.type() == pugi::node_element ? expanded_name(n).local : "";
            return !local.empty() && local != "responseDate" && local != "request";
        });
        return sdk::Status::error(std::string("OAI-PMH response without records: expected <GetRecord> or "
                                              "<ListRecords>") +
                                  (other ? ", found <" + std::string(other.name()) + ">" : ""));
    }

    std::size_t number = 0;
    for (pugi::xml_node child = list.first_child(); child; child = child.next_sibling()) {
        if (is(child, kOaiNs, "record")) {
            if (auto status = read_record(child, ++number, sink, info); !status) return status;
        } else if (is(child, kOaiNs, "resumptionToken")) {
            info.resumption_token = std::string(trim(child.child_value()));
            if (auto attribute = child.attribute("completeListSize")) {
                info.complete_list_size = parse_count(attribute.value());
            }
            if (auto attribute = child.attribute("cursor")) info.cursor = parse_count(attribute.value());
        }
    }
    return sdk::Status::success();
}

sdk::Status read_oai(std::string_view text, sdk::RecordSink& sink, OaiInfo* info) {
    if (trim(text).empty()) return sdk::Status::error("empty input: expected an OAI-PMH response");
    pugi::xml_document document;
    if (auto status = xml::parse(text, document); !status) return status;
    return read_oai_document(document.document_element(), sink, info);
}

}  // namespace bzpeer::arxiv
