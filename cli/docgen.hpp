// Shell completions and man pages generated from the command table itself, so that they
// cannot drift from what the binary accepts. The files in completions/ and man/ are this
// output; a test regenerates and compares them.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace bzpeer::cli {

// The words the completions offer for a value: keyed by "COMMAND-PATH NAME" ("config get KEY",
// "completion SHELL"), or by NAME alone for every command ("--format"). NAME is a positional's
// name or an option's long name with its dashes.
using ValueChoices = std::map<std::string, std::vector<std::string>>;

// The shells completion_script() knows.
const std::vector<std::string>& completion_shells();

// "bash", "zsh" or "fish"; throws a usage error for anything else.
std::string completion_script(const CLI::App& root, const std::string& shell, const ValueChoices& choices);

// The page for the whole program (empty `command`) or one top-level command.
std::string man_page(const CLI::App& root, const std::string& command);

}  // namespace bzpeer::cli
