#include "bzpeer/identity/corrections.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <map>

#include "base/json_text.hpp"
#include "base/table_document.hpp"
#include "bzpeer/base/error.hpp"
#include "bzpeer/identity/attribution.hpp"
#include "bzpeer/identity/identity.hpp"
#include "bzpeer/identity/resolver.hpp"
#include "identity/name_blocks.hpp"

namespace bzpeer {

using blocks::BlockData;
using blocks::blocks_of;
using blocks::load_assertions;
using blocks::load_block;
using blocks::resolve_one;
using blocks::run_in_transaction;

namespace {

std::vector<std::string> authorship_keys_of(Database& db, std::int64_t person) {
    std::vector<std::string> keys;
    auto& stmt =
        db.cached("SELECT work_id, block_key FROM authorships WHERE person_id = ?1 ORDER BY work_id");
    std::vector<std::pair<std::int64_t, std::string>> rows;
    for (stmt.bind(1, person); stmt.step();) rows.emplace_back(stmt.integer(0), stmt.text(1));
    for (const auto& [work, block] : rows) keys.push_back(work_key(db, work) + "|" + block);
    return keys;
}

std::string block_of_keys(const std::vector<std::string>& keys) {
    return keys.empty() ? std::string() : keys.front().substr(keys.front().find('|') + 1);
}

void append_assertion(Database& db, const std::string& kind, const std::vector<std::string>& members,
                      const std::vector<std::string>& others, const std::string& command,
                      std::string_view by) {
    db.cached(
          "INSERT INTO assertions (kind, members, others, command, created_at, by_user) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, kind)
        .bind(2, json_text::array(members))
        .bind(3, json_text::array(others))
        .bind(4, command)
        .bind(5, utc_now())
        .bind(6, std::string(by))  // an empty view binds NULL
        .run();
}

// The authorship of `work` that can be `person`'s: in one of the person's name blocks.
std::string authorship_key_for(Database& db, std::int64_t work, std::int64_t person) {
    auto blocks = blocks_of(db, person);
    auto& stmt = db.cached("SELECT block_key FROM authorships WHERE work_id = ?1 ORDER BY position");
    for (stmt.bind(1, work); stmt.step();)
        if (blocks.count(stmt.text(0))) return work_key(db, work) + "|" + stmt.text(0);
    throw not_found(fmt::format("w:{} has no author whose name can be p:{}'s", work, person));
}

}  // namespace

namespace {

// A correction's re-resolution of one block: only the people it names change.
void resolve_correction(Database& db, const std::string& block, const std::set<std::int64_t>& people) {
    ResolveSummary summary;
    resolve_one(db, block, load_assertions(db), {}, summary, &people);
}

// Who holds the authorship a ledger key names ("arxiv:2101.00001|zheng b"), or 0.
std::int64_t holder_of(Database& db, std::int64_t work, const std::string& block) {
    auto& stmt = db.cached("SELECT person_id FROM authorships WHERE work_id = ?1 AND block_key = ?2");
    stmt.bind(1, work).bind(2, block);
    std::int64_t person = stmt.step() && !stmt.is_null(0) ? stmt.integer(0) : 0;
    stmt.reset();
    return person;
}

}  // namespace

void merge_people(Database& db, std::int64_t person, std::int64_t other, std::string_view by) {
    if (person == other) throw usage_error(fmt::format("p:{} is already one person", person));
    run_in_transaction(db, [&] {
        auto keys = authorship_keys_of(db, person);
        auto more = authorship_keys_of(db, other);
        if (keys.empty() || more.empty()) throw not_found("both people need works to be merged");
        if (block_of_keys(keys) != block_of_keys(more))
            throw usage_error(
                fmt::format("p:{} and p:{} are in different name blocks ('{}', '{}'); only people whose "
                            "names can match are merged",
                            person, other, block_of_keys(keys), block_of_keys(more)));
        keys.insert(keys.end(), more.begin(), more.end());
        append_assertion(db, "same-person", keys, {}, fmt::format("people merge p:{} p:{}", person, other),
                         by);
        resolve_correction(db, block_of_keys(keys), {person, other});
    });
}

namespace {

// A split's work, inside the caller's transaction.
std::int64_t split_inside(Database& db, std::int64_t person, const std::vector<std::int64_t>& works,
                          std::string_view by) {
    std::vector<std::string> moved, kept;
    std::set<std::int64_t> chosen(works.begin(), works.end());
    auto& stmt =
        db.cached("SELECT work_id, block_key FROM authorships WHERE person_id = ?1 ORDER BY work_id");
    std::vector<std::pair<std::int64_t, std::string>> rows;
    for (stmt.bind(1, person); stmt.step();) rows.emplace_back(stmt.integer(0), stmt.text(1));
    for (const auto& [work, block] : rows)
        (chosen.erase(work) ? moved : kept).push_back(work_key(db, work) + "|" + block);
    if (!chosen.empty())
        throw not_found(fmt::format("w:{} is not on p:{}'s profile", *chosen.begin(), person));
    if (kept.empty()) throw usage_error("a split must leave at least one work with the person");
    std::string command = fmt::format("people split p:{}", person);
    // A split partitions the profile: the chosen works are one person, the rest another,
    // so that no work the user left in place drifts away with the ones moved out.
    append_assertion(db, "same-person", moved, {}, command, by);
    append_assertion(db, "same-person", kept, {}, command, by);
    append_assertion(db, "different-person", moved, kept, command, by);
    resolve_correction(db, block_of_keys(moved), {person});
    auto& who = db.cached("SELECT a.person_id FROM authorships a WHERE a.work_id = ?1 AND a.block_key = ?2");
    who.bind(1, *works.begin()).bind(2, block_of_keys(moved));
    std::int64_t result = who.step() ? who.integer(0) : 0;
    who.reset();
    return result;
}

}  // namespace

std::int64_t split_person(Database& db, std::int64_t person, const std::vector<std::int64_t>& works,
                          std::string_view by) {
    std::int64_t result = 0;
    run_in_transaction(db, [&] { result = split_inside(db, person, works, by); });
    return result;
}

std::vector<std::int64_t> split_flagged(Database& db, std::int64_t person, std::string_view by) {
    auto groups = weakly_connected_groups(db, person);
    if (groups.size() < 2)
        throw usage_error(fmt::format(
            "p:{} is not flagged as probably several people; name the works to move with --works", person));
    // The person's other works (solo ones, small circles) go with the group their evidence is
    // strongest for, so that a split moves whole people and not only their circles' cores.
    for (const auto& block : blocks_of(db, person)) {
        BlockData data = load_block(db, block);
        std::map<std::int64_t, std::size_t> mention_of;  // work -> mention of this person
        for (std::size_t i = 0; i < data.mentions.size(); ++i)
            if (data.previous[i] == person) mention_of.emplace(data.mentions[i].work, i);
        std::vector<std::vector<std::size_t>> seeds(groups.size());
        std::set<std::int64_t> grouped;
        for (std::size_t g = 0; g < groups.size(); ++g)
            for (auto work : groups[g])
                if (auto it = mention_of.find(work); it != mention_of.end())
                    seeds[g].push_back(it->second), grouped.insert(work);
        if (std::any_of(seeds.begin(), seeds.end(), [](const auto& s) { return s.empty(); })) continue;
        auto options = resolver::options_for(block);
        for (const auto& [work, mention] : mention_of) {
            if (grouped.count(work)) continue;
            std::size_t best = 0;
            double best_score = -1e300;
            for (std::size_t g = 0; g < seeds.size(); ++g) {
                double score = resolver::compare(data.mentions, {mention}, seeds[g], options).total();
                if (score > best_score) best_score = score, best = g;
            }
            groups[best].push_back(work);
        }
    }
    std::vector<std::int64_t> created;
    // The largest group stays; each other one becomes a person of its own.
    run_in_transaction(db, [&] {
        for (std::size_t g = 1; g < groups.size(); ++g)
            created.push_back(split_inside(db, person, groups[g], by));
    });
    return created;
}

void disown_work(Database& db, std::int64_t work, std::int64_t person, std::string_view by) {
    run_in_transaction(db, [&] {
        auto keys = authorship_keys_of(db, person);
        std::string key = work_key(db, work) + "|" + block_of_keys(keys);
        auto it = std::find(keys.begin(), keys.end(), key);
        if (it == keys.end()) throw not_found(fmt::format("w:{} is not on p:{}'s profile", work, person));
        keys.erase(it);
        append_assertion(db, "different-person", {key}, keys,
                         fmt::format("works disown w:{} --from p:{}", work, person), by);
        resolve_correction(db, block_of_keys({key}), {person});
    });
}

void claim_work(Database& db, std::int64_t work, std::int64_t person, std::string_view by) {
    run_in_transaction(db, [&] {
        auto keys = authorship_keys_of(db, person);
        std::string key = authorship_key_for(db, work, person);
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) return;  // already there
        keys.insert(keys.begin(), key);
        append_assertion(db, "same-person", keys, {},
                         fmt::format("works claim w:{} --for p:{}", work, person), by);
        // The person the work is taken from changes too.
        std::string block = block_of_keys(keys);
        resolve_correction(db, block, {person, holder_of(db, work, block)});
    });
}

sdk::Document ledger_report(Database& db) {
    auto doc =
        table_document("Assertion ledger", {"id", "kind", "command", "by", "members", "others", "created"});
    auto& rows = doc.blocks.back().table.rows;
    auto stmt = db.prepare(
        "SELECT id, kind, members, others, command, created_at, by_user FROM assertions ORDER BY id");
    while (stmt.step()) {
        auto members = json_text::parse_array(stmt.text(2), "assertion members");
        auto others = json_text::parse_array(stmt.text(3), "assertion others");
        sdk::Value item = sdk::Value::object();
        item.set("kind", stmt.text(1));
        sdk::Value m = sdk::Value::array(), o = sdk::Value::array();
        for (const auto& k : members) m.push(k);
        for (const auto& k : others) o.push(k);
        item.set("members", std::move(m));
        item.set("others", std::move(o));
        item.set("command", stmt.text(4));
        item.set("created_at", stmt.text(5));
        // Only a claimant's corrections name who made them.
        if (!stmt.text(6).empty()) item.set("by", stmt.text(6));
        doc.data.push(std::move(item));
        rows.push_back({std::to_string(stmt.integer(0)), stmt.text(1), stmt.text(4), stmt.text(6),
                        std::to_string(members.size()), std::to_string(others.size()), stmt.text(5)});
    }
    return doc;
}

std::int64_t import_ledger(Database& db, std::string_view json, const std::string& name) {
    simdjson::dom::parser parser;
    simdjson::padded_string padded(json);
    simdjson::dom::array items;
    if (auto error = parser.parse(padded).get_array().get(items))
        throw Error(
            fmt::format("{}: not a ledger export (a JSON array): {}", name, simdjson::error_message(error)));
    std::int64_t added = 0;
    run_in_transaction(db, [&] {
        std::set<std::string> blocks;
        std::size_t index = 0;
        for (auto item : items) {
            ++index;
            std::string_view kind, command = "ledger import", created, by;
            simdjson::dom::array members, others;
            if (item["kind"].get_string().get(kind) || item["members"].get_array().get(members))
                throw Error(fmt::format("{}: entry {}: needs \"kind\" and \"members\"", name, index));
            if (kind != "same-person" && kind != "different-person")
                throw Error(fmt::format("{}: entry {}: field kind: unknown kind '{}'", name, index, kind));
            auto strings = [&](simdjson::dom::array array, const char* field) {
                std::vector<std::string> out;
                for (auto v : array) {
                    std::string_view s;
                    if (v.get_string().get(s) || s.find('|') == std::string_view::npos)
                        throw Error(
                            fmt::format("{}: entry {}: field {}: expected authorship keys (work|block)", name,
                                        index, field));
                    out.emplace_back(s);
                }
                return out;
            };
            auto m = strings(members, "members");
            std::vector<std::string> o;
            if (item["others"].get_array().get(others) == simdjson::SUCCESS) o = strings(others, "others");
            if (item["command"].get_string().get(command)) command = "ledger import";
            if (item["created_at"].get_string().get(created)) created = {};
            if (item["by"].get_string().get(by)) by = {};
            auto& exists = db.cached(
                "SELECT 1 FROM assertions WHERE kind = ?1 AND members = ?2 AND others = ?3 AND created_at = "
                "?4");
            exists.bind(1, kind).bind(2, json_text::array(m)).bind(3, json_text::array(o)).bind(4, created);
            if (exists.step()) continue;
            db.cached(
                  "INSERT INTO assertions (kind, members, others, command, created_at, by_user) VALUES (?1, "
                  "?2, ?3, ?4, ?5, ?6)")
                .bind(1, kind)
                .bind(2, json_text::array(m))
                .bind(3, json_text::array(o))
                .bind(4, command)
                .bind(5, created.empty() ? utc_now() : std::string(created))
                .bind(6, std::string(by))  // an empty view binds NULL
                .run();
            ++added;
            for (const auto& k : m) blocks.insert(k.substr(k.find('|') + 1));
        }
        resolve_blocks(db, blocks);
    });
    return added;
}

}  // namespace bzpeer
