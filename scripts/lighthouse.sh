#!/usr/bin/env bash
# Lighthouse on every page type of the demo site, mobile and desktop:
# builds the demo for a loopback address, serves it with a plain static
# server, runs npm's `lighthouse` with the Debian Chromium, prints every
# score and fails unless each is 1.0 (100). The pages are listed in
# scripts/lighthouse-pages.txt.
#
#   scripts/lighthouse.sh              all pages, mobile and desktop
#   scripts/lighthouse.sh term search  only these page types
#
# Needs Node and npm (lighthouse is installed into target/lighthouse/, a
# folder this script owns), python3 (the static server) and
# /usr/bin/chromium (or CHROME_PATH). Performance depends on the load of
# the machine: a page whose run scores below 1.0 is measured again, up to
# three runs, and the best run counts. Accessibility, best practices and
# SEO do not depend on load, so a real failure fails every run. When every
# run of a page was made on a host Lighthouse itself calls too slow
# (benchmarkIndex at most 1000: "the tested device appears to have a
# slower CPU than Lighthouse expects", as on a machine busy with other
# work), a performance score below 1.0 is printed but not asserted — a
# layout shift is asserted all the same. LIGHTHOUSE_STRICT=1 asserts it
# anyway.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$repo/target/lighthouse
pages_file=$repo/scripts/lighthouse-pages.txt
lighthouse_version=12.8.2
attempts=3

log() { printf '%s\n' "$*" >&2; }
die() { log "lighthouse.sh: $*"; exit 2; }

export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
[[ -x $CHROME_PATH ]] || die "no Chromium at $CHROME_PATH (apt-get install chromium, or set CHROME_PATH)"
command -v npm >/dev/null || die "npm is missing"
command -v python3 >/dev/null || die "python3 is missing"

mkdir -p "$work"
lighthouse=$work/node_modules/.bin/lighthouse
if [[ ! -x $lighthouse ]] || ! grep -q "\"version\": \"$lighthouse_version\"" "$work/node_modules/lighthouse/package.json"; then
    log "installing lighthouse $lighthouse_version into $work"
    npm install --prefix "$work" --no-audit --no-fund --loglevel=error "lighthouse@$lighthouse_version" >&2
fi

# A free loopback port, the demo built for it under the demo's sub-path.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port/kb/
site=$work/site
rm -rf "$site"
(cd "$repo" && cargo build --quiet --bin touchbase)
"$repo/target/debug/touchbase" build --root "$repo" --output "$site/kb" --base-url "$base" \
    >"$work/build.log" 2>&1 || die "the demo did not build: $(cat "$work/build.log")"

python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >"$work/server.log" 2>&1 &
server=$!
profiles=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$profiles"' EXIT
for _ in $(seq 100); do
    python3 -c "import urllib.request; urllib.request.urlopen('$base')" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || die "the static server did not start: $(cat "$work/server.log")"
    python3 -c 'import time; time.sleep(0.1)'
done

# Prints "perf a11y bp seo benchmarkIndex" of a report, then the audits
# that lost points. Exits 0 when every score is 1 (SEO's is-crawlable may
# fail on a `noindex` page), 3 when only performance is below 1 on a host
# Lighthouse calls too slow (and nothing shifted), else 1.
judge() {
    node - "$1" "$2" "${LIGHTHOUSE_STRICT:-}" <<'EOF'
const [file, noindex, strict] = process.argv.slice(2);
const r = require(file);
const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
const scores = cats.map(c => r.categories[c].score);
const bench = Math.round(r.environment.benchmarkIndex);
console.log(scores.map(s => s === null ? 'n/a' : Math.round(s * 100)).join(' ') + ' ' + bench);
let seoOk = scores[3] === 1;
if (!seoOk && noindex === 'noindex') {
  // The only SEO audit allowed to fail is the page's own noindex.
  const seo = r.categories.seo.auditRefs.filter(a => a.weight > 0).map(a => r.audits[a.id]);
  seoOk = seo.every(a => a.score === 1 || a.score === null || a.id === 'is-crawlable');
}
const othersOk = scores[1] === 1 && scores[2] === 1 && seoOk;
const noShift = r.audits['cumulative-layout-shift'].numericValue === 0;
let status = othersOk && scores[0] === 1 ? 0 : 1;
if (status && othersOk && noShift && bench <= 1000 && strict !== '1') status = 3;
for (const c of cats) {
  for (const ref of r.categories[c].auditRefs) {
    const a = r.audits[ref.id];
    if (ref.weight > 0 && a.score !== null && a.score < 1) {
      console.log(`    ${c}: ${a.id} ${a.score} ${a.displayValue || ''} ${a.title}`);
    }
  }
}
process.exit(status);
EOF
}

wanted=("$@")
failed=0
unasserted=0
printf '%-18s %-8s %5s %5s %5s %5s %6s\n' "page type" device perf a11y bp seo bench
while read -r name path flag; do
    [[ -z $name || $name == \#* ]] && continue
    if ((${#wanted[@]})) && [[ ! " ${wanted[*]} " == *" $name "* ]]; then
        continue
    fi
    url=$base${path#./}
    for device in mobile desktop; do
        preset=()
        [[ $device == desktop ]] && preset=(--preset=desktop)
        result=""
        verdict=1
        hard=0
        for attempt in $(seq "$attempts"); do
            report=$work/$name-$device.json
            "$lighthouse" "$url" "${preset[@]}" --quiet --output=json --output-path="$report" \
                --only-categories=performance,accessibility,best-practices,seo \
                --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$profiles/$name-$device-$attempt" \
                >/dev/null 2>"$work/$name-$device.log" || die "lighthouse failed on $url: $(tail -5 "$work/$name-$device.log")"
            verdict=0
            result=$(judge "$report" "${flag:-}") || verdict=$?
            ((verdict == 0)) && break
            ((verdict == 1)) && hard=1
            log "$name ($device): run $attempt of $attempts below 100: $(head -1 <<<"$result")"
        done
        note=""
        if ((verdict != 0 && hard)); then
            failed=1
        elif ((verdict == 3)); then
            unasserted=1
            note="  (performance not asserted: slow host, benchmarkIndex <= 1000)"
        fi
        # shellcheck disable=SC2046 # the scores are words on purpose
        printf '%-18s %-8s %5s %5s %5s %5s %6s%s\n' "$name" "$device" $(head -1 <<<"$result") "$note"
        tail -n +2 <<<"$result"
    done
done <"$pages_file"

if ((failed)); then
    log "lighthouse.sh: some scores are below 100 (details above; reports in $work)"
    exit 1
fi
if ((unasserted)); then
    log "lighthouse.sh: every asserted score is 100; some performance scores were measured on a host too slow to judge (marked above)"
else
    log "lighthouse.sh: every score is 100"
fi
