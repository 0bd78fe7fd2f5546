#include "bzpeer/reports/collaborate.hpp"

#include <fmt/format.h>

#include "base/table_document.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/graph/suggest.hpp"
#include "bzpeer/identity/people.hpp"
#include "bzpeer/social/invite.hpp"

namespace bzpeer {

using sdk::Value;

sdk::Document suggestions_report(Database& db, std::int64_t person, std::size_t limit) {
    auto doc = table_document(
        fmt::format("People to work with, for {} ({})", display_name(db, person), ids::person_ref(person)),
        {"rank", "id", "name", "mutual", "shared_topics", "topic_works", "reason"});
    auto& rows = doc.blocks.back().table.rows;
    std::int64_t rank = 0;
    for (const auto& s : graph::suggest(db, person, limit)) {
        ++rank;
        Value mutual = Value::array();
        std::vector<std::string> mutual_refs;
        for (const auto& m : s.mutual) {
            Value item = Value::object();
            item.set("id", ids::person_ref(m.id));
            item.set("name", m.name);
            mutual.push(std::move(item));
            mutual_refs.push_back(ids::person_ref(m.id));
        }
        Value topics = Value::array();
        for (const auto& t : s.shared_topics) topics.push(t);
        Value item = Value::object();
        item.set("rank", rank);
        item.set("id", ids::person_ref(s.id));
        item.set("name", s.name);
        item.set("mutual_collaborators", std::move(mutual));
        item.set("shared_topics", std::move(topics));
        item.set("topic_works", s.topic_works);
        item.set("score", s.score);
        item.set("reason", s.reason);
        doc.data.push(std::move(item));
        rows.push_back({std::to_string(rank), ids::person_ref(s.id), s.name,
                        fmt::format("{}", fmt::join(mutual_refs, " ")),
                        fmt::format("{}", fmt::join(s.shared_topics, " ")), std::to_string(s.topic_works),
                        s.reason});
    }
    return doc;
}

sdk::Document invitations_report(Database& db, const social::User& user) {
    auto doc = table_document(
        fmt::format("Invitations by {}", user.name),
        {"id", "person", "name", "email", "subject", "status", "created_at", "sent_at", "error"});
    auto& rows = doc.blocks.back().table.rows;
    for (const auto& inv : social::invitations(db, user.id)) {
        auto or_null = [](const std::string& text) { return text.empty() ? Value() : Value(text); };
        Value item = Value::object();
        item.set("id", inv.id);
        item.set("person", ids::person_ref(inv.person));
        item.set("name", inv.person_name);
        item.set("email", or_null(inv.email));
        item.set("subject", inv.subject);
        item.set("status", inv.status);
        item.set("created_at", inv.created_at);
        item.set("sent_at", or_null(inv.sent_at));
        item.set("error", or_null(inv.error));
        doc.data.push(std::move(item));
        rows.push_back({std::to_string(inv.id), ids::person_ref(inv.person), inv.person_name, inv.email,
                        inv.subject, inv.status, inv.created_at, inv.sent_at, inv.error});
    }
    return doc;
}

}  // namespace bzpeer
