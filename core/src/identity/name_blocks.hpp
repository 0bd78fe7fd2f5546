// What the identity modules (identity, corrections, attribution) share: a name block as the
// store holds it, the ledger as the resolver's constraints, and re-resolving one block.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "bzpeer/identity/identity.hpp"
#include "bzpeer/identity/resolver.hpp"
#include "bzpeer/store/db.hpp"

namespace bzpeer::blocks {

struct BlockData {
    std::vector<resolver::Mention> mentions;
    std::vector<std::string> keys;       // authorship keys, per mention
    std::vector<std::string> printed;    // printed names, per mention
    std::vector<std::int64_t> previous;  // person id as stored (before a new resolution), 0 when none
};

// The authorships of one name block with the evidence the resolver weighs, and who holds them.
BlockData load_block(Database& db, const std::string& block);

struct Assertion {
    std::string kind;
    std::vector<std::string> members, others;
};
std::vector<Assertion> load_assertions(Database& db);

// The ledger, read latest first so that a later assertion wins over an earlier one it
// contradicts, turned into the resolver's constraints for one block.
resolver::Constraints constraints_for(const std::vector<Assertion>& ledger, const BlockData& block);

// Re-resolves one block. With `corrected`, only those people's works are resolved again (a
// correction changes whom it names): everyone else in the block stays as they are, their works
// and attributions untouched, until the next import or `resolve`.
void resolve_one(Database& db, const std::string& block, const std::vector<Assertion>& ledger,
                 const resolver::Options& options, ResolveSummary& summary,
                 const std::set<std::int64_t>* corrected = nullptr);

// An attribution's evidence as the store keeps it (JSON).
std::string evidence_json(const resolver::Evidence& e);

// The name blocks of a person's authorships.
std::set<std::string> blocks_of(Database& db, std::int64_t person);

void run_in_transaction(Database& db, const std::function<void()>& body);

}  // namespace bzpeer::blocks
