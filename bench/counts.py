#!/usr/bin/env python3
"""What named-checkzone -i local and zonelint each report on the same zone.

    bench/counts.py ZONE [ORIGIN]

Runs `named-checkzone -i local` with every check that can warn set to warn
(never `-i full`: it resolves names over the network) and `zonelint check
--format json`, and prints, for each kind of problem BIND reports, BIND's
count beside the count of the zonelint rule that reports it; then every
other zonelint finding, by code. Bench zones from ../shared/tools/genzone.py
have 137 MX targets without an address and 69 MX targets that are CNAMEs
(1M mixed).
"""

import collections
import json
import re
import subprocess
import sys

# Where cargo builds (CARGO_TARGET_DIR or a configured target-dir).
ZONELINT = json.loads(subprocess.run(
    ["cargo", "metadata", "--format-version", "1", "--no-deps"],
    check=True, capture_output=True, text=True).stdout)["target_directory"] + "/release/zonelint"

# BIND's message -> the zonelint code that reports the same problem.
BIND_KINDS = [
    (re.compile(r"/MX '[^']*' has no address records"), "mx-target-dangling"),
    (re.compile(r"/MX '[^']*' is a CNAME \(illegal\)"), "mx-target-cname"),
    (re.compile(r"/MX '[^']*' is below a DNAME \(illegal\)"), "mx-target-cname"),
    (re.compile(r"/MX '[^']*' is an IP address"), "mx-target-ip"),
    (re.compile(r"/NS '[^']*' has no address records"), "ns-target-dangling"),
    (re.compile(r"/NS '[^']*' is a CNAME \(illegal\)"), "ns-target-cname"),
    (re.compile(r"/NS '[^']*' has no SIBLING GLUE"), "ns-missing-glue"),
    (re.compile(r"/NS '[^']*' has no GLUE"), "ns-missing-glue"),
    (re.compile(r"/SRV '[^']*' has no address records"), "srv-target-dangling"),
    (re.compile(r"/SRV '[^']*' is a CNAME \(illegal\)"), "srv-target-cname"),
    (re.compile(r"bad owner name \(check-names\)"), "owner-invalid-hostname"),
    (re.compile(r"CNAME and other data"), "cname-and-other-data"),
]


def main():
    zone = sys.argv[1]
    origin = sys.argv[2] if len(sys.argv) > 2 else "example.com"
    bind = subprocess.run(
        ["named-checkzone", "-i", "local", "-k", "warn", "-m", "warn", "-M", "warn",
         "-S", "warn", "-n", "warn", origin, zone],
        capture_output=True, text=True,
    )
    bind_counts = collections.Counter()
    unmatched = collections.Counter()
    for line in bind.stdout.splitlines() + bind.stderr.splitlines():
        if "loaded serial" in line or line == "OK":
            continue
        for pattern, code in BIND_KINDS:
            if pattern.search(line):
                bind_counts[code] += 1
                break
        else:
            unmatched[re.sub(r"'[^']*'|\S+\.example\.com", "…", line)] += 1
    lint = subprocess.run(
        [ZONELINT, "check", "--no-config", "--origin", origin, "--format", "json", zone],
        capture_output=True, text=True,
    )
    ours = collections.Counter(d["code"] for d in json.loads(lint.stdout or "[]"))
    print(f"| problem (zonelint code) | named-checkzone -i local | zonelint |")
    print(f"|---|---|---|")
    for code in sorted(set(bind_counts) | {c for _, c in BIND_KINDS if ours[c]}):
        print(f"| {code} | {bind_counts[code]} | {ours[code]} |")
    for line, n in unmatched.most_common():
        print(f"| BIND, not mapped: {line} | {n} | |")
    for code, n in sorted(ours.items()):
        if code not in {c for _, c in BIND_KINDS}:
            print(f"| zonelint only: {code} | | {n} |")


if __name__ == "__main__":
    main()
