// End-to-end CLI tests against a loopback server (tests/http/fixture_server.py) serving files
// the test writes: an initialised store, the folder served, and the running server.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "../http/fixture_server.hpp"
#include "cli_harness.hpp"

namespace bzpeer::cli_test {

using bzpeer_test::FixtureServer;

class ServedCliTest : public CliTest {
protected:
    // `bzpeer init`, and an empty folder root_ for the files to serve.
    void SetUp() override {
        CliTest::SetUp();
        ASSERT_NO_FATAL_FAILURE(init());
        root_ = dir_ / "served";
        fs::create_directories(root_);
    }

    // Starts the server on root_ with `routes` (lines "TARGET FILE [FAULTS]", see
    // fixture_server.py); fails the test if it does not start.
    void start_server(const std::string& routes) {
        write_file(dir_ / "routes", routes);
        server_ = std::make_unique<FixtureServer>(fs::path(BZPEER_FIXTURES_DIR) / "../http/fixture_server.py",
                                                  root_, dir_ / "routes", dir_ / "server.log", 1.0);
        ASSERT_TRUE(server_->error().empty()) << server_->error();
    }

    fs::path root_;
    std::unique_ptr<FixtureServer> server_;
};

}  // namespace bzpeer::cli_test
