#!/usr/bin/env python3
"""Latency of `zonelint server`, as an editor sees it.

    bench/lsp_latency.py [--records 10000] [--runs 7] [--zonelint PATH]

Writes a zone of N records (../shared/tools/genzone.py, seed 1) into a
temporary workspace folder, starts the server (initialize, initialized),
and per run: opens the zone and times the first publishDiagnostics (from
sending didOpen to receiving it), then sends a one-character edit and
times the diagnostics of that version, then closes it. Reports the median
and the worst of the runs. The server waits 10 ms after an edit before it
lints (edits that come faster are linted together): that pause is in the
times, as an editor sees it.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Server:
    def __init__(self, exe, root):
        self.p = subprocess.Popen([exe, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.id = 0
        self.request("initialize", {"processId": None, "rootUri": "file://" + root, "capabilities": {},
                                    "workspaceFolders": [{"uri": "file://" + root, "name": "bench"}]})
        self.notify("initialized", {})

    def send(self, message):
        body = json.dumps(message).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def recv(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise SystemExit("the server exited")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(length))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        while True:
            m = self.recv()
            if m.get("id") == self.id and "method" not in m:
                return m

    def diagnostics(self, uri, version):
        while True:
            m = self.recv()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri \
                    and m["params"].get("version") == version:
                return m["params"]["diagnostics"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--zonelint", default=os.path.join(ROOT, "target", "release", "zonelint"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as root:
        path = os.path.join(root, "example.com.zone")
        subprocess.run([sys.executable, os.path.join(ROOT, "..", "shared", "tools", "genzone.py"),
                        "--records", str(args.records), "--seed", "1", "--out", path], check=True)
        text = open(path, encoding="utf-8", errors="surrogateescape").read()
        uri = "file://" + path
        server = Server(args.zonelint, root)
        opened, edited, counts = [], [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "zone",
                                                                   "version": 1, "text": text}})
            found = server.diagnostics(uri, 1)
            opened.append(time.perf_counter() - t)
            # One character: a TTL of the last record's line changed.
            changed = text[:-2] + ("1" if text[-2] != "1" else "2") + text[-1]
            t = time.perf_counter()
            server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                     "contentChanges": [{"text": changed}]})
            server.diagnostics(uri, 2)
            edited.append(time.perf_counter() - t)
            counts.append(len(found))
            server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
            server.diagnostics(uri, None)
        server.request("shutdown", None)
        server.notify("exit", None)
        ms = lambda xs: f"{statistics.median(xs) * 1e3:.1f} ms (worst {max(xs) * 1e3:.1f} ms)"
        print(f"| {args.records} records, {len(text)} bytes | first diagnostics after open: {ms(opened)} "
              f"| after a one-character edit: {ms(edited)} | {counts[0]} findings |")


if __name__ == "__main__":
    main()
