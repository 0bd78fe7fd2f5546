#include "bzpeer/identity.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>

#include "bzpeer/error.hpp"
#include "bzpeer/ids.hpp"
#include "bzpeer/names.hpp"
#include "json_text.hpp"

namespace bzpeer {

namespace {

std::string utc_now() {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                       fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

struct BlockData {
    std::vector<resolver::Mention> mentions;
    std::vector<std::string> keys;       // authorship keys, per mention
    std::vector<std::string> printed;    // printed names, per mention
    std::vector<std::int64_t> previous;  // person id as stored (before a new resolution), 0 when none
};

// The evidence of a block's mentions beyond their own rows: words, co-authors, topics and
// affiliations, one query per kind for the whole block.
void load_evidence(Database& db, const std::string& block,
                   const std::unordered_map<std::int64_t, std::size_t>& index,
                   const std::vector<std::string>& texts, BlockData& data) {
    for (std::size_t i = 0; i < data.mentions.size(); ++i)
        data.mentions[i].words = resolver::content_words(texts[i]);
    auto& coauthors = db.cached(R"sql(
SELECT a.id, o.block_key, o.name_key FROM authorships a JOIN authorships o ON o.work_id = a.work_id AND o.id <> a.id
WHERE a.block_key = ?1 AND o.block_key <> '' ORDER BY a.id, o.position)sql");
    for (coauthors.bind(1, block); coauthors.step();) {
        auto& mention = data.mentions[index.at(coauthors.integer(0))];
        mention.coauthors.push_back(coauthors.text(1));
        mention.coauthor_names.push_back(coauthors.text(2));
    }
    auto& topics = db.cached(R"sql(
SELECT a.id, t.code FROM authorships a JOIN work_topics wt ON wt.work_id = a.work_id
JOIN topics t ON t.id = wt.topic_id WHERE a.block_key = ?1 ORDER BY a.id, wt.position)sql");
    for (topics.bind(1, block); topics.step();)
        data.mentions[index.at(topics.integer(0))].categories.push_back(topics.text(1));
    auto& affiliations = db.cached(R"sql(
SELECT a.id, af.printed FROM authorships a JOIN authorship_affiliations af ON af.authorship_id = a.id
WHERE a.block_key = ?1 ORDER BY a.id, af.position)sql");
    for (affiliations.bind(1, block); affiliations.step();)
        data.mentions[index.at(affiliations.integer(0))].affiliations.push_back(
            names::fold(affiliations.text(1)));
}

// One query per kind of evidence for the whole block, not one per authorship: blocks are
// loaded for every import batch and every resolve.
BlockData load_block(Database& db, const std::string& block) {
    BlockData data;
    auto& stmt = db.cached(R"sql(
SELECT a.id, a.work_id, coalesce(a.given, ''), coalesce(a.orcid, ''), coalesce(w.year, 0),
       coalesce(w.title, ''), coalesce(w.abstract, ''), coalesce(w.venue, w.journal_ref, ''),
       a.printed_name, coalesce(a.person_id, 0)
FROM authorships a JOIN works w ON w.id = a.work_id WHERE a.block_key = ?1 ORDER BY a.id)sql");
    std::unordered_map<std::int64_t, std::size_t> index;  // authorship id → mention
    std::vector<std::string> texts;                       // title and abstract, per mention
    for (stmt.bind(1, block); stmt.step();) {
        resolver::Mention m;
        m.id = stmt.integer(0);
        m.work = stmt.integer(1);
        m.given = stmt.text(2);
        m.orcid = stmt.text(3);
        m.year = static_cast<int>(stmt.integer(4));
        texts.push_back(stmt.text(5) + " " + stmt.text(6));
        m.venue = names::fold(stmt.text(7));
        data.printed.push_back(stmt.text(8));
        data.previous.push_back(stmt.integer(9));
        index.emplace(m.id, data.mentions.size());
        data.mentions.push_back(std::move(m));
    }
    stmt.reset();
    // Most blocks of a large store hold one authorship, which is its own person whatever the
    // evidence: only its work key is needed.
    if (data.mentions.size() > 1) load_evidence(db, block, index, texts, data);
    // Work keys: the arXiv id, else the DOI, else w:N (see work_key()).
    std::unordered_map<std::int64_t, std::string> keys;
    auto& ids = db.cached(R"sql(
SELECT DISTINCT a.work_id, i.scheme, i.value FROM authorships a JOIN identifiers i ON i.work_id = a.work_id
WHERE a.block_key = ?1 AND i.scheme IN ('arxiv', 'doi') ORDER BY a.work_id, i.scheme, i.value)sql");
    for (ids.bind(1, block); ids.step();) keys.try_emplace(ids.integer(0), ids.text(1) + ":" + ids.text(2));
    for (const auto& m : data.mentions) {
        auto it = keys.find(m.work);
        data.keys.push_back((it != keys.end() ? it->second : fmt::format("w:{}", m.work)) + "|" + block);
    }
    return data;
}

struct Assertion {
    std::string kind;
    std::vector<std::string> members, others;
};

std::vector<Assertion> load_assertions(Database& db) {
    std::vector<Assertion> out;
    auto& stmt = db.cached("SELECT kind, members, others FROM assertions ORDER BY id");
    while (stmt.step())
        out.push_back({stmt.text(0), json_text::parse_array(stmt.text(1), "assertion members"),
                       json_text::parse_array(stmt.text(2), "assertion others")});
    return out;
}

// The ledger, read latest first so that a later assertion wins over an earlier one it
// contradicts, turned into the resolver's constraints for one block.
resolver::Constraints constraints_for(const std::vector<Assertion>& ledger, const BlockData& block) {
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < block.keys.size(); ++i) index.emplace(block.keys[i], i);
    auto present = [&](const std::vector<std::string>& keys) {
        std::vector<std::size_t> out;
        for (const auto& k : keys)
            if (auto it = index.find(k); it != index.end()) out.push_back(it->second);
        return out;
    };
    std::vector<std::size_t> parent(block.keys.size());
    for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
    auto find = [&](std::size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    std::vector<std::pair<std::size_t, std::size_t>> different;
    auto separated = [&](std::size_t a, std::size_t b) {
        auto ra = find(a), rb = find(b);
        return std::any_of(different.begin(), different.end(), [&](const auto& d) {
            auto x = find(d.first), y = find(d.second);
            return (x == ra && y == rb) || (x == rb && y == ra);
        });
    };
    for (auto it = ledger.rbegin(); it != ledger.rend(); ++it) {
        auto members = present(it->members);
        if (it->kind == "same-person") {
            for (std::size_t k = 1; k < members.size(); ++k)
                if (find(members[0]) != find(members[k]) && !separated(members[0], members[k]))
                    parent[find(members[k])] = find(members[0]);
        } else {
            for (auto a : members)
                for (auto b : present(it->others))
                    if (find(a) != find(b)) different.emplace_back(a, b);
        }
    }
    resolver::Constraints c;
    std::map<std::size_t, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < parent.size(); ++i) groups[find(i)].push_back(i);
    for (auto& [root, group] : groups)
        if (group.size() > 1) c.same.push_back(std::move(group));
    c.different = std::move(different);
    return c;
}

std::string evidence_json(const resolver::Evidence& e) {
    return fmt::format(
        R"({{"score":{:.3f},"coauthors":{:.3f},"topics":{:.3f},"words":{:.3f},"venue":{:.3f},"affiliation":{:.3f},)"
        R"("time":{:.3f},"prior":{:.3f},"shared_coauthors":{},"shared_categories":{},"shared_words":{}}})",
        e.total(), e.coauthors, e.topics, e.words, e.venue, e.affiliation, e.time, e.prior,
        json_text::array(e.shared_coauthors), json_text::array(e.shared_categories),
        json_text::array(e.shared_words));
}

std::int64_t person_with_orcid(Database& db, const std::string& orcid) {
    auto& stmt = db.cached("SELECT person_id FROM identifiers WHERE scheme = 'orcid' AND value = ?1");
    stmt.bind(1, orcid);
    return stmt.step() && !stmt.is_null(0) ? stmt.integer(0) : 0;
}

bool has_authorships(Database& db, std::int64_t person) {
    auto& stmt = db.cached("SELECT EXISTS (SELECT 1 FROM authorships WHERE person_id = ?1)");
    stmt.bind(1, person);
    return stmt.step() && stmt.integer(0) == 1;
}

// Moves everything `from` holds to `into` and deletes `from`; the profile's name wins.
void absorb_person(Database& db, std::int64_t into, std::int64_t from) {
    for (const char* sql :
         {"UPDATE identifiers SET person_id = ?1 WHERE person_id = ?2",
          "UPDATE OR IGNORE person_names SET person_id = ?1 WHERE person_id = ?2",
          "UPDATE OR IGNORE person_affiliations SET person_id = ?1 WHERE person_id = ?2",
          "UPDATE OR IGNORE person_keywords SET person_id = ?1 WHERE person_id = ?2",
          "UPDATE OR IGNORE follows SET person_id = ?1 WHERE person_id = ?2",
          "UPDATE claims SET person_id = ?1 WHERE person_id = ?2",
          "UPDATE invitations SET person_id = ?1 WHERE person_id = ?2",
          "UPDATE authorships SET person_id = ?1 WHERE person_id = ?2",
          "UPDATE OR IGNORE provenance SET entity_id = ?1 WHERE entity = 'person' AND entity_id = ?2",
          "UPDATE people SET display_name = (SELECT display_name FROM people WHERE id = ?2), "
          "name_key = (SELECT name_key FROM people WHERE id = ?2) WHERE id = ?1",
          "DELETE FROM people WHERE id = ?2"})
        db.cached(sql).bind(1, into).bind(2, from).run();
}

// A person nobody points at any more: no authorship, ORCID, follow or claim.
bool removable(Database& db, std::int64_t person) {
    auto& stmt = db.cached(R"sql(
SELECT NOT EXISTS (SELECT 1 FROM authorships WHERE person_id = ?1)
   AND NOT EXISTS (SELECT 1 FROM identifiers WHERE person_id = ?1)
   AND NOT EXISTS (SELECT 1 FROM follows WHERE person_id = ?1)
   AND NOT EXISTS (SELECT 1 FROM claims WHERE person_id = ?1))sql");
    stmt.bind(1, person);
    return stmt.step() && stmt.integer(0) == 1;
}

// The name a person is shown by: the printed form most works use, preferring full given names.
std::string display_name(const std::vector<std::string>& printed) {
    std::map<std::string, int> counts;
    for (const auto& p : printed) ++counts[p];
    std::string best;
    int best_count = -1;
    for (const auto& [name, n] : counts) {
        auto given_len = names::parse(name).given.size();
        auto best_len = best.empty() ? 0 : names::parse(best).given.size();
        bool full = given_len > 2, best_full = best_len > 2;
        if (best_count < 0 || full > best_full || (full == best_full && n > best_count)) {
            best = name;
            best_count = n;
        }
    }
    return best;
}

// Re-resolves one block. With `corrected`, only those people's works are resolved again (a
// correction changes whom it names): everyone else in the block stays as they are, their works
// and attributions untouched, until the next import or `resolve`.
void resolve_one(Database& db, const std::string& block, const std::vector<Assertion>& ledger,
                 const resolver::Options& options, ResolveSummary& summary,
                 const std::set<std::int64_t>* corrected = nullptr) {
    BlockData data = load_block(db, block);
    const std::size_t n = data.mentions.size();
    ++summary.blocks;
    summary.authorships += static_cast<std::int64_t>(n);
    resolver::Options block_options = options;
    block_options.common_name = resolver::common_family_name(block);
    auto constraints = constraints_for(ledger, data);
    std::vector<bool> settled(n, false);
    if (corrected) {
        std::map<std::int64_t, std::vector<std::size_t>> bystanders;
        for (std::size_t i = 0; i < n; ++i)
            if (data.previous[i] && !corrected->count(data.previous[i]))
                bystanders[data.previous[i]].push_back(i), settled[i] = true;
        for (auto& [person, mentions] : bystanders) constraints.settled.push_back(std::move(mentions));
    }
    auto result = resolver::resolve(data.mentions, constraints, block_options);

    // Map clusters to people: an ORCID's owner first, then the person holding most of it before.
    std::map<std::pair<int, std::int64_t>, int> overlap;
    for (std::size_t i = 0; i < n; ++i)
        if (data.previous[i]) ++overlap[{result.cluster[i], data.previous[i]}];
    auto previous_holder = [&](int cluster) {
        std::int64_t best = 0;
        int most = 0;
        for (const auto& [key, count] : overlap)
            if (key.first == cluster && count > most) best = key.second, most = count;
        return best;
    };
    std::vector<std::int64_t> person_of(result.clusters, 0);
    std::set<std::int64_t> taken;
    for (std::size_t i = 0; i < n; ++i) {
        int c = result.cluster[i];
        if (person_of[c] || data.mentions[i].orcid.empty()) continue;
        auto owner = person_with_orcid(db, data.mentions[i].orcid);
        if (!owner || taken.count(owner)) continue;
        // A profile (ORCID) imported after the works joins the person already shown for them,
        // so that the id users follow does not change.
        if (auto holder = previous_holder(c);
            holder && holder != owner && !taken.count(holder) && !has_authorships(db, owner)) {
            absorb_person(db, holder, owner);
            owner = holder;
        }
        person_of[c] = owner;
        taken.insert(owner);
    }
    std::vector<std::tuple<int, int, std::int64_t>> ranked;  // count, cluster, person
    for (const auto& [key, count] : overlap) ranked.emplace_back(count, key.first, key.second);
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) > std::get<0>(b)
                                                : std::get<2>(a) < std::get<2>(b);
    });
    for (const auto& [count, cluster, person] : ranked) {
        if (person_of[cluster] || taken.count(person)) continue;
        person_of[cluster] = person;
        taken.insert(person);
    }

    std::vector<std::vector<std::string>> printed(result.clusters);
    for (std::size_t i = 0; i < n; ++i) printed[result.cluster[i]].push_back(data.printed[i]);
    for (int c = 0; c < result.clusters; ++c) {
        if (person_of[c]) continue;
        std::string name = display_name(printed[c]);
        db.cached("INSERT INTO people (display_name, name_key) VALUES (?1, ?2)")
            .bind(1, name)
            .bind(2, names::name_key(names::parse(name)))
            .run();
        person_of[c] = db.last_insert_id();
        ++summary.people_new;
    }

    auto& update = db.cached(
        "UPDATE authorships SET person_id = ?2, reason = ?3, confidence = ?4, evidence = ?5 WHERE id = ?1");
    for (std::size_t i = 0; i < n; ++i) {
        if (settled[i]) continue;
        update.bind(1, data.mentions[i].id)
            .bind(2, person_of[result.cluster[i]])
            .bind(3, result.reason[i])
            .bind(4, result.confidence[i])
            .bind_text_or_null(5, result.reason[i] == "evidence" ? evidence_json(result.evidence[i]) : "")
            .run();
    }

    std::set<std::int64_t> involved(taken.begin(), taken.end());
    for (auto p : person_of) involved.insert(p);
    for (auto p : data.previous)
        if (p) involved.insert(p);
    auto& clear_names = db.cached("DELETE FROM person_names WHERE person_id = ?1 AND origin = 'authorship'");
    auto& add_name = db.cached(
        "INSERT INTO person_names (person_id, name, name_key, block_key, origin) VALUES (?1, ?2, ?3, ?4, "
        "'authorship') ON CONFLICT DO NOTHING");
    auto& rename = db.cached(
        "UPDATE people SET display_name = ?2, name_key = ?3 WHERE id = ?1 AND NOT EXISTS "
        "(SELECT 1 FROM person_names WHERE person_id = ?1 AND origin = 'profile')");
    for (auto p : involved) clear_names.bind(1, p).run();
    for (int c = 0; c < result.clusters; ++c) {
        std::int64_t p = person_of[c];
        std::set<std::string> distinct(printed[c].begin(), printed[c].end());
        for (const auto& name : distinct) {
            auto parsed = names::parse(name);
            add_name.bind(1, p)
                .bind(2, name)
                .bind(3, names::name_key(parsed))
                .bind(4, names::block_key(parsed))
                .run();
        }
        std::string shown = display_name(printed[c]);
        rename.bind(1, p).bind(2, shown).bind(3, names::name_key(names::parse(shown))).run();
    }
    for (auto p : involved) {
        if (std::find(person_of.begin(), person_of.end(), p) != person_of.end()) continue;
        if (removable(db, p)) {
            db.cached("DELETE FROM people WHERE id = ?1").bind(1, p).run();
            ++summary.people_removed;
        }
    }
    summary.people += result.clusters;
}

std::vector<std::string> authorship_keys_of(Database& db, std::int64_t person) {
    std::vector<std::string> keys;
    auto& stmt =
        db.cached("SELECT work_id, block_key FROM authorships WHERE person_id = ?1 ORDER BY work_id");
    std::vector<std::pair<std::int64_t, std::string>> rows;
    for (stmt.bind(1, person); stmt.step();) rows.emplace_back(stmt.integer(0), stmt.text(1));
    for (const auto& [work, block] : rows) keys.push_back(work_key(db, work) + "|" + block);
    return keys;
}

std::set<std::string> blocks_of(Database& db, std::int64_t person) {
    std::set<std::string> blocks;
    auto& stmt = db.cached("SELECT DISTINCT block_key FROM authorships WHERE person_id = ?1");
    for (stmt.bind(1, person); stmt.step();) blocks.insert(stmt.text(0));
    return blocks;
}

std::string block_of_keys(const std::vector<std::string>& keys) {
    return keys.empty() ? std::string() : keys.front().substr(keys.front().find('|') + 1);
}

void append_assertion(Database& db, const std::string& kind, const std::vector<std::string>& members,
                      const std::vector<std::string>& others, const std::string& command) {
    db.cached(
          "INSERT INTO assertions (kind, members, others, command, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, kind)
        .bind(2, json_text::array(members))
        .bind(3, json_text::array(others))
        .bind(4, command)
        .bind(5, utc_now())
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

void run_in_transaction(Database& db, const std::function<void()>& body) {
    Transaction tx(db);
    body();
    tx.commit();
}

}  // namespace

std::string work_key(Database& db, std::int64_t work) {
    auto& stmt = db.cached(
        "SELECT scheme, value FROM identifiers WHERE work_id = ?1 AND scheme IN ('arxiv', 'doi') ORDER BY "
        "scheme, value");
    stmt.bind(1, work);
    if (stmt.step()) return stmt.text(0) + ":" + stmt.text(1);
    return fmt::format("w:{}", work);
}

std::int64_t resolve_work(Database& db, std::string_view reference) {
    auto lookup = [&](const char* scheme, const std::string& value) -> std::int64_t {
        auto& stmt = db.cached("SELECT work_id FROM identifiers WHERE scheme = ?1 AND value = ?2");
        stmt.bind(1, scheme).bind(2, value);
        return stmt.step() && !stmt.is_null(0) ? stmt.integer(0) : 0;
    };
    std::int64_t id = 0;
    if (reference.starts_with("w:")) {
        auto digits = std::string(reference.substr(2));
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
            throw usage_error(fmt::format("'{}' is not a work id (expected w:NUMBER)", reference));
        id = std::stoll(digits);
        auto& exists = db.cached("SELECT 1 FROM works WHERE id = ?1");
        if (!exists.bind(1, id).step()) id = 0;
    } else if (auto doi = ids::normalize_doi(reference)) {
        id = lookup("doi", *doi);
    } else if (auto arxiv = ids::parse_arxiv(reference)) {
        id = lookup("arxiv", arxiv->id);
    } else {
        throw usage_error(fmt::format("'{}' is not a work reference (w:N, an arXiv id or a DOI)", reference));
    }
    if (!id) throw not_found(fmt::format("no work {}", reference));
    return id;
}

ResolveSummary resolve_blocks(Database& db, const std::set<std::string>& blocks,
                              const resolver::Options& options) {
    ResolveSummary summary;
    auto ledger = load_assertions(db);
    for (const auto& block : blocks)
        if (!block.empty()) resolve_one(db, block, ledger, options, summary);
    return summary;
}

BlockClustering cluster_block(Database& db, const std::string& block, const resolver::Options& options) {
    BlockData data = load_block(db, block);
    resolver::Options block_options = options;
    block_options.common_name = resolver::common_family_name(block);
    auto result = resolver::resolve(data.mentions, constraints_for(load_assertions(db), data), block_options);
    BlockClustering out;
    for (std::size_t i = 0; i < data.mentions.size(); ++i) {
        out.authorships.push_back(data.mentions[i].id);
        out.cluster.push_back(result.cluster[i]);
        out.orcid.push_back(data.mentions[i].orcid);
    }
    return out;
}

constexpr std::size_t kResolveSlice = 2000;  // name blocks per transaction in resolve_all

namespace {

// Names are parsed when they are imported; a newer bzpeer may read some printed names
// better ("Zheng Bo" surname first). Re-reading them here lets a full resolve adopt that.
std::int64_t rekey_authorships(Database& db) {
    std::int64_t changed = 0;
    run_in_transaction(db, [&] {
        auto stmt = db.prepare(
            "SELECT id, printed_name, coalesce(given, ''), coalesce(family, ''), block_key FROM authorships "
            "WHERE printed_name IS NOT coalesce(orcid, '')");  // known by their ORCID alone: no name
        auto& update = db.cached(
            "UPDATE authorships SET given = ?2, family = ?3, name_key = ?4, block_key = ?5 WHERE id = ?1");
        while (stmt.step()) {
            auto parsed = names::parse(stmt.text(1));
            std::string block = parsed.collaboration ? "" : names::block_key(parsed);
            if (parsed.given == stmt.text(2) && parsed.family == stmt.text(3) && block == stmt.text(4))
                continue;
            update.bind(1, stmt.integer(0))
                .bind_text_or_null(2, parsed.given)
                .bind_text_or_null(3, parsed.family)
                .bind(4, names::name_key(parsed))
                .bind(5, block)
                .run();
            ++changed;
        }
    });
    return changed;
}

}  // namespace

ResolveSummary resolve_all(Database& db) {
    rekey_authorships(db);
    std::set<std::string> blocks;
    auto stmt = db.prepare("SELECT DISTINCT block_key FROM authorships WHERE block_key <> ''");
    while (stmt.step()) blocks.insert(stmt.text(0));
    // Resolution is derived data: committing it a slice of blocks at a time keeps a large
    // store's transaction, and memory, small.
    ResolveSummary summary;
    std::set<std::string> slice;
    auto flush = [&] {
        run_in_transaction(db, [&] {
            auto part = resolve_blocks(db, slice);
            summary.blocks += part.blocks;
            summary.authorships += part.authorships;
            summary.people += part.people;
            summary.people_new += part.people_new;
            summary.people_removed += part.people_removed;
        });
        slice.clear();
    };
    for (const auto& block : blocks) {
        slice.insert(block);
        if (slice.size() == kResolveSlice) flush();
    }
    flush();
    return summary;
}

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

void merge_people(Database& db, std::int64_t person, std::int64_t other) {
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
        append_assertion(db, "same-person", keys, {}, fmt::format("people merge p:{} p:{}", person, other));
        resolve_correction(db, block_of_keys(keys), {person, other});
    });
}

namespace {

// A split's work, inside the caller's transaction.
std::int64_t split_inside(Database& db, std::int64_t person, const std::vector<std::int64_t>& works) {
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
    append_assertion(db, "same-person", moved, {}, command);
    append_assertion(db, "same-person", kept, {}, command);
    append_assertion(db, "different-person", moved, kept, command);
    resolve_correction(db, block_of_keys(moved), {person});
    auto& who = db.cached("SELECT a.person_id FROM authorships a WHERE a.work_id = ?1 AND a.block_key = ?2");
    who.bind(1, *works.begin()).bind(2, block_of_keys(moved));
    std::int64_t result = who.step() ? who.integer(0) : 0;
    who.reset();
    return result;
}

}  // namespace

std::int64_t split_person(Database& db, std::int64_t person, const std::vector<std::int64_t>& works) {
    std::int64_t result = 0;
    run_in_transaction(db, [&] { result = split_inside(db, person, works); });
    return result;
}

std::vector<std::int64_t> split_flagged(Database& db, std::int64_t person) {
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
            created.push_back(split_inside(db, person, groups[g]));
    });
    return created;
}

void disown_work(Database& db, std::int64_t work, std::int64_t person) {
    run_in_transaction(db, [&] {
        auto keys = authorship_keys_of(db, person);
        std::string key = work_key(db, work) + "|" + block_of_keys(keys);
        auto it = std::find(keys.begin(), keys.end(), key);
        if (it == keys.end()) throw not_found(fmt::format("w:{} is not on p:{}'s profile", work, person));
        keys.erase(it);
        append_assertion(db, "different-person", {key}, keys,
                         fmt::format("works disown w:{} --from p:{}", work, person));
        resolve_correction(db, block_of_keys({key}), {person});
    });
}

void claim_work(Database& db, std::int64_t work, std::int64_t person) {
    run_in_transaction(db, [&] {
        auto keys = authorship_keys_of(db, person);
        std::string key = authorship_key_for(db, work, person);
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) return;  // already there
        keys.insert(keys.begin(), key);
        append_assertion(db, "same-person", keys, {},
                         fmt::format("works claim w:{} --for p:{}", work, person));
        // The person the work is taken from changes too.
        std::string block = block_of_keys(keys);
        resolve_correction(db, block, {person, holder_of(db, work, block)});
    });
}

sdk::Document ledger_report(Database& db) {
    sdk::Document doc;
    doc.kind = "table";
    doc.title = "Assertion ledger";
    doc.data = sdk::Value::array();
    sdk::Block rows;
    rows.type = sdk::Block::Type::table;
    rows.table.columns = {"id", "kind", "command", "members", "others", "created"};
    auto stmt =
        db.prepare("SELECT id, kind, members, others, command, created_at FROM assertions ORDER BY id");
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
        doc.data.push(std::move(item));
        rows.table.rows.push_back({std::to_string(stmt.integer(0)), stmt.text(1), stmt.text(4),
                                   std::to_string(members.size()), std::to_string(others.size()),
                                   stmt.text(5)});
    }
    doc.blocks.push_back(std::move(rows));
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
            std::string_view kind, command = "ledger import", created;
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
            auto& exists = db.cached(
                "SELECT 1 FROM assertions WHERE kind = ?1 AND members = ?2 AND others = ?3 AND created_at = "
                "?4");
            exists.bind(1, kind).bind(2, json_text::array(m)).bind(3, json_text::array(o)).bind(4, created);
            if (exists.step()) continue;
            db.cached(
                  "INSERT INTO assertions (kind, members, others, command, created_at) VALUES (?1, ?2, ?3, "
                  "?4, ?5)")
                .bind(1, kind)
                .bind(2, json_text::array(m))
                .bind(3, json_text::array(o))
                .bind(4, command)
                .bind(5, created.empty() ? utc_now() : std::string(created))
                .run();
            ++added;
            for (const auto& k : m) blocks.insert(k.substr(k.find('|') + 1));
        }
        resolve_blocks(db, blocks);
    });
    return added;
}

namespace {

constexpr std::size_t kCircleWorks = 3;  // works a circle needs to count
constexpr int kCircleOverlap = 2;        // years two circles must share

// The other sign of several people behind one profile (the page this project started from):
// circles of co-authors, of several works each, at work in the same years and sharing nobody.
// One person's circles follow each other (a thesis, then a lab); namesakes' run side by side.
// The works of such circles, when there are two or more; solo works belong to none.
std::vector<std::vector<std::int64_t>> concurrent_circles(const BlockData& data,
                                                          const std::vector<std::size_t>& mine) {
    std::vector<std::size_t> parent(mine.size());
    for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
    auto find = [&](std::size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    // A co-author is their full name when printed in full ("yi wang"), else their block key.
    std::map<std::string, std::size_t> first_with;  // co-author -> a work of theirs
    for (std::size_t i = 0; i < mine.size(); ++i) {
        const auto& m = data.mentions[mine[i]];
        for (std::size_t k = 0; k < m.coauthors.size(); ++k) {
            const std::string& full = k < m.coauthor_names.size() ? m.coauthor_names[k] : m.coauthors[k];
            auto space = full.find(' ');
            const std::string& key = space != std::string::npos && space > 1 ? full : m.coauthors[k];
            if (auto [it, added] = first_with.emplace(key, i); !added) parent[find(i)] = find(it->second);
        }
    }
    struct Circle {
        std::vector<std::int64_t> works;
        int first = 0, last = 0;
    };
    std::map<std::size_t, Circle> by_root;
    for (std::size_t i = 0; i < mine.size(); ++i) {
        const auto& m = data.mentions[mine[i]];
        if (m.coauthors.empty()) continue;
        Circle& c = by_root[find(i)];
        c.works.push_back(m.work);
        if (m.year && (!c.first || m.year < c.first)) c.first = m.year;
        c.last = std::max(c.last, m.year);
    }
    std::vector<Circle> circles;
    for (auto& [root, circle] : by_root)
        if (circle.works.size() >= kCircleWorks && circle.first) circles.push_back(std::move(circle));
    std::vector<std::vector<std::int64_t>> out;
    std::vector<bool> taken(circles.size(), false);
    for (std::size_t a = 0; a < circles.size(); ++a)
        for (std::size_t b = a + 1; b < circles.size(); ++b) {
            int shared =
                std::min(circles[a].last, circles[b].last) - std::max(circles[a].first, circles[b].first);
            if (shared >= kCircleOverlap) taken[a] = taken[b] = true;
        }
    for (std::size_t c = 0; c < circles.size(); ++c)
        if (taken[c]) out.push_back(std::move(circles[c].works));
    return out.size() >= 2 ? out : std::vector<std::vector<std::int64_t>>{};
}

}  // namespace

std::vector<std::vector<std::int64_t>> weakly_connected_groups(Database& db, std::int64_t person,
                                                               std::size_t limit) {
    std::vector<std::vector<std::int64_t>> groups;
    for (const auto& block : blocks_of(db, person)) {
        BlockData data = load_block(db, block);
        std::vector<std::size_t> mine;
        for (std::size_t i = 0; i < data.mentions.size(); ++i)
            if (data.previous[i] == person) mine.push_back(i);
        if (mine.size() < 2 || mine.size() > limit) continue;
        auto options = resolver::options_for(block);
        std::vector<std::size_t> parent(mine.size());
        for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
        auto find = [&](std::size_t x) {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        };
        for (std::size_t a = 0; a < mine.size(); ++a)
            for (std::size_t b = a + 1; b < mine.size(); ++b) {
                if (find(a) == find(b)) continue;
                const auto& x = data.mentions[mine[a]];
                const auto& y = data.mentions[mine[b]];
                bool hard = !x.orcid.empty() && x.orcid == y.orcid;
                if (hard || resolver::compare(data.mentions, {mine[a]}, {mine[b]}, options).total() > 0)
                    parent[find(a)] = find(b);
            }
        std::map<std::size_t, std::vector<std::int64_t>> components;
        for (std::size_t i = 0; i < mine.size(); ++i)
            components[find(i)].push_back(data.mentions[mine[i]].work);
        if (components.size() < 2) {
            auto circles = concurrent_circles(data, mine);
            groups.insert(groups.end(), circles.begin(), circles.end());
            continue;
        }
        for (auto& [root, works] : components) groups.push_back(std::move(works));
    }
    std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return groups;
}

namespace {

// The evidence JSON stored with an attribution: as data, as "key: value" fields, and as one
// line naming the strongest of it.
struct ParsedEvidence {
    sdk::Value data;
    std::vector<std::pair<std::string, std::string>> fields;
    std::string summary;
};

ParsedEvidence parse_evidence(const std::string& evidence) {
    ParsedEvidence out;
    simdjson::dom::parser parser;
    simdjson::padded_string padded(evidence);
    simdjson::dom::object e;
    if (parser.parse(padded).get_object().get(e) != simdjson::SUCCESS) return out;
    out.data = sdk::Value::object();
    static const std::map<std::string_view, std::string_view> summary_labels = {
        {"score", "score"},
        {"shared_coauthors", "co-authors"},
        {"shared_categories", "subjects"},
        {"shared_words", "words"}};
    for (auto [key, value] : e) {
        double number;
        simdjson::dom::array list;
        auto label = summary_labels.find(key);
        if (value.get_double().get(number) == simdjson::SUCCESS) {
            out.data.set(std::string(key), number);
            out.fields.emplace_back(std::string(key), fmt::format("{:+.2f}", number));
            if (label != summary_labels.end()) out.summary = fmt::format("{} {:+.2f}", label->second, number);
        } else if (value.get_array().get(list) == simdjson::SUCCESS) {
            sdk::Value items = sdk::Value::array();
            std::string joined;
            for (auto v : list) {
                std::string_view text;
                if (v.get_string().get(text) == simdjson::SUCCESS) {
                    items.push(std::string(text));
                    joined += (joined.empty() ? "" : ", ") + std::string(text);
                }
            }
            out.data.set(std::string(key), std::move(items));
            if (joined.empty()) continue;
            out.fields.emplace_back(std::string(key), joined);
            if (label != summary_labels.end()) out.summary += fmt::format("; {}: {}", label->second, joined);
        }
    }
    return out;
}

void add_evidence(const std::string& evidence, sdk::Document& doc, sdk::Block& fields) {
    auto parsed = parse_evidence(evidence);
    if (parsed.fields.empty()) return;
    fields.fields.insert(fields.fields.end(), parsed.fields.begin(), parsed.fields.end());
    doc.data.set("evidence", std::move(parsed.data));
}

sdk::Document explanation(const std::string& title, std::int64_t work, std::int64_t person) {
    sdk::Document doc;
    doc.kind = "report";
    doc.title = title;
    doc.data = sdk::Value::object();
    doc.data.set("work", fmt::format("w:{}", work));
    doc.data.set("person", fmt::format("p:{}", person));
    sdk::Block heading;
    heading.type = sdk::Block::Type::heading;
    heading.text = title;
    doc.blocks.push_back(heading);
    return doc;
}

// Why a work of the person's name block is not on the person's profile: who has it, and the
// evidence between it and the person's works as resolution weighs it now.
sdk::Document explain_absence(Database& db, std::int64_t work, std::int64_t person) {
    for (const auto& block : blocks_of(db, person)) {
        BlockData data = load_block(db, block);
        std::optional<std::size_t> mention;
        std::vector<std::size_t> theirs;
        for (std::size_t i = 0; i < data.mentions.size(); ++i) {
            if (data.mentions[i].work == work) mention = i;
            if (data.previous[i] == person) theirs.push_back(i);
        }
        if (!mention) continue;
        const std::string& printed = data.printed[*mention];
        const std::int64_t holder = data.previous[*mention];
        auto& stmt = db.cached("SELECT position FROM authorships WHERE id = ?1");
        stmt.bind(1, data.mentions[*mention].id);
        const std::int64_t position = stmt.step() ? stmt.integer(0) : 0;
        stmt.reset();

        auto doc = explanation(fmt::format("Why w:{} is not on p:{}'s profile", work, person), work, person);
        doc.data.set("printed_name", printed);
        doc.data.set("author_position", position);
        doc.data.set("attributed_to", holder ? sdk::Value(fmt::format("p:{}", holder)) : sdk::Value());
        sdk::Block fields;
        fields.type = sdk::Block::Type::fields;
        fields.fields = {{"Printed as", fmt::format("{} (author {})", printed, position)},
                         {"Attributed to", holder ? fmt::format("p:{}", holder) : "nobody"}};
        auto constraints = constraints_for(load_assertions(db), data);
        bool ruled_out = std::any_of(constraints.different.begin(), constraints.different.end(), [&](auto d) {
            return (d.first == *mention && std::count(theirs.begin(), theirs.end(), d.second)) ||
                   (d.second == *mention && std::count(theirs.begin(), theirs.end(), d.first));
        });
        if (ruled_out) {
            fields.fields.emplace_back("Meaning", "a correction in the ledger says it is not this person's");
        } else {
            auto evidence =
                resolver::compare(data.mentions, {*mention}, theirs, resolver::options_for(block));
            fields.fields.emplace_back("Meaning",
                                       "the evidence below, between this work and the person's works, was "
                                       "not enough to join them");
            add_evidence(evidence_json(evidence), doc, fields);
        }
        doc.data.set("reason", ruled_out ? "assertion" : "evidence");
        doc.blocks.push_back(std::move(fields));
        return doc;
    }
    throw not_found(fmt::format("w:{} has no author under any of p:{}'s names", work, person));
}

}  // namespace

sdk::Document explain_attribution(Database& db, std::int64_t work, std::int64_t person) {
    auto& stmt = db.cached(
        "SELECT printed_name, position, reason, confidence, evidence FROM authorships WHERE work_id = ?1 AND "
        "person_id = ?2");
    stmt.bind(1, work).bind(2, person);
    if (!stmt.step()) {
        stmt.reset();
        return explain_absence(db, work, person);
    }
    std::string printed = stmt.text(0), reason = stmt.text(2), evidence = stmt.text(4);
    std::int64_t position = stmt.integer(1);
    double confidence = stmt.is_null(3) ? 1.0 : stmt.real(3);
    stmt.reset();

    auto doc = explanation(fmt::format("Why w:{} is on p:{}'s profile", work, person), work, person);
    doc.data.set("printed_name", printed);
    doc.data.set("author_position", position);
    doc.data.set("reason", reason);
    doc.data.set("confidence", confidence);
    sdk::Block fields;
    fields.type = sdk::Block::Type::fields;
    fields.fields = {{"Printed as", fmt::format("{} (author {})", printed, position)},
                     {"Attributed by", reason},
                     {"Confidence", fmt::format("{:.2f}", confidence)}};
    static const std::map<std::string, std::string> meaning = {
        {"alone", "no other work of this name block is this person's; the work stands on its own"},
        {"orcid", "the authorship carries the person's ORCID"},
        {"assertion", "a correction in the ledger says so"},
        {"evidence", "joined to the person's other works by the evidence below"}};
    if (auto it = meaning.find(reason); it != meaning.end())
        fields.fields.emplace_back("Meaning", it->second);
    if (!evidence.empty()) add_evidence(evidence, doc, fields);
    doc.blocks.push_back(std::move(fields));
    return doc;
}

std::map<std::int64_t, Attribution> attributions_of(Database& db, std::int64_t person) {
    std::map<std::int64_t, Attribution> out;
    auto stmt = db.prepare(
        "SELECT work_id, coalesce(reason, ''), coalesce(confidence, 1.0), coalesce(evidence, '') FROM "
        "authorships "
        "WHERE person_id = ?1");
    for (stmt.bind(1, person); stmt.step();) {
        Attribution a;
        a.reason = stmt.text(1);
        a.confidence = stmt.real(2);
        if (!stmt.text(3).empty()) {
            auto parsed = parse_evidence(stmt.text(3));
            a.evidence = std::move(parsed.data);
            a.summary = std::move(parsed.summary);
        }
        out.emplace(stmt.integer(0), std::move(a));
    }
    return out;
}

}  // namespace bzpeer
