// Byte streams the host hands to plugins: the host opens files, inflates gzip and talks
// HTTP; a plugin only reads bytes.
#pragma once

#include <cstddef>
#include <string>

namespace bzpeer::sdk {

class InputStream {
public:
    virtual ~InputStream() = default;
    // Copies up to `capacity` bytes into `buffer`; returns 0 at the end of the input.
    // A read failure is reported by the host after the plugin returns.
    virtual std::size_t read(char* buffer, std::size_t capacity) = 0;
    // What the user would call this input: a file path or a URL.
    virtual const std::string& name() const = 0;
};

inline std::string read_all(InputStream& in) {
    std::string text;
    char buffer[1 << 16];
    for (std::size_t n; (n = in.read(buffer, sizeof buffer)) > 0;) text.append(buffer, n);
    return text;
}

}  // namespace bzpeer::sdk
