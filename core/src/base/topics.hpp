// Names of arXiv categories, from the taxonomy compiled into the core.
#pragma once

#include <string>
#include <string_view>

namespace bzpeer {

// "cs.CL" → "Computation and Language"; an unknown code is returned as it is.
std::string arxiv_category_name(std::string_view code);

}  // namespace bzpeer
