"""The page a poster's QR code opens (`/r/{code}`), as a phone on a slow network meets it.

Starts `renkei serve --demo` on a temporary database and runs Lighthouse (bench/web, in Debian's
Chromium) against the demo entry point's page, cold each time, on a 360×640 phone with four times
slower CPU and slow 4G: BENCH_RUNS times with Lighthouse's simulated throttling (its mobile
performance score and metrics) and BENCH_RUNS times with the throttling applied to the real browser
(what was observed, including when the consent's agree button was first shown). The ceiling, in the
same run and through the same throttling: a bare HTML page with the same heading and no script,
served from loopback. Prints medians.

    python3 bench/poster.py          # BENCH_RUNS=5, BENCH_PORT=18187 by default
"""
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading

from common import ROOT, binary, japanese_fonts, start_demo

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
PORT = int(os.environ.get("BENCH_PORT", "18187"))
WEB = os.path.join(ROOT, "bench", "web")

BARE = """<!doctype html><html lang="ja"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>連携ネット</title></head>
<body><main><h1>連携ネット（デモ）</h1><p>地域の医療・介護の情報共有ネットワークへの参加登録です。</p></main></body></html>
"""


def lighthouse(url, method):
    out = subprocess.run(["node", os.path.join(WEB, "lighthouse.mjs"), url, method], cwd=WEB,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bare_page(folder):
    """Serves BARE on a free loopback port; returns its URL."""
    with open(os.path.join(folder, "index.html"), "w", encoding="utf-8") as f:
        f.write(BARE)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=folder, **k)

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://localhost:{server.server_address[1]}/index.html"


def median(runs, key):
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def main():
    japanese_fonts()
    if not os.path.isdir(os.path.join(WEB, "node_modules")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=WEB, check=True)
    if not os.path.exists(os.path.join(ROOT, "pwa", "dist", "index.html")):
        subprocess.run(["npm", "run", "build"], cwd=os.path.join(ROOT, "pwa"), check=True)
    bin = binary()
    with tempfile.TemporaryDirectory() as folder:
        bare_dir = os.path.join(folder, "bare")
        os.mkdir(bare_dir)
        bare = bare_page(bare_dir)
        server, _env, entry, _version = start_demo(bin, PORT, folder)
        try:
            url = f"http://localhost:{PORT}/r/{entry.replace('-', '')}"
            print(f"{url}, {RUNS} cold runs each, 360x640, CPU x4, slow 4G (150 ms, 1.6 Mbit/s)")
            for method in ("simulate", "devtools"):
                runs = [lighthouse(url, method) for _ in range(RUNS)]
                floor = [r for r in (lighthouse(bare, method) for _ in range(RUNS)) if not r["failed"]]
                # A run Lighthouse could not score (it says why) is counted, not averaged in.
                page = [r for r in runs if not r["failed"]]
                failed = [r["failed"] for r in runs if r["failed"]]
                for run in page:
                    run["agree"] = run["marks"].get("renkei:agree-shown")
                lcp, floor_lcp = median(page, "lcp"), median(floor, "lcp")
                print(f"\n{method} (medians of {len(page)}"
                      + (f"; {len(failed)} run(s) Lighthouse could not score: {', '.join(failed)}" if failed else "")
                      + "):")
                print(f"  performance score        {median(page, 'score'):.0f}   "
                      f"(runs: {', '.join(str(r['score']) for r in page)})")
                print(f"  first contentful paint   {median(page, 'fcp'):7.0f} ms")
                print(f"  largest contentful paint {lcp:7.0f} ms   bare page {floor_lcp:.0f} ms, "
                      f"ratio {lcp / floor_lcp:.2f}")
                print(f"  cumulative layout shift  {median(page, 'cls'):7.3f}")
                print(f"  total blocking time      {median(page, 'tbt'):7.0f} ms")
                print(f"  speed index              {median(page, 'si'):7.0f} ms")
                agree = median(page, "agree")
                if agree is not None:
                    print(f"  agree button shown at    {agree:7.0f} ms   (user timing; observed only)")
                print(f"  script transferred       {median(page, 'scriptBytes'):7.0f} bytes in "
                      f"{median(page, 'scripts'):.0f} files")
                print(f"  API requests             {median(page, 'apiRequests'):7.0f}")
                print(f"  requests in all          {median(page, 'requests'):7.0f}")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
