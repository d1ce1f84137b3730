#!/usr/bin/env python3
"""Throughput of `sitrep timex --jsonl` (release build) against the npm library chrono-node on
the same batch of news-like sentences, measured in one run.

Usage: python3 benches/timex_vs_chrono_node.py [N_SENTENCES]   (default 20000)

Installs chrono-node with npm into benches/.node/ (ignored by git) when it is missing, builds
the release binary, generates the sentences from templates, times both, and prints both
throughputs and their ratio.

What is timed:
- sitrep: the wall time of the whole `sitrep timex --jsonl` process, from spawn to exit:
  process start, reading and parsing the JSON lines, finding and resolving the times, and
  writing one JSON line per sentence. Best of 5 runs. Measured twice: with its default of one
  worker thread per available core (both cores of a two-core machine), and with `--threads 1`.
- chrono-node as a whole process, the same job: a `node` process that reads the same JSON lines
  on stdin, calls `chrono.parse(text, ref)` on each with the line's reference time, and writes
  one JSON line per sentence (spans, texts, start and end times) on stdout. Wall time from spawn
  to exit, Node's start-up and module loading included, best of 5; one thread, as Node runs it.
- chrono-node inside one warm process, which leans towards chrono-node: only its
  `chrono.parse(text, ref)` calls, on texts already read and parsed from JSON. "First pass" is
  the first pass over the batch (the JIT compiling the hot paths included); "warm" is the best
  of 5 passes after it. Node's start-up, module loading, JSON input and output are not counted.

Every ratio is printed: sitrep (both thread counts) against each chrono-node figure.
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


NODE_PROCESS_SCRIPT = r"""
const chrono = require(process.argv[process.argv.length - 1]);
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
if (lines.length && lines[lines.length - 1] === '') lines.pop();
const out = [];
for (const line of lines) {
  try {
    const input = JSON.parse(line);
    const ref = input.ref ? new Date(input.ref) : new Date();
    const timexes = chrono.parse(input.text, ref).map((r) => ({
      start: r.index,
      end: r.index + r.text.length,
      text: r.text,
      interval: {start: r.start.date().toISOString(), end: r.end ? r.end.date().toISOString() : null},
    }));
    out.push(JSON.stringify({timexes}));
  } catch (e) {
    out.push(JSON.stringify({error: String(e)}));
  }
}
process.stdout.write(out.join('\n') + '\n');
"""


def best_of(runs, command, payload):
    """The best wall time of `runs` runs of `command` on `payload`, and the last run's output."""
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(command, input=payload, capture_output=True, check=True)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best, p.stdout


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    ensure_chrono_node()
    subprocess.run(["cargo", "build", "--release", "--bin", "sitrep"], cwd=ROOT, check=True)
    batch = sentences(n)
    payload = "".join(json.dumps({"text": s, "ref": REF}) + "\n" for s in batch).encode()
    chars = sum(len(s) for s in batch)

    binary = os.path.join(ROOT, "target", "release", "sitrep")
    sitrep = {}
    for label, extra in (("default threads", []), ("--threads 1", ["--threads", "1"])):
        seconds, stdout = best_of(5, [binary, "timex", "--jsonl"] + extra, payload)
        lines = stdout.decode().splitlines()
        assert len(lines) == n, "sitrep printed %d lines for %d" % (len(lines), n)
        found = sum(len(json.loads(l)["timexes"]) for l in lines)
        sitrep[label] = (seconds, found)

    module = os.path.join(NODE_DIR, "node_modules", "chrono-node")
    node_seconds, node_stdout = best_of(5, ["node", "-e", NODE_PROCESS_SCRIPT, module], payload)
    node_lines = node_stdout.decode().splitlines()
    assert len(node_lines) == n, "node printed %d lines for %d" % (len(node_lines), n)
    node_found = sum(len(json.loads(l).get("timexes", [])) for l in node_lines)
    p = subprocess.run(["node", "-e", NODE_SCRIPT, module], input=payload, capture_output=True,
                       check=True)
    res = json.loads(p.stdout)

    threads = os.cpu_count()
    chrono_rates = [
        ("chrono-node process", chars / node_seconds),
        ("chrono-node first pass", chars / res["first"]),
        ("chrono-node warm", chars / res["warm"]),
    ]
    print("sentences: %d, characters of text: %d" % (n, chars))
    for label, (seconds, found) in sitrep.items():
        print("sitrep timex --jsonl (%s):%s %.3f s, %6.2f MB/s, %d timexes" % (
            label, " " * (16 - len(label)), seconds, chars / seconds / 1e6, found))
    print("  timed: the whole process (start-up, JSON lines in, parse, JSON lines out), "
          "best of 5; default threads = one per core (%s cores here)" % threads)
    print("chrono-node, whole process:         %.3f s, %6.2f MB/s, %d results" % (
        node_seconds, chars / node_seconds / 1e6, node_found))
    print("  timed: a node process reading the JSON lines, chrono.parse() on each, writing one "
          "JSON line each, start-up included, best of 5")
    print("chrono-node, first pass:            %.3f s, %6.2f MB/s, %d results" % (
        res["first"], chars / res["first"] / 1e6, res["found"]))
    print("  timed: chrono.parse() calls over the batch once, texts pre-parsed, JIT warm-up "
          "included")
    print("chrono-node, warm:                  %.3f s, %6.2f MB/s" % (
        res["warm"], chars / res["warm"] / 1e6))
    print("  timed: chrono.parse() calls, best of 5 passes after the first")
    for label, (seconds, _) in sitrep.items():
        for chrono_label, rate in chrono_rates:
            print("ratio (sitrep %s / %s):%s %5.1fx" % (
                label, chrono_label, " " * (40 - len(label) - len(chrono_label)),
                chars / seconds / rate))


if __name__ == "__main__":
    main()
