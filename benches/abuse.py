#!/usr/bin/env python3
"""The hostile-client and heavy-user checks of benches/abuse.sh, against a server on loopback.
For each: what was sent, and what the server did. Every phase is bounded in count and time.

Usage: abuse.py stalled BASE PID COUNT HEADER_TIMEOUT
       abuse.py extracts BASE PID COUNT MIB
       abuse.py long-page BASE SLUG
"""

import http.client
import json
import os
import selectors
import socket
import statistics
import sys
import threading
import time


def address(base):
    host, port = base.removeprefix("http://").split(":")
    return host, int(port)


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def get(base, path, timeout=10):
    """One GET on a new connection: (status, body bytes, seconds)."""
    host, port = address(base)
    started = time.monotonic()
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        return response.status, body, time.monotonic() - started
    finally:
        conn.close()


def healthz_sampler(base, stop, samples, failures):
    while not stop.is_set():
        try:
            status, _, seconds = get(base, "/healthz", timeout=5)
            if status == 200:
                samples.append(seconds)
            else:
                failures.append(status)
        except OSError as error:
            failures.append(str(error))
        time.sleep(0.05)


def describe(samples):
    if not samples:
        return "no answers"
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (f"{len(samples)} answers, median {statistics.median(samples) * 1000:.1f} ms, "
            f"p99 {p99 * 1000:.1f} ms, max {max(samples) * 1000:.1f} ms")


def stalled(base, pid, count, header_timeout):
    host, port = address(base)
    print(f"sent: {count} connections, half silent, half stopping after "
          f"'GET /healthz HTTP/1.1\\r\\nHost: x\\r\\n' (no blank line)")
    sockets, opened = [], time.monotonic()
    for i in range(count):
        s = socket.create_connection((host, port), timeout=5)
        if i % 2:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        s.setblocking(False)
        sockets.append(s)
    print(f"  opened in {time.monotonic() - opened:.2f} s; server RSS {rss_mib(pid):.0f} MiB")
    samples, failures = [], []
    for _ in range(40):
        try:
            status, _, seconds = get(base, "/healthz", timeout=5)
            (samples if status == 200 else failures).append(seconds if status == 200 else status)
        except OSError as error:
            failures.append(str(error))
        time.sleep(0.02)
    print(f"  /healthz while they stall: {describe(samples)}; failures {len(failures)} {failures[:3]}")
    selector = selectors.DefaultSelector()
    for s in sockets:
        selector.register(s, selectors.EVENT_READ)
    still_open, last_close = len(sockets), None
    deadline = opened + header_timeout + 30
    while still_open and time.monotonic() < deadline:
        for key, _ in selector.select(timeout=0.5):
            s = key.fileobj
            try:
                data = s.recv(4096)
            except (ConnectionResetError, BlockingIOError) as error:
                data = b"" if isinstance(error, ConnectionResetError) else None
            if data == b"":
                selector.unregister(s)
                s.close()
                still_open -= 1
                last_close = time.monotonic() - opened
    for key in list(selector.get_map().values()):
        key.fileobj.close()
    verdict = "all closed" if still_open == 0 else f"{still_open} STILL OPEN"
    print(f"  server: {verdict}; the last {count - still_open} closed {last_close or 0:.1f} s "
          f"after the first was opened (header timeout {header_timeout} s)")
    status, _, seconds = get(base, "/healthz")
    print(f"  /healthz afterwards: {status} in {seconds * 1000:.1f} ms; "
          f"server RSS {rss_mib(pid):.0f} MiB")


def extract_body(mib):
    """A JSON extract request of at most `mib` MiB: the seed articles repeated, cut at a line."""
    seeds = os.path.join(os.path.dirname(__file__), "..", "seeds")
    parts = [open(os.path.join(seeds, name)).read()
             for name in sorted(os.listdir(seeds)) if name.endswith(".txt")]
    unit = "\n\n".join(parts) + "\n\n"
    target = int(mib * 1024 * 1024)
    text = (unit * (target // len(unit) + 1))[:target]
    while True:
        text = text[: text.rfind("\n")]
        body = json.dumps({"text": text}).encode()
        if len(body) <= target:
            return body
        # Escapes make the body longer than the text: cut the excess and try again.
        text = text[: len(text) - (len(body) - target)]


def extracts(base, pid, count, mib):
    host, port = address(base)
    body = extract_body(mib)
    print(f"sent: {count} concurrent POST /api/v1/extract, {len(body) / 1048576:.1f} MiB each")
    results, lock = [], threading.Lock()

    def one():
        started = time.monotonic()
        conn = http.client.HTTPConnection(host, port, timeout=120)
        try:
            try:
                conn.request("POST", "/api/v1/extract", body,
                             {"content-type": "application/json"})
            except (BrokenPipeError, ConnectionResetError):
                # The server answered before reading the whole body and closed its side;
                # its answer may still be waiting to be read.
                pass
            response = conn.getresponse()
            answer = response.read()
            outcome = (response.status, len(answer), response.getheader("retry-after"),
                       time.monotonic() - started)
        except (OSError, http.client.HTTPException) as error:
            outcome = (f"no answer ({error})", 0, None, time.monotonic() - started)
        finally:
            conn.close()
        with lock:
            results.append(outcome)

    stop, samples, failures, peak = threading.Event(), [], [], [rss_mib(pid)]
    sampler = threading.Thread(target=healthz_sampler, args=(base, stop, samples, failures))

    def watch_rss():
        while not stop.is_set():
            peak[0] = max(peak[0], rss_mib(pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch_rss)
    threads = [threading.Thread(target=one) for _ in range(count)]
    sampler.start()
    watcher.start()
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    time.sleep(0.5)
    stop.set()
    sampler.join()
    watcher.join()
    by_status = {}
    for status, size, retry_after, seconds in results:
        entry = by_status.setdefault(status, [0, 0, set(), 0.0])
        entry[0] += 1
        entry[1] = max(entry[1], size)
        entry[2].add(retry_after)
        entry[3] = max(entry[3], seconds)
    for status, (n, size, retry, slowest) in sorted(by_status.items(), key=str):
        retry_text = ", ".join(sorted(r for r in retry if r)) or "-"
        print(f"  server: {n} x {status}, answers up to {size / 1048576:.1f} MiB, "
              f"Retry-After {retry_text}, slowest {slowest:.2f} s")
    print(f"  all answered in {elapsed:.1f} s; peak server RSS {peak[0]:.0f} MiB")
    print(f"  /healthz meanwhile: {describe(samples)}; failures {len(failures)} {failures[:3]}")


def long_page(base, slug):
    status, body, _ = get(base, f"/api/v1/situations/{slug}/claims?limit=1")
    source = json.loads(body)["claims"][0]["source"]["id"]
    status, situation, _ = get(base, f"/api/v1/situations/{slug}")
    counts = json.loads(situation).get("counts")
    print(f"sent: GET /sources/{source} (situation {slug}: {counts})")
    for attempt in range(3):
        status, body, seconds = get(base, f"/sources/{source}", timeout=60)
        marks = body.count(b'class="claim-span')
        print(f"  server: {status}, {len(body) / 1048576:.1f} MiB, {marks} claim spans, "
              f"{seconds * 1000:.0f} ms")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "stalled":
        stalled(args[0], int(args[1]), int(args[2]), float(args[3]))
    elif command == "extracts":
        extracts(args[0], int(args[1]), int(args[2]), float(args[3]))
    elif command == "long-page":
        long_page(args[0], args[1])
    else:
        sys.exit(__doc__)
