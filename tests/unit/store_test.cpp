#include <gtest/gtest.h>

#include <filesystem>

#include "bzpeer/base/error.hpp"
#include "bzpeer/identity/identity.hpp"
#include "bzpeer/store/db.hpp"

using namespace bzpeer;

namespace {

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("bzpeer-store-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

}  // namespace

TEST_F(StoreTest, CreatesAndMigratesToTheCurrentVersion) {
    auto db = Database::open(dir_ / "a.db", true);
    EXPECT_GE(db.user_version(), 1);
    EXPECT_EQ(db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'works'"), 1);
    EXPECT_EQ(db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'assertions'"), 1);
    EXPECT_EQ(db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'http_cache'"), 1);
    EXPECT_EQ(db.scalar("PRAGMA foreign_keys"), 1);
    auto mode = db.prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.step());
    EXPECT_EQ(mode.text(0), "wal");
}

TEST_F(StoreTest, ReopeningDoesNotMigrateAgain) {
    int version;
    {
        auto db = Database::open(dir_ / "a.db", true);
        db.exec("INSERT INTO works (title) VALUES ('kept')");
        version = db.user_version();
    }
    auto db = Database::open(dir_ / "a.db", false);
    EXPECT_EQ(db.user_version(), version);
    EXPECT_EQ(db.scalar("SELECT count(*) FROM works"), 1);
}

TEST_F(StoreTest, RefusesADatabaseFromANewerBzpeer) {
    {
        auto db = Database::open(dir_ / "a.db", true);
        db.exec("PRAGMA user_version = 999");
    }
    try {
        Database::open(dir_ / "a.db", false);
        FAIL() << "opened a newer database";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("schema version 999"), std::string::npos) << e.what();
    }
}

TEST_F(StoreTest, MissingDatabaseIsAnErrorUnlessCreating) {
    EXPECT_THROW(Database::open(dir_ / "none.db", false), Error);
    EXPECT_FALSE(std::filesystem::exists(dir_ / "none.db"));
}

TEST_F(StoreTest, UncommittedTransactionRollsBack) {
    auto db = Database::open(dir_ / "a.db", true);
    try {
        Transaction tx(db);
        db.exec("INSERT INTO works (title) VALUES ('lost')");
        throw std::runtime_error("interrupted");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(db.scalar("SELECT count(*) FROM works"), 0);
    {
        Transaction tx(db);
        db.exec("INSERT INTO works (title) VALUES ('kept')");
        tx.commit();
    }
    EXPECT_EQ(db.scalar("SELECT count(*) FROM works"), 1);
}

TEST_F(StoreTest, CommittedDataSurvivesReopenAndUncommittedDoesNot) {
    {
        auto db = Database::open(dir_ / "a.db", true);
        Transaction tx(db);
        db.exec("INSERT INTO works (title) VALUES ('one')");
        tx.commit();
        Transaction open(db);
        db.exec("INSERT INTO works (title) VALUES ('two')");
        // Closed without commit: as if the process died here.
    }
    auto db = Database::open(dir_ / "a.db", false);
    EXPECT_EQ(db.scalar("SELECT count(*) FROM works"), 1);
}

TEST_F(StoreTest, IdentifiersAreUniquePerSchemeAndValue) {
    auto db = Database::open(dir_ / "a.db", true);
    db.exec("INSERT INTO works (id, title) VALUES (1, 'a'), (2, 'b')");
    db.exec("INSERT INTO identifiers (scheme, value, work_id) VALUES ('doi', '10.1/x', 1)");
    EXPECT_THROW(db.exec("INSERT INTO identifiers (scheme, value, work_id) VALUES ('doi', '10.1/x', 2)"),
                 Error);
    db.exec("INSERT INTO identifiers (scheme, value, work_id) VALUES ('arxiv', '10.1/x', 2)");
    // An identifier names exactly one owner.
    EXPECT_THROW(db.exec("INSERT INTO identifiers (scheme, value) VALUES ('doi', '10.1/y')"), Error);
}

TEST_F(StoreTest, TheAssertionLedgerIsAppendOnly) {
    auto db = Database::open(dir_ / "a.db", true);
    db.exec(
        "INSERT INTO assertions (kind, members, others, command, created_at) "
        "VALUES ('different-person', '[\"arxiv:2106.06224|zheng b\"]', '[]', 'works disown', 'now')");
    EXPECT_THROW(db.exec("UPDATE assertions SET others = '[]'"), Error);
    EXPECT_THROW(db.exec("DELETE FROM assertions"), Error);
    EXPECT_EQ(db.scalar("SELECT count(*) FROM assertions"), 1);
}

TEST_F(StoreTest, ForeignKeysAreEnforced) {
    auto db = Database::open(dir_ / "a.db", true);
    EXPECT_THROW(db.exec("INSERT INTO authorships (work_id, position, printed_name, name_key, block_key) "
                         "VALUES (42, 1, 'x', 'x', 'x')"),
                 Error);
}

// A store written by an older parser ("Zheng Bo" read as given Zheng, family Bo) is re-keyed
// by a full resolve: the authorship joins the "zheng b" block, and the person of the others.
TEST_F(StoreTest, FullResolveRereadsPrintedNames) {
    auto db = Database::open(dir_ / "a.db", true);
    db.exec("INSERT INTO works (id, title, year) VALUES (1, 'a', 2020), (2, 'b', 2021)");
    db.exec(
        "INSERT INTO authorships (work_id, position, printed_name, given, family, name_key, block_key) "
        "VALUES "
        "(1, 1, 'Bo Zheng', 'Bo', 'Zheng', 'bo zheng', 'zheng b'), "
        "(1, 2, 'Ada Lovelace', 'Ada', 'Lovelace', 'ada lovelace', 'lovelace a'), "
        "(2, 1, 'Zheng Bo', 'Zheng', 'Bo', 'zheng bo', 'bo z'), "
        "(2, 2, 'Ada Lovelace', 'Ada', 'Lovelace', 'ada lovelace', 'lovelace a')");
    bzpeer::resolve_all(db);
    EXPECT_EQ(db.scalar("SELECT count(*) FROM authorships WHERE block_key = 'bo z'"), 0);
    EXPECT_EQ(db.scalar("SELECT count(*) FROM authorships WHERE block_key = 'zheng b' AND family = 'Zheng' "
                        "AND given = 'Bo' AND name_key = 'bo zheng'"),
              2);
    EXPECT_EQ(db.scalar("SELECT count(DISTINCT person_id) FROM authorships WHERE block_key = 'zheng b'"), 1);
}
