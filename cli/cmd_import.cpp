// bzpeer import SOURCE: one subcommand per loaded source plugin, with the options it adds.
// Saved files and dumps go through import_file, live queries through import_live.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <iostream>
#include <map>

#include "bzpeer/base/error.hpp"
#include "bzpeer/ingest/author_import.hpp"
#include "bzpeer/ingest/ingest.hpp"
#include "context.hpp"

namespace bzpeer::cli {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) { interrupted = true; }

struct ImportArgs {
    std::string source;
    std::vector<std::string> files;
    bool offline = false;
    std::vector<sdk::OptionSpec> specs;
    std::map<std::string, std::vector<std::string>> values;  // by option name
    std::map<std::string, bool> flags;
};

std::string summary_line(const ImportSummary& s) {
    return fmt::format("{}: {} records: {} new works, {} updated, {} unchanged; {} new people", s.input,
                       s.records, s.works_new, s.works_updated, s.works_unchanged, s.people_new);
}

void run_import(Context& ctx, const ImportArgs& args) {
    std::vector<std::pair<std::string, std::string>> options;
    std::vector<std::pair<std::string, std::string>> file_options;  // is_file options: their own inputs
    for (const auto& spec : args.specs) {
        if (!spec.takes_value) {
            if (args.flags.at(spec.name)) options.emplace_back(spec.name, "true");
            continue;
        }
        for (const auto& value : args.values.at(spec.name))
            (spec.is_file ? file_options : options).emplace_back(spec.name, value);
    }
    auto plugin = ctx.s().plugins().source(args.source);
    auto& db = ctx.s().database();

    // Ctrl-C ends the batch in progress cleanly: it is rolled back, earlier ones are kept.
    interrupted = false;
    auto previous = std::signal(SIGINT, on_interrupt);
    ProgressLine line(ctx);
    ImportControl control;
    control.cancelled = [] { return interrupted.load(); };
    control.progress = line.callback();
    auto report = [&](const ImportSummary& summary) {
        line.clear();
        for (const auto& warning : summary.warnings) ctx.warn(warning);
        ctx.info(summary_line(summary));
    };

    std::vector<std::function<ImportSummary()>> inputs;
    for (const auto& file : args.files)
        inputs.push_back([&, file] {
            return import_file(db, *plugin, args.source, file, ctx.s().request_for(args.source, options),
                               control);
        });
    for (const auto& [name, file] : file_options)
        inputs.push_back([&, name, file] {
            auto with_file = options;
            with_file.emplace_back(name, file);
            return import_file(db, *plugin, args.source, file, ctx.s().request_for(args.source, with_file),
                               control);
        });
    std::unique_ptr<HttpClient> fetcher;
    if (inputs.empty()) {
        if (options.empty())
            throw usage_error(
                fmt::format("import {}: give --file FILE, or a query (see 'bzpeer import {} --help')",
                            args.source, args.source));
        fetcher = ctx.s().fetcher(args.source, args.offline);
        inputs.push_back([&] {
            auto request = ctx.s().request_for(args.source, options);
            request.fetcher = fetcher.get();
            return import_live(db, *plugin, args.source, request, control);
        });
    }

    std::size_t failed = 0;
    for (const auto& input : inputs) {
        try {
            report(input());
        } catch (const Error& e) {
            line.clear();
            if (inputs.size() == 1) {
                std::signal(SIGINT, previous);
                throw;
            }
            // Each input is its own batch: a bad one is reported and the rest still go in.
            std::cerr << "bzpeer: " << e.what() << '\n';
            ++failed;
        }
        if (interrupted) break;
    }
    std::signal(SIGINT, previous);
    // ORCID's --enrich is the host's: the Crossref plugin fetches what the ORCID plugin listed.
    if (args.flags.count("enrich") && args.flags.at("enrich") && !interrupted) {
        std::vector<std::string> orcids;
        for (const auto& [key, value] : options)
            if (key == "ID") orcids.push_back(value);
        for (const auto& warning : enrich_from_crossref(ctx.s(), orcids, args.offline)) ctx.warn(warning);
    }
    if (fetcher)
        ctx.info(fmt::format("{}: {} requests, {} answered from the cache, {} retries", args.source,
                             fetcher->stats().requests, fetcher->stats().cache_hits,
                             fetcher->stats().retries));
    if (failed)
        throw Error(
            fmt::format("{} of {} inputs failed; nothing was written from those", failed, inputs.size()));
    if (interrupted) throw Error("interrupted");
}

void add_source_command(CLI::App& import, Context& ctx, const PluginInfo& info) {
    auto* cmd = import.add_subcommand(info.name, info.summary);
    auto args = std::make_shared<ImportArgs>();
    args->source = info.name;
    args->specs = info.options;
    cmd->add_option("--file", args->files, "saved responses or dumps to read (several allowed; .gz is fine)")
        ->check(CLI::ExistingFile);
    cmd->add_flag("--offline", args->offline, "answer live queries from the cache alone");
    for (const auto& spec : info.options) {
        if (!spec.takes_value) {
            cmd->add_flag("--" + spec.name, args->flags[spec.name], spec.help);
            continue;
        }
        auto& values = args->values[spec.name];
        auto* option = cmd->add_option(spec.positional ? spec.name : "--" + spec.name, values, spec.help);
        if (!spec.repeatable) option->expected(1);
        if (spec.is_file) option->check(CLI::ExistingFile);
    }
    cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { run_import(ctx, *args); }; });
}

void add_authors_command(CLI::App& import, Context& ctx) {
    auto* cmd = import.add_subcommand(
        "authors", "import a list of people (CSV or YAML) from the sources each row names");
    auto file = std::make_shared<std::string>();
    auto options = std::make_shared<AuthorImportOptions>();
    cmd->add_option("FILE", *file,
                    "CSV with a header row, or YAML: name, orcid, affiliation, arxiv_query, "
                    "crossref_author")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_flag("--dry-run", options->dry_run,
                  "check the rows and match them against the database; change nothing");
    cmd->add_flag("--resume", options->resume, "skip the rows an earlier run of this file finished");
    cmd->add_flag("--offline", options->offline, "answer from the cache alone");
    cmd->callback([&ctx, file, options] {
        ctx.action = [&ctx, file, options] {
            ProgressLine line(ctx);
            auto result = import_authors(ctx.s(), *file, *options, line.callback());
            line.clear();
            ctx.emit(result.table, "tsv");
            for (const auto& m : result.messages) ctx.info(m);
            if (result.failed)
                throw Error(fmt::format("{} rows failed (their lines are above)", result.failed));
        };
    });
}

}  // namespace

void add_import_command(CLI::App& app, Context& ctx) {
    auto* import = app.add_subcommand("import", "add works and people from a source");
    import->require_subcommand(1);
    add_authors_command(*import, ctx);
    try {
        for (const auto& info : ctx.s().plugins().plugins())
            if (info.loaded && info.kind == "source") add_source_command(*import, ctx, info);
    } catch (const Error& e) {
        // A broken config must not break --help: running import reports the problem instead.
        std::string message = e.what();
        import->require_subcommand(0);
        import->callback([&ctx, message] { ctx.action = [message] { throw Error(message);
    };
});
}  // namespace bzpeer::cli
}

}  // namespace bzpeer::cli
