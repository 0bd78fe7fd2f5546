// Walking the CLI11 command table: the help text, the man pages, the completions and the
// "did you mean" hint all read the same table through these helpers, so that a new command
// gets all of them without being listed anywhere else.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace bzpeer::cli {

struct Command {
    std::string path;  // "import arxiv"; empty for the program itself
    const CLI::App* app;
};

inline std::vector<const CLI::App*> children(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App*) { return true; });
}

// Every command below `app`, depth first, in the order they were declared.
inline void collect(const CLI::App& app, const std::string& path, std::vector<Command>& out) {
    for (const auto* sub : children(app)) {
        std::string child = path.empty() ? sub->get_name() : path + " " + sub->get_name();
        out.push_back({child, sub});
        collect(*sub, child, out);
    }
}

inline std::vector<Command> all_commands(const CLI::App& root) {
    std::vector<Command> commands;
    collect(root, "", commands);
    return commands;
}

// "people split" for the `split` below `people`; empty for the root.
inline std::string command_path(const CLI::App& app) {
    std::string path;
    for (const CLI::App* level = &app; level->get_parent() != nullptr; level = level->get_parent())
        path = path.empty() ? level->get_name() : level->get_name() + " " + path;
    return path;
}

inline const CLI::App* find_command(const CLI::App& root, const std::string& path) {
    if (path.empty()) return &root;
    for (const auto& c : all_commands(root))
        if (c.path == path) return c.app;
    return nullptr;
}

inline std::vector<std::string> flag_names(const CLI::Option& option) {
    std::vector<std::string> names;
    for (const auto& s : option.get_snames()) names.push_back("-" + s);
    for (const auto& l : option.get_lnames()) names.push_back("--" + l);
    return names;
}

inline bool takes_value(const CLI::Option& option) { return option.get_expected_max() > 0; }

inline bool repeatable(const CLI::Option& option) { return option.get_expected_max() > 1; }

inline bool is_help_or_version(const CLI::Option& option) {
    for (const auto& l : option.get_lnames())
        if (l == "help" || l == "help-all" || l == "version") return true;
    return false;
}

inline std::vector<const CLI::Option*> named_options(const CLI::App& app) {
    return app.get_options([](const CLI::Option* o) { return !o->get_positional(); });
}

inline std::vector<const CLI::Option*> positionals(const CLI::App& app) {
    return app.get_options([](const CLI::Option* o) { return o->get_positional(); });
}

// The root's options that a subcommand accepts too (CLI11 fallthrough): all but help and
// version, which belong to the program alone.
inline std::vector<const CLI::Option*> global_options(const CLI::App& root) {
    std::vector<const CLI::Option*> out;
    for (const auto* o : named_options(root))
        if (!is_help_or_version(*o)) out.push_back(o);
    return out;
}

// Options and positionals whose value is a file or folder, so that completions offer paths:
// the ones whose type says FILE or DIR, either declared so (`->type_name("FILE")`) or
// checked by CLI::ExistingFile, which adds ":FILE" to the type.
inline bool wants_path(const CLI::Option& option) {
    std::string type = ":" + option.get_type_name() + ":";
    return type.find(":FILE:") != std::string::npos || type.find(":DIR:") != std::string::npos;
}

}  // namespace bzpeer::cli
