#!/usr/bin/env bash
# Load test: starts the release server on a fresh SQLite database (the demo situation seeded on
# first run, plus a synthetic situation of LOAD_CLAIMS claims loaded with `sitrep import-json`
# so the figures hold whatever the extractor finds in the seeds), runs wrk against the claims
# API and the claims page of each, and prints requests per second and latency for each.
#
#   benches/load.sh                 # 10 s per target, 2 threads, 32 connections
#   DURATION=30s CONNECTIONS=64 LOAD_CLAIMS=2000 benches/load.sh
#
# Needs wrk (apt-get install -y wrk).
set -euo pipefail

cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18089}
SLUG=${SLUG:-kazakhstan-2022}
LOAD_SLUG=load-test
LOAD_CLAIMS=${LOAD_CLAIMS:-1000}
TARGETS=("/api/v1/situations/$SLUG/claims" "/situations/$SLUG"
         "/api/v1/situations/$LOAD_SLUG/claims" "/situations/$LOAD_SLUG")

if ! command -v wrk >/dev/null 2>&1; then
    echo "wrk is not installed; install it with: apt-get install -y wrk" >&2
    exit 1
fi

cargo build --release --bin sitrep

scratch=$(mktemp -d)
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        wait "$server_pid" || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

python3 benches/load_situation.py "$LOAD_SLUG" "$LOAD_CLAIMS" >"$scratch/load.json"
RUST_LOG=warn target/release/sitrep --database-url "sqlite://$scratch/sitrep.db" \
    import-json "$scratch/load.json" >/dev/null

base="http://127.0.0.1:$PORT"
RUST_LOG=${RUST_LOG:-warn} DATABASE_URL="sqlite://$scratch/sitrep.db" \
    target/release/sitrep serve --bind "127.0.0.1:$PORT" >"$scratch/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 100); do
    if curl -fsS "$base/healthz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "the server exited:" >&2
        cat "$scratch/server.log" >&2
        exit 1
    fi
    sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null

for target in "${TARGETS[@]}"; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "$base$target")
    if [[ "$status" != "200" ]]; then
        echo "$target answers $status, not 200; is the demo situation seeded?" >&2
        exit 1
    fi
done

echo "machine: $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
for slug in "$SLUG" "$LOAD_SLUG"; do
    counts=$(curl -fsS "$base/api/v1/situations/$slug" | grep -o '"counts":{[^}]*}' || true)
    api_bytes=$(curl -fsS "$base/api/v1/situations/$slug/claims" | wc -c)
    page_bytes=$(curl -fsS "$base/situations/$slug" | wc -c)
    echo "situation $slug: $counts; first API page $api_bytes bytes, first HTML page $page_bytes bytes"
done
summary=()
for target in "${TARGETS[@]}"; do
    echo
    echo "== GET $target"
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$base$target")
    echo "$out"
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    avg=$(awk '/^    Latency/ {print $2}' <<<"$out")
    p50=$(awk '/^     50%/ {print $2}' <<<"$out")
    p99=$(awk '/^     99%/ {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
    summary+=("$(printf '%-42s %10s req/s   latency avg %-8s p50 %-8s p99 %-8s non-2xx %s' \
        "GET $target" "$rps" "$avg" "$p50" "$p99" "${errors:-0}")")
done

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
