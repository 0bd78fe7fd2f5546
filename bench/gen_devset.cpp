// gen_devset: writes a synthetic development set for person resolution as an arXiv API
// Atom feed and a truth file for `bzpeer eval --truth`.
//
//   gen_devset --people K --works-per-person N --seed S --name "Bo Zheng"
//              --out-feed F.xml --out-truth T.json [--max-works M]

#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "devset.hpp"

namespace {

int usage(const char* message) {
    std::cerr << "gen_devset: " << message << "\n"
              << "usage: gen_devset --people K --works-per-person N --seed S --name \"Given Family\"\n"
              << "                  --out-feed FEED.xml --out-truth TRUTH.json [--max-works M]\n";
    return 2;
}

template <typename T>
bool number(std::string_view text, T& out) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc{} && end == text.data() + text.size();
}

bool write(const std::string& path, const std::string& data) {
    std::ofstream file(path, std::ios::binary);
    file << data;
    file.close();
    if (!file) {
        std::cerr << "gen_devset: cannot write " << path << "\n";
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    bzpeer::devset::Options options;
    std::string feed_path, truth_path;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (i + 1 >= argc) return usage(("missing value for " + std::string(arg)).c_str());
        std::string_view value = argv[++i];
        bool ok = true;
        if (arg == "--people")
            ok = number(value, options.people) && options.people > 0;
        else if (arg == "--works-per-person")
            ok = number(value, options.works_per_person) && options.works_per_person > 0;
        else if (arg == "--max-works")
            ok = number(value, options.max_works) && options.max_works > 0;
        else if (arg == "--seed")
            ok = number(value, options.seed);
        else if (arg == "--name")
            options.name = value;
        else if (arg == "--out-feed")
            feed_path = value;
        else if (arg == "--out-truth")
            truth_path = value;
        else
            return usage(("unknown option " + std::string(arg)).c_str());
        if (!ok)
            return usage(("bad value for " + std::string(arg) + ": '" + std::string(value) + "'").c_str());
    }
    if (feed_path.empty() || truth_path.empty()) return usage("--out-feed and --out-truth are required");

    bzpeer::devset::DevSet set;
    try {
        set = bzpeer::devset::generate(options);
    } catch (const std::exception& e) {
        std::cerr << "gen_devset: " << e.what() << "\n";
        return 2;
    }
    if (!write(feed_path, bzpeer::devset::atom_feed(set)) ||
        !write(truth_path, bzpeer::devset::truth_json(set)))
        return 1;

    std::cerr << "gen_devset: " << set.people.size() << " people named \"" << set.name << "\", "
              << set.works.size() << " works (" << set.mentions.size() << " in block \"" << set.block_key
              << "\", " << set.outside_block << " printed into another block)\n";
    for (const auto& person : set.people) {
        std::cerr << "  " << person.label << ": " << person.works << " works, " << person.first_year << "-"
                  << person.last_year << ",";
        for (const auto& field : person.fields) std::cerr << " " << field;
        std::cerr << "\n";
    }
    return 0;
}
