#!/usr/bin/env bash
# Checks that a refactoring left the output alone: builds the demo site, every
# fixture site that builds, and a generated corpus with the binary of a
# reference commit and with the working tree's binary, and compares the two
# output trees byte for byte. Exit status 0 when every tree is identical, 1
# when a file differs (the differing files are listed), 2 on other failures.
#
# Usage: scripts/same-output.sh [REF] [SIZE]
#   REF       commit to compare with (default: main)
#   SIZE      generated corpus to build as well (default: 1k; 0 for none)
#
# Environment:
#   BASE_BIN          touchbase binary of REF; default: built here from
#                     `git archive REF` (in $BENCH_DIR/base-REF, with its own
#                     target folder, reused while REF is the same commit)
#   TOUCHBASE_BIN     binary of the working tree (default: built here)
#   BENCH_DIR=/tmp/touchbase-bench   corpora (shared with bench.sh) and outputs
#   SEED=42           corpus seed
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ref=${1:-main}
size=${2:-1k}
work=${BENCH_DIR:-/tmp/touchbase-bench}
seed=${SEED:-42}

# shellcheck source=scripts/common.sh
source "$repo/scripts/common.sh"

case $ref in -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
[[ $size == 0 ]] || check_size "$size"
mkdir -p "$work"
out=$work/same-output-$$
trap 'rm -rf "$out"' EXIT

# The binary of REF, built from an export of that commit.
base_binary() {
    if [[ -n ${BASE_BIN:-} ]]; then
        [[ -x $BASE_BIN ]] || die "not executable: $BASE_BIN"
        echo "$BASE_BIN"
        return
    fi
    local commit src
    commit=$(git -C "$repo" rev-parse --verify "$ref^{commit}") || die "unknown commit: $ref"
    src=$work/base-$ref
    if [[ ! -f $src/.commit || $(<"$src/.commit") != "$commit" ]]; then
        log "exporting $ref ($commit) into $src"
        rm -rf "$src/tree"
        mkdir -p "$src/tree"
        git -C "$repo" archive "$commit" | tar -x -C "$src/tree"
        echo "$commit" >"$src/.commit"
    fi
    log "building touchbase at $ref: cargo build --release (target folder $src/target)"
    cargo build --release --quiet --bin touchbase \
        --manifest-path "$src/tree/Cargo.toml" --target-dir "$src/target"
    echo "$src/target/release/touchbase"
}

base=$(base_binary)
if [[ -n ${TOUCHBASE_BIN:-} ]]; then
    new=$TOUCHBASE_BIN
else
    targets=()
    [[ $size == 0 ]] || targets=(gen_corpus)
    build_release "${targets[@]}"
    new=$repo/target/release/touchbase
fi

sites=("demo:$repo")
for dir in "$repo"/tests/fixtures/*/; do
    [[ -f $dir/touchbase.toml ]] && sites+=("fixture $(basename "$dir"):${dir%/}")
done
if [[ $size != 0 ]]; then
    ensure_corpus "$size" "${GEN_CORPUS_BIN:-$repo/target/release/examples/gen_corpus}"
    sites+=("corpus $size:$work/corpus-$size")
fi

failed=0 compared=0
for entry in "${sites[@]}"; do
    name=${entry%%:*} dir=${entry#*:}
    mkdir -p "$out"
    if ! "$base" build --root "$dir" --output "$out/base" >"$out/base.log" 2>&1; then
        # A fixture of bad input: both binaries must refuse it alike.
        if "$new" build --root "$dir" --output "$out/new" >"$out/new.log" 2>&1; then
            log "DIFFERS  $name: the reference fails to build it, the working tree builds it"
            failed=1
        elif ! diff -q <(sed 's/ in [0-9.]* s//' "$out/base.log") <(sed 's/ in [0-9.]* s//' "$out/new.log") >/dev/null; then
            log "DIFFERS  $name: the error messages differ"
            diff <(sed 's/ in [0-9.]* s//' "$out/base.log") <(sed 's/ in [0-9.]* s//' "$out/new.log") | head -n 20 >&2 || true
            failed=1
        else
            log "same     $name (refused alike)"
        fi
        rm -rf "$out"
        continue
    fi
    "$new" build --root "$dir" --output "$out/new" >"$out/new.log" 2>&1 ||
        { log "DIFFERS  $name: the working tree fails to build it:"; tail -n 20 "$out/new.log" >&2; failed=1; rm -rf "$out"; continue; }
    compared=$((compared + 1))
    if diff -r -q "$out/base" "$out/new" >"$out/diff.txt"; then
        log "same     $name ($(find "$out/new" -type f | wc -l) files)"
    else
        log "DIFFERS  $name:"
        head -n 20 "$out/diff.txt" >&2
        failed=1
    fi
    rm -rf "$out"
done
if ((failed)); then
    log "output differs from $ref"
    exit 1
fi
log "identical output to $ref on $compared sites"
