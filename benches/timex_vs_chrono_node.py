#!/usr/bin/env python3
"""Throughput of `sitrep timex --jsonl` (release build) against the npm library chrono-node on
the same batch of news-like sentences, measured in one run.

Usage: python3 benches/timex_vs_chrono_node.py [N_SENTENCES]   (default 20000)

Installs chrono-node with npm into benches/.node/ (ignored by git) when it is missing, builds
the release binary, generates the sentences from templates, times both, and prints both
throughputs and their ratio.

What is timed, and why the comparison leans towards chrono-node:
- sitrep: the wall time of the whole `sitrep timex --jsonl` process, from spawn to exit:
  process start, reading and parsing the JSON lines, finding and resolving the times, and
  writing one JSON line per sentence. Best of 5 runs.
- chrono-node: only its `chrono.parse(text, ref)` calls, inside one Node.js process, on texts
  already read and parsed from JSON, after one untimed warm-up pass over the whole batch so
  that the JIT has compiled the hot paths. Best of 5 timed passes. Node's start-up, module
  loading, JSON input and output are not counted.
"""
import json
import os
import random
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NODE_DIR = os.path.join(ROOT, "benches", ".node")
REF = "2022-01-14T00:00:00"

SUBJECTS = ["The ministry", "The alliance", "Officials", "The president", "Rescue teams",
            "The central bank", "Protesters", "The defence minister"]
VERBS = ["said", "announced", "reported", "confirmed", "denied", "warned"]
TIMES = ["on January 9", "last week", "on Tuesday", "two days later", "at 5 p.m. on Friday",
         "since 2014", "in early March", "between 5 and 7 January", "yesterday",
         "on the evening of January 12", "by the 19th", "a week ago", "in December",
         "on 14 January 2022", "earlier this month", "", "", ""]
TAILS = ["that about 2,000 troops would leave under Section 5 of the treaty.",
         "a 25 percent rise in fuel prices in the west of the country.",
         "that the withdrawal may take no more than ten days.",
         "that talks would resume after a short pause.",
         "that 160 people had died and 1,500 were detained.",
         "that the curfew would be lifted in the capital."]


def sentences(n):
    rnd = random.Random(7)
    out = []
    for _ in range(n):
        t = rnd.choice(TIMES)
        s = "%s %s %s %s" % (rnd.choice(SUBJECTS), t, rnd.choice(VERBS), rnd.choice(TAILS))
        out.append(" ".join(s.split()))
    return out


def ensure_chrono_node():
    if not os.path.isdir(os.path.join(NODE_DIR, "node_modules", "chrono-node")):
        os.makedirs(NODE_DIR, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", NODE_DIR, "chrono-node@2"],
                       check=True)


NODE_SCRIPT = r"""
const chrono = require(process.argv[process.argv.length - 1]);
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(Boolean);
const texts = lines.map((line) => JSON.parse(line).text);
const ref = new Date(2022, 0, 14);
const pass = () => {
  let found = 0;
  for (const text of texts) {
    found += chrono.parse(text, ref).length;
  }
  return found;
};
const timed = () => {
  const t0 = process.hrtime.bigint();
  const found = pass();
  return [Number(process.hrtime.bigint() - t0) / 1e9, found];
};
// The first pass includes the JIT compiling chrono-node's hot paths; later passes do not.
const [first, found] = timed();
let warm = Infinity;
for (let run = 0; run < 5; run++) {
  warm = Math.min(warm, timed()[0]);
}
console.log(JSON.stringify({first, warm, found}));
"""


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    ensure_chrono_node()
    subprocess.run(["cargo", "build", "--release", "--bin", "sitrep"], cwd=ROOT, check=True)
    batch = sentences(n)
    payload = "".join(json.dumps({"text": s, "ref": REF}) + "\n" for s in batch).encode()
    chars = sum(len(s) for s in batch)

    binary = os.path.join(ROOT, "target", "release", "sitrep")
    best_sitrep = None
    for _ in range(5):
        t0 = time.perf_counter()
        p = subprocess.run([binary, "timex", "--jsonl"], input=payload, capture_output=True,
                           check=True)
        dt = time.perf_counter() - t0
        best_sitrep = dt if best_sitrep is None else min(best_sitrep, dt)
    lines = p.stdout.decode().splitlines()
    assert len(lines) == n, "sitrep printed %d lines for %d" % (len(lines), n)
    sitrep_found = sum(len(json.loads(l)["timexes"]) for l in lines)

    module = os.path.join(NODE_DIR, "node_modules", "chrono-node")
    p = subprocess.run(["node", "-e", NODE_SCRIPT, module], input=payload, capture_output=True,
                       check=True)
    res = json.loads(p.stdout)

    s_rate = chars / best_sitrep
    first_rate = chars / res["first"]
    warm_rate = chars / res["warm"]
    print("sentences: %d, characters of text: %d" % (n, chars))
    print("sitrep timex --jsonl:     %.3f s, %6.2f MB/s, %d timexes" % (
        best_sitrep, s_rate / 1e6, sitrep_found))
    print("  timed: the whole process (start-up, JSON lines in, parse, JSON lines out), "
          "best of 5")
    print("chrono-node, first pass:  %.3f s, %6.2f MB/s, %d results" % (
        res["first"], first_rate / 1e6, res["found"]))
    print("  timed: chrono.parse() calls over the batch once, texts pre-parsed, JIT warm-up "
          "included")
    print("chrono-node, warm:        %.3f s, %6.2f MB/s" % (res["warm"], warm_rate / 1e6))
    print("  timed: chrono.parse() calls, best of 5 passes after the first")
    print("ratio (sitrep / chrono-node first pass): %.1fx" % (s_rate / first_rate))
    print("ratio (sitrep / chrono-node warm):       %.1fx" % (s_rate / warm_rate))


if __name__ == "__main__":
    main()
