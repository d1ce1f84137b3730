#!/usr/bin/env bash
# Load test: builds the release server and a bare axum hello-world (benches/hello.rs), generates
# a synthetic situation of LOAD_CLAIMS claims with `sitrep gen` on SQLite and on PostgreSQL, and
# runs wrk against the hello-world, /healthz, the timeline page and its JSON (first and deep
# pages, each clock, filtered) and the claims JSON on each backend. Prints median, p99 and requests per second of each, and each target's
# throughput as a share of the hello-world's.
#
#   benches/load.sh                        # 200,000 claims, 10 s per target, 2 threads, 32 connections
#   DURATION=30s LOAD_CLAIMS=50000 benches/load.sh
#   BACKENDS=sqlite benches/load.sh        # only one backend
#
# Needs wrk (apt-get install -y wrk); PostgreSQL at PG_ADMIN_URL for the PostgreSQL leg.
set -euo pipefail

cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18089}
HELLO_PORT=${HELLO_PORT:-18090}
LOAD_CLAIMS=${LOAD_CLAIMS:-200000}
SLUG=load-test
BACKENDS=${BACKENDS:-"sqlite postgres"}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PG_DB=${PG_DB:-sitrep_load}

if ! command -v wrk >/dev/null 2>&1; then
    echo "wrk is not installed; install it with: apt-get install -y wrk" >&2
    exit 1
fi

cargo build --release --bin sitrep --bin bench-hello

scratch=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid"
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$scratch"
}
trap cleanup EXIT

wait_for() {
    for _ in $(seq 1 300); do
        if curl -fsS "$1" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    echo "$1 does not answer" >&2
    return 1
}

# wrk's figures for one URL: "p50 p99 req/s non-2xx".
measure() {
    local out p50 p99 rps errors
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1")
    p50=$(awk '/^     50%/ {print $2}' <<<"$out")
    p99=$(awk '/^     99%/ {print $2}' <<<"$out")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
    echo "$p50 $p99 $rps ${errors:-0}"
}

# The cursor DEPTH pages into a JSON listing (a URL with its query, answering `next_cursor`).
deep_cursor() {
    python3 - "$1" "$2" <<'PY'
import json, sys, urllib.request
base, depth = sys.argv[1], int(sys.argv[2])
cursor = None
for _ in range(depth):
    url = base + (f"&cursor={cursor}" if cursor else "")
    with urllib.request.urlopen(url) as response:
        cursor = json.load(response)["next_cursor"]
    if cursor is None:
        break
print(cursor or "")
PY
}

# The id of the situation's first actor.
first_actor() {
    python3 - "$1" <<'PY'
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1]) as response:
    body = json.load(response)
actors = body["actors"] if isinstance(body, dict) else body
print(actors[0]["id"])
PY
}

target/release/bench-hello "127.0.0.1:$HELLO_PORT" >/dev/null 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$HELLO_PORT/"

echo "machine: $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $LOAD_CLAIMS claims"
hello=$(measure "http://127.0.0.1:$HELLO_PORT/")
read -r hello_p50 hello_p99 hello_rps _ <<<"$hello"
summary=("$(printf '%-10s %-58s %9s %9s %10s %7s %s' backend target median p99 req/s share non-2xx)")
summary+=("$(printf '%-10s %-58s %9s %9s %10s %7s %s' - "bare axum hello-world" "$hello_p50" "$hello_p99" "$hello_rps" "1.00" 0)")

for backend in $BACKENDS; do
    case "$backend" in
        sqlite) url="sqlite://$scratch/load.db" ;;
        postgres)
            psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" -c "CREATE DATABASE $PG_DB"
            url="${PG_ADMIN_URL%/*}/$PG_DB"
            ;;
        *) echo "unknown backend $backend" >&2; exit 1 ;;
    esac
    echo
    echo "== $backend: generating $LOAD_CLAIMS claims"
    RUST_LOG=warn target/release/sitrep --database-url "$url" gen --situation "$SLUG" --claims "$LOAD_CLAIMS"
    RUST_LOG=warn DATABASE_URL="$url" target/release/sitrep serve --no-seed --bind "127.0.0.1:$PORT" \
        >"$scratch/server-$backend.log" 2>&1 &
    server=$!
    pids+=($server)
    base="http://127.0.0.1:$PORT"
    wait_for "$base/healthz"
    # 50,000 claims in: 100 steps of 500 (keyset cursors do not depend on the page size).
    claims_deep=$(deep_cursor "$base/api/v1/situations/$SLUG/claims?limit=500" 100)
    timeline="/situations/$SLUG"
    timeline_json="/api/v1/situations/$SLUG/timeline"
    timeline_deep=$(deep_cursor "$base$timeline_json?limit=500" 100)
    reported_deep=$(deep_cursor "$base$timeline_json?clock=reported&limit=500" 100)
    actor=$(first_actor "$base/api/v1/situations/$SLUG/actors")
    targets=("/healthz"
             "$timeline?limit=100"
             "$timeline?limit=100&cursor=$timeline_deep"
             "$timeline?clock=reported&limit=100&cursor=$reported_deep"
             "$timeline?clock=recorded&limit=100"
             "$timeline?actor=$actor&kind=statement&limit=100"
             "$timeline_json?limit=100"
             "$timeline_json?limit=100&cursor=$timeline_deep"
             "$timeline_json?clock=reported&actor=$actor&limit=100"
             "/api/v1/situations/$SLUG/claims?limit=100"
             "/api/v1/situations/$SLUG/claims?limit=100&cursor=$claims_deep")
    for target in "${targets[@]}"; do
        status=$(curl -s -o /dev/null -w '%{http_code}' "$base$target")
        if [[ "$status" != "200" ]]; then
            echo "$target answers $status, not 200" >&2
            cat "$scratch/server-$backend.log" >&2
            exit 1
        fi
        read -r p50 p99 rps errors <<<"$(measure "$base$target")"
        share=$(python3 -c "print(f'{$rps / $hello_rps:.2f}')")
        label=$target
        if [[ "$target" == *"cursor="* ]]; then label="${target%%cursor=*}cursor=<50,000 claims in>"; fi
        summary+=("$(printf '%-10s %-58s %9s %9s %10s %7s %s' "$backend" "GET $label" "$p50" "$p99" "$rps" "$share" "$errors")")
    done
    kill -TERM "$server"
    wait "$server" 2>/dev/null || true
done

echo
echo "== summary (share: throughput over the bare axum hello-world's)"
printf '%s\n' "${summary[@]}"
