#!/usr/bin/env python3
"""Codes first: how long a mailed code takes from the request to the SMTP server's hands while
BENCH_NOTICES (5,000) notices wait in the outbox.

A small SMTP server of this script's own (asyncio, loopback) takes each message after
BENCH_SMTP_MS (20) ms, as a relay at some distance does, and notes when each arrived. A release
`renkei serve --demo` on a temporary SQLite database sends to it. The notices are copies of a row
the server queued itself (a code mail, made a registration notice: kind `registered`, the bulk
lane), put in the outbox while the server is stopped (as a surge would leave them); then the server starts again and, while its worker works through them,
BENCH_CODES (100) registrations are started, BENCH_RATE (10) a second, each mailing a code.
Prints the code's time from request to arrival (median, p99, max), how many notices were still
queued when the last code arrived, and how long the notices took in all. Loopback only."""
import asyncio
import json
import os
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
SMTP_PORT = int(os.environ.get("BENCH_SMTP_PORT", "18190"))
NOTICES = int(os.environ.get("BENCH_NOTICES", "5000"))
CODES = int(os.environ.get("BENCH_CODES", "100"))
RATE = float(os.environ.get("BENCH_RATE", "10"))
SMTP_MS = float(os.environ.get("BENCH_SMTP_MS", "20"))

arrived = {}  # recipient -> arrival time (perf_counter)
lock = threading.Lock()


async def smtp_session(reader, writer):
    writer.write(b"220 bench ESMTP\r\n")
    rcpt = []
    while True:
        line = await reader.readline()
        if not line:
            break
        cmd = line.decode(errors="replace").strip()
        verb = cmd.split(" ", 1)[0].upper()
        if verb in ("EHLO", "HELO"):
            writer.write(b"250-bench\r\n250 8BITMIME\r\n")
        elif verb == "MAIL":
            rcpt = []
            writer.write(b"250 OK\r\n")
        elif verb == "RCPT":
            rcpt.append(cmd.split(":", 1)[1].strip().strip("<>").lower())
            writer.write(b"250 OK\r\n")
        elif verb == "DATA":
            writer.write(b"354 go on\r\n")
            await writer.drain()
            while (await reader.readline()) not in (b".\r\n", b""):
                pass
            await asyncio.sleep(SMTP_MS / 1000)
            now = time.perf_counter()
            with lock:
                for r in rcpt:
                    arrived.setdefault(r, now)
            writer.write(b"250 queued\r\n")
        elif verb == "QUIT":
            writer.write(b"221 bye\r\n")
            await writer.drain()
            break
        else:
            writer.write(b"250 OK\r\n")
        await writer.drain()
    writer.close()


def smtp_server():
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(asyncio.start_server(smtp_session, "127.0.0.1", SMTP_PORT))
    threading.Thread(target=loop.run_forever, daemon=True).start()
    return server


def submit(entry, version, i, to):
    body = {"key": uuid.uuid4().hex, "entryPoint": entry, "consentVersion": version,
            "documentKind": "qualification_certificate", "insurerNumber": "33120015", "symbol": "12",
            "number": str(300000 + i), "branch": "01", "name": "検証 花子", "nameKana": "ケンショウ ハナコ",
            "birthDate": "1950-04-01", "sex": "female", "phone": "090-1234-5678", "email": to}
    req = urllib.request.Request(f"http://127.0.0.1:{PORT}/api/registrations", data=json.dumps(body).encode(),
                                 method="POST", headers={"Content-Type": "application/json",
                                                         "X-Forwarded-For": f"10.2.{i // 250}.{i % 250}"})
    with urllib.request.urlopen(req, timeout=60) as r:
        r.read()


def pending(db):
    c = sqlite3.connect(db)
    n = c.execute("SELECT count(*) FROM mail_outbox WHERE status = 'pending' AND kind = 'registered'").fetchone()[0]
    c.close()
    return n


def main():
    binary = common.binary()
    smtp_server()
    work = tempfile.mkdtemp()
    db = os.path.join(work, "r.db")
    url = f"sqlite://{db}?mode=rwc"
    mail_url = f"smtp://127.0.0.1:{SMTP_PORT}"
    # A first run makes the database and one real queued message (a code's) to copy as notices.
    server, _, entry, version = common.start_demo(binary, PORT, work, database=url, trust_loopback=True,
                                                  mail_url=mail_url)
    try:
        to = "model@example.jp"
        submit(entry, version, 299999, to)
        for _ in range(500):
            if to in arrived:
                break
            time.sleep(0.01)
    finally:
        server.terminate()
        server.wait()
    c = sqlite3.connect(db)
    cols = [r[1] for r in c.execute("PRAGMA table_info(mail_outbox)")]
    model = c.execute("SELECT * FROM mail_outbox LIMIT 1").fetchone()
    row = dict(zip(cols, model))
    blob = isinstance(row["id"], bytes)
    for i in range(NOTICES):
        r = dict(row, id=uuid.uuid4().bytes if blob else str(uuid.uuid4()), kind="registered", priority=1,
                 recipient=f"notice{i}@example.jp", status="pending", attempts=0, locked_until=None, claim_id=None,
                 sent_at=None, last_error=None, body_text="ご登録ありがとうございます。\nrenkei")
        c.execute(f"INSERT INTO mail_outbox ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                  [r[k] for k in cols])
    c.commit()
    c.close()
    print(f"machine: {os.cpu_count()} cores; release build, SQLite; SMTP server takes each message after "
          f"{SMTP_MS:g} ms")
    print(f"{pending(db)} notices queued before the start")

    started = time.perf_counter()
    server, _, entry, version = common.start_demo(binary, PORT, work, database=url, trust_loopback=True,
                                                  mail_url=mail_url)
    try:
        asked = {}
        for i in range(CODES):
            to = f"code{i}@example.jp"
            asked[to] = time.perf_counter()
            submit(entry, version, i, to)
            time.sleep(max(0.0, 1 / RATE - (time.perf_counter() - asked[to])))
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline and not all(t in arrived for t in asked):
            time.sleep(0.01)
        left_when_codes_done = pending(db)
        waits = sorted((arrived[t] - asked[t]) * 1000 for t in asked if t in arrived)
        missing = CODES - len(waits)
        while time.perf_counter() - started < 600 and pending(db) > 0:
            time.sleep(0.2)
        notices_done = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    if not waits:
        sys.exit("no code arrived")
    p99 = waits[max(0, int(len(waits) * 0.99 + 0.999) - 1)]
    print(f"{CODES} codes, {RATE:g} a second, while the notices went out: request to SMTP arrival median "
          f"{statistics.median(waits):.0f} ms, p99 {p99:.0f} ms, max {waits[-1]:.0f} ms"
          + (f"; {missing} never arrived within 60 s" if missing else ""))
    print(f"notices still queued when the last code arrived: {left_when_codes_done}; all {NOTICES} sent "
          f"{notices_done:.0f} s after the start")


if __name__ == "__main__":
    main()
