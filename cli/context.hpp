// State shared by the command files: global options, the session, and output helpers.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "bzpeer/sdk/document.hpp"
#include "bzpeer/session.hpp"

namespace CLI {
class App;
}

namespace bzpeer::cli {

struct Context {
    std::string format;  // --format
    std::string output;  // --output
    bool quiet = false;
    bool verbose = false;

    std::unique_ptr<Session> session;
    // The chosen command's work, run after parsing succeeded.
    std::function<void()> action;

    Session& s() { return *session; }

    // Renders `document` and writes it to --output or stdout. The format is --format, else
    // the one --output's extension names, else config output.format, else a table on a
    // terminal and `machine_default` otherwise.
    void emit(const sdk::Document& document, std::string_view machine_default);
    // A message on stderr, unless --quiet.
    void info(const std::string& message) const;
    // A warning on stderr, always.
    void warn(const std::string& message) const;
};

// One function per command group; each adds its subcommands to `app`.
void add_init_command(CLI::App& app, Context& ctx);
void add_import_command(CLI::App& app, Context& ctx);
void add_query_commands(CLI::App& app, Context& ctx);
void add_plugins_command(CLI::App& app, Context& ctx);
void add_config_command(CLI::App& app, Context& ctx);
void add_docs_commands(CLI::App& app, Context& ctx);
// After add_query_commands: adds subcommands to `people` and `works`.
void add_identity_commands(CLI::App& app, Context& ctx);

}  // namespace bzpeer::cli
