// bzpeer completion SHELL, bzpeer manual [COMMAND]: generated from the command table.
#include <CLI/CLI.hpp>
#include <iostream>

#include "bzpeer/host/config.hpp"
#include "command_table.hpp"
#include "context.hpp"
#include "docgen.hpp"

namespace bzpeer::cli {

namespace {

// The fixed words some values choose from, for the completions to offer.
ValueChoices value_choices(const CLI::App& root, Context& ctx) {
    std::vector<std::string> keys, commands;
    for (const auto& key : Config::keys()) keys.emplace_back(key.name);
    for (const auto* sub : children(root)) commands.push_back(sub->get_name());
    return {{"--format", ctx.s().plugins().format_names()},
            {"completion SHELL", completion_shells()},
            {"config get KEY", keys},
            {"config set KEY", keys},
            {"manual COMMAND", commands}};
}

}  // namespace

void add_docs_commands(CLI::App& app, Context& ctx) {
    auto* completion = app.add_subcommand("completion", "print a shell completion script (bash, zsh, fish)");
    auto shell = std::make_shared<std::string>();
    completion->add_option("SHELL", *shell, "bash, zsh or fish")->required();
    completion->callback([&app, &ctx, shell] {
        ctx.action = [&app, &ctx, shell] {
            std::cout << completion_script(app, *shell, value_choices(app, ctx));
        };
    });

    auto* manual = app.add_subcommand("manual", "print a man page in roff (bzpeer.1, or one command's)");
    auto command = std::make_shared<std::string>();
    manual->add_option("COMMAND", *command, "a top-level command");
    manual->callback(
        [&app, &ctx, command] { ctx.action = [&app, command] { std::cout << man_page(app, *command); }; });
}

}  // namespace bzpeer::cli
