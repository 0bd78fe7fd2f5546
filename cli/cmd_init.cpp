// bzpeer init: create the database and a documented config file.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>

#include "bzpeer/base/error.hpp"
#include "bzpeer/host/config.hpp"
#include "context.hpp"

namespace bzpeer::cli {

void add_init_command(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("init", "create the database and a config file (safe to run again)");
    cmd->callback([&ctx] {
        ctx.action = [&ctx] {
            const auto& config_path = ctx.s().config_path();
            if (!std::filesystem::exists(config_path)) {
                // A bare file name (`--config lab.yaml`) has no folder to create.
                if (config_path.has_parent_path())
                    std::filesystem::create_directories(config_path.parent_path());
                std::ofstream out(config_path);
                out << Config::default_file();
                if (!out) throw Error(fmt::format("cannot write {}", config_path.string()));
                ctx.info(fmt::format("wrote config {}", config_path.string()));
            }
            auto& db = ctx.s().database(/*create=*/true);
            ctx.info(
                fmt::format("database {} ready (schema version {})", db.path().string(), db.user_version()));
        };
    });
}

}  // namespace bzpeer::cli
