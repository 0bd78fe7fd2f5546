#include "orcid_source.hpp"

#include "orcid_fetch.hpp"
#include "orcid_reader.hpp"

namespace bzpeer::orcid {

std::vector<sdk::OptionSpec> OrcidSource::options() const {
    sdk::OptionSpec id{"ID", "an ORCID iD to import, such as 0000-0002-1825-0097 (repeatable)"};
    id.repeatable = true;
    id.positional = true;
    sdk::OptionSpec enrich{"enrich", "also import the listed DOIs from Crossref (done by the host)"};
    enrich.takes_value = false;
    return {id, enrich};
}

sdk::Status OrcidSource::read(const sdk::ReadRequest& /*request*/, sdk::InputStream& in,
                              sdk::RecordSink& sink) noexcept {
    // One ORCID response is one document; even a record with thousands of works is a few
    // megabytes, and both parsers want the whole text.
    return sdk::guard([&] {
        if (auto status = read_orcid(sdk::read_all(in), sink); !status) return status;
        return sink.batch_done();
    });
}

sdk::Status OrcidSource::fetch(const sdk::ReadRequest& request, sdk::RecordSink& sink) noexcept {
    return sdk::guard([&] { return fetch_records(request, sink); });
}

}  // namespace bzpeer::orcid
