#include "bzpeer/host/config.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>

#include "base/embedded.hpp"
#include "bzpeer/base/error.hpp"

namespace bzpeer {

namespace {

const ConfigKey* find_key(std::string_view name) {
    const auto& keys = Config::keys();
    auto it = std::find_if(keys.begin(), keys.end(), [&](const ConfigKey& k) { return k.name == name; });
    return it == keys.end() ? nullptr : &*it;
}

const ConfigKey& known_key(std::string_view name) {
    if (const auto* key = find_key(name)) return *key;
    std::string names;
    for (const auto& k : Config::keys()) names += fmt::format("{}{}", names.empty() ? "" : ", ", k.name);
    throw usage_error(fmt::format("unknown config key '{}' (known: {})", name, names));
}

// Checks one scalar for `key`; returns the message for a bad one, empty when fine.
std::string check_scalar(const ConfigKey& key, const std::string& value) {
    switch (key.type) {
        case ConfigKey::Type::count: {
            long n = 0;
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || end != value.data() + value.size() || n < 0)
                return fmt::format("'{}' must be a whole number of 0 or more, got '{}'", key.name, value);
            return {};
        }
        case ConfigKey::Type::number: {
            char* end = nullptr;
            double d = std::strtod(value.c_str(), &end);
            if (value.empty() || end != value.c_str() + value.size() || !(d >= 0))
                return fmt::format("'{}' must be a number of 0 or more, got '{}'", key.name, value);
            return {};
        }
        case ConfigKey::Type::flag:
            if (value != "true" && value != "false")
                return fmt::format("'{}' must be true or false, got '{}'", key.name, value);
            return {};
        default:
            return {};
    }
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    for (std::size_t start = 0; start <= text.size();) {
        auto end = std::min(text.find(',', start), text.size());
        auto item = text.substr(start, end - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) items.emplace_back(item);
        start = end + 1;
    }
    return items;
}

// Flattens nested maps into dotted keys.
void collect(const YAML::Node& node, const std::string& prefix, const std::filesystem::path& file,
             std::map<std::string, std::vector<std::string>, std::less<>>& values,
             std::vector<std::string>& warnings) {
    for (const auto& entry : node) {
        std::string name = prefix + entry.first.as<std::string>();
        const YAML::Node& value = entry.second;
        const ConfigKey* key = find_key(name);
        if (!key && value.IsMap()) {
            collect(value, name + ".", file, values, warnings);
            continue;
        }
        if (!key) {
            warnings.push_back(fmt::format("{}: unknown key '{}' ignored", file.string(), name));
            continue;
        }
        std::vector<std::string> items;
        if (key->type == ConfigKey::Type::list && value.IsSequence()) {
            for (const auto& item : value) {
                if (!item.IsScalar())
                    throw Error(fmt::format("{}: '{}' must be a list of text", file.string(), name));
                items.push_back(item.as<std::string>());
            }
        } else if (value.IsScalar() || value.IsNull()) {
            std::string text = value.IsNull() ? "" : value.as<std::string>();
            if (auto problem = check_scalar(*key, text); !problem.empty())
                throw Error(fmt::format("{}: {}", file.string(), problem));
            if (key->type == ConfigKey::Type::list)
                items = split_list(text);
            else
                items.push_back(text);
        } else {
            throw Error(fmt::format("{}: '{}' must be a single value", file.string(), name));
        }
        values[name] = std::move(items);
    }
}

}  // namespace

const std::vector<ConfigKey>& Config::keys() {
    static const std::vector<ConfigKey> keys = {
        {"database.path", ConfigKey::Type::text, ""},
        {"plugins.path", ConfigKey::Type::list, ""},
        {"output.format", ConfigKey::Type::text, ""},
        {"profile.coauthors", ConfigKey::Type::count, "20"},
        {"profile.abstracts", ConfigKey::Type::flag, "true"},
        {"collaborators.close_min_shared", ConfigKey::Type::count, "2"},
        {"user.name", ConfigKey::Type::text, ""},
        {"user.email", ConfigKey::Type::text, ""},
        {"user.orcid", ConfigKey::Type::text, ""},
        {"claim.min_overlap", ConfigKey::Type::number, "0.5"},
        {"graph.limit", ConfigKey::Type::count, "200"},
        {"trust.weights.identity", ConfigKey::Type::number, "25"},
        {"trust.weights.coherence", ConfigKey::Type::number, "20"},
        {"trust.weights.corroboration", ConfigKey::Type::number, "15"},
        {"trust.weights.depth", ConfigKey::Type::number, "15"},
        {"trust.weights.network", ConfigKey::Type::number, "15"},
        {"trust.weights.community", ConfigKey::Type::number, "10"},
        {"smtp.url", ConfigKey::Type::text, ""},
        {"smtp.username", ConfigKey::Type::text, ""},
        {"smtp.password", ConfigKey::Type::text, ""},
        {"sources.arxiv.base_url", ConfigKey::Type::text, "https://export.arxiv.org"},
        {"sources.arxiv.page_size", ConfigKey::Type::count, "100"},
        {"sources.arxiv.min_interval", ConfigKey::Type::number, "3"},
        {"sources.crossref.base_url", ConfigKey::Type::text, "https://api.crossref.org"},
        {"sources.crossref.mailto", ConfigKey::Type::text, ""},
        {"sources.crossref.page_size", ConfigKey::Type::count, "100"},
        {"sources.crossref.min_interval", ConfigKey::Type::number, "0.02"},
        {"sources.orcid.base_url", ConfigKey::Type::text, "https://pub.orcid.org"},
        {"sources.orcid.min_interval", ConfigKey::Type::number, "0.042"},
        {"http.timeout", ConfigKey::Type::number, "60"},
        {"http.connect_timeout", ConfigKey::Type::number, "10"},
        {"http.max_attempts", ConfigKey::Type::count, "5"},
        {"http.backoff", ConfigKey::Type::number, "1"},
        {"http.cache_ttl_hours", ConfigKey::Type::number, "168"},
    };
    return keys;
}

std::string_view Config::default_file() { return embedded::default_config(); }

Config Config::load(const std::filesystem::path& file, std::vector<std::string>& warnings) {
    Config config;
    config.file_ = file;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return config;
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::Exception& e) {
        throw Error(fmt::format("{}:{}: not valid YAML: {}", file.string(), e.mark.line + 1, e.msg));
    }
    if (root.IsNull()) return config;
    if (!root.IsMap()) throw Error(fmt::format("{}: expected a map of settings at the top", file.string()));
    collect(root, "", file, config.values_, warnings);
    return config;
}

std::string Config::text(std::string_view key) const {
    auto it = values_.find(key);
    if (it != values_.end()) return it->second.empty() ? std::string() : it->second.front();
    return std::string(known_key(key).fallback);
}

std::vector<std::string> Config::list(std::string_view key) const {
    auto it = values_.find(key);
    return it != values_.end() ? it->second : split_list(known_key(key).fallback);
}

long Config::count(std::string_view key) const { return std::stol(text(key)); }

double Config::number(std::string_view key) const { return std::stod(text(key)); }

bool Config::known(std::string_view key) { return find_key(key) != nullptr; }

bool Config::flag(std::string_view key) const { return text(key) == "true"; }

std::string Config::display(std::string_view key) const {
    if (known_key(key).type != ConfigKey::Type::list) return text(key);
    std::string out;
    for (const auto& item : list(key)) out += (out.empty() ? "" : "\n") + item;
    return out;
}

void Config::set(const std::filesystem::path& file, std::string_view key_name, std::string_view value) {
    const ConfigKey& key = known_key(key_name);
    std::string text(value);
    if (auto problem = check_scalar(key, text); !problem.empty()) throw usage_error(problem);

    YAML::Node root = std::filesystem::exists(file) ? YAML::LoadFile(file.string())
                                                    : YAML::Load(std::string(default_file()));
    if (!root.IsMap()) root = YAML::Node(YAML::NodeType::Map);
    // Walk to the parent map, creating levels as needed.
    std::vector<std::string> path;
    for (std::size_t start = 0;;) {
        auto dot = key.name.find('.', start);
        path.emplace_back(key.name.substr(start, dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    // Node::reset rebinds the handle; operator[] on a non-const node creates missing maps.
    YAML::Node parent = root;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) parent.reset(parent[path[i]]);
    if (key.type == ConfigKey::Type::list) {
        YAML::Node items(YAML::NodeType::Sequence);
        for (const auto& item : split_list(text)) items.push_back(item);
        parent[path.back()] = items;
    } else {
        parent[path.back()] = text;
    }

    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    auto temporary = file;
    temporary += ".tmp";
    {
        std::ofstream out(temporary);
        out << "# bzpeer configuration; see `bzpeer config show` and the documented default in the manual.\n"
            << YAML::Dump(root) << '\n';
        if (!out) throw Error(fmt::format("cannot write {}", temporary.string()));
    }
    std::filesystem::rename(temporary, file);  // atomic: a crash never leaves half a config
}

}  // namespace bzpeer
