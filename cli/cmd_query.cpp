// Read-only commands over the store: stats, works, people, profile.
#include <CLI/CLI.hpp>
#include <optional>

#include "bzpeer/identity/people.hpp"
#include "bzpeer/reports/reports.hpp"
#include "bzpeer/social/trust.hpp"
#include "context.hpp"

namespace bzpeer::cli {

void add_query_commands(CLI::App& app, Context& ctx) {
    auto* stats = app.add_subcommand("stats", "count what the database holds");
    stats->callback([&ctx] { ctx.action = [&ctx] { ctx.emit(stats_report(ctx.s().database()), "tsv"); }; });

    auto* works = app.add_subcommand("works", "list works, all or of one person");
    auto person = std::make_shared<std::string>();
    works->add_option("PERSON", *person, "p:ID, ORCID or name");
    works->callback([&ctx, works, person] {
        if (!works->get_subcommands().empty()) return;  // `works claim` and `works disown` act instead
        ctx.action = [&ctx, person] {
            auto& db = ctx.s().database();
            std::optional<std::int64_t> id;
            if (!person->empty()) id = resolve_person(db, *person);
            ctx.emit(works_report(db, id), "tsv");
        };
    });

    auto* people = app.add_subcommand("people", "list the people behind a name");
    auto name = std::make_shared<std::string>();
    people->add_option("NAME", *name, "a name as printed, e.g. \"Bo Zheng\" or \"Zheng, B.\"");
    people->callback([&ctx, people, name] {
        if (!people->get_subcommands().empty()) return;  // `people merge` and `people split` act instead
        if (name->empty()) throw CLI::RequiredError("NAME");
        ctx.action = [&ctx, name] { ctx.emit(people_report(ctx.s().database(), *name), "tsv"); };
    });

    auto* profile = app.add_subcommand("profile", "a person's profile report");
    auto who = std::make_shared<std::string>();
    auto coauthors = std::make_shared<long>(-1);
    auto no_abstracts = std::make_shared<bool>(false);
    profile->add_option("PERSON", *who, "p:ID, ORCID or name")->required();
    profile->add_option("--coauthors", *coauthors, "list at most N co-authors (0: all; default from config)")
        ->check(CLI::NonNegativeNumber);
    profile->add_flag("--no-abstracts", *no_abstracts, "leave out the works' abstracts");
    auto explain = std::make_shared<bool>(false);
    profile->add_flag(
        "--explain", *explain,
        "show how each work came to be on the profile: by evidence, ORCID, correction, or alone");
    profile->callback([&ctx, who, coauthors, no_abstracts, explain] {
        ctx.action = [&ctx, who, coauthors, no_abstracts, explain] {
            auto& db = ctx.s().database();
            const auto& config = ctx.s().config();
            ProfileOptions options;
            options.coauthors = *coauthors >= 0 ? *coauthors : config.count("profile.coauthors");
            options.abstracts = !*no_abstracts && config.flag("profile.abstracts");
            options.explain = *explain;
            options.close_min_shared = config.count("collaborators.close_min_shared");
            options.trust_weights = social::trust_weights(config);
            ctx.emit(profile_report(db, resolve_person(db, *who), options), "markdown");
        };
    });
}

}  // namespace bzpeer::cli
