// The version of bzpeer, as `bzpeer --version` and the HTTP User-Agent print it.
#pragma once

#include <string_view>

namespace bzpeer {

std::string_view version();

}  // namespace bzpeer
