#include "context.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
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
    if (ext == ".dot" || ext == ".gv") return "dot";
    if (ext == ".graphml") return "graphml";
    if (ext == ".html" || ext == ".htm") return "html";
    if (ext == ".bib") return "bibtex";
    return {};
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
    // The configured default and the terminal's table serve where they fit this document (a
    // graph has no table form); otherwise the command's own default does.
    auto fits = [&](const std::string& f) {
        auto names = s().plugins().format_names(document.kind);
        return std::find(names.begin(), names.end(), f) != names.end();
    };
    if (chosen.empty() && fits(s().config().text("output.format")))
        chosen = s().config().text("output.format");
    if (chosen.empty() && output.empty() && isatty(STDOUT_FILENO) && fits("table")) chosen = "table";
    if (chosen.empty()) chosen = std::string(machine_default);
    if (document.kind == "graph" && !output.empty() && output != "-" &&
        (chosen == "csv" || chosen == "tsv")) {
        write_node_and_edge_lists(document, chosen);
        return;
    }
    std::string bytes = s().render(document, chosen);
    if (output.empty() || output == "-") {
        std::fwrite(bytes.data(), 1, bytes.size(), stdout);
        if (std::fflush(stdout) != 0) throw Error("cannot write to standard output");
    } else {
        write_file_atomically(output, bytes);
        info(fmt::format("wrote {} ({})", output, chosen));
    }
}

// A graph is two tables: FILE.csv becomes FILE.nodes.csv and FILE.edges.csv.
void Context::write_node_and_edge_lists(const sdk::Document& document, const std::string& chosen) {
    std::filesystem::path file(output);
    auto stem = file.parent_path() / file.stem();
    std::filesystem::path nodes = stem.string() + ".nodes." + chosen,
                          edges = stem.string() + ".edges." + chosen;
    write_file_atomically(nodes, s().render(document, "nodes-" + chosen));
    write_file_atomically(edges, s().render(document, chosen));
    info(fmt::format("wrote {} and {} ({})", nodes.string(), edges.string(), chosen));
}

void Context::info(const std::string& message) const {
    if (!quiet) std::cerr << message << '\n';
}

void Context::warn(const std::string& message) const { std::cerr << "bzpeer: warning: " << message << '\n'; }

}  // namespace bzpeer::cli
