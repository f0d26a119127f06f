#!/usr/bin/env python3
"""Does the time of an answer tell whether an address is registered?

Against a release `renkei serve --demo` on SQLite (loopback), registers 2 × BENCH_PEOPLE residents
through the API (their addresses confirmed by the mailed codes), then times, alternating an
existing and an unknown address, BENCH_TRIES tries of each of:

- asking for a sign-in code (`POST /api/sign-in/email-code`) with a date of birth a stranger
  would guess (not the registration's);
- signing in with a mailed code (`POST /api/sign-in/email`), a wrong code and a flow of one's own;
- recovery (`POST /api/recovery`), a wrong code, with insurance details and date of birth.

Each address is used as often as any other (the per-address limits then act alike on both; with
the defaults each address once per operation, so every code request is one that sends mail).
Each request names a client address of its own in X-Forwarded-For (the server trusts loopback
as a proxy here), so the per-client limits never answer 429 during the run. One keep-alive
connection; the time is the client's, from sending to the whole answer read.

Then, on the other half of the residents, a code request with the right date of birth against one
with a guessed date (each on an address of its own): a stranger guessing dates must not tell the
right one by the time of the answer either.

Prints, per comparison: the median of each kind, their difference, and the status codes seen.
Loopback only. See README.md."""
import http.client
import json
import os
import statistics
import tempfile
import time

import common

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "200"))
TRIES = int(os.environ.get("BENCH_TRIES", "200"))
PORT = int(os.environ.get("BENCH_PORT", "18186"))
BORN = "1950-04-01"


class Client:
    def __init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT)
        self.n = 0

    def post(self, path, body):
        """(status, ms, json) of one POST from a client address of its own."""
        self.n += 1
        forwarded = f"10.{(self.n >> 16) & 255}.{(self.n >> 8) & 255}.{self.n & 255}"
        data = json.dumps(body).encode()
        started = time.perf_counter()
        self.conn.request("POST", path, body=data, headers={"Content-Type": "application/json",
                                                             "X-Forwarded-For": forwarded})
        r = self.conn.getresponse()
        payload = r.read()
        ms = (time.perf_counter() - started) * 1000
        return r.status, ms, (json.loads(payload) if payload else None)


def main():
    work = tempfile.mkdtemp()
    mail_dir = os.path.join(work, "mail")
    server, _, entry, version = common.start_demo(common.binary(), PORT, work, trust_loopback=True)
    try:
        c = Client()
        kana = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモ"
        known, unknown = [], []
        for i in range(2 * PEOPLE):
            to = f"timing{i}@example.jp"
            key = os.urandom(16).hex()
            body = {"key": key, "entryPoint": entry, "consentVersion": version,
                    "documentKind": "qualification_certificate", "insurerNumber": "33120015", "symbol": "12",
                    "number": str(20000 + i), "branch": "01", "name": "時間 花子",
                    "nameKana": f"ジカン {kana[i % len(kana)]}{kana[(i // len(kana)) % len(kana)]}",
                    "birthDate": BORN, "sex": "female", "phone": "090-1234-5678", "email": to}
            s, _, _ = c.post("/api/registrations", body)
            assert s == 200, s
            s, _, _ = c.post("/api/registrations/verify-email", {"key": key, "code": common.code_for(mail_dir, to)})
            assert s == 200, s
            s, _, _ = c.post("/api/registrations/complete", {"key": key})
            assert s == 200, s
            known.append(to)
            unknown.append(f"nobody{i}@example.jp")
        others, known, unknown = known[PEOPLE:], known[:PEOPLE], unknown[:PEOPLE]

        def flow():
            return os.urandom(32).hex()

        operations = {
            "code request, a guessed birth date": lambda to: ("/api/sign-in/email-code",
                                                              {"email": to, "birthDate": "1961-07-15"}),
            "code sign-in, a wrong code": lambda to: ("/api/sign-in/email",
                                                      {"email": to, "code": "000000", "flow": flow()}),
            "recovery, a wrong code": lambda to: ("/api/recovery",
                                                  {"email": to, "code": "000000", "flow": flow(),
                                                   "insurerNumber": "33120015", "symbol": "12", "number": "20000",
                                                   "branch": "01", "birthDate": BORN}),
        }
        print(f"machine: {os.cpu_count()} cores; release build, SQLite; {PEOPLE} registered and {PEOPLE} unknown "
              f"addresses, each used alike; {TRIES} tries of each kind, alternating")
        # A few untimed requests first (caches, prepared statements), on addresses not used after.
        for i in range(20):
            c.post("/api/sign-in/email-code", {"email": f"warm{i}@example.jp", "birthDate": BORN})
            c.post("/api/sign-in/email", {"email": f"warm{i}@example.jp", "code": "000000", "flow": flow()})

        def compare(name, first, second):
            (a_name, a_make), (b_name, b_make) = first, second
            times = {a_name: [], b_name: []}
            statuses = {a_name: set(), b_name: set()}
            for i in range(TRIES):
                order = ((a_name, a_make), (b_name, b_make)) if i % 2 == 0 else ((b_name, b_make), (a_name, a_make))
                for kind, make in order:
                    s, ms, _ = c.post(*make(i))
                    times[kind].append(ms)
                    statuses[kind].add(s)
            m_a, m_b = statistics.median(times[a_name]), statistics.median(times[b_name])
            print(f"{name:>36}: {a_name} {m_a:.3f} ms, {b_name} {m_b:.3f} ms, difference {m_a - m_b:+.3f} ms "
                  f"(statuses {sorted(statuses[a_name])} / {sorted(statuses[b_name])})")

        for name, make in operations.items():
            compare(name, ("existing", lambda i, make=make: make(known[i % PEOPLE])),
                    ("unknown", lambda i, make=make: make(unknown[i % PEOPLE])))
        half = len(others) // 2
        compare("code request, right vs guessed date",
                ("right", lambda i: ("/api/sign-in/email-code", {"email": others[i % half], "birthDate": BORN})),
                ("guessed", lambda i: ("/api/sign-in/email-code",
                                       {"email": others[half + i % half], "birthDate": "1961-07-15"})))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
