#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/*.rs) for N minutes each with
# `cargo fuzz` (libFuzzer, nightly toolchain), at the lowest priority, and
# prints one line per target: seconds, executions, corpus size, findings.
# Paste the table into the FUZZING section of BENCHMARKS.md.
#
# Usage: scripts/fuzz.sh [MINUTES] [TARGET...]
#   MINUTES   per target (default 30)
#   TARGET    front_matter page config search_query http_request import (default: all)
#
# Environment:
#   PARALLEL=1     targets run at once (the machine is shared: 1 or 2)
#   TOOLCHAIN=nightly
#   FUZZ_LOGS=fuzz/logs   libFuzzer's output, one file per target and run
#
# The seed corpora are made from the repository's own content and fixture
# sites (fuzz/seeds/, rebuilt each run); what the fuzzer finds beyond them
# grows in fuzz/corpus/<target>/ and is kept between runs. A crash leaves
# its input in fuzz/artifacts/<target>/; `cargo +nightly fuzz run TARGET
# FILE` replays it. Every finding gets a regression test in the library.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
minutes=${1:-30}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(front_matter page config search_query http_request import)
fi
toolchain=${TOOLCHAIN:-nightly}
parallel=${PARALLEL:-1}
logs=${FUZZ_LOGS:-$repo/fuzz/logs}
seeds=$repo/fuzz/seeds

if ! rustup toolchain list | grep -q "^$toolchain"; then
  echo "fuzz.sh: the $toolchain toolchain is missing: rustup toolchain install $toolchain" >&2
  exit 2
fi
if ! cargo "+$toolchain" fuzz --version >/dev/null 2>&1; then
  echo "fuzz.sh: cargo-fuzz is missing: cargo install cargo-fuzz" >&2
  exit 2
fi

# Seeds: markdown files prefixed with their path below content/ for
# front_matter, as they are for page; every touchbase.toml; titles as
# queries; a few requests.
make_seeds() {
  rm -rf "$seeds"
  mkdir -p "$seeds"/{front_matter,page,config,search_query,http_request,import}
  local n=0 file rel
  while IFS= read -r -d '' file; do
    n=$((n + 1))
    rel=${file#*content/}
    { printf '%s\n' "$rel"; cat "$file"; } >"$seeds/front_matter/$n"
    cp "$file" "$seeds/page/$n"
    sed -n 's/^title = "\(.*\)"\r*$/\1/p' "$file" >"$seeds/search_query/$n"
  done < <(find "$repo/content" "$repo/tests/fixtures" -name '*.md' -print0 | sort -z)
  n=0
  while IFS= read -r -d '' file; do
    n=$((n + 1))
    cp "$file" "$seeds/config/$n"
  done < <(find "$repo" -name touchbase.toml -not -path '*/target/*' -not -path '*/fuzz/*' -print0 | sort -z)
  local queries=("kundenbindung" "Kundenbindungen" "aussenwerbung" "Außenwerbung" "kundenkontakpunkt"
    "returns" "crm live" "Loyalität" "ÄÖÜ ß" "c++ .net" "x")
  for q in "${queries[@]}"; do
    n=$((n + 1))
    printf '%s' "$q" >"$seeds/search_query/q$n"
  done
  local requests=(
    'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'
    'GET /glossary/crm/ HTTP/1.1\r\nHost: 127.0.0.1:1111\r\nConnection: close\r\n\r\n'
    'HEAD /assets/style.css HTTP/1.0\r\n\r\n'
    'GET /glossary HTTP/1.1\r\nHost: localhost\r\n\r\n'
    'GET /%2e%2e/secret.txt HTTP/1.1\r\nHost: localhost\r\n\r\n'
    'GET /leak.txt HTTP/1.1\r\nHost: localhost\r\n\r\n'
    'GET /up/secret.txt HTTP/1.1\r\nHost: localhost\r\n\r\n'
    'GET /__touchbase/events?since=1&page=%2Fglossary%2Fcrm%2F HTTP/1.1\r\nHost: [::1]:1111\r\nLast-Event-ID: 3\r\n\r\n'
    'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc'
    '<!doctype html><html><body><p>x</p></body></html>'
  )
  # import: each spreadsheet of the fixtures,
  # once as terms (first byte even) and once as touchpoints (odd).
  n=0
  while IFS= read -r -d '' file; do
    n=$((n + 1))
    { printf '\0'; cat "$file"; } >"$seeds/import/t$n"
    { printf '\1'; cat "$file"; } >"$seeds/import/p$n"
  done < <(find "$repo/tests/fixtures" -name '*.csv' -print0 | sort -z)
  n=0
  for r in "${requests[@]}"; do
    n=$((n + 1))
    printf "$r" >"$seeds/http_request/$n"
  done
}

run_target() {
  local target=$1 log=$2 start
  mkdir -p "$repo/fuzz/corpus/$target"
  start=$(date +%s)
  (cd "$repo" && nice -n 19 cargo "+$toolchain" fuzz run --sanitizer none "$target" \
    "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -dict=fuzz/touchbase.dict -max_total_time=$((minutes * 60)) -timeout=10 \
    -print_final_stats=1) >"$log" 2>&1 || true
  echo $(($(date +%s) - start)) >"$log.seconds"
}

summary() {
  local target=$1 log=$2 runs secs corpus finding
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$(cat "$log.seconds")
  corpus=$(find "$repo/fuzz/corpus/$target" -type f | wc -l)
  finding=$(grep -m1 -E '^(==[0-9]+== ?ERROR|thread .* panicked|SUMMARY)' "$log" || true)
  printf '| %s | %s | %s | %s | %s |\n' "$target" "${secs:-?}" "${runs:-?}" "$corpus" \
    "${finding:-none}"
}

make_seeds
(cd "$repo" && cargo "+$toolchain" fuzz build --sanitizer none >/dev/null)
mkdir -p "$logs"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
echo "| target | seconds | executions | corpus files | finding |"
echo "|---|---:|---:|---:|---|"
running=0
for target in "${targets[@]}"; do
  run_target "$target" "$logs/$target-$stamp.log" &
  running=$((running + 1))
  if [ "$running" -ge "$parallel" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait
for target in "${targets[@]}"; do
  summary "$target" "$logs/$target-$stamp.log"
done
