#include "docgen.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "bzpeer/base/error.hpp"
#include "bzpeer/base/version.hpp"
#include "command_table.hpp"
#include "examples.hpp"
#include "help.hpp"

namespace bzpeer::cli {

namespace {

std::string join(const std::vector<std::string>& items, const char* sep) {
    return fmt::format("{}", fmt::join(items, sep));
}

std::string roff(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\')
            out += "\\e";
        else if (c == '-')
            out += "\\-";
        else
            out += c;
    }
    if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out = "\\&" + out;
    return out;
}

std::string usage(const std::string& path, const CLI::App& app) {
    std::string line = "\\fBbzpeer\\fR" + (path.empty() ? "" : " \\fB" + roff(path) + "\\fR");
    if (!named_options(app).empty()) line += " [\\fIOPTIONS\\fR]";
    if (!children(app).empty()) line += " \\fICOMMAND\\fR";
    for (const auto* o : app.get_options([](const CLI::Option* o) { return o->get_positional(); }))
        line +=
            o->get_required() ? " \\fI" + o->get_name(true) + "\\fR" : " [\\fI" + o->get_name(true) + "\\fR]";
    return line;
}

void describe_options(const CLI::App& app, std::string& out) {
    for (const auto* o : app.get_options()) {
        if (o->get_lnames().size() == 1 && o->get_lnames()[0] == "help") continue;
        std::string names = o->get_positional() ? "\\fI" + o->get_name(true) + "\\fR"
                                                : "\\fB" + roff(join(flag_names(*o), ", ")) + "\\fR";
        if (!o->get_positional() && takes_value(*o)) names += " \\fIVALUE\\fR";
        out += ".TP\n" + names + "\n" + roff(o->get_description()) + "\n";
    }
}

// EXAMPLES: the examples of `path` and of every command below it, from the table --help
// shows too.
void describe_examples(const std::string& path, const std::vector<Command>& below, std::string& out) {
    std::vector<std::string> paths{path};
    for (const auto& c : below) paths.push_back(c.path);
    std::string entries;
    for (const auto& p : paths)
        for (const auto& example : examples_for(p))
            entries +=
                ".TP\n\\fB" + roff(example_command_line(p, example)) + "\\fR\n" + roff(example.what) + "\n";
    if (!entries.empty()) out += ".SH EXAMPLES\n" + entries;
}

// Sections that only one command's page has, in roff, after its options.
std::string extra_sections(const std::string& command) {
    if (command != "eval") return "";
    return R"(.SH FILE FORMAT
The file that \fB\-\-truth\fR names is JSON: authorships, each labelled with the person who
truly wrote it. Authorships with the same label are the same person; different labels are
different people. Usually it is an object with the name the authorships share and the list:
.PP
.RS 4
.nf
{"name": "Bo Zheng",
 "authorships": [
   {"work": "arxiv:2101.00001", "author": "Bo Zheng", "person": "P1"},
   {"work": "10.1103/physrevb.71.184511", "position": 2, "person": "P2"}]}
.fi
.RE
.PP
Each authorship has these keys:
.TP
\fBwork\fR (also \fBid\fR, \fBarxiv\fR, \fBarxiv_id\fR or \fBdoi\fR)
the work: an arXiv identifier in any form, with or without a version, a DOI, or \fBw:\fR\fIN\fR.
.TP
\fBposition\fR
which author of the work it is, counting from 1.
.TP
\fBauthor\fR
which author it is by name, as printed on the work or in a compatible form (\(lqB. Zheng\(rq
for \(lqBo Zheng\(rq); used when there is no \fBposition\fR.
.TP
\fBperson\fR (also \fBlabel\fR or \fBcluster\fR)
the true person: any string or number.
.PP
An authorship with neither \fBposition\fR nor \fBauthor\fR is found by the file's \fBname\fR.
The file may also be the bare list (\fB[...]\fR). When nothing in it names anybody (no
\fBname\fR, \fBauthor\fR or \fBposition\fR), its authorships are those of the one name its
works have in common.
.SH OUTPUT
Besides pairwise and B\-cubed precision, recall and F1, \fBeval \-\-truth\fR lists where the
attribution differs from the truth: a person found who holds works of several true people
(\(lqmerged\(rq), and a true person whose works are spread over several people found
(\(lqsplit\(rq), with the labels and how many works each has. In JSON every person found is
listed as \fB"people": [{"id", "mentions", "truth": {\fR\fIlabel\fR\fB: \fR\fIcount\fR\fB}}]\fR.
)";
}

}  // namespace

std::string man_page(const CLI::App& root, const std::string& command) {
    const CLI::App* app = &root;
    if (!command.empty()) {
        app = nullptr;
        for (const auto* sub : children(root))
            if (sub->get_name() == command) app = sub;
        if (!app) {
            std::string message = fmt::format("no command '{}'", command);
            std::vector<std::string> names;
            for (const auto* sub : children(root)) names.push_back(sub->get_name());
            if (auto meant = closest_name(command, names))
                message += fmt::format("; did you mean '{}'?", *meant);
            throw usage_error(message);
        }
    }
    std::string title = command.empty() ? "BZPEER" : "BZPEER-" + command;
    std::transform(title.begin(), title.end(), title.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    std::string out =
        // A `.\"` comment: man-db reads a first line starting `'\"` as the list of preprocessors.
        ".\\\" Generated by `bzpeer manual" + (command.empty() ? "" : " " + command) + "`; do not edit.\n";
    out += fmt::format(".TH {} 1 \"\" \"bzpeer {}\" \"bzpeer manual\"\n", title, version());
    out += ".SH NAME\n" + roff(command.empty() ? "bzpeer" : "bzpeer-" + command) + " \\- " +
           roff(app->get_description()) + "\n";
    out += ".SH SYNOPSIS\n" + usage(command, *app) + "\n";
    if (command.empty()) {
        out +=
            ".SH DESCRIPTION\n"
            "bzpeer builds a local research graph of works, people, topics and institutions from "
            "scholarly sources, tells apart the people who share a name, and prints profile reports, "
            "work lists and tables. Data goes to standard output, messages to standard error.\n";
        out += ".SH GLOBAL OPTIONS\n";
        describe_options(root, out);
        out += ".SH COMMANDS\n";
        for (const auto* sub : children(root))
            out += ".TP\n\\fB" + roff(sub->get_name()) + "\\fR\n" + roff(sub->get_description()) +
                   " See \\fBbzpeer\\-" + roff(sub->get_name()) + "\\fR(1).\n";
        out +=
            ".SH EXIT STATUS\n0 success; 1 runtime failure (bad input, unreadable file, database error); "
            "2 usage error; 3 not found or ambiguous reference.\n";
        out +=
            ".SH ENVIRONMENT\n.TP\n\\fBBZPEER_DB\\fR\nthe database file, unless \\fB\\-\\-db\\fR is given.\n"
            ".TP\n\\fBBZPEER_CONFIG\\fR\nthe config file, unless \\fB\\-\\-config\\fR is given.\n"
            ".TP\n\\fBBZPEER_PLUGIN_PATH\\fR\ncolon-separated plugin folders, searched after "
            "\\fB\\-\\-plugin\\-path\\fR.\n";
        out +=
            ".SH FILES\n.TP\n\\fI$XDG_CONFIG_HOME/bzpeer/config.yaml\\fR\nthe config file.\n"
            ".TP\n\\fI$XDG_DATA_HOME/bzpeer/bzpeer.db\\fR\nthe database.\n";
        describe_examples("", {}, out);
        return out;
    }
    if (!named_options(*app).empty() || !app->get_options().empty()) {
        out += ".SH OPTIONS\n";
        describe_options(*app, out);
        out += ".PP\nThe global options of \\fBbzpeer\\fR(1) are accepted after the command too.\n";
    }
    std::vector<Command> commands;
    collect(*app, command, commands);
    if (!commands.empty()) {
        out += ".SH SUBCOMMANDS\n";
        for (const auto& c : commands) {
            out += ".SS " + usage(c.path, *c.app) + "\n" + roff(c.app->get_description()) + "\n";
            describe_options(*c.app, out);
        }
    }
    out += extra_sections(command);
    describe_examples(command, commands, out);
    out += ".SH SEE ALSO\n\\fBbzpeer\\fR(1)\n";
    return out;
}

}  // namespace bzpeer::cli
