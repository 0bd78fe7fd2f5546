// snapshot_bench: streams arXiv-snapshot-shaped JSON lines through `bzpeer import arxiv
// --snapshot` at several sizes and reports records/s and peak memory. Flat memory means the
// peak stays put while the input grows. The peak is shown for the whole import and for its
// reading phase alone (sampled at each redraw of the progress line, until "resolving people"):
// resolution holds one name block in memory at a time, and the generator's largest block grows
// with the input, so the whole import's peak follows the largest block (shown too). Time is
// shown for the whole import and for its reading phase (storing works, ids and authorships).
// The baseline, measured in the same run, is reading and splitting the same file into lines
// (the I/O floor), so the times are ratios to it.
//
//   snapshot_bench BZPEER [SIZE...]     (default 10000 50000 100000 records)
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const char* kWords[] = {"quantum",         "lattice",   "gauge",           "neural",     "network",
                        "spectral",        "entropy",   "boson",           "fermion",    "galaxy",
                        "cluster",         "inference", "graph",           "topology",   "manifold",
                        "plasma",          "transport", "superconducting", "scattering", "amplitude",
                        "renormalization", "learning"};
// TeX accents as the snapshot writes them: a JSON-escaped backslash (file text `Bal\\'azs`).
const char* kFamilies[] = {
    "Zheng",       "Wang",   "Smith",  "Del Maestro", "M\\\\\\\"uller", "Bal\\\\'azs", "Nguyen", "Kowalski",
    "Garc\\\\'ia", "Ivanov", "Tanaka", "Okafor",      "Johansson",      "Rossi",       "Kim",    "Chen"};
const char* kGiven[] = {"Bo", "A.", "Maria", "J. P.", "Li", "Adrian", "K.", "Sofia", "Y.", "Hiro"};
const char* kCategories[] = {"hep-ph",  "hep-th",   "cond-mat.str-el", "cs.LG",   "cs.CL", "astro-ph.GA",
                             "math.AG", "quant-ph", "physics.ao-ph",   "eess.AS", "cs.GR", "stat.ML"};

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
        static const char* kSyllables[] = {"",    "ar",   "ek",  "ini", "ova",  "sen",  "berg",
                                           "man", "ez",   "ski", "ti",  "ros",  "lund", "ito",
                                           "ko",  "well", "ane", "uk",  "ović", "ard"};
        std::string family = kFamilies[rng() % std::size(kFamilies)];
        if (rng() % 4) family += std::string(kSyllables[rng() % 20]) + kSyllables[rng() % 20];
        std::string given = kGiven[rng() % std::size(kGiven)];
        names += (a ? ", " : "") + given + " " + family;
        parsed += std::string(a ? "," : "") + "[\"" + family + "\",\"" + given + "\",\"\"]";
    }
    std::string categories = kCategories[rng() % std::size(kCategories)];
    if (rng() % 2) categories += std::string(" ") + kCategories[rng() % std::size(kCategories)];
    std::string line =
        "{\"id\":\"" + std::string(id) + "\",\"submitter\":\"Someone\",\"authors\":\"" + names +
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
    long reading_peak_kib = 0;   // before the progress line said "resolving people"
    double reading_seconds = 0;  // until it did
    int status = 0;
};

long resident_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

// Runs BZPEER with its stderr (the progress line, with --progress) read through a pipe.
Run run(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    auto start = std::chrono::steady_clock::now();
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return {0, 0, 0, -1};
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pipe_fds[1], STDERR_FILENO);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(pipe_fds[1]);
    Run result;
    bool resolving = false;
    char buffer[4096];
    for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) {
        if (!resolving) result.reading_peak_kib = std::max(result.reading_peak_kib, resident_kib(pid));
        if (!resolving && std::string_view(buffer, static_cast<std::size_t>(n)).find("resolving people") !=
                              std::string_view::npos) {
            resolving = true;
            result.reading_seconds = seconds_since(start);
        }
    }
    close(pipe_fds[0]);
    rusage usage{};
    wait4(pid, &result.status, 0, &usage);
    result.seconds = seconds_since(start);
    result.peak_kib = usage.ru_maxrss;
    return result;
}

// Mentions in the largest name block: what resolution holds in memory at once.
long largest_block(const fs::path& db_file) {
    sqlite3* db = nullptr;
    long largest = 0;
    if (sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db,
                               "SELECT max(n) FROM (SELECT count(*) n FROM authorships WHERE block_key <> '' "
                               "GROUP BY block_key)",
                               -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            largest = static_cast<long>(sqlite3_column_int64(stmt, 0));
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return largest;
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
        std::fprintf(stderr, "usage: snapshot_bench BZPEER [SIZE...]\n");
        return 2;
    }
    std::string bzpeer = fs::absolute(argv[1]).string();
    std::vector<std::size_t> sizes;
    for (int i = 2; i < argc; ++i) sizes.push_back(std::stoul(argv[i]));
    if (sizes.empty()) sizes = {10000, 50000, 100000};
    fs::path dir = fs::temp_directory_path() / ("bzpeer-snapshot-bench-" + std::to_string(getpid()));
    fs::create_directories(dir);
    std::printf("%8s %7s %9s %10s %12s %7s %10s %12s %9s %12s %10s\n", "records", "MB", "import s",
                "records/s", "x I/O floor", "read s", "read rec/s", "x I/O floor", "peak MiB", "reading MiB",
                "max block");
    for (std::size_t size : sizes) {
        fs::path file = dir / ("snapshot-" + std::to_string(size) + ".jsonl");
        {
            std::mt19937_64 rng(size);
            std::ofstream out(file);
            for (std::size_t i = 0; i < size; ++i) out << record(rng, i);
        }
        double floor = read_lines(file);
        fs::path db_file = dir / ("db-" + std::to_string(size));
        std::vector<std::string> env = {"BZPEER_DB=" + db_file.string(),
                                        "BZPEER_CONFIG=" + (dir / "none.yaml").string()};
        run({bzpeer, "init", "-q"}, env);
        Run r = run({bzpeer, "--progress", "import", "arxiv", "--snapshot", file.string()}, env);
        if (r.status != 0) std::fprintf(stderr, "import failed with status %d\n", r.status);
        std::printf("%8zu %7.1f %9.2f %10.0f %12.1f %7.2f %10.0f %12.1f %9.1f %12.1f %10ld\n", size,
                    fs::file_size(file) / 1e6, r.seconds, size / r.seconds, r.seconds / floor,
                    r.reading_seconds, size / r.reading_seconds, r.reading_seconds / floor,
                    r.peak_kib / 1024.0, r.reading_peak_kib / 1024.0, largest_block(db_file));
        std::fflush(stdout);
    }
    if (!std::getenv("BZPEER_BENCH_KEEP")) fs::remove_all(dir);
    return 0;
}
