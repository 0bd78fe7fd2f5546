#include "bzpeer/social/invite.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "base/topics.hpp"
#include "bzpeer/base/error.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/base/mail.hpp"
#include "bzpeer/graph/collaborators.hpp"
#include "bzpeer/identity/people.hpp"

namespace bzpeer::social {

namespace {

constexpr std::size_t kTopicsStated = 5;
constexpr std::int64_t kWorksEach = 3;

std::vector<MutualCollaborator> mutual_collaborators(Database& db, std::int64_t sender,
                                                     std::int64_t invitee) {
    std::map<std::int64_t, std::int64_t> theirs;
    for (const auto& c : graph::collaborators(db, invitee, {})) theirs[c.id] = c.shared_works;
    std::vector<MutualCollaborator> both;
    for (const auto& c : graph::collaborators(db, sender, {}))
        if (auto it = theirs.find(c.id); it != theirs.end() && c.id != invitee)
            both.push_back({c.id, c.name, c.shared_works, it->second});
    std::stable_sort(both.begin(), both.end(), [](const auto& a, const auto& b) {
        return a.with_sender + a.with_invitee > b.with_sender + b.with_invitee;
    });
    return both;
}

// The person's most recent works in `topics` (any work when `topics` is empty).
std::vector<RelatedWork> recent_works(Database& db, std::int64_t person,
                                      const std::vector<std::string>& topics) {
    std::string codes = "[";
    for (const auto& t : topics) codes += (codes.size() > 1 ? ",\"" : "\"") + t + "\"";
    codes += "]";
    auto& stmt = db.cached(R"sql(
SELECT w.id, w.title, w.year,
       (SELECT value FROM identifiers i WHERE i.work_id = w.id AND i.scheme = 'arxiv' LIMIT 1),
       (SELECT value FROM identifiers i WHERE i.work_id = w.id AND i.scheme = 'doi' LIMIT 1)
FROM works w
WHERE w.id IN (SELECT work_id FROM authorships WHERE person_id = ?1)
  AND (json_array_length(?2) = 0 OR EXISTS (
       SELECT 1 FROM work_topics wt JOIN topics t ON t.id = wt.topic_id
       WHERE wt.work_id = w.id AND t.code IN (SELECT value FROM json_each(?2))))
ORDER BY w.year IS NULL, w.year DESC, w.date DESC, w.id DESC
LIMIT ?3)sql");
    stmt.bind(1, person).bind(2, codes).bind(3, kWorksEach);
    std::vector<RelatedWork> works;
    while (stmt.step()) {
        RelatedWork w;
        w.id = stmt.integer(0);
        w.title = stmt.text(1);
        if (!stmt.is_null(2)) w.year = stmt.integer(2);
        if (!stmt.is_null(3))
            w.ref = "arXiv:" + stmt.text(3);
        else if (!stmt.is_null(4))
            w.ref = "doi:" + stmt.text(4);
        else
            w.ref = ids::work_ref(w.id);
        works.push_back(std::move(w));
    }
    return works;
}

std::string work_line(const RelatedWork& w) {
    return w.year ? fmt::format("- *{}* ({}, {})\n", w.title, *w.year, w.ref)
                  : fmt::format("- *{}* ({})\n", w.title, w.ref);
}

std::string compose_body(const Fit& fit, const std::string& sender_name, const std::string& invitee_name,
                         const User& user, const std::string& message, std::int64_t sender) {
    std::string body = fmt::format("Dear {},\n\n", invitee_name);
    if (!message.empty()) body += message + "\n\n";
    body += fmt::format("I am {} ({} in my bzpeer research graph), and our work looks close.\n\n",
                        sender_name, ids::person_ref(sender));

    body += "## Topics we share\n\n";
    if (fit.shared_topics.empty()) body += "We have no arXiv category in common yet.\n";
    for (const auto& code : fit.shared_topics)
        body += fmt::format("- {} ({})\n", code, arxiv_category_name(code));

    body += "\n## Mutual collaborators\n\n";
    if (fit.mutual.empty()) body += "None yet: we would be connected directly.\n";
    for (const auto& m : fit.mutual)
        body += fmt::format("- {}: {} joint work{} with me, {} with you\n", m.name, m.with_sender,
                            m.with_sender == 1 ? "" : "s", m.with_invitee);

    body += "\n## Recent related works\n\n";
    body += fmt::format("Mine ({}):\n\n", sender_name);
    for (const auto& w : fit.sender_works) body += work_line(w);
    body += fmt::format("\nYours ({}):\n\n", invitee_name);
    for (const auto& w : fit.invitee_works) body += work_line(w);

    body += fmt::format("\nWould you like to work together?\n\n{}\n{}\n", user.name, user.email);
    return body;
}

std::int64_t epoch_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

Fit invitation_fit(Database& db, std::int64_t sender, std::int64_t invitee) {
    Fit fit;
    fit.shared_topics = graph::topics_in_common(db, sender, invitee, kTopicsStated);
    fit.mutual = mutual_collaborators(db, sender, invitee);
    fit.sender_works = recent_works(db, sender, fit.shared_topics);
    fit.invitee_works = recent_works(db, invitee, fit.shared_topics);
    return fit;
}

Invitation draft_invitation(Database& db, const User& user, const InvitationRequest& request) {
    auto sender = claimed_person(db, user.id);
    if (!sender)
        throw Error(
            fmt::format("{} has not claimed a profile: run `bzpeer claim` first, so that the invitation "
                        "can say whose work it is from",
                        user.name));
    if (user.email.empty())
        throw Error("an invitation needs your address for From: `bzpeer config set user.email ADDRESS`");
    if (*sender == request.invitee) throw usage_error("that is the person you claimed: invite someone else");
    if (!request.email.empty() && !mail::plausible_address(request.email))
        throw usage_error(fmt::format("--to: '{}' is not an email address", request.email));

    Invitation inv;
    inv.person = request.invitee;
    inv.person_name = display_name(db, request.invitee);
    inv.email = request.email;
    inv.sender_email = user.email;
    std::string sender_name = display_name(db, *sender);
    inv.subject = fmt::format("An invitation to collaborate, from {}", sender_name);
    inv.body = compose_body(invitation_fit(db, *sender, request.invitee), sender_name, inv.person_name, user,
                            request.message, *sender);

    mail::Message m;
    m.from = {user.name, user.email};
    m.to = {inv.person_name, request.email};
    m.subject = inv.subject;
    m.body = inv.body;
    m.date = epoch_now();
    m.message_id = mail::new_message_id(user.email, m.date);
    inv.message = mail::format_message(m);
    inv.status = "draft";
    inv.created_at = utc_now();

    auto& insert = db.cached(R"sql(
INSERT INTO invitations (user_id, person_id, email, subject, body, message, status, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'draft', ?7) RETURNING id)sql");
    insert.bind(1, user.id)
        .bind(2, inv.person)
        .bind(3, inv.email)
        .bind(4, inv.subject)
        .bind(5, inv.body)
        .bind(6, inv.message)
        .bind(7, inv.created_at);
    insert.step();
    inv.id = insert.integer(0);
    insert.reset();
    return inv;
}

void mark_sent(Database& db, std::int64_t invitation) {
    auto& stmt =
        db.cached("UPDATE invitations SET status = 'sent', sent_at = ?2, error = NULL WHERE id = ?1");
    stmt.bind(1, invitation).bind(2, utc_now());
    stmt.run();
}

void mark_failed(Database& db, std::int64_t invitation, const std::string& error) {
    auto& stmt = db.cached("UPDATE invitations SET status = 'failed', error = ?2 WHERE id = ?1");
    stmt.bind(1, invitation).bind(2, error);
    stmt.run();
}

std::vector<Invitation> invitations(Database& db, std::int64_t user) {
    auto& stmt = db.cached(R"sql(
SELECT i.id, i.person_id, p.display_name, i.email, i.subject, i.status, i.created_at,
       coalesce(i.sent_at, ''), coalesce(i.error, '')
FROM invitations i JOIN people p ON p.id = i.person_id
WHERE i.user_id = ?1 ORDER BY i.id DESC)sql");
    stmt.bind(1, user);
    std::vector<Invitation> found;
    while (stmt.step()) {
        Invitation inv;
        inv.id = stmt.integer(0);
        inv.person = stmt.integer(1);
        inv.person_name = stmt.text(2);
        inv.email = stmt.text(3);
        inv.subject = stmt.text(4);
        inv.status = stmt.text(5);
        inv.created_at = stmt.text(6);
        inv.sent_at = stmt.text(7);
        inv.error = stmt.text(8);
        found.push_back(std::move(inv));
    }
    return found;
}

}  // namespace bzpeer::social
