#!/usr/bin/env python3
"""Health-record figures against a release `renkei serve --demo` on SQLite: FHIR intake throughput
(collection Bundles of MedicationRequests sent with facility API keys, new records and then an
identical resubmission) and the resident's summary read (`GET /api/me/summary`) for a resident with
200 medicines from three facilities, one request after another and from 8 connections at once.
Prints throughput, latency percentiles, the summary's size and the server's RSS. Loopback only.
See README.md."""
import datetime
import http.client
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

import common

PORT = int(os.environ.get("BENCH_PORT", "18183"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
BIN = None  # set by main(): common.binary()
BASE = f"http://127.0.0.1:{PORT}"

FACILITIES = ["1410900001", "1410900002", "1440900004"]  # hospital, clinic, pharmacy of the demo network
MEMBER_ID = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID"
YJ = "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code"
BUNDLES = 20  # bundles of new records, and resubmissions of one of them
PER_BUNDLE = 50  # MedicationRequest entries per bundle (plus the Patient entry)
MEDICINES = 200  # medicines of the resident whose summary is read
PAIRS = 15  # of those, pairs with the same first seven YJ characters from two facilities
THREADS = 8


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(BASE + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req) as r:
            payload = r.read()
            return r.headers, json.loads(payload) if payload else None
    except urllib.error.HTTPError as e:
        sys.exit(f"{method} {path}: {e.code} {e.read().decode()}")


def register(mail_dir, entry, consent_version, i):
    """Registers one resident as the web app does; returns the session cookie and the patient as
    facilities' data names them (member id, name, kana)."""
    key = os.urandom(16).hex()
    to = f"health{i}@example.jp"
    insurance = {"insurerNumber": "33120015", "symbol": "12", "number": str(20000 + i), "branch": "01"}
    name, kana = "検証 花子", f"ケンショウ {'アイウエオ'[i % 5]}"
    body = {"key": key, "entryPoint": entry, "consentVersion": consent_version,
            "documentKind": "qualification_certificate", **insurance, "name": name,
            "nameKana": kana, "birthDate": "1950-04-01", "sex": "female",
            "phone": "090-1234-5678", "email": to}
    call("POST", "/api/registrations", body)
    call("POST", "/api/registrations/verify-email", {"key": key, "code": common.code_for(mail_dir, to)})
    headers, done = call("POST", "/api/registrations/complete", {"key": key})
    assert done["registrationNumber"]
    cookie = next((c.split(";")[0] for c in headers.get_all("Set-Cookie") or [] if c.startswith("renkei_session=")),
                  None)
    if not cookie:
        sys.exit("no renkei_session cookie on /api/registrations/complete")
    member = ":".join(insurance[k] for k in ("insurerNumber", "symbol", "number", "branch"))
    return cookie, {"member": member, "name": name, "kana": kana}


def yj(ingredient, product):
    """A YJ-shaped code: 7 digits (class, ingredient, route), then `F` and 4 characters."""
    code = f"{2100000 + ingredient:07d}F1{product % 1000:03d}"
    assert len(code) == 12, code
    return code


def medication_request(identifier, name, code, today, days=30, status="active", dosage="1日1回朝食後"):
    return {"resourceType": "MedicationRequest", "identifier": [{"system": "urn:bench", "value": identifier}],
            "status": status, "intent": "order",
            "medicationCodeableConcept": {"text": name, "coding": [{"system": YJ, "code": code}]},
            "subject": {"reference": "urn:uuid:p1"}, "authoredOn": today, "dosageInstruction": [{"text": dosage}],
            "dispenseRequest": {"expectedSupplyDuration": {"value": days, "unit": "日",
                                                           "system": "http://unitsofmeasure.org", "code": "d"}}}


REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation"


def bundle(person, requests):
    """A collection Bundle of the requests, with the Patient as JP Core writes it (name in kanji and kana)."""
    patient = {"fullUrl": "urn:uuid:p1",
               "resource": {"resourceType": "Patient",
                            "identifier": [{"system": MEMBER_ID, "value": person["member"]}],
                            "name": [{"extension": [{"url": REPRESENTATION, "valueCode": "IDE"}], "text": person["name"]},
                                     {"extension": [{"url": REPRESENTATION, "valueCode": "SYL"}], "text": person["kana"]}]}}
    entries = [patient] + [{"fullUrl": f"urn:uuid:m{i}", "resource": r} for i, r in enumerate(requests)]
    return json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}).encode()


class Fhir:
    """One keep-alive connection sending Bundles with one facility's key."""

    def __init__(self, key):
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT)
        self.headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/fhir+json"}

    def send(self, body, expect):
        """Sends a Bundle; returns the time it took (ms). Exits unless every MedicationRequest entry
        answers `expect` (the Patient entry answers `ignored`)."""
        started = time.perf_counter()
        self.conn.request("POST", "/api/fhir", body=body, headers=self.headers)
        r = self.conn.getresponse()
        payload = r.read()
        ms = (time.perf_counter() - started) * 1000
        if r.status != 200:
            sys.exit(f"POST /api/fhir: {r.status} {payload.decode()}")
        codes = [e["response"]["outcome"]["issue"][0]["details"]["coding"][0]["code"]
                 for e in json.loads(payload)["entry"]]
        if codes[0] != "ignored" or codes[1:].count(expect) != len(codes) - 1:
            sys.exit(f"POST /api/fhir: expected every record {expect}, got {sorted(set(codes))}")
        return ms


def summary_get(conn, cookie):
    started = time.perf_counter()
    conn.request("GET", "/api/me/summary", headers={"Cookie": cookie})
    r = conn.getresponse()
    payload = r.read()
    ms = (time.perf_counter() - started) * 1000
    if r.status != 200:
        raise RuntimeError(f"GET /api/me/summary: {r.status} {payload[:300].decode(errors='replace')}")
    return ms, payload


def read_for(cookie, seconds, out, errors):
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    deadline = time.perf_counter() + seconds
    try:
        while time.perf_counter() < deadline:
            out.append(summary_get(conn, cookie)[0])
    except Exception as e:  # reported by the caller
        errors.append(e)
    finally:
        conn.close()


def intake(keys, person, today):
    """Figure 1: new records, then one Bundle resubmitted unchanged."""
    fhir = Fhir(keys[FACILITIES[0]])
    bodies = []
    for b in range(BUNDLES):
        reqs = [medication_request(f"intake-{b}-{i}", f"検証錠{b * PER_BUNDLE + i}mg", yj(b * PER_BUNDLE + i, i), today)
                for i in range(PER_BUNDLE)]
        bodies.append(bundle(person, reqs))
    new = [fhir.send(body, "accepted") for body in bodies]
    again = [fhir.send(bodies[-1], "unchanged") for _ in range(BUNDLES)]
    fhir.conn.close()
    return new, again, len(bodies[0])


def load_medicines(keys, person, today):
    """Figure 2's data: MEDICINES MedicationRequests from the three facilities, PAIRS of them sharing
    an ingredient across two facilities, some stopped, durations from a week to three months."""
    per_facility = {f: [] for f in FACILITIES}
    stopped = 0
    for i in range(MEDICINES):
        facility = FACILITIES[i % 3]  # consecutive medicines come from different facilities
        ingredient = 5000 + (i // 2 if i < 2 * PAIRS else i)
        status = "stopped" if i >= 2 * PAIRS and i % 20 == 10 else "active"
        stopped += status == "stopped"
        days = (7, 14, 28, 30, 56, 90)[i % 6]
        dosage = ("1日1回朝食後", "1日2回朝夕食後", "1日3回毎食後", "就寝前")[i % 4]
        per_facility[facility].append(
            medication_request(f"summary-{i}", f"検証薬{i}錠", yj(ingredient, i), today, days, status, dosage))
    for facility, reqs in per_facility.items():
        fhir = Fhir(keys[facility])
        fhir.send(bundle(person, reqs), "accepted")
        fhir.conn.close()
    return MEDICINES - stopped


EXPORTS = 20  # downloads of each kind of export, one after another


def export_times(cookie):
    """Figure 3: the first resident (the intake's BUNDLES x PER_BUNDLE records) downloads everything
    held about them, as JSON and as FHIR, EXPORTS times each. Returns {path: (times ms, bytes, records)}."""
    out = {}
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    for path in ("/api/me/export", "/api/me/export/fhir"):
        times, size, records = [], 0, 0
        for _ in range(EXPORTS):
            started = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie})
            r = conn.getresponse()
            payload = r.read()
            times.append((time.perf_counter() - started) * 1000)
            if r.status != 200:
                sys.exit(f"GET {path}: {r.status} {payload[:300].decode(errors='replace')}")
            size = len(payload)
            doc = json.loads(payload)
            records = (len(doc["medications"]) if "medications" in doc else
                       sum(1 for e in doc["entry"] if e["resource"]["resourceType"] == "MedicationRequest"))
        if records != BUNDLES * PER_BUNDLE:
            sys.exit(f"GET {path}: {records} medication records, expected {BUNDLES * PER_BUNDLE}")
        out[path] = (sorted(times), size, records)
    conn.close()
    return out


def ceiling(n=200):
    """The same run's ceiling: `GET /api/health` (one database round trip) on one keep-alive
    connection, n times; the sorted times (ms). The machine is shared, so figures are also given
    as multiples of its median."""
    conn = http.client.HTTPConnection("127.0.0.1", PORT)
    times = []
    for _ in range(n):
        started = time.perf_counter()
        conn.request("GET", "/api/health")
        r = conn.getresponse()
        r.read()
        times.append((time.perf_counter() - started) * 1000)
        if r.status != 200:
            sys.exit(f"GET /api/health: {r.status}")
    conn.close()
    return sorted(times)


def main():
    global BIN
    BIN = common.binary()
    work = tempfile.mkdtemp()
    mail_dir = os.path.join(work, "mail")
    server, env, entry, version = common.start_demo(BIN, PORT, work)
    try:
        # Records must be dated on or after the day the resident joined, in Japan.
        today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9))).date().isoformat()
        intake_cookie, intake_person = register(mail_dir, entry, version, 0)
        cookie, person = register(mail_dir, entry, version, 1)
        keys = {f: common.issue_key(BIN, env, f) for f in FACILITIES}

        bare = ceiling()
        new, again, bundle_bytes = intake(keys, intake_person, today)
        exports = export_times(intake_cookie)
        current = load_medicines(keys, person, today)

        # Figure 2: the summary of the resident with MEDICINES medicines.
        conn = http.client.HTTPConnection("127.0.0.1", PORT)
        _, payload = summary_get(conn, cookie)
        s = json.loads(payload)
        duplicates = sum(1 for f in s["flags"] if f["kind"] == "duplicate")
        if s["historyTotal"] != MEDICINES or len(s["current"]) != current or duplicates != PAIRS:
            sys.exit(f"summary: {s['historyTotal']} in history, {len(s['current'])} current, {duplicates} "
                     f"duplicate flags; expected {MEDICINES}, {current}, {PAIRS}")
        conn.request("GET", "/api/me/summary", headers={"Cookie": cookie, "Accept-Encoding": "gzip"})
        r = conn.getresponse()
        gzipped = len(r.read())
        warm_until = time.perf_counter() + 1
        while time.perf_counter() < warm_until:
            summary_get(conn, cookie)
        conn.close()

        sequential, errors = [], []
        started = time.perf_counter()
        read_for(cookie, SECONDS, sequential, errors)
        seq_elapsed = time.perf_counter() - started
        lists = [[] for _ in range(THREADS)]
        threads = [threading.Thread(target=read_for, args=(cookie, SECONDS, lists[t], errors)) for t in range(THREADS)]
        par_elapsed = common.run_together(threads)
        if errors:
            sys.exit(f"summary reads failed: {errors[0]}")
        concurrent = [ms for lst in lists for ms in lst]
        rss = next(l.split()[1] for l in open(f"/proc/{server.pid}/status") if l.startswith("VmRSS"))

        print(f"machine: {os.cpu_count()} cores; release build, SQLite; one keep-alive connection per client")
        base = statistics.median(bare)
        print(f"ceiling, GET /api/health {len(bare)} times: median {base:6.3f} ms (the x figures below are "
              f"multiples of it)")
        print(f"FHIR intake, {BUNDLES} collection Bundles of {PER_BUNDLE} new MedicationRequests (+1 Patient, "
              f"{bundle_bytes} bytes each), one after another:")
        v = sorted(new)
        print(f"  {BUNDLES * PER_BUNDLE / (sum(new) / 1000):7.0f} records accepted/s   per bundle: median "
              f"{statistics.median(v):6.2f} ms (x{statistics.median(v) / base:.0f})   p90 {common.pct(v, 0.9):6.2f} ms   "
              f"p99 {common.pct(v, 0.99):6.2f} ms")
        print(f"the last Bundle resubmitted {BUNDLES} times (every record unchanged):")
        v = sorted(again)
        print(f"  {BUNDLES * PER_BUNDLE / (sum(again) / 1000):7.0f} records unchanged/s  per bundle: median "
              f"{statistics.median(v):6.2f} ms (x{statistics.median(v) / base:.0f})   p90 {common.pct(v, 0.9):6.2f} ms   "
              f"p99 {common.pct(v, 0.99):6.2f} ms")
        print(f"GET /api/me/summary, {MEDICINES} medicines from {len(FACILITIES)} facilities ({current} current, "
              f"{duplicates} duplicate flags): {len(payload)} bytes ({gzipped} gzip)")
        v = sorted(sequential)
        print(f"  sequential, {SECONDS:g} s: {len(v) / seq_elapsed:7.0f} reads/s   median "
              f"{statistics.median(v):6.2f} ms   p90 {common.pct(v, 0.9):6.2f} ms   p99 {common.pct(v, 0.99):6.2f} ms")
        v = sorted(concurrent)
        print(f"  {THREADS} threads, {SECONDS:g} s: {len(v) / par_elapsed:7.0f} reads/s   median "
              f"{statistics.median(v):6.2f} ms   p90 {common.pct(v, 0.9):6.2f} ms   p99 {common.pct(v, 0.99):6.2f} ms")
        for path, (v, size, records) in exports.items():
            print(f"GET {path}, {records} medication records ({size} bytes), {EXPORTS} times one after another: "
                  f"median {statistics.median(v):7.2f} ms   p90 {common.pct(v, 0.9):7.2f} ms   max {v[-1]:7.2f} ms")
        print(f"server RSS afterwards: {rss} KiB")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
