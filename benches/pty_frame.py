#!/usr/bin/env python3
"""Time to first frame and key-to-frame latency of a terminal program, on a
real pseudo-terminal, as a person would see them.

The program runs on a pty of the given size; everything it writes is fed to
a terminal emulator (pyte), and a frame counts as shown when the emulated
screen holds the text asked for. The time is taken when the bytes that
completed it were read, so the emulator's own cost is not counted.

  pty_frame.py first-frame --size 120x40 --until 'q stop' [--runs 7] -- CMD...
  pty_frame.py keys --size 200x60 --ready SPREEKT --setup '] ] ] w Enter Enter' \
      --toggle ' ' PAUZE SPREEKT --runs 40 -- CMD...

`first-frame` starts the program `--runs` times and prints each time from
fork to the first screen holding the `--until` text. `keys` starts it once,
sends the `--setup` keys (space-separated names, 0.25 s apart), waits for
`--ready`, then sends `--toggle KEY A B` `--runs` times, each time waiting
for the screen to show A, then B, alternately, and prints each latency
(`!TEXT`: until the screen no longer shows TEXT). With `--wait-file F`, the
keys wait after the setup until F exists (benches/serve_frame.sh: the SSE
clients connected).
The output is one JSON object on stdout.
"""

import argparse
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time

try:
    import pyte
except ImportError:  # the script installs what it needs, like the peers
    import subprocess

    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "pyte"])
    import pyte

KEYS = {"Enter": "\r", "Esc": "\x1b", "Tab": "\t", "Space": " "}


def spawn(cmd, cols, rows, env_extra):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        env.update(env_extra)
        try:
            os.execvpe(cmd[0], cmd, env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


class Screen:
    def __init__(self, cols, rows):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)

    def feed(self, data):
        self.stream.feed(data)

    def holds(self, text):
        """The screen shows `text`; with a leading `!`, it no longer does."""
        if text.startswith("!"):
            return not any(text[1:] in line for line in self.screen.display)
        return any(text in line for line in self.screen.display)


def read_until(fd, screen, text, deadline):
    """Read until the screen holds `text`; return the time the completing
    bytes were read, or None at the deadline."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            return None
        at = time.monotonic()
        if not data:
            return None
        screen.feed(data)
        if screen.holds(text):
            return at


def drain(fd, screen, secs):
    end = time.monotonic() + secs
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return
            if not data:
                return
            screen.feed(data)


def stop(pid, fd):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)


def dump(screen):
    return "\n".join(line.rstrip() for line in screen.screen.display)


def first_frame(args, cols, rows):
    times = []
    for _ in range(args.runs):
        if args.before:
            os.system(args.before)
        screen = Screen(cols, rows)
        t0 = time.monotonic()
        pid, fd = spawn(args.cmd, cols, rows, {})
        at = read_until(fd, screen, args.until, t0 + args.timeout)
        stop(pid, fd)
        if at is None:
            sys.exit(f"no frame with {args.until!r} within {args.timeout} s:\n{dump(screen)}")
        times.append((at - t0) * 1000)
    return times


def keys(args, cols, rows):
    screen = Screen(cols, rows)
    pid, fd = spawn(args.cmd, cols, rows, {})
    try:
        drain(fd, screen, 1.0)
        for k in args.setup.split():
            os.write(fd, KEYS.get(k, k).encode())
            drain(fd, screen, 0.25)
        if read_until(fd, screen, args.ready, time.monotonic() + 5) is None and not screen.holds(args.ready):
            sys.exit(f"not ready ({args.ready!r}):\n{dump(screen)}")
        if args.wait_file:
            end = time.monotonic() + 60
            while not os.path.exists(args.wait_file):
                if time.monotonic() > end:
                    sys.exit(f"no {args.wait_file} within 60 s")
                drain(fd, screen, 0.1)
            drain(fd, screen, 1.0)
        key, first, second = args.toggle
        key = KEYS.get(key, key).encode()
        times = []
        for i in range(args.runs):
            want = first if i % 2 == 0 else second
            # Let the screen settle, away from a second boundary's redraw.
            drain(fd, screen, 0.15)
            t0 = time.monotonic()
            os.write(fd, key)
            at = read_until(fd, screen, want, t0 + 5)
            if at is None:
                sys.exit(f"no {want!r} within 5 s after a key:\n{dump(screen)}")
            times.append((at - t0) * 1000)
        return times
    finally:
        stop(pid, fd)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["first-frame", "keys"])
    p.add_argument("--size", default="120x40")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--until", help="first-frame: the text that marks a whole frame")
    p.add_argument("--before", help="first-frame: a shell command run before each start")
    p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--setup", default="", help="keys: keys sent first, space-separated")
    p.add_argument("--ready", help="keys: the text that says the setup is done")
    p.add_argument("--toggle", nargs=3, metavar=("KEY", "A", "B"))
    p.add_argument("--wait-file", help="keys: after the setup, wait until this file exists "
                   "(e.g. written by clients connecting to the program)")
    argv = sys.argv[1:]
    if "--" not in argv:
        p.error("no command: put it after --")
    cut = argv.index("--")
    args = p.parse_args(argv[:cut])
    args.cmd = argv[cut + 1:]
    if not args.cmd:
        p.error("no command after --")
    cols, rows = (int(x) for x in args.size.split("x"))
    times = first_frame(args, cols, rows) if args.mode == "first-frame" else keys(args, cols, rows)
    s = sorted(times)
    print(json.dumps({
        "mode": args.mode,
        "size": args.size,
        "runs": len(times),
        "median_ms": round(statistics.median(s), 2),
        "min_ms": round(s[0], 2),
        "p90_ms": round(s[int(0.9 * (len(s) - 1))], 2),
        "max_ms": round(s[-1], 2),
        "all_ms": [round(t, 2) for t in times],
    }))


if __name__ == "__main__":
    main()
