// The bzpeer executable: global options, one subcommand per command file, and the mapping
// from errors to exit codes (0 ok, 1 failure, 2 usage, 3 not found or ambiguous).
#include <CLI/CLI.hpp>
#include <iostream>

#include "bzpeer/base/error.hpp"
#include "bzpeer/base/version.hpp"
#include "context.hpp"
#include "help.hpp"

namespace {

// Options that decide which plugins exist must be known before the command table is built,
// because source plugins add their own subcommands and options.
bzpeer::SessionOptions scan_session_options(int argc, char** argv) {
    bzpeer::SessionOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto take = [&](std::string_view name, auto&& store) {
            if (arg == name && i + 1 < argc) {
                store(argv[++i]);
                return true;
            }
            if (arg.starts_with(name) && arg.size() > name.size() && arg[name.size()] == '=') {
                store(std::string(arg.substr(name.size() + 1)));
                return true;
            }
            return false;
        };
        if (arg == "--") break;
        take("--plugin-path", [&](std::string v) { options.plugin_path.push_back(std::move(v)); }) ||
            take("--config", [&](std::string v) { options.config = std::move(v); }) ||
            take("--db", [&](std::string v) { options.database = std::move(v); });
    }
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace bzpeer;
    cli::Context ctx;
    CLI::App app{"bzpeer: a local research graph of works, people and topics, from arXiv, Crossref and ORCID",
                 "bzpeer"};
    try {
        ctx.session = std::make_unique<Session>(scan_session_options(argc, argv));
        app.set_version_flag("--version", std::string(version()));
        app.require_subcommand(1);
        app.fallthrough();
        // Declared for help and validation; their values were taken by scan_session_options.
        SessionOptions declared;
        // FILE and DIR types also tell the completions to offer paths.
        app.add_option("--db", declared.database, "database file (env BZPEER_DB)")->type_name("FILE");
        app.add_option("--config", declared.config, "config file (env BZPEER_CONFIG)")->type_name("FILE");
        app.add_option("--plugin-path", declared.plugin_path,
                       "extra plugin folders, searched first (env BZPEER_PLUGIN_PATH)")
            ->type_name("DIR");
        app.add_option("-f,--format", ctx.format,
                       "output format: table, tsv, csv, json, jsonl, markdown, html, dot, graphml, bibtex "
                       "(see 'bzpeer formats')")
            ->type_name("FORMAT");
        app.add_option("-o,--output", ctx.output, "write the output to FILE instead of stdout")
            ->type_name("FILE");
        app.add_option("--as", ctx.as, "act as this user of the database (default: config user.name)")
            ->type_name("USER");
        app.add_flag("-q,--quiet", ctx.quiet, "print no progress or summaries");
        app.add_flag("--progress", ctx.progress,
                     "show the progress line of long imports even when stderr is not a terminal");
        app.add_flag("-v,--verbose", ctx.verbose, "say which config file and plugin folders are used");

        cli::add_init_command(app, ctx);
        cli::add_import_command(app, ctx);
        cli::add_query_commands(app, ctx);
        cli::add_identity_commands(app, ctx);
        cli::add_network_commands(app, ctx);
        cli::add_trust_command(app, ctx);
        cli::add_invite_commands(app, ctx);
        cli::add_follow_commands(app, ctx);
        cli::add_plugins_command(app, ctx);
        cli::add_config_command(app, ctx);
        cli::add_docs_commands(app, ctx);
        cli::add_help_footers(app);

        // Before parsing: CLI11 would read `people splt` as a search for the name "splt", and
        // says only "A subcommand is required" for `bzpeer frobnicate`.
        if (auto unknown = cli::find_unknown_command(app, argc, argv)) {
            std::cerr << "bzpeer: " << cli::describe(*unknown) << '\n';
            return static_cast<int>(Exit::usage);
        }

        try {
            app.parse(argc, argv);
        } catch (const CLI::CallForHelp& e) {
            return app.exit(e);
        } catch (const CLI::CallForAllHelp& e) {
            return app.exit(e);
        } catch (const CLI::CallForVersion& e) {
            return app.exit(e);
        } catch (const CLI::ParseError& e) {
            std::cerr << "bzpeer: " << e.what() << " (see 'bzpeer --help')\n";
            return static_cast<int>(Exit::usage);
        }
        for (const auto& warning : ctx.s().take_warnings()) ctx.warn(warning);
        if (ctx.verbose) {
            ctx.info("config: " + ctx.s().config_path().string());
            for (const auto& folder : ctx.s().plugins().search_path())
                ctx.info("plugin folder: " + folder.string());
        }
        if (ctx.action) ctx.action();
        for (const auto& warning : ctx.s().take_warnings()) ctx.warn(warning);
        return 0;
    } catch (const Error& e) {
        std::cerr << "bzpeer: " << e.what() << '\n';
        return static_cast<int>(e.code());
    } catch (const std::exception& e) {
        std::cerr << "bzpeer: " << e.what() << '\n';
        return static_cast<int>(Exit::failure);
    }
}
