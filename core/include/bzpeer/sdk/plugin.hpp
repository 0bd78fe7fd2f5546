// The plugin ABI: the one header a plugin includes. Standard library only; plugins never
// link against the core. The host reads the descriptor, checks api_version, struct_size
// and toolchain for an exact match, and only then calls the factory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/sdk/document.hpp"
#include "bzpeer/sdk/io.hpp"
#include "bzpeer/sdk/records.hpp"
#include "bzpeer/sdk/status.hpp"

namespace bzpeer::sdk {

// Bump on any change to a type in this SDK.
inline constexpr std::uint32_t kApiVersion = 2;

#define BZPEER_SDK_STR2(x) #x
#define BZPEER_SDK_STR(x) BZPEER_SDK_STR2(x)
#if defined(__clang__)
#define BZPEER_SDK_COMPILER "clang-" BZPEER_SDK_STR(__clang_major__)
#else
#define BZPEER_SDK_COMPILER "gcc-" BZPEER_SDK_STR(__GNUC__)
#endif
// Records cross the boundary as std::string and std::vector, so both sides must share the
// compiler family and the standard library's ABI.
inline constexpr const char* kToolchain =
    BZPEER_SDK_COMPILER "/libstdc++-cxx11abi" BZPEER_SDK_STR(_GLIBCXX_USE_CXX11_ABI) "/c++" BZPEER_SDK_STR(__cplusplus);

enum class PluginKind : std::uint32_t { source = 1, format = 2 };

struct PluginDescriptor {
    std::uint32_t api_version;
    std::uint32_t struct_size;  // sizeof(PluginDescriptor) as the plugin saw it
    const char* name;
    PluginKind kind;
    const char* version;
    const char* toolchain;
    const char* summary;
};

// An option a source plugin adds to `bzpeer import NAME`.
struct OptionSpec {
    std::string name;  // long name without dashes
    std::string help;
    bool takes_value = true;
};

class Plugin {
public:
    virtual ~Plugin() = default;
};

class RecordSink {
public:
    virtual ~RecordSink() = default;
    // An error status stops the read; the plugin returns it unchanged.
    virtual Status work(WorkRecord&& record) = 0;
    virtual Status person(PersonRecord&& record) = 0;
};

struct ReadRequest {
    std::vector<std::pair<std::string, std::string>> options;  // plugin options given
};

class SourcePlugin : public Plugin {
public:
    virtual std::vector<OptionSpec> options() const = 0;
    // Translates one saved response or dump into records. Errors name the record and field;
    // the host adds the input's name.
    virtual Status read(const ReadRequest& request, InputStream& in, RecordSink& sink) noexcept = 0;
};

class FormatPlugin : public Plugin {
public:
    // Format names this plugin renders, e.g. {"markdown", "md"}.
    virtual std::vector<std::string> formats() const = 0;
    virtual Status render(const Document& document, std::string_view format, std::string& out) noexcept = 0;
};

}  // namespace bzpeer::sdk

// Exported entry points, looked up by name with Boost.DLL.
#define BZPEER_PLUGIN_DESCRIPTOR_SYMBOL "bzpeer_plugin_descriptor"
#define BZPEER_PLUGIN_CREATE_SYMBOL "bzpeer_plugin_create"

// Defines both entry points. `descriptor` is a PluginDescriptor with static storage;
// `Type` is default-constructible and derives from SourcePlugin or FormatPlugin.
#define BZPEER_DEFINE_PLUGIN(descriptor, Type)                                                     \
    extern "C" __attribute__((visibility("default"))) const ::bzpeer::sdk::PluginDescriptor*       \
    bzpeer_plugin_descriptor() noexcept {                                                          \
        return &(descriptor);                                                                      \
    }                                                                                              \
    extern "C" __attribute__((visibility("default"))) ::bzpeer::sdk::Plugin* bzpeer_plugin_create( \
        std::string* error) noexcept {                                                             \
        try {                                                                                      \
            return new Type();                                                                     \
        } catch (const std::exception& e) {                                                        \
            if (error) *error = e.what();                                                          \
        } catch (...) {                                                                            \
            if (error) *error = "unknown exception";                                               \
        }                                                                                          \
        return nullptr;                                                                            \
    }
