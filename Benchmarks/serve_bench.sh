#!/usr/bin/env bash
# referral serve under load: POST /api/route on a generated directory (default 10,000 services),
# measured by wrk (Debian: apt-get install wrk) from a second process. Prints requests/s and the
# latency percentiles for 1, 8 and 32 connections, without and with the audit log (fsync per
# answer), and the server's memory (VmRSS/VmHWM) after loading and after the runs.
# See BENCHMARKS.md ("referral serve").
#   swift build -c release --scratch-path .build-bench --product referral
#   swift build -c release --scratch-path .build-bench --product referral-bench
#   bash Benchmarks/serve_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build-bench/release}
OUT=${OUT:-/tmp/referral-serve-bench}
N=${N:-10000}
PORT=${PORT:-8090}
DURATION=${DURATION:-20s}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 2; }
mkdir -p "$OUT"
"$BIN/referral-bench" --sizes "$N" --cases 2000 --repeat 1 --no-baseline --out "$OUT" > "$OUT/generate.log"
export CASES="$OUT/n$N/cases.jsonl"

memory() { grep -E 'VmRSS|VmHWM' "/proc/$1/status" | tr -s ' \t' ' ' | tr '\n' ' '; echo; }

for audit in no yes; do
    args=(serve --pathways "$OUT/n$N/context" --port "$PORT" --watch 0)
    [ "$audit" = yes ] && rm -f "$OUT/audit.jsonl" && args+=(--audit "$OUT/audit.jsonl")
    "$BIN/referral" "${args[@]}" 2> "$OUT/serve-$audit.log" &
    pid=$!
    for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
    echo "== $N services, audit log: $audit (server pid $pid)"
    echo "after load: $(memory $pid)"
    for c in 1 8 32; do
        echo "-- $c connection(s), $DURATION"
        wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"$DURATION" --latency -s Benchmarks/serve-route.lua "http://127.0.0.1:$PORT" \
            | grep -E 'Requests/sec|Non-2xx|Socket errors|^ +(50|90|99)%|Latency  '
    done
    echo "after the runs: $(memory $pid)"
    kill -TERM "$pid"
    wait "$pid" || true
    [ "$audit" = yes ] && echo "audit lines: $(wc -l < "$OUT/audit.jsonl")"
done
