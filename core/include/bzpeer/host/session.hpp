// What one bzpeer invocation works with: where its config and database are, the config
// itself, the plugins, and the open database. Everything is resolved on first use, so
// `bzpeer --help` touches no file.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bzpeer/host/config.hpp"
#include "bzpeer/host/plugin_host.hpp"
#include "bzpeer/net/http.hpp"
#include "bzpeer/sdk/document.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer {

struct SessionOptions {
    std::string database;                  // --db; empty: BZPEER_DB, config, XDG
    std::string config;                    // --config; empty: BZPEER_CONFIG, XDG
    std::vector<std::string> plugin_path;  // --plugin-path, searched first
};

class Session {
public:
    explicit Session(SessionOptions options);
    ~Session();

    const std::filesystem::path& config_path() const { return config_path_; }
    const Config& config();
    std::filesystem::path database_path();
    // Opens the database; it must exist unless `create`.
    Database& database(bool create = false);
    const PluginHost& plugins();

    // What a source plugin is asked with: its config (base URL, mailto, page size) and the
    // given options; for live queries, `fetcher` must outlive the request.
    sdk::ReadRequest request_for(const std::string& source,
                                 std::vector<std::pair<std::string, std::string>> options);
    // The network for `source`, with its politeness policy from config.
    std::unique_ptr<HttpClient> fetcher(const std::string& source, bool offline);

    // Renders with the format plugin that handles `format`.
    std::string render(const sdk::Document& document, const std::string& format);

    // Warnings gathered so far (unknown config keys, ...), emptied by the call.
    std::vector<std::string> take_warnings();

private:
    SessionOptions options_;
    std::filesystem::path config_path_;
    std::optional<Config> config_;
    std::optional<Database> database_;
    std::unique_ptr<PluginHost> plugins_;
    std::vector<std::string> warnings_;
};

}  // namespace bzpeer
