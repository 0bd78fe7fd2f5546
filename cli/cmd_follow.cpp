// What a user does with people: whoami, claim/unclaim/claims, follow/unfollow/following, feed.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "bzpeer/base/error.hpp"
#include "bzpeer/identity/people.hpp"
#include "bzpeer/ingest/author_import.hpp"
#include "bzpeer/reports/social_reports.hpp"
#include "bzpeer/social/claims.hpp"
#include "bzpeer/social/feed.hpp"
#include "bzpeer/social/follows.hpp"
#include "bzpeer/social/users.hpp"
#include "context.hpp"

namespace bzpeer::cli {

namespace {

struct ClaimArgs {
    std::string person, orcid;
    bool offline = false;
};

social::User acting(Context& ctx) {
    return social::acting_user(ctx.s().database(), ctx.s().config(), ctx.as);
}

// The ORCID record must be stored for its works to be compared; fetched when it is not.
void ensure_orcid_record(Context& ctx, const std::string& orcid, bool offline) {
    if (social::orcid_record_stored(ctx.s().database(), orcid)) return;
    if (offline)
        throw not_found(
            fmt::format("ORCID {} is not in the database; run without --offline to fetch its record", orcid));
    ctx.info(fmt::format("fetching ORCID record {}", orcid));
    fetch_orcid_record(ctx.s(), orcid, offline);
}

void add_claim_commands(CLI::App& app, Context& ctx) {
    auto* claim = app.add_subcommand(
        "claim", "claim a person as yourself, by an ORCID iD whose record lists enough of their works");
    auto args = std::make_shared<ClaimArgs>();
    claim->add_option("PERSON", args->person, "p:ID, ORCID or name")->required();
    claim->add_option("--orcid", args->orcid, "the ORCID iD (default: config user.orcid)");
    claim->add_flag("--offline", args->offline, "use only the stored ORCID record; fetch nothing");
    claim->callback([&ctx, args] {
        ctx.action = [&ctx, args] {
            auto& db = ctx.s().database();
            auto person = resolve_person(db, args->person);
            auto orcid = social::orcid_to_claim(db, ctx.s().config(), ctx.as, args->orcid);
            ensure_orcid_record(ctx, orcid, args->offline);
            auto made = social::claim_person(db, ctx.s().config(), ctx.as, person, orcid);
            ctx.info(fmt::format("p:{} is claimed by {} with ORCID {}", made.person, made.user, made.orcid));
        };
    });

    auto* unclaim = app.add_subcommand("unclaim", "withdraw your claim of a person");
    auto who = std::make_shared<std::string>();
    unclaim->add_option("PERSON", *who, "p:ID, ORCID or name")->required();
    unclaim->callback([&ctx, who] {
        ctx.action = [&ctx, who] {
            auto& db = ctx.s().database();
            auto withdrawn = social::unclaim_person(db, ctx.s().config(), ctx.as, resolve_person(db, *who));
            ctx.info(fmt::format("{}'s claim of p:{} is withdrawn", withdrawn.user, withdrawn.person));
        };
    });

    auto* claims = app.add_subcommand("claims", "list the claims: person, user, ORCID, the works it backs");
    auto all = std::make_shared<bool>(false);
    claims->add_flag("--all", *all, "withdrawn claims too");
    claims->callback([&ctx, all] {
        ctx.action = [&ctx, all] { ctx.emit(claims_report(ctx.s().database(), *all), "tsv"); };
    });
}

void add_following_commands(CLI::App& app, Context& ctx) {
    auto* follow = app.add_subcommand("follow", "follow a person: their new works show in your feed");
    auto person = std::make_shared<std::string>();
    follow->add_option("PERSON", *person, "p:ID, ORCID or name")->required();
    follow->callback([&ctx, person] {
        ctx.action = [&ctx, person] {
            auto& db = ctx.s().database();
            auto id = resolve_person(db, *person);
            auto user = acting(ctx);
            bool added = social::follow(db, user.id, id);
            ctx.info(fmt::format("{} {} p:{}", user.name, added ? "follows" : "already follows", id));
        };
    });

    auto* unfollow = app.add_subcommand("unfollow", "stop following a person");
    auto other = std::make_shared<std::string>();
    unfollow->add_option("PERSON", *other, "p:ID, ORCID or name")->required();
    unfollow->callback([&ctx, other] {
        ctx.action = [&ctx, other] {
            auto& db = ctx.s().database();
            auto id = resolve_person(db, *other);
            auto user = acting(ctx);
            if (!social::unfollow(db, user.id, id))
                throw not_found(fmt::format("{} does not follow p:{}", user.name, id));
            ctx.info(fmt::format("{} no longer follows p:{}", user.name, id));
        };
    });

    app.add_subcommand("following", "the people you follow, with the new works your feed has not shown")
        ->callback([&ctx] {
            ctx.action = [&ctx] { ctx.emit(following_report(ctx.s().database(), acting(ctx).id), "tsv"); };
        });

    auto* feed = app.add_subcommand(
        "feed", "new works and new collaborators of the people you follow, since you last looked");
    auto since = std::make_shared<std::string>();
    feed->add_option("--since", *since, "what was stored after DATE (YYYY-MM-DD), without marking it seen");
    feed->callback([&ctx, since] {
        ctx.action = [&ctx, since] {
            auto& db = ctx.s().database();
            ctx.emit(feed_report(social::feed(db, acting(ctx).id, *since)), "tsv");
        };
    });
}

}  // namespace

void add_follow_commands(CLI::App& app, Context& ctx) {
    app.add_subcommand("whoami", "the user you act as, their ORCID and the person they claimed")
        ->callback([&ctx] {
            ctx.action = [&ctx] { ctx.emit(whoami_report(ctx.s().database(), acting(ctx)), "tsv"); };
        });
    add_claim_commands(app, ctx);
    add_following_commands(app, ctx);
}

}  // namespace bzpeer::cli
