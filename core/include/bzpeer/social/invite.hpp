// Invitations to work together: from a user who has claimed their person, to another person,
// stating the fit (shared topics, mutual collaborators, recent related works of both) as a
// markdown body inside an RFC 5322 message. Kept in the `invitations` table as draft, sent or
// failed; net/mail sends them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bzpeer/graph/suggest.hpp"
#include "bzpeer/social/users.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer::social {

struct RelatedWork {
    std::int64_t id = 0;
    std::string title;
    std::optional<std::int64_t> year;
    std::string ref;  // "arXiv:2101.00001", "doi:10.1/x" or "w:12"
};

struct MutualCollaborator {
    std::int64_t id = 0;
    std::string name;
    std::int64_t with_sender = 0, with_invitee = 0;  // joint works
};

// Why two people might work together.
struct Fit {
    std::vector<std::string> shared_topics;                // arXiv categories, the most shared first
    std::vector<MutualCollaborator> mutual;                // the most joint works (both sides) first
    std::vector<RelatedWork> sender_works, invitee_works;  // recent, in the shared topics if any
};

Fit invitation_fit(Database& db, std::int64_t sender, std::int64_t invitee);

struct InvitationRequest {
    std::int64_t invitee = 0;  // a person
    std::string message;       // the user's own words, put first
    std::string email;         // the To: address; may be empty for a draft
};

struct Invitation {
    std::int64_t id = 0;
    std::int64_t person = 0;
    std::string person_name;
    std::string email, subject, body, message, status, created_at, sent_at, error;
    std::string sender_email;  // the From: address (the user's)
};

// Writes the invitation and records it as a draft. Refused (an Error, exit 1) unless the user
// has a live claim on a person, and when the user has no email address (From: needs one), or
// invites the person they claimed.
Invitation draft_invitation(Database& db, const User& user, const InvitationRequest& request);

void mark_sent(Database& db, std::int64_t invitation);
void mark_failed(Database& db, std::int64_t invitation, const std::string& error);

// The user's invitations, newest first.
std::vector<Invitation> invitations(Database& db, std::int64_t user);

}  // namespace bzpeer::social
