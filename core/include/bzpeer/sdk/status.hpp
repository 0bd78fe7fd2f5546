// A status value: how plugin entry points report failure without throwing across the
// library boundary.
#pragma once

#include <exception>
#include <string>
#include <utility>

namespace bzpeer::sdk {

struct Status {
    bool ok = true;
    std::string message;

    static Status success() { return {}; }
    static Status error(std::string text) { return {false, std::move(text)}; }
    explicit operator bool() const { return ok; }
};

// Runs `body` (returning Status) and turns any exception into an error status, so that
// a plugin's noexcept entry points never let one escape.
template <class Body>
Status guard(Body&& body) noexcept {
    try {
        return body();
    } catch (const std::exception& e) {
        return Status::error(e.what());
    } catch (...) {
        return Status::error("unknown exception");
    }
}

}  // namespace bzpeer::sdk
