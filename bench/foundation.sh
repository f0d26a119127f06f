#!/usr/bin/env bash
# Foundation figures: release binary size, idle memory of `renkei serve`,
# memory and latency under a short health-check load, and the web app's
# first-load transfer size. Loopback only; bounded in time. See README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18181}
DURATION=${BENCH_DURATION:-10s}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { echo "bench: install wrk (apt-get install wrk)" >&2; exit 1; }; }

[ -f pwa/dist/index.html ] || { npm ci --prefix pwa --no-audit --no-fund --loglevel=error && npm run --prefix pwa build >/dev/null; }
cargo build --release --locked -p renkei-api 2>/dev/null
bin=target/release/renkei

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m)"
echo "binary size: $(stat -c %s "$bin") bytes ($(du -h "$bin" | cut -f1))"

RENKEI_BIND=127.0.0.1:$PORT RENKEI_DATABASE_URL="sqlite://$work/r.db?mode=rwc" RENKEI_MAIL_URL="file://$work/mail" \
  RENKEI_PWA_DIR=pwa/dist RENKEI_LOG=warn "$bin" serve --demo >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.1; done
sleep 5
rss() { awk '/VmRSS/{print $2}' "/proc/$pid/status"; }
echo "idle RSS after start and 5 s: $(rss) KiB"

echo "--- GET /api/health (SQLite round trip), wrk 2 threads, 16 connections, $DURATION"
wrk -t2 -c16 -d"$DURATION" --latency "http://127.0.0.1:$PORT/api/health" | grep -E "Requests/sec|50%|90%|99%"
echo "--- GET /api/networks (demo network), wrk 2 threads, 16 connections, $DURATION"
wrk -t2 -c16 -d"$DURATION" --latency "http://127.0.0.1:$PORT/api/networks" | grep -E "Requests/sec|50%|90%|99%"
echo "RSS after load: $(rss) KiB"

echo "--- web app first load (what a phone downloads before the app runs)"
base="http://127.0.0.1:$PORT"
files=$(curl -fs "$base/" | grep -oE '(src|href)="/[^"]+"' | sed -E 's/^(src|href)="//; s/"$//' | sort -u)
for enc in gzip br; do
  total=0
  for f in / $files; do
    n=$(curl -fs -o /dev/null -H "Accept-Encoding: $enc" -w '%{size_download}' "$base$f")
    total=$((total + n))
  done
  echo "first load ($enc): $total bytes over $(( $(echo "$files" | wc -w) + 1 )) files"
done
js=0
for f in $files; do
  case "$f" in *.js) js=$((js + $(curl -fs -o /dev/null -H "Accept-Encoding: gzip" -w '%{size_download}' "$base$f"))) ;; esac
done
# The entry page of a poster's QR code (/r/{code}) is in these files; every other screen is
# fetched when first shown (pwa/src/lib/lazy.tsx).
echo "first load, scripts only (gzip): $js bytes"
echo "files: /" $files
