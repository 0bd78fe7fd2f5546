#include "atom_reader.hpp"

#include <algorithm>
#include <charconv>
#include <pugixml.hpp>
#include <string>
#include <utility>
#include <vector>

#include "metadata.hpp"
#include "xml_support.hpp"

namespace bzpeer::arxiv {
namespace {

using xml::collapsed_attribute;
using xml::collapsed_text;
using xml::expanded_name;
using xml::ExpandedName;
using xml::find_child;
using xml::is;

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kArxivNs = "http://arxiv.org/schemas/atom";
constexpr std::string_view kOpenSearchNs = "http://a9.com/-/spec/opensearch/1.1/";

std::optional<std::int64_t> parse_count(pugi::xml_node element) {
    std::string_view text = trim(element.child_value());
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

FeedInfo read_feed_info(pugi::xml_node feed) {
    FeedInfo info;
    if (auto node = find_child(feed, kOpenSearchNs, "totalResults")) info.total_results = parse_count(node);
    if (auto node = find_child(feed, kOpenSearchNs, "startIndex")) info.start_index = parse_count(node);
    if (auto node = find_child(feed, kOpenSearchNs, "itemsPerPage")) info.items_per_page = parse_count(node);
    return info;
}

sdk::Status check_root(pugi::xml_node root) {
    ExpandedName name = expanded_name(root);
    if (name.local == "feed" && name.ns == kAtomNs) return sdk::Status::success();
    std::string message = "not an arXiv Atom feed: root element is <" + std::string(root.name()) + ">";
    if (name.local == "feed") {
        message += name.ns.empty()
                       ? " without a namespace"
                       : " in namespace " + std::string(name.ns) + ", not " + std::string(kAtomNs);
    }
    return sdk::Status::error(std::move(message));
}

// arXiv answers a bad query with a feed holding one entry whose id points into /api/errors
// and whose summary is the message. Checked before any record is emitted.
std::optional<std::string> api_error(pugi::xml_node feed) {
    for (pugi::xml_node entry = feed.first_child(); entry; entry = entry.next_sibling()) {
        if (!is(entry, kAtomNs, "entry")) continue;
        std::string_view id = trim(find_child(entry, kAtomNs, "id").child_value());
        if (id.find("/api/errors") == std::string_view::npos) continue;
        std::string message = collapsed_text(find_child(entry, kAtomNs, "summary"));
        return "arXiv API error: " + (message.empty() ? std::string(id) : message);
    }
    return std::nullopt;
}

// The id with its version from an abs URL: http://arxiv.org/abs/astro-ph/0601001v1 gives
// astro-ph/0601001v1. Empty when the URL has no /abs/ part.
std::string_view arxiv_id_of(std::string_view abs_url) {
    constexpr std::string_view kAbs = "/abs/";
    std::size_t at = abs_url.find(kAbs);
    if (at == std::string_view::npos) return {};
    std::string_view id = abs_url.substr(at + kAbs.size());
    return id.substr(0, id.find_first_of("?#"));
}

bool starts_with_iso_date(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    return true;
}

std::string entry_label(int number, std::string_view arxiv_id) {
    std::string label = "entry " + std::to_string(number);
    if (!arxiv_id.empty()) label += " (arXiv:" + std::string(arxiv_id) + ")";
    return label;
}

void add_category(std::vector<std::string>& categories, std::string term) {
    if (term.empty() || std::find(categories.begin(), categories.end(), term) != categories.end()) return;
    categories.push_back(std::move(term));
}

sdk::Status read_author(pugi::xml_node author, const std::string& where, std::size_t number,
                        sdk::AuthorRecord& out) {
    for (pugi::xml_node child = author.first_child(); child; child = child.next_sibling()) {
        if (child.type() != pugi::node_element) continue;
        ExpandedName name = expanded_name(child);
        if (name.ns == kAtomNs && name.local == "name" && out.name.empty()) {
            // Names reach the API from the same metadata as OAI-PMH, TeX accents now and then.
            out.name = clean_name(collapsed_text(child));
        } else if (name.ns == kArxivNs && name.local == "affiliation") {
            if (std::string affiliation = collapsed_text(child); !affiliation.empty()) {
                out.affiliations.push_back(std::move(affiliation));
            }
        }
    }
    if (out.name.empty()) {
        return sdk::Status::error(where + ": author " + std::to_string(number) + " has no <name>");
    }
    return sdk::Status::success();
}

// The elements of one entry as met, in one pass: arXiv does not fix their order (legacy
// feeds put the DOI after the authors, current ones before).
struct EntryParts {
    pugi::xml_node id;
    pugi::xml_node title;
    pugi::xml_node published;
    std::string primary_category;
    std::vector<std::string> categories;
    std::vector<pugi::xml_node> authors;
    std::vector<pugi::xml_node> dois;
};

void collect_parts(pugi::xml_node entry, EntryParts& parts, sdk::WorkRecord& work) {
    for (pugi::xml_node child = entry.first_child(); child; child = child.next_sibling()) {
        if (child.type() != pugi::node_element) continue;
        ExpandedName name = expanded_name(child);
        if (name.ns == kAtomNs) {
            if (name.local == "id" && !parts.id) {
                parts.id = child;
            } else if (name.local == "title" && !parts.title) {
                parts.title = child;
            } else if (name.local == "published" && !parts.published) {
                parts.published = child;
            } else if (name.local == "summary" && work.abstract.empty()) {
                work.abstract = collapsed_text(child);
            } else if (name.local == "updated" && work.updated.empty()) {
                work.updated = collapsed_text(child);
            } else if (name.local == "author") {
                parts.authors.push_back(child);
            } else if (name.local == "category") {
                add_category(parts.categories, collapsed_attribute(child, "term"));
            }
        } else if (name.ns == kArxivNs) {
            if (name.local == "primary_category" && parts.primary_category.empty()) {
                parts.primary_category = collapsed_attribute(child, "term");
            } else if (name.local == "doi") {
                parts.dois.push_back(child);
            } else if (name.local == "journal_ref" && work.journal_ref.empty()) {
                work.journal_ref = collapsed_text(child);
            } else if (name.local == "comment" && work.comment.empty()) {
                work.comment = collapsed_text(child);
            }
        }
    }
}

// arXiv's DOI field may list several DOIs separated by spaces; each becomes an identifier.
void add_dois(const std::vector<pugi::xml_node>& elements, std::vector<sdk::Identifier>& ids) {
    for (pugi::xml_node element : elements) {
        std::string text = collapsed_text(element);
        std::string_view rest = text;
        while (!rest.empty()) {
            std::size_t space = rest.find(' ');
            std::string_view doi = rest.substr(0, space);
            if (std::none_of(ids.begin(), ids.end(), [&](const sdk::Identifier& id) {
                    return id.scheme == "doi" && id.value == doi;
                })) {
                ids.push_back({"doi", std::string(doi)});
            }
            rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
        }
    }
}

sdk::Status read_entry(pugi::xml_node entry, int number, sdk::WorkRecord& work) {
    EntryParts parts;
    collect_parts(entry, parts, work);

    if (!parts.id) return sdk::Status::error(entry_label(number, {}) + ": missing <id>");
    work.source_id = collapsed_text(parts.id);
    std::string_view arxiv_id = arxiv_id_of(work.source_id);
    if (arxiv_id.empty()) {
        return sdk::Status::error(entry_label(number, {}) + ": <id> is not an arXiv abs URL: '" +
                                  work.source_id + "'");
    }
    std::string where = entry_label(number, arxiv_id);

    if (!parts.title) return sdk::Status::error(where + ": missing <title>");
    work.title = collapsed_text(parts.title);
    if (work.title.empty()) return sdk::Status::error(where + ": empty <title>");

    if (parts.published) {
        std::string published = collapsed_text(parts.published);
        if (!starts_with_iso_date(published)) {
            return sdk::Status::error(where + ": <published> is not an ISO 8601 date: '" + published + "'");
        }
        work.date = published.substr(0, 10);
    }

    work.type = "preprint";
    work.ids.push_back({"arxiv", std::string(arxiv_id)});
    add_dois(parts.dois, work.ids);

    // The primary category leads even when the feed lists it later or not at all.
    work.primary_category = parts.primary_category;
    if (!parts.primary_category.empty()) work.categories.push_back(std::move(parts.primary_category));
    for (std::string& term : parts.categories) add_category(work.categories, std::move(term));

    work.authors.reserve(parts.authors.size());
    for (pugi::xml_node author : parts.authors) {
        sdk::AuthorRecord record;
        if (auto status = read_author(author, where, work.authors.size() + 1, record); !status) return status;
        work.authors.push_back(std::move(record));
    }
    return sdk::Status::success();
}

}  // namespace

bool is_atom_feed(pugi::xml_node root) { return is(root, kAtomNs, "feed"); }

sdk::Status read_atom_feed(pugi::xml_node feed, sdk::RecordSink& sink, FeedInfo* info) {
    if (auto status = check_root(feed); !status) return status;
    if (info) *info = read_feed_info(feed);
    if (auto message = api_error(feed)) return sdk::Status::error(std::move(*message));

    int number = 0;
    for (pugi::xml_node entry = feed.first_child(); entry; entry = entry.next_sibling()) {
        if (!is(entry, kAtomNs, "entry")) continue;
        sdk::WorkRecord work;
        if (auto status = read_entry(entry, ++number, work); !status) return status;
        if (auto status = sink.work(std::move(work)); !status) return status;
    }
    return sdk::Status::success();
}

sdk::Status read_atom(std::string_view text, sdk::RecordSink& sink, FeedInfo* info) {
    if (trim(text).empty()) return sdk::Status::error("empty input: expected an arXiv Atom feed");
    pugi::xml_document document;
    if (auto status = xml::parse(text, document); !status) return status;
    return read_atom_feed(document.document_element(), sink, info);
}

}  // namespace bzpeer::arxiv
