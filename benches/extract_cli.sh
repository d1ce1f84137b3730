#!/usr/bin/env bash
# Command-line throughput of the whole extraction pipeline: `sitrep extract --format json` on a
# 5 MB article, timed from process start to exit (reading, extracting, writing the JSON), best of
# three runs, on one core (the extractor is single-threaded).
#
#   benches/extract_cli.sh            # 5 MB
#   SIZE_MB=10 benches/extract_cli.sh
#
# The article is the demo situation's own sources (seeds/*.txt) repeated to the size, each copy
# under a dated section heading so that every section resolves its dates; when the development
# article of ../shared/seeds is present, a second article is made from it the same way.
set -euo pipefail

cd "$(dirname "$0")/.."

SIZE_MB=${SIZE_MB:-5}
cargo build --release --bin sitrep >&2

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# build NAME FILE... : concatenates the files under dated headings until SIZE_MB is reached.
build() {
    local out="$scratch/$1"
    shift
    local target=$((SIZE_MB * 1000 * 1000))
    local day=1
    printf 'Situation digest\nMonday, March 14, 2022\n\n' >"$out"
    while [[ $(stat -c %s "$out") -lt $target ]]; do
        for file in "$@"; do
            printf 'Update on March %d, 2022:\n\n' "$day" >>"$out"
            cat "$file" >>"$out"
            printf '\n\n' >>"$out"
        done
        day=$((day % 28 + 1))
    done
    echo "$out"
}

# measure FILE LABEL : best wall time of three runs, and the throughput it gives.
measure() {
    local file=$1 label=$2 best="" bytes
    bytes=$(stat -c %s "$file")
    for _ in 1 2 3; do
        local start end
        start=$(date +%s.%N)
        target/release/sitrep extract --format json "$file" >/dev/null
        end=$(date +%s.%N)
        best=$(python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); b=sys.argv[3]; print(t if not b else min(t, float(b)))" "$start" "$end" "$best")
    done
    python3 -c "import sys; b=int(sys.argv[1]); t=float(sys.argv[2]); print('%-28s %6.2f MB  %6.3f s  %6.2f MB/s' % (sys.argv[3], b/1e6, t, b/1e6/t))" "$bytes" "$best" "$label"
}

measure "$(build seeds.txt seeds/*.txt)" "demo seeds, repeated"
shopt -s nullglob
dev=(../shared/seeds/*.txt ../shared/seeds/*.md ../shared/seeds/*.html)
if [[ ${#dev[@]} -gt 0 ]]; then
    measure "$(build dev.txt "${dev[@]}")" "development article, repeated"
else
    echo "development article: skipped (no ../shared/seeds)"
fi
