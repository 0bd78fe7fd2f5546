#include "context.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bzpeer/base/error.hpp"

namespace bzpeer::cli {

namespace {

std::string format_for_extension(const std::filesystem::path& file) {
    auto ext = file.extension().string();
    if (ext == ".md" || ext == ".markdown") return "markdown";
    if (ext == ".json") return "json";
    if (ext == ".jsonl" || ext == ".ndjson") return "jsonl";
    if (ext == ".tsv") return "tsv";
    if (ext == ".csv") return "csv";
    if (ext == ".html" || ext == ".htm") return "html";
    return {};
}

// Writes next to the target and renames, so readers never see half a file.
void write_file_atomically(const std::filesystem::path& file, const std::string& bytes) {
    auto temporary = file;
    temporary += ".bzpeer-tmp";
    {
        std::ofstream out(temporary, std::ios::binary);
        out << bytes;
        out.flush();
        if (!out) throw Error(fmt::format("cannot write {}", temporary.string()));
    }
    std::error_code ec;
    std::filesystem::rename(temporary, file, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        throw Error(fmt::format("cannot write {}: {}", file.string(), ec.message()));
    }
}

// Columns of the terminal on stderr; COLUMNS, else 80, when it is not one (--progress in a log).
int terminal_width() {
    winsize size{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    if (const char* columns = std::getenv("COLUMNS"); columns && std::atoi(columns) > 0)
        return std::atoi(columns);
    return 80;
}

}  // namespace

ProgressLine::ProgressLine(const Context& ctx)
    : shown_(!ctx.quiet && (ctx.progress || isatty(STDERR_FILENO))) {}

ProgressLine::~ProgressLine() { clear(); }

ProgressCallback ProgressLine::callback() {
    if (!shown_) return {};
    return [this](const Progress& progress) {
        std::string line = progress_line(progress, terminal_width());
        std::size_t columns = text_columns(line);
        // Spaces over what is left of a longer previous line.
        std::cerr << '\r' << line << std::string(drawn_ > columns ? drawn_ - columns : 0, ' ') << std::flush;
        drawn_ = columns;
    };
}

void ProgressLine::clear() {
    if (drawn_ == 0) return;
    std::cerr << '\r' << std::string(drawn_, ' ') << '\r' << std::flush;
    drawn_ = 0;
}

void Context::emit(const sdk::Document& document, std::string_view machine_default) {
    std::string chosen = format;
    if (chosen.empty() && !output.empty()) chosen = format_for_extension(output);
    if (chosen.empty()) chosen = s().config().text("output.format");
    if (chosen.empty())
        chosen = (output.empty() && isatty(STDOUT_FILENO)) ? "table" : std::string(machine_default);
    std::string bytes = s().render(document, chosen);
    if (output.empty() || output == "-") {
        std::fwrite(bytes.data(), 1, bytes.size(), stdout);
        if (std::fflush(stdout) != 0) throw Error("cannot write to standard output");
    } else {
        write_file_atomically(output, bytes);
        info(fmt::format("wrote {} ({})", output, chosen));
    }
}

void Context::info(const std::string& message) const {
    if (!quiet) std::cerr << message << '\n';
}

void Context::warn(const std::string& message) const { std::cerr << "bzpeer: warning: " << message << '\n'; }

}  // namespace bzpeer::cli
