// The store's schema, versioned with PRAGMA user_version and upgraded one migration at a time.
#pragma once

namespace bzpeer {

class Database;

// The schema version this build writes.
int schema_version();

// Brings the database to schema_version(), each migration in its own transaction.
// A database newer than this build is refused rather than guessed at.
void migrate(Database& db);

}  // namespace bzpeer
