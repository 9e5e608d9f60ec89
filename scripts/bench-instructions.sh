#!/usr/bin/env bash
# Compares two builds of touchbase by the instructions `touchbase check`
# executes on a generated corpus (valgrind --tool=callgrind), which, unlike
# wall time, does not depend on what else the machine is doing, and by peak
# memory (/usr/bin/time -v, a normal run). Prints a markdown table to paste
# into BENCHMARKS.md.
#
# Usage: scripts/bench-instructions.sh [--lanes] [SIZE]
#   SIZE      1k = 1000 terms + 200 touchpoints, 10k = 10000 + 2000. Default 10k.
#   --lanes   also run the newer binary on the same corpus generated with
#             `gen_corpus --lanes` (journey maps with every lane, future
#             states, persona pages), which older binaries cannot read.
#
# Environment:
#   BEFORE=42d106b    commit of the older binary; built from `git archive`
#                     into BENCH_DIR (once per commit) unless BEFORE_BIN is set
#   BEFORE_BIN        prebuilt older binary
#   AFTER_BIN         newer binary (default: target/release/touchbase, built here)
#   BENCH_DIR=/tmp/touchbase-bench   corpora, builds, callgrind output
#   SEED=42           corpus seed
#   THREADS=1         RAYON_NUM_THREADS under callgrind (valgrind runs one
#                     thread at a time anyway; one worker keeps the work
#                     split, and so the count, the same from run to run)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seed=${SEED:-42}
work=${BENCH_DIR:-/tmp/touchbase-bench}
before=${BEFORE:-42d106b}
threads=${THREADS:-1}
lanes=0
size=10k

# shellcheck source=scripts/common.sh
source "$repo/scripts/common.sh"

while (($#)); do
    case $1 in
        --lanes) lanes=1 ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) check_size "$1"; size=$1 ;;
    esac
    shift
done
command -v valgrind >/dev/null || die "valgrind is needed"
mkdir -p "$work"

# The older binary: built once per commit from a clean export of it.
before_binary() {
    if [[ -n ${BEFORE_BIN:-} ]]; then
        echo "$BEFORE_BIN"
        return
    fi
    local commit src bin
    commit=$(git -C "$repo" rev-parse --short=12 "$before^{commit}") || die "unknown commit $before"
    src=$work/src-$commit
    bin=$work/touchbase-$commit
    if [[ ! -x $bin ]]; then
        log "building touchbase at $commit (cargo build --release, in $src)"
        rm -rf "$src" && mkdir -p "$src"
        git -C "$repo" archive "$commit" | tar -x -C "$src"
        (cd "$src" && CARGO_TARGET_DIR=$src/target cargo build --release --quiet --bin touchbase)
        cp "$src/target/release/touchbase" "$bin"
    fi
    echo "$bin"
}

build_release gen_corpus
after=${AFTER_BIN:-$repo/target/release/touchbase}
cp "$after" "$work/touchbase-after-$$"
after=$work/touchbase-after-$$
trap 'rm -f "$work/touchbase-after-$$"' EXIT
before_bin=$(before_binary)
gen=$repo/target/release/examples/gen_corpus
ensure_corpus "$size" "$gen"
if ((lanes)); then
    ensure_corpus "$size" "$gen" --lanes
fi

# Instructions executed by `check` (callgrind's total Ir).
instructions() {
    local bin=$1 corpus=$2 out log
    out=$(mktemp "$work/callgrind.XXXXXX")
    log=$(mktemp "$work/callgrind-log.XXXXXX")
    RAYON_NUM_THREADS=$threads TOUCHBASE_LOG=off valgrind --tool=callgrind \
        --callgrind-out-file="$out" "$bin" check --root "$corpus" >/dev/null 2>"$log" || true
    grep -q 'Checked [0-9]* pages\|Collected' "$log" || { tail -5 "$log" >&2; die "check failed under valgrind"; }
    awk '/Collected :/ { print $NF }' "$log"
    rm -f "$out" "$log"
}

# Peak resident memory of a normal `check`, in MB.
peak_mb() {
    local bin=$1 corpus=$2 timing
    timing=$(mktemp "$work/time.XXXXXX")
    TOUCHBASE_LOG=off /usr/bin/time -v -o "$timing" "$bin" check --root "$corpus" >/dev/null 2>&1 || true
    awk -F': ' '/Maximum resident set size/ { printf "%.0f\n", $2 / 1024 }' "$timing"
    rm -f "$timing"
}

plain=$work/corpus-$size
runs=(
    "before ($before)|$before_bin|$plain"
    "after|$after|$plain"
)
((lanes)) && runs+=("after, corpus with --lanes|$after|$work/corpus-$size-lanes")

printf '| binary | corpus | instructions (Ir) | vs. before | peak RSS |\n|---|---|---:|---:|---:|\n'
base=
for run in "${runs[@]}"; do
    IFS='|' read -r name bin corpus <<<"$run"
    log "callgrind: $name on $(basename "$corpus") (a few minutes)"
    ir=$(instructions "$bin" "$corpus")
    mb=$(peak_mb "$bin" "$corpus")
    base=${base:-$ir}
    ratio=$(awk -v a="$ir" -v b="$base" 'BEGIN { printf "%+.2f %%", (a / b - 1) * 100 }')
    printf '| %s | %s | %s | %s | %s MB |\n' "$name" "$(basename "$corpus")" \
        "$(printf "%'d" "$ir" 2>/dev/null || echo "$ir")" "$ratio" "$mb"
done
