#!/usr/bin/env python3
"""Registration flows against the database's own ceiling.

SQLite (the embedded default; BENCH_DB=sqlite), in one run, on the same disk (a temporary
folder, or BENCH_DIR):

1. the ceiling: single-row commits a second by one writer, with SQLite's WAL and
   synchronous=FULL as renkei uses them (Python's sqlite3, BENCH_PROBE_SECONDS);
2. whole registration flows a second (details, the mailed code read from the .eml file,
   confirm, complete) at 1, 8, 32 and 64 clients (BENCH_CLIENTS), each level for
   BENCH_FLOWS flows, against a release `renkei serve --demo`, as a ratio of (1), with the
   server's CPU time (user + system) per flow;
3. fsync and fdatasync calls per flow, counted with strace on a server that serves
   BENCH_STRACE_FLOWS flows from BENCH_STRACE_CLIENTS clients (mail sending included: the
   worker's claims and records are part of a flow's cost).

A slow disk (BENCH_FSYNC_DELAY_MS=N, SQLite): every fsync and fdatasync of the probe and of
the server is held N ms longer after it returns, as on a disk that takes that long to make a
write durable, by a small library loaded with LD_PRELOAD (bench/slowsync.c, built here with gcc),
which also counts the calls. The ceiling is then the probe under the same delay, and fsyncs per
flow are counted at every client count. (An earlier version used strace's fault injection; the
tracer itself made the server's statements about 1.7 times slower, so it measured strace.)

PostgreSQL (BENCH_DB=postgres, server at BENCH_PG_URL): a fresh database for the run; the
ceiling at each client count is pgbench running a single-row INSERT script with as many
clients for BENCH_PROBE_SECONDS, just before the flows at that count.

Loopback only. See README.md."""
import glob
import http.client
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import common

BIN = None  # set by main(): common.binary()
PORT = int(os.environ.get("BENCH_PORT", "18187"))
BASE = f"http://127.0.0.1:{PORT}/api"
CLIENTS = [int(c) for c in os.environ.get("BENCH_CLIENTS", "1,8,32,64").split(",")]
FLOWS = int(os.environ.get("BENCH_FLOWS", "200"))
STRACE_FLOWS = int(os.environ.get("BENCH_STRACE_FLOWS", "128"))
STRACE_CLIENTS = int(os.environ.get("BENCH_STRACE_CLIENTS", "32"))
PROBE_SECONDS = float(os.environ.get("BENCH_PROBE_SECONDS", "3"))
DB = os.environ.get("BENCH_DB", "sqlite")
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DELAY_MS = float(os.environ.get("BENCH_FSYNC_DELAY_MS", "0"))


def slow_disk(folder, log):
    """The environment that holds every fsync and fdatasync DELAY_MS longer (bench/slowsync.c,
    built here and loaded with LD_PRELOAD), counting each call in `log`."""
    lib = os.path.join(folder, "slowsync.so")
    if not os.path.exists(lib):
        subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", lib, os.path.join(common.ROOT, "bench", "slowsync.c"),
                        "-ldl"], check=True)
    return {"LD_PRELOAD": lib, "BENCH_SLOWSYNC_US": str(int(DELAY_MS * 1000)), "BENCH_SLOWSYNC_LOG": log}


def syncs(log):
    """fsync and fdatasync calls counted in a slow disk's log so far."""
    try:
        return os.path.getsize(log)
    except FileNotFoundError:
        return 0


def pg_database():
    """A fresh database on the PostgreSQL server for this run; returns its URL."""
    name = f"renkei_bench_{os.getpid()}"
    subprocess.run(["psql", PG_URL, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", PG_URL, "-qc", f"CREATE DATABASE {name}"], check=True)
    return PG_URL.rsplit("/", 1)[0] + "/" + name, name


def pgbench(url, clients, folder):
    """Single-row INSERT transactions a second by `clients` pgbench clients."""
    script = os.path.join(folder, "insert.sql")
    with open(script, "w") as f:
        f.write("INSERT INTO bench_probe (v) VALUES ('x');\n")
    subprocess.run(["psql", url, "-qc", "CREATE TABLE IF NOT EXISTS bench_probe (id bigserial PRIMARY KEY, v text)"],
                   check=True)
    out = subprocess.run(["pgbench", "-n", "-c", str(clients), "-j", str(min(clients, 2)), "-T",
                          str(max(1, round(PROBE_SECONDS))), "-f", script, url], capture_output=True, text=True,
                         check=True).stdout
    found = re.search(r"tps = ([0-9.]+)", out)
    return float(found.group(1))


def probe(folder):
    if DELAY_MS:
        # In a process of its own under the same delay as the server's.
        env = dict(os.environ, **slow_disk(folder, os.path.join(folder, "probe-syncs.log")))
        out = subprocess.run([sys.executable, __file__, "probe", folder], env=env, capture_output=True, text=True,
                             check=True)
        return float(out.stdout.strip())
    path = os.path.join(folder, "probe.db")
    c = sqlite3.connect(path, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute("PRAGMA synchronous=FULL")
    c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    n, started = 0, time.perf_counter()
    while time.perf_counter() - started < PROBE_SECONDS:
        c.execute("BEGIN IMMEDIATE")
        c.execute("INSERT INTO t (v) VALUES ('x')")
        c.execute("COMMIT")
        n += 1
    c.close()
    return n / (time.perf_counter() - started)


class Codes:
    """Reads the codes out of the mail folder as mails arrive."""

    def __init__(self, folder):
        self.folder, self.codes = folder, {}
        self.lock, self.stop = threading.Condition(), False
        threading.Thread(target=self.watch, daemon=True).start()

    def watch(self):
        while not self.stop:
            for f in glob.glob(os.path.join(self.folder, "*.eml")):
                try:
                    mail = common.mail_code(open(f, "rb").read())
                except FileNotFoundError:
                    continue
                if mail is None:
                    continue  # still being written: read it again
                # Read mail leaves the folder, so that looking for new mail stays cheap
                # (a folder of every flow's mail, listed every 5 ms, took the client's CPU
                # from the server's).
                os.remove(f)
                to, code = mail
                if code:
                    with self.lock:
                        self.codes[to] = code
                        self.lock.notify_all()
            time.sleep(0.005)

    def wait(self, to, timeout=20):
        deadline = time.time() + timeout
        with self.lock:
            while to not in self.codes:
                if not self.lock.wait(deadline - time.time()):
                    raise TimeoutError(to)
            return self.codes.pop(to)


LOCAL = threading.local()


def call(path, body, client):
    # Each flow is a phone of its own (the server trusts loopback as a proxy here), so the
    # per-client limits, meant for one phone, do not stop the run. Each client thread keeps
    # its connection open between calls, as a phone's browser does.
    conn = getattr(LOCAL, "conn", None)
    if conn is None:
        conn = LOCAL.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    try:
        conn.request("POST", "/api" + path, body=json.dumps(body).encode(),
                     headers={"Content-Type": "application/json", "X-Forwarded-For": client})
        r = conn.getresponse()
        data = r.read()
    except (http.client.HTTPException, OSError):
        conn.close()
        LOCAL.conn = None
        raise
    if r.status >= 400:
        raise RuntimeError(f"{path}: {r.status} {data[:200]!r}")
    return json.loads(data or b"null")


def start(folder, database=None, env=None):
    server, _, entry, version = common.start_demo(BIN, PORT, folder, database=database, trust_loopback=True,
                                                  env=env)
    return server, entry, version


def flows(n, clients, entry, version, codes, tag, offset=0):
    """Runs n whole flows from `clients` threads; returns (seconds, per-flow latencies)."""
    todo = list(range(offset, offset + n))
    lock = threading.Lock()
    latencies = []

    def one(i):
        key = uuid.uuid4().hex
        to = f"{tag}{i}@example.jp"
        reading, born, sex = common.person(i)
        client = f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"
        started = time.perf_counter()
        call("/registrations", {"key": key, "entryPoint": entry, "consentVersion": version,
                                "documentKind": "qualification_certificate", "insurerNumber": "33120015",
                                "symbol": "12", "number": str(100000 + i), "branch": "01", "name": "検証 花子",
                                "nameKana": reading, "birthDate": born, "sex": sex, "phone": "090-1234-5678",
                                "email": to}, client)
        call("/registrations/verify-email", {"key": key, "code": codes.wait(to)}, client)
        call("/registrations/complete", {"key": key}, client)
        return time.perf_counter() - started

    failures = []

    def worker():
        while True:
            with lock:
                if not todo:
                    return
                i = todo.pop()
            try:
                t = one(i)
            except Exception as e:  # counted and shown, not hidden
                with lock:
                    failures.append(f"{tag}{i}: {e!r}")
                continue
            with lock:
                latencies.append(t)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        print(f"{len(failures)} flows failed, e.g. {failures[0]}", flush=True)
    return time.perf_counter() - started, latencies


def main():
    global BIN
    BIN = common.binary()
    base = os.environ.get("BENCH_DIR") or tempfile.mkdtemp()
    folder = tempfile.mkdtemp(dir=base)
    database, pg_name = (None, None)
    print(f"machine: {os.cpu_count()} cores; release build")
    if DB == "postgres":
        database, pg_name = pg_database()
        print("database: PostgreSQL (a fresh database); ceiling: pgbench single-row INSERTs, same client count")
        ceiling = None
    else:
        ceiling = probe(folder)
        print(f"database: SQLite under {base} (WAL, synchronous=FULL)"
              + (f"; every fsync held {DELAY_MS:g} ms longer" if DELAY_MS else ""))
        print(f"ceiling: {ceiling:.0f} single-row commits/s (one writer, same disk, same run)")
    trace = os.path.join(folder, "syncs.log")
    server, entry, version = start(folder, database=database, env=slow_disk(folder, trace) if DELAY_MS else None)
    codes = Codes(os.path.join(folder, "mail"))
    pid = server.pid
    try:
        for level, c in enumerate(CLIENTS):
            if DB == "postgres":
                ceiling = pgbench(database, c, folder)
            cpu = common.cpu_seconds(pid)
            synced = syncs(trace)
            seconds, lat = flows(FLOWS, c, entry, version, codes, f"c{c}x", offset=level * FLOWS)
            time.sleep(0.5)  # the mail worker's records of the last mails
            cpu = common.cpu_seconds(pid) - cpu
            rate = len(lat) / seconds
            fsyncs = f"; {(syncs(trace) - synced) / max(1, len(lat)):.2f} fsyncs/flow" if DELAY_MS else ""
            print(f"{c:>3} clients: {rate:6.1f} flows/s = {rate / ceiling:.3f} x ceiling ({ceiling:.0f}/s); "
                  f"flow p50 {statistics.median(lat) * 1000:.0f} ms; server CPU {cpu / max(1, len(lat)) * 1000:.2f} "
                  f"ms/flow{fsyncs}", flush=True)
    finally:
        server.terminate()
        server.wait()
    if DB == "postgres":
        subprocess.run(["psql", PG_URL, "-qc", f"DROP DATABASE IF EXISTS {pg_name}"], check=True)
        return
    if DELAY_MS:
        return  # counted at every level above
    # fsyncs per flow: strace attached to a fresh server once it has started (what
    # start-up syncs, migrations and the demo, is not a flow's), detached afterwards.
    folder = tempfile.mkdtemp(dir=base)
    trace = os.path.join(folder, "strace.txt")
    server, entry, version = start(folder)
    codes = Codes(os.path.join(folder, "mail"))
    tracer = subprocess.Popen(["strace", "-f", "-qq", "-e", "trace=fsync,fdatasync", "-o", trace,
                               "-p", str(server.pid)], stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)  # attached
        _, lat = flows(STRACE_FLOWS, STRACE_CLIENTS, entry, version, codes, "s")
        time.sleep(2)  # the mail worker's records of the last mails
    finally:
        tracer.send_signal(2)
        tracer.wait()
        server.terminate()
        server.wait()
    calls = sum(1 for line in open(trace) if "fsync(" in line or "fdatasync(" in line)
    print(f"fsync + fdatasync per whole flow ({STRACE_CLIENTS} clients, {len(lat)} flows, mail included): "
          f"{calls / max(1, len(lat)):.2f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["probe"]:
        DELAY_MS = 0
        print(probe(sys.argv[2]))
    else:
        main()
