#!/usr/bin/env python3
"""A clinical staff member opening a resident's shared record (`POST /api/staff/records/lookup`)
against `renkei serve --demo` on SQLite: residents registered through the API, a nurse invited with
`renkei admin staff invite` and enrolled through the real WebAuthn ceremony with a soft passkey
written here (ES256, `none` attestation), and records sent by two facilities with their API keys so
that the nurse's clinic has a care relationship with each resident. A closed loop of
`BENCH_CLIENTS` connections opens random residents' records for `BENCH_SECONDS`; the same loop
against `GET /api/health` with the same cookie is the ceiling of the same run. Then a few lookups
that answer 404. Prints latency percentiles, requests a second, the ratios to the ceiling and the
server's RSS. Loopback only. See README.md."""
import base64
import datetime
import hashlib
import http.client
import json
import math
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from cryptography.hazmat.primitives.asymmetric import ec

import common

PORT = int(os.environ.get("BENCH_PORT", "18186"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
RESIDENTS = int(os.environ.get("BENCH_RESIDENTS", "20"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
ORIGIN = f"http://localhost:{PORT}"  # RENKEI_PUBLIC_URL as common.start_demo sets it: the passkeys' origin
BIN = None  # set by main(): common.binary()

CLINIC = "1410900002"  # デモ内科クリニック: the nurse's facility, which sends data for every resident
HOSPITAL = "1410900001"  # sends data too: the record shows what other facilities hold
MEMBER_ID = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID"
YJ = "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code"
INSTANCE = "http://jpfhir.jp/fhir/core/IdSystem/resourceInstance-identifier"
REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation"
# What each resident is sent: (facility, name, YJ code, days) medicines, then one allergy from the
# clinic and one drug contraindication (category medication, criticality high) from the hospital.
MEDICINES = [(CLINIC, "アムロジピン錠5mg", "2171022F1020", 28), (CLINIC, "カンデサルタン錠8mg", "2149039F1030", 28),
             (CLINIC, "ムコスタ錠100mg", "2329021F1021", 14), (HOSPITAL, "メトホルミン塩酸塩錠250mg", "3962002F1037", 56),
             (HOSPITAL, "ランソプラゾールOD錠15mg", "2329023F2020", 30)]
MISSES = 4  # 404 lookups of each kind; the staff member may miss 10 times in 15 minutes (then 429)


class Conn:
    """One keep-alive connection; `send` returns (status, headers, body bytes, ms)."""

    def __init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT)

    def send(self, method, path, body=None, headers=None):
        data = body if body is None or isinstance(body, bytes) else json.dumps(body).encode()
        h = dict(headers or {})
        if data is not None:
            h.setdefault("Content-Type", "application/json")
        started = time.perf_counter()
        self.conn.request(method, path, body=data, headers=h)
        r = self.conn.getresponse()
        payload = r.read()
        return r.status, r.headers, payload, (time.perf_counter() - started) * 1000

    def ok(self, method, path, body=None, headers=None):
        """The answer's headers and JSON; exits unless it is 200."""
        status, h, payload, _ = self.send(method, path, body, headers)
        if status != 200:
            sys.exit(f"{method} {path}: {status} {payload[:500].decode(errors='replace')}")
        return h, json.loads(payload) if payload else None

    def close(self):
        self.conn.close()


def cookie_named(headers, name):
    found = next((c.split(";")[0] for c in headers.get_all("Set-Cookie") or [] if c.startswith(name + "=")), None)
    if not found:
        sys.exit(f"no {name} cookie in the answer")
    return found


# --- Residents ----------------------------------------------------------------------------------

def register(c, mail_dir, entry, consent_version, i):
    """Registers the i-th resident as the web app does (details and consent, the mailed code,
    complete); returns the patient as facilities' data names them and the registration number."""
    key = os.urandom(16).hex()
    to = f"staffview{i}@example.jp"
    kana, born, sex = common.person(i)
    name = "検証 花子" if sex == "female" else "検証 太郎"
    insurance = {"insurerNumber": "33120015", "symbol": "12", "number": str(30000 + i), "branch": "01"}
    c.ok("POST", "/api/registrations", {"key": key, "entryPoint": entry, "consentVersion": consent_version,
                                        "documentKind": "qualification_certificate", **insurance, "name": name,
                                        "nameKana": kana, "birthDate": born, "sex": sex,
                                        "phone": "090-1234-5678", "email": to})
    c.ok("POST", "/api/registrations/verify-email", {"key": key, "code": common.code_for(mail_dir, to)})
    _, done = c.ok("POST", "/api/registrations/complete", {"key": key})
    if not done.get("registrationNumber"):
        sys.exit(f"no registration number: {done}")
    member = ":".join(insurance[k] for k in ("insurerNumber", "symbol", "number", "branch"))
    return {"member": member, "name": name, "kana": kana, "born": born, "sex": sex,
            "number": done["registrationNumber"]}


# --- Facilities' data ---------------------------------------------------------------------------

def bundle(person, facility, i, when):
    """A collection Bundle of what `facility` sends for resident i: the Patient as JP Core writes it,
    its medicines and its allergy or contraindication, all dated `when` (after the registration)."""
    pid = "urn:uuid:p1"
    entries = [{"fullUrl": pid, "resource": {
        "resourceType": "Patient", "identifier": [{"system": MEMBER_ID, "value": person["member"]}],
        "name": [{"extension": [{"url": REPRESENTATION, "valueCode": "IDE"}], "text": person["name"]},
                 {"extension": [{"url": REPRESENTATION, "valueCode": "SYL"}], "text": person["kana"]}],
        "gender": person["sex"], "birthDate": person["born"]}}]
    for k, (f, name, code, days) in enumerate(MEDICINES):
        if f != facility:
            continue
        entries.append({"fullUrl": f"urn:uuid:m{k}", "resource": {
            "resourceType": "MedicationRequest",
            "identifier": [{"system": "urn:oid:1.2.392.100495.20.3.81", "value": "1"},
                           {"system": "urn:oid:1.2.392.100495.20.3.82", "value": str(k + 1)},
                           {"system": INSTANCE, "value": f"{facility}-{i}-rx-{k}"}],
            "status": "active", "intent": "order",
            "medicationCodeableConcept": {"text": name, "coding": [{"system": YJ, "code": code, "display": name}]},
            "subject": {"reference": pid}, "authoredOn": when, "dosageInstruction": [{"text": "1日1回朝食後"}],
            "dispenseRequest": {"expectedSupplyDuration": {"value": days, "unit": "日",
                                                           "system": "http://unitsofmeasure.org", "code": "d"}}}})
    if facility == CLINIC:
        category, criticality, code = "food", "low", {"text": "卵"}
    else:
        category, criticality = "medication", "high"
        code = {"text": "ロキソプロフェン（薬剤禁忌）", "coding": [{"system": YJ, "code": "1149019F1560"}]}
    entries.append({"fullUrl": "urn:uuid:a1", "resource": {
        "resourceType": "AllergyIntolerance",
        "identifier": [{"system": INSTANCE, "value": f"{facility}-{i}-al"}],
        "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                                       "code": "active"}]},
        "category": [category], "criticality": criticality, "code": code,
        "patient": {"reference": pid}, "recordedDate": when}})
    return json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}).encode()


def send_data(c, key, body):
    """Sends a Bundle; exits unless every entry but the Patient (`ignored`) is `accepted`."""
    status, _, payload, _ = c.send("POST", "/api/fhir", body,
                                   {"Authorization": f"Bearer {key}", "Content-Type": "application/fhir+json"})
    if status != 200:
        sys.exit(f"POST /api/fhir: {status} {payload[:500].decode(errors='replace')}")
    codes = [e["response"]["outcome"]["issue"][0]["details"]["coding"][0]["code"] for e in json.loads(payload)["entry"]]
    if codes[0] != "ignored" or any(code != "accepted" for code in codes[1:]):
        sys.exit(f"POST /api/fhir: expected the Patient ignored and every record accepted, got {codes}")


# --- The staff member and their soft passkey ------------------------------------------------------

def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def cbor(v):
    """The CBOR of ints, byte strings, text and maps (keys in the order given)."""
    def head(major, n):
        if n < 24:
            return bytes([major << 5 | n])
        for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if n < 1 << (8 * size):
                return bytes([major << 5 | extra]) + n.to_bytes(size, "big")
        raise ValueError(n)
    if isinstance(v, int):
        return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        return head(3, len(v.encode())) + v.encode()
    if isinstance(v, dict):
        return head(5, len(v)) + b"".join(cbor(k) + cbor(x) for k, x in v.items())
    raise TypeError(type(v))


def create_passkey(public_key):
    """A new ES256 passkey for the creation options the server gave (`publicKey`), answered as a
    browser does: `none` attestation, user present and verified."""
    if not any(p.get("alg") == -7 for p in public_key["pubKeyCredParams"]):
        sys.exit(f"the server does not offer ES256: {public_key['pubKeyCredParams']}")
    rp_id = public_key["rp"]["id"]
    numbers = ec.generate_private_key(ec.SECP256R1()).public_key().public_numbers()
    cose = {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")}  # EC2, ES256, P-256
    cred_id = secrets.token_bytes(32)
    auth_data = (hashlib.sha256(rp_id.encode()).digest() + bytes([0x45])  # flags: UP, UV, AT
                 + (0).to_bytes(4, "big") + bytes(16)  # sign count, AAGUID
                 + len(cred_id).to_bytes(2, "big") + cred_id + cbor(cose))
    client_data = json.dumps({"type": "webauthn.create", "challenge": public_key["challenge"], "origin": ORIGIN,
                              "crossOrigin": False}, separators=(",", ":")).encode()
    attestation = cbor({"fmt": "none", "attStmt": {}, "authData": auth_data})
    return {"id": b64url(cred_id), "rawId": b64url(cred_id), "type": "public-key",
            "response": {"attestationObject": b64url(attestation), "clientDataJSON": b64url(client_data),
                         "transports": ["internal"]},
            "clientExtensionResults": {}}


def enrol_nurse(c, env):
    """Invites a nurse at the clinic and enrols them with a new passkey; returns their cookie."""
    out = subprocess.run([BIN, "admin", "staff", "invite", "--facility", CLINIC, "--role", "nurse",
                          "--name", "看護 ベンチ"], env=env, capture_output=True, check=True, text=True).stdout
    link = next((w for w in out.split() if "/staff/enrol#" in w), None)
    if not link:
        sys.exit(f"no enrolment link in the output of `staff invite`: {out}")
    code = link.split("/staff/enrol#", 1)[1]
    _, options = c.ok("POST", "/api/staff/enrolment/passkey-options", {"code": code})
    credential = create_passkey(options["publicKey"])
    headers, me = c.ok("POST", "/api/staff/enrolment/complete", {"code": code, "credential": credential})
    if me.get("role") != "nurse":
        sys.exit(f"enrolled as {me}")
    return cookie_named(headers, "renkei_staff")


# --- Measuring ----------------------------------------------------------------------------------

def unknown_number(rng):
    """A well-formed registration number (10 Crockford base32 characters and the mod-37 check
    character, as renkei draws them) that nobody has, with overwhelming likelihood."""
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    while True:
        values = [rng.randrange(32) for _ in range(10)]
        rem = 0
        for v in values:
            rem = (rem * 32 + v) % 37
        if rem < 32:
            return "".join(alphabet[v] for v in values) + alphabet[rem]


def closed_loop(make, expect, seconds, clients):
    """`clients` threads, each on its own keep-alive connection, sending `make(rng)` (method, path,
    body, headers) one after another for `seconds`. Returns (sorted times in ms, elapsed seconds)."""
    lists, errors = [[] for _ in range(clients)], []

    def run(out, seed):
        rng = random.Random(seed)
        c = Conn()
        deadline = time.perf_counter() + seconds
        try:
            while time.perf_counter() < deadline:
                method, path, body, headers = make(rng)
                status, _, payload, ms = c.send(method, path, body, headers)
                if status != expect:
                    raise RuntimeError(f"{method} {path}: {status} {payload[:300].decode(errors='replace')}")
                out.append(ms)
        except Exception as e:  # reported below
            errors.append(e)
        finally:
            c.close()

    threads = [threading.Thread(target=run, args=(lists[t], t)) for t in range(clients)]
    elapsed = common.run_together(threads)
    if errors:
        sys.exit(f"the loop stopped: {errors[0]}")
    return sorted(ms for lst in lists for ms in lst), elapsed


def main():
    global BIN
    BIN = common.binary()
    work = tempfile.mkdtemp()
    mail_dir = os.path.join(work, "mail")
    server, env, entry, version = common.start_demo(BIN, PORT, work)
    try:
        c = Conn()
        # RESIDENTS residents the clinic treats, and one more it has never sent anything for.
        people = [register(c, mail_dir, entry, version, i) for i in range(RESIDENTS + 1)]
        stranger, people = people[-1], people[:-1]
        keys = {f: common.issue_key(BIN, env, f) for f in (CLINIC, HOSPITAL)}
        # Records are dated after the registrations, to the second (the time is cut to whole seconds,
        # so wait past the second the last consent was given in: a record dated before it is refused).
        time.sleep(1.05)
        when = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9))).isoformat(timespec="seconds")
        for i, p in enumerate(people):
            for f in (CLINIC, HOSPITAL):
                send_data(c, keys[f], bundle(p, f, i, when))
        cookie = enrol_nurse(c, env)
        # The staff cookie is a session cookie: a write must name its origin, as a browser's does.
        post_headers = {"Cookie": cookie, "Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"}
        get_headers = {"Cookie": cookie}

        # Every record once: what the nurse sees.
        sizes = []
        for p in people:
            status, _, payload, _ = c.send("POST", "/api/staff/records/lookup", {"registrationNumber": p["number"]},
                                           post_headers)
            if status != 200:
                sys.exit(f"lookup of {p['number']}: {status} {payload[:300].decode(errors='replace')}")
            r = json.loads(payload)
            got = (len(r.get("currentMedicines", [])), len(r.get("medicationHistory", [])),
                   len(r.get("allergies", [])), len(r.get("contraindications", [])))
            if got != (len(MEDICINES), len(MEDICINES), 1, 1):
                sys.exit(f"record of {p['number']}: current, history, allergies, contraindications {got}; expected "
                         f"{(len(MEDICINES), len(MEDICINES), 1, 1)}; parts {r.get('parts')}")
            sizes.append(len(payload))
        parts = r["parts"]
        c.close()

        def view(rng):
            return "POST", "/api/staff/records/lookup", {"registrationNumber": rng.choice(people)["number"]}, post_headers

        def health(rng):
            return "GET", "/api/health", None, get_headers

        # A second of each untimed first (caches, prepared statements, the pool's connections).
        closed_loop(view, 200, 1, CLIENTS)
        closed_loop(health, 200, 1, CLIENTS)
        views, view_s = closed_loop(view, 200, SECONDS, CLIENTS)
        bare, bare_s = closed_loop(health, 200, SECONDS, CLIENTS)

        # The 404 path, a few times only: each miss counts against the staff member (10 in 15 minutes,
        # then every lookup answers 429). Alternating an unknown number and a resident the clinic has
        # never sent data for, who must be answered alike.
        rng = random.Random(7)
        missed = {"unknown number": [], "no care relationship": []}
        c = Conn()
        for k in range(2 * MISSES):
            kind, number = (("unknown number", unknown_number(rng)) if k % 2 == 0
                            else ("no care relationship", stranger["number"]))
            status, _, payload, ms = c.send("POST", "/api/staff/records/lookup", {"registrationNumber": number},
                                            post_headers)
            if status != 404:
                sys.exit(f"lookup ({kind}): {status}, expected 404: {payload[:300].decode(errors='replace')}")
            missed[kind].append(ms)
        c.close()
        rss, peak = common.rss(server.pid), common.rss(server.pid, "VmHWM")

        print(f"machine: {os.cpu_count()} cores; SQLite; binary {BIN}")
        print(f"{RESIDENTS} residents, each sent {len(MEDICINES)} medicines by the clinic and the hospital, an "
              f"allergy and a drug contraindication; a nurse of the clinic (parts: {', '.join(parts)})")
        print(f"one record: {statistics.median(sizes):.0f} bytes (median; {min(sizes)}-{max(sizes)})")
        print(f"closed loop, {CLIENTS} clients (one keep-alive connection each), {SECONDS:g} s each, after 1 s "
              f"untimed:")
        rows = (("POST /api/staff/records/lookup (200)", views, view_s), ("GET /api/health (ceiling)", bare, bare_s))
        for name, v, elapsed in rows:
            print(f"  {name:<38} {len(v) / elapsed:7.0f} req/s   p50 {common.pct(v, 0.5):7.2f} ms   p90 "
                  f"{common.pct(v, 0.9):7.2f} ms   p99 {common.pct(v, 0.99):7.2f} ms   ({len(v)} requests)")
        print(f"  record view / ceiling: p50 x{common.pct(views, 0.5) / common.pct(bare, 0.5):.1f}   p99 "
              f"x{common.pct(views, 0.99) / common.pct(bare, 0.99):.1f}   req/s x{(len(views) / view_s) / (len(bare) / bare_s):.2f}")
        print(f"404, one request at a time ({MISSES} of each kind, alternating; the limit is 10 misses in 15 min):")
        for kind, v in missed.items():
            v = sorted(v)
            print(f"  {kind:<22} median {statistics.median(v):7.2f} ms   max {v[-1]:7.2f} ms")
        print(f"server RSS afterwards: {rss} MiB (peak {peak} MiB)")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
