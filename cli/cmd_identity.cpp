// Identity commands: resolve, explain, the corrections (people merge/split, works
// claim/disown), the ledger, and eval.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <sstream>

#include "bzpeer/base/error.hpp"
#include "bzpeer/identity/attribution.hpp"
#include "bzpeer/identity/corrections.hpp"
#include "bzpeer/identity/evaluate.hpp"
#include "bzpeer/identity/identity.hpp"
#include "bzpeer/identity/people.hpp"
#include "bzpeer/reports/reports.hpp"
#include "bzpeer/social/claims.hpp"
#include "context.hpp"

namespace bzpeer::cli {

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(fmt::format("{}: cannot open for reading", path));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Who the ledger says made a correction: the acting user when they have claimed a person.
std::string claimant(Context& ctx) {
    return social::claimant_name(ctx.s().database(), ctx.s().config(), ctx.as);
}

CLI::App* subcommand(CLI::App& app, const std::string& name) {
    auto found = app.get_subcommands([&](CLI::App* sub) { return sub->get_name() == name; });
    return found.empty() ? nullptr : found.front();
}

void add_corrections(CLI::App& app, Context& ctx) {
    auto* people = subcommand(app, "people");
    auto* merge = people->add_subcommand("merge", "assert that two people are one (kept in the ledger)");
    auto pair = std::make_shared<std::vector<std::string>>();
    merge->add_option("PERSON", *pair, "two people: p:ID, ORCID or name")->expected(2)->required();
    merge->callback([&ctx, pair] {
        ctx.action = [&ctx, pair] {
            auto& db = ctx.s().database();
            auto a = resolve_person(db, (*pair)[0]), b = resolve_person(db, (*pair)[1]);
            merge_people(db, a, b, claimant(ctx));
            ctx.info(fmt::format("p:{} and p:{} are now one person", a, b));
        };
    });

    auto* split = people->add_subcommand("split", "assert that some works of a person are someone else's");
    auto who = std::make_shared<std::string>();
    auto works = std::make_shared<std::vector<std::string>>();
    auto flagged = std::make_shared<bool>(false);
    split->add_option("PERSON", *who, "p:ID, ORCID or name")->required();
    auto* works_option =
        split->add_option("--works", *works, "the works that belong to another person (w:ID, arXiv id, DOI)");
    split
        ->add_flag("--flagged", *flagged,
                   "split along the groups 'people' flags as probably different people (the largest stays)")
        ->excludes(works_option);
    split->callback([&ctx, who, works, flagged] {
        if (works->empty() && !*flagged) throw usage_error("people split: give --works W... or --flagged");
        ctx.action = [&ctx, who, works, flagged] {
            auto& db = ctx.s().database();
            auto person = resolve_person(db, *who);
            if (*flagged) {
                std::string created;
                for (auto id : split_flagged(db, person, claimant(ctx)))
                    created += fmt::format("{}p:{}", created.empty() ? "" : ", ", id);
                ctx.info(fmt::format("p:{} split: the other groups are now {}", person, created));
                return;
            }
            std::vector<std::int64_t> ids;
            for (const auto& w : *works) ids.push_back(resolve_work(db, w));
            auto other = split_person(db, person, ids, claimant(ctx));
            ctx.info(fmt::format("{} work{} moved from p:{} to p:{}", ids.size(), ids.size() == 1 ? "" : "s",
                                 person, other));
        };
    });

    auto* works_cmd = subcommand(app, "works");
    auto* disown = works_cmd->add_subcommand("disown", "assert that a work is not a person's");
    auto work = std::make_shared<std::string>(), from = std::make_shared<std::string>();
    disown->add_option("WORK", *work, "w:ID, arXiv id or DOI")->required();
    disown->add_option("--from", *from, "the person (p:ID, ORCID or name)")->required();
    disown->callback([&ctx, work, from] {
        ctx.action = [&ctx, work, from] {
            auto& db = ctx.s().database();
            auto w = resolve_work(db, *work);
            auto p = resolve_person(db, *from);
            disown_work(db, w, p, claimant(ctx));
            ctx.info(fmt::format("w:{} is no longer p:{}'s", w, p));
        };
    });
    auto* claim = works_cmd->add_subcommand("claim", "assert that a work is a person's");
    auto claimed = std::make_shared<std::string>(), for_person = std::make_shared<std::string>();
    claim->add_option("WORK", *claimed, "w:ID, arXiv id or DOI")->required();
    claim->add_option("--for", *for_person, "the person (p:ID, ORCID or name)")->required();
    claim->callback([&ctx, claimed, for_person] {
        ctx.action = [&ctx, claimed, for_person] {
            auto& db = ctx.s().database();
            auto w = resolve_work(db, *claimed);
            auto p = resolve_person(db, *for_person);
            claim_work(db, w, p, claimant(ctx));
            ctx.info(fmt::format("w:{} is now p:{}'s", w, p));
        };
    });
}

}  // namespace

void add_identity_commands(CLI::App& app, Context& ctx) {
    add_corrections(app, ctx);

    app.add_subcommand("resolve", "work out again who is who behind every name, obeying the ledger")
        ->callback([&ctx] {
            ctx.action = [&ctx] {
                ProgressLine line(ctx);
                auto s = resolve_all(ctx.s().database(), line.callback());
                line.clear();
                ctx.info(fmt::format("{} name blocks, {} authorships: {} people ({} new, {} removed)",
                                     s.blocks, s.authorships, s.people, s.people_new, s.people_removed));
            };
        });

    auto* explain = app.add_subcommand(
        "explain", "why a work is on a person's profile (with what confidence), or why not");
    auto work = std::make_shared<std::string>(), person = std::make_shared<std::string>();
    explain->add_option("WORK", *work, "w:ID, arXiv id or DOI")->required();
    explain->add_option("PERSON", *person, "p:ID, ORCID or name")->required();
    explain->callback([&ctx, work, person] {
        ctx.action = [&ctx, work, person] {
            auto& db = ctx.s().database();
            auto w = resolve_work(db, *work);
            ctx.emit(explain_attribution(db, w, resolve_person(db, *person)), "markdown");
        };
    });

    auto* ledger = app.add_subcommand("ledger", "export or import the corrections ledger (JSON)");
    ledger->require_subcommand(1);
    ledger->add_subcommand("export", "print every assertion, oldest first")->callback([&ctx] {
        ctx.action = [&ctx] { ctx.emit(ledger_report(ctx.s().database()), "json"); };
    });
    auto* import = ledger->add_subcommand("import", "add the assertions of an exported ledger");
    auto file = std::make_shared<std::string>();
    import->add_option("FILE", *file, "a file written by 'ledger export'")
        ->required()
        ->check(CLI::ExistingFile);
    import->callback([&ctx, file] {
        ctx.action = [&ctx, file] {
            auto added = import_ledger(ctx.s().database(), read_file(*file), *file);
    ctx.info(fmt::format("{}: {} new assertions", *file, added));
};
}  // namespace bzpeer::cli
);

auto* eval = app.add_subcommand("eval", "score resolution: against a truth file, or against ORCIDs");
auto truth = std::make_shared<std::string>();
auto orcid = std::make_shared<bool>(false);
auto* truth_option = eval->add_option("--truth", *truth, "labelled authorships (JSON; see the manual)")
                         -> check(CLI::ExistingFile);
eval->add_flag("--orcid", *orcid, "hide the ORCIDs in the store, resolve again, and score against them")
    ->excludes(truth_option);
eval->callback([&ctx, truth, orcid] {
    if (truth->empty() && !*orcid) throw CLI::RequiredError("--truth or --orcid");
    ctx.action = [&ctx, truth, orcid] {
        auto& db = ctx.s().database();
        ctx.emit(*orcid ? evaluate_orcid(db) : evaluate_truth(db, read_file(*truth), *truth), "tsv");
    };
});
}

}  // namespace bzpeer::cli
