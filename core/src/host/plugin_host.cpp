#include "bzpeer/host/plugin_host.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <boost/dll/shared_library.hpp>
#include <vector>  // boost/dll/library_info.hpp needs it first with g++ 12

#include "bzpeer/base/error.hpp"

namespace bzpeer {

namespace {

namespace dll = boost::dll;

std::string kind_name(sdk::PluginKind kind) {
    switch (kind) {
        case sdk::PluginKind::source:
            return "source";
        case sdk::PluginKind::format:
            return "format";
    }
    return fmt::format("unknown ({})", static_cast<std::uint32_t>(kind));
}

std::string text_or_empty(const char* s) { return s ? s : ""; }

bool is_shared_library(const std::filesystem::path& file) {
    return file.extension() == ".so" || file.filename().string().find(".so.") != std::string::npos;
}

}  // namespace

std::vector<std::filesystem::path> PluginHost::default_folders() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    auto bin = exe.parent_path();
    return {bin.parent_path() / "lib" / "bzpeer" / "plugins", bin / "plugins"};
}

PluginHost::PluginHost(std::vector<std::filesystem::path> search_path)
    : search_path_(std::move(search_path)) {
    for (const auto& folder : search_path_) {
        std::error_code ec;
        if (!std::filesystem::is_directory(folder, ec)) continue;
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
            if (entry.is_regular_file() && is_shared_library(entry.path())) files.push_back(entry.path());
        std::sort(files.begin(), files.end());  // the same order on every machine
        for (const auto& file : files) examine(file);
    }
}

void PluginHost::examine(const std::filesystem::path& file) {
    PluginInfo info;
    info.file = file;
    auto reject = [&](std::string reason) {
        info.reason = std::move(reason);
        infos_.push_back(std::move(info));
    };

    dll::shared_library library;
    try {
        library = dll::shared_library(file, dll::load_mode::rtld_lazy | dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
        return reject(fmt::format("not a loadable shared library: {}", e.what()));
    }
    if (!library.has(BZPEER_PLUGIN_DESCRIPTOR_SYMBOL))
        return reject("missing symbol " BZPEER_PLUGIN_DESCRIPTOR_SYMBOL " (not a bzpeer plugin)");
    if (!library.has(BZPEER_PLUGIN_CREATE_SYMBOL))
        return reject("missing symbol " BZPEER_PLUGIN_CREATE_SYMBOL);

    const auto* descriptor =
        library.get<const sdk::PluginDescriptor*() noexcept>(BZPEER_PLUGIN_DESCRIPTOR_SYMBOL)();
    if (!descriptor) return reject("its descriptor is null");
    // Only the first two fields are read before the version is known to match.
    if (descriptor->api_version != sdk::kApiVersion)
        return reject(fmt::format("plugin API version {}, this bzpeer needs {}", descriptor->api_version,
                                  sdk::kApiVersion));
    if (descriptor->struct_size != sizeof(sdk::PluginDescriptor))
        return reject(fmt::format("descriptor size {}, this bzpeer expects {}", descriptor->struct_size,
                                  sizeof(sdk::PluginDescriptor)));
    info.name = text_or_empty(descriptor->name);
    info.kind = kind_name(descriptor->kind);
    info.version = text_or_empty(descriptor->version);
    info.summary = text_or_empty(descriptor->summary);
    if (std::string toolchain = text_or_empty(descriptor->toolchain); toolchain != sdk::kToolchain)
        return reject(
            fmt::format("built with toolchain '{}', this bzpeer with '{}'", toolchain, sdk::kToolchain));
    if (info.name.empty()) return reject("its descriptor has no name");
    if (info.kind.starts_with("unknown")) return reject(fmt::format("unknown plugin kind {}", info.kind));
    for (const auto& other : infos_)
        if (other.loaded && other.name == info.name)
            return reject(fmt::format("shadowed by {}", other.file.string()));

    std::string error;
    auto* raw = library.get<sdk::Plugin*(std::string*) noexcept>(BZPEER_PLUGIN_CREATE_SYMBOL)(&error);
    if (!raw)
        return reject(fmt::format("its factory failed: {}", error.empty() ? "no object returned" : error));
    // The deleter holds a copy of the library handle: no code is unloaded under a live object.
    std::shared_ptr<sdk::Plugin> plugin(raw, [library](sdk::Plugin* p) { delete p; });

    try {
        if (descriptor->kind == sdk::PluginKind::format) {
            info.formats = static_cast<sdk::FormatPlugin*>(raw)->formats();
            info.kinds = static_cast<sdk::FormatPlugin*>(raw)->kinds();
        } else
            info.options = static_cast<sdk::SourcePlugin*>(raw)->options();
    } catch (const std::exception& e) {
        return reject(fmt::format("it failed to describe itself: {}", e.what()));
    }
    info.loaded = true;
    loaded_.push_back({infos_.size(), std::move(plugin)});
    infos_.push_back(std::move(info));
}

std::shared_ptr<sdk::SourcePlugin> PluginHost::source(std::string_view name) const {
    std::string known;
    for (const auto& l : loaded_) {
        const auto& info = infos_[l.info];
        if (info.kind != "source") continue;
        if (info.name == name) return std::static_pointer_cast<sdk::SourcePlugin>(l.plugin);
        known += (known.empty() ? "" : ", ") + info.name;
    }
    throw usage_error(fmt::format("no source plugin '{}' (loaded: {}; see 'bzpeer plugins list')", name,
                                  known.empty() ? "none" : known));
}

namespace {

bool contains(const std::vector<std::string>& list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

std::shared_ptr<sdk::FormatPlugin> PluginHost::format(std::string_view format, std::string_view kind) const {
    bool known = false;
    for (const auto& l : loaded_) {
        const auto& info = infos_[l.info];
        if (!contains(info.formats, format)) continue;
        known = true;
        if (contains(info.kinds, kind)) return std::static_pointer_cast<sdk::FormatPlugin>(l.plugin);
    }
    auto fitting = format_names(kind);
    auto list = fitting.empty() ? std::string("none; see 'bzpeer formats'")
                                : fmt::format("{}", fmt::join(fitting, ", "));
    if (known)
        throw usage_error(
            fmt::format("format '{}' does not render a {} (formats that do: {})", format, kind, list));
    throw usage_error(fmt::format("unknown format '{}' (for a {}: {})", format, kind, list));
}

std::vector<std::string> PluginHost::format_names(std::string_view kind) const {
    std::vector<std::string> names;
    for (const auto& l : loaded_) {
        const auto& info = infos_[l.info];
        if (!kind.empty() && !contains(info.kinds, kind)) continue;
        for (const auto& f : info.formats)
            if (!contains(names, f)) names.push_back(f);
    }
    return names;
}

}  // namespace bzpeer
