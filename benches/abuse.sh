#!/usr/bin/env bash
# Abuse and load checks against the release server on loopback, each bounded in count and
# time; for each, what was sent and what the server did:
#
#   1. STALLED connections (default 2,000) that send nothing or half a request: /healthz keeps
#      answering, and the server closes them all once their headers are overdue;
#   2. EXTRACTS concurrent POST /api/v1/extract of EXTRACT_MIB MiB each (default 24 x 7.9):
#      the server's peak RSS and /healthz meanwhile, and what each caller got;
#   3. a source of LONG_CLAIMS claims (default 40,000): GET /sources/{id};
#   4. IMPORTS concurrent `sitrep import` processes (default 8) of different articles into one
#      SQLite file: how many succeed.
#
#   benches/abuse.sh
#   STALLED=500 EXTRACTS=8 benches/abuse.sh
#
# Needs python3 and curl. Raises the open-file limit for itself and the server when it can.
set -euo pipefail

cd "$(dirname "$0")/.."

PORT=${PORT:-18090}
STALLED=${STALLED:-2000}
EXTRACTS=${EXTRACTS:-24}
EXTRACT_MIB=${EXTRACT_MIB:-7.9}
LONG_CLAIMS=${LONG_CLAIMS:-40000}
IMPORTS=${IMPORTS:-8}
HEADER_TIMEOUT=${HEADER_TIMEOUT:-10}
LONG_SLUG=long-source

cargo build --release --bin sitrep
binary=target/release/sitrep

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
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

echo "machine: $(nproc) cores; open-file limit $(ulimit -n); header timeout ${HEADER_TIMEOUT} s"
echo
echo "== preparing a source of $LONG_CLAIMS claims"
started=$(date +%s.%N)
python3 benches/load_situation.py "$LONG_SLUG" "$LONG_CLAIMS" >"$scratch/long.json"
RUST_LOG=warn "$binary" --database-url "sqlite://$scratch/sitrep.db" \
    import-json "$scratch/long.json" >/dev/null
echo "loaded with sitrep import-json in $(echo "$(date +%s.%N) - $started" | bc) s"

base="http://127.0.0.1:$PORT"
RUST_LOG=${RUST_LOG:-warn} DATABASE_URL="sqlite://$scratch/sitrep.db" \
    "$binary" serve --bind "127.0.0.1:$PORT" --no-seed --header-timeout "$HEADER_TIMEOUT" \
    >"$scratch/server.log" 2>&1 &
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

echo
echo "== 1. stalled connections (slowloris)"
python3 benches/abuse.py stalled "$base" "$server_pid" "$STALLED" "$HEADER_TIMEOUT"

echo
echo "== 2. concurrent large extractions"
python3 benches/abuse.py extracts "$base" "$server_pid" "$EXTRACTS" "$EXTRACT_MIB"

echo
echo "== 3. a source of $LONG_CLAIMS claims"
python3 benches/abuse.py long-page "$base" "$LONG_SLUG"

echo
echo "== 4. $IMPORTS concurrent imports into one SQLite file"
imports_db="sqlite://$scratch/imports.db"
RUST_LOG=warn "$binary" --database-url "$imports_db" migrate >/dev/null
seed_text=$(cat seeds/02-withdrawal-announced.txt)
for i in $(seq 1 "$IMPORTS"); do
    printf '%s\n\nDispatch %s: convoy %s was seen on Tuesday.\n' "$seed_text" "$i" "$i" \
        >"$scratch/article-$i.txt"
done
echo "sent: $IMPORTS sitrep import processes at once, one article each, into $imports_db"
started=$(date +%s.%N)
pids=()
for i in $(seq 1 "$IMPORTS"); do
    RUST_LOG=warn "$binary" --database-url "$imports_db" import --situation crowded \
        "$scratch/article-$i.txt" >"$scratch/import-$i.log" 2>&1 &
    pids+=($!)
done
succeeded=0
for pid in "${pids[@]}"; do
    if wait "$pid"; then succeeded=$((succeeded + 1)); fi
done
elapsed=$(echo "$(date +%s.%N) - $started" | bc)
sources=$(RUST_LOG=warn "$binary" --database-url "$imports_db" export --situation crowded |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["sources"]))')
echo "  $succeeded of $IMPORTS succeeded in $elapsed s; the situation has $sources sources"
if [[ "$succeeded" != "$IMPORTS" ]]; then
    grep -h . "$scratch"/import-*.log | sort | uniq -c | head -5
fi

echo
echo "== server log: warnings and errors"
grep -E "WARN|ERROR" "$scratch/server.log" | sed -E 's/^[^ ]+ +//' | sort | uniq -c | head -10 || true
