#include "bzpeer/identity/attribution.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <map>
#include <set>

#include "bzpeer/base/error.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/identity/resolver.hpp"
#include "identity/name_blocks.hpp"

namespace bzpeer {

using blocks::BlockData;
using blocks::blocks_of;
using blocks::constraints_for;
using blocks::evidence_json;
using blocks::load_assertions;
using blocks::load_block;

namespace {

constexpr std::size_t kCircleWorks = 3;  // works a circle needs to count
constexpr int kCircleOverlap = 2;        // years two circles must share

// The other sign of several people behind one profile (the page this project started from):
// circles of co-authors, of several works each, at work in the same years and sharing nobody.
// One person's circles follow each other (a thesis, then a lab); namesakes' run side by side.
// The works of such circles, when there are two or more; solo works belong to none.
std::vector<std::vector<std::int64_t>> concurrent_circles(const BlockData& data,
                                                          const std::vector<std::size_t>& mine) {
    std::vector<std::size_t> parent(mine.size());
    for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
    auto find = [&](std::size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    // A co-author is their full name when printed in full ("yi wang"), else their block key.
    std::map<std::string, std::size_t> first_with;  // co-author -> a work of theirs
    for (std::size_t i = 0; i < mine.size(); ++i) {
        const auto& m = data.mentions[mine[i]];
        for (std::size_t k = 0; k < m.coauthors.size(); ++k) {
            const std::string& full = k < m.coauthor_names.size() ? m.coauthor_names[k] : m.coauthors[k];
            auto space = full.find(' ');
            const std::string& key = space != std::string::npos && space > 1 ? full : m.coauthors[k];
            if (auto [it, added] = first_with.emplace(key, i); !added) parent[find(i)] = find(it->second);
        }
    }
    struct Circle {
        std::vector<std::int64_t> works;
        int first = 0, last = 0;
    };
    std::map<std::size_t, Circle> by_root;
    for (std::size_t i = 0; i < mine.size(); ++i) {
        const auto& m = data.mentions[mine[i]];
        if (m.coauthors.empty()) continue;
        Circle& c = by_root[find(i)];
        c.works.push_back(m.work);
        if (m.year && (!c.first || m.year < c.first)) c.first = m.year;
        c.last = std::max(c.last, m.year);
    }
    std::vector<Circle> circles;
    for (auto& [root, circle] : by_root)
        if (circle.works.size() >= kCircleWorks && circle.first) circles.push_back(std::move(circle));
    std::vector<std::vector<std::int64_t>> out;
    std::vector<bool> taken(circles.size(), false);
    for (std::size_t a = 0; a < circles.size(); ++a)
        for (std::size_t b = a + 1; b < circles.size(); ++b) {
            int shared =
                std::min(circles[a].last, circles[b].last) - std::max(circles[a].first, circles[b].first);
            if (shared >= kCircleOverlap) taken[a] = taken[b] = true;
        }
    for (std::size_t c = 0; c < circles.size(); ++c)
        if (taken[c]) out.push_back(std::move(circles[c].works));
    return out.size() >= 2 ? out : std::vector<std::vector<std::int64_t>>{};
}

}  // namespace

double mean_attribution_confidence(Database& db, std::int64_t person) {
    auto& stmt = db.cached("SELECT avg(coalesce(confidence, 1.0)) FROM authorships WHERE person_id = ?1");
    stmt.bind(1, person);
    double mean = 1.0;
    if (stmt.step() && !stmt.is_null(0)) mean = stmt.real(0);
    stmt.reset();
    return mean;
}

std::vector<std::vector<std::int64_t>> weakly_connected_groups(Database& db, std::int64_t person,
                                                               std::size_t limit) {
    std::vector<std::vector<std::int64_t>> groups;
    for (const auto& block : blocks_of(db, person)) {
        BlockData data = load_block(db, block);
        std::vector<std::size_t> mine;
        for (std::size_t i = 0; i < data.mentions.size(); ++i)
            if (data.previous[i] == person) mine.push_back(i);
        if (mine.size() < 2 || mine.size() > limit) continue;
        auto options = resolver::options_for(block);
        std::vector<std::size_t> parent(mine.size());
        for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
        auto find = [&](std::size_t x) {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        };
        for (std::size_t a = 0; a < mine.size(); ++a)
            for (std::size_t b = a + 1; b < mine.size(); ++b) {
                if (find(a) == find(b)) continue;
                const auto& x = data.mentions[mine[a]];
                const auto& y = data.mentions[mine[b]];
                bool hard = !x.orcid.empty() && x.orcid == y.orcid;
                if (hard || resolver::compare(data.mentions, {mine[a]}, {mine[b]}, options).total() > 0)
                    parent[find(a)] = find(b);
            }
        std::map<std::size_t, std::vector<std::int64_t>> components;
        for (std::size_t i = 0; i < mine.size(); ++i)
            components[find(i)].push_back(data.mentions[mine[i]].work);
        if (components.size() < 2) {
            auto circles = concurrent_circles(data, mine);
            groups.insert(groups.end(), circles.begin(), circles.end());
            continue;
        }
        for (auto& [root, works] : components) groups.push_back(std::move(works));
    }
    std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return groups;
}

namespace {

// The evidence JSON stored with an attribution: as data, as "key: value" fields, and as one
// line naming the strongest of it.
struct ParsedEvidence {
    sdk::Value data;
    std::vector<std::pair<std::string, std::string>> fields;
    std::string summary;
};

ParsedEvidence parse_evidence(const std::string& evidence) {
    ParsedEvidence out;
    simdjson::dom::parser parser;
    simdjson::padded_string padded(evidence);
    simdjson::dom::object e;
    if (parser.parse(padded).get_object().get(e) != simdjson::SUCCESS) return out;
    out.data = sdk::Value::object();
    static const std::map<std::string_view, std::string_view> summary_labels = {
        {"score", "score"},
        {"shared_coauthors", "co-authors"},
        {"shared_categories", "subjects"},
        {"shared_words", "words"}};
    for (auto [key, value] : e) {
        double number;
        simdjson::dom::array list;
        auto label = summary_labels.find(key);
        if (value.get_double().get(number) == simdjson::SUCCESS) {
            out.data.set(std::string(key), number);
            out.fields.emplace_back(std::string(key), fmt::format("{:+.2f}", number));
            if (label != summary_labels.end()) out.summary = fmt::format("{} {:+.2f}", label->second, number);
        } else if (value.get_array().get(list) == simdjson::SUCCESS) {
            sdk::Value items = sdk::Value::array();
            std::string joined;
            for (auto v : list) {
                std::string_view text;
                if (v.get_string().get(text) == simdjson::SUCCESS) {
                    items.push(std::string(text));
                    joined += (joined.empty() ? "" : ", ") + std::string(text);
                }
            }
            out.data.set(std::string(key), std::move(items));
            if (joined.empty()) continue;
            out.fields.emplace_back(std::string(key), joined);
            if (label != summary_labels.end()) out.summary += fmt::format("; {}: {}", label->second, joined);
        }
    }
    return out;
}

void add_evidence(const std::string& evidence, sdk::Document& doc, sdk::Block& fields) {
    auto parsed = parse_evidence(evidence);
    if (parsed.fields.empty()) return;
    fields.fields.insert(fields.fields.end(), parsed.fields.begin(), parsed.fields.end());
    doc.data.set("evidence", std::move(parsed.data));
}

sdk::Document explanation(const std::string& title, std::int64_t work, std::int64_t person) {
    sdk::Document doc;
    doc.kind = "report";
    doc.title = title;
    doc.data = sdk::Value::object();
    doc.data.set("work", ids::work_ref(work));
    doc.data.set("person", ids::person_ref(person));
    sdk::Block heading;
    heading.type = sdk::Block::Type::heading;
    heading.text = title;
    doc.blocks.push_back(heading);
    return doc;
}

// Why a work of the person's name block is not on the person's profile: who has it, and the
// evidence between it and the person's works as resolution weighs it now.
sdk::Document explain_absence(Database& db, std::int64_t work, std::int64_t person) {
    for (const auto& block : blocks_of(db, person)) {
        BlockData data = load_block(db, block);
        std::optional<std::size_t> mention;
        std::vector<std::size_t> theirs;
        for (std::size_t i = 0; i < data.mentions.size(); ++i) {
            if (data.mentions[i].work == work) mention = i;
            if (data.previous[i] == person) theirs.push_back(i);
        }
        if (!mention) continue;
        const std::string& printed = data.printed[*mention];
        const std::int64_t holder = data.previous[*mention];
        auto& stmt = db.cached("SELECT position FROM authorships WHERE id = ?1");
        stmt.bind(1, data.mentions[*mention].id);
        const std::int64_t position = stmt.step() ? stmt.integer(0) : 0;
        stmt.reset();

        auto doc = explanation(fmt::format("Why w:{} is not on p:{}'s profile", work, person), work, person);
        doc.data.set("printed_name", printed);
        doc.data.set("author_position", position);
        doc.data.set("attributed_to", holder ? sdk::Value(ids::person_ref(holder)) : sdk::Value());
        sdk::Block fields;
        fields.type = sdk::Block::Type::fields;
        fields.fields = {{"Printed as", fmt::format("{} (author {})", printed, position)},
                         {"Attributed to", holder ? ids::person_ref(holder) : "nobody"}};
        auto constraints = constraints_for(load_assertions(db), data);
        bool ruled_out = std::any_of(constraints.different.begin(), constraints.different.end(), [&](auto d) {
            return (d.first == *mention && std::count(theirs.begin(), theirs.end(), d.second)) ||
                   (d.second == *mention && std::count(theirs.begin(), theirs.end(), d.first));
        });
        if (ruled_out) {
            fields.fields.emplace_back("Meaning", "a correction in the ledger says it is not this person's");
        } else {
            auto evidence =
                resolver::compare(data.mentions, {*mention}, theirs, resolver::options_for(block));
            fields.fields.emplace_back("Meaning",
                                       "the evidence below, between this work and the person's works, was "
                                       "not enough to join them");
            add_evidence(evidence_json(evidence), doc, fields);
        }
        doc.data.set("reason", ruled_out ? "assertion" : "evidence");
        doc.blocks.push_back(std::move(fields));
        return doc;
    }
    throw not_found(fmt::format("w:{} has no author under any of p:{}'s names", work, person));
}

}  // namespace

sdk::Document explain_attribution(Database& db, std::int64_t work, std::int64_t person) {
    auto& stmt = db.cached(
        "SELECT printed_name, position, reason, confidence, evidence FROM authorships WHERE work_id = ?1 AND "
        "person_id = ?2");
    stmt.bind(1, work).bind(2, person);
    if (!stmt.step()) {
        stmt.reset();
        return explain_absence(db, work, person);
    }
    std::string printed = stmt.text(0), reason = stmt.text(2), evidence = stmt.text(4);
    std::int64_t position = stmt.integer(1);
    double confidence = stmt.is_null(3) ? 1.0 : stmt.real(3);
    stmt.reset();

    auto doc = explanation(fmt::format("Why w:{} is on p:{}'s profile", work, person), work, person);
    doc.data.set("printed_name", printed);
    doc.data.set("author_position", position);
    doc.data.set("reason", reason);
    doc.data.set("confidence", confidence);
    sdk::Block fields;
    fields.type = sdk::Block::Type::fields;
    fields.fields = {{"Printed as", fmt::format("{} (author {})", printed, position)},
                     {"Attributed by", reason},
                     {"Confidence", fmt::format("{:.2f}", confidence)}};
    static const std::map<std::string, std::string> meaning = {
        {"alone", "no other work of this name block is this person's; the work stands on its own"},
        {"orcid", "the authorship carries the person's ORCID"},
        {"assertion", "a correction in the ledger says so"},
        {"evidence", "joined to the person's other works by the evidence below"}};
    if (auto it = meaning.find(reason); it != meaning.end())
        fields.fields.emplace_back("Meaning", it->second);
    if (!evidence.empty()) add_evidence(evidence, doc, fields);
    doc.blocks.push_back(std::move(fields));
    return doc;
}

std::map<std::int64_t, Attribution> attributions_of(Database& db, std::int64_t person) {
    std::map<std::int64_t, Attribution> out;
    auto stmt = db.prepare(
        "SELECT work_id, coalesce(reason, ''), coalesce(confidence, 1.0), coalesce(evidence, '') FROM "
        "authorships "
        "WHERE person_id = ?1");
    for (stmt.bind(1, person); stmt.step();) {
        Attribution a;
        a.reason = stmt.text(1);
        a.confidence = stmt.real(2);
        if (!stmt.text(3).empty()) {
            auto parsed = parse_evidence(stmt.text(3));
            a.evidence = std::move(parsed.data);
            a.summary = std::move(parsed.summary);
        }
        out.emplace(stmt.integer(0), std::move(a));
    }
    return out;
}

}  // namespace bzpeer
