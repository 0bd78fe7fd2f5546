// resolve_bench: how resolver::resolve scales with the size of one name block.
//
// Generates one block of 2,000 and one of 20,000 mentions printed with the same name (100
// and 1,000 synthetic people, 20 works each on average) and times resolve() on each: best of
// three runs for 2,000, one run for 20,000. Near-linear cost shows as a time ratio of about
// 10-15; all pairs would be about 100. Also prints the B³ F1 of each run against the truth
// (information only; the unit tests hold the accuracy bar) and the peak resident set size.
//
//   resolve_bench [--seed S] [--name "Bo Zheng"]

#include <sys/resource.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>

#include "bzpeer/identity/resolver.hpp"
#include "devset.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Run {
    std::size_t mentions = 0;
    std::size_t people = 0;
    int clusters = 0;
    double seconds = 0;
    bzpeer::ClusterScores scores;
};

Run measure(int people, int works_per_person, std::uint64_t seed, const std::string& name, int repeats) {
    bzpeer::devset::Options options;
    options.people = people;
    options.works_per_person = works_per_person;
    options.max_works = 4 * works_per_person;
    options.seed = seed;
    options.name = name;
    options.reversed_rate = 0;  // every mention in the one block: the sizes are exact
    auto started = Clock::now();
    auto set = bzpeer::devset::generate(options);
    double generated = std::chrono::duration<double>(Clock::now() - started).count();
    std::fprintf(stderr, "generated %zu mentions of %d people in %.2f s\n", set.mentions.size(), people,
                 generated);

    const auto resolver_options = bzpeer::resolver::options_for(set.block_key);
    Run run;
    run.mentions = set.mentions.size();
    run.people = set.people.size();
    run.seconds = 1e300;
    for (int r = 0; r < repeats; ++r) {
        started = Clock::now();
        auto result = bzpeer::resolver::resolve(set.mentions, {}, resolver_options);
        double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        if (seconds < run.seconds) {
            run.seconds = seconds;
            run.clusters = result.clusters;
            run.scores = bzpeer::devset::score(set, result.cluster);
        }
    }
    return run;
}

void print(const char* label, const Run& run) {
    std::printf(
        "%-6s mentions %6zu  people %5zu  clusters %6d  seconds %8.3f  mentions/s %9.0f  B3 P %.3f R %.3f F1 "
        "%.3f\n",
        label, run.mentions, run.people, run.clusters, run.seconds,
        static_cast<double>(run.mentions) / run.seconds, run.scores.b3_precision, run.scores.b3_recall,
        run.scores.b3_f1);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t seed = 2026;
    std::string name = "Bo Zheng";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string_view arg = argv[i], value = argv[i + 1];
        if (arg == "--seed") {
            std::from_chars(value.data(), value.data() + value.size(), seed);
        } else if (arg == "--name") {
            name = value;
        } else {
            std::fprintf(stderr, "usage: resolve_bench [--seed S] [--name \"Given Family\"]\n");
            return 2;
        }
    }

    Run small = measure(100, 20, seed, name, 3);
    print("2k", small);
    Run large = measure(1000, 20, seed, name, 1);
    print("20k", large);
    std::printf("time(20k)/time(2k) %.1f  (size ratio %.1f; near-linear ~10-15, all pairs ~100)\n",
                large.seconds / small.seconds,
                static_cast<double>(large.mentions) / static_cast<double>(small.mentions));

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak RSS %.1f MiB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
    return 0;
}
