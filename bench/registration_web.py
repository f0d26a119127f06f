"""Registering from a poster to one's own page on a slow phone, typed at two characters a second.

Runs the web app's timed browser test (pwa/e2e/registration.spec.ts, "timed: ...") BENCH_RUNS
times in Debian's Chromium with RENKEI_E2E_SLOW_PHONE=1: slow 4G (150 ms each way, 1.6 Mbit/s
down) and a CPU four times slower, on a 360-pixel-wide phone. Each run opens the poster's page,
agrees, types the details (a new person each run), reads the emailed code, types it, makes a
passkey and opens the person's own page. The ceiling, in the same run: the typing alone (the
characters typed, at two a second); what is left is the app's share (page loads, requests, each
keystroke's work) and the test's own taps.

    python3 bench/registration_web.py      # BENCH_RUNS=5 by default
"""
import json
import os
import re
import statistics
import subprocess
import sys

from common import ROOT, binary, japanese_fonts

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
PWA = os.path.join(ROOT, "pwa")
LAPS = re.compile(r"registration laps: (\{.*\})")
LINE = re.compile(r"registration at 2 characters per second: ([\d.]+) s .* \((\d+) characters typed\)")


def main():
    japanese_fonts()
    if not os.path.isdir(os.path.join(PWA, "node_modules")):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PWA, check=True)
    subprocess.run(["npm", "run", "build"], cwd=PWA, check=True, capture_output=True)
    env = dict(os.environ, RENKEI_BIN=os.path.abspath(binary()), RENKEI_E2E_SLOW_PHONE="1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1")
    totals, floors, steps = [], [], []
    for i in range(RUNS):
        out = subprocess.run(["npx", "playwright", "test", "registration.spec.ts", "-g", "timed", "--reporter=line"],
                             cwd=PWA, env=env, capture_output=True, text=True)
        found = LINE.search(out.stdout)
        if out.returncode != 0 or not found:
            print(out.stdout[-3000:], out.stderr[-2000:])
            sys.exit(f"run {i + 1} failed")
        seconds, typed = float(found.group(1)), int(found.group(2))
        totals.append(seconds)
        floors.append(typed / 2)
        laps = json.loads(LAPS.search(out.stdout).group(1))
        ends = list(laps.items())
        steps.append({name: end - (ends[k - 1][1] if k else 0) for k, (name, end) in enumerate(ends)})
        print(f"run {i + 1}: {seconds:.1f} s, {typed} characters ({typed / 2:.1f} s of typing)")
    total, floor = statistics.median(totals), statistics.median(floors)
    over = statistics.median([t - f for t, f in zip(totals, floors)])
    ratio = statistics.median([t / f for t, f in zip(totals, floors)])
    print(f"\nmedian of {RUNS}: {total:.1f} s from the poster to the person's own page; typing alone "
          f"{floor:.1f} s; the rest {over:.1f} s; ratio to typing alone {ratio:.2f}")
    # Each step, from the end of the one before: "typed" and "confirmed" include the typing.
    print("median per step: " + ", ".join(
        f"{name} {statistics.median(run[name] for run in steps):.2f} s" for name in steps[0]))


if __name__ == "__main__":
    sys.exit(main())
