#!/usr/bin/env python3
"""The openspf RFC 7208 test suite, judged offline by zonelint's SPF rules.

The suite (test/rfc7208-tests.yml in pyspf's source distribution) gives, per
scenario, DNS data and tests: a sender (MAIL FROM, or HELO when MAIL FROM is
empty) and the SPF result a receiver must return. This script writes each
scenario's data as zone files (one zone per registered domain, with an SOA
and an NS so that every zone is whole), runs `zonelint check --format json`
on them, and judges each test by the SPF *errors* (error severity, codes
`spf-*`) that zonelint reports on the records the sender's SPF evaluation
reads (its domain's record and the targets of `include:` and `redirect=`,
followed through the data):

- a test expecting `permerror` must get an error;
- a test expecting `pass`, `fail`, `softfail`, `neutral` or `none` must
  get none.

Tests whose result cannot be known from the records alone (time-outs, a
result that depends on the connecting address or on macro expansion at
query time, two accepted results) are listed in `unjudgeable.tsv` beside
this script, each with its reason; the script fails when a test it could
judge is judged wrong, when a listed test turns out judgeable and right
(the list must be kept current), and when the list names a test the suite
does not have.

    python3 tests/openspf/run.py --suite rfc7208-tests.yml --zonelint target/release/zonelint
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
NOT_ERRORS = {"pass", "fail", "softfail", "neutral", "none"}


def escape_text(value):
    """A character-string in zone file syntax, `\\DDD` for what is not plain."""
    out = []
    for b in value.encode("utf-8"):
        if 0x20 <= b < 0x7F and b not in (0x22, 0x5C):
            out.append(chr(b))
        else:
            out.append("\\%03d" % b)
    return '"' + "".join(out) + '"'


def strings(value):
    """The strings of a TXT value: one string, or a list of them, cut at 255."""
    parts = [value] if isinstance(value, str) else list(value)
    out = []
    for part in parts:
        raw = part.encode("utf-8")
        if not raw:
            out.append('""')
        while raw:
            chunk, raw = raw[:255], raw[255:]
            out.append(escape_text(chunk.decode("utf-8", "ignore")))
    return out


def escape_label(label):
    out = []
    for b in label.encode("utf-8"):
        c = chr(b)
        if c.isascii() and (c.isalnum() or c in "-_"):
            out.append(c)
        else:
            out.append("\\%03d" % b)
    return "".join(out)


def owner(name):
    return ".".join(escape_label(label) for label in name.split(".")) + "."


def apex_of(name):
    return ".".join(name.split(".")[-2:])


def writable(name):
    labels = name.split(".")
    return all(0 < len(label.encode("utf-8")) <= 63 for label in labels) and len(name) < 254


def records(name, data):
    """The zone file lines for `name`'s data, as pyspf's test driver serves it:
    SPF (type 99) data is served as TXT when the name has no TXT."""
    has_txt = any(isinstance(r, dict) and "TXT" in r for r in data)
    lines = []
    for r in data:
        if not isinstance(r, dict):
            continue  # TIMEOUT: nothing to write
        for rtype, value in r.items():
            if rtype == "SPF":
                if has_txt:
                    continue
                rtype = "TXT"
            if rtype == "TXT":
                if value == "NONE":
                    continue
                lines.append(("TXT", " ".join(strings(value))))
            elif rtype == "MX":
                pref, host = value
                lines.append(("MX", "%d %s" % (pref, owner(host.rstrip(".")) if host else ".")))
            elif rtype in ("CNAME", "PTR"):
                lines.append((rtype, owner(value.rstrip("."))))
            elif rtype in ("A", "AAAA"):
                for address in [value] if isinstance(value, str) else value:
                    lines.append((rtype, address))
            else:
                raise SystemExit("unknown type %s in the suite" % rtype)
    return lines


def write_zones(zonedata, directory):
    """Zone files for one scenario; returns {(path, line): name}."""
    zones = {}
    for name, data in zonedata.items():
        name = name.lower().rstrip(".")
        if not writable(name):
            continue
        zones.setdefault(apex_of(name), []).append((name, data))
    where = {}
    paths = []
    for apex, names in sorted(zones.items()):
        path = os.path.join(directory, apex + ".zone")
        lines = [
            "$ORIGIN %s" % owner(apex),
            "$TTL 300",
            "@ SOA ns.invalid. hostmaster.invalid. 1 3600 600 86400 300",
            "@ NS ns.invalid.",
        ]
        for name, data in names:
            for rtype, rdata in records(name, data):
                lines.append("%s %s %s" % (owner(name), rtype, rdata))
                where[(path, len(lines))] = name
        with open(path, "w", encoding="ascii") as f:
            f.write("\n".join(lines) + "\n")
        paths.append(path)
    return paths, where


def spf_text(zonedata, name):
    """The SPF records the evaluation of `name` reads (TXT, or SPF data
    served as TXT)."""
    data = zonedata.get(name)
    if data is None:
        data = next((v for k, v in zonedata.items() if k.lower() == name), [])
    has_txt = any(isinstance(r, dict) and "TXT" in r for r in data)
    out = []
    for r in data:
        if isinstance(r, dict):
            for rtype, value in r.items():
                if rtype == "TXT" or (rtype == "SPF" and not has_txt):
                    if value != "NONE":
                        out.append("".join([value] if isinstance(value, str) else value))
    return [t for t in out if re.match(r"(?i)v=spf1( |$)", t)]


def chain(zonedata, domain):
    """The names whose SPF records evaluating `domain` reads."""
    seen, todo = [], [domain]
    while todo:
        name = todo.pop().lower().rstrip(".")
        if name in seen:
            continue
        seen.append(name)
        for text in spf_text(zonedata, name):
            for target in re.findall(r"(?i)(?:include:|redirect=)([^ ]+)", text):
                if "%" not in target:
                    todo.append(target)
    return seen


def sender_domain(test):
    mailfrom = test.get("mailfrom") or ""
    if "@" in mailfrom:
        return mailfrom.rsplit("@", 1)[1].lower()
    return (test.get("helo") or "").lower()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--suite", required=True)
    parser.add_argument("--zonelint", required=True)
    parser.add_argument("--unjudgeable", default=os.path.join(HERE, "unjudgeable.tsv"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    listed = {}
    with open(args.unjudgeable, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                test, reason = line.rstrip("\n").split("\t", 1)
                listed[test] = reason

    with open(args.suite, encoding="utf-8") as f:
        scenarios = list(yaml.safe_load_all(f))

    counts = {"permerror": [0, 0], "no error": [0, 0]}
    wrong, stale, seen = [], [], set()
    for scenario in scenarios:
        with tempfile.TemporaryDirectory() as directory:
            paths, where = write_zones(scenario["zonedata"], directory)
            run = subprocess.run(
                [args.zonelint, "check", "--format", "json", "--no-config", *paths],
                capture_output=True,
                text=True,
            )
            if run.returncode not in (0, 1):
                raise SystemExit("zonelint failed on %s:\n%s" % (scenario["description"], run.stderr))
            findings = json.loads(run.stdout)
        errors = {}
        for d in findings:
            if d["severity"] == "error" and d["code"].startswith("spf-"):
                name = where.get((d["path"], d["line"]))
                if name is not None:
                    errors.setdefault(name, []).append(d)
        for test_name, test in scenario["tests"].items():
            seen.add(test_name)
            expected = test["result"]
            domain = sender_domain(test)
            found = [d for name in chain(scenario["zonedata"], domain) for d in errors.get(name, [])]
            judgeable = isinstance(expected, str) and (expected == "permerror" or expected in NOT_ERRORS)
            right = judgeable and (bool(found) == (expected == "permerror"))
            if test_name in listed:
                if right:
                    stale.append(test_name)
                continue
            if not judgeable:
                wrong.append((test_name, "expects %s: list it in unjudgeable.tsv with the reason" % (expected,)))
                continue
            bucket = counts["permerror" if expected == "permerror" else "no error"]
            bucket[0] += 1
            if right:
                bucket[1] += 1
            else:
                got = ", ".join("%s at %s" % (d["code"], d["line"]) for d in found) or "no SPF error"
                wrong.append((test_name, "expects %s on %s, zonelint: %s" % (expected, domain, got)))
            if args.verbose:
                print("%-32s %-10s %s" % (test_name, expected, [d["code"] for d in found]))

    unknown = sorted(set(listed) - seen)
    print("openspf RFC 7208 suite: %d tests" % len(seen))
    for what, (total, ok) in counts.items():
        print("  expected %-10s %3d judged, %3d right" % (what + ":", total, ok))
    print("  not judgeable offline: %d (tests/openspf/unjudgeable.tsv)" % len(listed))
    for test, reason in sorted(listed.items()):
        print("    %-34s %s" % (test, reason))
    for test, why in wrong:
        print("WRONG %s: %s" % (test, why))
    for test in stale:
        print("LISTED BUT JUDGED RIGHT (remove it from the list) %s" % test)
    for test in unknown:
        print("LISTED BUT NOT IN THE SUITE %s" % test)
    if wrong or stale or unknown:
        sys.exit(1)


if __name__ == "__main__":
    main()
