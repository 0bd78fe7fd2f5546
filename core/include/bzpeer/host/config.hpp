// The YAML configuration: a fixed table of documented keys, each with a type and default.
// Unknown keys warn; values of the wrong type are errors naming the key.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bzpeer {

struct ConfigKey {
    std::string_view name;  // dotted, e.g. "profile.coauthors"
    enum class Type { text, list, count, flag, number } type;
    std::string_view fallback;  // the default, as text
};

class Config {
public:
    // The keys bzpeer knows, in the order `config show` prints them.
    static const std::vector<ConfigKey>& keys();
    // The documented default file that `init` writes.
    static std::string_view default_file();

    // Reads `file` when it exists (defaults otherwise). Unknown keys are appended to `warnings`.
    static Config load(const std::filesystem::path& file, std::vector<std::string>& warnings);

    std::string text(std::string_view key) const;
    std::vector<std::string> list(std::string_view key) const;
    long count(std::string_view key) const;
    double number(std::string_view key) const;
    static bool known(std::string_view key);
    bool flag(std::string_view key) const;
    // A value as `config get` prints it: lists one item per line.
    std::string display(std::string_view key) const;

    // Validates `value` for `key` and rewrites `file` with it (creating the file from the
    // default when missing). List values are comma-separated.
    static void set(const std::filesystem::path& file, std::string_view key, std::string_view value);

private:
    std::filesystem::path file_;
    std::map<std::string, std::vector<std::string>, std::less<>> values_;
};

}  // namespace bzpeer
