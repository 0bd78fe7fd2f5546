// snapshot_bench: streams arXiv-snapshot-shaped JSON lines through `bzpeer import arxiv
// --snapshot` at two sizes and reports records/s and peak memory. Flat memory means the peak
// stays put while the input grows. The baseline, measured in the same run, is reading and
// splitting the same file into lines (the I/O floor), so the figures are ratios to it.
//
//   snapshot_bench BZPEER [SMALL LARGE]     (default 20000 100000 records)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const char* kWords[] = {"quantum", "lattice", "gauge", "neural", "network", "spectral", "entropy", "boson",
                        "fermion", "galaxy", "cluster", "inference", "graph", "topology", "manifold", "plasma",
                        "transport", "superconducting", "scattering", "amplitude", "renormalization", "learning"};
// TeX accents as the snapshot writes them: a JSON-escaped backslash (file text `Bal\\'azs`).
const char* kFamilies[] = {"Zheng", "Wang", "Smith", "Del Maestro", "M\\\\\\\"uller", "Bal\\\\'azs", "Nguyen", "Kowalski",
                           "Garc\\\\'ia", "Ivanov", "Tanaka", "Okafor", "Johansson", "Rossi", "Kim", "Chen"};
const char* kGiven[] = {"Bo", "A.", "Maria", "J. P.", "Li", "Adrian", "K.", "Sofia", "Y.", "Hiro"};
const char* kCategories[] = {"hep-ph", "hep-th", "cond-mat.str-el", "cs.LG", "cs.CL", "astro-ph.GA", "math.AG",
                             "quant-ph", "physics.ao-ph", "eess.AS", "cs.GR", "stat.ML"};

std::string sentence(std::mt19937_64& rng, int words) {
    std::string s;
    for (int i = 0; i < words; ++i) s += std::string(i ? " " : "") + kWords[rng() % std::size(kWords)];
    return s;
}

// One record shaped like the Kaggle snapshot's (about 1.5 KB, like the real ones).
std::string record(std::mt19937_64& rng, std::size_t i) {
    int month = 1 + static_cast<int>(i / 99999 % 12), year = 7 + static_cast<int>(i / 1199988 % 15);
    char id[32];
    std::snprintf(id, sizeof id, "%02d%02d.%05zu", year, month, i % 99999 + 1);
    int authors = 1 + static_cast<int>(rng() % 6);
    std::string names, parsed;
    for (int a = 0; a < authors; ++a) {
        // About 5,000 family names, a few very common: name blocks of realistic sizes.
        static const char* kSyllables[] = {"", "ar", "ek", "ini", "ova", "sen", "berg", "man", "ez", "ski",
                                           "ti", "ros", "lund", "ito", "ko", "well", "ane", "uk", "ović", "ard"};
        std::string family = kFamilies[rng() % std::size(kFamilies)];
        if (rng() % 4) family += std::string(kSyllables[rng() % 20]) + kSyllables[rng() % 20];
        std::string given = kGiven[rng() % std::size(kGiven)];
        names += (a ? ", " : "") + given + " " + family;
        parsed += std::string(a ? "," : "") + "[\"" + family + "\",\"" + given + "\",\"\"]";
    }
    std::string categories = kCategories[rng() % std::size(kCategories)];
    if (rng() % 2) categories += std::string(" ") + kCategories[rng() % std::size(kCategories)];
    std::string line = "{\"id\":\"" + std::string(id) + "\",\"submitter\":\"Someone\",\"authors\":\"" + names +
                       "\",\"title\":\"" + sentence(rng, 9) + "\",\"comments\":\"12 pages\",\"journal-ref\":null," +
                       "\"doi\":\"10.1000/bench." + std::to_string(i) + "\",\"report-no\":null,\"categories\":\"" +
                       categories + "\",\"license\":null,\"abstract\":\"  " + sentence(rng, 160) +
                       "\\n\",\"versions\":[{\"version\":\"v1\",\"created\":\"Mon, 2 Apr 2007 19:18:42 GMT\"}]," +
                       "\"update_date\":\"2008-11-13\",\"authors_parsed\":[" + parsed + "]}\n";
    return line;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Run {
    double seconds = 0;
    long peak_kib = 0;
    int status = 0;
};

Run run(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    auto start = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0) {
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    return {seconds_since(start), usage.ru_maxrss, status};
}

// The I/O floor: read the file and split it into lines.
double read_lines(const fs::path& file) {
    auto start = std::chrono::steady_clock::now();
    std::ifstream in(file);
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line)) n += line.size();
    if (n == 0) std::fprintf(stderr, "empty file\n");
    return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: snapshot_bench BZPEER [SMALL LARGE]\n");
        return 2;
    }
    std::string bzpeer = fs::absolute(argv[1]).string();
    std::vector<std::size_t> sizes = {argc > 2 ? std::stoul(argv[2]) : 20000, argc > 3 ? std::stoul(argv[3]) : 100000};
    fs::path dir = fs::temp_directory_path() / ("bzpeer-snapshot-bench-" + std::to_string(getpid()));
    fs::create_directories(dir);
    std::printf("%10s %10s %12s %12s %10s %12s\n", "records", "MB", "import s", "records/s", "peak MiB", "x I/O floor");
    for (std::size_t size : sizes) {
        fs::path file = dir / ("snapshot-" + std::to_string(size) + ".jsonl");
        {
            std::mt19937_64 rng(size);
            std::ofstream out(file);
            for (std::size_t i = 0; i < size; ++i) out << record(rng, i);
        }
        double floor = read_lines(file);
        std::vector<std::string> env = {"BZPEER_DB=" + (dir / ("db-" + std::to_string(size))).string(),
                                        "BZPEER_CONFIG=" + (dir / "none.yaml").string()};
        run({bzpeer, "init", "-q"}, env);
        Run r = run({bzpeer, "import", "arxiv", "-q", "--snapshot", file.string()}, env);
        if (r.status != 0) std::fprintf(stderr, "import failed with status %d\n", r.status);
        std::printf("%10zu %10.1f %12.2f %12.0f %10.1f %12.1f\n", size, fs::file_size(file) / 1e6, r.seconds,
                    size / r.seconds, r.peak_kib / 1024.0, r.seconds / floor);
    }
    if (!std::getenv("BZPEER_BENCH_KEEP")) fs::remove_all(dir);
    return 0;
}
