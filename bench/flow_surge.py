#!/usr/bin/env python3
"""Launch day for whole registrations: a surge of phones against the measured capacity.

Against a release `renkei serve --demo` on SQLite (a new database), with mail written as files:

1. Capacity: BENCH_FLOW_CLIENTS (32) clients each running whole registration flows (details and
   consent, the mailed code read, confirm, complete) one after another for BENCH_SECONDS (10):
   completed flows a second. This is the ceiling of the run.
2. The surge, for BENCH_SURGE_SECONDS (40), in one of two shapes (BENCH_SURGE_MODE):
   - "closed" (the default): BENCH_SURGE_PHONES (512) phones, each running flows one after another
     with no pause, as the summary's surge in surge.py does;
   - "open": new people arrive at BENCH_SURGE_TIMES (3) times the capacity a second, each starting
     a flow when they arrive, whatever the server is doing. The waiting crowd grows by two thirds
     of the arrivals, and each waiting phone keeps a connection and asks again: on two shared
     cores the Python clients, not the server, run out first (see README.md).
   Each phone keeps its connection and, when refused with 503 or 429, waits as long as
   `Retry-After` says (plus up to a second of jitter) and tries the same step again, as the web
   app does; it gives up on a flow after BENCH_GIVE_UP (120) s. Reported: goodput (flows completed
   a second in the second half of the surge, when the flows under way are in a steady state, and in
   all) against (1); every answer by status, whether each refusal carried `Retry-After` and how
   fast it came; flow times; the time from a code's request being answered to its mail;
   `GET /api/health` every 50 ms from another client meanwhile (a new connection each time); the
   server's peak RSS (VmHWM), its open sockets at most, and its RSS 10 s after.
3. The capacity again, as (1): the goodput is also given against the mean of the two ceilings.

The clients (Python asyncio, one task per phone, each with its own connection) share the machine's
two cores with the server; CPU per flow is reported for both. Loopback only. See README.md."""
import asyncio
import itertools
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

import common

PORT = int(os.environ.get("BENCH_PORT", "18189"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CLIENTS = int(os.environ.get("BENCH_FLOW_CLIENTS", "32"))
TIMES = float(os.environ.get("BENCH_SURGE_TIMES", "3"))
SURGE_SECONDS = float(os.environ.get("BENCH_SURGE_SECONDS", "40"))
GIVE_UP = float(os.environ.get("BENCH_GIVE_UP", "120"))
# "open": people arrive at TIMES x capacity a second; "closed": BENCH_SURGE_PHONES phones each run
# flows one after another, as many as they can, for the same time.
MODE = os.environ.get("BENCH_SURGE_MODE", "closed")
PHONES = int(os.environ.get("BENCH_SURGE_PHONES", "512"))
# Every flow is a new person (numbers, address, phone's address): none repeats in a run.
PEOPLE = itertools.count(1)


class Mailbox:
    """The codes the server mails, read from its mail folder as they arrive (read mail is removed)."""

    def __init__(self, folder):
        self.folder, self.waiting, self.early = folder, {}, {}

    async def watch(self):
        while True:
            try:
                names = [e.name for e in os.scandir(self.folder) if e.name.endswith(".eml")]
            except FileNotFoundError:
                names = []
            for name in names:
                path = os.path.join(self.folder, name)
                try:
                    raw = open(path, "rb").read()
                except FileNotFoundError:
                    continue
                mail = common.mail_code(raw)
                if mail is None:
                    continue  # still being written
                os.remove(path)
                to, code = mail
                if code is None:
                    continue  # a notice, not a code
                fut = self.waiting.pop(to, None)
                if fut and not fut.done():
                    fut.set_result((code, time.perf_counter()))
                else:
                    self.early[to] = (code, time.perf_counter())
            await asyncio.sleep(0.005)

    def expect(self, to):
        fut = asyncio.get_running_loop().create_future()
        if to in self.early:
            fut.set_result(self.early.pop(to))
        else:
            self.waiting[to] = fut
        return fut


class Tally:
    def __init__(self):
        self.status, self.refusals, self.no_retry_after = {}, [], 0
        self.done, self.failed, self.code_waits = [], [], []


class Phone:
    """One person's phone: one keep-alive connection, reopened when the server closes it."""

    def __init__(self, client, tally):
        self.client, self.tally, self.reader, self.writer = client, tally, None, None

    async def close(self):
        if self.writer:
            self.writer.close()
            self.reader = self.writer = None

    async def post(self, path, body, deadline):
        data = json.dumps(body).encode()
        while True:
            if time.perf_counter() > deadline:
                raise TimeoutError(path)
            started = time.perf_counter()
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection("127.0.0.1", PORT)
                self.writer.write((f"POST /api{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                   f"X-Forwarded-For: {self.client}\r\nContent-Length: {len(data)}\r\n\r\n").encode()
                                  + data)
                await self.writer.drain()
                status, headers, payload = await read_response(self.reader)
            except (ConnectionError, asyncio.IncompleteReadError, OSError):
                await self.close()
                self.tally.status["connection lost"] = self.tally.status.get("connection lost", 0) + 1
                await asyncio.sleep(1 + random.random())
                continue
            self.tally.status[status] = self.tally.status.get(status, 0) + 1
            if headers.get("connection", "").lower() == "close":
                await self.close()
            if status in (429, 503):
                self.tally.refusals.append(time.perf_counter() - started)
                wait = headers.get("retry-after")
                if wait is None:
                    self.tally.no_retry_after += 1
                await asyncio.sleep(float(wait or 5) + random.random())
                continue
            if status >= 400:
                raise RuntimeError(f"{path}: {status} {payload[:200]!r}")
            return json.loads(payload or b"null")


async def read_response(reader):
    line = await reader.readline()
    if not line:
        raise ConnectionError("closed")
    status = int(line.split()[1])
    headers = {}
    while True:
        h = await reader.readline()
        if h in (b"\r\n", b""):
            break
        k, _, v = h.decode("latin-1").partition(":")
        headers[k.strip().lower()] = v.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readline()).strip(), 16)
            if size == 0:
                await reader.readline()
                break
            body += await reader.readexactly(size)
            await reader.readline()
    else:
        body = b""
    return status, headers, body


async def flow(i, entry, version, mailbox, tally):
    phone = Phone(f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}", tally)
    started = time.perf_counter()
    deadline = started + GIVE_UP
    key, to = uuid.uuid4().hex, f"f{i}@example.jp"
    kana, born, sex = common.person(i)
    try:
        code = mailbox.expect(to)
        await phone.post("/registrations", {
            "key": key, "entryPoint": entry, "consentVersion": version, "documentKind": "qualification_certificate",
            "insurerNumber": "33120015", "symbol": "12", "number": str(100000 + i), "branch": "01",
            "name": "検証 花子", "nameKana": kana, "birthDate": born, "sex": sex, "phone": "090-1234-5678",
            "email": to}, deadline)
        asked = time.perf_counter()
        value, arrived = await asyncio.wait_for(code, max(0.1, deadline - time.perf_counter()))
        tally.code_waits.append(max(0.0, arrived - asked))
        await phone.post("/registrations/verify-email", {"key": key, "code": value}, deadline)
        await phone.post("/registrations/complete", {"key": key}, deadline)
        tally.done.append((started, time.perf_counter()))
    except Exception as e:  # counted and shown, not hidden
        tally.failed.append(repr(e))
    finally:
        await phone.close()


async def capacity(entry, version, mailbox):
    tally, stop = Tally(), time.perf_counter() + SECONDS

    async def client():
        while time.perf_counter() < stop:
            await flow(next(PEOPLE), entry, version, mailbox, tally)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    return tally, time.perf_counter() - started


async def closed_surge(entry, version, mailbox):
    tally = Tally()
    started = time.perf_counter()
    stop = started + SURGE_SECONDS

    async def phone():
        while time.perf_counter() < stop:
            await flow(next(PEOPLE), entry, version, mailbox, tally)

    await asyncio.gather(*(phone() for _ in range(PHONES)))
    return tally, started, stop, len(tally.done) + len(tally.failed)


async def surge(rate, entry, version, mailbox):
    tally, tasks = Tally(), []
    started = time.perf_counter()
    count = int(rate * SURGE_SECONDS)
    for k in range(count):
        at = started + k / rate
        delay = at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(flow(next(PEOPLE), entry, version, mailbox, tally)))
    arrivals_end = time.perf_counter()
    await asyncio.gather(*tasks)
    return tally, started, arrivals_end, count


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")


def queued(work):
    """Mail not yet sent: (urgent, bulk)."""
    db = sqlite3.connect(f"file:{work}/r.db?mode=ro", uri=True, timeout=10)
    try:
        rows = dict(db.execute("SELECT priority, count(*) FROM mail_outbox WHERE status = 'pending' GROUP BY priority"))
    finally:
        db.close()
    return rows.get(0, 0), rows.get(1, 0)


def files(work):
    """The database file's and its write-ahead log's sizes, MiB."""
    size = lambda name: os.path.getsize(os.path.join(work, name)) / 2**20 if os.path.exists(os.path.join(work, name)) else 0
    return f"database {size('r.db'):.0f} MiB, log {size('r.db-wal'):.0f} MiB"


def connections_of(pid):
    return len([f for f in os.listdir(f"/proc/{pid}/fd") if os.readlink(f"/proc/{pid}/fd/{f}").startswith("socket:")])


async def main():
    binary = common.binary()
    work = tempfile.mkdtemp()
    server, _, entry, version = common.start_demo(binary, PORT, work, trust_loopback=True)
    pid = server.pid
    mailbox = Mailbox(os.path.join(work, "mail"))
    watcher = asyncio.create_task(mailbox.watch())
    try:
        print(f"machine: {os.cpu_count()} cores; release build, SQLite; Python asyncio clients on the same machine")
        await capacity(entry, version, mailbox)  # warm-up, not counted
        cpu, mine = common.cpu_seconds(pid), time.process_time()
        tally, seconds = await capacity(entry, version, mailbox)
        cap = len(tally.done) / seconds
        cpu, mine = common.cpu_seconds(pid) - cpu, time.process_time() - mine
        print(f"1. capacity: {CLIENTS} clients, {seconds:.1f} s: {cap:.1f} flows/s (p50 "
              f"{statistics.median(b - a for a, b in tally.done) * 1000:.0f} ms); failed {len(tally.failed)}; "
              f"answers {tally.status}; CPU per flow: server {cpu / len(tally.done) * 1000:.2f} ms, "
              f"clients {mine / len(tally.done) * 1000:.2f} ms; cores busy: server {cpu / seconds:.2f}, clients "
              f"{mine / seconds:.2f}; mail queued at the end (urgent, bulk): {queued(work)}; {files(work)}")

        rate = TIMES * cap
        rss_before = common.rss(pid, "VmRSS")
        probes, stop = [], threading.Event()

        def watch_health():
            peak = 0
            while not stop.is_set():
                t = time.perf_counter()
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/health", timeout=10).read()
                    probes.append(time.perf_counter() - t)
                except OSError:
                    probes.append(float("inf"))
                try:
                    peak = max(peak, connections_of(pid))
                except OSError:
                    pass
                watch_health.peak = peak
                time.sleep(0.05)

        prober = threading.Thread(target=watch_health, daemon=True)
        prober.start()
        cpu, mine = common.cpu_seconds(pid), time.process_time()
        if MODE == "open":
            tally, started, arrivals_end, count = await surge(rate, entry, version, mailbox)
        else:
            tally, started, arrivals_end, count = await closed_surge(entry, version, mailbox)
        ended = time.perf_counter()
        cpu, mine = common.cpu_seconds(pid) - cpu, time.process_time() - mine
        backlog = queued(work)
        stop.set()
        prober.join()
        # Goodput in the steady state: flows completed in the second half of the surge (in the
        # first, the flows begun are still under way: a refused step waits 1-5 s).
        half = started + (arrivals_end - started) / 2
        good = len([b for _, b in tally.done if half <= b <= arrivals_end]) / (arrivals_end - half)
        overall = len(tally.done) / (ended - started)
        times = [b - a for a, b in tally.done]
        if MODE == "open":
            print(f"2. surge: {count} people arriving at {rate:.1f}/s ({TIMES:g}x capacity) for {SURGE_SECONDS:g} s")
        else:
            print(f"2. surge: {PHONES} phones ({PHONES / CLIENTS:g}x the clients of (1)) running flows one after "
                  f"another for {SURGE_SECONDS:g} s; {count} flows begun")
        print(f"   goodput in the second half: {good:.1f} flows/s = {good / cap:.2f}x capacity; all {len(tally.done)} "
              f"done in {ended - started:.1f} s = {overall / cap:.2f}x; failed {len(tally.failed)}"
              + (f", e.g. {tally.failed[0]}" if tally.failed else ""))
        print(f"   answers: {dict(sorted(tally.status.items(), key=str))}; refusals without Retry-After: "
              f"{tally.no_retry_after}; refusal time p50 / p99 / max {pct(tally.refusals, .5) * 1000:.1f} / "
              f"{pct(tally.refusals, .99) * 1000:.1f} / {max(tally.refusals, default=0) * 1000:.1f} ms")
        print(f"   flow time p50 / p99: {pct(times, .5):.2f} / {pct(times, .99):.2f} s; code mailed after its request was answered, p50 / "
              f"p99: {pct(tally.code_waits, .5) * 1000:.0f} / {pct(tally.code_waits, .99) * 1000:.0f} ms")
        print(f"   CPU per completed flow: server {cpu / max(1, len(tally.done)) * 1000:.2f} ms, clients "
              f"{mine / max(1, len(tally.done)) * 1000:.2f} ms; cores busy: server {cpu / (ended - started):.2f}, clients "
              f"{mine / (ended - started):.2f}")
        print(f"   mail queued at the end (urgent, bulk): {backlog}; {files(work)}")
        print(f"   GET /api/health meanwhile ({len(probes)}): p50 {pct(probes, .5) * 1000:.1f} ms, p99 "
              f"{pct(probes, .99) * 1000:.1f} ms")
        time.sleep(10)
        print(f"   RSS before {rss_before} MiB, peak {common.rss(pid, 'VmHWM')} MiB, 10 s after "
              f"{common.rss(pid, 'VmRSS')} MiB; open sockets at most {getattr(watch_health, 'peak', 0)}")
        # The machine is shared and its speed drifts within minutes: the ceiling is measured again
        # after the surge, and the goodput is also given against the mean of the two.
        again, seconds = await capacity(entry, version, mailbox)
        after = len(again.done) / seconds
        print(f"3. capacity again: {after:.1f} flows/s (mail queued at the end: {queued(work)}; {files(work)}); goodput in the second half against the mean of "
              f"{cap:.1f} and {after:.1f}: {good / ((cap + after) / 2):.2f}x")
    finally:
        watcher.cancel()
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
