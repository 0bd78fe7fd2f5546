#include "bzpeer/store/db.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>

#include "bzpeer/base/error.hpp"
#include "store/schema.hpp"

namespace bzpeer {

namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
    throw Error(fmt::format("database: {}: {}", what, sqlite3_errmsg(db)));
}

std::string_view first_line(std::string_view sql) {
    while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n')) sql.remove_prefix(1);
    return sql.substr(0, std::min(sql.find('\n'), std::size_t{60}));
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                           nullptr) != SQLITE_OK)
        fail(db, fmt::format("preparing '{}'", first_line(sql)));
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_), done_(other.done_) {
    other.stmt_ = nullptr;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
    if (done_) reset();
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "binding an integer");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (done_) reset();
    if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) fail(db_, "binding a real");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    if (done_) reset();
    if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK)
        fail(db_, "binding text");
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    if (done_) reset();
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "binding null");
    return *this;
}

Statement& Statement::bind_text_or_null(int index, std::string_view value) {
    return value.empty() ? bind(index, nullptr) : bind(index, value);
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    done_ = true;
    if (rc == SQLITE_DONE) return false;
    std::string sql = sqlite3_sql(stmt_);
    sqlite3_reset(stmt_);
    fail(db_, fmt::format("running '{}'", first_line(sql)));
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    done_ = false;
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }
std::string Statement::text(int column) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, sqlite3_column_bytes(stmt_, column)) : std::string();
}

Database::Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}

Database::Database(Database&& other) noexcept
    : db_(other.db_), path_(std::move(other.path_)), cache_(std::move(other.cache_)) {
    other.db_ = nullptr;
}

Database::~Database() {
    cache_.clear();
    sqlite3_close_v2(db_);
}

Database Database::open(const std::filesystem::path& path, bool create) {
    if (!create && !std::filesystem::exists(path))
        throw Error(fmt::format("no database at {} (run 'bzpeer init' first, or pass --db)", path.string()));
    if (create && path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    sqlite3* raw = nullptr;
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &raw, flags, nullptr) != SQLITE_OK) {
        std::string message = raw ? sqlite3_errmsg(raw) : "out of memory";
        sqlite3_close_v2(raw);
        throw Error(fmt::format("cannot open database {}: {}", path.string(), message));
    }
    Database db(raw, path);
    sqlite3_busy_timeout(raw, 5000);
    db.exec(
        "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA "
        "cache_size=-16384;");
    migrate(db);
    return db;
}

void Database::exec(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string error = message ? message : "unknown error";
        sqlite3_free(message);
        throw Error(fmt::format("database: running '{}': {}", first_line(sql), error));
    }
}

Statement Database::prepare(std::string_view sql) { return Statement(db_, sql); }

Statement& Database::cached(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it == cache_.end()) it = cache_.emplace(std::string(sql), Statement(db_, sql)).first;
    it->second.reset();  // a previous user may have stopped before the last row
    return it->second;
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }
int Database::user_version() { return static_cast<int>(scalar("PRAGMA user_version")); }

std::int64_t Database::scalar(std::string_view sql) {
    Statement stmt = prepare(sql);
    return stmt.step() ? stmt.integer(0) : 0;
}

std::string utc_now() {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                       fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (open_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
            // Nothing more can be done: SQLite rolls back itself when the connection closes.
        }
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    open_ = false;
}

}  // namespace bzpeer
