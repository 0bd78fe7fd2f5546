#!/usr/bin/env bash
# network_bench.sh BUILD_DIR [SMALL LARGE]: how `graph PERSON --depth 2` and `collaborators PERSON`
# scale with the store. snapshot_bench builds a SMALL (10k) and a LARGE (100k) record store of
# the same shape; in each, the person asked about is the one whose works count is nearest 20,
# so both questions have the same size and only the store grows. Prints the median of 5 runs
# and the LARGE/SMALL ratio (1.0 = flat in the size of the store). A depth-2 graph with no
# limit reaches more people in the larger store (its co-authors have more co-authors), so that
# row is also given per person drawn.
set -euo pipefail
build=$(cd "${1:?usage: network_bench.sh BUILD_DIR [SMALL LARGE]}" && pwd)
small=${2:-10000} large=${3:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
BZPEER_BENCH_KEEP=1 TMPDIR=$work "$build/bench/snapshot_bench" "$build/bzpeer" "$small" "$large" >&2
stores=$(ls -d "$work"/bzpeer-snapshot-bench-*)

person_near_20() {
    python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT person_id FROM authorships WHERE person_id IS NOT NULL GROUP BY person_id "
                 "ORDER BY abs(count(*) - 20), person_id LIMIT 1").fetchone()
print(f"p:{row[0]}")
PY
}

median_seconds() {  # command...: the median wall time of 5 runs, in seconds
    local times=()
    for _ in 1 2 3 4 5; do
        local start end
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc -l)")
    done
    printf '%s\n' "${times[@]}" | sort -g | sed -n 3p
}

declare -A result
for size in "$small" "$large"; do
    db=$stores/db-$size
    person=$(person_near_20 "$db")
    export BZPEER_DB=$db BZPEER_CONFIG=$work/config.yaml
    result[graph-$size]=$(median_seconds "$build/bzpeer" graph "$person" --depth 2 --format json)
    result[full-$size]=$(median_seconds "$build/bzpeer" graph "$person" --depth 2 --limit 0 --format json)
    result[collab-$size]=$(median_seconds "$build/bzpeer" collaborators "$person" --format json)
    nodes=$("$build/bzpeer" graph "$person" --depth 2 --limit 0 --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["nodes"]))')
    result[node-$size]=$(echo "${result[full-$size]} / $nodes" | bc -l)
    echo "store $size: person $person, depth-2 graph of $nodes people with no limit" >&2
done
printf '%-30s %10s %10s %8s\n' question "${small}" "${large}" ratio
declare -A label=([graph]="graph P --depth 2 (limit 200)" [full]="graph P --depth 2 --limit 0"
                  [node]="  the same, per person drawn" [collab]="collaborators P")
for q in graph full node collab; do
    s=${result[$q-$small]} l=${result[$q-$large]}
    printf '%-30s %9.4fs %9.4fs %7.2fx\n' "${label[$q]}" "$s" "$l" "$(echo "$l / $s" | bc -l)"
done
