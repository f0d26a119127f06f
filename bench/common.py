"""What the benchmarks share: the binary to measure, a demo server on a temporary database, the
codes it mails (written as .eml files), facilities' keys, threads run together and percentiles."""
import email
import glob
import json
import math
import os
import re
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def japanese_fonts():
    """A phone in Japan lays Japanese out in a Japanese font: measuring pages on a machine without one
    measures Chromium searching every font for each character instead (about three times the layout
    work on the poster page). Installs Debian's fonts-noto-cjk when none is there, as the test suite does."""
    has = subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True).stdout.strip()
    if has:
        return
    installed = os.geteuid() == 0 and subprocess.run(
        ["apt-get", "install", "-y", "-qq", "fonts-noto-cjk"], capture_output=True).returncode == 0
    if not installed:
        sys.exit("bench: no Japanese font: run 'apt-get install fonts-noto-cjk' as root")


def binary():
    """BENCH_BIN (to measure another build), or this checkout's release build, built if need be."""
    if os.environ.get("BENCH_BIN"):
        return os.environ["BENCH_BIN"]
    subprocess.run(["cargo", "build", "--release", "--locked", "-p", "renkei-api"], cwd=ROOT, check=True,
                   stderr=subprocess.DEVNULL)
    return os.path.join(ROOT, "target", "release", "renkei")


def start_demo(bin, port, folder, database=None, trust_loopback=False, mail_url=None, env=None):
    """Starts `renkei serve --demo` on `database` (by default a new SQLite file in `folder`), mail
    written as files to `folder`/mail (or sent to `mail_url`), and waits until it answers. With `trust_loopback`, each
    request may name a client of its own (X-Forwarded-For), so per-client limits do not stop a
    run. `env` adds to the server's environment. Returns (server process, its environment, the demo entry point's code, the consent
    version)."""
    env = dict(os.environ, RENKEI_BIND=f"127.0.0.1:{port}",
               RENKEI_DATABASE_URL=database or f"sqlite://{folder}/r.db?mode=rwc",
               RENKEI_MAIL_URL=mail_url or f"file://{folder}/mail", RENKEI_LOG="warn",
               RENKEI_PUBLIC_URL=f"http://localhost:{port}", **(env or {}))
    if trust_loopback:
        env["RENKEI_TRUSTED_PROXIES"] = "127.0.0.1"
    server = subprocess.Popen([bin, "serve", "--demo"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{port}/api"
    for _ in range(300):
        try:
            urllib.request.urlopen(api + "/health")
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.terminate()
        sys.exit("the server did not answer within 30 s")
    listing = subprocess.run([bin, "admin", "entry-point", "list", "--network", "demo", "--json"], env=env,
                             capture_output=True, check=True)
    entry = json.loads(listing.stdout)[0]["code"]
    with urllib.request.urlopen(api + "/networks/demo/consent") as r:
        version = json.loads(r.read())["version"]
    return server, env, entry, version


def code_for(mail_dir, to):
    """The six-digit code in the newest mail to `to` (waiting up to 3 s for it)."""
    for _ in range(300):
        for f in sorted(glob.glob(os.path.join(mail_dir, "*.eml")), key=os.path.getmtime, reverse=True):
            m = email.message_from_binary_file(open(f, "rb"))
            if to in m["To"]:
                text = m.get_payload(decode=True).decode()
                found = re.search(r"\b(\d{6})\b", text)
                if found:
                    return found.group(1)
        time.sleep(0.01)
    sys.exit(f"no code mail for {to}")


def cpu_seconds(pid):
    """User + system CPU time of a process so far."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss(pid, field="VmRSS"):
    """A memory figure of a process from /proc (VmRSS, or VmHWM for its peak), in MiB."""
    return int(next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith(field))) // 1024


def mail_code(raw):
    """(recipient, six-digit code or None) of a mail written as an .eml file; None while it is
    still being written."""
    m = email.message_from_bytes(raw)
    try:
        text = m.get_payload(decode=True).decode()
    except (AttributeError, UnicodeDecodeError):
        return None
    if "renkei" not in text:
        return None
    found = re.search(r"\b(\d{6})\b", text)
    return (m["To"] or "").strip("<> "), found.group(1) if found else None


KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"


def person(i):
    """The i-th made-up person's reading, birth date and sex, spread as in a real catchment: in a
    million people about 30 share a birth date, and their readings seldom collide. (Thousands with one
    reading and birth date make identity resolution's candidates grow with every registration, which
    no real network sees.)"""
    k = len(KANA)
    kana = f"ケンショウ {KANA[i % k]}{KANA[(i // k) % k]}{KANA[(i // k // k) % k]}"
    born = date(1930, 1, 1) + timedelta(days=(i * 7919) % 27000)
    return kana, born.isoformat(), "female" if i % 2 else "male"


def issue_key(bin, env, facility):
    """A new API key for a demo facility (`renkei admin facility key create`)."""
    out = subprocess.run([bin, "admin", "facility", "key", "create", "--facility", facility, "--label", "bench"],
                         env=env, capture_output=True, check=True, text=True).stdout
    words = [w for w in out.split() if w.startswith("rkf_")]
    if not words:
        sys.exit(f"no key in the output of `key create` for {facility}: {out}")
    return max(words, key=len)  # the key itself; the shorter word is its prefix


def run_together(threads):
    """Starts the threads at once, waits for all; the seconds it took."""
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started


def pct(v, q):
    """Nearest-rank percentile of sorted values."""
    return v[max(0, math.ceil(q * len(v)) - 1)]
