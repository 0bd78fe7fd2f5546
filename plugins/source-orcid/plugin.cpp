// The module's entry points: exports the ORCID source (orcid_source.hpp) through the SDK.
#include "bzpeer/sdk/plugin.hpp"

#include "orcid_source.hpp"

namespace {

using namespace bzpeer;

const sdk::PluginDescriptor descriptor{
    sdk::kApiVersion,
    sizeof(sdk::PluginDescriptor),
    "orcid",
    sdk::PluginKind::source,
    "0.2.0",
    sdk::kToolchain,
    "ORCID v3.0: live records by iD; saved records, persons, works and employments (JSON or XML)"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, bzpeer::orcid::OrcidSource)
