#!/usr/bin/env python3
"""Launch-day figures against a release `renkei serve --demo` on SQLite, with wrk as the load.

1. The summary's capacity against the same run's ceiling: `GET /api/health` and
   `GET /api/me/summary` (a resident with 200 medicines from three facilities, as health.py
   loads them) from BENCH_CONNECTIONS (16) keep-alive connections for BENCH_SECONDS each:
   requests a second, the ratio, and the summary's latency there and at a quarter of the
   connections.
2. A resident with BENCH_RECORDS (5,000) medication records: the first read after they arrive
   (when the summary is made), then reads one after another (median, p99) and pages of the
   history from its middle.
3. A surge: BENCH_SURGE_CONNECTIONS (512) connections reading the summary with no pause for
   BENCH_SURGE_SECONDS, each waiting as long as a 503's Retry-After says before its next request
   (as the web app does; BENCH_SURGE_POLITE=0: asking again at once, a worst case). Goodput (200s a second) against the capacity of (1); how the rest were
   answered and how fast; `GET /api/health` every 50 ms meanwhile from another client (median,
   p99); the server's peak RSS (VmHWM) and its RSS 10 s after.

The load and the server share the machine's cores. Loopback only. See README.md."""
import datetime
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import common
import health

PORT = int(os.environ.get("BENCH_PORT", "18188"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
RECORDS = int(os.environ.get("BENCH_RECORDS", "5000"))
SURGE_CONNECTIONS = int(os.environ.get("BENCH_SURGE_CONNECTIONS", "512"))
SURGE_SECONDS = int(os.environ.get("BENCH_SURGE_SECONDS", "20"))
# 0: clients that ignore Retry-After and ask again at once (a worst case).
POLITE = os.environ.get("BENCH_SURGE_POLITE", "1")
# 1: every request asks for gzip, as browsers do (each answer is then compressed as it is sent).
GZIP = os.environ.get("BENCH_GZIP", "0") == "1"

# A registration's first step (details and consent; a code mailed), each request a new person
# with a client of its own (the server trusts loopback as a proxy in this run). Prepended to LUA.
REGISTER = r"""
local n = 0
local run = os.time()
function request()
  n = n + 1
  local body = string.format('{"key":"%08x%08x%08x%08x","entryPoint":"%s","consentVersion":%s,' ..
    '"documentKind":"qualification_certificate","insurerNumber":"33120015","symbol":"12","number":"%d",' ..
    '"branch":"01","name":"検証 花子","nameKana":"ケンショウ ハナコ","birthDate":"1950-04-01","sex":"female",' ..
    '"phone":"090-1234-5678","email":"s%d.%d.%d@example.jp"}',
    tid or 0, n, run % 2000000000, 7, os.getenv("ENTRY"), os.getenv("VERSION"), 100000 + n, run, tid or 0, n)
  return wrk.format("POST", "/api/registrations", {["Content-Type"] = "application/json",
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", tid or 0, math.floor(n / 250) % 250, n % 250 + 1)}, body)
end
"""

# Counts answers by status, waits out a 503's Retry-After, and prints one JSON line at the end.
LUA = r"""
counts = {}
local wait = 0
local threads = {}
function setup(thread) table.insert(threads, thread); thread:set("tid", #threads) end
function init(args) counts = {} end
local polite = os.getenv("POLITE") ~= "0"
function delay() local w = wait; wait = 0; if polite then return w end; return 0 end
function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if status == 503 then
    local after = tonumber(headers["retry-after"] or headers["Retry-After"] or "1") or 1
    wait = after * 1000
  end
end
function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, v in pairs(c) do all[tostring(k)] = (all[tostring(k)] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(all) do table.insert(parts, string.format('"%s": %d', k, v)) end
  io.write(string.format('{"statuses": {%s}, "p50": %f, "p99": %f, "max": %f, "seconds": %f, "errors": %d}\n',
    table.concat(parts, ", "), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.duration / 1e6, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def wrk(path, connections, seconds, cookie=None, folder=".", register=None):
    script = os.path.join(folder, "count.lua")
    with open(script, "w") as f:
        f.write((REGISTER if register else "") + LUA)
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", script]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    if GZIP:
        args += ["-H", "Accept-Encoding: gzip"]
    env = dict(os.environ, POLITE=POLITE)
    if register:
        env.update(ENTRY=register[0], VERSION=str(register[1]))
    out = subprocess.run(args + [f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, check=True,
                         env=env).stdout
    line = next(l for l in out.splitlines() if l.startswith('{"statuses"'))
    r = json.loads(line)
    r["ok"] = r["statuses"].get("200", 0)
    r["rate"] = r["ok"] / r["seconds"]
    return r


def get(conn, path, cookie=None):
    started = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    r = conn.getresponse()
    payload = r.read()
    if r.status != 200:
        sys.exit(f"GET {path}: {r.status} {payload[:300]!r}")
    return (time.perf_counter() - started) * 1000, payload


def many_records(keys, person, today, n):
    """n MedicationRequests for one person, 500 to a Bundle. Records dated before the person joined
    are refused, and the person joined today, so all are dated today; all but 20 are stopped (in the
    history, not current), as a long history mostly is."""
    fhir = health.Fhir(keys[health.FACILITIES[0]])
    for start in range(0, n, 500):
        reqs = []
        for i in range(start, min(n, start + 500)):
            reqs.append(health.medication_request(f"many-{i}", f"検証薬{i}錠", health.yj(7000 + i % 900, i), today,
                                                  (7, 14, 28)[i % 3], "active" if i < 20 else "stopped"))
        fhir.send(health.bundle(person, reqs), "accepted")
    fhir.conn.close()


def main():
    health.BIN = common.binary()
    health.PORT, health.BASE = PORT, f"http://127.0.0.1:{PORT}"
    work = tempfile.mkdtemp()
    server, env, entry, version = common.start_demo(health.BIN, PORT, work, trust_loopback=True)
    pid = server.pid
    try:
        # Records must be dated on or after the day the resident joined (today), in Japan.
        today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9))).date().isoformat()
        cookie, person = health.register(os.path.join(work, "mail"), entry, version, 1)
        many_cookie, many_person = health.register(os.path.join(work, "mail"), entry, version, 2)
        keys = {f: common.issue_key(health.BIN, env, f) for f in health.FACILITIES}
        health.load_medicines(keys, person, today)
        conn = http.client.HTTPConnection("127.0.0.1", PORT)
        _, payload = get(conn, "/api/me/summary", cookie)
        s = json.loads(payload)
        if s["historyTotal"] != health.MEDICINES:
            sys.exit(f"summary: {s['historyTotal']} in the history, expected {health.MEDICINES}")
        print(f"machine: {os.cpu_count()} cores; release build, SQLite; wrk -t2 on the same machine")
        print(f"summary of {health.MEDICINES} medicines: first page {len(payload)} bytes "
              f"({len(s['current'])} current, {len(s['history'])} of {s['historyTotal']} in the history)")

        # 1. Capacity against the ceiling.
        wrk("/api/health", CONNECTIONS, 2, folder=work)  # warm-up
        bare = wrk("/api/health", CONNECTIONS, SECONDS, folder=work)
        summ = wrk("/api/me/summary", CONNECTIONS, SECONDS, cookie, folder=work)
        quarter = wrk("/api/me/summary", max(1, CONNECTIONS // 4), SECONDS, cookie, folder=work)
        print(f"1. {CONNECTIONS} connections, {SECONDS} s each: GET /api/health {bare['rate']:.0f}/s (p50 "
              f"{bare['p50']:.2f} ms); GET /api/me/summary {summ['rate']:.0f}/s = {summ['rate'] / bare['rate']:.2f}x "
              f"health (p50 {summ['p50']:.2f} ms, p99 {summ['p99']:.2f} ms); at {max(1, CONNECTIONS // 4)} "
              f"connections {quarter['rate']:.0f}/s (p50 {quarter['p50']:.2f} ms, p99 {quarter['p99']:.2f} ms)")

        # 2. Many records.
        many_records(keys, many_person, today, RECORDS)
        first, payload = get(conn, "/api/me/summary", many_cookie)
        size = len(payload)
        total = json.loads(payload)["historyTotal"]
        reads = sorted(get(conn, "/api/me/summary", many_cookie)[0] for _ in range(200))
        pages = sorted(get(conn, f"/api/me/summary/history?offset={total // 2}&limit=50", many_cookie)[0]
                       for _ in range(200))
        print(f"2. {RECORDS} records ({total} in the last twelve months): first read (the summary made) "
              f"{first:.1f} ms, {size} bytes; then 200 reads one after another: median "
              f"{statistics.median(reads):.2f} ms, p99 {common.pct(reads, 0.99):.2f} ms; a page of 50 from the "
              f"middle of the history: median {statistics.median(pages):.2f} ms, p99 {common.pct(pages, 0.99):.2f} ms")
        conn.close()

        # 3. The surge.
        idle = common.rss(pid)
        probes, stop = [], threading.Event()

        def probe():
            c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            while not stop.is_set():
                try:
                    probes.append(get(c, "/api/health")[0])
                except Exception:
                    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                time.sleep(0.05)

        t = threading.Thread(target=probe)
        t.start()
        surge = wrk("/api/me/summary", SURGE_CONNECTIONS, SURGE_SECONDS, cookie, folder=work)
        stop.set()
        t.join()
        peak = common.rss(pid, "VmHWM")
        time.sleep(10)
        after = common.rss(pid)
        probes.sort()
        others = {k: v for k, v in surge["statuses"].items() if k != "200"}
        asked = sum(surge["statuses"].values()) / surge["seconds"]
        manner = "each waiting out Retry-After" if POLITE != "0" else "asking again at once after a 503"
        print(f"3. surge, {SURGE_CONNECTIONS} connections for {SURGE_SECONDS} s, {manner}: "
              f"{asked:.0f} requests/s = {asked / summ['rate']:.2f}x the capacity of (1); "
              f"{surge['rate']:.0f} answered 200/s = {surge['rate'] / summ['rate']:.2f}x the capacity; other "
              f"answers {others}, socket errors {surge['errors']}; latency p50 {surge['p50']:.1f} ms, p99 "
              f"{surge['p99']:.1f} ms, max {surge['max']:.0f} ms")
        if probes:
            print(f"   GET /api/health meanwhile ({len(probes)} probes): median {statistics.median(probes):.2f} ms, "
                  f"p99 {common.pct(probes, 0.99):.2f} ms")
        print(f"   RSS: {idle} MiB before, peak {peak} MiB, {after} MiB 10 s after")

        # 4. Registrations: the first step (details, consent, a code mailed), capacity then a surge.
        reg = (entry, version)
        wrk("/api/registrations", CONNECTIONS, 2, folder=work, register=reg)  # warm-up
        cap = wrk("/api/registrations", CONNECTIONS, SECONDS, folder=work, register=reg)
        probes.clear()
        stop.clear()
        t = threading.Thread(target=probe)
        t.start()
        surge = wrk("/api/registrations", SURGE_CONNECTIONS, SURGE_SECONDS, folder=work, register=reg)
        stop.set()
        t.join()
        peak = common.rss(pid, "VmHWM")
        probes.sort()
        others = {k: v for k, v in surge["statuses"].items() if k != "200"}
        asked = sum(surge["statuses"].values()) / surge["seconds"]
        print(f"4. registrations (first step): {CONNECTIONS} connections {cap['rate']:.0f}/s (p50 {cap['p50']:.1f} ms, "
              f"other answers {({k: v for k, v in cap['statuses'].items() if k != '200'})}); surge of "
              f"{SURGE_CONNECTIONS} connections for {SURGE_SECONDS} s: {asked:.0f} requests/s = "
              f"{asked / cap['rate']:.2f}x capacity, {surge['rate']:.0f} answered 200/s = "
              f"{surge['rate'] / cap['rate']:.2f}x; other answers {others}; latency p50 {surge['p50']:.1f} ms, "
              f"p99 {surge['p99']:.1f} ms; health meanwhile median "
              f"{statistics.median(probes) if probes else float('nan'):.2f} ms; peak RSS {peak} MiB")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
