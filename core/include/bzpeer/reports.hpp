// Builders: queries over the store turned into documents for the format plugins.
// Each returns both faces of a Document: blocks for people, data for programs.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "bzpeer/config.hpp"
#include "bzpeer/db.hpp"
#include "bzpeer/plugin_host.hpp"
#include "bzpeer/sdk/document.hpp"

namespace bzpeer {

// People whose printed names match `name`: the same family name and compatible given names
// ("A. Del Maestro" matches "Adrian Del Maestro"); a lone word matches family names.
std::vector<std::int64_t> find_people(Database& db, std::string_view name);

// A PERSON argument: "p:42", an ORCID, or a name. Of several people matching a name, the
// only one printed exactly so is taken; otherwise a not-found error (exit 3) lists them.
std::int64_t resolve_person(Database& db, std::string_view reference);

sdk::Document stats_report(Database& db);
sdk::Document works_report(Database& db, std::optional<std::int64_t> person);
sdk::Document people_report(Database& db, std::string_view name);

struct ProfileOptions {
    long coauthors = 20;  // 0: all
    bool abstracts = true;
    bool explain = false;  // each work with how it came to be on the profile
};
sdk::Document profile_report(Database& db, std::int64_t person, const ProfileOptions& options);

// Every plugin file found: name, kind, version, status, file, and why it was not loaded.
sdk::Document plugins_report(const PluginHost& host);
// Every config key with the value in force.
sdk::Document config_report(const Config& config);

}  // namespace bzpeer
