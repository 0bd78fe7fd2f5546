// bzpeer import SOURCE: one subcommand per loaded source plugin, with the options it adds.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

#include "bzpeer/error.hpp"
#include "bzpeer/ingest.hpp"
#include "context.hpp"

namespace bzpeer::cli {

namespace {

struct ImportArgs {
    std::string source;
    std::vector<std::string> files;
    std::map<std::string, std::string> options;
};

std::string summary_line(const ImportSummary& s) {
    return fmt::format("{}: {} records: {} new works, {} updated, {} unchanged; {} new people", s.input,
                       s.records, s.works_new, s.works_updated, s.works_unchanged, s.people_new);
}

void run_import(Context& ctx, const ImportArgs& args) {
    sdk::ReadRequest request;
    for (const auto& [key, value] : args.options)
        if (!value.empty()) request.options.emplace_back(key, value);
    auto plugin = ctx.s().plugins().source(args.source);
    auto& db = ctx.s().database();
    auto one = [&](const std::string& file) {
        auto summary = import_file(db, *plugin, args.source, file, request);
        for (const auto& warning : summary.warnings) ctx.warn(warning);
        ctx.info(summary_line(summary));
    };
    if (args.files.size() == 1) return one(args.files.front());
    // Each file is its own batch: a bad one is reported and the rest still go in.
    std::size_t failed = 0;
    for (const auto& file : args.files) {
        try {
            one(file);
        } catch (const Error& e) {
            std::cerr << "bzpeer: " << e.what() << '\n';
            ++failed;
        }
    }
    if (failed)
        throw Error(
            fmt::format("{} of {} inputs failed; nothing was written from those", failed, args.files.size()));
}

void add_source_command(CLI::App& import, Context& ctx, const PluginInfo& info) {
    auto* cmd = import.add_subcommand(info.name, info.summary);
    auto args = std::make_shared<ImportArgs>();
    args->source = info.name;
    cmd->add_option("--file", args->files, "saved responses or dumps to read (several allowed)")
        ->required()
        ->check(CLI::ExistingFile);
    for (const auto& option : info.options) {
        if (option.takes_value)
            cmd->add_option("--" + option.name, args->options[option.name], option.help);
        else
            cmd->add_flag("--" + option.name, args->options[option.name], option.help);
    }
    cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { run_import(ctx, *args); }; });
}

}  // namespace

void add_import_command(CLI::App& app, Context& ctx) {
    auto* import = app.add_subcommand("import", "add works and people from a source");
    import->require_subcommand(1);
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
