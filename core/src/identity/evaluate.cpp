#include "bzpeer/identity/evaluate.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "bzpeer/base/error.hpp"
#include "bzpeer/base/names.hpp"
#include "bzpeer/identity/identity.hpp"

namespace bzpeer {

namespace {

double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }
double pairs(double n) { return n * (n - 1) / 2; }

sdk::Document scores_document(const std::string& title, const ClusterScores& s,
                              const std::vector<std::pair<std::string, std::string>>& extra) {
    sdk::Document doc;
    doc.kind = "report";
    doc.title = title;
    doc.data = sdk::Value::object();
    sdk::Block heading;
    heading.type = sdk::Block::Type::heading;
    heading.text = title;
    doc.blocks.push_back(heading);
    sdk::Block fields;
    fields.type = sdk::Block::Type::fields;
    for (const auto& [k, v] : extra) fields.fields.emplace_back(k, v);
    auto count = [&](const char* key, const char* label, std::size_t n) {
        doc.data.set(key, static_cast<std::int64_t>(n));
        fields.fields.emplace_back(label, std::to_string(n));
    };
    count("mentions", "Mentions scored", s.mentions);
    count("true_people", "People (truth)", s.true_clusters);
    count("predicted_people", "People (bzpeer)", s.predicted_clusters);
    auto metric = [&](const char* group, double p, double r, double f) {
        sdk::Value v = sdk::Value::object();
        v.set("precision", p);
        v.set("recall", r);
        v.set("f1", f);
        doc.data.set(group, std::move(v));
        fields.fields.emplace_back(group, fmt::format("precision {:.3f}  recall {:.3f}  F1 {:.3f}", p, r, f));
    };
    metric("pairwise", s.pairwise_precision, s.pairwise_recall, s.pairwise_f1);
    metric("b3", s.b3_precision, s.b3_recall, s.b3_f1);
    doc.blocks.push_back(std::move(fields));
    return doc;
}

// Where the attribution and the truth differ: each person found that holds works of several
// true people, or of a true person whose works are spread over several people found, with the
// true labels it holds. All people found are in the JSON ("people"); the report lists the
// errors (as a list, so that tsv output stays the scores).
void add_differences(sdk::Document& doc, const std::vector<std::string>& truth,
                     const std::vector<std::string>& predicted) {
    std::map<std::string, std::map<std::string, int>> held;  // found -> truth label -> mentions
    std::map<std::string, std::set<std::string>> found_for;  // truth label -> people found
    for (std::size_t i = 0; i < truth.size(); ++i) {
        ++held[predicted[i]][truth[i]];
        found_for[truth[i]].insert(predicted[i]);
    }
    sdk::Value people = sdk::Value::array();
    sdk::Block errors;
    errors.type = sdk::Block::Type::list;
    for (const auto& [found, labels] : held) {
        sdk::Value item = sdk::Value::object();
        sdk::Value counts = sdk::Value::object();
        std::vector<std::pair<int, std::string>> ranked;
        int total = 0;
        bool split = false;
        for (const auto& [label, n] : labels) {
            counts.set(label, static_cast<std::int64_t>(n));
            ranked.emplace_back(-n, label);
            total += n;
            split = split || found_for[label].size() > 1;
        }
        item.set("id", found);
        item.set("mentions", static_cast<std::int64_t>(total));
        item.set("truth", std::move(counts));
        people.push(std::move(item));
        bool merged = labels.size() > 1;
        if (!merged && !split) continue;
        std::sort(ranked.begin(), ranked.end());
        std::string in_it;
        for (const auto& [minus, label] : ranked)
            in_it += fmt::format("{}{} ×{}", in_it.empty() ? "" : ", ", label, -minus);
        errors.items.push_back(fmt::format("{} ({} scored): {}; {}", found, total, in_it,
                                           merged && split ? "merged and split"
                                           : merged        ? "merged"
                                                           : "split"));
    }
    doc.data.set("people", std::move(people));
    sdk::Block heading;
    heading.type = sdk::Block::Type::heading;
    heading.level = 2;
    heading.text = "Where the attribution differs from the truth";
    doc.blocks.push_back(heading);
    if (errors.items.empty()) {
        sdk::Block same;
        same.text = "Nowhere: every person found is exactly one true person.";
        doc.blocks.push_back(std::move(same));
    } else {
        doc.blocks.push_back(std::move(errors));
    }
}

// The authorship of `work` a truth entry means: by position, else by the printed name, else
// the one author whose name is compatible.
std::int64_t find_authorship(Database& db, std::int64_t work, std::string_view author,
                             std::int64_t position) {
    if (position > 0) {
        auto& stmt = db.cached("SELECT id FROM authorships WHERE work_id = ?1 AND position = ?2");
        stmt.bind(1, work).bind(2, position);
        return stmt.step() ? stmt.integer(0) : 0;
    }
    auto parsed = names::parse(author);
    std::string key = names::name_key(parsed), block = names::block_key(parsed);
    auto& stmt = db.cached(
        "SELECT id, printed_name, name_key, block_key, coalesce(given, '') FROM authorships "
        "WHERE work_id = ?1 ORDER BY position");
    std::int64_t by_key = 0, by_block = 0;
    int compatible = 0;
    for (stmt.bind(1, work); stmt.step();) {
        if (stmt.text(1) == author) return stmt.integer(0);
        if (!by_key && stmt.text(2) == key) by_key = stmt.integer(0);
        if (stmt.text(3) == block && names::given_names_compatible(parsed.given, stmt.text(4))) {
            by_block = stmt.integer(0);
            ++compatible;
        }
    }
    if (by_key) return by_key;
    return compatible == 1 ? by_block : 0;
}

// For a file that names nobody: the name most of `works` share (the name block with an author
// on the most of them), as first printed; empty when two blocks tie. A work without that name
// then counts as not found.
std::string name_shared_by(Database& db, const std::vector<std::int64_t>& works) {
    std::map<std::string, std::pair<int, std::string>> blocks;  // block -> works, a printed name
    auto& stmt = db.cached(
        "SELECT block_key, min(printed_name) FROM authorships WHERE work_id = ?1 AND block_key <> '' GROUP "
        "BY "
        "block_key");
    for (auto work : works)
        for (stmt.bind(1, work); stmt.step();) {
            auto& [count, printed] = blocks[stmt.text(0)];
            if (count++ == 0) printed = stmt.text(1);
        }
    int most = 0, tied = 0;
    std::string name;
    for (const auto& [block, seen] : blocks) {
        if (seen.first > most)
            most = seen.first, tied = 0, name = seen.second;
        else if (seen.first == most)
            ++tied;
    }
    return tied ? std::string() : name;
}

}  // namespace

ClusterScores score_clusters(const std::vector<std::string>& truth,
                             const std::vector<std::string>& predicted) {
    ClusterScores s;
    s.mentions = truth.size();
    if (truth.empty()) return s;
    std::map<std::pair<std::string, std::string>, double> cells;
    std::map<std::string, double> true_sizes, predicted_sizes;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        ++cells[{truth[i], predicted[i]}];
        ++true_sizes[truth[i]];
        ++predicted_sizes[predicted[i]];
    }
    s.true_clusters = true_sizes.size();
    s.predicted_clusters = predicted_sizes.size();
    double same_both = 0, same_true = 0, same_predicted = 0, b3p = 0, b3r = 0;
    for (const auto& [key, n] : cells) {
        same_both += pairs(n);
        b3p += n * n / predicted_sizes[key.second];
        b3r += n * n / true_sizes[key.first];
    }
    for (const auto& [k, n] : true_sizes) same_true += pairs(n);
    for (const auto& [k, n] : predicted_sizes) same_predicted += pairs(n);
    s.pairwise_precision = same_predicted > 0 ? same_both / same_predicted : 1;
    s.pairwise_recall = same_true > 0 ? same_both / same_true : 1;
    s.pairwise_f1 = f1(s.pairwise_precision, s.pairwise_recall);
    double n = static_cast<double>(truth.size());
    s.b3_precision = b3p / n;
    s.b3_recall = b3r / n;
    s.b3_f1 = f1(s.b3_precision, s.b3_recall);
    return s;
}

namespace {

// The names other labelled sets use are understood too: "id", "arxiv", "doi".
std::string_view entry_work(simdjson::dom::element entry) {
    std::string_view ref;
    for (const char* key : {"work", "id", "arxiv", "arxiv_id", "doi"})
        if (!entry[key].get_string().get(ref)) break;
    return ref;
}

std::string entry_person(simdjson::dom::element entry) {
    std::string person;
    for (const char* key : {"person", "label", "cluster"}) {
        std::string_view text_label;
        std::int64_t label = 0;
        if (!entry[key].get_string().get(text_label))
            person = text_label;
        else if (!entry[key].get_int64().get(label))
            person = std::to_string(label);  // numbered clusters are labels too
        if (!person.empty()) break;
    }
    return person;
}

// 0 when the work is not in the store.
std::int64_t work_in_store(Database& db, std::string_view ref) {
    try {
        return resolve_work(db, ref);
    } catch (const Error&) {
        return 0;
    }
}

// The person the store gives the authorship to, as "p:ID"; nothing when it has no such
// authorship or gives it to nobody.
std::optional<std::string> stored_person(Database& db, std::int64_t work, std::string_view author,
                                         std::int64_t position) {
    std::int64_t authorship = find_authorship(db, work, author, position);
    auto& stmt = db.cached("SELECT person_id FROM authorships WHERE id = ?1");
    stmt.bind(1, authorship);
    if (!authorship || !stmt.step() || stmt.is_null(0)) return std::nullopt;
    return fmt::format("p:{}", stmt.integer(0));
}

}  // namespace

sdk::Document evaluate_truth(Database& db, std::string_view json, const std::string& file) {
    simdjson::dom::parser parser;
    simdjson::padded_string padded(json);
    simdjson::dom::element root;
    if (auto error = parser.parse(padded).get(root))
        throw Error(fmt::format("{}: not valid JSON: {}", file, simdjson::error_message(error)));
    simdjson::dom::array entries;
    if (root["authorships"].get_array().get(entries) && root.get_array().get(entries))
        throw Error(fmt::format("{}: expected {{\"authorships\": [...]}} or a list of authorships", file));
    std::string name;
    std::string_view name_view;
    if (!root["name"].get_string().get(name_view)) name = name_view;
    std::vector<std::int64_t> works;  // per entry, 0 when not in the store
    for (auto entry : entries) works.push_back(work_in_store(db, entry_work(entry)));
    if (name.empty()) {
        // Without a name, the name most of the listed works share says whose authorships.
        std::vector<std::int64_t> found;
        std::copy_if(works.begin(), works.end(), std::back_inserter(found), [](std::int64_t w) { return w; });
        name = name_shared_by(db, found);
    }
    std::vector<std::string> truth, predicted;
    std::size_t index = 0, missing = 0;
    for (auto entry : entries) {
        ++index;
        std::string_view work_ref = entry_work(entry), author;
        std::string person = entry_person(entry);
        std::int64_t position = 0;
        if (work_ref.empty() || person.empty())
            throw Error(fmt::format("{}: authorship {}: needs \"work\" and \"person\"", file, index));
        // Without an author or a position, the file's "name" says whose authorship it is.
        if (entry["author"].get_string().get(author) && entry["position"].get_int64().get(position)) {
            if (name.empty())
                throw Error(
                    fmt::format("{}: authorship {}: needs \"author\" or \"position\" (or a \"name\" for "
                                "the whole file; its works share no one name)",
                                file, index));
            author = name;
        }
        std::int64_t work = works[index - 1];
        auto stored = work ? stored_person(db, work, author, position) : std::nullopt;
        if (!stored) {
            ++missing;
            continue;
        }
        truth.push_back(person);
        predicted.push_back(std::move(*stored));
    }
    if (truth.empty())
        throw Error(fmt::format("{}: none of its {} authorships is in the database", file, index));
    auto doc = scores_document(fmt::format("Resolution against {}", file), score_clusters(truth, predicted),
                               {{"Name", name.empty() ? "(not given)" : name},
                                {"Not found", fmt::format("{} of {} labelled authorships", missing, index)}});
    add_differences(doc, truth, predicted);
    return doc;
}

sdk::Document evaluate_orcid(Database& db) {
    std::vector<std::string> blocks;
    auto stmt = db.prepare(
        "SELECT DISTINCT block_key FROM authorships WHERE orcid IS NOT NULL AND block_key <> '' ORDER BY "
        "block_key");
    while (stmt.step()) blocks.push_back(stmt.text(0));
    std::vector<std::string> truth, predicted;
    resolver::Options hidden;
    hidden.use_orcid = false;
    for (const auto& block : blocks) {
        auto clustering = cluster_block(db, block, hidden);
        for (std::size_t i = 0; i < clustering.authorships.size(); ++i) {
            if (clustering.orcid[i].empty()) continue;
            truth.push_back(clustering.orcid[i]);
            predicted.push_back(fmt::format("{}#{}", block, clustering.cluster[i]));
        }
    }
    if (truth.empty()) throw not_found("no authorship in the database carries an ORCID to score against");
    return scores_document("Resolution with ORCIDs hidden, scored against them",
                           score_clusters(truth, predicted),
                           {{"Name blocks", std::to_string(blocks.size())}});
}

}  // namespace bzpeer
