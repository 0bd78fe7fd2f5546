#include "bzpeer/identity/identity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "base/json_text.hpp"
#include "bzpeer/base/error.hpp"
#include "bzpeer/base/ids.hpp"
#include "bzpeer/base/names.hpp"
#include "identity/name_blocks.hpp"

namespace bzpeer {

using blocks::BlockData;

namespace {

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

}  // namespace

namespace blocks {

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
        data.keys.push_back((it != keys.end() ? it->second : ids::work_ref(m.work)) + "|" + block);
    }
    return data;
}

std::vector<Assertion> load_assertions(Database& db) {
    std::vector<Assertion> out;
    auto& stmt = db.cached("SELECT kind, members, others FROM assertions ORDER BY id");
    while (stmt.step())
        out.push_back({stmt.text(0), json_text::parse_array(stmt.text(1), "assertion members"),
                       json_text::parse_array(stmt.text(2), "assertion others")});
    return out;
}

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

namespace {

// The mentions of people no correction touched stay with them: one settled group per person.
std::vector<bool> settle_bystanders(const BlockData& data, const std::set<std::int64_t>& corrected,
                                    resolver::Constraints& constraints) {
    std::vector<bool> settled(data.mentions.size(), false);
    std::map<std::int64_t, std::vector<std::size_t>> bystanders;
    for (std::size_t i = 0; i < data.mentions.size(); ++i)
        if (data.previous[i] && !corrected.count(data.previous[i]))
            bystanders[data.previous[i]].push_back(i), settled[i] = true;
    for (auto& [person, mentions] : bystanders) constraints.settled.push_back(std::move(mentions));
    return settled;
}

// How many mentions of each cluster each person held before: (cluster, person) → mentions.
using Overlap = std::map<std::pair<int, std::int64_t>, int>;

Overlap previous_overlap(const BlockData& data, const resolver::Result& result) {
    Overlap overlap;
    for (std::size_t i = 0; i < data.mentions.size(); ++i)
        if (data.previous[i]) ++overlap[{result.cluster[i], data.previous[i]}];
    return overlap;
}

std::int64_t previous_holder(const Overlap& overlap, int cluster) {
    std::int64_t best = 0;
    int most = 0;
    for (const auto& [key, count] : overlap)
        if (key.first == cluster && count > most) best = key.second, most = count;
    return best;
}

// Which person each cluster is: `person_of` by cluster (0 while none), and the people taken.
struct ClusterPeople {
    std::vector<std::int64_t> person_of;
    std::set<std::int64_t> taken;

    void give(int cluster, std::int64_t person) {
        person_of[cluster] = person;
        taken.insert(person);
    }
};

// A cluster with an ORCID is its owner's.
void give_to_orcid_owners(Database& db, const BlockData& data, const resolver::Result& result,
                          const Overlap& overlap, ClusterPeople& people) {
    for (std::size_t i = 0; i < data.mentions.size(); ++i) {
        int c = result.cluster[i];
        if (people.person_of[c] || data.mentions[i].orcid.empty()) continue;
        auto owner = person_with_orcid(db, data.mentions[i].orcid);
        if (!owner || people.taken.count(owner)) continue;
        // A profile (ORCID) imported after the works joins the person already shown for them,
        // so that the id users follow does not change.
        if (auto holder = previous_holder(overlap, c);
            holder && holder != owner && !people.taken.count(holder) && !has_authorships(db, owner)) {
            absorb_person(db, holder, owner);
            owner = holder;
        }
        people.give(c, owner);
    }
}

// Then a cluster is the person who held most of it before, the largest holdings first.
void give_to_previous_holders(const Overlap& overlap, ClusterPeople& people) {
    std::vector<std::tuple<int, int, std::int64_t>> ranked;  // count, cluster, person
    for (const auto& [key, count] : overlap) ranked.emplace_back(count, key.first, key.second);
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) > std::get<0>(b)
                                                : std::get<2>(a) < std::get<2>(b);
    });
    for (const auto& [count, cluster, person] : ranked) {
        if (people.person_of[cluster] || people.taken.count(person)) continue;
        people.give(cluster, person);
    }
}

std::vector<std::vector<std::string>> printed_by_cluster(const BlockData& data,
                                                         const resolver::Result& result) {
    std::vector<std::vector<std::string>> printed(result.clusters);
    for (std::size_t i = 0; i < data.mentions.size(); ++i)
        printed[result.cluster[i]].push_back(data.printed[i]);
    return printed;
}

// The clusters nobody held are new people.
void give_to_new_people(Database& db, const std::vector<std::vector<std::string>>& printed,
                        std::vector<std::int64_t>& person_of, ResolveSummary& summary) {
    for (std::size_t c = 0; c < printed.size(); ++c) {
        if (person_of[c]) continue;
        std::string name = display_name(printed[c]);
        db.cached("INSERT INTO people (display_name, name_key) VALUES (?1, ?2)")
            .bind(1, name)
            .bind(2, names::name_key(names::parse(name)))
            .run();
        person_of[c] = db.last_insert_id();
        ++summary.people_new;
    }
}

void store_attributions(Database& db, const BlockData& data, const resolver::Result& result,
                        const std::vector<std::int64_t>& person_of, const std::vector<bool>& settled) {
    auto& update = db.cached(
        "UPDATE authorships SET person_id = ?2, reason = ?3, confidence = ?4, evidence = ?5 WHERE id = ?1");
    for (std::size_t i = 0; i < data.mentions.size(); ++i) {
        if (settled[i]) continue;
        update.bind(1, data.mentions[i].id)
            .bind(2, person_of[result.cluster[i]])
            .bind(3, result.reason[i])
            .bind(4, result.confidence[i])
            .bind_text_or_null(5, result.reason[i] == "evidence" ? evidence_json(result.evidence[i]) : "")
            .run();
    }
}

// Everyone the block's attribution may have changed: before, after, and any ORCID owner taken.
std::set<std::int64_t> people_involved(const ClusterPeople& people, const BlockData& data) {
    std::set<std::int64_t> involved(people.taken.begin(), people.taken.end());
    for (auto p : people.person_of) involved.insert(p);
    for (auto p : data.previous)
        if (p) involved.insert(p);
    return involved;
}

// The names each person was printed with in the block, and the name they are shown by, unless
// their own profile gives it.
void renew_printed_names(Database& db, const std::set<std::int64_t>& involved,
                         const std::vector<std::vector<std::string>>& printed,
                         const std::vector<std::int64_t>& person_of) {
    auto& clear_names = db.cached("DELETE FROM person_names WHERE person_id = ?1 AND origin = 'authorship'");
    auto& add_name = db.cached(
        "INSERT INTO person_names (person_id, name, name_key, block_key, origin) VALUES (?1, ?2, ?3, ?4, "
        "'authorship') ON CONFLICT DO NOTHING");
    auto& rename = db.cached(
        "UPDATE people SET display_name = ?2, name_key = ?3 WHERE id = ?1 AND NOT EXISTS "
        "(SELECT 1 FROM person_names WHERE person_id = ?1 AND origin = 'profile')");
    for (auto p : involved) clear_names.bind(1, p).run();
    for (std::size_t c = 0; c < printed.size(); ++c) {
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
}

void remove_emptied_people(Database& db, const std::set<std::int64_t>& involved,
                           const std::vector<std::int64_t>& person_of, ResolveSummary& summary) {
    for (auto p : involved) {
        if (std::find(person_of.begin(), person_of.end(), p) != person_of.end()) continue;
        if (removable(db, p)) {
            db.cached("DELETE FROM people WHERE id = ?1").bind(1, p).run();
            ++summary.people_removed;
        }
    }
}

}  // namespace

void resolve_one(Database& db, const std::string& block, const std::vector<Assertion>& ledger,
                 const resolver::Options& options, ResolveSummary& summary,
                 const std::set<std::int64_t>* corrected) {
    BlockData data = load_block(db, block);
    const std::size_t n = data.mentions.size();
    ++summary.blocks;
    summary.authorships += static_cast<std::int64_t>(n);
    resolver::Options block_options = options;
    block_options.common_name = resolver::common_family_name(block);
    auto constraints = constraints_for(ledger, data);
    std::vector<bool> settled =
        corrected ? settle_bystanders(data, *corrected, constraints) : std::vector<bool>(n, false);
    auto result = resolver::resolve(data.mentions, constraints, block_options);

    // Map clusters to people: an ORCID's owner first, then the person holding most of it before.
    const Overlap overlap = previous_overlap(data, result);
    ClusterPeople people{std::vector<std::int64_t>(result.clusters, 0), {}};
    give_to_orcid_owners(db, data, result, overlap, people);
    give_to_previous_holders(overlap, people);
    const auto printed = printed_by_cluster(data, result);
    give_to_new_people(db, printed, people.person_of, summary);

    store_attributions(db, data, result, people.person_of, settled);
    const auto involved = people_involved(people, data);
    renew_printed_names(db, involved, printed, people.person_of);
    remove_emptied_people(db, involved, people.person_of, summary);
    summary.people += result.clusters;
}

std::set<std::string> blocks_of(Database& db, std::int64_t person) {
    std::set<std::string> blocks;
    auto& stmt = db.cached("SELECT DISTINCT block_key FROM authorships WHERE person_id = ?1");
    for (stmt.bind(1, person); stmt.step();) blocks.insert(stmt.text(0));
    return blocks;
}

void run_in_transaction(Database& db, const std::function<void()>& body) {
    Transaction tx(db);
    body();
    tx.commit();
}

}  // namespace blocks

using blocks::constraints_for;
using blocks::load_assertions;
using blocks::load_block;
using blocks::resolve_one;
using blocks::run_in_transaction;

std::string work_key(Database& db, std::int64_t work) {
    auto& stmt = db.cached(
        "SELECT scheme, value FROM identifiers WHERE work_id = ?1 AND scheme IN ('arxiv', 'doi') ORDER BY "
        "scheme, value");
    stmt.bind(1, work);
    if (stmt.step()) return stmt.text(0) + ":" + stmt.text(1);
    return ids::work_ref(work);
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

ResolveSummary resolve_all(Database& db, const ProgressCallback& progress) {
    rekey_authorships(db);
    Progress p;
    p.label = "resolving people";
    p.unit = "name blocks";
    p.count_total = db.scalar("SELECT count(DISTINCT block_key) FROM authorships WHERE block_key <> ''");
    ProgressThrottle throttle;
    // Resolution is derived data: committing it a slice of blocks at a time keeps a large
    // store's transaction, and memory, small; the slices are read in key order as they go.
    ResolveSummary summary;
    auto ledger = load_assertions(db);
    std::string after;  // the last block resolved
    for (bool more = true; more;) {
        run_in_transaction(db, [&] {
            std::vector<std::string> slice;
            auto& next = db.cached(
                "SELECT DISTINCT block_key FROM authorships WHERE block_key > ?1 ORDER BY block_key LIMIT "
                "?2");
            for (next.bind(1, after).bind(2, static_cast<std::int64_t>(kResolveSlice)); next.step();)
                slice.push_back(next.text(0));
            next.reset();
            more = slice.size() == kResolveSlice;
            for (const auto& block : slice) {
                resolve_one(db, block, ledger, {}, summary);
                ++p.count;
                if (progress && throttle.due()) {
                    p.seconds = throttle.seconds();
                    progress(p);
                }
            }
            if (!slice.empty()) after = slice.back();
        });
    }
    return summary;
}

}  // namespace bzpeer
