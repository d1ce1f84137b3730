#!/usr/bin/env python3
"""Throughput of `sitrep timex --jsonl` (release build) against the npm library chrono-node on
the same batch of news-like sentences, measured in one run.

Usage: python3 benches/timex_vs_chrono_node.py [N_SENTENCES]

Installs chrono-node with npm into benches/.node/ (ignored by git) when it is missing, builds
the release binary, generates the sentences from templates, times both, and prints both
throughputs and their ratio.
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
const ref = new Date(2022, 0, 14);
let found = 0;
const t0 = process.hrtime.bigint();
for (const line of lines) {
  const text = JSON.parse(line).text;
  found += chrono.parse(text, ref).length;
}
const t1 = process.hrtime.bigint();
console.log(JSON.stringify({seconds: Number(t1 - t0) / 1e9, found}));
"""


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    ensure_chrono_node()
    subprocess.run(["cargo", "build", "--release", "--bin", "sitrep"], cwd=ROOT, check=True)
    batch = sentences(n)
    payload = "".join(json.dumps({"text": s, "ref": REF}) + "\n" for s in batch).encode()
    chars = sum(len(s) for s in batch)

    binary = os.path.join(ROOT, "target", "release", "sitrep")
    best_sitrep = None
    for _ in range(3):
        t0 = time.perf_counter()
        p = subprocess.run([binary, "timex", "--jsonl"], input=payload, capture_output=True,
                           check=True)
        dt = time.perf_counter() - t0
        best_sitrep = dt if best_sitrep is None else min(best_sitrep, dt)
    lines = p.stdout.decode().splitlines()
    assert len(lines) == n, "sitrep printed %d lines for %d" % (len(lines), n)
    sitrep_found = sum(len(json.loads(l)["timexes"]) for l in lines)

    module = os.path.join(NODE_DIR, "node_modules", "chrono-node")
    best_chrono = None
    for _ in range(3):
        p = subprocess.run(["node", "-e", NODE_SCRIPT, module], input=payload,
                           capture_output=True, check=True)
        res = json.loads(p.stdout)
        best_chrono = res["seconds"] if best_chrono is None else min(best_chrono, res["seconds"])

    # sitrep is timed end to end (process start, JSON in and out); chrono-node only its parse
    # calls, which favours chrono-node.
    s_rate = chars / best_sitrep
    c_rate = chars / best_chrono
    print("sentences: %d, characters: %d" % (n, chars))
    print("sitrep timex --jsonl: %.3f s, %.2f MB/s, %d timexes" % (best_sitrep, s_rate / 1e6,
                                                                   sitrep_found))
    print("chrono-node parse:    %.3f s, %.2f MB/s, %d results" % (best_chrono, c_rate / 1e6,
                                                                   res["found"]))
    print("ratio (sitrep / chrono-node): %.1fx" % (s_rate / c_rate))


if __name__ == "__main__":
    main()
