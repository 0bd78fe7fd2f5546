// Finds, checks and loads plugins (Boost.DLL). Every shared library on the search path is
// examined; a plugin is loaded only when its descriptor matches this build's SDK exactly.
// Plugin objects are owned through shared_ptrs whose deleters keep their library loaded.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/sdk/plugin.hpp"

namespace bzpeer {

struct PluginInfo {
    std::filesystem::path file;
    std::string name;  // empty when the descriptor could not be read
    std::string kind;  // "source" or "format"
    std::string version;
    std::string summary;
    bool loaded = false;
    std::string reason;                    // why it was rejected or shadowed
    std::vector<std::string> formats;      // format plugins: the format names
    std::vector<std::string> kinds;        // format plugins: the document kinds they render
    std::vector<sdk::OptionSpec> options;  // source plugins
};

class PluginHost {
public:
    // Folders are searched in order; the first plugin of a name wins, later ones are shadowed.
    explicit PluginHost(std::vector<std::filesystem::path> search_path);

    // The default search path after the user's folders: the install's lib/bzpeer/plugins
    // beside the executable, then the build tree's plugins/ folder.
    static std::vector<std::filesystem::path> default_folders();

    const std::vector<std::filesystem::path>& search_path() const { return search_path_; }
    const std::vector<PluginInfo>& plugins() const { return infos_; }

    // The loaded source plugin of that name; throws a usage error listing the known ones.
    std::shared_ptr<sdk::SourcePlugin> source(std::string_view name) const;
    // The first loaded format plugin that renders documents of `kind` as `format` (one format
    // name may be served by several plugins, each for its kinds). A usage error lists the
    // formats that render `kind` when none does.
    std::shared_ptr<sdk::FormatPlugin> format(std::string_view format, std::string_view kind) const;
    // The formats that render `kind`, every format when `kind` is empty; no repeats.
    std::vector<std::string> format_names(std::string_view kind = {}) const;

private:
    struct Loaded {
        std::size_t info;  // index into infos_
        std::shared_ptr<sdk::Plugin> plugin;
    };
    void examine(const std::filesystem::path& file);

    std::vector<std::filesystem::path> search_path_;
    std::vector<PluginInfo> infos_;
    std::vector<Loaded> loaded_;
};

}  // namespace bzpeer
