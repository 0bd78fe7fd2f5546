// The user's corrections of who wrote what: merge, split, disown and claim, each an
// append-only assertion in the ledger, keyed by stable work ids, that every later resolution
// obeys; and the ledger's export and import. Each runs in one transaction of its own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/sdk/document.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer {

// Each appends to the ledger and re-resolves the people it names; the others sharing the
// name stay as they are until the next import or `resolve`. `by` names the user who made the
// correction when they speak for a person they claimed (empty otherwise).
void merge_people(Database& db, std::int64_t person, std::int64_t other, std::string_view by = {});
// Moves `works` of `person` to a person of their own and keeps the rest together; returns
// the new person's id.
std::int64_t split_person(Database& db, std::int64_t person, const std::vector<std::int64_t>& works,
                          std::string_view by = {});
// Splits a person flagged as probably several people (weakly_connected_groups) along the
// flagged groups: the largest stays, each other group becomes a person of its own, all in one
// transaction. Returns the new people's ids; a usage error when the person is not flagged.
std::vector<std::int64_t> split_flagged(Database& db, std::int64_t person, std::string_view by = {});
void disown_work(Database& db, std::int64_t work, std::int64_t person, std::string_view by = {});
void claim_work(Database& db, std::int64_t work, std::int64_t person, std::string_view by = {});

// The ledger as a document (its data is the JSON `ledger export` writes).
sdk::Document ledger_report(Database& db);
// Appends the assertions of an exported ledger that this one lacks; returns how many, and
// re-resolves the blocks they name.
std::int64_t import_ledger(Database& db, std::string_view json, const std::string& name);

}  // namespace bzpeer
