#include "bzpeer/host/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "bzpeer/base/error.hpp"

using namespace bzpeer;

namespace {

std::filesystem::path write(const std::string& name, const std::string& text) {
    auto path = std::filesystem::temp_directory_path() / ("bzpeer-config-" + name + ".yaml");
    std::ofstream(path) << text;
    return path;
}

}  // namespace

TEST(Config, DefaultsWhenTheFileIsMissing) {
    std::vector<std::string> warnings;
    auto config = Config::load("/nonexistent/bzpeer.yaml", warnings);
    EXPECT_EQ(config.count("profile.coauthors"), 20);
    EXPECT_TRUE(config.flag("profile.abstracts"));
    EXPECT_TRUE(config.list("plugins.path").empty());
    EXPECT_TRUE(warnings.empty());
}

TEST(Config, TheShippedDefaultFileParsesWithoutWarnings) {
    auto path = write("default", std::string(Config::default_file()));
    std::vector<std::string> warnings;
    auto config = Config::load(path, warnings);
    EXPECT_TRUE(warnings.empty());
    EXPECT_EQ(config.count("profile.coauthors"), 20);
    // Every key the code knows is documented in the shipped file.
    for (const auto& key : Config::keys()) {
        auto leaf = std::string(key.name.substr(key.name.rfind('.') + 1));
        EXPECT_NE(Config::default_file().find(leaf + ":"), std::string_view::npos) << key.name;
    }
}

TEST(Config, UnknownKeysWarnAndBadValuesFailNamingTheKey) {
    std::vector<std::string> warnings;
    auto config = Config::load(write("unknown", "profile:\n  coauthors: 5\n  colour: red\n"), warnings);
    EXPECT_EQ(config.count("profile.coauthors"), 5);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("'profile.colour'"), std::string::npos) << warnings[0];
    try {
        Config::load(write("bad", "profile:\n  coauthors: many\n"), warnings);
        FAIL() << "accepted a bad count";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("'profile.coauthors'"), std::string::npos) << e.what();
    }
    EXPECT_THROW(Config::load(write("syntax", "profile: [unclosed\n"), warnings), Error);
}

TEST(Config, SetWritesAValueThatLoadReads) {
    auto path = std::filesystem::temp_directory_path() / "bzpeer-config-set.yaml";
    std::filesystem::remove(path);
    Config::set(path, "profile.coauthors", "7");
    Config::set(path, "plugins.path", "/a, /b");
    std::vector<std::string> warnings;
    auto config = Config::load(path, warnings);
    EXPECT_EQ(config.count("profile.coauthors"), 7);
    EXPECT_EQ(config.list("plugins.path"), (std::vector<std::string>{"/a", "/b"}));
    EXPECT_TRUE(config.flag("profile.abstracts"));  // untouched keys keep their value
    EXPECT_TRUE(warnings.empty());
    EXPECT_THROW(Config::set(path, "profile.coauthors", "-1"), Error);
    EXPECT_THROW(Config::set(path, "no.such", "1"), Error);
    EXPECT_EQ(Config::load(path, warnings).count("profile.coauthors"), 7);
}
