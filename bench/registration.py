#!/usr/bin/env python3
"""Registration figures: the API calls of one registration (submit the details, confirm the
address with the mailed code, complete), timed one registration after another against a release
`renkei serve --demo` on SQLite, as a phone would make them. Prints the median and p90 of each
step and of the whole server time of a registration. Loopback only. See README.md."""
import email
import glob
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

N = int(os.environ.get("BENCH_REGISTRATIONS", "40"))
PORT = int(os.environ.get("BENCH_PORT", "18182"))
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
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


def code_for(mail_dir, to):
    for _ in range(200):
        for f in sorted(glob.glob(os.path.join(mail_dir, "*.eml")), key=os.path.getmtime, reverse=True):
            m = email.message_from_binary_file(open(f, "rb"))
            if to in m["To"]:
                text = m.get_payload(decode=True).decode()
                return re.search(r"\b(\d{6})\b", text).group(1)
        time.sleep(0.01)
    sys.exit(f"no code mail for {to}")


def main():
    subprocess.run(["cargo", "build", "--release", "--locked", "-p", "renkei-api"], cwd=ROOT, check=True,
                   stderr=subprocess.DEVNULL)
    work = tempfile.mkdtemp()
    mail_dir = os.path.join(work, "mail")
    env = dict(os.environ, RENKEI_BIND=f"127.0.0.1:{PORT}", RENKEI_DATABASE_URL=f"sqlite://{work}/r.db?mode=rwc",
               RENKEI_MAIL_URL=f"file://{mail_dir}", RENKEI_LOG="warn", RENKEI_PUBLIC_URL=f"http://localhost:{PORT}")
    server = subprocess.Popen([os.path.join(ROOT, "target/release/renkei"), "serve", "--demo"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/api/health")
                break
            except OSError:
                time.sleep(0.1)
        listing = subprocess.run([os.path.join(ROOT, "target/release/renkei"), "admin", "entry-point", "list",
                                  "--network", "demo", "--json"], env=env, capture_output=True, check=True)
        entry = json.loads(listing.stdout)[0]["code"]
        _, doc = call("GET", "/api/networks/demo/consent")
        steps = {"submit": [], "verify": [], "complete": [], "total": []}
        kana = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモ"
        for i in range(N):
            key = os.urandom(16).hex()
            to = f"bench{i}@example.jp"
            body = {"key": key, "entryPoint": entry, "consentVersion": doc["version"],
                    "documentKind": "qualification_certificate", "insurerNumber": "33120015", "symbol": "12",
                    "number": str(10000 + i), "branch": "01", "name": "検証 花子",
                    "nameKana": f"ケンショウ {kana[i % len(kana)]}{kana[(i // len(kana)) % len(kana)]}",
                    "birthDate": "1950-04-01", "sex": "female", "phone": "090-1234-5678", "email": to}
            t1, _ = call("POST", "/api/registrations", body)
            code = code_for(mail_dir, to)
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
