#include "crossref_source.hpp"

#include <algorithm>

#include "crossref_fetch.hpp"

namespace bzpeer::crossref {

std::vector<sdk::OptionSpec> CrossrefSource::options() const {
    std::vector<sdk::OptionSpec> options;
    sdk::OptionSpec doi{"doi", "fetch the work with this DOI (repeatable)"};
    doi.repeatable = true;
    options.push_back(doi);
    options.push_back({"author", "fetch works by authors matching this name (Crossref query.author)"});
    options.push_back({"orcid", "fetch works that list this ORCID iD (Crossref filter=orcid:)"});
    options.push_back(
        {"query", "fetch works matching this free text (with --author or --orcid: all must match)"});
    sdk::OptionSpec dump{"dump", "read a Crossref JSON-lines dump, one work per line (also .gz), streamed"};
    dump.is_file = true;
    options.push_back(dump);
    return options;
}

sdk::Status CrossrefSource::read(const sdk::ReadRequest& request, sdk::InputStream& in,
                                 sdk::RecordSink& sink) noexcept {
    return sdk::guard([&] {
        bool dump = std::any_of(request.options.begin(), request.options.end(),
                                [](const auto& option) { return option.first == "dump"; });
        if (dump) return dump_.read(in, sink);
        // A response page is at most a few megabytes (rows <= 1000) and the DOM parser wants
        // the whole document; the reader keeps its parser and buffer for the next page.
        if (auto status = reader_.read(sdk::read_all(in), sink); !status) return status;
        return sink.batch_done();
    });
}

sdk::Status CrossrefSource::fetch(const sdk::ReadRequest& request, sdk::RecordSink& sink) noexcept {
    return sdk::guard([&] { return fetch_works(request, sink, reader_); });
}

}  // namespace bzpeer::crossref
