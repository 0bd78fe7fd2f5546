#include "help.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <string_view>

#include "command_table.hpp"
#include "examples.hpp"

namespace bzpeer::cli {

namespace {

std::string examples_section(const std::string& path) {
    const auto& examples = examples_for(path);
    if (examples.empty()) return "";
    std::string out = "Examples:\n";
    for (const auto& example : examples)
        out += "  " + example_command_line(path, example) + "\n      " + example.what + "\n";
    return out;
}

// Formatted like CLI11's own Options section, so the two read as one list.
std::string global_options_section(const CLI::App& root) {
    CLI::Formatter formatter;
    std::string out = "Global options (accepted after the command too):\n";
    for (const auto* option : global_options(root)) out += formatter.make_option(option, false);
    return out;
}

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring letters each cost one, the usual slips of typing.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t substitution = d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

// Command names are lowercase words; a person's name as typed usually is not.
bool looks_like_a_command(std::string_view word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// The option `arg` names, looked up from `level` up to the root (fallthrough lets a
// subcommand take its parents' options).
const CLI::Option* option_named(const CLI::App& level, const std::string& arg) {
    for (const CLI::App* app = &level; app != nullptr; app = app->get_parent())
        for (const auto* option : named_options(*app))
            if (option->check_name(arg)) return option;
    return nullptr;
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const auto* sub : children(app)) names.push_back(sub->get_name());
    return names;
}

}  // namespace

void add_help_footers(CLI::App& root) {
    root.footer(examples_section(""));
    std::string globals = global_options_section(root);
    for (const auto& command : all_commands(root)) {
        std::string footer = globals;
        if (auto examples = examples_section(command.path); !examples.empty()) footer += "\n" + examples;
        // CLI11 hands out only const subcommands when walking; the table is ours to change.
        const_cast<CLI::App*>(command.app)->footer(footer);
    }
}

std::optional<std::string> closest_name(const std::string& word, const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    for (const auto& candidate : candidates) {
        std::size_t distance = edit_distance(word, candidate);
        // About one slip in three letters; further than that it is another word, not a typo.
        std::size_t allowed = std::max<std::size_t>(1, std::max(word.size(), candidate.size()) / 3);
        if (distance > allowed) continue;
        if (!best || distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::optional<UnknownCommand> find_unknown_command(const CLI::App& root, int argc, char** argv) {
    const CLI::App* level = &root;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") return std::nullopt;  // all that follows is positional
        if (arg.size() > 1 && arg.front() == '-') {
            const auto* option = option_named(*level, arg);
            if (option && takes_value(*option)) ++i;  // its value, whatever it looks like
            continue;
        }
        auto names = subcommand_names(*level);
        if (std::find(names.begin(), names.end(), arg) != names.end()) {
            level = level->get_subcommand(arg);
            continue;
        }
        if (names.empty()) return std::nullopt;  // a positional of a command without subcommands
        auto suggestion = closest_name(arg, names);
        bool command_expected = positionals(*level).empty();
        if (command_expected || (suggestion && looks_like_a_command(arg)))
            return UnknownCommand{command_path(*level), arg, suggestion};
        return std::nullopt;
    }
    return std::nullopt;
}

std::string describe(const UnknownCommand& unknown) {
    std::string prefix = unknown.level.empty() ? "" : unknown.level + " ";
    std::string text = "unknown command '" + prefix + unknown.word + "'";
    if (unknown.suggestion) text += "; did you mean '" + prefix + *unknown.suggestion + "'?";
    return text + " (see 'bzpeer " + prefix + "--help')";
}

}  // namespace bzpeer::cli
