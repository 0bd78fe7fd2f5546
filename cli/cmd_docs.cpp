// bzpeer completion SHELL, bzpeer manual [COMMAND]: generated from the command table.
#include <CLI/CLI.hpp>
#include <iostream>

#include "context.hpp"
#include "docgen.hpp"

namespace bzpeer::cli {

void add_docs_commands(CLI::App& app, Context& ctx) {
    auto* completion = app.add_subcommand("completion", "print a shell completion script (bash, zsh, fish)");
    auto shell = std::make_shared<std::string>();
    completion->add_option("SHELL", *shell, "bash, zsh or fish")->required();
    completion->callback([&app, &ctx, shell] {
        ctx.action = [&app, &ctx, shell] {
            std::cout << completion_script(app, *shell, ctx.s().plugins().format_names());
        };
    });

    auto* manual = app.add_subcommand("manual", "print a man page in roff (bzpeer.1, or one command's)");
    auto command = std::make_shared<std::string>();
    manual->add_option("COMMAND", *command, "a top-level command");
    manual->callback(
        [&app, &ctx, command] { ctx.action = [&app, command] { std::cout << man_page(app, *command); }; });
}

}  // namespace bzpeer::cli
