// A thin RAII layer over SQLite: a connection, prepared statements and transactions.
// Every failure becomes a bzpeer::Error naming the statement.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace bzpeer {

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    ~Statement();

    // Binds by 1-based index. Empty optionals and null pointers bind NULL.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullptr_t);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    // Binds NULL for an empty string: optional text columns store NULL, not ''.
    Statement& bind_text_or_null(int index, std::string_view value);

    // Advances to the next row; false when done. Resets bindings on the next bind after done.
    bool step();
    // Runs a statement that returns no rows, then resets it for reuse.
    void run();
    void reset();

    bool is_null(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    bool done_ = false;
};

class Database {
public:
    // Opens (creating when asked) the file, sets WAL and foreign keys, and migrates.
    static Database open(const std::filesystem::path& path, bool create);

    Database(Database&& other) noexcept;
    Database& operator=(Database&&) = delete;
    Database(const Database&) = delete;
    ~Database();

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    // A statement compiled once per connection and reused: for hot paths.
    Statement& cached(std::string_view sql);
    std::int64_t last_insert_id() const;
    int changes() const;
    int user_version();
    const std::filesystem::path& path() const { return path_; }

    // A single integer from a query with no parameters, such as a COUNT.
    std::int64_t scalar(std::string_view sql);

private:
    Database(sqlite3* db, std::filesystem::path path);
    sqlite3* db_;
    std::filesystem::path path_;
    std::unordered_map<std::string, Statement> cache_;
};

// Now, in UTC, as the store writes times: "2026-11-28T13:40:25Z".
std::string utc_now();

// Commits at `commit()`; rolls back when destroyed uncommitted, so that an exception leaves
// the database as it was before the transaction.
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool open_ = true;
};

}  // namespace bzpeer
