// bzpeer config path|show|get|set.
#include <CLI/CLI.hpp>
#include <iostream>

#include "bzpeer/host/config.hpp"
#include "bzpeer/reports/reports.hpp"
#include "context.hpp"

namespace bzpeer::cli {

void add_config_command(CLI::App& app, Context& ctx) {
    auto* config = app.add_subcommand("config", "read or change the configuration");
    config->require_subcommand(1);

    config->add_subcommand("path", "print the config file's path")->callback([&ctx] {
        ctx.action = [&ctx] { std::cout << ctx.s().config_path().string() << '\n'; };
    });
    config->add_subcommand("show", "print every setting in force")->callback([&ctx] {
        ctx.action = [&ctx] { ctx.emit(config_report(ctx.s().config()), "tsv"); };
    });

    auto* get = config->add_subcommand("get", "print one setting");
    auto key = std::make_shared<std::string>();
    get->add_option("KEY", *key, "a dotted key, e.g. profile.coauthors")->required();
    get->callback(
        [&ctx, key] { ctx.action = [&ctx, key] { std::cout << ctx.s().config().display(*key) << '\n'; }; });

    auto* set = config->add_subcommand("set", "change one setting in the config file");
    auto set_key = std::make_shared<std::string>();
    auto value = std::make_shared<std::string>();
    set->add_option("KEY", *set_key, "a dotted key")->required();
    set->add_option("VALUE", *value, "the new value (lists: comma-separated)")->required();
    set->callback([&ctx, set_key, value] {
        ctx.action = [&ctx, set_key, value] { Config::set(ctx.s().config_path(), *set_key, *value); };
    });
}

}  // namespace bzpeer::cli
