// Builders: queries over the store turned into documents for the format plugins.
// Each returns both faces of a Document: blocks for people, data for programs.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "bzpeer/host/config.hpp"
#include "bzpeer/host/plugin_host.hpp"
#include "bzpeer/identity/people.hpp"
#include "bzpeer/sdk/document.hpp"
#include "bzpeer/social/trust.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer {

sdk::Document stats_report(Database& db);
sdk::Document works_report(Database& db, std::optional<std::int64_t> person);
sdk::Document people_report(Database& db, std::string_view name);

struct ProfileOptions {
    long coauthors = 20;  // 0: all
    bool abstracts = true;
    bool explain = false;                // each work with how it came to be on the profile
    std::int64_t close_min_shared = 2;   // config collaborators.close_min_shared
    social::TrustWeights trust_weights;  // config trust.weights.*
};
sdk::Document profile_report(Database& db, std::int64_t person, const ProfileOptions& options);

// Every plugin file found: name, kind, version, status, file, and why it was not loaded.
sdk::Document plugins_report(const PluginHost& host);
// Every output format: the plugin serving it and the document kinds it renders there.
sdk::Document formats_report(const PluginHost& host);
// Every config key with the value in force.
sdk::Document config_report(const Config& config);

}  // namespace bzpeer
