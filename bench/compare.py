#!/usr/bin/env python3
"""Side-by-side benchmark: zonelint against BIND and Knot on the same files.

Generates zones with ../shared/tools/genzone.py (cached), installs the peers
if they are missing (Debian packages; needs root), builds zonelint in release
mode, then runs every tool on every zone, alternating tools run by run, and
reports the median wall time, the peak RSS of the process, the throughput
and the ratio of each peer to zonelint, as a markdown table.

    bench/compare.py                          # 1M mixed zone, 5 runs
    bench/compare.py --sizes 10000,1000000 --modes mixed,tld --runs 3
    bench/compare.py --out bench/RESULTS.md
    bench/compare.py --folder 1000            # a folder of 1,000 zones: threads
    bench/compare.py --suite --out bench/RESULTS.md   # everything bench/RESULTS.md shows
    bench/compare.py --against /tmp/zonelint-prev --tools "zonelint check,zonelint fmt --check" --runs 9
                                              # this build against another (the previous commit's)

Peers: named-checkzone and named-compilezone (bind9-utils), kzonecheck
(knot-dnssecutils), nsd-checkzone (nsd), validns (validns); parse-only:
the `domain` crate's zone file parser against zonelint's parser, both
through the bench-only program in bench/parse-peers/ (so that `domain`
is never a dependency of zonelint).

BIND's tools run with `-i none` only: their default resolves names over the
network. No timing is asserted anywhere; this script measures and reports.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GENZONE = SHARED / "tools" / "genzone.py"
ORIGIN = "example.com"

# Where cargo builds (CARGO_TARGET_DIR or a configured target-dir).
TARGET = Path(json.loads(subprocess.run(
    ["cargo", "metadata", "--format-version", "1", "--no-deps"],
    cwd=ROOT, check=True, capture_output=True, text=True).stdout)["target_directory"])
ZONELINT = str(TARGET / "release/zonelint")
PARSE_PEERS = str(ROOT / "bench/parse-peers/target/release/zonelint-parse-peers")

# name -> (argv builder, accepted exit codes, Debian package, stdin from the zone)
TOOLS = {
    "zonelint check": (lambda z: [ZONELINT, "check", "--origin", ORIGIN, z], {0, 1}, None, False),
    "named-checkzone -i none": (lambda z: ["named-checkzone", "-i", "none", ORIGIN, z], {0}, "bind9-utils", False),
    # BIND's integrity checks of MX, NS and SRV targets inside the zone,
    # with every check that can warn set to warn (as issue 14 compares).
    "named-checkzone -i local": (
        lambda z: ["named-checkzone", "-i", "local", "-k", "warn", "-m", "warn", "-M", "warn",
                   "-S", "warn", "-n", "warn", ORIGIN, z],
        {0, 1},
        "bind9-utils",
        False,
    ),
    "kzonecheck": (lambda z: ["kzonecheck", "-o", ORIGIN, z], {0, 1}, "knot-dnssecutils", False),
    "nsd-checkzone": (lambda z: ["nsd-checkzone", ORIGIN, z], {0, 1}, "nsd", False),
    "validns": (lambda z: ["validns", "-z", ORIGIN, z], {0, 1}, "validns", False),
    # Parsing alone, through the library entry points (bench/parse-peers).
    "zonelint parse (library)": (lambda z: [PARSE_PEERS, "zonelint", z, ORIGIN + "."], {0}, None, False),
    "domain parse (crate)": (lambda z: [PARSE_PEERS, "domain", z, ORIGIN + "."], {0}, None, False),
    # Formatting: zonelint formats and fully verifies the result (same
    # records, same comments, stable) and writes it to /dev/null, as
    # named-compilezone does.
    "zonelint fmt - (verified)": (lambda z: [ZONELINT, "fmt", "-", "--origin", ORIGIN], {0}, None, True),
    "zonelint fmt --check": (lambda z: [ZONELINT, "fmt", "--check", z], {0, 1}, None, False),
    "named-compilezone -s relative": (
        lambda z: ["named-compilezone", "-s", "relative", "-i", "none", "-o", "/dev/null", ORIGIN, z],
        {0},
        "bind9-utils",
        False,
    ),
}

# Which tool each ratio is taken against.
BASELINE = {
    "named-checkzone -i none": "zonelint check",
    "named-checkzone -i local": "zonelint check",
    "kzonecheck": "zonelint check",
    "nsd-checkzone": "zonelint check",
    "validns": "zonelint check",
    "named-compilezone -s relative": "zonelint fmt --check",
    "domain parse (crate)": "zonelint parse (library)",
}

# --suite: what bench/RESULTS.md shows. (sizes, modes, tools, runs)
SUITE = [
    ("1000000", "mixed,tld", list(TOOLS), 5),
    # fmt --check stops at the first difference: on a formatted zone it reads everything.
    ("1000000", "mixed-formatted", ["zonelint fmt --check", "named-compilezone -s relative"], 5),
    # Growth: 1M and 5M alternate run by run, so that the machine's drift
    # (it is shared) falls on both sizes alike.
    ("1000000,5000000", "mixed,tld",
     ["zonelint check", "named-checkzone -i none", "named-checkzone -i local", "kzonecheck",
      "zonelint fmt --check", "zonelint parse (library)", "domain parse (crate)"], 3),
    ("10000,100000", "mixed,tld",
     ["zonelint check", "named-checkzone -i none", "kzonecheck", "zonelint fmt --check",
      "zonelint parse (library)", "domain parse (crate)"], 3),
]


def add_twins(binary, tools):
    """The zonelint tools of `tools` again, run with `binary` (and listed after them)."""
    for t in tools:
        if t.startswith("zonelint ") and TOOLS[t][0]("x")[0] == ZONELINT:
            build, accepted, _, stdin = TOOLS[t]
            twin = f"{t} [{Path(binary).name}]"
            TOOLS[twin] = (lambda z, b=build: [binary] + b(z)[1:], accepted, None, stdin)
            BASELINE[twin] = t
    return [t for t in TOOLS if any(t == x or t.startswith(x + " [") for x in tools)]


def ensure_peer(binary, package):
    if shutil.which(binary):
        return True
    if package is None or os.geteuid() != 0:
        print(f"skipping {binary}: not installed (Debian package {package})", file=sys.stderr)
        return False
    print(f"installing {package} ...", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=False, env=env, stdout=subprocess.DEVNULL)
    return shutil.which(binary) is not None


def zone_file(cache, mode, records, seed=1):
    path = cache / f"{mode}-{records}.zone"
    if mode.endswith("-formatted") and not path.exists():
        # The generated zone as `zonelint fmt` writes it: what `fmt --check`
        # sees in a repository that is kept formatted (it must read it all).
        source = zone_file(cache, mode.removesuffix("-formatted"), records, seed)
        tmp = path.with_suffix(".tmp")
        with open(source, "rb") as src, open(tmp, "wb") as out:
            subprocess.run([ZONELINT, "fmt", "--no-config", "-"], stdin=src, stdout=out, check=True)
        tmp.rename(path)
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        subprocess.run(
            [sys.executable, str(GENZONE), "--mode", mode, "--records", str(records), "--seed", str(seed), "--out", str(tmp)],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        tmp.rename(path)
    return path


def zone_folder(cache, files, records):
    """`files` generated zones of `records` records each, with their own origins."""
    folder = cache / f"folder-{files}x{records}"
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(files):
            origin = f"zone{i:04}.example."
            subprocess.run(
                [sys.executable, str(GENZONE), "--mode", "mixed", "--records", str(records),
                 "--seed", str(i + 1), "--origin", origin, "--out", str(folder / f"{origin}zone")],
                check=True,
                stderr=subprocess.DEVNULL,
            )
        done.write_text("")
    return folder


def folder_bench(args, cache):
    """Checking a folder of zones on all cores against one thread."""
    folder = zone_folder(cache, args.folder, args.folder_records)
    files = sorted(folder.glob("*.zone"))
    mb = sum(f.stat().st_size for f in files) / 1e6
    variants = {
        "zonelint check --threads 1": [ZONELINT, "check", "--no-config", "--threads", "1", str(folder)],
        f"zonelint check (all {os.cpu_count()} cores)": [ZONELINT, "check", "--no-config", str(folder)],
    }
    samples = {v: [] for v in variants}
    for run in range(args.runs):
        order = list(variants) if run % 2 == 0 else list(reversed(variants))
        for v in order:
            samples[v].append(run_once(variants[v], {0, 1}))
    medians = {v: statistics.median(w for w, _ in samples[v]) for v in variants}
    one, many = list(variants)
    lines = [
        f"Folder of {len(files):,} generated zones ({args.folder_records:,} records each, {mb:.0f} MB), "
        f"median of {args.runs} runs, alternated.",
        "",
        "| run | median wall s | peak RSS MiB | MB/s | speed-up |",
        "|---|---|---|---|---|",
    ]
    for v in variants:
        rss = max(r for _, r in samples[v]) / 1024
        speedup = medians[one] / medians[v]
        lines.append(f"| {v} | {medians[v]:.3f} | {rss:.0f} | {mb / medians[v]:.0f} | {speedup:.2f}x |")
    return "\n".join(lines) + "\n"


def run_once(argv, accepted, stdin_path=None):
    """Wall seconds and peak RSS (KiB) of one process."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, rusage = os.wait4(proc.pid, 0)
    if stdin_path:
        stdin.close()
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in accepted:
        raise RuntimeError(f"{' '.join(argv)} exited {code}")
    return wall, rusage.ru_maxrss


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000000", help="comma-separated record counts")
    ap.add_argument(
        "--modes",
        default="mixed",
        help="comma-separated genzone modes (mixed, tld), or one of them formatted (mixed-formatted)",
    )
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument(
        "--tools",
        default="zonelint check,named-checkzone -i none,kzonecheck",
        help="comma-separated tool names: " + ", ".join(TOOLS),
    )
    ap.add_argument("--cache", default=str(ROOT / "target" / "bench-zones"))
    ap.add_argument("--out", help="also write the markdown table to this file")
    ap.add_argument("--folder", type=int, help="instead: check a folder of this many zones, 1 thread vs all")
    ap.add_argument("--folder-records", type=int, default=2000, help="records per zone of --folder")
    ap.add_argument("--suite", action="store_true", help="run the whole suite of bench/RESULTS.md")
    ap.add_argument(
        "--against",
        metavar="BINARY",
        help="another zonelint binary (the previous commit's): each zonelint tool also runs with it, "
        "alternated; its ratio is its time divided by this build's",
    )
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    if args.folder:
        table = folder_bench(args, cache)
        print(table)
        if args.out:
            Path(args.out).write_text(table)
        return
    tools = args.tools.split(",")
    if args.against:
        tools = add_twins(args.against, [t.strip() for t in tools])
    plans = SUITE if args.suite else [(args.sizes, args.modes, tools, args.runs)]
    rows = []
    for sizes, modes, tools, runs in plans:
        rows += bench(cache, sizes, modes, [t.strip() for t in tools if t.strip()], runs)
    table = report(rows)
    print(table)
    if args.out:
        Path(args.out).write_text(table)


def bench(cache, sizes, modes, tools, runs):
    """Rows of (mode, size, MB, tool, median wall, peak RSS MiB, MB/s, ratio text, runs)."""
    if any(TOOLS[t][0]("x")[0] == PARSE_PEERS for t in tools):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT / "bench/parse-peers", check=True)
    tools = [t for t in tools if TOOLS[t][2] is None or ensure_peer(TOOLS[t][0]("x")[0], TOOLS[t][2])]
    zones = [(mode, size, zone_file(cache, mode, size))
             for mode in modes.split(",") for size in (int(s) for s in sizes.split(","))]
    samples = {(z, t): [] for z in range(len(zones)) for t in tools}
    # Every run goes through every zone and every tool, so that a slow spell
    # of the machine falls on all of them; the order of the tools alternates
    # run by run so that no tool always goes first.
    for run in range(runs):
        order = tools if run % 2 == 0 else list(reversed(tools))
        for z, (mode, size, zone) in enumerate(zones):
            for t in order:
                build, accepted, _, stdin = TOOLS[t]
                samples[(z, t)].append(run_once(build(str(zone)), accepted, zone if stdin else None))
    rows = []
    for z, (mode, size, zone) in enumerate(zones):
        mb = zone.stat().st_size / 1e6
        medians = {t: statistics.median(w for w, _ in samples[(z, t)]) for t in tools}
        for t in tools:
            wall = medians[t]
            rss = max(r for _, r in samples[(z, t)]) / 1024
            base = BASELINE.get(t)
            ratio = f"{wall / medians[base]:.2f} vs {base}" if base in medians else "-"
            rows.append((mode, size, mb, t, wall, rss, mb / wall, ratio, runs))
            print(f"{mode} {size}: {t}: {wall:.3f} s, {rss:.0f} MiB", file=sys.stderr)
    return rows


def report(rows):
    lines = [
        f"Median wall time of each tool on each zone, tools alternated run by run in one run of this",
        f"script, on this machine ({os.cpu_count()} cores). The ratio is the peer's time divided by the",
        "named zonelint command's, measured in the same run: how many times faster zonelint is.",
        "",
        "| zone | records | MB | tool | runs | median wall s | peak RSS MiB | MB/s | ratio |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for mode, size, mb, t, wall, rss, mbps, ratio, runs in rows:
        lines.append(f"| {mode} | {size:,} | {mb:.1f} | {t} | {runs} | {wall:.3f} | {rss:.0f} | {mbps:.0f} | {ratio} |")
    # Growth from 1M to 5M records, where both were measured (the last
    # measurement of a zone and tool wins: in --suite, the runs where 1M and
    # 5M alternate).
    at = {(m, s, t): (w, r) for m, s, _, t, w, r, _, _, _ in rows}
    growth = []
    for (m, s, t), (w1, r1) in sorted(at.items()):
        if s == 1_000_000 and (m, 5_000_000, t) in at:
            w5, r5 = at[(m, 5_000_000, t)]
            per_record = (r5 - r1) * 1024 * 1024 / 4_000_000
            growth.append(f"| {m} | {t} | {w5 / w1:.2f} | {r5 / r1:.2f} | {per_record:.0f} |")
    if growth:
        lines += [
            "",
            "Growth from 1M to 5M records: time and peak memory at 5M divided by those at 1M, and the",
            "memory each added record costs ((RSS 5M - RSS 1M) / 4M, source text included), from the",
            "runs in which 1M and 5M alternate.",
            "",
            "| zone | tool | time 5M / 1M | memory 5M / 1M | bytes per added record |",
            "|---|---|---|---|---|",
        ] + growth
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
