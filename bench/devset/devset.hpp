// A synthetic development set for person resolution: K made-up people who publish under one
// printed name, each with a home field, a co-author circle and an active period, writing
// works with realistic noise. Deterministic for a seed on every platform: the generator uses
// std::mt19937_64 only as a bit source and draws every distribution itself.
//
// The same data comes out three ways: as the resolver's Mentions with the true person per
// mention (for unit tests and benchmarks, no I/O), as an arXiv API Atom feed, and as a truth
// file for `bzpeer eval --truth`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bzpeer/identity/evaluate.hpp"
#include "bzpeer/identity/resolver.hpp"

namespace bzpeer::devset {

struct Options {
    int people = 6;
    int works_per_person = 10;      // mean; the total is exactly people * works_per_person
    int max_works = 25;             // most works one person may have (at least 1 each)
    double lead_share = 0;          // when > 0: the share of all works that P1 has (max_works aside)
    std::uint64_t seed = 1;         // mixed with the name: one seed, two names, two unrelated sets
    std::string name = "Bo Zheng";  // "Given Family"
    int first_year = 2008;          // earliest year anyone is active
    int last_year = 2025;

    // Noise.
    double initial_rate = 0.3;         // mean share of works printing "B. Zheng" (varies by person)
    double reversed_rate = 0.03;       // "Zheng Bo": lands in another name block
    double new_coauthors_rate = 0.08;  // works whose co-authors are all new faces
    double one_off_rate = 0.12;        // per co-author slot: someone who appears once
    double neighbour_rate = 0.12;      // works whose primary category is a neighbouring one
    double second_field_rate = 0.3;    // people with a second field
    double field_change_rate = 0.2;    // people who change field mid-career (at least one if people >= 3)
    double same_field_rate = 0.2;      // people drawn into a field someone else already has
    double common_coauthor_rate = 1;   // mean number of shared common names ("Y. Wang") per circle
};

// One work of the set.
struct Work {
    std::string arxiv_id;  // without version, e.g. "2101.00042" (4 digits before 2015, as arXiv)
    std::string title;
    std::string abstract;
    std::string date;  // YYYY-MM-DD
    int year = 0;
    std::vector<std::string> authors;     // printed, in order
    std::size_t position = 0;             // where the person of the set is among the authors
    std::vector<std::string> categories;  // primary first
    int person = 0;                       // index into DevSet::people
};

struct Person {
    std::string label;                // "P1", ...
    std::vector<std::string> fields;  // the fields worked in, in order of first use
    int first_year = 0, last_year = 0;
    int works = 0;
};

struct DevSet {
    std::string name;  // as in Options::name
    std::string block_key;
    std::vector<Person> people;
    std::vector<Work> works;  // newest first, as an arXiv listing by submission date
    // The works whose printed name falls in `block_key` ("Zheng Bo" does not), as the store
    // would hand them to the resolver: same ids, given names, co-author block keys, categories
    // and content words. Mention::id and Mention::work are 1-based positions in `works`.
    std::vector<resolver::Mention> mentions;
    std::vector<int> labels;                // true person per mention
    std::vector<std::size_t> mention_work;  // index into `works` per mention
    std::size_t outside_block = 0;          // works whose printed name is in another block
};

DevSet generate(const Options& options);

// The set as one arXiv API response (Atom, 2026 format, no affiliations).
std::string atom_feed(const DevSet& set);

// {"name": ..., "authorships": [{"work": "arxiv:ID", "author": printed, "person": "P1"}, ...]}
std::string truth_json(const DevSet& set);

// The baseline every resolver must beat: works joined only through shared co-authors, the
// connected components of "has a co-author in common" (as block keys, which is all that the
// printed names say). A cluster label per mention.
std::vector<int> coauthor_components(const std::vector<resolver::Mention>& mentions);

// Pairwise and B³ scores of a clustering of the set's mentions (a label per mention) against
// the truth.
ClusterScores score(const DevSet& set, const std::vector<int>& found);

// The people of the set, a line each: label, works, years, fields.
std::string describe_people(const DevSet& set);

// What went wrong in one resolution of the set, a paragraph per error with the evidence that
// resolve() weighs: each wrong merge (a found cluster holding several people: the others against
// the one with most works there) and each missed link (a person spread over several clusters:
// each part against the largest).
std::string explain_errors(const DevSet& set, const resolver::Result& result,
                           const resolver::Options& options);

// The name of the field with this index (for reports), and how many fields there are.
std::string field_name(std::size_t field);
std::size_t field_count();

}  // namespace bzpeer::devset
