#include "bzpeer/base/version.hpp"

namespace bzpeer {

std::string_view version() { return BZPEER_VERSION; }

}  // namespace bzpeer
