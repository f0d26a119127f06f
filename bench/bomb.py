#!/usr/bin/env python3
"""A 256 MiB gzip bomb against a running renkei: peak memory (VmHWM) before and after.

Builds the release binary, starts `renkei serve` on a temporary SQLite database on the loopback
interface, reads the server's peak RSS, sends `POST /api/sign-in/email-code` with a gzip body of
about 250 KiB that decodes to 256 MiB of spaces (its compressed length declared, as real clients
do), three times, and reads the peak RSS again. Prints the answers and both peaks. Stops by itself.
"""
import gzip
import http.client
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "renkei")
PORT = int(os.environ.get("BENCH_PORT", "18184"))


def peak_kib(pid):
    return int(next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM")))


def main():
    subprocess.run(["cargo", "build", "--release", "--locked", "-p", "renkei-api"], cwd=ROOT, check=True,
                   stderr=subprocess.DEVNULL)
    work = tempfile.mkdtemp()
    env = dict(os.environ, RENKEI_BIND=f"127.0.0.1:{PORT}", RENKEI_DATABASE_URL=f"sqlite://{work}/r.db?mode=rwc",
               RENKEI_MAIL_URL=f"file://{work}/mail", RENKEI_LOG="warn", RENKEI_PUBLIC_URL=f"http://localhost:{PORT}")
    server = subprocess.Popen([BIN, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/health")
                break
            except OSError:
                time.sleep(0.1)
        before = peak_kib(server.pid)
        bomb = gzip.compress(b" " * (256 * 1024 * 1024), compresslevel=9)
        answers = []
        for _ in range(3):
            conn = http.client.HTTPConnection("127.0.0.1", PORT)
            started = time.perf_counter()
            conn.request("POST", "/api/sign-in/email-code", body=bomb,
                         headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
            r = conn.getresponse()
            r.read()
            answers.append((r.status, round((time.perf_counter() - started) * 1000, 1)))
            conn.close()
        after = peak_kib(server.pid)
        print(f"bomb: {len(bomb)} bytes compressed, {256 * 1024 * 1024} decoded")
        print(f"answers (status, ms): {answers}")
        print(f"server peak RSS (VmHWM): {before / 1024:.1f} MiB before, {after / 1024:.1f} MiB after")
        if any(s != 413 for s, _ in answers):
            sys.exit("expected 413 every time")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
