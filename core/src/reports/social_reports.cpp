#include "bzpeer/reports/social_reports.hpp"

#include <fmt/format.h>

#include "base/json_text.hpp"
#include "base/table_document.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/social/claims.hpp"
#include "bzpeer/social/follows.hpp"

namespace bzpeer {

namespace {

sdk::Value ref_array(const std::vector<std::string>& items) {
    sdk::Value array = sdk::Value::array();
    for (const auto& item : items) array.push(item);
    return array;
}

// The works a claim's evidence names (their stable keys).
std::vector<std::string> shared_works_of(const std::string& evidence) {
    auto start = evidence.find("\"shared\":");
    if (start == std::string::npos) return {};
    auto end = evidence.find(']', start);
    return json_text::parse_array(evidence.substr(start + 9, end - start - 8), "claim evidence");
}

}  // namespace

sdk::Document claims_report(Database& db, bool withdrawn_too) {
    auto doc =
        table_document("Claims", {"person", "name", "user", "orcid", "shared works", "since", "withdrawn"});
    auto& rows = doc.blocks.back().table.rows;
    auto stmt = db.prepare(fmt::format(R"sql(
SELECT c.person_id, p.display_name, u.name, c.orcid, c.evidence, c.created_at, coalesce(c.withdrawn_at, '')
FROM claims c JOIN users u ON u.id = c.user_id JOIN people p ON p.id = c.person_id {} ORDER BY c.id)sql",
                                       withdrawn_too ? "" : "WHERE c.withdrawn_at IS NULL"));
    while (stmt.step()) {
        auto shared = shared_works_of(stmt.text(4));
        sdk::Value item = sdk::Value::object();
        item.set("person", ids::person_ref(stmt.integer(0)));
        item.set("name", stmt.text(1));
        item.set("user", stmt.text(2));
        item.set("orcid", stmt.text(3));
        item.set("shared_works", ref_array(shared));
        item.set("created_at", stmt.text(5));
        item.set("withdrawn_at", stmt.text(6).empty() ? sdk::Value() : sdk::Value(stmt.text(6)));
        doc.data.push(std::move(item));
        rows.push_back({ids::person_ref(stmt.integer(0)), stmt.text(1), stmt.text(2), stmt.text(3),
                        std::to_string(shared.size()), stmt.text(5), stmt.text(6)});
    }
    return doc;
}

sdk::Document following_report(Database& db, std::int64_t user) {
    auto doc = table_document("Following", {"person", "name", "since", "new works"});
    auto& rows = doc.blocks.back().table.rows;
    for (const auto& f : social::following(db, user)) {
        sdk::Value item = sdk::Value::object();
        item.set("person", ids::person_ref(f.person));
        item.set("name", f.name);
        item.set("since", f.since);
        item.set("new_works", f.unseen_works);
        doc.data.push(std::move(item));
        rows.push_back({ids::person_ref(f.person), f.name, f.since, std::to_string(f.unseen_works)});
    }
    return doc;
}

sdk::Document feed_report(const std::vector<social::FeedItem>& items) {
    auto doc = table_document("Feed", {"person", "name", "new", "id", "title or name", "year", "stored"});
    auto& rows = doc.blocks.back().table.rows;
    for (const auto& i : items) {
        std::string id = i.kind == "work" ? ids::work_ref(i.id) : ids::person_ref(i.id);
        sdk::Value item = sdk::Value::object();
        item.set("person", ids::person_ref(i.person));
        item.set("name", i.person_name);
        item.set("kind", i.kind);
        item.set("id", id);
        item.set(i.kind == "work" ? "title" : "collaborator", i.label);
        if (i.year) item.set("year", *i.year);
        item.set("stored_at", i.stored_at);
        doc.data.push(std::move(item));
        rows.push_back({ids::person_ref(i.person), i.person_name, i.kind, id, i.label,
                        i.year ? std::to_string(*i.year) : "", i.stored_at});
    }
    return doc;
}

sdk::Document whoami_report(Database& db, const social::User& user) {
    auto doc = table_document("Who am I", {"field", "value"});
    auto& rows = doc.blocks.back().table.rows;
    doc.data = sdk::Value::object();
    auto claimed = social::claimed_person(db, user.id);
    auto follows = social::following(db, user.id);
    auto add = [&](const std::string& field, const std::string& value) {
        rows.push_back({field, value});
        doc.data.set(field, value);
    };
    add("user", user.name);
    add("email", user.email);
    add("orcid", user.orcid);
    add("claimed", claimed ? ids::person_ref(*claimed) : "");
    rows.push_back({"following", std::to_string(follows.size())});
    doc.data.set("following", static_cast<std::int64_t>(follows.size()));
    return doc;
}

}  // namespace bzpeer
