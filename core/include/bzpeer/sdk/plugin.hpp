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
inline constexpr std::uint32_t kApiVersion = 5;

#define BZPEER_SDK_STR2(x) #x
#define BZPEER_SDK_STR(x) BZPEER_SDK_STR2(x)
#if defined(__clang__)
#define BZPEER_SDK_COMPILER "clang-" BZPEER_SDK_STR(__clang_major__)
#else
#define BZPEER_SDK_COMPILER "gcc-" BZPEER_SDK_STR(__GNUC__)
#endif
// Records cross the boundary as std::string and std::vector, so both sides must share the
// compiler family and the standard library's ABI.
inline constexpr const char* kToolchain = BZPEER_SDK_COMPILER
    "/libstdc++-cxx11abi" BZPEER_SDK_STR(_GLIBCXX_USE_CXX11_ABI) "/c++" BZPEER_SDK_STR(__cplusplus);

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
    std::string name;  // long name without dashes, or the placeholder of a positional ("ID")
    std::string help;
    bool takes_value = true;
    bool repeatable = false;  // `--id A B` or `--id A --id B`; each value is one option entry
    bool positional = false;  // `bzpeer import orcid ID...`
    bool is_file = false;     // a file the host opens (and inflates when .gz) and passes to read()
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
    // Marks the end of a batch: a page of a live query, or some thousands of lines of a dump.
    // The host commits what came before, so an interrupted import keeps whole batches and
    // never half of one. An error status (e.g. the user pressed Ctrl-C) stops the read.
    virtual Status batch_done() = 0;
    // How many records the whole read should yield, when the source says so (arXiv's
    // totalResults, OAI-PMH's completeListSize, Crossref's total-results): for progress only.
    virtual Status expect(std::int64_t records) {
        (void)records;
        return Status::success();
    }
};

struct HttpResponse {
    long status = 0;
    std::string body;
    std::string content_type;
    std::string url;  // the URL asked for
    bool from_cache = false;
};

// The network, as the host offers it. The host applies the source's politeness policy (rate
// limit, retries with backoff and jitter on 429/5xx/timeouts, a cap on attempts, timeouts,
// User-Agent), the response cache and --offline. Plugins hold no HTTP code of their own.
class Fetcher {
public:
    virtual ~Fetcher() = default;
    // GETs `url`. The HTTP status the server finally answers with is in `response`, with its
    // body (an arXiv 400 carries an error feed worth reading). An error status means there is
    // no answer to read: the network failed after the allowed attempts, or --offline found
    // nothing cached; its message names the URL.
    virtual Status get(const std::string& url, HttpResponse& response) noexcept = 0;
    // Drops a cached answer the plugin found unusable (arXiv's spurious empty page), so that
    // the next get() of `url` asks the server again.
    virtual void forget(const std::string& /*url*/) noexcept {}
};

struct ReadRequest {
    // The plugin options given, in command-line order; a repeatable option appears once per
    // value. For read(), the file option that named the input, if any (e.g. "snapshot").
    std::vector<std::pair<std::string, std::string>> options;
    std::string base_url;        // config sources.NAME.base_url
    std::string mailto;          // config sources.NAME.mailto: a contact for polite pools
    long page_size = 0;          // config sources.NAME.page_size; 0: the plugin's default
    Fetcher* fetcher = nullptr;  // set for fetch()
};

class SourcePlugin : public Plugin {
public:
    virtual std::vector<OptionSpec> options() const = 0;
    // Translates one saved response or dump into records. Errors name the record and field;
    // the host adds the input's name.
    virtual Status read(const ReadRequest& request, InputStream& in, RecordSink& sink) noexcept = 0;
    // Runs the live query the options ask for (e.g. --query, --id), through request.fetcher,
    // calling sink.batch_done() after each page.
    virtual Status fetch(const ReadRequest& request, RecordSink& sink) noexcept = 0;
};

class FormatPlugin : public Plugin {
public:
    // Format names this plugin renders, e.g. {"markdown", "md"}.
    virtual std::vector<std::string> formats() const = 0;
    // Document kinds it renders (see Document), e.g. {"graph"}; `bzpeer formats` lists them and
    // the host asks another plugin, or refuses naming the formats that fit, for other kinds.
    virtual std::vector<std::string> kinds() const = 0;
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
