// State shared by the command files: global options, the session, and output helpers.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "bzpeer/base/progress.hpp"
#include "bzpeer/host/session.hpp"
#include "bzpeer/sdk/document.hpp"

namespace CLI {
class App;
}

namespace bzpeer::cli {

struct Context {
    std::string format;  // --format
    std::string output;  // --output
    bool quiet = false;
    bool verbose = false;
    bool progress = false;  // --progress: a progress line even when stderr is not a terminal
    std::string as;         // --as: the user acting; empty: config user.name

    std::unique_ptr<Session> session;
    // The chosen command's work, run after parsing succeeded.
    std::function<void()> action;

    Session& s() { return *session; }

    // Renders `document` and writes it to --output or stdout. The format is --format, else
    // the one --output's extension names, else config output.format, else a table on a
    // terminal and `machine_default` otherwise.
    void emit(const sdk::Document& document, std::string_view machine_default);
    // A graph written with --output FILE.csv: FILE.nodes.csv and FILE.edges.csv.
    void write_node_and_edge_lists(const sdk::Document& document, const std::string& chosen);
    // A message on stderr, unless --quiet.
    void info(const std::string& message) const;
    // A warning on stderr, always.
    void warn(const std::string& message) const;
};

// The progress line of long work on stderr: shown when stderr is a terminal or --progress
// asks for it, never with --quiet. Redrawn in place; cleared by clear() or when destroyed,
// so that messages and errors start on a clean line.
class ProgressLine {
public:
    explicit ProgressLine(const Context& ctx);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    // What the core calls with each update; empty when no line is shown.
    ProgressCallback callback();
    void clear();

private:
    bool shown_;
    std::size_t drawn_ = 0;  // columns of the line on screen
};

// Writes next to the target and renames, so readers never see half a file.
void write_file_atomically(const std::filesystem::path& file, const std::string& bytes);

// One function per command group; each adds its subcommands to `app`.
void add_init_command(CLI::App& app, Context& ctx);
void add_import_command(CLI::App& app, Context& ctx);
void add_query_commands(CLI::App& app, Context& ctx);
void add_plugins_command(CLI::App& app, Context& ctx);
void add_config_command(CLI::App& app, Context& ctx);
void add_docs_commands(CLI::App& app, Context& ctx);
void add_network_commands(CLI::App& app, Context& ctx);
void add_trust_command(CLI::App& app, Context& ctx);
void add_invite_commands(CLI::App& app, Context& ctx);
// whoami, claim, unclaim, claims, follow, unfollow, following, feed.
void add_follow_commands(CLI::App& app, Context& ctx);
// After add_query_commands: adds subcommands to `people` and `works`.
void add_identity_commands(CLI::App& app, Context& ctx);

}  // namespace bzpeer::cli
