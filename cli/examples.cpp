#include "examples.hpp"

#include <map>

namespace bzpeer::cli {

namespace {

// Command path -> its examples. A command missing here shows no examples; a command of a
// plugin that is not loaded simply never asks for its entry.
const std::map<std::string, std::vector<Example>>& example_table() {
    static const std::map<std::string, std::vector<Example>> table = {
        {"",
         {{"init", "create the database and a documented config file"},
          {"import arxiv --file feed.xml", "import saved arXiv API responses"},
          {"people 'Bo Zheng'", "the people behind a name, and what sets them apart"},
          {"profile p:1 --output profile.md",
           "write p:1's profile to a file, as Markdown (by its extension)"}}},
        {"init",
         {{"", "create the database and config file in the XDG folders (safe to run again)"},
          {"--db lab.db --config lab.yaml", "start a second database with a config file of its own"}}},
        {"import",
         {{"arxiv --file feed.xml --file more.xml", "import saved arXiv responses"},
          {"orcid 0000-0002-1825-0097", "import a person's ORCID record"}}},
        {"import authors",
         {{"department.csv --dry-run",
           "check the rows and what they match in the database, changing nothing"},
          {"department.csv --resume", "import everyone listed, skipping the rows an earlier run finished"}}},
        {"import arxiv",
         {{"--file feed.xml --file more.xml", "read saved API or OAI-PMH responses"},
          {"--query 'au:\"Bo Zheng\"'", "search the live API (requests 3 s apart, answers cached)"},
          {"--oai --from 2024-01-01 --set cs", "harvest the records of the cs set changed since a date"},
          {"--snapshot arxiv-metadata-oai-snapshot.json.gz", "stream arXiv's bulk metadata snapshot"}}},
        {"import crossref",
         {{"--doi 10.1103/PhysRevB.71.184511", "fetch one work by its DOI"},
          {"--orcid 0000-0002-1825-0097", "fetch the works that list an ORCID iD"},
          {"--dump crossref-works.jsonl.gz", "stream a JSON-lines dump"}}},
        {"import orcid",
         {{"0000-0002-1825-0097", "fetch a live ORCID record: the person, employments and works"},
          {"0000-0002-1825-0097 --enrich", "the same, and import the record's DOIs from Crossref"}}},
        {"stats",
         {{"", "count works, people and authorships"},
          {"--format json", "the same counts as a JSON object"}}},
        {"works",
         {{"--format jsonl", "every work, one JSON object a line"},
          {"p:1 --output works.csv", "p:1's works as CSV (by the file's extension)"}}},
        {"works disown", {{"2106.06224 --from p:1", "record that a work is not p:1's (kept in the ledger)"}}},
        {"works claim",
         {{"10.1103/PhysRevB.71.184511 --for p:1", "record that a work is p:1's (kept in the ledger)"}}},
        {"people",
         {{"'Bo Zheng'", "each person of that name, with co-authors, subjects, years and flags"},
          {"'Zheng, B.' --format json", "the same as JSON, one element per person"}}},
        {"people merge", {{"p:1 p:7", "record that p:1 and p:7 are one person"}}},
        {"people split",
         {{"p:1 --works 2101.00001 2102.00002", "move two works to a new person"},
          {"p:1 --flagged", "split p:1 along the groups 'bzpeer people' flags (the largest stays)"}}},
        {"profile",
         {{"p:1", "p:1's profile: topics, co-authors, works"},
          {"0000-0002-1825-0097 --explain", "every work of the profile with how it came to be there"},
          {"p:1 --coauthors 0 --format markdown > profile.md", "all co-authors, as Markdown, into a file"}}},
        {"resolve", {{"", "cluster every name again, keeping the corrections of the ledger"}}},
        {"explain", {{"2106.06224 p:1", "why that work is (or is not) on p:1's profile"}}},
        {"trust",
         {{"p:1", "p:1's trust score, band and verification level"},
          {"0000-0002-1825-0097 --explain --format json",
           "every component of the score with its points and evidence, as JSON"}}},
        {"ledger",
         {{"export --output corrections.json", "save the corrections to share them"},
          {"import corrections.json", "apply corrections someone exported"}}},
        {"ledger export", {{"> corrections.json", "every correction, oldest first, as JSON"}}},
        {"ledger import", {{"corrections.json", "add the corrections of an exported ledger"}}},
        {"eval",
         {{"--truth labelled.json",
           "pairwise and B-cubed precision, recall and F1 against labelled authorships"},
          {"--orcid --format json",
           "hide the ORCIDs the database holds, resolve again, and score against them"}}},
        {"collaborators",
         {{"p:1 --close --format csv", "p:1's close collaborators (2+ joint works by default) as CSV"},
          {"'Adrian Del Maestro' --since 2010 --limit 10", "the ten with most joint works since 2010"}}},
        {"whoami",
         {{"", "the user you act as (config user.name), their ORCID, claim and follows"},
          {"--as alice", "the same for another user of a shared database"}}},
        {"claim",
         {{"p:1", "claim p:1 as yourself with config user.orcid (its record must list p:1's works)"},
          {"'Adrian Del Maestro' --orcid 0000-0002-1825-0097", "claim with an ORCID iD given here"}}},
        {"unclaim", {{"p:1", "withdraw your claim of p:1"}}},
        {"claims",
         {{"", "the live claims: person, user, ORCID and the works the record backs"},
          {"--all --format json", "every claim, withdrawn ones too, as JSON"}}},
        {"follow", {{"p:1", "follow p:1: their new works show in your feed"}}},
        {"unfollow", {{"p:1", "stop following p:1"}}},
        {"following", {{"", "the people you follow, and how many of their new works you have not seen"}}},
        {"feed",
         {{"", "what is new about the people you follow since you last looked (then marked seen)"},
          {"--since 2024-01-01 --format json", "what was stored since a date, marking nothing"}}},
        {"graph",
         {{"p:1 --depth 2 | dot -Tsvg > graph.svg", "p:1's co-authors and theirs, drawn by Graphviz"},
          {"p:1 --nodes works,topics,institutions --output graph.graphml",
           "p:1 with works, topics and institutions, for Gephi or networkx"},
          {"--name 'Bo Zheng' --output bo.html", "every person named Bo Zheng as a cluster, in a web page"}}},
        {"suggest",
         {{"p:1", "people p:1 might work with, each with the reason (mutual collaborators, shared topics)"},
          {"'Adrian Del Maestro' --limit 5 --format json", "the five strongest, as JSON"}}},
        {"invite",
         {{"p:7 --message 'I liked your paper on vortices.' --output invite.eml",
           "write an invitation to p:7 as an email file (kept as a draft; needs `bzpeer claim` first)"},
          {"p:7 --to ada@example.org --send",
           "send it through config smtp.url; `bzpeer invitations` shows if it went"}}},
        {"invitations",
         {{"", "your invitations, newest first, with status (draft, sent, failed) and any error"},
          {"--format json", "the same as JSON"}}},
        {"formats", {{"", "every output format and the documents it renders"}}},
        {"plugins", {{"list", "every plugin found, and why any was rejected"}}},
        {"plugins list",
         {{"", "every plugin found, loaded or not"},
          {"--plugin-path ./my-plugins", "also look in a folder of your own, first"}}},
        {"config",
         {{"show", "every setting in force"},
          {"set profile.coauthors 50", "change one setting in the config file"}}},
        {"config path", {{"", "the config file in use"}}},
        {"config show", {{"", "every key with its value"}, {"--format json", "the same as JSON"}}},
        {"config get", {{"profile.coauthors", "print one setting"}}},
        {"config set",
         {{"profile.coauthors 50", "list up to 50 co-authors on profiles"},
          {"plugins.path ~/bzpeer-plugins,/opt/bzpeer/plugins", "a list setting: comma-separated"}}},
        {"completion",
         {{"bash > ~/.local/share/bash-completion/completions/bzpeer",
           "install the bash completion for yourself"},
          {"zsh > ~/.zfunc/_bzpeer", "the zsh completion, for a folder in your fpath"},
          {"fish > ~/.config/fish/completions/bzpeer.fish", "the fish completion"}}},
        {"manual",
         {{"profile | man -l -", "read the page of one command"}, {"> bzpeer.1", "save the main page"}}},
    };
    return table;
}

}  // namespace

const std::vector<Example>& examples_for(const std::string& command_path) {
    static const std::vector<Example> none;
    auto found = example_table().find(command_path);
    return found == example_table().end() ? none : found->second;
}

std::string example_command_line(const std::string& command_path, const Example& example) {
    std::string line = "bzpeer";
    if (!command_path.empty()) line += " " + command_path;
    if (!example.arguments.empty()) line += " " + example.arguments;
    return line;
}

}  // namespace bzpeer::cli
