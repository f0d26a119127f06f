#!/usr/bin/env python3
"""Registration figures: the API calls of one registration (submit the details, confirm the
address with the mailed code, complete), timed one registration after another against a release
`renkei serve --demo` on SQLite, as a phone would make them. Prints the median and p90 of each
step and of the whole server time of a registration. Loopback only. See README.md."""
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request

import common

N = int(os.environ.get("BENCH_REGISTRATIONS", "40"))
PORT = int(os.environ.get("BENCH_PORT", "18182"))
BASE = f"http://127.0.0.1:{PORT}"


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req) as r:
            payload = r.read()
    except urllib.error.HTTPError as e:
        sys.exit(f"{method} {path}: {e.code} {e.read().decode()}")
    return (time.perf_counter() - started) * 1000, json.loads(payload) if payload else None


def main():
    work = tempfile.mkdtemp()
    mail_dir = os.path.join(work, "mail")
    server, _, entry, version = common.start_demo(common.binary(), PORT, work)
    try:
        steps = {"submit": [], "verify": [], "complete": [], "total": []}
        kana = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモ"
        for i in range(N):
            key = os.urandom(16).hex()
            to = f"bench{i}@example.jp"
            body = {"key": key, "entryPoint": entry, "consentVersion": version,
                    "documentKind": "qualification_certificate", "insurerNumber": "33120015", "symbol": "12",
                    "number": str(10000 + i), "branch": "01", "name": "検証 花子",
                    "nameKana": f"ケンショウ {kana[i % len(kana)]}{kana[(i // len(kana)) % len(kana)]}",
                    "birthDate": "1950-04-01", "sex": "female", "phone": "090-1234-5678", "email": to}
            t1, _ = call("POST", "/api/registrations", body)
            code = common.code_for(mail_dir, to)
            t2, _ = call("POST", "/api/registrations/verify-email", {"key": key, "code": code})
            t3, done = call("POST", "/api/registrations/complete", {"key": key})
            assert done["registrationNumber"]
            for k, v in (("submit", t1), ("verify", t2), ("complete", t3), ("total", t1 + t2 + t3)):
                steps[k].append(v)
        rss = next(l.split()[1] for l in open(f"/proc/{server.pid}/status") if l.startswith("VmRSS"))
        print(f"machine: {os.cpu_count()} cores; {N} registrations one after another, release build, SQLite")
        for k, v in steps.items():
            v = sorted(v)
            print(f"{k:>9}: median {statistics.median(v):6.2f} ms   p90 {v[int(len(v) * 0.9) - 1]:6.2f} ms")
        print(f"server RSS afterwards: {rss} KiB")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
