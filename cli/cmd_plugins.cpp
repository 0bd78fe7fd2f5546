// bzpeer plugins list: every plugin file found, loaded or not, and why not; bzpeer formats.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "bzpeer/reports/reports.hpp"
#include "context.hpp"

namespace bzpeer::cli {

void add_plugins_command(CLI::App& app, Context& ctx) {
    auto* plugins = app.add_subcommand("plugins", "inspect plugins");
    plugins->require_subcommand(1);
    auto* list =
        plugins->add_subcommand("list", "show each plugin found, its status and any reason it was rejected");
    list->callback([&ctx] { ctx.action = [&ctx] { ctx.emit(plugins_report(ctx.s().plugins()), "tsv"); }; });

    auto* formats = app.add_subcommand("formats", "list the output formats and the documents each renders");
    formats->callback(
        [&ctx] { ctx.action = [&ctx] { ctx.emit(formats_report(ctx.s().plugins()), "tsv"); }; });
}

}  // namespace bzpeer::cli
