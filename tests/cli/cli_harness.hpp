// Test harness for the end-to-end CLI tests: runs the real bzpeer binary through /bin/sh in
// a per-test folder with a clean environment, and reads its JSON output with simdjson.
#pragma once

#include <gtest/gtest.h>
#include <simdjson.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bzpeer::cli_test {

namespace fs = std::filesystem;

using Env = std::vector<std::pair<std::string, std::string>>;

inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const fs::path& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Splits on '\n'; a final newline does not make an extra empty line.
inline std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

inline std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        auto end = text.find(sep, start);
        if (end == std::string_view::npos) {
            fields.emplace_back(text.substr(start));
            return fields;
        }
        fields.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
}

inline bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

inline std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Single-quoted for /bin/sh: every byte literal, embedded quotes closed and reopened.
inline std::string shell_quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += "'";
    return out;
}

// A program of tests/consumers/, which read bzpeer's output as its consumers do.
inline std::string consumer_script(const std::string& name) {
    return std::string(BZPEER_SOURCE_DIR) + "/tests/consumers/" + name;
}

// The standard output of a shell command; fails the test unless it exits 0.
inline std::string capture(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    EXPECT_EQ(::pclose(pipe), 0) << command << "\n" << out;
    return out;
}

struct RunResult {
    int exit_code = -1;  // 128 + signal number when the process was killed by a signal
    std::string out;
    std::string err;
    std::string command;

    std::vector<std::string> err_lines() const { return split_lines(err); }
    std::vector<std::string> out_lines() const { return split_lines(out); }

    // For failure messages: the command, its exit status and (the start of) its output.
    std::string describe() const {
        auto clip = [](const std::string& s) { return s.size() > 3000 ? s.substr(0, 3000) + "\n[...]" : s; };
        std::ostringstream text;
        text << "command: " << command << "\nexit: " << exit_code << "\n--- stdout ---\n"
             << clip(out) << "\n--- stderr ---\n"
             << clip(err) << "\n";
        return text.str();
    }
};

inline fs::path fixture(std::string_view relative) { return fs::path(BZPEER_FIXTURES_DIR) / relative; }

// Every arXiv fixture that is a real (non-error) response.
inline std::vector<fs::path> good_arxiv_fixtures() {
    return {
        fixture("arxiv/api2026_empty_result_id_0000.0000.xml"),
        fixture("arxiv/api2026_id_astro-ph_0601001_affiliations_journal_ref.xml"),
        fixture("arxiv/api2026_id_list_two_ids_one_missing_34_authors_mojibake.xml"),
        fixture("arxiv/api2026_search_testing_start0_max10.xml"),
        fixture("arxiv/api2026_search_testing_start10_max10.xml"),
        fixture("arxiv/legacy2016_search_au_del_maestro_10_entries.xml"),
        fixture("arxiv/legacy2019_id_astro-ph_9812133_32_authors_affiliations.xml"),
    };
}

// ---- JSON helpers (simdjson DOM; each throws on a missing key or wrong type) ----

using simdjson::dom::element;

inline std::string str(element value) { return std::string(std::string_view(value)); }

inline std::int64_t num(element value) { return std::int64_t(value); }

inline bool has_key(element object, std::string_view key) {
    return object.get_object().value()[key].error() == simdjson::SUCCESS;
}

inline std::vector<std::string> strings(element list) {
    std::vector<std::string> out;
    for (element item : simdjson::dom::array(list)) out.push_back(str(item));
    return out;
}

inline std::size_t length(element list) { return simdjson::dom::array(list).size(); }

class CliTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "bzpeer-cli-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << "mkdtemp " << pattern;
        dir_ = pattern;
        home_ = dir_ / "home";
        fs::create_directories(home_);
        db_ = dir_ / "data" / "bzpeer.sqlite";
        config_ = dir_ / "bzpeer-config.yaml";
    }

    void TearDown() override {
        if (std::getenv("BZPEER_TEST_KEEP")) {
            std::cerr << "kept test folder " << dir_ << "\n";
            return;
        }
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    // Runs `bzpeer ARGS...` with stdin from /dev/null, in the test folder, with an
    // environment holding only PATH, HOME, BZPEER_DB, BZPEER_CONFIG, sanitizer settings and
    // `extra` (later entries win), without the variables named in `unset`.
    RunResult run(const std::vector<std::string>& args, const Env& extra = {},
                  const std::set<std::string>& unset = {}) {
        ++runs_;
        const auto out_file = dir_ / ("run" + std::to_string(runs_) + ".stdout");
        const auto err_file = dir_ / ("run" + std::to_string(runs_) + ".stderr");

        Env env{{"PATH", "/usr/bin:/bin"},
                {"HOME", home_.string()},
                {"BZPEER_DB", db_.string()},
                {"BZPEER_CONFIG", config_.string()}};
        for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "LD_LIBRARY_PATH"})
            if (const char* value = std::getenv(name)) env.emplace_back(name, value);
        for (const auto& kv : extra) env.push_back(kv);

        std::string invocation = shell_quote(BZPEER_BINARY);
        for (const auto& arg : args) invocation += " " + shell_quote(arg);

        std::string command = "cd " + shell_quote(dir_.string()) + " && exec env -i";
        for (const auto& [name, value] : env)
            if (!unset.count(name)) command += " " + shell_quote(name + "=" + value);
        command += " " + invocation + " </dev/null >" + shell_quote(out_file.string()) + " 2>" +
                   shell_quote(err_file.string());

        RunResult result;
        result.command = "bzpeer";
        for (const auto& arg : args) result.command += " " + shell_quote(arg);
        int status = std::system(command.c_str());
        if (status == -1) throw std::runtime_error("could not run /bin/sh for: " + command);
        if (WIFEXITED(status))
            result.exit_code = WEXITSTATUS(status);
        else if (WIFSIGNALED(status))
            result.exit_code = 128 + WTERMSIG(status);
        result.out = read_file(out_file);
        result.err = read_file(err_file);
        return result;
    }

    // `bzpeer init` in the test's folder; fails the test if it does not succeed.
    void init() {
        auto r = run({"init"});
        ASSERT_EQ(r.exit_code, 0) << r.describe();
        ASSERT_TRUE(fs::exists(db_)) << r.describe();
    }

    // `bzpeer config set KEY VALUE` for each setting, in order; fails the test if one does not
    // succeed.
    void configure(const std::vector<std::pair<std::string, std::string>>& settings) {
        for (const auto& [key, value] : settings) {
            auto r = run({"config", "set", key, value});
            ASSERT_EQ(r.exit_code, 0) << r.describe();
        }
    }

    // One `import arxiv --file A --file B ...` call over every good fixture.
    RunResult import_good_fixtures() {
        std::vector<std::string> args{"import", "arxiv"};
        for (const auto& file : good_arxiv_fixtures()) {
            args.push_back("--file");
            args.push_back(file.string());
        }
        return run(args);
    }

    // init + import of every good fixture, asserting both succeed.
    void init_and_import() {
        ASSERT_NO_FATAL_FAILURE(init());
        auto r = import_good_fixtures();
        ASSERT_EQ(r.exit_code, 0) << r.describe();
    }

    // `import SOURCE --file FIXTURE`, asserting it succeeds.
    void import(const std::string& source, const std::string& relative) {
        auto r = run({"import", source, "--file", fixture(relative).string()});
        ASSERT_EQ(r.exit_code, 0) << r.describe();
    }

    // `ARGS --format json`, its output; the test fails unless it succeeds.
    std::string json(const std::vector<std::string>& args) {
        auto full = args;
        full.insert(full.end(), {"--format", "json"});
        auto r = run(full);
        EXPECT_EQ(r.exit_code, 0) << r.describe();
        return r.out;
    }

    // The id of the person with the most works among those `people NAME` lists.
    std::string busiest(const std::string& name) {
        auto r = run({"people", name, "--format", "json"});
        EXPECT_EQ(r.exit_code, 0) << r.describe();
        simdjson::dom::parser parser;
        std::string id;
        std::size_t most = 0;
        for (auto person : parser.parse(r.out).get_array()) {
            auto works = length(person["works"]);
            if (works > most) most = works, id = str(person["id"]);
        }
        return id;
    }

    fs::path dir_;
    fs::path home_;
    fs::path db_;
    fs::path config_;
    int runs_ = 0;
};

// The first array element whose `key` (a string member, or a nested one given as
// "ids.arxiv") equals `value`; throws when there is none.
inline element find_by(element list, std::string_view key, std::string_view value) {
    for (element item : simdjson::dom::array(list)) {
        element field = item;
        bool present = true;
        for (const auto& part : split(key, '.')) {
            auto next = field[part];
            if (next.error()) {
                present = false;
                break;
            }
            field = next.value();
        }
        if (present && field.is_string() && std::string_view(field) == value) return item;
    }
    throw std::runtime_error("no element with " + std::string(key) + " = '" + std::string(value) + "'");
}

inline std::size_t count_by(element list, std::string_view key, std::string_view value) {
    std::size_t n = 0;
    for (element item : simdjson::dom::array(list)) {
        auto field = item[key];
        if (!field.error() && field.value().is_string() && std::string_view(field.value()) == value) ++n;
    }
    return n;
}

// The integer members of a JSON object, e.g. `stats --format json`.
inline std::map<std::string, std::int64_t> integer_members(element object) {
    std::map<std::string, std::int64_t> out;
    for (auto [key, value] : simdjson::dom::object(object))
        if (value.is_int64()) out.emplace(std::string(key), std::int64_t(value));
    return out;
}

// A minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and newlines.
inline std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    bool any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        any = true;
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
            any = false;
        } else {
            field += c;
        }
    }
    if (quoted) throw std::runtime_error("CSV ends inside a quoted field");
    if (any) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace bzpeer::cli_test
