// Usage examples, one table for both `--help` and the man pages' EXAMPLES, so the two cannot
// drift apart.
#pragma once

#include <string>
#include <vector>

namespace bzpeer::cli {

struct Example {
    // The words after `bzpeer <command path>`; the command path itself is prepended when
    // printed, so an example cannot name another command than the one it is filed under.
    std::string arguments;
    std::string what;  // one line saying what it does
};

// The examples of one command path ("people split"; empty for the program itself), in order;
// empty when it has none.
const std::vector<Example>& examples_for(const std::string& command_path);

// "bzpeer people split p:1 --flagged": the example as typed at a shell.
std::string example_command_line(const std::string& command_path, const Example& example);

}  // namespace bzpeer::cli
