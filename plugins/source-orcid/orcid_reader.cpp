#include "orcid_reader.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "orcid_tree.hpp"

namespace bzpeer::orcid {
namespace {

// ---- small text helpers -------------------------------------------------------------------

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool is_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Error messages must stay on one line; ORCID's developer messages sometimes wrap.
std::string one_line(std::string_view text) {
    std::string out;
    bool pending_space = false;
    for (char c : text) {
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += c;
    }
    return out;
}

// The shape of an ORCID iD, 0000-0002-1825-0097 (the last character may be the X
// checksum). Only the shape: the core checks the checksum.
bool looks_like_orcid(std::string_view text) {
    if (text.size() != 19) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (i == 4 || i == 9 || i == 14) {
            if (c != '-') return false;
        } else if (!std::isdigit(static_cast<unsigned char>(c)) && !(i == 18 && (c == 'X' || c == 'x'))) {
            return false;
        }
    }
    return true;
}

// ORCID resource paths start with the record's iD: "/0000-0002-1825-0097/works",
// "/0000-0002-1825-0097" or, in a few places, a bare "0000-0002-1825-0097".
std::string orcid_in_path(std::string_view path) {
    if (path.starts_with('/')) path.remove_prefix(1);
    std::string_view first = path.substr(0, path.find('/'));
    return looks_like_orcid(first) ? std::string(first) : std::string();
}

// The path segments after the iD: "/0000-0002-1825-0097/work/123" -> {"work", "123"}.
std::vector<std::string_view> path_sections(std::string_view path) {
    std::vector<std::string_view> sections;
    if (orcid_in_path(path).empty()) return sections;
    if (path.starts_with('/')) path.remove_prefix(1);
    std::size_t slash = path.find('/');
    while (slash != std::string_view::npos) {
        path.remove_prefix(slash + 1);
        slash = path.find('/');
        std::string_view section = path.substr(0, slash);
        if (!section.empty()) sections.push_back(section);
    }
    return sections;
}

// An identifier block {uri, path, host}: orcid-identifier, source-orcid, contributor-orcid.
std::string orcid_of_identifier(const Node* identifier) {
    if (!identifier) return {};
    if (std::string orcid = orcid_in_path(value_at(identifier, {"path"})); !orcid.empty()) return orcid;
    std::string_view uri = value_at(identifier, {"uri"});
    std::string_view last = uri.substr(uri.rfind('/') + 1);
    return looks_like_orcid(last) ? std::string(last) : std::string();
}

// ORCID's fuzzy date {year, month, day} as YYYY, YYYY-MM or YYYY-MM-DD. Parts that are not
// numbers end the date there rather than inventing precision.
std::string date_of(const Node* date) {
    if (!date) return {};
    std::string_view year = value_at(date, {"year"});
    if (year.size() != 4 || !is_digits(year)) return {};
    std::string out(year);
    for (std::string_view part : {value_at(date, {"month"}), value_at(date, {"day"})}) {
        if (part.empty() || part.size() > 2 || !is_digits(part)) break;
        out += '-';
        if (part.size() == 1) out += '0';
        out += part;
    }
    return out;
}

// v3.0 writes work types as "journal-article"; older exports used "JOURNAL_ARTICLE".
std::string work_type(std::string_view raw) {
    std::string type = lower(raw);
    std::replace(type.begin(), type.end(), '_', '-');
    return type;
}

// ---- what a document is -------------------------------------------------------------------

enum class Kind {
    record,        // /record: identifier, person and activities summary
    activities,    // /activities
    person,        // /person or /personal-details
    works,         // /works
    work,          // /work/{put-code}
    affiliations,  // /employments, /educations, /qualifications
    affiliation,   // /employment/{put-code} and the like
    error,         // an ORCID error response
    search,        // /search or /expanded-search results
    unsupported,   // an ORCID document of a kind bzpeer does not read (fundings, ...)
    unknown,
};

struct DocumentKind {
    Kind kind = Kind::unknown;
    std::string section;  // for affiliation: "employment", ...; for unsupported: what it is
};

bool is_affiliation_list(std::string_view name) {
    return name == "employments" || name == "educations" || name == "qualifications";
}

bool is_affiliation_item(std::string_view name) {
    return name == "employment" || name == "education" || name == "qualification";
}

// API responses carry their own path, which names the resource exactly.
DocumentKind kind_from_path(const Node& root) {
    std::string_view path = value_at(&root, {"path"});
    if (orcid_in_path(path).empty()) return {};
    std::vector<std::string_view> sections = path_sections(path);
    if (sections.empty()) return {Kind::record, {}};
    std::string_view first = sections.front();
    if (first == "person" || first == "personal-details") return {Kind::person, {}};
    if (first == "activities") return {Kind::activities, {}};
    if (first == "works") return {Kind::works, {}};
    if (first == "work" && sections.size() == 2) return {Kind::work, {}};
    if (is_affiliation_list(first)) return {Kind::affiliations, {}};
    if (is_affiliation_item(first) && sections.size() == 2) return {Kind::affiliation, std::string(first)};
    return {Kind::unsupported, std::string(first)};
}

// Errors and search results first; then the path, which names an API resource exactly; and
// for a document without one (hand-saved or trimmed), the members present.
DocumentKind json_kind(const Node& root) {
    auto has = [&](std::string_view key) { return root.child(key) != nullptr; };
    if (has("response-code") || has("developer-message") || has("error-code")) return {Kind::error, {}};
    // An empty result array leaves no child behind, so num-found is the sure sign.
    if (has("num-found") || has("result") || has("expanded-result")) return {Kind::search, {}};
    if (DocumentKind by_path = kind_from_path(root); by_path.kind != Kind::unknown) {
        // A record's path is the bare iD; make sure it is not some other bare-iD document.
        if (by_path.kind != Kind::record || has("orcid-identifier") || has("person") ||
            has("activities-summary"))
            return by_path;
    }
    if (has("orcid-identifier") || has("activities-summary") || has("person")) return {Kind::record, {}};
    if (has("group")) return {Kind::works, {}};
    if (has("affiliation-group")) return {Kind::affiliations, {}};
    if (has("put-code") && !has("organization") &&
        (has("title") || has("type") || has("external-ids") || has("contributors")))
        return {Kind::work, {}};
    for (std::string_view key : {"name", "other-names", "keywords", "biography", "emails", "addresses",
                                 "researcher-urls", "external-identifiers"})
        if (has(key)) return {Kind::person, {}};
    if (has("works") || has("employments") || has("educations") || has("qualifications"))
        return {Kind::activities, {}};
    return {};
}

DocumentKind xml_kind(const Node& root, std::string_view ns) {
    if (!ns.starts_with(kOrcidNsPrefix)) return {};
    std::string_view space = ns.substr(kOrcidNsPrefix.size());
    const std::string& local = root.name;
    if (space == "record" && local == "record") return {Kind::record, {}};
    if ((space == "person" && local == "person") ||
        (space == "personal-details" && local == "personal-details"))
        return {Kind::person, {}};
    if (space == "activities") {
        if (local == "activities-summary") return {Kind::activities, {}};
        if (local == "works") return {Kind::works, {}};
        if (is_affiliation_list(local)) return {Kind::affiliations, {}};
        return {Kind::unsupported, local};
    }
    if (space == "work" && local == "work") return {Kind::work, {}};
    if (is_affiliation_item(space) && local == space) return {Kind::affiliation, local};
    if (space == "error" && local == "error") return {Kind::error, {}};
    if ((space == "search" && local == "search") ||
        (space == "expanded-search" && local == "expanded-search"))
        return {Kind::search, {}};
    // Any other root in ORCID's namespaces is a section bzpeer has no field for (fundings,
    // keywords alone, ...); naming it beats importing an empty person.
    return {Kind::unsupported, local};
}

// ---- error documents ----------------------------------------------------------------------

sdk::Status api_error(const Node& root) {
    std::string_view code = value_at(&root, {"response-code"});
    std::string_view message = value_at(&root, {"developer-message"});
    if (message.empty()) message = value_at(&root, {"user-message"});
    std::string text = code.empty() ? "ORCID error: " : "ORCID error " + std::string(code) + ": ";
    text += message.empty() ? "(no message)" : one_line(message);
    return sdk::Status::error(std::move(text));
}

sdk::Status search_error(const Node& root) {
    std::vector<std::string> ids;
    for (const Node* result : root.all("result"))
        if (std::string orcid = orcid_of_identifier(result->child("orcid-identifier")); !orcid.empty())
            ids.push_back(std::move(orcid));
    for (const Node* result : root.all("expanded-result"))
        if (std::string orcid = orcid_in_path(value_at(result, {"orcid-id"})); !orcid.empty())
            ids.push_back(std::move(orcid));
    std::string_view found = value_at(&root, {"num-found"});
    if (ids.empty())
        return sdk::Status::error("an ORCID search result with no ORCID iDs" +
                                  (found.empty() ? std::string() : " (" + std::string(found) + " found)") +
                                  ", not a record");
    // A page of results can hold up to 1000 iDs; a few are enough to act on.
    constexpr std::size_t kListed = 10;
    std::string text = "an ORCID search result, not a record; import the listed ORCIDs instead: ";
    for (std::size_t i = 0; i < ids.size() && i < kListed; ++i) text += (i ? ", " : "") + ids[i];
    if (ids.size() > kListed) text += ", and " + std::to_string(ids.size() - kListed) + " more";
    text += " (" + std::to_string(ids.size()) + " in this page";
    if (!found.empty()) text += " of " + std::string(found) + " found";
    text += ")";
    return sdk::Status::error(std::move(text));
}

std::string describe(const DocumentKind& kind) {
    return kind.section.empty() ? std::string("document") : "'" + kind.section + "' document";
}

// ---- whose record ---------------------------------------------------------------------------

struct Owner {
    std::string orcid;
    std::string host;  // orcid.org or sandbox.orcid.org, when the document says
};

void find_slash_path(const Node& node, std::string& orcid) {
    for (const Node& child : node.children) {
        if (!orcid.empty()) return;
        if (child.name == "path") {
            // Resource paths start with '/' and always name the record's owner. Source and
            // contributor blocks hold bare iDs of other people or clients and are not matched.
            if (child.text.starts_with('/')) orcid = orcid_in_path(child.text);
        } else {
            find_slash_path(child, orcid);
        }
    }
}

// The person a client added works on behalf of (assertion-origin-orcid), else the person who
// added them (source-orcid). source-client-id is never used: client iDs of older member
// integrations have the ORCID iD shape (Scopus is 0000-0002-5982-8983) but name no person.
void find_source_orcid(const Node& node, Owner& owner) {
    for (const Node& child : node.children) {
        if (!owner.orcid.empty()) return;
        if (child.name == "source") {
            for (std::string_view key : {"assertion-origin-orcid", "source-orcid"}) {
                const Node* identifier = child.child(key);
                if (std::string orcid = orcid_of_identifier(identifier); !orcid.empty()) {
                    owner.orcid = std::move(orcid);
                    owner.host = value_at(identifier, {"host"});
                    return;
                }
            }
        } else if (child.name != "contributors") {
            find_source_orcid(child, owner);
        }
    }
}

// Any identifier block naming `orcid` that also names its host, for sandbox documents.
void find_host(const Node& node, const std::string& orcid, std::string& host) {
    for (const Node& child : node.children) {
        if (!host.empty()) return;
        if (child.child("host") && orcid_of_identifier(&child) == orcid) {
            host = value_at(&child, {"host"});
            if (!host.empty()) return;
        }
        find_host(child, orcid, host);
    }
}

Owner find_owner(const Node& root) {
    Owner owner;
    if (const Node* identifier = root.child("orcid-identifier")) {
        owner.orcid = orcid_of_identifier(identifier);
        owner.host = value_at(identifier, {"host"});
    }
    if (owner.orcid.empty()) owner.orcid = orcid_in_path(value_at(&root, {"path"}));
    if (owner.orcid.empty()) find_slash_path(root, owner.orcid);
    if (owner.orcid.empty()) owner.orcid = orcid_in_path(value_at(&root, {"name", "path"}));
    if (owner.orcid.empty()) owner.orcid = orcid_in_path(value_at(&root, {"person", "name", "path"}));
    if (owner.orcid.empty()) find_source_orcid(root, owner);
    if (!owner.orcid.empty() && owner.host.empty()) find_host(root, owner.orcid, owner.host);
    return owner;
}

// ---- records ------------------------------------------------------------------------------

class PersonReader {
public:
    explicit PersonReader(const Owner& owner)
        : orcid_(owner.orcid),
          base_("https://" + (owner.host.empty() ? std::string("orcid.org") : owner.host)) {
        person_.orcid = orcid_;
        person_.source_id = base_ + "/" + orcid_;
    }

    sdk::PersonRecord take() { return std::move(person_); }

    void names(const Node& person) {
        const Node* name = person.child("name");
        person_.given = value_at(name, {"given-names"});
        person_.family = value_at(name, {"family-name"});
        person_.credit_name = value_at(name, {"credit-name"});
        if (const Node* others = person.child("other-names"))
            for (const Node* other : others->all("other-name"))
                if (std::string_view text = value_at(other, {"content"}); !text.empty())
                    person_.other_names.emplace_back(text);
        if (const Node* keywords = person.child("keywords"))
            for (const Node* keyword : keywords->all("keyword"))
                if (std::string_view text = value_at(keyword, {"content"}); !text.empty())
                    person_.keywords.emplace_back(text);
    }

    // The activities summary of a record, or the /activities document itself.
    void activities(const Node& summary) {
        for (std::string_view list : {"employments", "educations", "qualifications"})
            if (const Node* node = summary.child(list)) affiliations(*node);
        if (const Node* works = summary.child("works")) work_groups(*works);
    }

    // An affiliation list. Like works, affiliations are grouped: a group is one affiliation
    // asserted by several sources, so its first summary stands for it.
    void affiliations(const Node& list) {
        for (const Node* group : list.all("affiliation-group")) {
            const Node* summary = first_summary(*group);
            if (!summary) continue;
            std::string_view name = summary->name;
            affiliation(*summary, name.substr(0, name.size() - std::string_view("-summary").size()));
        }
    }

    // One employment, education or qualification, summary or full. ORCID shows education
    // and qualification (degrees, certificates) together; the SDK has educations only.
    void affiliation(const Node& item, std::string_view kind) {
        sdk::Affiliation out;
        const Node* organization = item.child("organization");
        out.organization = value_at(organization, {"name"});
        out.department = value_at(&item, {"department-name"});
        out.role = value_at(&item, {"role-title"});
        out.start_date = date_of(item.child("start-date"));
        out.end_date = date_of(item.child("end-date"));
        if (const Node* disambiguated =
                organization ? organization->child("disambiguated-organization") : nullptr) {
            std::string_view id = value_at(disambiguated, {"disambiguated-organization-identifier"});
            std::string scheme = lower(value_at(disambiguated, {"disambiguation-source"}));
            if (!id.empty() && !scheme.empty()) out.org_ids.push_back({std::move(scheme), std::string(id)});
        }
        if (kind == "employment")
            person_.employments.push_back(std::move(out));
        else if (kind == "education" || kind == "qualification")
            person_.educations.push_back(std::move(out));
    }

    // A works list: one WorkRecord per group, since a group is one work as listed by several
    // sources (the person, Crossref, Scopus, ...).
    void work_groups(const Node& works) {
        for (const Node* group : works.all("group")) {
            std::vector<const Node*> summaries = group->all("work-summary");
            if (summaries.empty()) continue;
            sdk::WorkRecord work = work_fields(*summaries.front());
            // Fields the first source left out are taken from the next that has them.
            for (const Node* summary : summaries) {
                if (work.title.empty()) work.title = value_at(summary, {"title", "title"});
                if (work.type.empty()) work.type = work_type(value_at(summary, {"type"}));
                if (work.date.empty()) work.date = date_of(summary->child("publication-date"));
                if (work.venue.empty()) work.venue = value_at(summary, {"journal-title"});
                external_ids(*summary, work);
            }
            person_.works.push_back(std::move(work));
        }
    }

    // A full work (/work/{put-code}); unlike summaries it may name its contributors.
    void single_work(const Node& item) {
        sdk::WorkRecord work = work_fields(item);
        work.abstract = value_at(&item, {"short-description"});
        external_ids(item, work);
        if (const Node* contributors = item.child("contributors"))
            for (const Node* contributor : contributors->all("contributor")) author(*contributor, work);
        person_.works.push_back(std::move(work));
    }

private:
    static const Node* first_summary(const Node& group) {
        for (const Node& child : group.children) {
            // JSON wraps each summary in a "summaries" item; XML lists them directly.
            if (child.name == "summaries") {
                for (const Node& summary : child.children)
                    if (summary.name.ends_with("-summary")) return &summary;
            } else if (child.name.ends_with("-summary")) {
                return &child;
            }
        }
        return nullptr;
    }

    sdk::WorkRecord work_fields(const Node& item) const {
        sdk::WorkRecord work;
        if (std::string_view put_code = value_at(&item, {"put-code"}); !put_code.empty())
            work.source_id = base_ + "/" + orcid_ + "/work/" + std::string(put_code);
        work.title = value_at(&item, {"title", "title"});
        work.type = work_type(value_at(&item, {"type"}));
        work.date = date_of(item.child("publication-date"));
        work.venue = value_at(&item, {"journal-title"});
        return work;
    }

    // external-id-relationship says whose id it is: "self" ids identify this work; "part-of"
    // ids (a book's ISBN, a journal's ISSN, a proceedings DOI) and "version-of" ids identify
    // another work, so they become relations. Counted as ids they would merge every chapter
    // of a book into one work.
    static void external_ids(const Node& item, sdk::WorkRecord& work) {
        const Node* list = item.child("external-ids");
        if (!list) return;
        for (const Node* id : list->all("external-id")) {
            std::string scheme = lower(value_at(id, {"external-id-type"}));
            std::string_view value = value_at(id, {"external-id-normalized"});
            if (value.empty()) value = value_at(id, {"external-id-value"});
            if (scheme.empty() || value.empty()) continue;
            sdk::Identifier identifier{scheme, std::string(value)};
            std::string relationship = lower(value_at(id, {"external-id-relationship"}));
            if (relationship.empty() || relationship == "self") {
                if (!contains(work.ids, identifier)) work.ids.push_back(std::move(identifier));
                continue;
            }
            std::string type = relationship == "part-of"      ? "is-part-of"
                               : relationship == "version-of" ? "is-version-of"
                               : relationship == "funded-by"  ? "is-funded-by"
                                                              : relationship;
            bool known = std::any_of(
                work.relations.begin(), work.relations.end(),
                [&](const sdk::Relation& r) { return r.type == type && same_id(r.id, identifier); });
            if (!known) work.relations.push_back({std::move(type), std::move(identifier)});
        }
    }

    // DOIs are case-insensitive, and a group's summaries may spell one differently when
    // ORCID could not normalize it.
    static bool same_id(const sdk::Identifier& a, const sdk::Identifier& b) {
        if (a.scheme != b.scheme) return false;
        return a.scheme == "doi" ? lower(a.value) == lower(b.value) : a.value == b.value;
    }

    static bool contains(const std::vector<sdk::Identifier>& ids, const sdk::Identifier& id) {
        return std::any_of(ids.begin(), ids.end(),
                           [&](const sdk::Identifier& known) { return same_id(known, id); });
    }

    // Editors, translators and patent assignees are listed as contributors but did not
    // write the work; every other role (author, or none given) counts as an author.
    static void author(const Node& contributor, sdk::WorkRecord& work) {
        std::string role = lower(value_at(&contributor, {"contributor-attributes", "contributor-role"}));
        if (role == "editor" || role == "chair-or-translator" || role == "assignee") return;
        sdk::AuthorRecord author;
        author.name = one_line(value_at(&contributor, {"credit-name"}));
        if (author.name.empty()) return;
        author.orcid = orcid_of_identifier(contributor.child("contributor-orcid"));
        work.authors.push_back(std::move(author));
    }

    std::string orcid_;
    std::string base_;
    sdk::PersonRecord person_;
};

}  // namespace

sdk::Status read_orcid(std::string_view payload, sdk::RecordSink& sink) {
    std::string_view text = payload;
    // A UTF-8 byte order mark is legal before either format; simdjson does not skip it.
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::size_t start = 0;
    while (start < text.size() && is_space(text[start])) ++start;
    if (start == text.size())
        return sdk::Status::error("empty input: expected an ORCID JSON or XML document");

    Node root;
    DocumentKind kind;
    char first = text[start];
    if (first == '{' || first == '[') {
        if (auto status = parse_json(text, root); !status) return status;
        kind = json_kind(root);
    } else if (first == '<') {
        std::string ns;
        if (auto status = parse_xml(text, root, ns); !status) return status;
        kind = xml_kind(root, ns);
        if (kind.kind == Kind::unknown)
            return sdk::Status::error(
                "not an ORCID v3.0 document: root element <" + root.name + ">" +
                (ns.empty() ? std::string(" has no namespace") : " in namespace " + ns));
    } else {
        std::size_t offset = start + (payload.size() - text.size());
        return sdk::Status::error("not an ORCID document: expected JSON or XML, but byte " +
                                  std::to_string(offset) + " is '" + std::string(1, first) + "'");
    }

    switch (kind.kind) {
        case Kind::error:
            return api_error(root);
        case Kind::search:
            return search_error(root);
        case Kind::unsupported:
            return sdk::Status::error("an ORCID " + describe(kind) +
                                      " is not read by bzpeer: save the full record (/v3.0/{orcid}/record) "
                                      "or its person, works or employments instead");
        case Kind::unknown: {
            std::string keys;
            for (const Node& child : root.children)
                if (keys.find("'" + child.name + "'") == std::string::npos)
                    keys += (keys.empty() ? "" : ", ") + ("'" + child.name + "'");
            return sdk::Status::error(
                "not an ORCID v3.0 record, person, works, work or employments document (top-level keys: " +
                (keys.empty() ? std::string("none") : keys) + ")");
        }
        default:
            break;
    }

    Owner owner = find_owner(root);
    if (owner.orcid.empty()) {
        return sdk::Status::error(
            kind.kind == Kind::works
                ? "ORCID iD unknown: the works list has no path such as \"/0000-0002-1825-0097/works\" and "
                  "none of its works names the person's ORCID iD"
                : "ORCID iD unknown: the document has no orcid-identifier, path or source naming the "
                  "person's ORCID iD");
    }

    PersonReader reader(owner);
    switch (kind.kind) {
        case Kind::record:
            if (const Node* person = root.child("person")) reader.names(*person);
            if (const Node* summary = root.child("activities-summary")) reader.activities(*summary);
            break;
        case Kind::activities:
            reader.activities(root);
            break;
        case Kind::person:
            reader.names(root);
            break;
        case Kind::works:
            reader.work_groups(root);
            break;
        case Kind::work:
            reader.single_work(root);
            break;
        case Kind::affiliations:
            reader.affiliations(root);
            break;
        case Kind::affiliation:
            reader.affiliation(root, kind.section);
            break;
        default:
            break;
    }
    return sink.person(reader.take());
}

}  // namespace bzpeer::orcid
