// Data files compiled into the core so that an installed binary needs nothing beside it.
#pragma once

#include <string_view>

namespace bzpeer::embedded {

std::string_view default_config();    // config/config.yaml
std::string_view arxiv_categories();  // data/arxiv-categories.tsv

}  // namespace bzpeer::embedded
