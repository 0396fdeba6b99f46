#!/usr/bin/env python3
"""A real soak of the chair's screen (issue 8): `hamer run` (release) in a
tmux pane of 120x40 on a copy of the seed session for MINUTES minutes
(default 30), a new speaker every minute (alternately an inspreker with a
5-minute countdown and the alderman, whose time counts up).

Around every second boundary of the running speech and of the session
clock the pane is captured twice: 50 ms before (the old second must still
show) and 50 ms after (the new second must show). The truth is computed
from the wall clock and the event timestamps in the journal, not from the
program, so a timer that drifts, lags or redraws late fails. Resident
memory is read every minute and must stay flat.

Usage: scripts/soak-real.py [MINUTES]     (after `cargo build --release`)
Exit code 0 when every sample was right and memory grew under 1 MiB.
"""

import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("HAMER_BIN") or os.path.join(ROOT, "target", "release", "hamer")
SEED = "2023-03-08-datagedreven-sturing.ron"
SERVER = f"hamer-soak-{os.getpid()}"
SLACK_MS = 50
DURATION_MIN = 60  # the seed session's slot
INSPREKER_LIMIT_S = 300

SPEECH = re.compile(r"SPREEKT\s+(?:nog\s+)?(\+?\d+:\d\d)")
SESSION = re.compile(r"^(\d+:\d\d) LOOPT")


def tm(*args):
    return subprocess.run(["tmux", "-L", SERVER, "-f", "/dev/null", *args],
                          check=True, capture_output=True, text=True).stdout


def keys(*ks, literal=False):
    for k in ks:
        if literal:
            tm("send-keys", "-t", "soak", "-l", k)
        else:
            tm("send-keys", "-t", "soak", k)
        time.sleep(0.15)


def wall_ms():
    return time.time_ns() // 1_000_000


def ts_ms(text):
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def journal_times(journal):
    """(session opened at, last speech started at) in ms since the epoch."""
    opened = started = None
    with open(journal, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'\(seq:\d+,at:"([^"]+)",event:(\w+)', line)
            if not m:
                continue
            if m.group(2) in ("SessionOpened", "SessionStarted"):
                opened = ts_ms(m.group(1))
            elif m.group(2) == "SpeechStarted":
                started = ts_ms(m.group(1))
    return opened, started


def mmss(s):
    return f"{s // 60}:{s % 60:02d}"


def expected(kind, start, at):
    """What a timer that began at `start` must show at wall time `at`."""
    k = (at - start) // 1000
    if kind == "countdown":
        left = INSPREKER_LIMIT_S - k
        return mmss(left) if left > 0 else "+" + mmss(-left)
    if kind == "session":
        return mmss(DURATION_MIN * 60 - k)
    return mmss(k)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    minutes = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    work = tempfile.mkdtemp(prefix="hamer-soak-")
    for f in (SEED, "hengelo-2022-2026.ron"):
        shutil.copy(os.path.join(ROOT, "sessions", f), work)
    journal = os.path.join(work, SEED.replace(".ron", ".journal"))
    tm("new-session", "-d", "-s", "soak", "-x", "120", "-y", "40", "-c", work,
       f"exec env TERM=xterm-256color {BIN} run {SEED}")
    try:
        return soak(minutes, journal)
    finally:
        subprocess.run(["tmux", "-L", SERVER, "kill-server"], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


def soak(minutes, journal):
    time.sleep(1)
    pid = int(tm("list-panes", "-t", "soak", "-F", "#{pane_pid}").strip())
    keys("o", "]", "]", "]")  # open; to the item for insprekers
    samples = wrong = 0
    worst = []
    rss = []
    end = time.monotonic() + minutes * 60
    turn = 0
    while time.monotonic() < end:
        if turn > 0:
            keys("x")
        if turn % 2 == 0:
            keys("p", "Enter")
            keys(f"Inspreker {turn + 1}", literal=True)
            keys("Enter", "Enter")
            kind = "countdown"
        else:
            keys("w", "Enter", "Enter")
            kind = "elapsed"
        time.sleep(0.3)
        opened, started = journal_times(journal)
        rss.append(rss_kib(pid))
        turn_end = started + 60_000
        # Every second boundary of both timers in this minute.
        bounds = sorted(
            [(started + k * 1000, "speech") for k in range(1, 60)]
            + [(b, "session") for b in range(opened + ((started - opened) // 1000 + 1) * 1000, turn_end - 500, 1000)]
        )
        for b, which in bounds:
            for offset in (-SLACK_MS, SLACK_MS):
                at = b + offset
                delay = (at - wall_ms()) / 1000
                if delay < 0:
                    continue  # the previous sample ran late; skip rather than lie
                time.sleep(delay)
                t0 = wall_ms()
                screen = tm("capture-pane", "-p", "-t", "soak")
                t1 = wall_ms()
                m_speech = SPEECH.search(screen)
                m_session = next((SESSION.match(l) for l in screen.splitlines() if SESSION.match(l)), None)
                shown = m_speech.group(1) if m_speech else None
                start, k = (started, kind) if which == "speech" else (opened, "session")
                if which == "session":
                    shown = m_session.group(1) if m_session else None
                # Right when it equals the truth at some moment within
                # SLACK_MS before the capture began, up to its end.
                ok_values = {expected(k, start, t) for t in range(t0 - SLACK_MS, t1 + 1)}
                samples += 1
                if shown not in ok_values:
                    wrong += 1
                    if len(worst) < 10:
                        worst.append(f"{which} at boundary{offset:+d} ms: shown {shown!r}, "
                                     f"truth {sorted(ok_values)}")
        turn += 1
    rss.append(rss_kib(pid))
    grew = rss[-1] - rss[0]
    print(f"hamer run, 120x40, {minutes} min, {turn} speakers (one a minute)")
    print(f"  samples at second boundaries +-{SLACK_MS} ms: {samples}, wrong: {wrong}")
    for w in worst:
        print("   ", w)
    print(f"  RSS KiB per minute: first {rss[0]}, last {rss[-1]}, max {max(rss)} (grew {grew} KiB)")
    ok = wrong == 0 and grew < 1024 and samples > 0
    print("  ok" if ok else "  FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
