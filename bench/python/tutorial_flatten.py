#!/usr/bin/env python3
"""The tutorials' way to flatten a Genesys aggregates response, in Python (standard library only).

Written from the description in bench/README.md (Method): read the whole body with json.load, then walk
it with one recursive flatten(node, row). A dict starts from a copy of the row it is given and adds its scalar
fields and the fields of its nested dicts (the group's dimensions under their own names, others joined with "_");
its lists are flattened element by element with that copy. A metric entry adds one column per stat to its bucket's
row, <metric>_<stat> (<metric>_<qualifier>_<stat> when it has a qualifier). A bucket (a dict with "metrics") is
emitted as one row. The output is one dict per (group, bucket), the rows of the connector's wide format.

Usage: tutorial_flatten.py FILE [REPEATS]. Prints one JSON line: the best load+flatten time over REPEATS runs
(default 2), the rows, the bytes, and the process's peak resident memory.
"""
import json
import resource
import sys
import time


def flatten(node, row, rows):
    if isinstance(node, dict):
        metric = node.get("metric")
        if metric is not None:  # a metric entry adds its columns to the bucket's row
            qualifier = node.get("qualifier")
            name = metric if qualifier is None else metric + "_" + qualifier
            for stat, value in (node.get("stats") or {}).items():
                row[name + "_" + stat] = value
            return
        mine = dict(row)
        lists = []
        for key, value in node.items():
            if isinstance(value, dict):
                for sub, subvalue in value.items():
                    mine[sub if key == "group" else key + "_" + sub] = subvalue
            elif isinstance(value, list):
                lists.append(value)
            else:
                mine[key] = value
        for values in lists:
            for element in values:
                flatten(element, mine, rows)
        if "metrics" in node:
            rows.append(mine)
    elif isinstance(node, list):
        for element in node:
            flatten(element, row, rows)


def run(path):
    start = time.perf_counter()
    with open(path, "rb") as f:
        body = json.load(f)
    rows = []
    flatten(body, {}, rows)
    return time.perf_counter() - start, rows


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    best = None
    rows = []
    for _ in range(repeats):
        rows = None  # let the previous run's rows go before the next one
        seconds, rows = run(path)
        best = seconds if best is None else min(best, seconds)
    with open(path, "rb") as f:
        size = len(f.read())
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": best, "rows": len(rows), "bytes": size, "max_rss_bytes": peak_kb * 1024,
                      "python": sys.version.split()[0]}))


if __name__ == "__main__":
    main()
