#!/usr/bin/env python3
"""Finding zones through a server configuration, against checking them.

    bench/discovery.py [--zones 5000] [--runs 5] [--out FILE]

Builds a repository (in a temporary folder, with a `.git` folder) whose
`named.conf` declares N primary zones with the server's absolute paths
(`/etc/bind/zones/<x>/db.zoneN.example`, spread over 50 folders, split over
two views and an `include`d file), and N zone files of 20 to 40 records
named only by it (`db.zoneN.example` under `zones/<x>/`), then runs
`zonelint check .` in it, alternating with `--no-server-config`. It reports
the time of the discovery (`ZONELINT_TIME_PHASES` prints the phase `plan`:
finding the configuration, reading it, matching its paths to the files,
and planning one job per zone) against the whole run's wall time, which the
issue wants under a tenth. Timings are the median of the runs.
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(repo, n):
    rnd = random.Random(1)
    os.makedirs(os.path.join(repo, ".git"))
    views = {"internal": [], "external": []}
    for i in range(n):
        folder = f"z{i % 50:02d}"
        zone = f"zone{i}.example"
        path = os.path.join(repo, "zones", folder)
        os.makedirs(path, exist_ok=True)
        lines = [
            "$TTL 1h",
            f"@ IN SOA ns1 hostmaster {2026120200 + i} 7200 3600 1209600 300",
            "  IN NS ns1",
            "  IN NS ns2.example.net.",
            "  IN MX 10 mail",
            "ns1 IN A 192.0.2.53",
            "mail IN A 192.0.2.25",
        ]
        for h in range(rnd.randint(13, 33)):
            lines.append(f"host{h} IN A 10.{i % 256}.{h}.{rnd.randint(1, 254)}")
        with open(os.path.join(path, f"db.{zone}"), "w") as f:
            f.write("\n".join(lines) + "\n")
        view = "internal" if i % 2 else "external"
        views[view].append(
            f'    zone "{zone}" IN {{\n        type primary;\n'
            f'        file "/etc/bind/zones/{folder}/db.{zone}";\n'
            f"        allow-transfer {{ none; }};\n    }};\n"
        )
    with open(os.path.join(repo, "named.conf"), "w") as f:
        f.write('options { directory "/var/cache/bind"; };\n')
        f.write('view "internal" {\n    match-clients { 10/8; };\n')
        f.write("".join(views["internal"]))
        f.write("};\n")
        f.write('include "/etc/bind/named.conf.external";\n')
    with open(os.path.join(repo, "named.conf.external"), "w") as f:
        f.write('view "external" {\n    match-clients { any; };\n')
        f.write("".join(views["external"]))
        f.write("};\n")


def run(binary, repo, extra):
    env = dict(os.environ, ZONELINT_TIME_PHASES="1", NO_COLOR="1")
    t = time.perf_counter()
    out = subprocess.run(
        [binary, "check", "--format", "concise", *extra, "."],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t
    if out.returncode not in (0, 1):
        sys.exit(f"zonelint failed: {out.stderr[-2000:]}")
    plan = None
    for line in out.stderr.splitlines():
        m = re.match(r"\s*([0-9.]+) ms phase plan", line)
        if m:
            plan = float(m.group(1)) / 1000
    return wall, plan, out.stdout.count("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zones", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, "target", "release", "zonelint")
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "repo")
        build(repo, args.zones)
        results = {"config": [], "none": []}
        for _ in range(args.runs):
            results["config"].append(run(binary, repo, []))
            results["none"].append(run(binary, repo, ["--no-server-config"]))
    wall = statistics.median(r[0] for r in results["config"])
    plan = statistics.median(r[1] for r in results["config"])
    wall_none = statistics.median(r[0] for r in results["none"])
    plan_none = statistics.median(r[1] for r in results["none"])
    text = (
        f"| zones | run | median wall s | median discovery (plan) s | discovery / wall |\n"
        f"|---|---|---|---|---|\n"
        f"| {args.zones} | `check .` (named.conf: views, include, absolute paths) | {wall:.3f} | {plan:.3f} | {plan / wall:.3f} |\n"
        f"| {args.zones} | `check --no-server-config .` | {wall_none:.3f} | {plan_none:.3f} | {plan_none / wall_none:.3f} |\n"
    )
    print(text, end="")
    print(f"findings: {results['config'][0][2]} with the configuration, "
          f"{results['none'][0][2]} without", file=sys.stderr)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
