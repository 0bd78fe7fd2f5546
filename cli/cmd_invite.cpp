// Working together: people to invite (`suggest`), invitations written, recorded and sent
// (`invite`), and the invitations made (`invitations`).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include "bzpeer/base/error.hpp"
#include "bzpeer/identity/people.hpp"
#include "bzpeer/net/mail.hpp"
#include "bzpeer/reports/collaborate.hpp"
#include "bzpeer/social/invite.hpp"
#include "bzpeer/social/users.hpp"
#include "context.hpp"

namespace bzpeer::cli {

namespace {

struct SuggestArgs {
    std::string person;
    std::size_t limit = 20;
};

struct InviteArgs {
    std::string person;
    std::string message;
    std::string to;
    bool send = false;
};

net::SmtpServer smtp_server(const Config& config) {
    net::SmtpServer server;
    server.url = config.text("smtp.url");
    server.username = config.text("smtp.username");
    server.password = config.text("smtp.password");
    server.connect_timeout = config.number("http.connect_timeout");
    server.timeout = config.number("http.timeout");
    return server;
}

// The draft goes to --output (the markdown body for FILE.md, the message otherwise) or, when it
// is not being sent, to stdout.
void write_draft(Context& ctx, const social::Invitation& inv, bool sending) {
    if (!ctx.output.empty() && ctx.output != "-") {
        bool markdown = std::filesystem::path(ctx.output).extension() == ".md";
        write_file_atomically(ctx.output, markdown ? inv.body : inv.message);
        ctx.info(fmt::format("wrote invitation #{} to {} ({})", inv.id, ctx.output,
                             markdown ? "markdown" : "message"));
        return;
    }
    if (sending && ctx.output.empty()) return;
    std::fwrite(inv.message.data(), 1, inv.message.size(), stdout);
    if (std::fflush(stdout) != 0) throw Error("cannot write to standard output");
}

// Sends, and records what happened; a failure is one line naming the invitation and why.
void deliver(Context& ctx, const social::Invitation& inv) {
    auto& db = ctx.s().database();
    try {
        net::send_mail(smtp_server(ctx.s().config()), inv.sender_email, {inv.email}, inv.message);
    } catch (const Error& e) {
        social::mark_failed(db, inv.id, e.what());
        throw Error(fmt::format("invitation #{} to {} not sent (recorded as failed): {}", inv.id, inv.email,
                                e.what()));
    }
    social::mark_sent(db, inv.id);
    ctx.info(fmt::format("sent invitation #{} to {}", inv.id, inv.email));
}

void add_suggest_command(CLI::App& app, Context& ctx) {
    auto* suggest = app.add_subcommand(
        "suggest",
        "people to work with: co-authors of co-authors and people in the same topics, with reasons");
    auto a = std::make_shared<SuggestArgs>();
    suggest->add_option("PERSON", a->person, "p:ID, ORCID or name")->required();
    suggest->add_option("--limit", a->limit, "list at most N, the strongest first (default 20)")
        ->check(CLI::PositiveNumber);
    suggest->callback([&ctx, a] {
        ctx.action = [&ctx, a] {
            auto& db = ctx.s().database();
            ctx.emit(suggestions_report(db, resolve_person(db, a->person), a->limit), "tsv");
        };
    });
}

void add_invite_command(CLI::App& app, Context& ctx) {
    auto* invite = app.add_subcommand(
        "invite", "write an invitation to work together (needs a claimed profile), and send it");
    auto a = std::make_shared<InviteArgs>();
    invite->add_option("PERSON", a->person, "p:ID, ORCID or name of the person invited")->required();
    invite->add_option("--message", a->message, "your own words, put first in the invitation");
    invite->add_option("--to", a->to, "the invitee's email address (To:)")->type_name("EMAIL");
    invite->add_flag("--send", a->send, "deliver it through the SMTP server of config smtp.url (needs --to)");
    invite->callback([&ctx, a] {
        if (a->send && a->to.empty()) throw CLI::ValidationError("--send", "needs --to EMAIL");
        ctx.action = [&ctx, a] {
            auto& db = ctx.s().database();
            if (a->send && ctx.s().config().text("smtp.url").empty())
                throw usage_error(
                    "--send: no SMTP server; set one with `bzpeer config set smtp.url smtp://HOST:PORT`");
            auto user = social::acting_user(db, ctx.s().config(), ctx.as);
            social::InvitationRequest request;
            request.invitee = resolve_person(db, a->person);
            request.message = a->message;
            request.email = a->to;
            auto inv = social::draft_invitation(db, user, request);
            write_draft(ctx, inv, a->send);
            if (a->send)
                deliver(ctx, inv);
            else
                ctx.info(fmt::format("invitation #{} to {} kept as a draft", inv.id, inv.person_name));
        };
    });
}

void add_invitations_command(CLI::App& app, Context& ctx) {
    auto* list = app.add_subcommand("invitations", "the invitations you wrote, with their status");
    list->callback([&ctx] {
        ctx.action = [&ctx] {
            auto& db = ctx.s().database();
            ctx.emit(invitations_report(db, social::acting_user(db, ctx.s().config(), ctx.as)), "tsv");
        };
    });
}

}  // namespace

void add_invite_commands(CLI::App& app, Context& ctx) {
    add_suggest_command(app, ctx);
    add_invite_command(app, ctx);
    add_invitations_command(app, ctx);
}

}  // namespace bzpeer::cli
