#!/usr/bin/env python3
"""Stands in for `bzpeer claim` in tests: gives USER a live claim on person PERSON_ID.

Usage: insert_claim.py DB USER EMAIL PERSON_ID ORCID
Creates the user (as `bzpeer` would on first use) when the database has none of that name.
"""
import datetime
import sqlite3
import sys


def main():
    db, user, email, person, orcid = sys.argv[1:6]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    con = sqlite3.connect(db)
    with con:
        con.execute(
            "INSERT OR IGNORE INTO users (name, email, orcid, created_at) VALUES (?, ?, ?, ?)",
            (user, email, orcid, now),
        )
        (user_id,) = con.execute("SELECT id FROM users WHERE name = ?", (user,)).fetchone()
        con.execute(
            "INSERT INTO claims (person_id, user_id, orcid, evidence, created_at) VALUES (?, ?, ?, '[]', ?)",
            (int(person), user_id, orcid, now),
        )
    con.close()


if __name__ == "__main__":
    main()
