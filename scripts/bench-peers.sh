# `scripts/bench.sh --peers`: touchbase against Zola, Hugo and `cp -r` on
# the same content, and the speed targets. Sourced by bench.sh, whose
# variables (`sizes`, `runs`, `work`, `tb`, `hugo` …) and functions
# (`measure`, `medians`, `run_ratio` …) it uses.
# shellcheck shell=bash

# The Zola site of a size: scripts/zola-bench/ (config and templates) plus
# the corpus's content converted by examples/zola_corpus.rs; reused while
# the corpus, the converter and the Zola files are unchanged.
ensure_zola_corpus() {
    local size=$1 dir=$work/corpus-$1$lanes-zola stamp=$work/corpus-$1$lanes-zola.stamp want
    want="$(<"$work/corpus-$size$lanes.stamp") zola $(cat "$repo/examples/zola_corpus.rs" \
        "$repo"/scripts/zola-bench/config.toml "$repo"/scripts/zola-bench/templates/* | sha256sum | cut -d' ' -f1)"
    if [[ -d $dir && -f $stamp && $(<"$stamp") == "$want" ]]; then
        log "corpus $size for Zola: reusing $dir"
        return
    fi
    rm -rf "$dir" "$stamp"
    log "corpus $size for Zola: converting into $dir"
    mkdir -p "$dir"
    cp -r "$repo/scripts/zola-bench/config.toml" "$repo/scripts/zola-bench/templates" "$dir/"
    "$zola_corpus" "$work/corpus-$size$lanes" "$dir" >&2
    printf '%s' "$want" >"$stamp"
}

# Locates Zola from ZOLA_BIN; prints its path or fails with a message.
find_zola() {
    if [[ -z ${ZOLA_BIN:-} ]]; then
        log "ZOLA_BIN is not set: leaving Zola out (set it to a Zola 0.22.1 binary,"
        log "  built from getzola/zola tag v0.22.1 with cargo build --release --locked)"
        return 1
    fi
    [[ -x $ZOLA_BIN ]] || die "ZOLA_BIN is not executable: $ZOLA_BIN"
    echo "$ZOLA_BIN"
}

# An untimed run of every tool on a size before the timed ones, so that
# no tool pays for reading the corpus into the page cache; touchbase's
# output stays as the folder `cp -r` copies. A peer that fails here is
# left out with a message.
warm_up() {
    local size=$1 tool out cmd
    log "warm-up on $size: every tool once, untimed"
    command_of touchbase "$size" "$work/reference-$size-$$"
    "${cmd[@]}" >/dev/null 2>&1 || die "touchbase failed on corpus $size: ${cmd[*]}"
    for tool in "${peer_tools[@]}"; do
        [[ $tool != touchbase && $tool != cp ]] || continue
        out=$work/warm-$tool-$size-$$
        command_of "$tool" "$size" "$out"
        if ! "${cmd[@]}" >"$work/log-warm-$$.txt" 2>&1; then
            [[ $tool != check ]] || die "touchbase check failed on corpus $size"
            log "$tool failed on corpus $size (${cmd[*]}); leaving it out:"
            tail -n 20 "$work/log-warm-$$.txt" >&2
            drop_tool "$tool" "$size"
        fi
        rm -rf "$out" "$work/log-warm-$$.txt"
    done
}

# Leaves TOOL out of the runs on SIZE.
drop_tool() {
    local keep=() t
    for t in "${peer_tools[@]}"; do [[ $t == "$1" ]] || keep+=("$t"); done
    peer_tools=("${keep[@]}")
    rm -f "$work/results-$1-$2-$$"
}

# The tools of run RUN, starting at a different one each run.
rotated() {
    local run=$1 n=${#peer_tools[@]} i
    for ((i = 0; i < n; i++)); do
        echo "${peer_tools[(i + run - 1) % n]}"
    done
}

peer_label() {
    case $1 in
        touchbase) echo "touchbase build" ;;
        check) echo "touchbase check" ;;
        zola) echo "Zola $zola_version" ;;
        hugo) echo "Hugo $hugo_version" ;;
        cp) echo "cp -r of touchbase's output" ;;
    esac
}

# One row of the peers table: medians, and the run-by-run ratios of wall
# time and CPU to the touchbase build of the same run.
peer_row() {
    local tool=$1 size=$2 wall cpu rss files="–" bytes="–" ratios="–"
    read -r wall cpu rss < <(medians "$tool" "$size")
    if [[ $tool != check ]]; then
        read -r files bytes < <(folder_stats "$work/out-$tool-$size-1-$$")
    fi
    if [[ $tool != touchbase ]]; then
        ratios=$(awk -v w="$(run_ratio "$tool" touchbase "$size" 1)" -v c="$(run_ratio "$tool" touchbase "$size" 2)" \
            'BEGIN { printf "%.2f× / %.2f×", w, c }')
    fi
    printf '| %s | %s | %s s | %s s | %s MB | %s | %s | %s |\n' \
        "$size" "$(peer_label "$tool")" "$wall" "$cpu" "$rss" "$files" "$bytes" "$ratios"
}

# "| target | size | measured | met? |" for a run-by-run ratio A÷B of column COL.
target_ratio() {
    local what=$1 size=$2 a=$3 b=$4 col=$5 limit=$6 r
    [[ -f $work/results-$a-$size-$$ && -f $work/results-$b-$size-$$ ]] || {
        printf '| %s | %s | not measured | – |\n' "$what" "$size"
        return
    }
    r=$(run_ratio "$a" "$b" "$size" "$col")
    printf '| %s | %s | %.2f× | %s |\n' "$what" "$size" "$r" \
        "$(awk -v r="$r" -v l="$limit" 'BEGIN { print (r <= l) ? "met" : "not met" }')"
}

report_peers() {
    local size tool rss
    report_header
    echo "| corpus | tool | wall time | CPU (user + sys) | peak RSS | output files | output size | wall / CPU ÷ touchbase build, run by run |"
    echo "|---|---|---:|---:|---:|---:|---:|---|"
    for size in "${sizes[@]}"; do
        for tool in touchbase check zola hugo cp; do
            [[ -f $work/results-$tool-$size-$$ ]] || continue
            peer_row "$tool" "$size"
        done
    done
    echo
    echo "| target | corpus | measured (median of the runs' ratios) | |"
    echo "|---|---|---:|---|"
    for size in "${sizes[@]}"; do
        if [[ $size == 1k ]]; then
            target_ratio "build wall ≤ 0.3× Zola" "$size" touchbase zola 1 0.3
        else
            target_ratio "build wall ≤ 0.25× Zola" "$size" touchbase zola 1 0.25
            target_ratio "check CPU ≤ 0.16× Zola's build CPU" "$size" check zola 2 0.16
            read -r _ _ rss < <(medians touchbase "$size")
            printf '| peak RSS ≤ 250 MB | %s | %s MB | %s |\n' "$size" "$rss" \
                "$( ((rss <= 250)) && echo met || echo "not met")"
        fi
        target_ratio "build wall ≤ 1.3× cp -r" "$size" touchbase cp 1 1.3
    done
}

peers_main() {
    local size run tool
    zola=$(find_zola) || zola=
    zola_version=
    peer_tools=(touchbase check)
    if [[ -n $zola ]]; then
        zola_version=$("$zola" --version | grep -o '[0-9][0-9.]*' | head -n 1) || zola_version=
        [[ $zola_version == 0.22.1 ]] || log "warning: the targets are set against Zola 0.22.1, not $zola_version"
        peer_tools+=(zola)
    fi
    [[ -z $hugo ]] || peer_tools+=(hugo)
    peer_tools+=(cp)
    local all=("${peer_tools[@]}")
    for size in "${sizes[@]}"; do
        [[ -z $zola ]] || ensure_zola_corpus "$size"
    done
    for size in "${sizes[@]}"; do
        peer_tools=("${all[@]}")
        warm_up "$size"
        for ((run = 1; run <= runs; run++)); do
            while read -r tool; do
                [[ " ${peer_tools[*]} " == *" $tool "* ]] || continue
                if ! measure "$tool" "$size" "$run"; then
                    case $tool in
                        touchbase | check | cp) exit 1 ;;
                        # A peer is only the yardstick: go on without it.
                        *) log "leaving $tool out on $size"; drop_tool "$tool" "$size" ;;
                    esac
                fi
            done < <(rotated "$run")
        done
    done
    report_peers
    echo
    echo "Command: RUNS=$runs PAUSE=$pause ZOLA_BIN=… WITH_HUGO=1 scripts/bench.sh --peers ${sizes[*]}"
}
