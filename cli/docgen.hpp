// Shell completions and man pages generated from the command table itself, so that they
// cannot drift from what the binary accepts. The files in completions/ and man/ are this
// output; a test regenerates and compares them.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace bzpeer::cli {

// "bash", "zsh" or "fish"; throws a usage error for anything else.
std::string completion_script(const CLI::App& root, const std::string& shell,
                              const std::vector<std::string>& formats);

// The page for the whole program (empty `command`) or one top-level command.
std::string man_page(const CLI::App& root, const std::string& command);

}  // namespace bzpeer::cli
