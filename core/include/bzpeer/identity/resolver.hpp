// Person resolution within one name block: which mentions (authorships printed with
// compatible names) belong to the same person. Pure computation over plain data, so that
// it can be tested and benchmarked without a database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bzpeer::resolver {

// One authorship: the evidence it carries about its author.
struct Mention {
    std::int64_t id = 0;                 // authorship id, carried through
    std::int64_t work = 0;               // two mentions on one work are never one person
    std::string given;                   // given name as printed ("Bo", "B."); "Bo" and "Bin" never join
    std::string orcid;                   // normalized, or empty
    std::vector<std::string> coauthors;  // block keys of the other authors of the work
    // Parallel to `coauthors`: their folded full names ("yi wang", "y wang"), or empty. Told
    // apart by their full given names, "Yi Wang" and "Yu Wang" are two co-authors, not one.
    std::vector<std::string> coauthor_names;
    std::vector<std::string> categories;    // primary first
    std::vector<std::string> words;         // content words of title and abstract
    std::vector<std::string> affiliations;  // folded affiliation strings
    std::string venue;                      // folded venue or journal name
    int year = 0;                           // 0 when unknown
};

// Hard constraints from ORCIDs and the user's assertions, as indices into the mentions.
struct Constraints {
    std::vector<std::vector<std::size_t>> same;                  // each group is one person
    std::vector<std::pair<std::size_t, std::size_t>> different;  // never one person
    // Each group is one person that takes in nothing and joins nothing: the people a
    // correction of someone else leaves as they are.
    std::vector<std::vector<std::size_t>> settled;
};

struct Options {
    bool use_orcid = true;    // off for `eval --orcid`, which hides the ORCIDs it scores against
    bool common_name = true;  // see common_family_name()
    double threshold = 0.0;   // merge while the best pair's log-odds exceed this
};

// True when many different people publish under the block's family name ("zheng b"):
// mentions then need more evidence to be joined.
bool common_family_name(std::string_view block_key);

// Options for resolving `block_key`.
inline Options options_for(std::string_view block_key) {
    Options o;
    o.common_name = common_family_name(block_key);
    return o;
}

// The evidence for joining two groups of mentions, as log-odds contributions.
struct Evidence {
    double coauthors = 0, topics = 0, words = 0, venue = 0, affiliation = 0, time = 0, prior = 0;
    std::vector<std::string> shared_coauthors;  // block keys
    std::vector<std::string> shared_categories;
    std::vector<std::string> shared_words;
    double total() const { return coauthors + topics + words + venue + affiliation + time + prior; }
};

struct Result {
    std::vector<int> cluster;  // per mention, 0..clusters-1
    int clusters = 0;
    // Per mention: how strongly it is tied to the rest of its cluster (0..1), and why.
    std::vector<double> confidence;
    std::vector<Evidence> evidence;
    std::vector<std::string> reason;  // "orcid", "assertion", "evidence", "alone"
};

Result resolve(const std::vector<Mention>& mentions, const Constraints& constraints,
               const Options& options = {});

// The evidence between two sets of mentions, as resolve() weighs it.
Evidence compare(const std::vector<Mention>& mentions, const std::vector<std::size_t>& a,
                 const std::vector<std::size_t>& b, const Options& options = {});

// Content words of a title or abstract: lower-case ASCII words of three letters or more,
// without stop words, with a plural 's' removed.
std::vector<std::string> content_words(std::string_view text);

}  // namespace bzpeer::resolver
