// bzpeer import SOURCE: one subcommand per loaded source plugin, with the options it adds.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <map>

#include "bzpeer/error.hpp"
#include "bzpeer/ingest.hpp"
#include "context.hpp"

namespace bzpeer::cli {

namespace {

std::string summary_line(const ImportSummary& s) {
    return fmt::format("{}: {} records: {} new works, {} updated, {} unchanged; {} new people", s.input,
                       s.records, s.works_new, s.works_updated, s.works_unchanged, s.people_new);
}

}  // namespace

void add_import_command(CLI::App& app, Context& ctx) {
    auto* import = app.add_subcommand("import", "add works and people from a source");
    import->require_subcommand(1);
    std::vector<PluginInfo> sources;
    try {
        for (const auto& info : ctx.s().plugins().plugins())
            if (info.loaded && info.kind == "source") sources.push_back(info);
    } catch (const Error& e) {
        // The command table is still built; running import reports the problem.
        import->callback([&ctx, message = std::string(e.what())] { ctx.action = [message] { throw Error(message);
    };
});
return;
}  // namespace bzpeer::cli
for (const auto& info : sources) {
    auto* cmd = import->add_subcommand(info.name, info.summary);
    auto files = std::make_shared<std::vector<std::string>>();
    cmd->add_option("--file", *files, "saved responses or dumps to read (several allowed)")
        ->required()
        ->check(CLI::ExistingFile);
    auto values = std::make_shared<std::map<std::string, std::string>>();
    for (const auto& option : info.options) {
        if (option.takes_value)
            cmd->add_option("--" + option.name, (*values)[option.name], option.help);
        else
            cmd->add_flag("--" + option.name, (*values)[option.name], option.help);
    }
    cmd->callback([&ctx, name = info.name, files, values] {
        ctx.action = [&ctx, name, files, values] {
            sdk::ReadRequest request;
            for (const auto& [key, value] : *values)
                if (!value.empty()) request.options.emplace_back(key, value);
            auto plugin = ctx.s().plugins().source(name);
            auto& db = ctx.s().database();
            int failed = 0;
            for (const auto& file : *files) {
                try {
                    auto summary = import_file(db, *plugin, name, file, request);
                    for (const auto& warning : summary.warnings) ctx.warn(warning);
                    ctx.info(summary_line(summary));
                } catch (const Error& e) {
                    // Each file is its own batch: report it and go on with the rest.
                    std::cerr << "bzpeer: " << e.what() << '\n';
                    ++failed;
                }
            }
            if (failed)
                throw Error(fmt::format("{} of {} inputs failed; nothing was written from them", failed,
                                        files->size()));
        };
    });
}
}

}  // namespace bzpeer::cli
