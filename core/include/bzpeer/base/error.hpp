// Errors the core raises. Each carries the exit code the CLI returns for it
// (0 ok, 1 runtime failure, 2 usage error, 3 not found / ambiguous reference).
#pragma once

#include <stdexcept>
#include <string>

namespace bzpeer {

enum class Exit : int { ok = 0, failure = 1, usage = 2, not_found = 3 };

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, Exit code = Exit::failure)
        : std::runtime_error(message), code_(code) {}
    Exit code() const { return code_; }

private:
    Exit code_;
};

inline Error usage_error(const std::string& message) { return Error(message, Exit::usage); }
inline Error not_found(const std::string& message) { return Error(message, Exit::not_found); }

}  // namespace bzpeer
