#!/usr/bin/env python3
"""Runs tests/spec/run.sh against a fresh renkei: the served spec checked against the server.

Starts `renkei serve --demo` (the binary given, default target/debug/renkei) on a temporary
SQLite database and a free loopback port, makes what lets the checks get past 401 and 404 (a
facility key, a resident's session through a real registration with the mailed code, the demo
entry point), runs run.sh with them, and stops the server. Exits with run.sh's status.

    python3 tests/spec/check.py [path/to/renkei]
"""
import email
import glob
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "renkei"))
    work = tempfile.mkdtemp(prefix="renkei-spec-")
    port = free_port()
    base = f"http://127.0.0.1:{port}/api"
    mail_dir = os.path.join(work, "mail")
    env = dict(os.environ, RENKEI_BIND=f"127.0.0.1:{port}", RENKEI_DATABASE_URL=f"sqlite://{work}/r.db?mode=rwc",
               RENKEI_MAIL_URL=f"file://{mail_dir}", RENKEI_LOG="warn", RENKEI_PUBLIC_URL=f"http://localhost:{port}",
               RENKEI_PWA_DIR=os.path.join(ROOT, "pwa", "dist"), RENKEI_OPERATOR="spec-check")
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([binary, "serve", "--demo"], env=env, stdout=log, stderr=log)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/health")
                break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("spec: the server did not start (see " + log.name + ")")

        def admin(*args):
            out = subprocess.run([binary, "admin", *args], env=env, capture_output=True, text=True, check=True)
            return out.stdout

        entry = json.loads(admin("entry-point", "list", "--network", "demo", "--json"))[0]["code"]
        key = re.search(r"rkf_[A-Za-z0-9_]+", admin("facility", "key", "create", "--facility", "1410900001",
                                                     "--label", "spec check")).group(0)

        def post(path, body):
            req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req) as r:
                return r.headers, json.loads(r.read() or b"null")

        consent = json.loads(urllib.request.urlopen(base + "/networks/demo/consent").read())
        reg = uuid.uuid4().hex
        to = "spec.check@example.jp"
        post("/registrations", {"key": reg, "entryPoint": entry, "consentVersion": consent["version"],
                                "documentKind": "qualification_certificate", "insurerNumber": "33120015",
                                "symbol": "12", "number": "3456", "branch": "01", "name": "検査 花子",
                                "nameKana": "けんさ はなこ", "birthDate": "S25.4.1", "sex": "female",
                                "phone": "090-1234-5678", "email": to})
        code = None
        for _ in range(300):
            for f in glob.glob(os.path.join(mail_dir, "*.eml")):
                m = email.message_from_binary_file(open(f, "rb"))
                if to in m["To"]:
                    code = re.search(r"\b(\d{6})\b", m.get_payload(decode=True).decode()).group(1)
            if code:
                break
            time.sleep(0.05)
        post("/registrations/verify-email", {"key": reg, "code": code})
        headers, _ = post("/registrations/complete", {"key": reg})
        cookie = headers["Set-Cookie"].split(";")[0]

        run_env = dict(os.environ, RENKEI_SPEC_FACILITY_KEY=key, RENKEI_SPEC_COOKIE=cookie,
                       RENKEI_SPEC_ENTRY_POINT=entry)
        status = subprocess.run([os.path.join(HERE, "run.sh"), base], env=run_env).returncode
        if status != 0:
            print(f"spec: the server's log is {log.name}", file=sys.stderr)
        sys.exit(status)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
