// `bzpeer trust PERSON [--explain]`: how far the record lets a reader rely on a person.
#include <CLI/CLI.hpp>

#include "bzpeer/identity/people.hpp"
#include "bzpeer/reports/trust_report.hpp"
#include "bzpeer/social/trust.hpp"
#include "context.hpp"

namespace bzpeer::cli {

void add_trust_command(CLI::App& app, Context& ctx) {
    auto* trust = app.add_subcommand("trust", "a person's trust score (0-100), band and verification level");
    auto who = std::make_shared<std::string>();
    auto explain = std::make_shared<bool>(false);
    trust->add_option("PERSON", *who, "p:ID, ORCID or name")->required();
    trust->add_flag("--explain", *explain,
                    "every component of the score: its value, weight, points and the evidence behind it");
    trust->callback([&ctx, who, explain] {
        ctx.action = [&ctx, who, explain] {
            auto& db = ctx.s().database();
            auto options = social::trust_options(ctx.s().config());
            ctx.emit(trust_report(db, resolve_person(db, *who), options, *explain), "markdown");
        };
    });
}

}  // namespace bzpeer::cli
