#!/usr/bin/env bash
# Measures `touchbase serve` on a generated corpus: the time from saving a
# file to the reload event reaching an open page (examples/bench_serve.rs),
# and prints a markdown table to paste into BENCHMARKS.md ("Live preview").
#
# Usage: scripts/bench-serve.sh [SIZE]
#   SIZE      10k (default) = 10000 terms + 2000 touchpoints; Nk alike.
#
# Environment:
#   EDITS=20          edits of one term's text (median reported)
#   HUB_EDITS=5       edits of the description of the most-linked term
#   SAVE_EVERY=500    then the term's text again, one save every 500 ms
#                     (an author saving quickly; 0: not measured)
#   BENCH_DIR=/tmp/touchbase-bench   corpora, shared with scripts/bench.sh
#                     (reused while their generator arguments and source are
#                     unchanged); the site is edited in a private copy
#   SEED=42           corpus seed
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
size=${1:-10k}
work=${BENCH_DIR:-/tmp/touchbase-bench}
seed=${SEED:-42}
edits=${EDITS:-20}
hub_edits=${HUB_EDITS:-5}
save_every=${SAVE_EVERY:-500}

# shellcheck source=scripts/common.sh
source "$repo/scripts/common.sh"

size_arg "$size"
args=$(size_args "$size")

mkdir -p "$work"
build_release gen_corpus bench_serve
bin=$work/touchbase-serve-$$
site=$work/serve-site-$$
cleanup() { rm -rf "$bin" "$site"; }
trap cleanup EXIT
# A private copy of the binary: a `cargo build` meanwhile must not swap it.
cp "$repo/target/release/touchbase" "$bin"

# Same corpus as scripts/bench.sh.
ensure_corpus "$size" "$repo/target/release/examples/gen_corpus"
corpus=$work/corpus-$size
cp -r "$corpus" "$site"

read -r load _ </proc/loadavg
table=$("$repo/target/release/examples/bench_serve" --site "$site" --bin "$bin" \
    --edits "$edits" --hub-edits "$hub_edits" $([ "$save_every" != 0 ] && echo --save-every "$save_every"))
echo
echo "Measured $(date +%F) on $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)),"
echo "1-minute load average before the run: $load; corpus $size: $args --journeys 50;"
echo "command: scripts/bench-serve.sh $size (EDITS=$edits HUB_EDITS=$hub_edits SAVE_EVERY=$save_every)"
echo
echo "$table"
