#!/usr/bin/env bash
# Measures `touchbase import touchpoints` of a generated CSV (German labels,
# `;`, CRLF, a byte-order mark, quoted cells with line breaks, as Excel
# writes it) into a site holding only its touchbase.toml: once with
# --dry-run, once for real into a fresh folder. Prints a markdown table
# for BENCHMARKS.md ("Import"): wall time, CPU time (user + system) and
# peak RSS (/usr/bin/time -v), medians of RUNS runs, and with CALLGRIND=1 the instruction counts of one
# run each under valgrind, which the machine's load does not disturb.
#
# Usage: scripts/bench-import.sh [ROWS]
#   ROWS      10000 (default)
#
# Environment:
#   RUNS=5            runs of each mode (medians reported)
#   CALLGRIND=0       1: also count instructions with valgrind --tool=callgrind
#   BENCH_DIR=/tmp/touchbase-bench   where the CSV and the sites go
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rows=${1:-10000}
work=${BENCH_DIR:-/tmp/touchbase-bench}
runs=${RUNS:-5}
callgrind=${CALLGRIND:-0}
seed=42

# shellcheck source=scripts/common.sh
source "$repo/scripts/common.sh"

case $rows in
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
[[ $rows =~ ^[1-9][0-9]*$ ]] || die "bad number of rows: $rows"

mkdir -p "$work"
build_release
tb=$work/touchbase-import-$$
sites=$work/import-sites-$$
cleanup() { rm -rf "$tb" "$sites"; }
trap cleanup EXIT
cp "$repo/target/release/touchbase" "$tb"
mkdir -p "$sites"

# The CSV: deterministic, so every run and every machine reads the same bytes.
csv=$work/import-$rows.csv
log "generating $csv"
awk -v n="$rows" 'BEGIN {
    split("Online-Präsenz|Offline-Kanäle|Kundenservice|Nach dem Kauf", channels, "|")
    split("Bewusstsein|Abwägung|Kauf|Onboarding|Nutzung|Bindung|Weiterempfehlung", stages, "|")
    split("brand|Partner|Kunde|extern", owners, "|")
    printf "\357\273\277Titel;Beschreibung;Kanal;Phasen;Verantwortlich;Kennzahlen;Eigentümer;Schlagwörter;Stand\r\n"
    for (i = 1; i <= n; i++) {
        s = stages[i % 7 + 1] "; " stages[(i + 3) % 7 + 1]
        printf "Kontaktpunkt %d – Außendienst Süd;\"Kunden erreichen uns hier, \"\"schnell\"\" und direkt.\nZweite Zeile der Beschreibung %d.\";%s;\"%s\";Team %d;\"Reichweite\nZufriedenheit %d\";%s;\"Import; Test\";%02d.%02d.2026\r\n",
            i, i, channels[i % 4 + 1], s, i % 17, i % 5, owners[i % 4 + 1], i % 28 + 1, i % 12 + 1
    }
}' >"$csv"
csv_bytes=$(wc -c <"$csv")

site() {
    local dir=$sites/$1
    mkdir -p "$dir"
    printf 'title = "Import-Benchmark"\nbase_url = "https://example.com/"\nlanguages = ["de", "en"]\n' >"$dir/touchbase.toml"
    echo "$dir"
}

# Runs one import under /usr/bin/time -v; prints "wall-seconds kilobytes
# cpu-seconds".
timed() {
    local out=$sites/time.txt
    /usr/bin/time -v "$tb" import touchpoints "$csv" "$@" >/dev/null 2>"$out" || {
        cat "$out" >&2
        die "the import failed"
    }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$out")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out")
    cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$out")
    echo "$wall $rss $cpu"
}

read -r load _ </proc/loadavg
log "load average before the run: $load"
declare -A wall rss cpu
for mode in dry-run write; do
    walls=() rsss=() cpus=()
    for ((i = 1; i <= runs; i++)); do
        dir=$(site "$mode-$i")
        if [[ $mode == dry-run ]]; then
            read -r w r c < <(timed --root "$dir" --dry-run)
        else
            read -r w r c < <(timed --root "$dir")
            written=$(find "$dir/content/touchpoints" -name '*.md' | wc -l)
            ((written == rows)) || die "$written files written, not $rows"
        fi
        log "$mode run $i: ${w} s wall, ${c} s CPU, $((r / 1024)) MB"
        walls+=("$w") rsss+=("$r") cpus+=("$c")
    done
    wall[$mode]=$(median "${walls[@]}")
    rss[$mode]=$(median "${rsss[@]}")
    cpu[$mode]=$(median "${cpus[@]}")
done
read -r load_after _ </proc/loadavg

declare -A instructions
if [[ $callgrind == 1 ]]; then
    for mode in dry-run write; do
        dir=$(site "callgrind-$mode")
        extra=()
        [[ $mode == dry-run ]] && extra=(--dry-run)
        instructions[$mode]=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
            "$tb" import touchpoints "$csv" --root "$dir" "${extra[@]}" 2>&1 >/dev/null |
            awk '/Collected :/ { print $NF }')
        log "$mode: ${instructions[$mode]} instructions"
    done
fi

echo
echo "$rows rows, $((csv_bytes / 1024)) KiB of CSV; $(date '+%Y-%m-%d %H:%M'), commit $(git -C "$repo" rev-parse --short HEAD), 1-minute load $load before, $load_after after; median of $runs runs"
echo
echo "| mode | wall time | CPU time | peak RSS |$([[ $callgrind == 1 ]] && echo ' instructions |')"
echo "|---|---:|---:|---:|$([[ $callgrind == 1 ]] && echo '---:|')"
for mode in dry-run write; do
    label='written into a fresh folder'
    [[ $mode == dry-run ]] && label='`--dry-run`'
    line="| $label | ${wall[$mode]} s | ${cpu[$mode]} s | $((rss[$mode] / 1024)) MB |"
    [[ $callgrind == 1 ]] && line+=" ${instructions[$mode]} |"
    echo "$line"
done
