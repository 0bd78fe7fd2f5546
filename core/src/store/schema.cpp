#include "store/schema.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "bzpeer/base/error.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer {

namespace {

// Migration N brings user_version from N-1 to N. Append only; never edit a shipped one.
constexpr std::array<std::string_view, 3> kMigrations = {
    R"sql(
CREATE TABLE import_runs (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  input TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
  records_read INTEGER NOT NULL DEFAULT 0,
  works_new INTEGER NOT NULL DEFAULT 0,
  works_updated INTEGER NOT NULL DEFAULT 0,
  people_new INTEGER NOT NULL DEFAULT 0,
  message TEXT
);

CREATE TABLE works (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  title_key TEXT NOT NULL DEFAULT '',  -- folded title, for matching works that share no identifier
  abstract TEXT,
  type TEXT,
  date TEXT,
  year INTEGER,
  venue TEXT,
  journal_ref TEXT,
  comment TEXT,
  primary_category TEXT
);
CREATE INDEX works_by_title_key ON works(title_key);

-- Which source, and which of its records (by the record's first identifier), gave each
-- field its current value.
CREATE TABLE work_field_sources (
  work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  source TEXT NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (work_id, field)
) WITHOUT ROWID;

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  display_name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  claimed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX people_by_name_key ON people(name_key);

-- Names a person goes by: printed on their works ('authorship', rebuilt by resolution) or
-- given by their own profile ('profile').
CREATE TABLE person_names (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  block_key TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('authorship', 'profile')),
  PRIMARY KEY (person_id, name)
);
CREATE INDEX person_names_by_block ON person_names(block_key);

CREATE TABLE institutions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE
);

-- Employments and educations a person lists (ORCID).
CREATE TABLE person_affiliations (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  kind TEXT NOT NULL CHECK (kind IN ('employment', 'education')),
  department TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL DEFAULT '',
  end_date TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (person_id, institution_id, kind, department, role, start_date)
) WITHOUT ROWID;

CREATE TABLE person_keywords (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  keyword TEXT NOT NULL,
  PRIMARY KEY (person_id, keyword)
) WITHOUT ROWID;

-- One table for every identifier; each names exactly one owner.
CREATE TABLE identifiers (
  scheme TEXT NOT NULL,
  value TEXT NOT NULL,
  work_id INTEGER REFERENCES works(id) ON DELETE CASCADE,
  person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
  institution_id INTEGER REFERENCES institutions(id) ON DELETE CASCADE,
  PRIMARY KEY (scheme, value),
  CHECK ((work_id IS NOT NULL) + (person_id IS NOT NULL) + (institution_id IS NOT NULL) = 1)
) WITHOUT ROWID;
CREATE INDEX identifiers_by_work ON identifiers(work_id) WHERE work_id IS NOT NULL;
CREATE INDEX identifiers_by_person ON identifiers(person_id) WHERE person_id IS NOT NULL;

CREATE TABLE authorships (
  id INTEGER PRIMARY KEY,
  work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  printed_name TEXT NOT NULL,
  given TEXT,
  family TEXT,
  name_key TEXT NOT NULL,
  block_key TEXT NOT NULL,
  orcid TEXT,
  person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
  -- How the resolver attributed it: 'alone', 'evidence', 'orcid', 'assertion'; with what
  -- confidence (0..1) and which evidence (JSON).
  reason TEXT,
  confidence REAL,
  evidence TEXT,
  UNIQUE (work_id, position)
);
CREATE INDEX authorships_by_person ON authorships(person_id);
CREATE INDEX authorships_by_block ON authorships(block_key);

CREATE TABLE authorship_affiliations (
  authorship_id INTEGER NOT NULL REFERENCES authorships(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  printed TEXT NOT NULL,
  institution_id INTEGER REFERENCES institutions(id),
  PRIMARY KEY (authorship_id, position)
);

CREATE TABLE topics (
  id INTEGER PRIMARY KEY,
  scheme TEXT NOT NULL,
  code TEXT NOT NULL,
  UNIQUE (scheme, code)
);

CREATE TABLE work_topics (
  work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
  topic_id INTEGER NOT NULL REFERENCES topics(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (work_id, topic_id)
);

-- Where and when each stored record came from.
CREATE TABLE provenance (
  entity TEXT NOT NULL CHECK (entity IN ('work', 'authorship', 'person', 'institution')),
  entity_id INTEGER NOT NULL,
  source TEXT NOT NULL,
  source_record_id TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  import_run_id INTEGER REFERENCES import_runs(id),
  PRIMARY KEY (entity, entity_id, source, source_record_id)
) WITHOUT ROWID;

-- What users do with people: follow, claim, invite.
CREATE TABLE follows (
  person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
);
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  claimant TEXT NOT NULL,
  evidence TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'verified', 'rejected')),
  created_at TEXT NOT NULL
);
CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  accepted_at TEXT
);

-- User assertions about identity. Members are authorship keys, "<work key>|<name block>"
-- (e.g. "arxiv:2106.06224|zheng b"), stable across re-import. 'same-person': all members
-- are one person; 'different-person': no member is the same person as any of `others`.
-- Append-only: a correction is a new row; the latest assertion wins a conflict.
CREATE TABLE assertions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('same-person', 'different-person')),
  members TEXT NOT NULL,
  others TEXT NOT NULL DEFAULT '[]',
  command TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TRIGGER assertions_no_update BEFORE UPDATE ON assertions
  BEGIN SELECT RAISE(ABORT, 'the assertion ledger is append-only'); END;
CREATE TRIGGER assertions_no_delete BEFORE DELETE ON assertions
  BEGIN SELECT RAISE(ABORT, 'the assertion ledger is append-only'); END;

-- Rows of `import authors` files already done, so that --resume skips them.
CREATE TABLE author_import_rows (
  file TEXT NOT NULL,     -- the file's absolute path
  row_key TEXT NOT NULL,  -- the row's values, as read
  status TEXT NOT NULL CHECK (status IN ('ok', 'not-found', 'failed')),
  person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
  done_at TEXT NOT NULL,
  PRIMARY KEY (file, row_key)
) WITHOUT ROWID;

CREATE TABLE http_cache (
  url TEXT PRIMARY KEY,
  status INTEGER NOT NULL,
  etag TEXT,
  last_modified TEXT,
  content_type TEXT,
  body BLOB NOT NULL,
  fetched_at TEXT NOT NULL,
  expires_at TEXT
);
)sql",
    // 2: users of one database (a lab), and what they do with people: follow (with what their
    // feed has shown), claim (with the ORCID and the evidence), invite. No command reached the
    // version 1 tables, so they are replaced rather than converted.
    R"sql(
ALTER TABLE people DROP COLUMN claimed;
DROP TABLE follows;
DROP TABLE claims;
DROP TABLE invitations;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL DEFAULT '',
  orcid TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE TABLE follows (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  seen_until TEXT NOT NULL,  -- the user's feed shows what was stored after this
  PRIMARY KEY (user_id, person_id)
) WITHOUT ROWID;
CREATE INDEX follows_by_person ON follows(person_id);

-- A claim links a person to a user by an ORCID whose record lists the person's works.
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  orcid TEXT NOT NULL,
  evidence TEXT NOT NULL,  -- JSON: the works the record and the person share
  created_at TEXT NOT NULL,
  withdrawn_at TEXT
);
CREATE UNIQUE INDEX claims_one_live_per_orcid ON claims(orcid) WHERE withdrawn_at IS NULL;
CREATE UNIQUE INDEX claims_one_live_per_person ON claims(person_id) WHERE withdrawn_at IS NULL;

CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  email TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL,
  body TEXT NOT NULL,       -- the message as written (markdown)
  message TEXT NOT NULL,    -- the RFC 5322 message
  status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'failed')),
  created_at TEXT NOT NULL,
  sent_at TEXT,
  error TEXT
);
)sql",
    // 3: when each work was first stored (to the millisecond: a feed shows what was stored after
    // the user last looked, and an import can follow a look within the same second), and who made
    // each correction when they had claimed a person. Works stored before take the time of their
    // oldest provenance.
    R"sql(
ALTER TABLE works ADD COLUMN stored_at TEXT NOT NULL DEFAULT '';
UPDATE works SET stored_at = coalesce(
  (SELECT replace(min(fetched_at), 'Z', '.000Z') FROM provenance
   WHERE entity = 'work' AND entity_id = works.id), '');
CREATE INDEX works_by_stored_at ON works(stored_at);
ALTER TABLE assertions ADD COLUMN by_user TEXT NOT NULL DEFAULT '';  -- the claimant correcting
)sql",
};

}  // namespace

int schema_version() { return static_cast<int>(kMigrations.size()); }

void migrate(Database& db) {
    int current = db.user_version();
    if (current > schema_version())
        throw Error(
            fmt::format("database {} has schema version {}, newer than this bzpeer's {}; upgrade bzpeer",
                        db.path().string(), current, schema_version()));
    for (int version = current + 1; version <= schema_version(); ++version) {
        Transaction tx(db);
        db.exec(kMigrations[version - 1]);
        db.exec(fmt::format("PRAGMA user_version = {}", version));
        tx.commit();
    }
}

}  // namespace bzpeer
