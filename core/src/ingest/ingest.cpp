#include "bzpeer/ingest/ingest.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "bzpeer/base/error.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/base/names.hpp"
#include "bzpeer/identity/identity.hpp"

namespace bzpeer {

namespace {

// A file, inflated on the fly when it is gzip-compressed (zlib reads plain files as they are).
class FileStream : public sdk::InputStream {
public:
    explicit FileStream(const std::filesystem::path& file) : name_(file.string()) {
        if (std::filesystem::is_directory(file))
            throw Error(fmt::format("{}: is a folder, not a file", name_));
        file_ = gzopen(name_.c_str(), "rb");
        if (!file_) throw Error(fmt::format("{}: cannot open for reading", name_));
        gzbuffer(file_, 1 << 17);
    }
    ~FileStream() override { gzclose(file_); }
    FileStream(const FileStream&) = delete;
    FileStream& operator=(const FileStream&) = delete;

    std::size_t read(char* buffer, std::size_t capacity) override {
        int n = gzread(file_, buffer, static_cast<unsigned>(std::min<std::size_t>(capacity, 1u << 30)));
        if (n < 0) {
            failed_ = true;
            return 0;
        }
        return static_cast<std::size_t>(n);
    }
    const std::string& name() const override { return name_; }
    // Bytes of the file consumed so far: compressed ones for a gzip file.
    std::int64_t consumed() const { return std::max<std::int64_t>(0, gzoffset(file_)); }
    // True after a read error, including a truncated or corrupt gzip stream.
    bool failed() const {
        int code = 0;
        gzerror(file_, &code);
        return failed_ || (code != Z_OK && code != Z_BUF_ERROR);
    }

private:
    gzFile file_ = nullptr;
    std::string name_;
    bool failed_ = false;
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

// The work fields a record may set, in the order of the works table's columns.
constexpr std::array<const char*, 8> kFields = {"title", "abstract",    "type",    "date",
                                                "venue", "journal_ref", "comment", "primary_category"};

std::string field_value(const sdk::WorkRecord& r, std::string_view field) {
    if (field == "title") return r.title;
    if (field == "abstract") return r.abstract;
    if (field == "type") return r.type;
    if (field == "date") return r.date;
    if (field == "venue") return r.venue;
    if (field == "journal_ref") return r.journal_ref;
    if (field == "comment") return r.comment;
    return r.primary_category;
}

// Which source's value a field keeps when sources disagree: the publisher's record for where
// and when a work appeared, arXiv's for the title and abstract, anyone's over nothing.
int precedence(std::string_view source, std::string_view field) {
    if (source == "crossref") return field == "abstract" ? 2 : 3;
    if (source == "arxiv") {
        // The authors' own title: publishers' records often shout it in capitals.
        if (field == "abstract" || field == "journal_ref" || field == "comment" ||
            field == "primary_category" || field == "title")
            return 3;
        return field == "type" || field == "venue" ? 1 : 2;
    }
    return 1;
}

// Identifier schemes that name exactly one work besides DOI and arXiv. Others (ISBN, ISSN,
// URLs, a source's private ids) name a book, a journal or nothing stable, and would join
// unrelated works; they are not kept.
const std::set<std::string, std::less<>> kWorkSchemes = {"pmid", "pmcid", "eid", "bibcode", "wosuid", "dblp"};

// Relations that make two records one work: a preprint and its published version.
bool same_work_relation(std::string_view type) { return type == "has-preprint" || type == "is-preprint-of"; }

constexpr std::size_t kResolveSlice = 2000;  // name blocks resolved per transaction after a dump

// Writes records into the store inside the caller's transaction.
class Writer : public sdk::RecordSink {
public:
    Writer(Database& db, std::string source, std::string input, ImportSummary& summary,
           const ImportControl& control)
        : db_(db),
          source_(std::move(source)),
          fetched_at_(utc_now()),
          summary_(summary),
          control_(control),
          throttle_(control.progress_interval) {
        // The name blocks to resolve are kept by SQLite, not in a map here: a dump touches
        // millions of them, and SQLite keeps them in pages of a temporary file (rows of a
        // batch that rolls back go with it, as do the authorships that named them).
        db_.exec(
            "CREATE TEMP TABLE IF NOT EXISTS touched_blocks (block_key TEXT PRIMARY KEY) WITHOUT ROWID;"
            "DELETE FROM temp.touched_blocks");
        begin();
        db_.cached(
               "INSERT INTO import_runs (source, input, started_at, status) VALUES (?1, ?2, ?3, 'running')")
            .bind(1, source_)
            .bind(2, input)
            .bind(3, fetched_at_)
            .run();
        run_ = db_.last_insert_id();
    }

    sdk::Status work(sdk::WorkRecord&& record) override {
        ++summary_.records;
        if (cancelled()) return interrupted();
        return sdk::guard([&] {
            store_work(record, where(record));
            report_reading(false);
            return sdk::Status::success();
        });
    }

    sdk::Status person(sdk::PersonRecord&& record) override {
        ++summary_.records;
        if (cancelled()) return interrupted();
        return sdk::guard([&] {
            store_person(record);
            report_reading(false);
            return sdk::Status::success();
        });
    }

    sdk::Status batch_done() override {
        if (cancelled()) return interrupted();
        ++pages_;
        return sdk::guard([&] {
            commit("running");
            begin();
            report_reading(false);
            return sdk::Status::success();
        });
    }

    sdk::Status expect(std::int64_t records) override {
        expected_ = records;
        return sdk::Status::success();
    }

    // Ends the import: the last batch, with the run marked done.
    void finish() {
        report_reading(true);
        commit("ok");
    }

    // After a failure: the open batch is rolled back; a run that committed earlier batches is
    // marked failed so that the log says what happened, and their names are resolved.
    void abandon(const std::string& message) {
        tx_.reset();
        if (summary_.batches == 0) return;
        tx_.emplace(db_);
        resolve_touched();
        db_.cached("UPDATE import_runs SET status = 'failed', finished_at = ?2, message = ?3 WHERE id = ?1")
            .bind(1, run_)
            .bind(2, utc_now())
            .bind(3, message)
            .run();
        tx_->commit();
        tx_.reset();
    }

    bool was_cancelled() const { return interrupted_; }
    void resolve_each_batch(bool each) { resolve_each_batch_ = each; }
    // How progress names the input and, for a file, measures it: bytes consumed, file size.
    void describe_input(std::string label, std::function<std::pair<std::int64_t, std::int64_t>()> position) {
        label_ = std::move(label);
        position_ = std::move(position);
    }

private:
    std::string where(const sdk::WorkRecord& r) const {
        return r.source_id.empty() ? fmt::format("record {}", summary_.records)
                                   : fmt::format("record {} ({})", summary_.records, r.source_id);
    }

    void add_id(std::vector<Identifier>& out, const std::string& context, const sdk::Identifier& id) {
        if (id.scheme == "arxiv") {
            auto parsed = ids::parse_arxiv(id.value);
            if (!parsed) {
                summary_.warnings.push_back(
                    fmt::format("{}: ignored invalid arXiv id '{}'", context, id.value));
                return;
            }
            out.push_back({"arxiv", parsed->id});
            if (parsed->version) out.push_back({"arxiv-version", parsed->with_version()});
        } else if (id.scheme == "doi") {
            // Sources print junk in DOI fields now and then; the work is still worth keeping.
            auto doi = ids::normalize_doi(id.value);
            if (!doi) {
                summary_.warnings.push_back(fmt::format("{}: ignored invalid DOI '{}'", context, id.value));
                return;
            }
            out.push_back({"doi", *doi});
            // arXiv registers DOIs of its own form for every paper.
            constexpr std::string_view arxiv_prefix = "10.48550/arxiv.";
            if (doi->starts_with(arxiv_prefix))
                if (auto parsed = ids::parse_arxiv(doi->substr(arxiv_prefix.size())))
                    out.push_back({"arxiv", parsed->id});
        } else if (kWorkSchemes.count(id.scheme) && !id.value.empty()) {
            out.push_back({id.scheme, id.value});
        }
    }

    std::vector<Identifier> normalize_ids(const sdk::WorkRecord& r, const std::string& context) {
        std::vector<Identifier> out;
        for (const auto& id : r.ids) add_id(out, context, id);
        for (const auto& relation : r.relations)
            if (same_work_relation(relation.type)) {
                auto scheme = relation.id.scheme;
                if (scheme != "doi" && scheme != "arxiv") continue;
                try {
                    add_id(out, context, relation.id);
                } catch (const Error&) {
                    summary_.warnings.push_back(
                        fmt::format("{}: ignored {} link '{}'", context, relation.type, relation.id.value));
                }
            }
        return out;
    }

    std::optional<std::int64_t> work_with(const Identifier& id) {
        auto& stmt = db_.cached("SELECT work_id FROM identifiers WHERE scheme = ?1 AND value = ?2");
        stmt.bind(1, id.scheme).bind(2, id.value);
        if (stmt.step() && !stmt.is_null(0)) return stmt.integer(0);
        return std::nullopt;
    }

    // Without a shared identifier, the same folded title, year and first author's name block.
    std::optional<std::int64_t> work_like(const sdk::WorkRecord& r, const std::string& title_key) {
        auto year = year_of(r.date);
        if (!year || r.authors.empty() || title_key.size() < 12) return std::nullopt;
        auto& stmt = db_.cached(R"sql(
SELECT w.id FROM works w JOIN authorships a ON a.work_id = w.id AND a.position = 1
WHERE w.title_key = ?1 AND abs(coalesce(w.year, 0) - ?2) <= 1 AND a.block_key = ?3 LIMIT 1)sql");
        stmt.bind(1, title_key)
            .bind(2, *year)
            .bind(3, names::block_key(names::parse(r.authors.front().name)));
        if (stmt.step()) return stmt.integer(0);
        return std::nullopt;
    }

    // Two stored works turned out to be one (a record named identifiers of both): keep `into`.
    void merge_works(std::int64_t into, std::int64_t from) {
        auto count = [&](std::int64_t w) {
            auto& stmt = db_.cached("SELECT count(*) FROM authorships WHERE work_id = ?1");
            stmt.bind(1, w);
            stmt.step();
            return stmt.integer(0);
        };
        note_blocks(from);
        if (count(from) > count(into)) {
            db_.cached("DELETE FROM authorships WHERE work_id = ?1").bind(1, into).run();
            db_.cached("UPDATE authorships SET work_id = ?1 WHERE work_id = ?2")
                .bind(1, into)
                .bind(2, from)
                .run();
        }
        db_.cached("UPDATE identifiers SET work_id = ?1 WHERE work_id = ?2")
            .bind(1, into)
            .bind(2, from)
            .run();
        db_.cached("UPDATE OR IGNORE work_topics SET work_id = ?1 WHERE work_id = ?2")
            .bind(1, into)
            .bind(2, from)
            .run();
        db_.cached("UPDATE OR IGNORE provenance SET entity_id = ?1 WHERE entity = 'work' AND entity_id = ?2")
            .bind(1, into)
            .bind(2, from)
            .run();
        db_.cached("DELETE FROM works WHERE id = ?1").bind(1, from).run();
    }

    void note_blocks(std::int64_t work) {
        auto& stmt =
            db_.cached("SELECT DISTINCT block_key FROM authorships WHERE work_id = ?1 AND block_key <> ''");
        for (stmt.bind(1, work); stmt.step();) touch(stmt.text(0));
    }

    std::int64_t store_work(const sdk::WorkRecord& r, const std::string& context) {
        if (r.title.empty()) throw Error(fmt::format("{}: field title: missing", context));
        auto identifiers = normalize_ids(r, context);
        if (identifiers.empty()) throw Error(fmt::format("{}: no identifier (arXiv id or DOI)", context));
        std::string title_key = names::fold(r.title);

        std::optional<std::int64_t> found;
        for (const auto& id : identifiers) {
            auto w = work_with(id);
            if (!w) continue;
            if (!found)
                found = w;
            else if (*w != *found)
                merge_works(*found, *w);
        }
        if (!found) found = work_like(r, title_key);

        std::int64_t work;
        bool is_new = !found;
        record_ = identifiers.front().scheme + ":" + identifiers.front().value;
        if (found) {
            work = *found;
            ++(update_fields(work, r) ? summary_.works_updated : summary_.works_unchanged);
        } else {
            work = insert_work(r, title_key);
            ++summary_.works_new;
        }

        auto& add = db_.cached(
            "INSERT INTO identifiers (scheme, value, work_id) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
        for (const auto& id : identifiers) add.bind(1, id.scheme).bind(2, id.value).bind(3, work).run();

        store_topics(work, r);
        if (!r.authors.empty() && (is_new || (may_set_authors(work) && authors_differ(work, r))))
            store_authorships(work, r, context, is_new);
        note_provenance("work", work, r.source_id.empty() ? identifiers.front().value : r.source_id);
        return work;
    }

    // Whether this record may replace a field (or the author list) that `source`'s `record`
    // set: a source of higher precedence may; at equal precedence only the same record may, so
    // that two records of one work (a preprint and its journal version) do not overwrite
    // each other on every import.
    bool may_replace(std::string_view field, const std::string& source, const std::string& record) const {
        int mine = precedence(source_, field), theirs = precedence(source, field);
        return mine > theirs || (mine == theirs && source == source_ && record == record_);
    }

    // A new work with every field the record has, in one statement; each field's source noted.
    std::int64_t insert_work(const sdk::WorkRecord& r, const std::string& title_key) {
        auto& insert = db_.cached(R"sql(
INSERT INTO works (title, title_key, abstract, type, date, year, venue, journal_ref, comment, primary_category,
                   stored_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))sql");
        insert.bind(1, r.title)
            .bind(2, title_key)
            .bind_text_or_null(3, r.abstract)
            .bind_text_or_null(4, r.type)
            .bind_text_or_null(5, r.date)
            .bind(6, year_of(r.date))
            .bind_text_or_null(7, r.venue)
            .bind_text_or_null(8, r.journal_ref)
            .bind_text_or_null(9, r.comment)
            .bind_text_or_null(10, r.primary_category)
            .run();
        std::int64_t work = db_.last_insert_id();
        std::vector<std::string_view> noted;
        for (const char* field : kFields)
            if (!field_value(r, field).empty()) noted.push_back(field);
        note_field_sources(work, noted);
        return work;
    }

    // Sets the fields this record may set, in one statement; true when a value changed.
    bool update_fields(std::int64_t work, const sdk::WorkRecord& r) {
        std::map<std::string, std::pair<std::string, std::string>> sources;
        auto& stmt = db_.cached("SELECT field, source, record FROM work_field_sources WHERE work_id = ?1");
        for (stmt.bind(1, work); stmt.step();) sources[stmt.text(0)] = {stmt.text(1), stmt.text(2)};
        auto& current = db_.cached(
            "SELECT title, abstract, type, date, venue, journal_ref, comment, primary_category FROM works "
            "WHERE id = ?1");
        current.bind(1, work);
        current.step();
        std::array<std::string, kFields.size()> values;
        for (std::size_t i = 0; i < kFields.size(); ++i) values[i] = current.text(static_cast<int>(i));
        current.reset();
        // The new value of each field that changes; the others stay as they are (NULL binds).
        std::array<std::optional<std::string>, kFields.size()> changes;
        std::vector<std::string_view> noted;
        for (std::size_t i = 0; i < kFields.size(); ++i) {
            std::string_view field = kFields[i];
            std::string value = field_value(r, field);
            auto stored = sources.find(std::string(field));
            if (value.empty()) continue;
            if (value == values[i]) {
                if (stored == sources.end()) noted.push_back(field);  // a field set before sources were kept
                continue;
            }
            if (stored != sources.end() && !may_replace(field, stored->second.first, stored->second.second))
                continue;
            changes[i] = std::move(value);
            noted.push_back(field);
        }
        note_field_sources(work, noted);
        if (std::none_of(changes.begin(), changes.end(), [](const auto& c) { return c.has_value(); }))
            return false;
        auto& update = db_.cached(R"sql(
UPDATE works SET title = coalesce(?2, title), title_key = coalesce(?3, title_key),
  abstract = coalesce(?4, abstract), type = coalesce(?5, type), date = coalesce(?6, date),
  year = CASE WHEN ?6 IS NULL THEN year ELSE ?7 END, venue = coalesce(?8, venue),
  journal_ref = coalesce(?9, journal_ref), comment = coalesce(?10, comment),
  primary_category = coalesce(?11, primary_category)
WHERE id = ?1)sql");
        const auto& [title, abstract, type, date, venue, journal_ref, comment, category] = changes;
        update.bind(1, work)
            .bind(2, title)
            .bind(3, title ? std::optional(names::fold(*title)) : std::nullopt)
            .bind(4, abstract)
            .bind(5, type)
            .bind(6, date)
            .bind(7, date ? year_of(*date) : std::nullopt)
            .bind(8, venue)
            .bind(9, journal_ref)
            .bind(10, comment)
            .bind(11, category)
            .run();
        return true;
    }

    // Records that this record set `fields` of `work`, in one statement for all of them.
    void note_field_sources(std::int64_t work, const std::vector<std::string_view>& fields) {
        if (fields.empty()) return;
        std::string list = "[";
        for (auto field : fields) list += fmt::format("{}\"{}\"", list.size() > 1 ? "," : "", field);
        list += "]";
        db_.cached(
               "INSERT OR REPLACE INTO work_field_sources (work_id, field, source, record) "
               "SELECT ?1, value, ?2, ?3 FROM json_each(?4)")
            .bind(1, work)
            .bind(2, source_)
            .bind(3, record_)
            .bind(4, list)
            .run();
    }

    bool may_set_authors(std::int64_t work) {
        auto& stmt = db_.cached(
            "SELECT source, record FROM work_field_sources WHERE work_id = ?1 AND field = 'authors'");
        stmt.bind(1, work);
        if (!stmt.step()) return true;
        return may_replace("authors", stmt.text(0), stmt.text(1));
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
            // A few hundred codes recur in every record: each is looked up once per import.
            // (The map is the Writer's: a rolled-back batch ends the import, and it.)
            auto known = topic_ids_.find(code);
            if (known == topic_ids_.end()) {
                topic.bind(1, code);
                topic.step();
                known = topic_ids_.emplace(code, topic.integer(0)).first;
                topic.reset();
            }
            link.bind(1, work).bind(2, known->second).bind(3, position++).run();
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

    void store_authorships(std::int64_t work, const sdk::WorkRecord& r, const std::string& context,
                           bool is_new) {
        // A new work has no authorships to replace.
        std::map<std::string, std::int64_t> previous;
        if (!is_new) previous = drop_authorships(work);
        int position = 0;
        for (const auto& author : r.authors)
            store_authorship(work, ++position, author, previous, r.source_id, context);
        note_field_sources(work, {"authors"});
    }

    // Drops a work's authorships and returns who they were attributed to, by name block:
    // resolution starts from there so that person ids stay put.
    std::map<std::string, std::int64_t> drop_authorships(std::int64_t work) {
        std::map<std::string, std::int64_t> previous;
        auto& old = db_.cached(
            "SELECT block_key, person_id FROM authorships WHERE work_id = ?1 AND person_id IS NOT NULL");
        for (old.bind(1, work); old.step();) previous.emplace(old.text(0), old.integer(1));
        note_blocks(work);
        db_.cached(
               "DELETE FROM provenance WHERE entity = 'authorship' AND entity_id IN "
               "(SELECT id FROM authorships WHERE work_id = ?1)")
            .bind(1, work)
            .run();
        db_.cached("DELETE FROM authorships WHERE work_id = ?1").bind(1, work).run();
        return previous;
    }

    void store_authorship(std::int64_t work, int position, const sdk::AuthorRecord& author,
                          const std::map<std::string, std::int64_t>& previous, const std::string& source_id,
                          const std::string& context) {
        if (author.name.empty())
            throw Error(fmt::format("{}: author {}: field name: missing", context, position));
        names::ParsedName parsed = author.family.empty()
                                       ? names::parse(author.name)
                                       : names::ParsedName{author.given, author.family, "", false};
        if (!parsed.collaboration) parsed.collaboration = names::parse(author.name).collaboration;
        std::optional<std::string> orcid;
        if (!author.orcid.empty()) {
            orcid = ids::normalize_orcid(author.orcid);
            if (!orcid)
                summary_.warnings.push_back(fmt::format("{}: author {}: ignored invalid ORCID '{}'", context,
                                                        position, author.orcid));
        }
        // A collaboration is credited on the work but is nobody's profile: no name block.
        std::string block = parsed.collaboration ? "" : names::block_key(parsed);
        std::optional<std::int64_t> person;
        if (auto it = previous.find(block); it != previous.end()) person = it->second;
        db_.cached(R"sql(
INSERT INTO authorships (work_id, position, printed_name, given, family, name_key, block_key, orcid, person_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql")
            .bind(1, work)
            .bind(2, position)
            .bind(3, author.name)
            .bind_text_or_null(4, parsed.given)
            .bind_text_or_null(5, parsed.family)
            .bind(6, names::name_key(parsed))
            .bind(7, block)
            .bind(8, orcid)
            .bind(9, person)
            .run();
        std::int64_t authorship = db_.last_insert_id();
        if (!block.empty()) touch(block);
        store_authorship_affiliations(authorship, author.affiliations);
        note_provenance("authorship", authorship, source_id);
    }

    void store_authorship_affiliations(std::int64_t authorship,
                                       const std::vector<std::string>& printed_names) {
        auto& affiliation = db_.cached(
            "INSERT INTO authorship_affiliations (authorship_id, position, printed, institution_id) "
            "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
        int index = 0;
        for (const auto& printed : printed_names)
            affiliation.bind(1, authorship)
                .bind(2, index++)
                .bind(3, printed)
                .bind(4, institution_for(printed))
                .run();
    }

    void store_person(const sdk::PersonRecord& p) {
        std::string context = p.source_id.empty()
                                  ? fmt::format("record {}", summary_.records)
                                  : fmt::format("record {} ({})", summary_.records, p.source_id);
        auto orcid = ids::normalize_orcid(p.orcid);
        if (!orcid) throw Error(fmt::format("{}: field orcid: invalid ORCID '{}'", context, p.orcid));
        std::string name = credited_name(p);
        // A works list or a single work names nobody: the person is known by the ORCID alone, and
        // whatever name they are already shown by stays.
        const bool named = !name.empty();
        if (!named) name = *orcid;

        std::int64_t person = person_with_orcid(*orcid, name);
        // The person's own account of their name is what their profile shows.
        if (named) rename_person(person, name);
        ProfileNames known = store_profile_names(person, p, name, named);
        auto& keyword =
            db_.cached("INSERT OR IGNORE INTO person_keywords (person_id, keyword) VALUES (?1, ?2)");
        for (const auto& k : p.keywords) keyword.bind(1, person).bind(2, k).run();
        store_affiliations(person, p.employments, "employment");
        store_affiliations(person, p.educations, "education");
        note_provenance("person", person, p.source_id.empty() ? "https://orcid.org/" + *orcid : p.source_id);
        store_person_works(p.works, person, *orcid, name, known, context);
    }

    static std::string credited_name(const sdk::PersonRecord& p) {
        return !p.credit_name.empty() ? p.credit_name
               : p.given.empty()      ? p.family
               : p.family.empty()     ? p.given
                                      : p.given + " " + p.family;
    }

    // The person the ORCID is recorded for; else the one the works already imported credit it
    // to; else a new person of that name. The ORCID is theirs from now on.
    std::int64_t person_with_orcid(const std::string& orcid, const std::string& name) {
        std::int64_t person = 0;
        auto& find = db_.cached("SELECT person_id FROM identifiers WHERE scheme = 'orcid' AND value = ?1");
        find.bind(1, orcid);
        if (find.step() && !find.is_null(0)) person = find.integer(0);
        find.reset();
        if (person) return person;
        // Works already imported may credit this ORCID (Crossref prints it): their person is
        // the one the record describes, under the id users already see.
        auto& credited = db_.cached(
            "SELECT person_id, count(*) AS n FROM authorships WHERE orcid = ?1 AND person_id IS NOT NULL "
            "GROUP BY person_id ORDER BY n DESC, person_id LIMIT 1");
        credited.bind(1, orcid);
        if (credited.step()) person = credited.integer(0);
        credited.reset();
        if (!person) {
            db_.cached("INSERT INTO people (display_name, name_key) VALUES (?1, ?2)")
                .bind(1, name)
                .bind(2, names::name_key(names::parse(name)))
                .run();
            person = db_.last_insert_id();
            ++summary_.people_new;
        }
        db_.cached("INSERT INTO identifiers (scheme, value, person_id) VALUES ('orcid', ?1, ?2)")
            .bind(1, orcid)
            .bind(2, person)
            .run();
        return person;
    }

    void rename_person(std::int64_t person, const std::string& name) {
        db_.cached("UPDATE people SET display_name = ?2, name_key = ?3 WHERE id = ?1")
            .bind(1, person)
            .bind(2, name)
            .bind(3, names::name_key(names::parse(name)))
            .run();
    }

    // The names a person's works are matched to authorships by, and their name blocks.
    struct ProfileNames {
        std::vector<names::ParsedName> parsed;
        std::set<std::string> blocks;
    };

    // Stores the names the record gives.
    ProfileNames store_profile_names(std::int64_t person, const sdk::PersonRecord& p, const std::string& name,
                                     bool named) {
        std::vector<std::string> profile_names;
        if (named) profile_names.push_back(name);
        if (!p.given.empty() && !p.family.empty()) profile_names.push_back(p.given + " " + p.family);
        profile_names.insert(profile_names.end(), p.other_names.begin(), p.other_names.end());
        ProfileNames known;
        auto& add_name = db_.cached(
            "INSERT INTO person_names (person_id, name, name_key, block_key, origin) VALUES (?1, ?2, ?3, ?4, "
            "'profile') "
            "ON CONFLICT DO UPDATE SET origin = 'profile'");
        for (const auto& n : profile_names) {
            auto parsed = (n == p.given + " " + p.family) ? names::ParsedName{p.given, p.family, "", false}
                                                          : names::parse(n);
            known.parsed.push_back(parsed);
            known.blocks.insert(names::block_key(parsed));
            add_name.bind(1, person)
                .bind(2, n)
                .bind(3, names::name_key(parsed))
                .bind(4, names::block_key(parsed))
                .run();
        }
        if (!named) {
            // Their works are matched to authorships by the names the person is already known by.
            auto& stored =
                db_.cached("SELECT name FROM person_names WHERE person_id = ?1 AND origin = 'profile'");
            for (stored.bind(1, person); stored.step();) {
                known.parsed.push_back(names::parse(stored.text(0)));
                known.blocks.insert(names::block_key(known.parsed.back()));
            }
        }
        return known;
    }

    void store_person_works(const std::vector<sdk::WorkRecord>& works, std::int64_t person,
                            const std::string& orcid, const std::string& name, const ProfileNames& known,
                            const std::string& context) {
        for (std::size_t i = 0; i < works.size(); ++i) {
            std::string where = fmt::format("{}: work {}", context, i + 1);
            std::int64_t work;
            try {
                work = store_work(works[i], where);
            } catch (const Error& e) {
                // One unusable entry in a person's list does not make the person unusable.
                summary_.warnings.push_back(fmt::format("skipped: {}", e.what()));
                continue;
            }
            link_author(work, person, orcid, name, known.parsed, known.blocks, context);
        }
    }

    // The person's ORCID goes on their authorship of the work: the author whose name can be
    // theirs. A work with no author list gets one authorship for them.
    void link_author(std::int64_t work, std::int64_t person, const std::string& orcid,
                     const std::string& name, const std::vector<names::ParsedName>& parsed_names,
                     const std::set<std::string>& blocks, const std::string& context) {
        auto& stmt = db_.cached(
            "SELECT id, block_key, coalesce(given, ''), coalesce(orcid, '') FROM authorships "
            "WHERE work_id = ?1 ORDER BY position");
        std::optional<std::int64_t> match;
        std::size_t authors = 0;
        for (stmt.bind(1, work); stmt.step();) {
            ++authors;
            if (!match && stmt.text(3) == orcid) {  // the source already credits this ORCID
                match = stmt.integer(0);
                if (!stmt.text(1).empty()) touch(stmt.text(1));
                continue;
            }
            if (match || !blocks.count(stmt.text(1))) continue;
            if (!stmt.text(3).empty() && stmt.text(3) != orcid) continue;
            for (const auto& n : parsed_names)
                if (names::block_key(n) == stmt.text(1) &&
                    names::given_names_compatible(n.given, stmt.text(2))) {
                    match = stmt.integer(0);
                    touch(stmt.text(1));
                    break;
                }
        }
        if (match) {
            db_.cached("UPDATE authorships SET orcid = ?2 WHERE id = ?1")
                .bind(1, *match)
                .bind(2, orcid)
                .run();
            return;
        }
        if (authors > 0) {
            summary_.warnings.push_back(
                fmt::format("{}: {} lists w:{} but none of its authors has a name that can be theirs",
                            context, orcid, work));
            return;
        }
        // A works list without the person's name (ORCID's /works) leaves only the ORCID to print:
        // such an authorship is the ORCID's person's, in no name block, so that resolution never
        // takes the ORCID for a name.
        const bool nameless = name == orcid;
        auto parsed = nameless ? names::ParsedName{} : names::parse(name);
        db_.cached(R"sql(
INSERT INTO authorships (work_id, position, printed_name, given, family, name_key, block_key, orcid, person_id)
VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql")
            .bind(1, work)
            .bind(2, name)
            .bind_text_or_null(3, parsed.given)
            .bind_text_or_null(4, parsed.family)
            .bind(5, nameless ? "" : names::name_key(parsed))
            .bind(6, nameless ? "" : names::block_key(parsed))
            .bind(7, orcid)
            .bind(8, person)
            .run();
        if (!nameless) touch(names::block_key(parsed));
    }

    void store_affiliations(std::int64_t person, const std::vector<sdk::Affiliation>& list,
                            const char* kind) {
        auto& add = db_.cached(R"sql(
INSERT OR IGNORE INTO person_affiliations (person_id, institution_id, kind, department, role, start_date, end_date)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql");
        auto& org_id = db_.cached(
            "INSERT INTO identifiers (scheme, value, institution_id) VALUES (?1, ?2, ?3) ON CONFLICT DO "
            "NOTHING");
        for (const auto& a : list) {
            if (a.organization.empty()) continue;
            std::int64_t institution = institution_for(a.organization);
            for (const auto& id : a.org_ids)
                org_id.bind(1, id.scheme).bind(2, id.value).bind(3, institution).run();
            add.bind(1, person)
                .bind(2, institution)
                .bind(3, kind)
                .bind(4, a.department)
                .bind(5, a.role)
                .bind(6, a.start_date)
                .bind(7, a.end_date)
                .run();
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

    void report_reading(bool force) {
        if (!control_.progress || !(throttle_.due() || force)) return;
        Progress p;
        p.label = label_;
        p.count = summary_.records;
        p.count_total = expected_;
        if (position_)
            std::tie(p.bytes, p.bytes_total) = position_();
        else
            p.pages = pages_;
        p.seconds = throttle_.seconds();
        control_.progress(p);
    }

    bool cancelled() {
        if (!interrupted_ && control_.cancelled && control_.cancelled()) interrupted_ = true;
        return interrupted_;
    }
    sdk::Status interrupted() const { return sdk::Status::error("interrupted"); }

    void begin() { tx_.emplace(db_); }

    void touch(std::string_view block) {
        if (!block.empty())
            db_.cached("INSERT OR IGNORE INTO temp.touched_blocks (block_key) VALUES (?1)")
                .bind(1, block)
                .run();
    }

    // Resolution is derived data: after a dump it is committed some thousands of name blocks
    // at a time, so that the last transaction, and memory, stay small.
    void resolve_touched() {
        // After a file the touched blocks are all of its names, worth a phase of their own;
        // a page's few are resolved in a blink.
        Progress p;
        p.label = "resolving people";
        p.unit = "name blocks";
        p.count_total = db_.scalar("SELECT count(*) FROM temp.touched_blocks");
        ProgressThrottle throttle(control_.progress_interval);
        bool shown = control_.progress && !resolve_each_batch_ && p.count_total > 0;
        std::string after;  // the last block of the previous slice
        auto next_slice = [&] {
            std::set<std::string> slice;
            auto& stmt = db_.cached(
                "SELECT block_key FROM temp.touched_blocks WHERE block_key > ?1 ORDER BY block_key LIMIT ?2");
            for (stmt.bind(1, after).bind(2, static_cast<std::int64_t>(kResolveSlice)); stmt.step();)
                slice.insert(stmt.text(0));
            if (!slice.empty()) after = *slice.rbegin();
            return slice;
        };
        for (auto slice = next_slice(); !slice.empty();) {
            if (shown && (throttle.due() || p.count == 0)) {
                p.seconds = throttle.seconds();
                control_.progress(p);
            }
            summary_.people_new += resolve_blocks(db_, slice).people_new;
            p.count += static_cast<std::int64_t>(slice.size());
            slice = next_slice();
            if (slice.empty()) break;
            tx_->commit();
            tx_.emplace(db_);
        }
        db_.cached("DELETE FROM temp.touched_blocks").run();
    }

    // Resolves the people behind the names touched so far (each batch of a live query, the
    // whole input of a file: a name block of a dump is worked out once, not once per slice),
    // logs, and commits.
    void commit(const char* status) {
        if (resolve_each_batch_ || std::string_view(status) != "running") resolve_touched();
        db_.cached(R"sql(
UPDATE import_runs SET finished_at = ?2, status = ?3, records_read = ?4, works_new = ?5,
  works_updated = ?6, people_new = ?7 WHERE id = ?1)sql")
            .bind(1, run_)
            .bind(2, utc_now())
            .bind(3, status)
            .bind(4, summary_.records)
            .bind(5, summary_.works_new)
            .bind(6, summary_.works_updated)
            .bind(7, summary_.people_new)
            .run();
        tx_->commit();
        tx_.reset();
        ++summary_.batches;
    }

    Database& db_;
    std::string source_;
    std::int64_t run_ = 0;
    std::string fetched_at_;
    ImportSummary& summary_;
    const ImportControl& control_;
    std::optional<Transaction> tx_;
    bool interrupted_ = false;
    bool resolve_each_batch_ = true;
    std::string record_;  // the record being stored, by its first identifier
    ProgressThrottle throttle_;
    std::string label_;
    std::function<std::pair<std::int64_t, std::int64_t>()> position_;
    std::int64_t pages_ = 0;
    std::int64_t expected_ = 0;  // records the source says the read will yield; 0: unknown
    std::map<std::string, std::int64_t, std::less<>> topic_ids_;  // arXiv category code -> topics.id
};

// Runs `body` against a fresh Writer, set up by `prepare`, and finishes or abandons the import.
ImportSummary run_import(Database& db, const std::string& source_name, const std::string& input,
                         const ImportControl& control, const std::function<void(Writer&)>& prepare,
                         const std::function<sdk::Status(sdk::RecordSink&)>& body,
                         const std::function<void()>& after_read = {}) {
    ImportSummary summary;
    summary.input = input;
    Writer writer(db, source_name, input, summary, control);
    prepare(writer);
    try {
        sdk::Status status = body(writer);
        if (after_read) after_read();
        if (writer.was_cancelled())
            throw Error(fmt::format("{}: {}: interrupted; {} earlier batches were kept, none half-written",
                                    source_name, input, summary.batches));
        if (!status) throw Error(fmt::format("{}: {}: {}", source_name, input, status.message));
        writer.finish();
    } catch (const Error& e) {
        writer.abandon(e.what());
        throw;
    } catch (const std::exception& e) {
        writer.abandon(e.what());
        throw Error(fmt::format("{}: {}: {}", source_name, input, e.what()));
    }
    return summary;
}

}  // namespace

ImportSummary import_file(Database& db, sdk::SourcePlugin& source, const std::string& source_name,
                          const std::filesystem::path& file, const sdk::ReadRequest& request,
                          const ImportControl& control) {
    FileStream in(file);
    std::error_code ec;
    auto size = static_cast<std::int64_t>(std::filesystem::file_size(file, ec));
    if (ec) size = 0;  // not a regular file (a pipe): no share done to show
    return run_import(
        db, source_name, file.string(), control,
        [&](Writer& writer) {
            writer.resolve_each_batch(false);
            writer.describe_input(file.filename().string(), [&in, size] {
                return std::pair{in.consumed(), size};
            });
        },
        [&](sdk::RecordSink& sink) { return source.read(request, in, sink); },
        [&] {
            if (in.failed())
                throw Error(fmt::format("{}: {}: read error (truncated or corrupt file?)", source_name,
                                        file.string()));
        });
}

ImportSummary import_live(Database& db, sdk::SourcePlugin& source, const std::string& source_name,
                          const sdk::ReadRequest& request, const ImportControl& control) {
    std::string input = request.base_url;
    for (const auto& [key, value] : request.options) input += fmt::format(" --{} {}", key, value);
    return run_import(
        db, source_name, input, control, [&](Writer& writer) { writer.describe_input(source_name, {}); },
        [&](sdk::RecordSink& sink) { return source.fetch(request, sink); });
}

}  // namespace bzpeer
