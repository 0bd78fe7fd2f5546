#include "bzpeer/ingest.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <optional>

#include "bzpeer/error.hpp"
#include "bzpeer/ids.hpp"
#include "bzpeer/names.hpp"

namespace bzpeer {

namespace {

std::string utc_now() {
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(now)));
}

class FileStream : public sdk::InputStream {
public:
    explicit FileStream(const std::filesystem::path& file)
        : in_(file, std::ios::binary), name_(file.string()) {
        if (!in_) throw Error(fmt::format("{}: cannot open for reading", name_));
    }
    std::size_t read(char* buffer, std::size_t capacity) override {
        in_.read(buffer, static_cast<std::streamsize>(capacity));
        return static_cast<std::size_t>(in_.gcount());
    }
    const std::string& name() const override { return name_; }
    bool failed() const { return in_.bad(); }

private:
    std::ifstream in_;
    std::string name_;
};

struct Identifier {
    std::string scheme;
    std::string value;
};

std::optional<int> year_of(const std::string& date) {
    if (date.size() < 4) return std::nullopt;
    int year = 0;
    for (int i = 0; i < 4; ++i) {
        if (date[i] < '0' || date[i] > '9') return std::nullopt;
        year = year * 10 + (date[i] - '0');
    }
    return year;
}

// Writes records into the store inside the caller's transaction.
class Writer : public sdk::RecordSink {
public:
    Writer(Database& db, std::string source, std::int64_t run, ImportSummary& summary)
        : db_(db), source_(std::move(source)), run_(run), fetched_at_(utc_now()), summary_(summary) {}

    sdk::Status work(sdk::WorkRecord&& record) override {
        ++summary_.records;
        return sdk::guard([&] {
            store(record);
            return sdk::Status::success();
        });
    }

private:
    std::string where(const sdk::WorkRecord& r) const {
        return r.source_id.empty() ? fmt::format("record {}", summary_.records)
                                   : fmt::format("record {} ({})", summary_.records, r.source_id);
    }

    std::vector<Identifier> normalize_ids(const sdk::WorkRecord& r) {
        std::vector<Identifier> out;
        for (const auto& id : r.ids) {
            if (id.scheme == "arxiv") {
                auto parsed = ids::parse_arxiv(id.value);
                if (!parsed)
                    throw Error(fmt::format("{}: field arxiv id: invalid arXiv id '{}'", where(r), id.value));
                out.push_back({"arxiv", parsed->id});
                if (parsed->version) out.push_back({"arxiv-version", parsed->with_version()});
            } else if (id.scheme == "doi") {
                // Sources print junk in DOI fields now and then; the work is still worth keeping.
                if (auto doi = ids::normalize_doi(id.value))
                    out.push_back({"doi", *doi});
                else
                    summary_.warnings.push_back(
                        fmt::format("{}: ignored invalid DOI '{}'", where(r), id.value));
            } else if (!id.value.empty()) {
                out.push_back({id.scheme, id.value});
            }
        }
        return out;
    }

    std::optional<std::int64_t> find_work(const std::vector<Identifier>& identifiers) {
        auto& stmt = db_.cached("SELECT work_id FROM identifiers WHERE scheme = ?1 AND value = ?2");
        for (const auto& id : identifiers) {
            stmt.bind(1, id.scheme).bind(2, id.value);
            if (stmt.step() && !stmt.is_null(0)) return stmt.integer(0);
            stmt.reset();
        }
        return std::nullopt;
    }

    void bind_fields(Statement& stmt, const sdk::WorkRecord& r) {
        stmt.bind(2, r.title)
            .bind_text_or_null(3, r.abstract)
            .bind_text_or_null(4, r.type)
            .bind_text_or_null(5, r.date)
            .bind(6, year_of(r.date))
            .bind_text_or_null(7, r.venue)
            .bind_text_or_null(8, r.journal_ref)
            .bind_text_or_null(9, r.comment)
            .bind_text_or_null(10, r.primary_category);
    }

    void store(const sdk::WorkRecord& r) {
        if (r.title.empty()) throw Error(fmt::format("{}: field title: missing", where(r)));
        auto identifiers = normalize_ids(r);
        if (identifiers.empty()) throw Error(fmt::format("{}: no identifier (arXiv id or DOI)", where(r)));

        std::int64_t work;
        bool is_new = false;
        if (auto existing = find_work(identifiers)) {
            work = *existing;
            // Fields the record gives replace stored ones; only a real difference is an update.
            auto& update = db_.cached(R"sql(
UPDATE works SET title = ?2, abstract = coalesce(?3, abstract), type = coalesce(?4, type),
  date = coalesce(?5, date), year = coalesce(?6, year), venue = coalesce(?7, venue),
  journal_ref = coalesce(?8, journal_ref), comment = coalesce(?9, comment),
  primary_category = coalesce(?10, primary_category)
WHERE id = ?1 AND (title IS NOT ?2 OR abstract IS NOT coalesce(?3, abstract) OR type IS NOT coalesce(?4, type)
  OR date IS NOT coalesce(?5, date) OR year IS NOT coalesce(?6, year) OR venue IS NOT coalesce(?7, venue)
  OR journal_ref IS NOT coalesce(?8, journal_ref) OR comment IS NOT coalesce(?9, comment)
  OR primary_category IS NOT coalesce(?10, primary_category)))sql");
            update.bind(1, work);
            bind_fields(update, r);
            update.run();
            ++(db_.changes() > 0 ? summary_.works_updated : summary_.works_unchanged);
        } else {
            auto& insert = db_.cached(R"sql(
INSERT INTO works (id, title, abstract, type, date, year, venue, journal_ref, comment, primary_category)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql");
            insert.bind(1, nullptr);
            bind_fields(insert, r);
            insert.run();
            work = db_.last_insert_id();
            is_new = true;
            ++summary_.works_new;
        }

        auto& add_id = db_.cached(
            "INSERT INTO identifiers (scheme, value, work_id) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
        for (const auto& id : identifiers) add_id.bind(1, id.scheme).bind(2, id.value).bind(3, work).run();

        store_topics(work, r);
        if (is_new || authors_differ(work, r)) store_authorships(work, r);
        note_provenance("work", work, r.source_id.empty() ? identifiers.front().value : r.source_id);
    }

    void store_topics(std::int64_t work, const sdk::WorkRecord& r) {
        auto& topic = db_.cached(
            "INSERT INTO topics (scheme, code) VALUES ('arxiv', ?1) ON CONFLICT DO UPDATE SET code = code "
            "RETURNING id");
        auto& link = db_.cached(
            "INSERT INTO work_topics (work_id, topic_id, position) VALUES (?1, ?2, ?3) ON CONFLICT DO "
            "NOTHING");
        int position = 0;
        for (const auto& code : r.categories) {
            topic.bind(1, code);
            topic.step();
            std::int64_t id = topic.integer(0);
            topic.reset();
            link.bind(1, work).bind(2, id).bind(3, position++).run();
        }
    }

    // A new version of a work may change its author list; the same list changes nothing.
    bool authors_differ(std::int64_t work, const sdk::WorkRecord& r) {
        auto& stmt = db_.cached("SELECT printed_name FROM authorships WHERE work_id = ?1 ORDER BY position");
        stmt.bind(1, work);
        std::size_t i = 0;
        bool differ = false;
        while (stmt.step()) {
            if (i >= r.authors.size() || stmt.text(0) != r.authors[i].name) differ = true;
            ++i;
        }
        return differ || i != r.authors.size();
    }

    std::optional<std::int64_t> person_by_orcid(const std::string& orcid) {
        auto& stmt = db_.cached("SELECT person_id FROM identifiers WHERE scheme = 'orcid' AND value = ?1");
        stmt.bind(1, orcid);
        if (stmt.step() && !stmt.is_null(0)) return stmt.integer(0);
        return std::nullopt;
    }

    // Until identity resolution splits them, one person per normalized name (or per ORCID).
    std::int64_t person_for(const sdk::AuthorRecord& author, const names::ParsedName& parsed,
                            const std::string& key, const std::optional<std::string>& orcid) {
        std::optional<std::int64_t> person = orcid ? person_by_orcid(*orcid) : std::nullopt;
        if (!person) {
            auto& find = db_.cached("SELECT id FROM people WHERE name_key = ?1 ORDER BY id LIMIT 1");
            find.bind(1, key);
            if (find.step()) person = find.integer(0);
        }
        if (!person) {
            auto& insert = db_.cached("INSERT INTO people (display_name, name_key) VALUES (?1, ?2)");
            insert.bind(1, author.name).bind(2, key).run();
            person = db_.last_insert_id();
            ++summary_.people_new;
        }
        db_.cached(
               "INSERT INTO person_names (person_id, name, name_key, block_key) VALUES (?1, ?2, ?3, ?4) "
               "ON CONFLICT DO NOTHING")
            .bind(1, *person)
            .bind(2, author.name)
            .bind(3, key)
            .bind(4, names::block_key(parsed))
            .run();
        if (orcid)
            db_.cached(
                   "INSERT INTO identifiers (scheme, value, person_id) VALUES ('orcid', ?1, ?2) "
                   "ON CONFLICT DO NOTHING")
                .bind(1, *orcid)
                .bind(2, *person)
                .run();
        return *person;
    }

    std::int64_t institution_for(const std::string& printed) {
        auto& stmt = db_.cached(
            "INSERT INTO institutions (name, name_key) VALUES (?1, ?2) "
            "ON CONFLICT (name_key) DO UPDATE SET name = name RETURNING id");
        stmt.bind(1, printed).bind(2, names::fold(printed));
        stmt.step();
        std::int64_t id = stmt.integer(0);
        stmt.reset();
        return id;
    }

    void store_authorships(std::int64_t work, const sdk::WorkRecord& r) {
        db_.cached(
               "DELETE FROM provenance WHERE entity = 'authorship' AND entity_id IN "
               "(SELECT id FROM authorships WHERE work_id = ?1)")
            .bind(1, work)
            .run();
        db_.cached("DELETE FROM authorships WHERE work_id = ?1").bind(1, work).run();
        auto& insert = db_.cached(R"sql(
INSERT INTO authorships (work_id, position, printed_name, given, family, name_key, block_key, orcid, person_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql");
        auto& affiliation = db_.cached(
            "INSERT INTO authorship_affiliations (authorship_id, position, printed, institution_id) "
            "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
        int position = 0;
        for (const auto& author : r.authors) {
            ++position;
            if (author.name.empty())
                throw Error(fmt::format("{}: author {}: field name: missing", where(r), position));
            names::ParsedName parsed = author.family.empty()
                                           ? names::parse(author.name)
                                           : names::ParsedName{author.given, author.family, "", false};
            std::string key = names::name_key(parsed);
            std::optional<std::string> orcid;
            if (!author.orcid.empty()) {
                orcid = ids::normalize_orcid(author.orcid);
                if (!orcid)
                    summary_.warnings.push_back(fmt::format("{}: author {}: ignored invalid ORCID '{}'",
                                                            where(r), position, author.orcid));
            }
            // A collaboration is credited on the work but is nobody's profile.
            std::optional<std::int64_t> person;
            if (!parsed.collaboration) person = person_for(author, parsed, key, orcid);
            insert.bind(1, work)
                .bind(2, position)
                .bind(3, author.name)
                .bind_text_or_null(4, parsed.given)
                .bind_text_or_null(5, parsed.family)
                .bind(6, key)
                .bind(7, names::block_key(parsed))
                .bind(8, orcid)
                .bind(9, person)
                .run();
            std::int64_t authorship = db_.last_insert_id();
            int index = 0;
            for (const auto& printed : author.affiliations)
                affiliation.bind(1, authorship)
                    .bind(2, index++)
                    .bind(3, printed)
                    .bind(4, institution_for(printed))
                    .run();
            note_provenance("authorship", authorship, r.source_id);
        }
    }

    void note_provenance(const char* entity, std::int64_t id, const std::string& record_id) {
        db_.cached(R"sql(
INSERT INTO provenance (entity, entity_id, source, source_record_id, fetched_at, import_run_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING)sql")
            .bind(1, entity)
            .bind(2, id)
            .bind(3, source_)
            .bind(4, record_id)
            .bind(5, fetched_at_)
            .bind(6, run_)
            .run();
    }

    Database& db_;
    std::string source_;
    std::int64_t run_;
    std::string fetched_at_;
    ImportSummary& summary_;
};

}  // namespace

ImportSummary import_file(Database& db, sdk::SourcePlugin& source, const std::string& source_name,
                          const std::filesystem::path& file, const sdk::ReadRequest& request) {
    ImportSummary summary;
    summary.input = file.string();
    FileStream in(file);

    Transaction tx(db);
    db.cached("INSERT INTO import_runs (source, input, started_at, status) VALUES (?1, ?2, ?3, 'running')")
        .bind(1, source_name)
        .bind(2, summary.input)
        .bind(3, utc_now())
        .run();
    std::int64_t run = db.last_insert_id();

    Writer writer(db, source_name, run, summary);
    sdk::Status status = source.read(request, in, writer);
    if (in.failed()) throw Error(fmt::format("{}: read error", summary.input));
    if (!status) throw Error(fmt::format("{}: {}: {}", source_name, summary.input, status.message));

    db.cached(R"sql(
UPDATE import_runs SET finished_at = ?2, status = 'ok', records_read = ?3, works_new = ?4,
  works_updated = ?5, people_new = ?6 WHERE id = ?1)sql")
        .bind(1, run)
        .bind(2, utc_now())
        .bind(3, summary.records)
        .bind(4, summary.works_new)
        .bind(5, summary.works_updated)
        .bind(6, summary.people_new)
        .run();
    tx.commit();
    return summary;
}

}  // namespace bzpeer
