#!/usr/bin/env python3
"""Writes a synthetic situation in the `sitrep export` format (sitrep-export/1) for load tests:
one source of N invented dated sentences, each a claim with a date, a speaker or an actor, and
its exact byte span. Usage: load_situation.py SLUG N > situation.json"""

import datetime
import hashlib
import json
import sys

STAMP = "2030-01-01T00:00:00Z"
ACTORS = [("a1", "state", "Northland"), ("a2", "state", "Southmark"),
          ("a3", "person", "Ilse Marr"), ("a4", "organisation", "Harbour Council")]
VERBS = ["said that talks would resume", "moved troops to the border", "closed the port",
         "announced a ceasefire", "denied any involvement", "asked for observers"]


def main():
    slug, count = sys.argv[1], int(sys.argv[2])
    start = datetime.date(2030, 1, 1)
    text, claims = "Load test report\n", []
    for i in range(count):
        key, kind, name = ACTORS[i % len(ACTORS)]
        day = start + datetime.timedelta(days=i // 5)
        sentence = f"On {day:%B} {day.day}, {name} {VERBS[i % len(VERBS)]} (item {i})."
        begin = len(text.encode())
        text += sentence + " "
        end = begin + len(sentence.encode())
        speaking = kind == "person"
        claims.append({
            "key": f"c{i}", "source": "s1", "observation": None, "ordinal": i,
            "text": sentence, "start": begin, "end": end,
            "kind": "statement" if speaking else "event",
            "modality": "reported" if speaking else "asserted",
            "occurred": {"start": f"{day}", "end": f"{day + datetime.timedelta(days=1)}",
                         "precision": "day", "approximate": False},
            "reported": None, "recorded_at": STAMP,
            "speaker": key if speaking else None, "review_state": "accepted",
            "deleted_at": None, "published_at": STAMP,
            "actors": [{"actor": key, "role": "speaker" if speaking else "subject",
                        "start": begin + sentence.index(name),
                        "end": begin + sentence.index(name) + len(name.encode())}],
        })
    export = {
        "format": "sitrep-export/1",
        "situation": {"slug": slug, "title": f"Load test ({count} claims)", "summary": "",
                      "created_at": STAMP, "updated_at": STAMP},
        "sources": [{"key": "s1", "file_name": None, "title": "Load test report",
                     "publisher": None, "author": None, "url": None, "published": "2030-01-01",
                     "language": "en", "format": "text",
                     "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                     "recorded_at": STAMP, "text": text}],
        "observations": [],
        "actors": [{"key": k, "kind": kind, "name": n, "parent": None, "external_id": None,
                    "candidate": False, "created_at": STAMP, "aliases": [], "roles": []}
                   for k, kind, n in ACTORS],
        "claims": claims, "relations": [], "predictions": [], "resolutions": [],
        "warnings": [], "revisions": [],
    }
    json.dump(export, sys.stdout)


if __name__ == "__main__":
    main()
