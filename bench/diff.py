#!/usr/bin/env python3
"""`zonelint diff` of two versions of the 1M mixed zone, against checking one.

    bench/diff.py [--zonelint target/release/zonelint] [--records 1000000]
                  [--changes 1000] [--runs 5]

Generates the mixed zone with ../shared/tools/genzone.py (cached under
target/bench-zones), writes a second version in which `--changes` address
records (spread over the file) point elsewhere, then times, alternated,
`zonelint check` of the first version and `zonelint diff` of the two. The
issue wants the diff under twice the check. Medians of the runs' wall
times.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENZONE = os.path.join(os.path.dirname(ROOT), "shared", "tools", "genzone.py")


def zones(records, changes):
    cache = os.path.join(ROOT, "target", "bench-zones")
    os.makedirs(cache, exist_ok=True)
    old = os.path.join(cache, f"mixed-{records}.zone")
    if not os.path.exists(old):
        subprocess.run(
            [sys.executable, GENZONE, "--mode", "mixed", "--records", str(records), "--out", old + ".tmp"],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        os.rename(old + ".tmp", old)
    new = os.path.join(cache, f"mixed-{records}-{changes}-changed.zone")
    if not os.path.exists(new):
        lines = open(old, encoding="utf-8", errors="surrogateescape").read().split("\n")
        candidates = [i for i, l in enumerate(lines) if "\tA\t" in l and l.count(".") == 3]
        step = max(1, len(candidates) // changes)
        for i in candidates[::step][:changes]:
            lines[i] = lines[i][: lines[i].rfind(".")] + ".254"
        with open(new, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write("\n".join(lines))
    return old, new


def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--zonelint", default=os.path.join(ROOT, "target", "release", "zonelint"))
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--changes", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    old, new = zones(args.records, args.changes)
    check, diff = [], []
    for _ in range(args.runs):
        check.append(timed([args.zonelint, "check", "--no-config", "--format", "concise", old]))
        diff.append(timed([args.zonelint, "diff", "--no-config", "--format", "json", old, new]))
    c, d = statistics.median(check), statistics.median(diff)
    print(f"{args.records} records, {args.changes} changed, median of {args.runs} runs:")
    print(f"  zonelint check OLD      {c:.3f} s")
    print(f"  zonelint diff OLD NEW   {d:.3f} s")
    print(f"  diff / check            {d / c:.2f} (wanted under 2)")


if __name__ == "__main__":
    main()
