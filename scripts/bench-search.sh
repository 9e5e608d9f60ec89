#!/usr/bin/env bash
# Measures search on a generated corpus and prints markdown tables for
# BENCHMARKS.md ("Search"): what indexing adds to the build, the index's
# size, and per query in headless Chromium the time from the last
# keystroke to the results and the bytes fetched (examples/bench_search.rs);
# then the same for Pagefind on the same output, side by side.
#
# Usage: scripts/bench-search.sh [SIZE]
#   SIZE      10k (default) = 10000 terms + 2000 touchpoints; Nk alike.
#
# Environment:
#   RUNS=5            builds (medians reported) and warm queries per query
#   PAUSE=20          seconds to sleep before each build (as in bench.sh:
#                     right after a big delete or write this machine writes
#                     files 2-3x slower for about a minute)
#   BENCH_DIR=/tmp/touchbase-bench   corpora, shared with scripts/bench.sh
#   SEED=42           corpus seed
#   PAGEFIND=1        0: leave Pagefind out; else `npm install pagefind`
#                     into $BENCH_DIR/pagefind when missing
#   QUERIES="kundenbind Abwanderungsablauf beschwerde lieferzeit Kundenkontakpunkt"
#                     one-word queries on the corpus
# Needs chromium and chromium-driver (Debian), gzip, and npm for Pagefind.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
size=${1:-10k}
work=${BENCH_DIR:-/tmp/touchbase-bench}
seed=${SEED:-42}
runs=${RUNS:-5}
pause=${PAUSE:-20}
queries=${QUERIES:-kundenbind Abwanderungsablauf beschwerde lieferzeit Kundenkontakpunkt}

# shellcheck source=scripts/common.sh
source "$repo/scripts/common.sh"

size_arg "$size"
args=$(size_args "$size")

mkdir -p "$work"
build_release gen_corpus bench_search
tb=$work/touchbase-search-$$
out=$work/search-out-$$
demo=$work/search-demo-$$
cleanup() { rm -rf "$tb" "$out" "$demo" "$out-pf" "$demo-pf"; }
trap cleanup EXIT
cp "$repo/target/release/touchbase" "$tb"
bench=$repo/target/release/examples/bench_search

# Same corpus as scripts/bench.sh.
ensure_corpus "$size" "$repo/target/release/examples/gen_corpus"
corpus=$work/corpus-$size

gz() { gzip -6c "$1" | wc -c; }

read -r load _ </proc/loadavg
log "load average before the run: $load"

# --- build time: the "search" stage against the whole build ---
totals=() searches=()
for ((i = 1; i <= runs; i++)); do
    rm -rf "$out"
    sleep "$pause"
    start=$(date +%s.%N)
    stages=$(TOUCHBASE_LOG=debug "$tb" build --root "$corpus" --output "$out" 2>&1 >/dev/null | grep '^\[touchbase\]' || true)
    end=$(date +%s.%N)
    totals+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')")
    searches+=("$(echo "$stages" | awk '/\] search:/ {print $3 / 1000}')")
    log "build $i: ${totals[-1]} s, search ${searches[-1]} s"
done
total=$(median "${totals[@]}")
search=$(median "${searches[@]}")
share=$(awk -v s="$search" -v t="$total" 'BEGIN {printf "%.1f", 100 * s / (t - s)}')

index_files=$(find "$out/search" -type f | wc -l)
index_raw=$(du -sb "$out/search" | cut -f1)
names_raw=$(wc -c <"$out/search/de/names.json")
names_gz=$(gz "$out/search/de/names.json")
js_raw=$(wc -c <"$out/assets/search.js")
js_gz=$(gz "$out/assets/search.js")

echo "### Indexing ($size corpus, $runs builds, load average $load)"
echo
echo "| build (median) | of which search index | index adds | index files | index size | names.json (de) | search.js |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
echo "| ${total} s | ${search} s | ${share} % | $index_files | $((index_raw / 1024)) KiB | $((names_raw / 1024)) KiB, $((names_gz / 1024)) KiB gzip | $((js_raw / 1024)) KiB, $((js_gz / 1024)) KiB gzip |"
echo

# Bytes of the fetched files: gzip size for text, raw size for files that
# are compressed already (Pagefind's .pf_* and wasm files).
fetched_kb() {
    local root=$1 mount=$2 list=$3 sum=0 path file
    IFS=, read -r -a paths <<<"$list"
    for path in "${paths[@]}"; do
        [[ -n $path ]] || continue
        file=$root/${path#"$mount"}
        case $file in
            *.pf_* | *.pagefind) sum=$((sum + $(wc -c <"$file"))) ;;
            *) sum=$((sum + $(gz "$file"))) ;;
        esac
    done
    echo $((sum / 1024))
}

# One table per tool: query, first results, warm and cold time, files, KiB.
table() {
    local root=$1 mount=$2 label=$3
    echo "| query | first results | warm | cold (incl. loading) | files fetched | KiB fetched (gzip) |"
    echo "|---|---|---:|---:|---:|---:|"
    while IFS=$'\t' read -r q titles warm cold list; do
        files=$(tr ',' '\n' <<<"$list" | grep -c . || true)
        [[ $warm == - ]] && warm="–" || warm="$warm ms"
        echo "| \`$q\` | $titles | $warm | $cold ms | $files | $(fetched_kb "$root" "$mount" "$list") |"
    done
    log "$label done"
}

echo "### Queries on the $size site (headless Chromium, localhost; warm: median of $runs)"
echo
# shellcheck disable=SC2086 # a list of words on purpose
"$bench" --runs "$runs" "$out" /kb/ "" $queries | table "$out" /kb/ touchbase
echo

"$tb" build --root "$repo" --output "$demo" >/dev/null 2>&1
echo "### The demo queries (demo site)"
echo
{
    "$bench" --runs "$runs" "$demo" /kb/ "" kundenbind Kundenkontakpunkt aussenwerbung Außenwerbung
    "$bench" --runs "$runs" "$demo" /kb/ en/ touchpo
} | table "$demo" /kb/ demo
echo

if [[ ${PAGEFIND:-1} == 0 ]]; then
    exit 0
fi
pf=$work/pagefind/node_modules/.bin/pagefind
if [[ ! -x $pf ]]; then
    log "installing pagefind into $work/pagefind"
    mkdir -p "$work/pagefind"
    (cd "$work/pagefind" && npm init -y >/dev/null && npm install --silent pagefind >&2)
fi
cp -r "$out" "$out-pf"
cp -r "$demo" "$demo-pf"
pf_times=()
for ((i = 1; i <= runs; i++)); do
    rm -rf "$out-pf/pagefind"
    sleep "$pause"
    start=$(date +%s.%N)
    "$pf" --site "$out-pf" >/dev/null
    end=$(date +%s.%N)
    pf_times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')")
    log "pagefind $i: ${pf_times[-1]} s"
done
pf_time=$(median "${pf_times[@]}")
pf_rss=$( { /usr/bin/time -f '%M' "$pf" --site "$out-pf" >/dev/null; } 2>&1 | tail -1)
"$pf" --site "$demo-pf" >/dev/null
pf_files=$(find "$out-pf/pagefind" -type f | wc -l)
pf_size=$(du -sb "$out-pf/pagefind" | cut -f1)
echo "### Pagefind $("$pf" --version | cut -d' ' -f2) on the same output"
echo
echo "| indexing (median of $runs) | peak RSS | index files | index size |"
echo "|---:|---:|---:|---:|"
echo "| ${pf_time} s | $((pf_rss / 1024)) MiB | $pf_files | $((pf_size / 1024)) KiB |"
echo
echo "Queries through its JavaScript API (search, then the data of the first 8 results):"
echo
# shellcheck disable=SC2086 # a list of words on purpose
"$bench" --pagefind "$out-pf" /kb/ "" $queries | table "$out-pf" /kb/ pagefind
echo
echo "The demo queries with Pagefind (demo site):"
echo
{
    "$bench" --pagefind "$demo-pf" /kb/ "" kundenbind Kundenkontakpunkt aussenwerbung Außenwerbung
    "$bench" --pagefind "$demo-pf" /kb/ en/ touchpo
} | table "$demo-pf" /kb/ "pagefind demo"
