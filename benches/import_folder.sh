#!/usr/bin/env bash
# Import throughput: `sitrep import` of a folder of N generated news-style articles (about
# 2.5 KB each, every one different) into a fresh database, timed by the command's own summary.
# Usage: benches/import_folder.sh [N] [DATABASE_URL]   (defaults: 1000, a fresh SQLite file)
# Runs the release build; a second run over the same folder shows the resume path (all skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
url="${2:-sqlite://$work/bench.db}"
cargo build --release --quiet
python3 - "$work/articles" "$n" <<'PY'
import os, sys
folder, n = sys.argv[1], int(sys.argv[2])
os.makedirs(folder)
people = ["President Kassym-Jomart Tokayev", "Defence Minister Sergey Shoygu",
          "Kremlin spokesman Dmitry Peskov", "Foreign Minister Sergey Lavrov"]
for i in range(n):
    day = 1 + i % 28
    who = people[i % len(people)]
    lines = [f"Bulletin {i}: the CSTO mission, day {day}", f"January {day}, 2022",
             f"By Bench Writer {i % 37}", ""]
    for p in range(6):
        lines.append(
            f"On January {day}, {who} said that {120 + i + p} more troops would reach Almaty "
            f"within {p + 1} days. Kazakhstan asked the Collective Security Treaty Organization "
            f"(CSTO) for help on January 5. Russia might keep its soldiers there until February, "
            f"officials told reporters in briefing {i}-{p}. The withdrawal is unlikely to start "
            f"before the middle of the month.\n")
    open(os.path.join(folder, f"bulletin-{i:05}.txt"), "w").write("\n".join(lines))
PY
echo "articles: $n, $(du -sh "$work/articles" | cut -f1) on disk, database: ${url%%://*}"
RUST_LOG=warn ./target/release/sitrep --database-url "$url" import "$work/articles" --situation bench | tail -n 1
echo "again (everything already imported):"
RUST_LOG=warn ./target/release/sitrep --database-url "$url" import "$work/articles" --situation bench | tail -n 1
