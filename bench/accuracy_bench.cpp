// accuracy_bench: person resolution accuracy over many seeds of the synthetic development set
// (bench/devset), against the two baselines the unit tests use: every work one person, and
// works joined only through shared co-authors. The unit tests hold a floor on three seeds;
// this is the wider measurement to tune against (one seed says little).
//
//   accuracy_bench [--seeds N] [--first-seed S] [--name "Bo Zheng"] [--people K]
//                  [--works-per-person N] [--max-works M] [--same-field-rate R] [--lead-share S]
//                  [--common-coauthor-rate R] [--worst K] [--show SEED]
//
// Prints, per seed set, the mean B³ precision, recall and F1 of each method, the lowest F1 and
// how many seeds reach 0.90 and 0.95; then the K worst seeds. --show prints, for one seed, who
// each person found is made of (true people, their fields and years): where the errors are.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "bzpeer/identity/evaluate.hpp"
#include "bzpeer/identity/resolver.hpp"
#include "devset.hpp"

namespace {

struct Tally {
    double precision = 0, recall = 0, f1 = 0, lowest = 1;
    int at_90 = 0, at_95 = 0, runs = 0;
    void add(const bzpeer::ClusterScores& s) {
        precision += s.b3_precision, recall += s.b3_recall, f1 += s.b3_f1, ++runs;
        lowest = std::min(lowest, s.b3_f1);
        at_90 += s.b3_f1 >= 0.90, at_95 += s.b3_f1 >= 0.95;
    }
    void print(const char* what) const {
        std::printf("  %-22s B3 P %.3f R %.3f F1 %.3f | lowest %.3f | >=0.90: %d/%d, >=0.95: %d/%d\n", what,
                    precision / runs, recall / runs, f1 / runs, lowest, at_90, runs, at_95, runs);
    }
};

// Who is who in the set, and what went wrong.
void show(const bzpeer::devset::DevSet& set, const bzpeer::resolver::Result& result,
          const bzpeer::resolver::Options& options) {
    std::printf("seed %s: %zu mentions, %d found\n%s%s", set.name.c_str(), set.mentions.size(),
                result.clusters, bzpeer::devset::describe_people(set).c_str(),
                bzpeer::devset::explain_errors(set, result, options).c_str());
}

[[noreturn]] void usage(const char* problem) {
    std::fprintf(stderr, "accuracy_bench: %s\n", problem);
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    bzpeer::devset::Options g;
    int seeds = 50, worst = 5;
    std::uint64_t show_seed = 0;
    std::uint64_t first_seed = 1;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (i + 1 >= argc) usage("every option takes a value");
        const char* value = argv[++i];
        if (arg == "--seeds")
            seeds = std::atoi(value);
        else if (arg == "--first-seed")
            first_seed = std::strtoull(value, nullptr, 10);
        else if (arg == "--name")
            g.name = value;
        else if (arg == "--people")
            g.people = std::atoi(value);
        else if (arg == "--works-per-person")
            g.works_per_person = std::atoi(value);
        else if (arg == "--max-works")
            g.max_works = std::atoi(value);
        else if (arg == "--same-field-rate")
            g.same_field_rate = std::atof(value);
        else if (arg == "--lead-share")
            g.lead_share = std::atof(value);
        else if (arg == "--common-coauthor-rate")
            g.common_coauthor_rate = std::atof(value);
        else if (arg == "--show")
            show_seed = std::strtoull(value, nullptr, 10);
        else if (arg == "--worst")
            worst = std::atoi(value);
        else
            usage(("unknown option " + std::string(arg)).c_str());
    }
    if (seeds < 1) usage("--seeds must be at least 1");

    Tally resolver, one, coauthors;
    std::vector<std::pair<double, std::uint64_t>> by_f1;
    for (int k = 0; k < seeds; ++k) {
        g.seed = first_seed + static_cast<std::uint64_t>(k);
        auto set = bzpeer::devset::generate(g);
        auto options = bzpeer::resolver::options_for(set.block_key);
        auto result = bzpeer::resolver::resolve(set.mentions, {}, options);
        auto found = bzpeer::devset::score(set, result.cluster);
        resolver.add(found);
        one.add(bzpeer::devset::score(set, std::vector<int>(set.labels.size(), 0)));
        coauthors.add(bzpeer::devset::score(set, bzpeer::devset::coauthor_components(set.mentions)));
        by_f1.emplace_back(found.b3_f1, g.seed);
        if (g.seed == show_seed) show(set, result, options);
    }
    std::printf("%s: %d people, %d works each on average, seeds %llu-%llu\n", g.name.c_str(), g.people,
                g.works_per_person, static_cast<unsigned long long>(first_seed),
                static_cast<unsigned long long>(first_seed + seeds - 1));
    resolver.print("resolver");
    one.print("one person");
    coauthors.print("shared co-authors only");
    std::sort(by_f1.begin(), by_f1.end());
    std::printf("  worst seeds:");
    for (int k = 0; k < std::min<int>(worst, static_cast<int>(by_f1.size())); ++k)
        std::printf(" %llu (%.3f)", static_cast<unsigned long long>(by_f1[k].second), by_f1[k].first);
    std::printf("\n");
}
