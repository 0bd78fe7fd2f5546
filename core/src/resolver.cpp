#include "bzpeer/resolver.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "bzpeer/names.hpp"

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

using Sparse = std::unordered_map<Id, double>;

double dot(const Sparse& a, const Sparse& b) {
    const Sparse& small = a.size() < b.size() ? a : b;
    const Sparse& large = a.size() < b.size() ? b : a;
    double sum = 0;
    for (const auto& [k, v] : small)
        if (auto it = large.find(k); it != large.end()) sum += v * it->second;
    return sum;
}

double norm(const Sparse& a) {
    double sum = 0;
    for (const auto& [k, v] : a) sum += v * v;
    return std::sqrt(sum);
}

void add(Sparse& into, const Sparse& from) {
    for (const auto& [k, v] : from) into[k] += v;
}

double cosine(const Sparse& a, const Sparse& b) {
    double na = norm(a), nb = norm(b);
    return na > 0 && nb > 0 ? dot(a, b) / (na * nb) : 0;
}

// What a group of mentions looks like, for comparing groups.
struct Profile {
    Sparse coauthors;   // co-author id → count
    Sparse categories;  // weights: primary 2, others 1
    Sparse words;       // sum of unit tf-idf vectors
    Sparse affiliations;
    Sparse venues;
    int first_year = 0, last_year = 0;
    std::unordered_set<std::string> orcids;
    std::unordered_set<std::int64_t> works;
    std::vector<Id> given_names;  // distinct forms, as ids into Model::given_forms

    void absorb(const Profile& other) {
        add(coauthors, other.coauthors);
        add(categories, other.categories);
        add(words, other.words);
        add(affiliations, other.affiliations);
        add(venues, other.venues);
        if (other.first_year && (!first_year || other.first_year < first_year)) first_year = other.first_year;
        if (other.last_year > last_year) last_year = other.last_year;
        orcids.insert(other.orcids.begin(), other.orcids.end());
        works.insert(other.works.begin(), other.works.end());
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

Model build_model(const std::vector<Mention>& mentions, const Options& options) {
    Model m;
    m.use_orcid = options.use_orcid;
    m.prior = options.common_name ? kPriorCommon : kPriorRare;

    const double count = static_cast<double>(mentions.size());

    const auto coauthor_keys = identify_coauthors(mentions);
    std::vector<std::vector<Id>> coauthor_ids(mentions.size()), word_ids(mentions.size());
    std::vector<int> word_df;
    std::vector<std::string> coauthor_blocks;  // by co-author id
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        std::unordered_set<Id> seen;
        for (std::size_t k = 0; k < coauthor_keys[i].size(); ++k) {
            Id id = m.coauthor_names(coauthor_keys[i][k]);
            if (coauthor_blocks.size() <= id) coauthor_blocks.push_back(mentions[i].coauthors[k]);
            if (seen.insert(id).second) coauthor_ids[i].push_back(id);
        }
        seen.clear();
        for (const auto& w : mentions[i].words) {
            Id id = m.words(w);
            if (word_df.size() <= id) word_df.resize(id + 1);
            word_ids[i].push_back(id);
            if (seen.insert(id).second) ++word_df[id];
        }
    }
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

    m.singles.resize(mentions.size());
    m.key_words.resize(mentions.size());
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        const Mention& mention = mentions[i];
        Profile& p = m.singles[i];
        for (Id id : coauthor_ids[i]) p.coauthors[id] += 1;
        // Each category also counts for its archive ("cond-mat" of "cond-mat.str-el"), so that
        // neighbouring subjects are closer than unrelated ones.
        for (std::size_t c = 0; c < mention.categories.size(); ++c) {
            const std::string& code = mention.categories[c];
            double weight = c == 0 ? 2.0 : 1.0;
            p.categories[m.categories(code)] += weight;
            if (auto dot = code.find('.'); dot != std::string::npos)
                p.categories[m.categories(code.substr(0, dot))] += weight;
        }
        Sparse tf;
        for (Id id : word_ids[i]) tf[id] += 1;
        for (auto& [id, v] : tf) v = (1 + std::log(v)) * std::log((count + 1) / word_df[id]);
        double n = norm(tf);
        std::vector<std::pair<double, Id>> ranked;
        for (auto& [id, v] : tf) {
            if (n > 0) v /= n;
            if (word_df[id] > 1) ranked.emplace_back(v, id);  // a word no other mention has links nothing
        }
        std::partial_sort(ranked.begin(), ranked.begin() + std::min(kKeyWords, ranked.size()), ranked.end(),
                          std::greater<>());
        for (std::size_t k = 0; k < std::min(kKeyWords, ranked.size()); ++k)
            m.key_words[i].push_back(ranked[k].second);
        p.words = std::move(tf);
        for (const auto& a : mention.affiliations)
            for (const auto& token : affiliation_tokens(a)) p.affiliations[m.affiliations(token)] = 1;
        if (!mention.venue.empty()) p.venues[m.venues(mention.venue)] = 1;
        p.first_year = p.last_year = mention.year;
        if (options.use_orcid && !mention.orcid.empty()) p.orcids.insert(mention.orcid);
        p.works.insert(mention.work);
        if (!mention.given.empty()) p.given_names.push_back(m.given_forms(mention.given));
    }
    std::size_t forms = m.given_forms.size();
    m.compatible.assign(forms, std::vector<char>(forms, 1));
    for (std::size_t x = 0; x < forms; ++x)
        for (std::size_t y = x + 1; y < forms; ++y)
            m.compatible[x][y] = m.compatible[y][x] = names::given_names_compatible(
                m.given_forms.name(static_cast<Id>(x)), m.given_forms.name(static_cast<Id>(y)));
    return m;
}

bool shares_any(const std::unordered_set<std::int64_t>& a, const std::unordered_set<std::int64_t>& b) {
    const auto& small = a.size() < b.size() ? a : b;
    const auto& large = a.size() < b.size() ? b : a;
    return std::any_of(small.begin(), small.end(), [&](std::int64_t x) { return large.count(x); });
}

// Two groups that cannot be one person: they share a work, carry different ORCIDs, or go by
// given names that cannot be the same ("Bo" and "Bin"; "B." is compatible with both).
bool incompatible(const Model& m, const Profile& a, const Profile& b) {
    if (shares_any(a.works, b.works)) return true;
    for (Id x : a.given_names)
        for (Id y : b.given_names)
            if (!m.compatible[x][y]) return true;
    if (!a.orcids.empty() && !b.orcids.empty()) {
        for (const auto& o : a.orcids)
            if (!b.orcids.count(o)) return true;
    }
    return false;
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
    const Sparse& small = a.coauthors.size() < b.coauthors.size() ? a.coauthors : b.coauthors;
    const Sparse& large = a.coauthors.size() < b.coauthors.size() ? b.coauthors : a.coauthors;
    // Between groups, a name on one work of each is as likely a chance collision of two
    // people's co-author lists as a shared colleague; a regular of either group is not.
    const bool groups = a.works.size() > 1 || b.works.size() > 1;
    for (const auto& [id, n] : small) {
        auto other = large.find(id);
        if (other == large.end()) continue;
        double regular = groups ? std::min(1.0, (n + other->second - 1) / kRegularWorks) : 1.0;
        e.coauthors += m.coauthor_weight[id] * regular;
        if (explain) e.shared_coauthors.push_back(m.coauthor_names.name(id));
    }
    e.coauthors = std::min(e.coauthors, kCoauthorCap);
    if (!a.categories.empty() && !b.categories.empty())
        e.topics = kTopicWeight * (cosine(a.categories, b.categories) - kTopicNeutral);
    if (!a.words.empty() && !b.words.empty())
        e.words = word_evidence(cosine(a.words, b.words), std::min(a.words.size(), b.words.size()));
    for (const auto& [id, v] : a.venues)
        if (b.venues.count(id)) e.venue = kVenue;
    if (!a.affiliations.empty() && !b.affiliations.empty()) {
        double shared = dot(a.affiliations, b.affiliations) > 0 ? 0 : -1;
        if (shared == 0) {
            std::size_t both = 0;
            for (const auto& [id, v] : a.affiliations) both += b.affiliations.count(id);
            double jaccard =
                static_cast<double>(both) / (a.affiliations.size() + b.affiliations.size() - both);
            e.affiliation = kAffiliationWeight * jaccard;
        } else {
            e.affiliation = kAffiliationMismatch;
        }
    }
    if (a.first_year && b.first_year) {
        int gap = std::max({0, b.first_year - a.last_year, a.first_year - b.last_year});
        e.time = -kYearCost * std::max(0.0, gap - kYearSlack);
    }
    if (explain) {
        for (const auto& [id, v] : a.categories)
            if (b.categories.count(id) && m.categories.name(id).find('.') != std::string::npos)
                e.shared_categories.push_back(m.categories.name(id));
        std::vector<std::pair<double, Id>> ranked;
        for (const auto& [id, v] : a.words)
            if (auto it = b.words.find(id); it != b.words.end()) ranked.emplace_back(v * it->second, id);
        std::sort(ranked.begin(), ranked.end(), std::greater<>());
        for (std::size_t k = 0; k < std::min<std::size_t>(5, ranked.size()); ++k)
            e.shared_words.push_back(m.words.name(ranked[k].second));
        std::sort(e.shared_coauthors.begin(), e.shared_coauthors.end());
        std::sort(e.shared_categories.begin(), e.shared_categories.end());
    }
    return e;
}

// A single mention's profile as sorted vectors: pair scores over thousands of pairs are
// merges of short sorted lists, not hash lookups. Same formula as score().
struct Flat {
    std::vector<Id> coauthors, affiliations, venues;
    std::vector<std::pair<Id, double>> categories, words;
    double category_norm = 0, word_norm = 0;
    int first_year = 0, last_year = 0;
};

std::vector<std::pair<Id, double>> sorted(const Sparse& map) {
    std::vector<std::pair<Id, double>> out(map.begin(), map.end());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<Id> sorted_keys(const Sparse& map) {
    std::vector<Id> out;
    for (const auto& [k, v] : map) out.push_back(k);
    std::sort(out.begin(), out.end());
    return out;
}

Flat flatten(const Profile& p) {
    Flat f;
    f.coauthors = sorted_keys(p.coauthors);
    f.affiliations = sorted_keys(p.affiliations);
    f.venues = sorted_keys(p.venues);
    f.categories = sorted(p.categories);
    f.words = sorted(p.words);
    f.category_norm = norm(p.categories);
    f.word_norm = norm(p.words);
    f.first_year = p.first_year;
    f.last_year = p.last_year;
    return f;
}

double sorted_dot(const std::vector<std::pair<Id, double>>& a, const std::vector<std::pair<Id, double>>& b) {
    double sum = 0;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i].first < b[j].first)
            ++i;
        else if (b[j].first < a[i].first)
            ++j;
        else
            sum += a[i++].second * b[j++].second;
    }
    return sum;
}

template <class Each>
void shared_ids(const std::vector<Id>& a, const std::vector<Id>& b, Each each) {
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] < b[j])
            ++i;
        else if (b[j] < a[i])
            ++j;
        else
            each(a[i]), ++i, ++j;
    }
}

// score(...).total() for two single mentions.
double pair_total(const Model& m, const Flat& a, const Flat& b) {
    double coauthors = 0;
    shared_ids(a.coauthors, b.coauthors, [&](Id id) { coauthors += m.coauthor_weight[id]; });
    double total = m.prior + std::min(coauthors, kCoauthorCap);
    if (!a.categories.empty() && !b.categories.empty() && a.category_norm > 0 && b.category_norm > 0)
        total +=
            kTopicWeight *
            (sorted_dot(a.categories, b.categories) / (a.category_norm * b.category_norm) - kTopicNeutral);
    if (!a.words.empty() && !b.words.empty() && a.word_norm > 0 && b.word_norm > 0)
        total += word_evidence(sorted_dot(a.words, b.words) / (a.word_norm * b.word_norm),
                               std::min(a.words.size(), b.words.size()));
    double venue = 0;
    shared_ids(a.venues, b.venues, [&](Id) { venue = kVenue; });
    total += venue;
    if (!a.affiliations.empty() && !b.affiliations.empty()) {
        std::size_t both = 0;
        shared_ids(a.affiliations, b.affiliations, [&](Id) { ++both; });
        total += both ? kAffiliationWeight * static_cast<double>(both) /
                            static_cast<double>(a.affiliations.size() + b.affiliations.size() - both)
                      : kAffiliationMismatch;
    }
    if (a.first_year && b.first_year) {
        int gap = std::max({0, b.first_year - a.last_year, a.first_year - b.last_year});
        total -= kYearCost * std::max(0.0, gap - kYearSlack);
    }
    return total;
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

Result resolve(const std::vector<Mention>& mentions, const Constraints& constraints, const Options& options) {
    const std::size_t n = mentions.size();
    Result result;
    result.cluster.assign(n, -1);
    result.confidence.assign(n, 1.0);
    result.evidence.assign(n, Evidence{});
    result.reason.assign(n, "alone");
    if (n == 0) return result;

    Model model = build_model(mentions, options);

    // 1. Hard links: asserted groups, then shared ORCIDs.
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

    // Clusters: index → profile and members; a dead cluster has been absorbed.
    std::vector<Profile> profiles;
    std::vector<std::vector<std::size_t>> members;
    std::vector<int> cluster_of(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t root = uf.find(i);
        if (cluster_of[root] < 0) {
            cluster_of[root] = static_cast<int>(profiles.size());
            profiles.emplace_back();
            members.emplace_back();
        }
        int c = cluster_of[root];
        cluster_of[i] = c;
        profiles[c].absorb(model.singles[i]);
        members[c].push_back(i);
    }
    const std::size_t initial = profiles.size();
    std::vector<bool> alive(initial, true), settled(initial, false);
    for (const auto& group : constraints.settled)
        for (auto i : group) settled[static_cast<std::size_t>(cluster_of[i])] = true;
    std::vector<std::unordered_set<std::size_t>> forbidden(initial);
    for (const auto& [a, b] : constraints.different) {
        auto ca = static_cast<std::size_t>(cluster_of[a]), cb = static_cast<std::size_t>(cluster_of[b]);
        if (ca == cb) continue;  // a later same-person assertion already won
        forbidden[ca].insert(cb);
        forbidden[cb].insert(ca);
    }

    // 2. Candidate pairs: every pair in a small block; in a large one, pairs that share a
    // co-author, a telling word or an affiliation token.
    std::vector<std::unordered_set<std::size_t>> neighbours(initial);
    if (initial <= kAllPairsLimit) {
        for (std::size_t a = 0; a < initial; ++a)
            for (std::size_t b = a + 1; b < initial; ++b) neighbours[a].insert(b), neighbours[b].insert(a);
    } else {
        std::unordered_map<std::uint64_t, std::vector<std::size_t>> postings;
        auto post = [&](std::uint64_t kind, Id id, std::size_t c) {
            postings[(kind << 32) | id].push_back(c);
        };
        for (std::size_t i = 0; i < n; ++i) {
            auto c = static_cast<std::size_t>(cluster_of[i]);
            for (const auto& [id, v] : model.singles[i].coauthors) post(1, id, c);
            for (Id id : model.key_words[i]) post(2, id, c);
            for (const auto& [id, v] : model.singles[i].affiliations) post(3, id, c);
        }
        for (auto& [key, list] : postings) {
            std::sort(list.begin(), list.end());
            list.erase(std::unique(list.begin(), list.end()), list.end());
            if (list.size() > kPostingLimit) continue;
            for (std::size_t x = 0; x < list.size(); ++x)
                for (std::size_t y = x + 1; y < list.size(); ++y)
                    neighbours[list[x]].insert(list[y]), neighbours[list[y]].insert(list[x]);
        }
    }

    // 3. Greedy agglomeration, in two passes, each merging the best-scoring compatible pair
    // next. Both compare clusters by the mean score of their parts (average linkage), so that
    // a growing cluster's pooled profile cannot come to resemble everything. Pass one scores
    // pairs of works: works join only where work-to-work evidence holds. Pass two scores the
    // groups pass one left, each pooled whole (co-authors, topics, words): the phases of one
    // career (a thesis circle, then a lab of one's own, in a neighbouring subject) share little
    // work to work but clearly as groups, while namesakes in other fields stay apart.
    struct Candidate {
        double score;
        std::size_t a, b;
        unsigned version_a, version_b;
        bool operator<(const Candidate& o) const { return score < o.score; }
    };
    std::vector<unsigned> version(initial, 0);
    std::priority_queue<Candidate> queue;
    // Sums of part scores between clusters, weighted by the pairs of works they stand for, added
    // on each merge (Lance-Williams): nothing is scored twice. Pairs the candidate index never
    // paired count as kUnlinkedPair.
    struct Link {
        double sum = 0, pairs = 0;
    };
    std::vector<std::unordered_map<std::size_t, Link>> links(initial);
    {
        std::vector<Flat> flat;
        flat.reserve(n);
        for (std::size_t i = 0; i < n; ++i) flat.push_back(flatten(model.singles[i]));
        // From here on single works are weighed only as flat copies, by their co-authors and
        // years (the clusters' profiles hold the rest): a 20,000-work block frees megabytes.
        for (Profile& single : model.singles) {
            Sparse().swap(single.words);
            Sparse().swap(single.categories);
            Sparse().swap(single.affiliations);
            Sparse().swap(single.venues);
        }
        for (std::size_t a = 0; a < initial; ++a)
            for (auto b : neighbours[a]) {
                if (b < a) continue;
                Link link;
                for (auto x : members[a])
                    for (auto y : members[b]) link.sum += pair_total(model, flat[x], flat[y]), ++link.pairs;
                links[a][b] = link;
                links[b][a] = link;
            }
        neighbours.clear();
    }
    auto size = [&](std::size_t c) { return static_cast<double>(members[c].size()); };
    auto mean_score = [&](std::size_t a, std::size_t b) {
        const Link& link = links[a].at(b);
        double pairs = size(a) * size(b);
        return (link.sum + kUnlinkedPair * (pairs - link.pairs)) / pairs;
    };
    auto share_nobody = [&](std::size_t a, std::size_t b) {
        const auto& small = profiles[a].coauthors.size() < profiles[b].coauthors.size()
                                ? profiles[a].coauthors
                                : profiles[b].coauthors;
        const auto& large = &small == &profiles[a].coauthors ? profiles[b].coauthors : profiles[a].coauthors;
        return std::none_of(small.begin(), small.end(),
                            [&](const auto& c) { return large.count(c.first) > 0; });
    };
    // Co-author circles, seen whole: groups of several works each that share nobody are rarely
    // one person.
    auto disjoint_circles = [&](std::size_t a, std::size_t b) {
        return members[a].size() >= kCircleSize && members[b].size() >= kCircleSize && share_nobody(a, b);
    };
    // A person's regular collaborators turn up on most of what they write in those years: a
    // group of works from the same years that none of them is on is probably someone else.
    // The log-likelihood of missing the most regular one (share f of the other group's works
    // of those years) on all k works, (1 - f)^k, counted against; nothing when the groups
    // share a co-author, or when the years differ (people move on).
    auto missing_regulars = [&](std::size_t a, std::size_t b) {
        std::size_t big = members[a].size() >= members[b].size() ? a : b, small = big == a ? b : a;
        if (members[small].size() < 2 || !share_nobody(big, small)) return 0.0;
        int from = profiles[small].first_year, to = profiles[small].last_year;
        if (!from) return 0.0;
        std::unordered_map<Id, int> on;
        int works = 0;
        for (auto i : members[big]) {
            const Profile& p = model.singles[i];
            if (!p.first_year || p.first_year < from - 1 || p.first_year > to + 1) continue;
            ++works;
            for (const auto& [id, count] : p.coauthors) ++on[id];
        }
        if (works < kRegularsSeen) return 0.0;
        int most = 0;
        for (const auto& [id, count] : on) most = std::max(most, count);
        double f = std::min(static_cast<double>(most) / works, 0.99);
        return std::max(kMissingRegularsCap, static_cast<double>(members[small].size()) * std::log(1 - f));
    };
    bool whole_groups = false;  // pass two
    // A name on hundreds of works is shared by many people, several to a field, who look alike
    // work to work and more so group to group: ask for more, by the log of how crowded it is
    // (half of it in pass one, where unlinked pairs already count against).
    const double crowding = std::max(0.0, std::log(static_cast<double>(n) / kUncrowdedMentions));
    const double group_threshold = options.threshold + crowding + model.prior +
                                   (options.common_name ? kGroupEvidenceCommon : kGroupEvidenceRare);
    auto consider = [&](std::size_t a, std::size_t b) {
        if (settled[a] || settled[b] || forbidden[a].count(b) ||
            incompatible(model, profiles[a], profiles[b]))
            return;
        double s = mean_score(a, b) - (whole_groups ? group_threshold : options.threshold + crowding / 2);
        if (s > 0 && !whole_groups && disjoint_circles(a, b)) s += kDisjointCircles;
        if (s > 0 && whole_groups) s += missing_regulars(a, b);
        if (s > 0) queue.push({s, a, b, version[a], version[b]});
    };
    auto merge = [&](std::size_t a, std::size_t b) {
        // Keep the larger cluster's storage; fold the smaller one in.
        std::size_t keep = members[a].size() >= members[b].size() ? a : b;
        std::size_t gone = keep == a ? b : a;
        Evidence why = score(model, profiles[keep], profiles[gone], true);
        for (std::size_t side : {keep, gone})
            for (auto i : members[side])
                if (result.reason[i] == "alone") result.reason[i] = "evidence", result.evidence[i] = why;
        profiles[keep].absorb(profiles[gone]);
        members[keep].insert(members[keep].end(), members[gone].begin(), members[gone].end());
        members[gone].clear();
        alive[gone] = false;
        ++version[keep];
        for (auto f : forbidden[gone]) {
            forbidden[keep].insert(f);
            forbidden[f].insert(keep);
        }
        for (auto& [c, link] : links[gone]) {
            if (c == keep) continue;
            Link& into = links[keep][c];
            into.sum += link.sum;
            into.pairs += link.pairs;
            links[c][keep] = into;
            links[c].erase(gone);
        }
        links[keep].erase(gone);
        links[gone].clear();
        return keep;
    };
    auto agglomerate = [&] {
        for (std::size_t a = 0; a < initial; ++a)
            for (const auto& [b, link] : links[a])
                if (a < b) consider(a, b);
        while (!queue.empty()) {
            Candidate top = queue.top();
            queue.pop();
            if (!alive[top.a] || !alive[top.b] || version[top.a] != top.version_a ||
                version[top.b] != top.version_b)
                continue;
            std::size_t keep = merge(top.a, top.b);
            for (const auto& [c, link] : links[keep]) consider(std::min(keep, c), std::max(keep, c));
        }
    };
    agglomerate();
    // Pass two: the same clusters, linked where pass one linked them, now scored as groups.
    for (std::size_t a = 0; a < initial; ++a)
        for (auto& [b, link] : links[a]) {
            if (b < a) continue;
            link.pairs = size(a) * size(b);
            link.sum = score(model, profiles[a], profiles[b], false).total() * link.pairs;
            links[b][a] = link;
        }
    whole_groups = true;
    agglomerate();

    for (std::size_t c = 0; c < initial; ++c) {
        if (!alive[c]) continue;
        int label = result.clusters++;
        for (auto i : members[c]) result.cluster[i] = label;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (result.reason[i] == "evidence") result.confidence[i] = sigmoid(result.evidence[i].total());
    }
    return result;
}

}  // namespace bzpeer::resolver
