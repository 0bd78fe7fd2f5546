#!/usr/bin/env bash
# The project's two entry points (see README.md):
#   bash run.sh demo   install what is missing, build, import the bundled sample, print a profile
#   bash run.sh test   install what is missing, build, run the whole test suite
set -euo pipefail
cd "$(dirname "$0")"

# Debian 12 packages the build and the tests need.
# python3 runs the tests' loopback HTTP server; libgraphviz-dev draws the html format's graphs
# (graphviz brings its layout plugins' configuration and `dot`); graphviz, python3-networkx,
# bibtool and chromium read the graph, bibliography and html outputs back in the consumer tests
# (tests/consumers/); man-db, zsh and fish check the man pages and completions.
packages=(g++ cmake ninja-build pkg-config
          libcli11-dev libyaml-cpp-dev libsqlite3-dev libboost-dev libfmt-dev
          libpugixml-dev libsimdjson-dev libutf8proc-dev libcurl4-openssl-dev zlib1g-dev
          libgraphviz-dev graphviz
          libgtest-dev libgmock-dev python3
          python3-networkx bibtool chromium man-db zsh fish)

install_missing() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return
    echo "run.sh: installing ${missing[*]}" >&2
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

build() {
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
    cmake --build build -j "$(nproc)" >&2
}

demo() {
    local home=build/demo
    rm -rf "$home"
    export BZPEER_DB=$home/bzpeer.db BZPEER_CONFIG=$home/config.yaml
    build/bzpeer init
    build/bzpeer import arxiv --file data/sample/*.xml
    echo >&2
    echo "== bzpeer people 'Del Maestro'" >&2
    build/bzpeer people 'Del Maestro' --format table
    echo >&2
    echo "== bzpeer profile 'Adrian Del Maestro'" >&2
    build/bzpeer profile 'Adrian Del Maestro' --format table
    # A name six people share (made up: tests/fixtures/devset), in a database of its own.
    local devset=tests/fixtures/devset/bo_zheng_6_people
    export BZPEER_DB=$home/devset.db
    build/bzpeer init
    build/bzpeer import arxiv --file "$devset.xml"
    echo >&2
    echo "== bzpeer people 'Bo Zheng' (six made-up people share the name)" >&2
    build/bzpeer people 'Bo Zheng' --format table
    echo >&2
    echo "== bzpeer eval --truth $devset.truth.json" >&2
    build/bzpeer eval --truth "$devset.truth.json" --format table
}

case "${1:-}" in
    demo) install_missing; build; demo ;;
    test) install_missing; build; ctest --test-dir build --output-on-failure -j "$(nproc)" ;;
    *) echo "usage: bash run.sh demo|test" >&2; exit 2 ;;
esac
