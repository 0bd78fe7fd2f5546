#include "bzpeer/reports/reports.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <span>

#include "base/table_document.hpp"
#include "base/topics.hpp"
#include "bzpeer/base/error.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/base/names.hpp"
#include "bzpeer/graph/collaborators.hpp"
#include "bzpeer/graph/institutions.hpp"
#include "bzpeer/graph/research_graph.hpp"
#include "bzpeer/identity/attribution.hpp"
#include "bzpeer/identity/people.hpp"
#include "bzpeer/social/trust.hpp"
#include "bzpeer/social/verification.hpp"

namespace bzpeer {

namespace {

using sdk::Block;
using sdk::Document;
using sdk::Value;

std::string person_ref(std::int64_t id) { return ids::person_ref(id); }
std::string work_ref(std::int64_t id) { return ids::work_ref(id); }

struct WorkRow {
    std::int64_t id = 0;
    std::string title, abstract, type, date, venue, journal_ref, primary_category;
    std::optional<std::int64_t> year;
    std::vector<std::pair<std::string, std::string>> ids;  // scheme, value; no version forms
    std::vector<std::string> authors;
    std::vector<std::optional<std::int64_t>> author_people;  // each author's person, in order
    std::vector<std::string> categories;
    struct Source {
        std::string source, record, fetched_at;
    };
    std::vector<Source> provenance;  // every record that contributed, oldest first

    std::string id_of(std::string_view scheme) const {
        for (const auto& [s, v] : ids)
            if (s == scheme) return v;
        return {};
    }
    // Where it appeared: the venue, else the journal reference, else nothing.
    std::string where() const { return !venue.empty() ? venue : journal_ref; }
};

// Works, newest first; all of them, or the ones a person is an author of.
std::vector<WorkRow> load_works(Database& db, std::optional<std::int64_t> person) {
    std::string sql =
        "SELECT id, title, abstract, type, date, year, venue, journal_ref, primary_category FROM works";
    if (person) sql += " WHERE id IN (SELECT work_id FROM authorships WHERE person_id = ?1)";
    sql += " ORDER BY year DESC NULLS LAST, date DESC, id";
    Statement stmt = db.prepare(sql);
    if (person) stmt.bind(1, *person);
    std::vector<WorkRow> rows;
    while (stmt.step()) {
        WorkRow w;
        w.id = stmt.integer(0);
        w.title = stmt.text(1);
        w.abstract = stmt.text(2);
        w.type = stmt.text(3);
        w.date = stmt.text(4);
        if (!stmt.is_null(5)) w.year = stmt.integer(5);
        w.venue = stmt.text(6);
        w.journal_ref = stmt.text(7);
        w.primary_category = stmt.text(8);
        rows.push_back(std::move(w));
    }
    auto& ids = db.cached(
        "SELECT scheme, value FROM identifiers WHERE work_id = ?1 AND scheme <> 'arxiv-version' "
        "ORDER BY scheme, value");
    auto& authors =
        db.cached("SELECT printed_name, person_id FROM authorships WHERE work_id = ?1 ORDER BY position");
    auto& topics = db.cached(
        "SELECT t.code FROM work_topics wt JOIN topics t ON t.id = wt.topic_id WHERE wt.work_id = ?1 "
        "ORDER BY wt.position");
    auto& sources = db.cached(
        "SELECT source, source_record_id, fetched_at FROM provenance WHERE entity = 'work' AND entity_id = "
        "?1 "
        "ORDER BY fetched_at, source, source_record_id");
    for (auto& w : rows) {
        for (ids.bind(1, w.id); ids.step();) w.ids.emplace_back(ids.text(0), ids.text(1));
        for (authors.bind(1, w.id); authors.step();) {
            w.authors.push_back(authors.text(0));
            w.author_people.push_back(authors.is_null(1) ? std::nullopt
                                                         : std::optional<std::int64_t>(authors.integer(1)));
        }
        for (topics.bind(1, w.id); topics.step();) w.categories.push_back(topics.text(0));
        for (sources.bind(1, w.id); sources.step();)
            w.provenance.push_back({sources.text(0), sources.text(1), sources.text(2)});
    }
    return rows;
}

Value ids_value(const WorkRow& w) {
    Value ids = Value::object();
    for (const auto& [scheme, value] : w.ids) ids.set(scheme, value);
    return ids;
}

Value strings_value(const std::vector<std::string>& items) {
    Value array = Value::array();
    for (const auto& item : items) array.push(item);
    return array;
}

Value text_or_null(const std::string& text) { return text.empty() ? Value() : Value(text); }

Value work_value(const WorkRow& w, bool with_abstract) {
    Value v = Value::object();
    v.set("id", work_ref(w.id));
    v.set("title", w.title);
    v.set("year", w.year ? Value(*w.year) : Value());
    v.set("date", text_or_null(w.date));
    v.set("type", text_or_null(w.type));
    v.set("venue", text_or_null(w.where()));
    v.set("ids", ids_value(w));
    v.set("authors", strings_value(w.authors));
    Value authorships = Value::array();
    for (std::size_t i = 0; i < w.authors.size(); ++i) {
        Value a = Value::object();
        a.set("name", w.authors[i]);
        a.set("person", w.author_people[i] ? Value(person_ref(*w.author_people[i])) : Value());
        authorships.push(std::move(a));
    }
    v.set("authorships", std::move(authorships));
    v.set("categories", strings_value(w.categories));
    Value provenance = Value::array();
    for (const auto& p : w.provenance) {
        Value item = Value::object();
        item.set("source", p.source);
        item.set("record", p.record);
        item.set("fetched_at", p.fetched_at);
        provenance.push(std::move(item));
    }
    v.set("provenance", std::move(provenance));
    if (with_abstract) v.set("abstract", text_or_null(w.abstract));
    return v;
}

std::string year_text(const WorkRow& w) { return w.year ? std::to_string(*w.year) : ""; }

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    return fmt::format("{}", fmt::join(items, sep));
}

}  // namespace

Document stats_report(Database& db) {
    Document doc;
    doc.kind = "report";
    doc.title = "Database statistics";
    doc.data = Value::object();
    Block fields;
    fields.type = Block::Type::fields;
    const std::pair<const char*, const char*> counts[] = {
        {"works", "SELECT count(*) FROM works"},
        {"people", "SELECT count(*) FROM people"},
        {"authorships", "SELECT count(*) FROM authorships"},
        {"identifiers", "SELECT count(*) FROM identifiers"},
        {"topics", "SELECT count(*) FROM topics"},
        {"institutions", "SELECT count(*) FROM institutions"},
        {"import_runs", "SELECT count(*) FROM import_runs"},
    };
    for (const auto& [key, sql] : counts) {
        std::int64_t n = db.scalar(sql);
        doc.data.set(key, n);
        fields.fields.emplace_back(key, std::to_string(n));
    }
    doc.blocks.push_back(heading(doc.title, 1));
    doc.blocks.push_back(std::move(fields));
    return doc;
}

Document works_report(Database& db, std::optional<std::int64_t> person) {
    auto doc = table_document(
        person ? fmt::format("Works of {} ({})", display_name(db, *person), person_ref(*person)) : "Works",
        {"id", "year", "type", "title", "authors", "arxiv", "doi"});
    doc.kind = "works";
    auto& rows = doc.blocks.back().table.rows;
    for (const auto& w : load_works(db, person)) {
        doc.data.push(work_value(w, false));
        rows.push_back({work_ref(w.id), year_text(w), w.type, w.title, join(w.authors, ", "),
                        w.id_of("arxiv"), w.id_of("doi")});
    }
    return doc;
}

namespace {

// What tells one person apart from others of the same name, and how sure the attribution is.
struct Distinction {
    std::vector<std::string> coauthors;  // most frequent first
    std::vector<std::string> affiliations;
    std::string orcid;
    double confidence = 1.0;                        // mean over the person's authorships
    std::vector<std::vector<std::int64_t>> groups;  // when probably several people
};

Distinction distinguish(Database& db, std::int64_t person) {
    Distinction d;
    auto& co = db.cached(R"sql(
SELECT p.display_name FROM authorships mine JOIN authorships other ON other.work_id = mine.work_id
JOIN people p ON p.id = other.person_id
WHERE mine.person_id = ?1 AND other.person_id <> ?1
GROUP BY p.id ORDER BY count(DISTINCT other.work_id) DESC, p.display_name LIMIT 5)sql");
    for (co.bind(1, person); co.step();) d.coauthors.push_back(co.text(0));
    auto& aff = db.cached(R"sql(
SELECT i.name FROM authorships a JOIN authorship_affiliations af ON af.authorship_id = a.id
JOIN institutions i ON i.id = af.institution_id WHERE a.person_id = ?1
GROUP BY i.id ORDER BY count(DISTINCT a.work_id) DESC, i.name LIMIT 3)sql");
    for (aff.bind(1, person); aff.step();) d.affiliations.push_back(aff.text(0));
    auto& orcid = db.cached("SELECT value FROM identifiers WHERE person_id = ?1 AND scheme = 'orcid'");
    orcid.bind(1, person);
    if (orcid.step()) d.orcid = orcid.text(0);
    d.confidence = mean_attribution_confidence(db, person);
    d.groups = weakly_connected_groups(db, person);
    return d;
}

Value distinction_value(const Distinction& d, const PersonSummary& s) {
    Value evidence = Value::object();
    evidence.set("coauthors", strings_value(d.coauthors));
    evidence.set("topics", strings_value(s.top_topics));
    evidence.set("affiliations", strings_value(d.affiliations));
    evidence.set("years", s.first_year ? Value(years_text(s)) : Value());
    evidence.set("orcid", d.orcid.empty() ? Value() : Value(d.orcid));
    return evidence;
}

Value groups_value(const std::vector<std::vector<std::int64_t>>& groups) {
    Value list = Value::array();
    for (const auto& group : groups) {
        Value works = Value::array();
        for (auto w : group) works.push(work_ref(w));
        list.push(std::move(works));
    }
    return list;
}

}  // namespace

Document people_report(Database& db, std::string_view name) {
    auto doc = table_document(
        fmt::format("People named {}", name),
        {"id", "name", "works", "years", "topics", "top co-authors", "orcid", "confidence", "note"});
    auto& rows = doc.blocks.back().table.rows;
    for (auto id : find_people(db, name)) {
        auto works = load_works(db, id);
        auto summary = summarize(db, id);
        auto d = distinguish(db, id);
        Value person = Value::object();
        person.set("id", person_ref(id));
        person.set("name", display_name(db, id));
        Value list = Value::array();
        for (const auto& w : works) {
            Value item = Value::object();
            item.set("id", work_ref(w.id));
            item.set("title", w.title);
            item.set("year", w.year ? Value(*w.year) : Value());
            item.set("ids", ids_value(w));
            list.push(std::move(item));
        }
        person.set("works", std::move(list));
        person.set("topics", strings_value(summary.top_topics));
        person.set("confidence", d.confidence);
        person.set("evidence", distinction_value(d, summary));
        person.set("probable_merge", !d.groups.empty());
        if (!d.groups.empty()) person.set("groups", groups_value(d.groups));
        doc.data.push(std::move(person));
        rows.push_back({person_ref(id), display_name(db, id), std::to_string(works.size()),
                        years_text(summary), join(summary.top_topics, ", "), join(d.coauthors, ", "), d.orcid,
                        fmt::format("{:.2f}", d.confidence),
                        d.groups.empty() ? "" : fmt::format("probably {} people", d.groups.size())});
    }
    return doc;
}

namespace {

// Everything a profile shows, read once; both faces are built from it.
struct Profile {
    std::int64_t person = 0;
    std::string name;
    std::vector<WorkRow> works;
    std::vector<std::string> variants;  // other printed names
    std::string orcid;
    std::vector<std::pair<std::string, std::int64_t>> topics;  // code, works; most first
    std::vector<graph::Collaborator> coauthors;                // most shared works first
    std::int64_t close_collaborators = 0;                      // by collaborators.close_min_shared
    std::vector<graph::Institution> institutions;              // most recent first
    PersonSummary summary;
    Distinction distinction;
    std::map<std::int64_t, Attribution> attributions;  // by work; only with --explain
    social::Trust trust;                               // its verification says who claimed the person
    std::int64_t followers = 0;
    std::size_t coauthors_shown = 0;
};

std::vector<std::string> other_names(Database& db, std::int64_t person, const std::string& name) {
    std::vector<std::string> variants;
    auto& names = db.cached("SELECT name FROM person_names WHERE person_id = ?1 ORDER BY name");
    for (names.bind(1, person); names.step();)
        if (names.text(0) != name) variants.push_back(names.text(0));
    return variants;
}

std::string orcid_of(Database& db, std::int64_t person) {
    auto& orcid = db.cached("SELECT value FROM identifiers WHERE person_id = ?1 AND scheme = 'orcid'");
    orcid.bind(1, person);
    return orcid.step() ? orcid.text(0) : std::string();
}

// Counted per distinct work, so nothing is counted twice.
std::vector<std::pair<std::string, std::int64_t>> topics_by_works(const std::vector<WorkRow>& works) {
    std::map<std::string, std::int64_t> counts;
    for (const auto& w : works)
        for (const auto& code : w.categories) ++counts[code];
    std::vector<std::pair<std::string, std::int64_t>> topics(counts.begin(), counts.end());
    std::stable_sort(topics.begin(), topics.end(), [](auto& a, auto& b) { return a.second > b.second; });
    return topics;
}

Profile load_profile(Database& db, std::int64_t person, const ProfileOptions& options) {
    Profile p;
    p.person = person;
    p.name = display_name(db, person);
    p.works = load_works(db, person);
    p.variants = other_names(db, person, p.name);
    p.orcid = orcid_of(db, person);
    p.topics = topics_by_works(p.works);
    p.coauthors = graph::collaborators(db, person, {});
    p.close_collaborators = std::count_if(p.coauthors.begin(), p.coauthors.end(), [&](const auto& c) {
        return c.shared_works >= options.close_min_shared;
    });
    p.institutions = graph::institutions_of(db, person);
    p.summary = summarize(db, person);
    p.distinction = distinguish(db, person);
    if (options.explain) p.attributions = attributions_of(db, person);
    p.trust = social::trust_of(db, person, {options.trust_weights, options.close_min_shared});
    p.followers = social::follower_count(db, person);
    // The limit applies to both faces; counts.coauthors still says how many there are.
    p.coauthors_shown = options.coauthors > 0 ? std::min<std::size_t>(p.coauthors.size(), options.coauthors)
                                              : p.coauthors.size();
    return p;
}

Value counts_value(const Profile& p) {
    Value counts = Value::object();
    counts.set("works", static_cast<std::int64_t>(p.works.size()));
    counts.set("coauthors", static_cast<std::int64_t>(p.coauthors.size()));
    counts.set("topics", static_cast<std::int64_t>(p.topics.size()));
    counts.set("close_collaborators", p.close_collaborators);
    counts.set("followers", p.followers);
    return counts;
}

Value topics_value(const std::vector<std::pair<std::string, std::int64_t>>& topics) {
    Value list = Value::array();
    for (const auto& [code, n] : topics) {
        Value t = Value::object();
        t.set("code", code);
        t.set("name", arxiv_category_name(code));
        t.set("works", n);
        list.push(std::move(t));
    }
    return list;
}

Value year_value(const std::optional<std::int64_t>& year) { return year ? Value(*year) : Value(); }

Value institutions_value(const std::vector<graph::Institution>& institutions) {
    Value list = Value::array();
    for (const auto& i : institutions) {
        Value a = Value::object();
        a.set("id", i.id);
        a.set("name", i.name);
        a.set("ror", text_or_null(i.ror));
        a.set("first_year", year_value(i.first_year));
        a.set("last_year", year_value(i.last_year));
        a.set("works", i.works);
        a.set("spellings", strings_value(i.spellings));
        list.push(std::move(a));
    }
    return list;
}

Value coauthors_value(std::span<const graph::Collaborator> coauthors) {
    Value list = Value::array();
    for (const auto& c : coauthors) {
        Value v = Value::object();
        v.set("id", person_ref(c.id));
        v.set("name", c.name);
        v.set("shared_works", c.shared_works);
        list.push(std::move(v));
    }
    return list;
}

Value attribution_value(const Attribution& attribution) {
    Value a = Value::object();
    a.set("reason", attribution.reason);
    a.set("confidence", attribution.confidence);
    a.set("evidence", attribution.evidence);
    return a;
}

Value profile_works_value(const Profile& p, bool with_abstracts) {
    Value list = Value::array();
    for (const auto& w : p.works) {
        Value& v = list.push(work_value(w, with_abstracts));
        if (auto it = p.attributions.find(w.id); it != p.attributions.end())
            v.set("attribution", attribution_value(it->second));
    }
    return list;
}

Value profile_data(const Profile& p, const ProfileOptions& options) {
    Value data = Value::object();
    data.set("id", person_ref(p.person));
    data.set("name", p.name);
    data.set("other_names", strings_value(p.variants));
    Value identifiers = Value::object();
    if (!p.orcid.empty()) identifiers.set("orcid", p.orcid);
    data.set("identifiers", std::move(identifiers));
    data.set("counts", counts_value(p));
    const auto& verification = p.trust.verification;
    Value level = Value::object();
    level.set("level", verification.level);
    level.set("reason", verification.reason);
    data.set("verification", std::move(level));
    Value trust = Value::object();
    trust.set("score", p.trust.score);
    trust.set("band", p.trust.band);
    data.set("trust", std::move(trust));
    data.set("claimed_by", verification.claimed_by ? Value(*verification.claimed_by) : Value());
    data.set("confidence", p.distinction.confidence);
    data.set("probable_merge", !p.distinction.groups.empty());
    data.set("groups", groups_value(p.distinction.groups));
    data.set("topics", topics_value(p.topics));
    // "affiliations" are the institutions, grouped from every spelling (the key is kept for scripts).
    data.set("affiliations", institutions_value(p.institutions));
    data.set("coauthors", coauthors_value(std::span(p.coauthors).first(p.coauthors_shown)));
    data.set("works", profile_works_value(p, options.abstracts));
    return data;
}

Block facts_block(const Profile& p) {
    Block facts;
    facts.type = Block::Type::fields;
    const auto& verification = p.trust.verification;
    facts.fields = {
        {"Person", person_ref(p.person)},
        {"Claimed", verification.claimed_by ? "by user " + *verification.claimed_by : "unclaimed"},
        {"Verification", fmt::format("{}: {}", social::level_name(verification.level), verification.reason)},
        {"Trust", fmt::format("{} / 100, {} ('bzpeer trust {} --explain' says why)", p.trust.score,
                              p.trust.band, person_ref(p.person))},
        {"Followers", std::to_string(p.followers)},
        {"ORCID", p.orcid.empty() ? "none recorded" : p.orcid},
        {"Works", std::to_string(p.works.size())},
        {"Co-authors", std::to_string(p.coauthors.size())},
        {"Close collaborators", std::to_string(p.close_collaborators)},
        {"Topics", std::to_string(p.topics.size())}};
    if (p.summary.first_year) facts.fields.emplace_back("Active", years_text(p.summary));
    if (!p.variants.empty()) facts.fields.emplace_back("Also printed as", join(p.variants, "; "));
    facts.fields.emplace_back("Attribution confidence", fmt::format("{:.2f}", p.distinction.confidence));
    return facts;
}

// The page this project started from showed five people as one; say so when it may be.
void add_probable_merge(std::vector<Block>& blocks, const Profile& p) {
    const auto& groups = p.distinction.groups;
    if (groups.empty()) return;
    blocks.push_back(heading(fmt::format("Probably {} people", groups.size()), 2));
    blocks.push_back(paragraph(
        "Either no evidence (shared co-authors, subjects, words, affiliations, years) connects these "
        "groups of works, or they are circles of co-authors writing in the same years that share "
        "nobody: they are probably different people. Split them with 'bzpeer people split', or keep "
        "them together with 'bzpeer people merge'."));
    Block list;
    list.type = Block::Type::list;
    std::map<std::int64_t, std::string> titles;
    for (const auto& w : p.works) titles[w.id] = w.title;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        std::vector<std::string> items;
        for (auto w : groups[g]) items.push_back(fmt::format("{} {}", work_ref(w), titles[w]));
        list.items.push_back(fmt::format("group {}: {}", g + 1, join(items, "; ")));
    }
    blocks.push_back(std::move(list));
}

void add_topics(std::vector<Block>& blocks, const Profile& p) {
    if (p.topics.empty()) return;
    blocks.push_back(heading("Topics", 2));
    Block t = table_block({"topic", "name", "works"});
    for (const auto& [code, n] : p.topics)
        t.table.rows.push_back({code, arxiv_category_name(code), std::to_string(n)});
    blocks.push_back(std::move(t));
}

std::string span_text(const std::optional<std::int64_t>& first, const std::optional<std::int64_t>& last) {
    if (!first) return "";
    return first == last ? std::to_string(*first) : fmt::format("{}–{}", *first, *last);
}

void add_institutions(std::vector<Block>& blocks, const Profile& p) {
    if (p.institutions.empty()) return;
    blocks.push_back(heading("Institutions", 2));
    Block t = table_block({"institution", "years", "works", "printed as"});
    for (const auto& i : p.institutions)
        t.table.rows.push_back(
            {i.name, span_text(i.first_year, i.last_year), std::to_string(i.works), join(i.spellings, "; ")});
    blocks.push_back(std::move(t));
}

void add_coauthors(std::vector<Block>& blocks, const Profile& p) {
    if (p.coauthors.empty()) return;
    blocks.push_back(heading("Co-authors", 2));
    Block t = table_block({"person", "name", "shared works"});
    for (const auto& c : std::span(p.coauthors).first(p.coauthors_shown))
        t.table.rows.push_back({person_ref(c.id), c.name, std::to_string(c.shared_works)});
    blocks.push_back(std::move(t));
    if (p.coauthors_shown < p.coauthors.size())
        blocks.push_back(
            paragraph(fmt::format("…and {} more co-authors.", p.coauthors.size() - p.coauthors_shown)));
}

void add_works(std::vector<Block>& blocks, const Profile& p, bool explain) {
    blocks.push_back(heading("Works", 2));
    Block list = table_block({"year", "type", "venue", "title", "arxiv", "doi"});
    if (explain) list.table.columns.insert(list.table.columns.end(), {"attributed by", "confidence", "why"});
    for (const auto& w : p.works) {
        list.table.rows.push_back(
            {year_text(w), w.type, w.where(), w.title, w.id_of("arxiv"), w.id_of("doi")});
        if (auto it = p.attributions.find(w.id); it != p.attributions.end()) {
            const Attribution& a = it->second;
            list.table.rows.back().insert(list.table.rows.back().end(),
                                          {a.reason, fmt::format("{:.2f}", a.confidence), a.summary});
        }
    }
    blocks.push_back(std::move(list));
}

void add_abstracts(std::vector<Block>& blocks, const Profile& p) {
    for (const auto& w : p.works) {
        if (w.abstract.empty()) continue;
        blocks.push_back(heading(fmt::format("{} ({})", w.title, year_text(w)), 3));
        blocks.push_back(paragraph(w.abstract));
    }
}

}  // namespace

Document profile_report(Database& db, std::int64_t person, const ProfileOptions& options) {
    Profile p = load_profile(db, person, options);
    Document doc;
    doc.kind = "profile";
    doc.title = p.name;
    doc.data = profile_data(p, options);
    doc.blocks.push_back(heading(p.name, 1));
    doc.blocks.push_back(facts_block(p));
    add_probable_merge(doc.blocks, p);
    add_topics(doc.blocks, p);
    add_institutions(doc.blocks, p);
    add_coauthors(doc.blocks, p);
    add_works(doc.blocks, p, options.explain);
    if (options.abstracts) add_abstracts(doc.blocks, p);
    // The person's own graph, for the formats that draw one: the co-authors the profile lists,
    // topics and institutions.
    graph::GraphQuery around;
    around.topics = around.institutions = true;
    around.limit = options.coauthors > 0 ? options.coauthors + 1 : 0;
    doc.graph = graph::person_graph(db, {person}, around);
    return doc;
}

}  // namespace bzpeer
