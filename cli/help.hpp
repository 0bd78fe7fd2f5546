// What `--help` adds to CLI11's own text, and the "did you mean" hint for a mistyped command.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace bzpeer::cli {

// Gives every command's help the global options it accepts (they are declared on the root,
// so CLI11 lists them only in `bzpeer --help`) and its examples. Call once the whole command
// table is built.
void add_help_footers(CLI::App& root);

// The candidate closest to `word` by edit distance (a swap of neighbours counting as one
// edit), when close enough to be a plausible typo; nullopt otherwise.
std::optional<std::string> closest_name(const std::string& word, const std::vector<std::string>& candidates);

struct UnknownCommand {
    std::string level;                      // the command path it was typed under ("people"; "" for bzpeer)
    std::string word;                       // what was typed ("splt")
    std::optional<std::string> suggestion;  // the subcommand meant ("split")
};

// The first word of the command line that stands where a command is expected but names none:
// under a command that takes no positional argument, any such word; under one that also takes
// positionals (`people NAME`), only a lowercase word close to one of its subcommands, since
// anything else is read as the positional. Values of options are skipped.
std::optional<UnknownCommand> find_unknown_command(const CLI::App& root, int argc, char** argv);

// "unknown command 'people splt'; did you mean 'people split'? (see 'bzpeer people --help')"
std::string describe(const UnknownCommand& unknown);

}  // namespace bzpeer::cli
