// Runs tests/http/fixture_server.py for a test: starts it on 127.0.0.1 with a free port, reads
// its request log, resets its fault counters, and stops it. Header-only, POSIX and the standard
// library only, so that unit tests and end-to-end tests can both include it.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace bzpeer_test {

// One line of the server's request log (see the top of fixture_server.py).
struct LoggedRequest {
    std::string method, target, status, fault;
    double seconds = 0;  // the server's monotonic clock at arrival
    std::string user_agent, if_none_match, if_modified_since;
};

class FixtureServer {
public:
    // Serves files under `root` by the routes in `routes_file`, logging to `log_file`; a stalled
    // connection is held `stall_seconds`. Check error() before use.
    FixtureServer(const std::filesystem::path& script, const std::filesystem::path& root,
                  const std::filesystem::path& routes_file, std::filesystem::path log_file,
                  double stall_seconds = 5)
        : log_file_(std::move(log_file)) {
        error_ = start(script, root, routes_file, stall_seconds);
    }
    FixtureServer(const FixtureServer&) = delete;
    FixtureServer& operator=(const FixtureServer&) = delete;
    ~FixtureServer() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
        if (stdout_fd_ >= 0) ::close(stdout_fd_);
    }

    // Empty when the server runs.
    const std::string& error() const { return error_; }
    int port() const { return port_; }
    std::string url(const std::string& target) const {
        return "http://127.0.0.1:" + std::to_string(port_) + target;
    }

    std::vector<LoggedRequest> log() const {
        std::vector<LoggedRequest> lines;
        std::ifstream in(log_file_);
        std::string text;
        while (std::getline(in, text)) {
            std::vector<std::string> f;
            std::stringstream fields(text);
            std::string field;
            while (std::getline(fields, field, '\t')) f.push_back(field);
            if (f.size() < 8) continue;
            lines.push_back({f[0], f[1], f[2], f[3], std::stod(f[4]), f[5], f[6], f[7]});
        }
        return lines;
    }

    // The logged requests whose target (path and query, as sent) is `target`.
    std::vector<LoggedRequest> requests_for(const std::string& target) const {
        std::vector<LoggedRequest> out;
        for (auto& line : log())
            if (line.target == target) out.push_back(line);
        return out;
    }

    // Zeroes every route's fault counter and empties the log; false when the server did not answer.
    bool reset() const {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) return false;
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(static_cast<std::uint16_t>(port_));
        std::string answer;
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
            const char request[] = "GET /__reset HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
            if (::send(fd, request, sizeof request - 1, 0) == static_cast<ssize_t>(sizeof request - 1)) {
                char buffer[256];
                ssize_t n;
                while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
                    answer.append(buffer, static_cast<std::size_t>(n));
            }
        }
        ::close(fd);
        return answer.rfind("HTTP/1.0 200", 0) == 0 || answer.rfind("HTTP/1.1 200", 0) == 0;
    }

    // A port on 127.0.0.1 nobody listens on (bound, then released): for connection failures.
    static int closed_port() {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        socklen_t size = sizeof addr;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
        ::close(fd);
        return ntohs(addr.sin_port);
    }

private:
    std::string start(const std::filesystem::path& script, const std::filesystem::path& root,
                      const std::filesystem::path& routes_file, double stall_seconds) {
        int fds[2];
        if (::pipe(fds) != 0) return "fixture server: pipe failed";
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        posix_spawn_file_actions_addclose(&actions, fds[1]);
        std::vector<std::string> args = {"python3",
                                         script.string(),
                                         root.string(),
                                         "--routes",
                                         routes_file.string(),
                                         "--log",
                                         log_file_.string(),
                                         "--idle",
                                         "60",
                                         "--stall",
                                         std::to_string(stall_seconds)};
        std::vector<char*> argv;
        for (auto& arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        int rc = posix_spawnp(&pid_, "python3", &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        stdout_fd_ = fds[0];
        if (rc != 0) {
            pid_ = -1;
            return "fixture server: cannot run python3: " + std::string(std::strerror(rc));
        }
        // Its first line is the port.
        std::string line;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (line.find('\n') == std::string::npos) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd p{stdout_fd_, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0)
                return "fixture server: no port printed within 15 s";
            char buffer[64];
            ssize_t n = ::read(stdout_fd_, buffer, sizeof buffer);
            if (n <= 0) return "fixture server: exited before printing its port (see its stderr)";
            line.append(buffer, static_cast<std::size_t>(n));
        }
        try {
            port_ = std::stoi(line);
        } catch (const std::exception&) {
            return "fixture server: printed '" + line + "' instead of a port";
        }
        return "";
    }

    std::filesystem::path log_file_;
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    int port_ = 0;
    std::string error_;
};

}  // namespace bzpeer_test
