#include "bzpeer/host/session.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "bzpeer/base/error.hpp"
#include "bzpeer/base/version.hpp"

namespace bzpeer {

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

// $XDG_<kind>_HOME, else ~/<fallback>.
std::filesystem::path xdg_home(const char* variable, const char* fallback) {
    if (auto value = env(variable); !value.empty()) return value;
    if (auto home = env("HOME"); !home.empty()) return std::filesystem::path(home) / fallback;
    throw Error(fmt::format("neither {} nor HOME is set; pass the path explicitly", variable));
}

std::vector<std::string> split_path_list(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t start = 0; start <= text.size();) {
        auto end = std::min(text.find(':', start), text.size());
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace

Session::Session(SessionOptions options) : options_(std::move(options)) {
    if (!options_.config.empty())
        config_path_ = options_.config;
    else if (auto from_env = env("BZPEER_CONFIG"); !from_env.empty())
        config_path_ = from_env;
    else
        config_path_ = xdg_home("XDG_CONFIG_HOME", ".config") / "bzpeer" / "config.yaml";
}

Session::~Session() = default;

const Config& Session::config() {
    if (!config_) config_.emplace(Config::load(config_path_, warnings_));
    return *config_;
}

std::filesystem::path Session::database_path() {
    if (!options_.database.empty()) return options_.database;
    if (auto from_env = env("BZPEER_DB"); !from_env.empty()) return from_env;
    if (auto configured = config().text("database.path"); !configured.empty()) return configured;
    return xdg_home("XDG_DATA_HOME", ".local/share") / "bzpeer" / "bzpeer.db";
}

Database& Session::database(bool create) {
    if (!database_) database_.emplace(Database::open(database_path(), create));
    return *database_;
}

const PluginHost& Session::plugins() {
    if (!plugins_) {
        std::vector<std::filesystem::path> folders;
        for (const auto& entry : options_.plugin_path)
            for (const auto& folder : split_path_list(entry)) folders.emplace_back(folder);
        for (const auto& folder : split_path_list(env("BZPEER_PLUGIN_PATH"))) folders.emplace_back(folder);
        for (const auto& folder : config().list("plugins.path")) folders.emplace_back(folder);
        for (auto& folder : PluginHost::default_folders()) folders.push_back(std::move(folder));
        plugins_ = std::make_unique<PluginHost>(std::move(folders));
    }
    return *plugins_;
}

namespace {

// A config value of a source, or `fallback` for sources the config does not describe.
std::string source_setting(const Config& config, const std::string& source, const char* key,
                           const char* fallback) {
    std::string name = fmt::format("sources.{}.{}", source, key);
    return Config::known(name) ? config.text(name) : fallback;
}

}  // namespace

sdk::ReadRequest Session::request_for(const std::string& source,
                                      std::vector<std::pair<std::string, std::string>> options) {
    const auto& c = config();
    sdk::ReadRequest request;
    request.options = std::move(options);
    request.base_url = source_setting(c, source, "base_url", "");
    request.mailto = source_setting(c, source, "mailto", "");
    request.page_size = std::stol(source_setting(c, source, "page_size", "0"));
    return request;
}

std::unique_ptr<HttpClient> Session::fetcher(const std::string& source, bool offline) {
    const auto& c = config();
    HttpPolicy policy;
    policy.source = source;
    policy.min_interval = std::stod(source_setting(c, source, "min_interval", "1"));
    policy.rate_limit_headers = source == "crossref";
    policy.repeats_are_pages = source == "crossref";
    policy.max_attempts = static_cast<int>(std::max(1L, c.count("http.max_attempts")));
    policy.backoff = c.number("http.backoff");
    policy.connect_timeout = c.number("http.connect_timeout");
    policy.timeout = c.number("http.timeout");
    policy.cache_ttl = static_cast<std::int64_t>(c.number("http.cache_ttl_hours") * 3600);
    policy.offline = offline;
    std::string mailto = source_setting(c, source, "mailto", "");
    policy.user_agent = mailto.empty() ? fmt::format("bzpeer/{}", version())
                                       : fmt::format("bzpeer/{} (mailto:{})", version(), mailto);
    if (source == "orcid") policy.accept = "application/json";
    return std::make_unique<HttpClient>(database(), std::move(policy));
}

std::string Session::render(const sdk::Document& document, const std::string& format) {
    auto plugin = plugins().format(format, document.kind);
    std::string out;
    sdk::Status status = plugin->render(document, format, out);
    if (!status) throw Error(fmt::format("rendering {} failed: {}", format, status.message));
    return out;
}

std::vector<std::string> Session::take_warnings() { return std::exchange(warnings_, {}); }

}  // namespace bzpeer
