#!/usr/bin/env bash
# Drives the generated completion of one shell the way the shell would, and checks what it
# offers.
#   bash tests/completions.sh bash|zsh|fish COMPLETIONS_FOLDER
# Exits 77 (skipped) when that shell is not installed (Debian packages zsh, fish).
set -uo pipefail
shell=$1
folder=$(cd "$2" && pwd)
command -v "$shell" >/dev/null || {
    echo "$shell is not installed"
    exit 77
}
# File completions are checked in a folder of known files.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
touch labelled.json lab.db notes.txt
failures=0

# expect WANTED GOT DESCRIPTION: the two space-separated word lists hold the same words.
expect() {
    local wanted got
    wanted=$(tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort | tr '\n' ' ')
    got=$(tr ' ' '\n' <<<"$2" | sed '/^$/d' | sort | tr '\n' ' ')
    if [ "$wanted" != "$got" ]; then
        echo "FAIL $3: wanted [$wanted] got [$got]"
        failures=$((failures + 1))
    fi
}

case $shell in
bash)
    # shellcheck source=/dev/null
    source "$folder/bzpeer.bash"
    # offered WORD...: what TAB offers after `bzpeer WORD...`, the last word being the one completed.
    offered() {
        COMP_WORDS=(bzpeer "$@")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMPREPLY=()
        _bzpeer
        echo "${COMPREPLY[*]}"
    }
    expect "profile plugins people" "$(offered p)" "commands starting with p"
    expect "profile" "$(offered --format json prof)" "a command after a global option and its value"
    expect "split" "$(offered people sp)" "a subcommand"
    expect "" "$(offered people 'Bo Zheng' '')" "after a person's name: nothing"
    expect "bash zsh fish" "$(offered completion '')" "completion's shells"
    expect "profile.coauthors profile.abstracts" "$(offered config get prof)" "config get's keys"
    expect "profile.coauthors profile.abstracts" "$(offered config set prof)" "config set's keys"
    expect "" "$(offered config set profile.coauthors '')" "config set's value: nothing"
    expect "json jsonl" "$(offered stats --format js)" "formats"
    expect "lab.db labelled.json" "$(offered --db la)" "--db takes a file"
    expect "labelled.json" "$(offered eval --truth labe)" "eval --truth takes a file"
    expect "labelled.json" "$(offered ledger import labe)" "ledger import takes a file"
    expect "notes.txt" "$(offered import arxiv --file no)" "import --file takes a file"
    expect "--works" "$(offered people split p:1 --wo)" "a command's own option"
    expect "--db" "$(offered people split --d)" "a global option after the command"
    expect "--truth" "$(offered eval --orcid --tr)" "a flag takes no value"
    ;;
zsh)
    zsh -n "$folder/_bzpeer" || { echo "FAIL zsh -n"; failures=$((failures + 1)); }
    head -1 "$folder/_bzpeer" | grep -qx '#compdef bzpeer' || { echo "FAIL no #compdef line"; failures=$((failures + 1)); }
    # Sourced into an interactive setup it defines one function per command and registers itself.
    out=$(zsh -f -c "autoload -Uz compinit && compinit -u -D && source '$folder/_bzpeer' &&
        whence -w _bzpeer_people_split _bzpeer_config_get && print -r -- \$_comps[bzpeer]" 2>&1)
    expect "_bzpeer_people_split: function _bzpeer_config_get: function _bzpeer" "$out" "zsh functions"
    ;;
fish)
    fish -n "$folder/bzpeer.fish" || { echo "FAIL fish -n"; failures=$((failures + 1)); }
    # offered LINE: the candidates fish lists for the command line LINE.
    offered() {
        fish --no-config -c "source '$folder/bzpeer.fish'; complete -C '$1'" | cut -f1 | tr '\n' ' '
    }
    expect "profile plugins people" "$(offered 'bzpeer p')" "commands starting with p"
    expect "split" "$(offered 'bzpeer people sp')" "a subcommand"
    expect "arxiv authors" "$(offered 'bzpeer import a')" "import's sources"
    expect "" "$(offered 'bzpeer ledger import ar')" "ledger import is not import"
    expect "bash zsh fish" "$(offered 'bzpeer completion ')" "completion's shells"
    expect "profile.coauthors profile.abstracts" "$(offered 'bzpeer config get prof')" "config get's keys"
    expect "json jsonl" "$(offered 'bzpeer stats --format js')" "formats"
    expect "lab.db labelled.json" "$(offered 'bzpeer --db la')" "--db takes a file"
    expect "labelled.json" "$(offered 'bzpeer eval --truth labe')" "eval --truth takes a file"
    expect "notes.txt" "$(offered 'bzpeer --output no')" "--output takes a file"
    expect "labelled.json" "$(offered 'bzpeer ledger import labe')" "ledger import takes a file"
    expect "" "$(offered 'bzpeer people la')" "a person's name is no file"
    ;;
*)
    echo "unknown shell $shell"
    exit 2
    ;;
esac
echo "$shell: $failures failures"
[ "$failures" -eq 0 ]
