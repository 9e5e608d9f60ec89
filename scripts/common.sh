# Shared by the benchmark scripts (source it after setting `repo`, `work`
# and `seed`): messages, sizes, the generated corpora and medians.
# shellcheck shell=bash

log() { printf '%s\n' "$*" >&2; }
die() { log "$(basename "$0"): $*"; exit 2; }

# Fails unless SIZE looks like 1k, 10k …
check_size() {
    [[ $1 =~ ^[1-9][0-9]*k$ ]] || die "bad size: $1 (sizes look like 1k, 10k)"
}

# Generator arguments for a size such as 10k.
size_args() {
    local n=${1%k}
    echo "--terms $((n * 1000)) --touchpoints $((n * 200)) --seed $seed"
}

# Generates $work/corpus-SIZE with the generator GEN unless an identical one
# (same arguments, same generator source) is already there. Further
# arguments go to the generator and name the folder: `--lanes` writes
# $work/corpus-SIZE-lanes.
ensure_corpus() {
    local size=$1 gen=$2 extra=("${@:3}") suffix=
    local flag
    for flag in "${extra[@]}"; do suffix+=-${flag#--}; done
    local dir=$work/corpus-$size$suffix stamp=$work/corpus-$size$suffix.stamp want
    want="$(size_args "$size") ${extra[*]} $(sha256sum <"$repo/examples/gen_corpus.rs" | cut -d' ' -f1)"
    if [[ -d $dir && -f $stamp && $(<"$stamp") == "$want" ]]; then
        log "corpus $size: reusing $dir"
        return
    fi
    rm -rf "$dir" "$stamp"
    log "corpus $size: generating into $dir"
    # shellcheck disable=SC2046 # size_args is a list of words on purpose
    "$gen" $(size_args "$size") "${extra[@]}" "$dir" >&2
    printf '%s' "$want" >"$stamp"
}

# The median of the numbers given as arguments.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 }
        END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# Checks a script's single SIZE argument; `-h` prints the script's header.
size_arg() {
    case $1 in
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    esac
    check_size "$1"
}

# Builds the release binary and the examples named.
build_release() {
    local targets=(--bin touchbase) example
    for example in "$@"; do targets+=(--example "$example"); done
    log "building: cargo build --release ${targets[*]}"
    (cd "$repo" && cargo build --release --quiet "${targets[@]}")
}
