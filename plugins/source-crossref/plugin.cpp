// The module's entry points: exports the Crossref source (crossref_source.hpp) through the SDK.
#include "bzpeer/sdk/plugin.hpp"

#include "crossref_source.hpp"

namespace {

using namespace bzpeer;

const sdk::PluginDescriptor descriptor{
    sdk::kApiVersion,
    sizeof(sdk::PluginDescriptor),
    "crossref",
    sdk::PluginKind::source,
    "0.2.0",
    sdk::kToolchain,
    "Crossref REST API: live DOI and work queries, saved responses, JSON-lines dumps"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, bzpeer::crossref::CrossrefSource)
