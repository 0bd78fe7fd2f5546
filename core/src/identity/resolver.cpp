#include "bzpeer/identity/resolver.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "bzpeer/base/names.hpp"

namespace bzpeer::resolver {

namespace {

// Weights of the log-odds score. Tuned over many seeds of the synthetic development set
// (bench/accuracy_bench) and checked against real single-person feeds (tests/cli); see
// tests/unit/resolver_test.cpp.
constexpr double kPriorCommon = -1.5;  // "Zheng B.": two mentions are more often two people
constexpr double kPriorRare = -0.5;    // "Del Maestro A.": a rarer name needs less evidence
// A shared co-author, however often they appear in the block: a regular collaborator on many
// of the name's works is that person's signature, not noise (measured: discounting frequent
// co-authors, as words are, cost 0.04 B³ on the reference shape).
constexpr double kCoauthor = 3.5;
constexpr double kCoauthorCap = 6.0;
constexpr double kRegularWorks = 2;           // works past the first that make a shared co-author a regular
constexpr double kCommonCoauthor = 0.4;       // weight factor for co-authors of a common family name
constexpr double kCommonCoauthorFull = 0.55;  // the same, printed in full ("Wei Wang", not "W. Wang")
constexpr double kRareFullName = 1.0;         // the same, with a given name few share ("Jiaheng Liu")
// Pooled evidence, the prior aside, that joins two groups: less for a rarer name, which
// fewer namesakes share.
constexpr double kGroupEvidenceCommon = 1.0;
constexpr double kGroupEvidenceRare = 0.5;
constexpr double kUncrowdedMentions = 100;  // works of a name few people share
constexpr double kTopicWeight = 2.5;        // times (cosine - kTopicNeutral)
constexpr double kTopicNeutral = 0.35;
constexpr double kWordWeight = 8.0;  // times (cosine - kWordNeutral), capped
constexpr double kWordNeutral = 0.06;
constexpr double kWordCap = 3.0;
constexpr double kWordsToJudge = 30;  // fewer distinct words weaken the case against
// A shared venue, however many of the name's works appear there: the chapters of one book or
// a journal someone keeps publishing in are that person's, not noise.
constexpr double kVenue = 1.0;
constexpr double kAffiliationWeight = 3.0;
constexpr double kAffiliationMismatch = -0.3;
constexpr double kYearSlack = 3.0;           // years between works that cost nothing
constexpr double kYearCost = 0.1;            // per year beyond the slack
constexpr std::size_t kAllPairsLimit = 400;  // above this, candidates come from an index (memory: pairs)
constexpr std::size_t kPostingLimit = 100;   // longer postings are too common to be evidence
constexpr std::size_t kKeyWords = 8;         // index keys per mention from its words
constexpr double kUnlinkedPair = -2.5;       // the score of a pair the candidate index never paired
constexpr double kDisjointCircles = -0.75;   // clusters of kCircleSize+ works sharing no co-author
constexpr std::size_t kCircleSize = 3;
constexpr int kRegularsSeen = 3;              // works of the other group in the years it takes to judge
constexpr double kMissingRegularsCap = -3.0;  // at most this much against

using Id = std::uint32_t;

class Interner {
public:
    Id operator()(const std::string& s) {
        auto [it, added] = ids_.try_emplace(s, static_cast<Id>(names_.size()));
        if (added) names_.push_back(s);
        return it->second;
    }
    const std::string& name(Id id) const { return names_[id]; }
    std::size_t size() const { return names_.size(); }

private:
    std::unordered_map<std::string, Id> ids_;
    std::vector<std::string> names_;
};

// Sparse vectors and sets as sorted lists: a block of 20,000 works holds tens of thousands of
// them, and scoring merges short sorted lists faster than it looks up hash tables.
using Weights = std::vector<std::pair<Id, double>>;  // sorted by id
using Ids = std::vector<Id>;                         // sorted, distinct

// Walks two sorted lists in step, calling `both` for each key they share.
template <class List, class Key, class Both>
void in_step(const List& a, const List& b, Key key, Both both) {
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (key(a[i]) < key(b[j]))
            ++i;
        else if (key(b[j]) < key(a[i]))
            ++j;
        else
            both(a[i++], b[j++]);
    }
}

Id weight_key(const std::pair<Id, double>& x) { return x.first; }
template <class T>
const T& plain_key(const T& x) {
    return x;
}

double dot(const Weights& a, const Weights& b) {
    double sum = 0;
    in_step(a, b, weight_key, [&](const auto& x, const auto& y) { sum += x.second * y.second; });
    return sum;
}

double norm(const Weights& a) {
    double sum = 0;
    for (const auto& [k, v] : a) sum += v * v;
    return std::sqrt(sum);
}

// Weights of both lists, summed where they share a key.
Weights sum(const Weights& a, const Weights& b) {
    Weights out;
    out.reserve(a.size() + b.size());
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && a[i].first < b[j].first))
            out.push_back(a[i++]);
        else if (i == a.size() || b[j].first < a[i].first)
            out.push_back(b[j++]);
        else
            out.emplace_back(a[i].first, a[i].second + b[j].second), ++i, ++j;
    }
    return out;
}

template <class T>
std::vector<T> united(const std::vector<T>& a, const std::vector<T>& b) {
    std::vector<T> out;
    out.reserve(a.size() + b.size());
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

template <class T>
std::size_t shared_count(const std::vector<T>& a, const std::vector<T>& b) {
    std::size_t n = 0;
    in_step(a, b, plain_key<T>, [&](const T&, const T&) { ++n; });
    return n;
}

Weights sorted(const std::unordered_map<Id, double>& map) {
    Weights out(map.begin(), map.end());
    std::sort(out.begin(), out.end());
    return out;
}

// What a group of mentions looks like, for comparing groups; a single mention is a group of one.
struct Profile {
    Weights coauthors;   // co-author id → works
    Weights categories;  // weights: primary 2, others 1
    Weights words;       // sum of unit tf-idf vectors
    Ids affiliations;    // tokens
    Ids venues;
    double category_norm = 0, word_norm = 0;
    int first_year = 0, last_year = 0;
    std::size_t mentions = 0;
    std::vector<std::string> orcids;  // sorted
    // Works on which another mention of the block is printed too (two authors of one work share
    // the name): the only works two groups can share, which keeps them apart. Sorted.
    std::vector<std::int64_t> shared_works;
    std::vector<Id> given_names;  // distinct forms, as ids into Model::given_forms

    void absorb(const Profile& other) {
        coauthors = sum(coauthors, other.coauthors);
        categories = sum(categories, other.categories);
        words = sum(words, other.words);
        affiliations = united(affiliations, other.affiliations);
        venues = united(venues, other.venues);
        category_norm = norm(categories);
        word_norm = norm(words);
        if (other.first_year && (!first_year || other.first_year < first_year)) first_year = other.first_year;
        if (other.last_year > last_year) last_year = other.last_year;
        orcids = united(orcids, other.orcids);
        mentions += other.mentions;
        shared_works = united(shared_works, other.shared_works);
        for (Id g : other.given_names)
            if (std::find(given_names.begin(), given_names.end(), g) == given_names.end())
                given_names.push_back(g);
    }
};

// The block's vocabulary and document frequencies, and each mention's profile.
struct Model {
    Interner coauthor_names, categories, words, affiliations, venues;
    std::vector<double> coauthor_weight;     // by co-author id, from how rare they are in the block
    std::vector<Profile> singles;            // per mention
    std::vector<std::vector<Id>> key_words;  // per mention: its most telling words
    bool use_orcid = true;
    double prior = kPriorCommon;
    Interner given_forms;                       // distinct given names of the block
    std::vector<std::vector<char>> compatible;  // given_forms x given_forms, computed once
};

std::vector<std::string> affiliation_tokens(const std::string& folded) {
    static const std::unordered_set<std::string_view> common = {
        "university", "univ", "department", "dept",    "institute",  "inst", "of",     "and",
        "the",        "for",  "school",     "college", "laboratory", "lab",  "center", "centre",
        "faculty",    "de",   "der",        "di",      "national",   "key",  "state",  "research"};
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < folded.size()) {
        auto end = folded.find(' ', start);
        if (end == std::string::npos) end = folded.size();
        auto token = folded.substr(start, end - start);
        if (token.size() >= 3 && !common.count(token)) out.push_back(token);
        start = end + 1;
    }
    return out;
}

// True for a folded name whose first given name is written out ("yi wang", not "y wang").
bool full_given_name(std::string_view folded) {
    auto space = folded.find(' ');
    return space != std::string_view::npos && space > 1;
}

// Who each co-author is, as far as the printed names tell: the full name when it is printed;
// for "Y. Wang", the one full name of that block key seen in this block when there is exactly
// one ("Yi Wang"), else the block key itself ("wang y").
std::vector<std::vector<std::string>> identify_coauthors(const std::vector<Mention>& mentions) {
    std::unordered_map<std::string, std::string> full_by_block;  // "" once two full names share a key
    for (const auto& mention : mentions)
        for (std::size_t k = 0; k < mention.coauthors.size() && k < mention.coauthor_names.size(); ++k) {
            if (!full_given_name(mention.coauthor_names[k])) continue;
            auto [it, added] = full_by_block.try_emplace(mention.coauthors[k], mention.coauthor_names[k]);
            if (!added && it->second != mention.coauthor_names[k]) it->second.clear();
        }
    std::vector<std::vector<std::string>> out(mentions.size());
    for (std::size_t i = 0; i < mentions.size(); ++i)
        for (std::size_t k = 0; k < mentions[i].coauthors.size(); ++k) {
            const std::string& block = mentions[i].coauthors[k];
            const std::string* full =
                k < mentions[i].coauthor_names.size() ? &mentions[i].coauthor_names[k] : nullptr;
            if (full && full_given_name(*full)) {
                out[i].push_back(*full);
            } else if (auto it = full_by_block.find(block);
                       it != full_by_block.end() && !it->second.empty()) {
                out[i].push_back(it->second);
            } else {
                out[i].push_back(block);
            }
        }
    return out;
}

// The block's co-authors and words as ids, with each word's document frequency.
struct Vocabulary {
    std::vector<std::vector<Id>> coauthor_ids, word_ids;  // per mention; co-authors distinct
    std::vector<int> word_df;                             // by word id
    std::vector<std::string> coauthor_blocks;             // by co-author id
};

Vocabulary intern_vocabulary(Model& m, const std::vector<Mention>& mentions) {
    const auto coauthor_keys = identify_coauthors(mentions);
    Vocabulary v;
    v.coauthor_ids.resize(mentions.size());
    v.word_ids.resize(mentions.size());
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        std::unordered_set<Id> seen;
        for (std::size_t k = 0; k < coauthor_keys[i].size(); ++k) {
            Id id = m.coauthor_names(coauthor_keys[i][k]);
            if (v.coauthor_blocks.size() <= id) v.coauthor_blocks.push_back(mentions[i].coauthors[k]);
            if (seen.insert(id).second) v.coauthor_ids[i].push_back(id);
        }
        seen.clear();
        for (const auto& w : mentions[i].words) {
            Id id = m.words(w);
            if (v.word_df.size() <= id) v.word_df.resize(id + 1);
            v.word_ids[i].push_back(id);
            if (seen.insert(id).second) ++v.word_df[id];
        }
    }
    return v;
}

void weigh_coauthors(Model& m, const std::vector<std::string>& coauthor_blocks) {
    m.coauthor_weight.assign(coauthor_blocks.size(), kCoauthor);
    for (std::size_t id = 0; id < coauthor_blocks.size(); ++id) {
        // "Wang Y." co-writes with many different people of any name: sharing them says less.
        // "Jiaheng Liu" is rare, "Wei Liu" and "W. Liu" are not.
        if (common_family_name(coauthor_blocks[id])) {
            std::string_view name = m.coauthor_names.name(static_cast<Id>(id));
            if (!full_given_name(name))
                m.coauthor_weight[id] *= kCommonCoauthor;
            else if (names::single_pinyin_syllable(name.substr(0, name.rfind(' '))))
                m.coauthor_weight[id] *= kCommonCoauthorFull;
            else
                m.coauthor_weight[id] *= kRareFullName;
        }
    }
}

// Each category also counts for its archive ("cond-mat" of "cond-mat.str-el"), so that
// neighbouring subjects are closer than unrelated ones.
Weights category_weights(Model& m, const Mention& mention) {
    std::unordered_map<Id, double> categories;
    for (std::size_t c = 0; c < mention.categories.size(); ++c) {
        const std::string& code = mention.categories[c];
        double weight = c == 0 ? 2.0 : 1.0;
        categories[m.categories(code)] += weight;
        if (auto dot = code.find('.'); dot != std::string::npos)
            categories[m.categories(code.substr(0, dot))] += weight;
    }
    return sorted(categories);
}

// The unit tf-idf vector of a mention's words, and its most telling words for the candidate index.
void weigh_words(Profile& p, std::vector<Id>& key_words, const std::vector<Id>& word_ids,
                 const std::vector<int>& word_df, double count) {
    std::unordered_map<Id, double> tf;
    for (Id id : word_ids) tf[id] += 1;
    p.words = sorted(tf);
    for (auto& [id, v] : p.words) v = (1 + std::log(v)) * std::log((count + 1) / word_df[id]);
    double n = norm(p.words);
    std::vector<std::pair<double, Id>> ranked;
    for (auto& [id, v] : p.words) {
        if (n > 0) v /= n;
        if (word_df[id] > 1) ranked.emplace_back(v, id);  // a word no other mention has links nothing
    }
    p.word_norm = norm(p.words);
    std::partial_sort(ranked.begin(), ranked.begin() + std::min(kKeyWords, ranked.size()), ranked.end(),
                      std::greater<>());
    for (std::size_t k = 0; k < std::min(kKeyWords, ranked.size()); ++k)
        key_words.push_back(ranked[k].second);
}

Ids affiliation_ids(Model& m, const Mention& mention) {
    Ids ids;
    for (const auto& a : mention.affiliations)
        for (const auto& token : affiliation_tokens(a)) ids.push_back(m.affiliations(token));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

void profile_mentions(Model& m, const std::vector<Mention>& mentions, const Vocabulary& vocabulary,
                      const Options& options) {
    const double count = static_cast<double>(mentions.size());
    std::unordered_map<std::int64_t, int> work_mentions;
    for (const auto& mention : mentions) ++work_mentions[mention.work];
    m.singles.resize(mentions.size());
    m.key_words.resize(mentions.size());
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        const Mention& mention = mentions[i];
        Profile& p = m.singles[i];
        for (Id id : vocabulary.coauthor_ids[i]) p.coauthors.emplace_back(id, 1.0);
        std::sort(p.coauthors.begin(), p.coauthors.end());
        p.categories = category_weights(m, mention);
        p.category_norm = norm(p.categories);
        weigh_words(p, m.key_words[i], vocabulary.word_ids[i], vocabulary.word_df, count);
        p.affiliations = affiliation_ids(m, mention);
        if (!mention.venue.empty()) p.venues.push_back(m.venues(mention.venue));
        p.first_year = p.last_year = mention.year;
        if (options.use_orcid && !mention.orcid.empty()) p.orcids.push_back(mention.orcid);
        p.mentions = 1;
        if (work_mentions[mention.work] > 1) p.shared_works.push_back(mention.work);
        if (!mention.given.empty()) p.given_names.push_back(m.given_forms(mention.given));
    }
}

void compare_given_names(Model& m) {
    std::size_t forms = m.given_forms.size();
    m.compatible.assign(forms, std::vector<char>(forms, 1));
    for (std::size_t x = 0; x < forms; ++x)
        for (std::size_t y = x + 1; y < forms; ++y)
            m.compatible[x][y] = m.compatible[y][x] = names::given_names_compatible(
                m.given_forms.name(static_cast<Id>(x)), m.given_forms.name(static_cast<Id>(y)));
}

Model build_model(const std::vector<Mention>& mentions, const Options& options) {
    Model m;
    m.use_orcid = options.use_orcid;
    m.prior = options.common_name ? kPriorCommon : kPriorRare;
    const Vocabulary vocabulary = intern_vocabulary(m, mentions);
    weigh_coauthors(m, vocabulary.coauthor_blocks);
    profile_mentions(m, mentions, vocabulary, options);
    compare_given_names(m);
    return m;
}

// Two groups that cannot be one person: they share a work, carry different ORCIDs, or go by
// given names that cannot be the same ("Bo" and "Bin"; "B." is compatible with both).
bool incompatible(const Model& m, const Profile& a, const Profile& b) {
    if (shared_count(a.shared_works, b.shared_works)) return true;
    for (Id x : a.given_names)
        for (Id y : b.given_names)
            if (!m.compatible[x][y]) return true;
    return !a.orcids.empty() && !b.orcids.empty() && shared_count(a.orcids, b.orcids) < a.orcids.size();
}

// Similar words are evidence; dissimilar ones count against only as far as there were words
// to compare: a bare title (a Crossref record without abstract) shares few words even with
// its author's other works.
double word_evidence(double cosine, std::size_t fewer_words) {
    double e = std::min(kWordCap, kWordWeight * (cosine - kWordNeutral));
    return e < 0 ? e * std::min(1.0, static_cast<double>(fewer_words) / kWordsToJudge) : e;
}

Evidence score(const Model& m, const Profile& a, const Profile& b, bool explain) {
    Evidence e;
    e.prior = m.prior;
    // Between groups, a name on one work of each is as likely a chance collision of two
    // people's co-author lists as a shared colleague; a regular of either group is not.
    const bool groups = a.mentions > 1 || b.mentions > 1;
    in_step(a.coauthors, b.coauthors, weight_key, [&](const auto& x, const auto& y) {
        double regular = groups ? std::min(1.0, (x.second + y.second - 1) / kRegularWorks) : 1.0;
        e.coauthors += m.coauthor_weight[x.first] * regular;
        if (explain) e.shared_coauthors.push_back(m.coauthor_names.name(x.first));
    });
    e.coauthors = std::min(e.coauthors, kCoauthorCap);
    if (a.category_norm > 0 && b.category_norm > 0)
        e.topics = kTopicWeight *
                   (dot(a.categories, b.categories) / (a.category_norm * b.category_norm) - kTopicNeutral);
    if (a.word_norm > 0 && b.word_norm > 0)
        e.words = word_evidence(dot(a.words, b.words) / (a.word_norm * b.word_norm),
                                std::min(a.words.size(), b.words.size()));
    if (shared_count(a.venues, b.venues)) e.venue = kVenue;
    if (!a.affiliations.empty() && !b.affiliations.empty()) {
        auto both = static_cast<double>(shared_count(a.affiliations, b.affiliations));
        e.affiliation = both > 0
                            ? kAffiliationWeight * both /
                                  static_cast<double>(a.affiliations.size() + b.affiliations.size() - both)
                            : kAffiliationMismatch;
    }
    if (a.first_year && b.first_year) {
        int gap = std::max({0, b.first_year - a.last_year, a.first_year - b.last_year});
        e.time = -kYearCost * std::max(0.0, gap - kYearSlack);
    }
    if (explain) {
        in_step(a.categories, b.categories, weight_key, [&](const auto& x, const auto&) {
            if (m.categories.name(x.first).find('.') != std::string::npos)
                e.shared_categories.push_back(m.categories.name(x.first));
        });
        std::vector<std::pair<double, Id>> ranked;
        in_step(a.words, b.words, weight_key,
                [&](const auto& x, const auto& y) { ranked.emplace_back(x.second * y.second, x.first); });
        std::sort(ranked.begin(), ranked.end(), std::greater<>());
        for (std::size_t k = 0; k < std::min<std::size_t>(5, ranked.size()); ++k)
            e.shared_words.push_back(m.words.name(ranked[k].second));
        std::sort(e.shared_coauthors.begin(), e.shared_coauthors.end());
        std::sort(e.shared_categories.begin(), e.shared_categories.end());
    }
    return e;
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

struct UnionFind {
    std::vector<std::size_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    std::size_t find(std::size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
};

}  // namespace

bool common_family_name(std::string_view block_key) {
    // The most frequent family names among authors (East Asian, South Asian, Western):
    // within their blocks, many different people publish.
    static const std::unordered_set<std::string_view> common = {
        "wang",     "li",     "zhang",    "liu",      "chen",      "yang",      "huang",    "zhao",
        "wu",       "zhou",   "xu",       "sun",      "ma",        "zhu",       "hu",       "guo",
        "he",       "lin",    "gao",      "luo",      "zheng",     "liang",     "song",     "tang",
        "han",      "feng",   "deng",     "cao",      "peng",      "zeng",      "xiao",     "tian",
        "dong",     "pan",    "yuan",     "cai",      "jiang",     "yu",        "du",       "ye",
        "cheng",    "wei",    "su",       "lu",       "ding",      "ren",       "shen",     "yao",
        "jin",      "fan",    "fang",     "shi",      "qian",      "xie",       "zou",      "xiong",
        "qiu",      "qin",    "jia",      "hou",      "kim",       "lee",       "park",     "choi",
        "jung",     "kang",   "cho",      "yoon",     "jang",      "lim",       "nguyen",   "tran",
        "le",       "pham",   "hoang",    "phan",     "vu",        "kumar",     "singh",    "sharma",
        "gupta",    "patel",  "khan",     "ali",      "ahmed",     "smith",     "johnson",  "williams",
        "brown",    "jones",  "miller",   "davis",    "garcia",    "rodriguez", "martinez", "muller",
        "schmidt",  "wilson", "taylor",   "anderson", "suzuki",    "sato",      "tanaka",   "takahashi",
        "watanabe", "ito",    "yamamoto", "nakamura", "kobayashi", "kato"};
    return common.count(block_key.substr(0, block_key.find(' '))) > 0;
}

std::vector<std::string> content_words(std::string_view text) {
    static const std::unordered_set<std::string_view> stop = {
        "the",       "and",     "for",      "with",    "that",    "this",     "from",    "are",    "was",
        "were",      "which",   "these",    "those",   "have",    "has",      "been",    "can",    "our",
        "its",       "their",   "into",     "using",   "use",     "used",     "based",   "also",   "such",
        "than",      "then",    "they",     "them",    "there",   "here",     "not",     "but",    "all",
        "any",       "each",    "both",     "between", "over",    "under",    "via",     "new",    "show",
        "shows",     "shown",   "paper",    "present", "propose", "proposed", "results", "result", "method",
        "approach",  "study",   "work",     "however", "while",   "well",     "may",     "more",   "most",
        "other",     "one",     "two",      "three",   "first",   "second",   "further", "thus",   "only",
        "when",      "where",   "what",     "how",     "find",    "found",    "given",   "obtain", "obtained",
        "different", "large",   "small",    "high",    "low",     "data",     "model",   "models", "problem",
        "system",    "systems", "analysis", "number",  "several", "many"};
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (word.size() >= 3 && !stop.count(word)) {
            if (word.size() > 4 && word.back() == 's' && word[word.size() - 2] != 's') word.pop_back();
            if (!stop.count(word)) out.push_back(word);
        }
        word.clear();
    };
    for (char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            word.push_back(static_cast<char>(c | 0x20));
        else
            flush();
    }
    flush();
    return out;
}

Evidence compare(const std::vector<Mention>& mentions, const std::vector<std::size_t>& a,
                 const std::vector<std::size_t>& b, const Options& options) {
    Model m = build_model(mentions, options);
    Profile pa, pb;
    for (auto i : a) pa.absorb(m.singles[i]);
    for (auto i : b) pb.absorb(m.singles[i]);
    return score(m, pa, pb, true);
}

namespace {

Result nothing_joined(std::size_t n) {
    Result result;
    result.cluster.assign(n, -1);
    result.confidence.assign(n, 1.0);
    result.evidence.assign(n, Evidence{});
    result.reason.assign(n, "alone");
    return result;
}

// Step 1. Hard links: asserted groups, then shared ORCIDs, then the settled groups.
UnionFind hard_links(const std::vector<Mention>& mentions, const Constraints& constraints,
                     const Options& options, Result& result) {
    const std::size_t n = mentions.size();
    UnionFind uf(n);
    std::vector<bool> forced(n, false);
    for (const auto& group : constraints.same)
        for (std::size_t k = 1; k < group.size(); ++k) {
            uf.parent[uf.find(group[k])] = uf.find(group[0]);
            forced[group[0]] = forced[group[k]] = true;
        }
    if (options.use_orcid) {
        std::unordered_map<std::string, std::size_t> by_orcid;
        for (std::size_t i = 0; i < n; ++i) {
            if (mentions[i].orcid.empty()) continue;
            auto [it, added] = by_orcid.try_emplace(mentions[i].orcid, i);
            if (!added) {
                uf.parent[uf.find(i)] = uf.find(it->second);
                if (result.reason[i] == "alone") result.reason[i] = "orcid";
                if (result.reason[it->second] == "alone") result.reason[it->second] = "orcid";
            }
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        if (forced[i]) result.reason[i] = "assertion";
    for (const auto& group : constraints.settled)
        for (std::size_t k = 1; k < group.size(); ++k) uf.parent[uf.find(group[k])] = uf.find(group[0]);
    return uf;
}

// The clusters the hard links make, before any evidence is weighed.
struct Clusters {
    std::vector<std::vector<std::size_t>> members;  // by cluster
    std::vector<int> cluster_of;                    // by mention
    std::vector<bool> settled;                      // by cluster
    std::vector<std::unordered_set<std::size_t>> forbidden;
};

Clusters initial_clusters(UnionFind& uf, const Constraints& constraints, std::size_t n) {
    Clusters clusters;
    auto& members = clusters.members;
    auto& cluster_of = clusters.cluster_of;
    cluster_of.assign(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t root = uf.find(i);
        if (cluster_of[root] < 0) {
            cluster_of[root] = static_cast<int>(members.size());
            members.emplace_back();
        }
        int c = cluster_of[root];
        cluster_of[i] = c;
        members[c].push_back(i);
    }
    const std::size_t initial = members.size();
    clusters.settled.assign(initial, false);
    for (const auto& group : constraints.settled)
        for (auto i : group) clusters.settled[static_cast<std::size_t>(cluster_of[i])] = true;
    clusters.forbidden.resize(initial);
    for (const auto& [a, b] : constraints.different) {
        auto ca = static_cast<std::size_t>(cluster_of[a]), cb = static_cast<std::size_t>(cluster_of[b]);
        if (ca == cb) continue;  // a later same-person assertion already won
        clusters.forbidden[ca].insert(cb);
        clusters.forbidden[cb].insert(ca);
    }
    return clusters;
}

using Neighbours = std::vector<std::vector<std::uint32_t>>;  // by cluster: later clusters, sorted

Neighbours all_pairs(std::size_t clusters) {
    Neighbours neighbours(clusters);
    for (std::size_t a = 0; a < clusters; ++a)
        for (std::size_t b = a + 1; b < clusters; ++b) neighbours[a].push_back(static_cast<std::uint32_t>(b));
    return neighbours;
}

// Pairs of clusters that share a co-author, a telling word or an affiliation token; a key
// shared by too many is too common to be evidence.
Neighbours indexed_pairs(const Model& model, const std::vector<int>& cluster_of, std::size_t clusters) {
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings;
    auto post = [&](std::uint64_t kind, Id id, std::size_t c) {
        postings[(kind << 32) | id].push_back(static_cast<std::uint32_t>(c));
    };
    for (std::size_t i = 0; i < cluster_of.size(); ++i) {
        auto c = static_cast<std::size_t>(cluster_of[i]);
        for (const auto& [id, v] : model.singles[i].coauthors) post(1, id, c);
        for (Id id : model.key_words[i]) post(2, id, c);
        for (Id id : model.singles[i].affiliations) post(3, id, c);
    }
    Neighbours neighbours(clusters);
    for (auto& [key, list] : postings) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        if (list.size() > kPostingLimit) continue;
        for (std::size_t x = 0; x < list.size(); ++x)
            for (std::size_t y = x + 1; y < list.size(); ++y) neighbours[list[x]].push_back(list[y]);
    }
    for (auto& list : neighbours) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    return neighbours;
}

// Step 2. Candidate pairs, each once (a < b): every pair in a small block; in a large one,
// the pairs the index finds.
Neighbours candidate_pairs(const Model& model, const Clusters& clusters) {
    const std::size_t initial = clusters.members.size();
    return initial <= kAllPairsLimit ? all_pairs(initial)
                                     : indexed_pairs(model, clusters.cluster_of, initial);
}

struct Candidate {
    double score;
    std::size_t a, b;
    unsigned version_a, version_b;
    bool operator<(const Candidate& o) const { return score < o.score; }
};

// Sums of part scores between clusters, weighted by the pairs of works they stand for, added
// on each merge (Lance-Williams): nothing is scored twice. Pairs the candidate index never
// paired count as kUnlinkedPair. Each cluster's links, sorted by the other cluster, hold
// every link in both directions.
struct Link {
    std::uint32_t other = 0;
    double sum = 0, pairs = 0;
};
using Links = std::vector<Link>;

Links::iterator link_position(Links& list, std::size_t other) {
    return std::lower_bound(list.begin(), list.end(), other,
                            [](const Link& l, std::size_t o) { return l.other < o; });
}

Links::iterator find_link(Links& list, std::size_t other) {
    auto it = link_position(list, other);
    return it != list.end() && it->other == other ? it : list.end();
}

// Step 3. Greedy agglomeration, in two passes, each merging the best-scoring compatible pair
// next. Both compare clusters by the mean score of their parts (average linkage), so that
// a growing cluster's pooled profile cannot come to resemble everything. Pass one scores
// pairs of works: works join only where work-to-work evidence holds. Pass two scores the
// groups pass one left, each pooled whole (co-authors, topics, words): the phases of one
// career (a thesis circle, then a lab of one's own, in a neighbouring subject) share little
// work to work but clearly as groups, while namesakes in other fields stay apart.
class Agglomeration {
public:
    Agglomeration(Model& model, Clusters clusters, std::size_t mentions, const Options& options,
                  Result& result)
        : model_(model),
          options_(options),
          result_(result),
          members_(std::move(clusters.members)),
          settled_(std::move(clusters.settled)),
          forbidden_(std::move(clusters.forbidden)),
          initial_(members_.size()),
          alive_(initial_, true),
          version_(initial_, 0),
          links_(initial_),
          profiles_(initial_) {
        // A name on hundreds of works is shared by many people, several to a field, who look
        // alike work to work and more so group to group: ask for more, by the log of how
        // crowded it is (half of it in pass one, where unlinked pairs already count against).
        crowding_ = std::max(0.0, std::log(static_cast<double>(mentions) / kUncrowdedMentions));
        group_threshold_ = options.threshold + crowding_ + model.prior +
                           (options.common_name ? kGroupEvidenceCommon : kGroupEvidenceRare);
    }

    // Pass one's links: the summed scores of the pairs of works of each candidate pair.
    void link_works(Neighbours neighbours) {
        for (std::size_t a = 0; a < initial_; ++a) {
            for (auto b : neighbours[a]) {
                Link link;
                for (auto x : members_[a])
                    for (auto y : members_[b]) {
                        link.sum += score(model_, model_.singles[x], model_.singles[y], false).total();
                        ++link.pairs;
                    }
                link.other = b;
                links_[a].push_back(link);
                link.other = static_cast<std::uint32_t>(a);
                links_[b].push_back(link);
            }
            std::vector<std::uint32_t>().swap(neighbours[a]);
        }
    }

    // The clusters' pooled profiles. From here on single works are weighed only by their
    // co-authors and years: their words and subjects live on in their clusters' profiles.
    void pool_profiles() {
        for (std::size_t c = 0; c < initial_; ++c)
            for (auto i : members_[c]) {
                Profile& single = model_.singles[i];
                profiles_[c].absorb(single);
                Weights().swap(single.words);
                Weights().swap(single.categories);
                Ids().swap(single.affiliations);
                Ids().swap(single.venues);
            }
    }

    void merge_best_first() {
        for (std::size_t a = 0; a < initial_; ++a)
            for (const Link& link : links_[a])
                if (a < link.other) consider(a, link.other);
        while (!queue_.empty()) {
            Candidate top = queue_.top();
            queue_.pop();
            if (!alive_[top.a] || !alive_[top.b] || version_[top.a] != top.version_a ||
                version_[top.b] != top.version_b)
                continue;
            std::size_t keep = merge(top.a, top.b);
            for (const Link& link : links_[keep])
                consider(std::min<std::size_t>(keep, link.other), std::max<std::size_t>(keep, link.other));
        }
    }

    // Pass two: the same clusters, linked where pass one linked them, now scored as groups.
    void rescore_as_groups() {
        for (std::size_t a = 0; a < initial_; ++a)
            for (Link& link : links_[a]) {
                std::size_t b = link.other;
                if (b < a) continue;
                link.pairs = size(a) * size(b);
                link.sum = score(model_, profiles_[a], profiles_[b], false).total() * link.pairs;
                Link& back = *find_link(links_[b], a);
                back.sum = link.sum;
                back.pairs = link.pairs;
            }
        whole_groups_ = true;
    }

    void label_clusters() {
        for (std::size_t c = 0; c < initial_; ++c) {
            if (!alive_[c]) continue;
            int label = result_.clusters++;
            for (auto i : members_[c]) result_.cluster[i] = label;
        }
    }

private:
    double size(std::size_t c) const { return static_cast<double>(members_[c].size()); }

    double mean_score(std::size_t a, std::size_t b) {
        const Link& link = *find_link(links_[a], b);
        double pairs = size(a) * size(b);
        return (link.sum + kUnlinkedPair * (pairs - link.pairs)) / pairs;
    }

    bool share_nobody(std::size_t a, std::size_t b) const {
        bool shared = false;
        in_step(profiles_[a].coauthors, profiles_[b].coauthors, weight_key,
                [&](const auto&, const auto&) { shared = true; });
        return !shared;
    }

    // Co-author circles, seen whole: groups of several works each that share nobody are rarely
    // one person.
    bool disjoint_circles(std::size_t a, std::size_t b) const {
        return members_[a].size() >= kCircleSize && members_[b].size() >= kCircleSize && share_nobody(a, b);
    }

    // A person's regular collaborators turn up on most of what they write in those years: a
    // group of works from the same years that none of them is on is probably someone else.
    // The log-likelihood of missing the most regular one (share f of the other group's works
    // of those years) on all k works, (1 - f)^k, counted against; nothing when the groups
    // share a co-author, or when the years differ (people move on).
    double missing_regulars(std::size_t a, std::size_t b) const {
        std::size_t big = members_[a].size() >= members_[b].size() ? a : b, small = big == a ? b : a;
        if (members_[small].size() < 2 || !share_nobody(big, small)) return 0.0;
        int from = profiles_[small].first_year, to = profiles_[small].last_year;
        if (!from) return 0.0;
        std::unordered_map<Id, int> on;
        int works = 0;
        for (auto i : members_[big]) {
            const Profile& p = model_.singles[i];
            if (!p.first_year || p.first_year < from - 1 || p.first_year > to + 1) continue;
            ++works;
            for (const auto& [id, count] : p.coauthors) ++on[id];
        }
        if (works < kRegularsSeen) return 0.0;
        int most = 0;
        for (const auto& [id, count] : on) most = std::max(most, count);
        double f = std::min(static_cast<double>(most) / works, 0.99);
        return std::max(kMissingRegularsCap, static_cast<double>(members_[small].size()) * std::log(1 - f));
    }

    void consider(std::size_t a, std::size_t b) {
        if (settled_[a] || settled_[b] || forbidden_[a].count(b) ||
            incompatible(model_, profiles_[a], profiles_[b]))
            return;
        double s = mean_score(a, b) - (whole_groups_ ? group_threshold_ : options_.threshold + crowding_ / 2);
        if (s > 0 && !whole_groups_ && disjoint_circles(a, b)) s += kDisjointCircles;
        if (s > 0 && whole_groups_) s += missing_regulars(a, b);
        if (s > 0) queue_.push({s, a, b, version_[a], version_[b]});
    }

    // Folds the smaller cluster into the larger, keeping the larger one's storage; returns it.
    std::size_t merge(std::size_t a, std::size_t b) {
        std::size_t keep = members_[a].size() >= members_[b].size() ? a : b;
        std::size_t gone = keep == a ? b : a;
        record_evidence(keep, gone);
        profiles_[keep].absorb(profiles_[gone]);
        members_[keep].insert(members_[keep].end(), members_[gone].begin(), members_[gone].end());
        members_[gone].clear();
        alive_[gone] = false;
        ++version_[keep];
        for (auto f : forbidden_[gone]) {
            forbidden_[keep].insert(f);
            forbidden_[f].insert(keep);
        }
        fold_links(keep, gone);
        return keep;
    }

    // The mentions that were alone are now joined by the evidence between the two clusters.
    void record_evidence(std::size_t keep, std::size_t gone) {
        Evidence why = score(model_, profiles_[keep], profiles_[gone], true);
        for (std::size_t side : {keep, gone})
            for (auto i : members_[side])
                if (result_.reason[i] == "alone") result_.reason[i] = "evidence", result_.evidence[i] = why;
    }

    // Keep's links become the sum of both clusters' links; each cluster linked to gone now
    // links to keep instead, with the summed link.
    void fold_links(std::size_t keep, std::size_t gone) {
        const Links &kept = links_[keep], &folded = links_[gone];
        Links both;
        both.reserve(kept.size() + folded.size());
        for (std::size_t i = 0, j = 0; i < kept.size() || j < folded.size();) {
            if (j == folded.size() || (i < kept.size() && kept[i].other < folded[j].other)) {
                if (kept[i].other != gone) both.push_back(kept[i]);
                ++i;
            } else if (i == kept.size() || folded[j].other < kept[i].other) {
                if (folded[j].other != keep) both.push_back(folded[j]), relink(both.back(), keep, gone);
                ++j;
            } else {
                both.push_back({kept[i].other, kept[i].sum + folded[j].sum, kept[i].pairs + folded[j].pairs});
                relink(both.back(), keep, gone);
                ++i, ++j;
            }
        }
        links_[keep] = std::move(both);
        Links().swap(links_[gone]);
    }

    // The cluster at the other end of `link` drops its link to gone and takes `link` back to keep.
    void relink(const Link& link, std::size_t keep, std::size_t gone) {
        Links& theirs = links_[link.other];
        if (auto it = find_link(theirs, gone); it != theirs.end()) theirs.erase(it);
        Link back{static_cast<std::uint32_t>(keep), link.sum, link.pairs};
        if (auto it = link_position(theirs, keep); it != theirs.end() && it->other == keep)
            *it = back;
        else
            theirs.insert(it, back);
    }

    Model& model_;
    const Options& options_;
    Result& result_;
    // Clusters: index → members and pooled profile; a dead cluster has been absorbed.
    std::vector<std::vector<std::size_t>> members_;
    std::vector<bool> settled_;
    std::vector<std::unordered_set<std::size_t>> forbidden_;
    std::size_t initial_;
    std::vector<bool> alive_;
    std::vector<unsigned> version_;
    std::vector<Links> links_;
    std::vector<Profile> profiles_;
    std::priority_queue<Candidate> queue_;
    bool whole_groups_ = false;  // pass two
    double crowding_ = 0, group_threshold_ = 0;
};

}  // namespace

Result resolve(const std::vector<Mention>& mentions, const Constraints& constraints, const Options& options) {
    const std::size_t n = mentions.size();
    Result result = nothing_joined(n);
    if (n == 0) return result;

    Model model = build_model(mentions, options);
    UnionFind uf = hard_links(mentions, constraints, options, result);
    Clusters clusters = initial_clusters(uf, constraints, n);
    Neighbours neighbours = candidate_pairs(model, clusters);
    Agglomeration agglomeration(model, std::move(clusters), n, options, result);
    agglomeration.link_works(std::move(neighbours));
    agglomeration.pool_profiles();
    agglomeration.merge_best_first();
    agglomeration.rescore_as_groups();
    agglomeration.merge_best_first();
    agglomeration.label_clusters();

    for (std::size_t i = 0; i < n; ++i) {
        if (result.reason[i] == "evidence") result.confidence[i] = sigmoid(result.evidence[i].total());
    }
    return result;
}

}  // namespace bzpeer::resolver
