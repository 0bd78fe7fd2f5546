// Entry points of the bibtex format plugin; the rendering lives in bibtex.cpp.
#include "bzpeer/sdk/plugin.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "bibtex.hpp"

namespace {

namespace sdk = bzpeer::sdk;

class BibtexPlugin final : public sdk::FormatPlugin {
public:
    std::vector<std::string> formats() const override { return {"bibtex", "bib"}; }
    std::vector<std::string> kinds() const override { return {"works", "profile"}; }

    sdk::Status render(const sdk::Document& document, std::string_view format,
                       std::string& out) noexcept override {
        return sdk::guard([&] {
            out = bzpeer::bibtex::render(document, format);
            return sdk::Status::success();
        });
    }
};

const sdk::PluginDescriptor descriptor{sdk::kApiVersion,
                                       sizeof(sdk::PluginDescriptor),
                                       "bibtex",
                                       sdk::PluginKind::format,
                                       "0.1.0",
                                       sdk::kToolchain,
                                       "BibTeX entries of works (biblatex-friendly UTF-8)"};

}  // namespace

BZPEER_DEFINE_PLUGIN(descriptor, BibtexPlugin)
