#include "bzpeer/ingest/author_import.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "base/table_document.hpp"
#include "bzpeer/base/error.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/base/names.hpp"
#include "bzpeer/host/session.hpp"
#include "bzpeer/identity/people.hpp"
#include "bzpeer/ingest/ingest.hpp"

namespace bzpeer {

namespace {

const std::vector<std::string> kColumns = {"name", "orcid", "affiliation", "arxiv_query", "crossref_author"};

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.pop_back();
    std::size_t start = s.find_first_not_of(" \t");
    return start == std::string::npos ? std::string() : s.substr(start);
}

// One CSV record (RFC 4180 quoting) starting at `pos`; quoted fields may span lines.
std::vector<std::string> csv_record(const std::string& text, std::size_t& pos, std::size_t& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (; pos < text.size(); ++pos) {
        char c = text[pos];
        if (quoted) {
            if (c == '"' && pos + 1 < text.size() && text[pos + 1] == '"') {
                fields.back() += '"';
                ++pos;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c == '\n') {
            ++pos;
            return fields;
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

void set_column(AuthorRow& row, const std::string& column, const std::string& value) {
    if (column == "name") row.name = value;
    if (column == "orcid") row.orcid = value;
    if (column == "affiliation") row.affiliation = value;
    if (column == "arxiv_query") row.arxiv_query = value;
    if (column == "crossref_author") row.crossref_author = value;
}

std::vector<AuthorRow> read_csv(const std::filesystem::path& file, const std::string& text,
                                std::vector<std::string>& warnings) {
    std::size_t pos = 0, line = 1;
    auto header = csv_record(text, pos, line);
    std::vector<std::string> columns;
    for (auto& h : header) {
        std::string column = trim(h);
        std::transform(column.begin(), column.end(), column.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (std::find(kColumns.begin(), kColumns.end(), column) == kColumns.end() && !column.empty())
            warnings.push_back(fmt::format("{}:1: unknown column '{}' ignored (known: {})", file.string(),
                                           column, fmt::join(kColumns, ", ")));
        columns.push_back(column);
    }
    if (std::none_of(columns.begin(), columns.end(),
                     [](const auto& c) { return c == "name" || c == "orcid"; }))
        throw Error(fmt::format("{}:1: the header needs a 'name' or an 'orcid' column", file.string()));
    std::vector<AuthorRow> rows;
    while (pos < text.size()) {
        AuthorRow row;
        row.line = ++line;
        std::size_t first_line = line;
        auto fields = csv_record(text, pos, line);
        row.line = first_line;
        if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // blank line
        for (std::size_t i = 0; i < fields.size() && i < columns.size(); ++i)
            set_column(row, columns[i], trim(fields[i]));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<AuthorRow> read_yaml(const std::filesystem::path& file, std::vector<std::string>& warnings) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::Exception& e) {
        throw Error(fmt::format("{}:{}: not valid YAML: {}", file.string(), e.mark.line + 1, e.msg));
    }
    if (!root.IsSequence()) throw Error(fmt::format("{}: expected a list of people", file.string()));
    std::vector<AuthorRow> rows;
    std::set<std::string> reported;
    for (std::size_t i = 0; i < root.size(); ++i) {
        AuthorRow row;
        row.line = root[i].Mark().line + 1;
        if (!root[i].IsMap())
            throw Error(fmt::format("{}:{}: expected keys such as name and orcid", file.string(), row.line));
        for (const auto& entry : root[i]) {
            auto column = entry.first.as<std::string>();
            if (std::find(kColumns.begin(), kColumns.end(), column) == kColumns.end()) {
                if (reported.insert(column).second)
                    warnings.push_back(
                        fmt::format("{}:{}: unknown key '{}' ignored", file.string(), row.line, column));
                continue;
            }
            set_column(row, column, entry.second.IsScalar() ? trim(entry.second.as<std::string>()) : "");
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

struct Outcome {
    std::string status = "ok";  // ok, not-found, failed, skipped
    std::string message;
    std::int64_t person = 0;
    double confidence = 0;
    std::vector<std::int64_t> others;
};

// Fetches what the row names, ORCID first.
void fetch_row(Session& session, const AuthorRow& row, bool offline) {
    auto live = [&](const std::string& source, std::vector<std::pair<std::string, std::string>> options) {
        auto plugin = session.plugins().source(source);
        auto fetcher = session.fetcher(source, offline);
        auto request = session.request_for(source, std::move(options));
        request.fetcher = fetcher.get();
        import_live(session.database(), *plugin, source, request);
    };
    if (!row.orcid.empty()) live("orcid", {{"ID", *ids::normalize_orcid(row.orcid)}});
    if (!row.arxiv_query.empty()) live("arxiv", {{"query", row.arxiv_query}});
    if (!row.crossref_author.empty()) live("crossref", {{"author", row.crossref_author}});
}

// The person a row became: the ORCID's owner, else the best of the people with that name.
Outcome match_row(Database& db, const AuthorRow& row) {
    Outcome o;
    if (auto orcid = ids::normalize_orcid(row.orcid)) {
        auto& stmt = db.cached("SELECT person_id FROM identifiers WHERE scheme = 'orcid' AND value = ?1");
        stmt.bind(1, *orcid);
        if (stmt.step() && !stmt.is_null(0)) {
            o.person = stmt.integer(0);
            o.confidence = 1.0;
            return o;
        }
    }
    auto candidates = row.name.empty() ? std::vector<std::int64_t>{} : find_people(db, row.name);
    if (candidates.empty()) {
        o.status = "not-found";
        o.message = "no person with this name or ORCID in the database";
        return o;
    }
    // Rank: affiliation tokens shared with the row, then number of works.
    std::set<std::string> wanted;
    for (const auto& t : names::tokens(names::fold(row.affiliation)))
        if (t.size() > 3) wanted.insert(t);
    std::vector<std::tuple<int, std::int64_t, std::int64_t>> ranked;  // affinity, works, person
    std::int64_t total = 0;
    for (auto p : candidates) {
        int affinity = 0;
        auto& aff = db.cached(R"sql(
SELECT i.name FROM institutions i WHERE i.id IN (
  SELECT af.institution_id FROM authorships a JOIN authorship_affiliations af ON af.authorship_id = a.id
  WHERE a.person_id = ?1
  UNION SELECT institution_id FROM person_affiliations WHERE person_id = ?1))sql");
        for (aff.bind(1, p); aff.step();)
            for (const auto& t : names::tokens(names::fold(aff.text(0)))) affinity += wanted.count(t);
        auto& works = db.cached("SELECT count(DISTINCT work_id) FROM authorships WHERE person_id = ?1");
        works.bind(1, p);
        std::int64_t n = works.step() ? works.integer(0) : 0;
        works.reset();
        total += n;
        ranked.emplace_back(affinity, n, p);
    }
    std::sort(ranked.begin(), ranked.end(), std::greater<>());
    o.person = std::get<2>(ranked.front());
    // With one candidate the match is as sure as its name; with several, by its share of works.
    o.confidence = ranked.size() == 1 ? 0.9 : total ? 0.9 * std::get<1>(ranked.front()) / total : 0.5;
    if (ranked.size() > 1 && std::get<0>(ranked.front()) > std::get<0>(ranked[1])) o.confidence = 0.8;
    for (std::size_t i = 1; i < ranked.size(); ++i) o.others.push_back(std::get<2>(ranked[i]));
    return o;
}

}  // namespace

std::vector<std::string> enrich_from_crossref(Session& session, const std::vector<std::string>& orcids,
                                              bool offline) {
    auto& db = session.database();
    std::set<std::string> dois;
    auto& stmt = db.cached(R"sql(
SELECT DISTINCT d.value FROM identifiers o JOIN authorships a ON a.person_id = o.person_id
JOIN identifiers d ON d.work_id = a.work_id AND d.scheme = 'doi'
WHERE o.scheme = 'orcid' AND o.value = ?1 ORDER BY d.value)sql");
    for (const auto& orcid : orcids) {
        auto normalized = ids::normalize_orcid(orcid);
        if (!normalized) continue;
        for (stmt.bind(1, *normalized); stmt.step();) dois.insert(stmt.text(0));
    }
    std::vector<std::string> warnings;
    auto plugin = session.plugins().source("crossref");
    auto fetcher = session.fetcher("crossref", offline);
    for (const auto& doi : dois) {
        auto request = session.request_for("crossref", {{"doi", doi}});
        request.fetcher = fetcher.get();
        try {
            import_live(db, *plugin, "crossref", request);
        } catch (const Error& e) {
            warnings.push_back(fmt::format("enrich: {}", e.what()));
        }
    }
    return warnings;
}

void fetch_orcid_record(Session& session, const std::string& orcid, bool offline) {
    auto plugin = session.plugins().source("orcid");
    auto fetcher = session.fetcher("orcid", offline);
    auto request = session.request_for("orcid", {{"ID", orcid}});
    request.fetcher = fetcher.get();
    import_live(session.database(), *plugin, "orcid", request);
}

std::string AuthorRow::key() const {
    return fmt::format("{}|{}|{}|{}|{}", name, orcid, affiliation, arxiv_query, crossref_author);
}

std::vector<AuthorRow> read_author_rows(const std::filesystem::path& file,
                                        std::vector<std::string>& warnings) {
    auto ext = file.extension().string();
    if (ext == ".yaml" || ext == ".yml") return read_yaml(file, warnings);
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(fmt::format("{}: cannot open for reading", file.string()));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.empty()) throw Error(fmt::format("{}: empty file", file.string()));
    return read_csv(file, text, warnings);
}

namespace {

// What an earlier run of the same file left for a row.
struct EarlierRun {
    bool finished = false;
    std::int64_t person = 0;
};

EarlierRun earlier_run(Database& db, const std::string& file_key, const AuthorRow& row) {
    auto& done =
        db.cached("SELECT status, person_id FROM author_import_rows WHERE file = ?1 AND row_key = ?2");
    done.bind(1, file_key).bind(2, row.key());
    EarlierRun earlier;
    earlier.finished = done.step();
    earlier.person = earlier.finished && !done.is_null(1) ? done.integer(1) : 0;
    done.reset();
    return earlier;
}

// So that --resume can skip the row.
void record_row(Database& db, const std::string& file_key, const AuthorRow& row, const Outcome& o) {
    db.cached(
          "INSERT OR REPLACE INTO author_import_rows (file, row_key, status, person_id, done_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, file_key)
        .bind(2, row.key())
        .bind(3, o.status)
        .bind(4, o.person ? std::optional<std::int64_t>(o.person) : std::nullopt)
        .bind(5, utc_now())
        .run();
}

Outcome import_row(Session& session, const AuthorRow& row, const std::string& file_key,
                   const AuthorImportOptions& options) {
    auto& db = session.database();
    Outcome o;
    EarlierRun earlier = earlier_run(db, file_key, row);
    if (row.name.empty() && row.orcid.empty()) {
        o.status = "failed";
        o.message = "needs a name or an ORCID";
    } else if (!row.orcid.empty() && !ids::normalize_orcid(row.orcid)) {
        o.status = "failed";
        o.message = fmt::format("invalid ORCID '{}' (wrong form or check digit)", row.orcid);
    } else if (options.resume && earlier.finished) {
        o.status = "skipped";
        o.message = "done in an earlier run";
        o.person = earlier.person;
    } else {
        try {
            if (!options.dry_run) fetch_row(session, row, options.offline);
            o = match_row(db, row);
        } catch (const Error& e) {
            o.status = "failed";
            o.message = e.what();
        }
        if (!options.dry_run && o.status != "failed") record_row(db, file_key, row, o);
    }
    return o;
}

sdk::Value row_value(const AuthorRow& row, const Outcome& o) {
    sdk::Value item = sdk::Value::object();
    item.set("line", static_cast<std::int64_t>(row.line));
    item.set("name", row.name);
    item.set("orcid", row.orcid.empty() ? sdk::Value() : sdk::Value(row.orcid));
    item.set("person", o.person ? sdk::Value(ids::person_ref(o.person)) : sdk::Value());
    item.set("confidence", o.confidence);
    sdk::Value other_list = sdk::Value::array();
    for (auto p : o.others) other_list.push(ids::person_ref(p));
    item.set("candidates", std::move(other_list));
    item.set("status", o.status);
    item.set("message", o.message);
    return item;
}

std::vector<std::string> row_cells(Database& db, const AuthorRow& row, const Outcome& o) {
    std::string input = !row.name.empty() ? row.name : row.orcid;
    if (!row.name.empty() && !row.orcid.empty()) input += " (" + row.orcid + ")";
    std::vector<std::string> others;
    for (auto p : o.others) others.push_back(fmt::format("p:{} {}", p, display_name(db, p)));
    return {std::to_string(row.line),
            input,
            o.person ? ids::person_ref(o.person) : "",
            o.person ? display_name(db, o.person) : "",
            o.person ? fmt::format("{:.2f}", o.confidence) : "",
            fmt::format("{}", fmt::join(others, "; ")),
            o.message.empty() ? o.status : o.status + ": " + o.message};
}

}  // namespace

AuthorImportResult import_authors(Session& session, const std::filesystem::path& file,
                                  const AuthorImportOptions& options, const ProgressCallback& progress) {
    AuthorImportResult result;
    auto& messages = result.messages;
    auto rows = read_author_rows(file, messages);
    auto& db = session.database();
    std::string file_key = std::filesystem::absolute(file).lexically_normal().string();

    sdk::Document& doc = result.table;
    doc.kind = "table";
    doc.title = fmt::format("People from {}", file.string());
    doc.data = sdk::Value::object();
    sdk::Value table = sdk::Value::array();
    auto rows_block =
        table_block({"line", "input", "person", "name", "confidence", "other candidates", "status"});
    std::map<std::string, std::int64_t> counts{{"ok", 0}, {"not-found", 0}, {"failed", 0}, {"skipped", 0}};

    Progress shown;
    shown.label = file.filename().string();
    shown.unit = "rows";
    shown.count_total = static_cast<std::int64_t>(rows.size());
    ProgressThrottle throttle;
    auto report = [&](bool force) {
        if (!progress || !(throttle.due() || force)) return;
        shown.seconds = throttle.seconds();
        progress(shown);
    };

    for (const auto& row : rows) {
        report(false);
        Outcome o = import_row(session, row, file_key, options);
        ++counts[o.status];
        if (o.status == "failed")
            messages.push_back(fmt::format("{}:{}: {}", file.string(), row.line, o.message));
        table.push(row_value(row, o));
        rows_block.table.rows.push_back(row_cells(db, row, o));
        ++shown.count;
    }
    report(true);
    doc.data.set("rows", std::move(table));
    sdk::Value summary = sdk::Value::object();
    for (const auto& [k, n] : counts) summary.set(k, n);
    doc.data.set("summary", std::move(summary));
    doc.blocks.push_back(std::move(rows_block));
    messages.push_back(fmt::format("{}: {} rows: {} matched, {} not found, {} failed, {} skipped{}",
                                   file.string(), rows.size(), counts["ok"], counts["not-found"],
                                   counts["failed"], counts["skipped"],
                                   options.dry_run ? " (dry run: nothing fetched or changed)" : ""));
    result.matched = counts["ok"];
    result.not_found = counts["not-found"];
    result.failed = counts["failed"];
    result.skipped = counts["skipped"];
    return result;
}

}  // namespace bzpeer
