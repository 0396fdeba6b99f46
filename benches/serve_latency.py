#!/usr/bin/env python3
"""Key on the leader to the clerk's screen, over loopback (issue 15).

Runs the chair's `hamer run SESSION --serve 127.0.0.1:0 --tokens LINKS` and
a clerk's `hamer join CLERK_URL --replica R` each on a real pseudo-terminal
of its own, starts a speaker on the leader (so the clerk's view shows the
chair's timers on top), then sends the pause key (Space) on the leader
--runs times, each time waiting until the clerk's screen, as a terminal
emulator (pyte) shows it, reads PAUZE, then no longer does (resumed).

Timed, all on one clock (time.monotonic), in this one process:
  t_key      the key written to the leader's pty
  t_journal  the leader's write to its journal (inotify IN_MODIFY)
  t_replica  the clerk's write to its replica (inotify IN_MODIFY)
  t_screen   the read of the clerk's pty bytes that completed the change
             on the emulated screen (the emulator's own cost not counted)
and prints one JSON object: total (key -> clerk's screen) and its three
parts, p50/p90/p99/max, with the largest time this loop spent in the
emulator between two reads (a bound on how late a timestamp can be; the
leader's output is read and thrown away while measuring, not emulated).

  serve_latency.py --bin target/release/hamer --dir WORK --session SEED \
      [--runs 200] [--size 120x40]
"""

import argparse
import ctypes
import ctypes.util
import fcntl
import json
import os
import pty
import random
import select
import signal
import struct
import sys
import termios
import time

try:
    import pyte
except ImportError:
    import subprocess

    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "pyte"])
    import pyte

IN_MODIFY = 0x2
libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


class Inotify:
    def __init__(self):
        self.fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        self.names = {}

    def watch(self, path, name):
        wd = libc.inotify_add_watch(self.fd, os.fsencode(path), IN_MODIFY)
        if wd < 0:
            raise OSError(ctypes.get_errno(), f"inotify_add_watch {path}")
        self.names[wd] = name

    def read(self):
        """The names of the files modified, from what is queued."""
        out = []
        try:
            buf = os.read(self.fd, 65536)
        except BlockingIOError:
            return out
        i = 0
        while i + 16 <= len(buf):
            wd, _mask, _cookie, ln = struct.unpack_from("iIII", buf, i)
            out.append(self.names.get(wd))
            i += 16 + ln
        return out


def spawn(cmd, cols, rows, env_extra, cwd):
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        env.update(env_extra)
        try:
            os.execvpe(cmd[0], cmd, env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


class Term:
    def __init__(self, name, fd, cols, rows):
        self.name, self.fd = name, fd
        self.screen = pyte.Screen(cols, rows)
        # Muted: what it writes is read and thrown away, so the emulator's
        # work on it cannot delay a read of the other terminal.
        self.mute = False
        self.stream = pyte.ByteStream(self.screen)

    def holds(self, text):
        if text.startswith("!"):
            return not any(text[1:] in line for line in self.screen.display)
        return any(text in line for line in self.screen.display)

    def dump(self):
        return "\n".join(line.rstrip() for line in self.screen.display)


class Rig:
    def __init__(self, terms, ino):
        self.terms = {t.fd: t for t in terms}
        self.ino = ino
        self.feed_max = 0.0
        self.files = []  # (name, time) of inotify events since the last clear

    def pump(self, until, deadline, watch=None, want=None):
        """Read everything that comes until `until()` holds or the deadline.
        With `watch` (a Term) and `want` (a text): return the time of the
        read that made `watch` hold `want`."""
        fds = list(self.terms) + [self.ino.fd]
        while True:
            if until():
                return None
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select(fds, [], [], left)
            # The files' events first, so that one queued before a
            # terminal's bytes is stamped before them.
            at = time.monotonic()
            for name in self.ino.read():
                self.files.append((name, at))
            for fd in ready:
                if fd == self.ino.fd:
                    continue
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b""
                at = time.monotonic()
                term = self.terms[fd]
                if not data:
                    sys.exit(f"{term.name} ended:\n{term.dump()}")
                if term.mute:
                    continue
                term.stream.feed(data)
                self.feed_max = max(self.feed_max, time.monotonic() - at)
                if watch is term and term.holds(want):
                    return at

    def settle(self, secs):
        end = time.monotonic() + secs
        self.pump(lambda: False, end)

    def wait_for(self, term, text, secs=10):
        self.pump(lambda: term.holds(text), time.monotonic() + secs)
        if not term.holds(text):
            sys.exit(f"{term.name}: no {text!r} within {secs} s:\n{term.dump()}")


def pct(sorted_ms, q):
    return round(sorted_ms[min(len(sorted_ms) - 1, int(round(q * (len(sorted_ms) - 1))))], 2)


def summary(ms):
    s = sorted(ms)
    return {"p50": pct(s, 0.5), "p90": pct(s, 0.9), "p99": pct(s, 0.99), "min": round(s[0], 2), "max": round(s[-1], 2)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", required=True)
    p.add_argument("--dir", required=True, help="a folder holding the session and its council")
    p.add_argument("--session", required=True)
    p.add_argument("--runs", type=int, default=200)
    p.add_argument("--size", default="120x40")
    args = p.parse_args()
    cols, rows = (int(x) for x in args.size.split("x"))
    work = os.path.abspath(args.dir)
    links = os.path.join(work, "links")
    replica_dir = os.path.join(work, "clerk")
    os.makedirs(replica_dir, exist_ok=True)
    replica = os.path.join(replica_dir, "replica.journal")
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    pids = []
    try:
        lpid, lfd = spawn([args.bin, "run", args.session, "--serve", "127.0.0.1:0", "--tokens", links],
                          cols, rows, {"HOME": home}, work)
        pids.append(lpid)
        leader = Term("leader", lfd, cols, rows)
        ino = Inotify()
        rig = Rig([leader], ino)
        end = time.monotonic() + 10
        while not os.path.exists(links) or "display" not in open(links).read():
            rig.settle(0.05)
            if time.monotonic() > end:
                sys.exit(f"no links written:\n{leader.dump()}")
        roles = dict(line.split(" ", 1) for line in open(links).read().splitlines())
        journal = [os.path.join(work, f) for f in os.listdir(work) if f.endswith(".journal")]
        if len(journal) != 1:
            sys.exit(f"journals in {work}: {journal}")
        cpid, cfd = spawn([args.bin, "join", roles["clerk"].strip(), "--replica", replica],
                          cols, rows, {"HOME": home}, work)
        pids.append(cpid)
        clerk = Term("clerk", cfd, cols, rows)
        rig = Rig([leader, clerk], ino)
        rig.wait_for(clerk, "verbonden")
        for k in "] ] ] w \r \r".split(" "):
            os.write(lfd, k.encode())
            rig.settle(0.25)
        rig.wait_for(leader, "SPREEKT")
        rig.wait_for(clerk, "SPREEKT")
        ino.watch(journal[0], "journal")
        ino.watch(replica, "replica")
        rig.settle(0.5)
        leader.mute = True
        rig.feed_max = 0.0
        rows_out = []
        for i in range(args.runs):
            want = "PAUZE" if i % 2 == 0 else "!PAUZE"
            # Keys at every phase of the second, not only after a redraw.
            rig.settle(0.12 + random.random() * 0.2)
            rig.files.clear()
            t_key = time.monotonic()
            os.write(lfd, b" ")
            t_screen = rig.pump(lambda: False, t_key + 5, watch=clerk, want=want)
            if t_screen is None:
                sys.exit(f"run {i}: the clerk shows no {want!r} within 5 s:\n{clerk.dump()}")
            # The replica's write may be seen by inotify in the same select
            # as the clerk's bytes: take what is queued.
            for name in ino.read():
                rig.files.append((name, time.monotonic()))
            tj = next((t for n, t in rig.files if n == "journal"), None)
            tr = next((t for n, t in rig.files if n == "replica"), None)
            if tj is None or tr is None:
                sys.exit(f"run {i}: no journal or replica write seen ({rig.files})")
            rows_out.append(((t_screen - t_key) * 1e3, (tj - t_key) * 1e3, (tr - tj) * 1e3, (t_screen - tr) * 1e3))
        total = [r[0] for r in rows_out]
        print(json.dumps({
            "runs": len(rows_out),
            "size": args.size,
            "key_to_clerk_screen_ms": summary(total),
            "key_to_journal_write_ms": summary([r[1] for r in rows_out]),
            "journal_to_replica_write_ms": summary([r[2] for r in rows_out]),
            "replica_write_to_clerk_screen_ms": summary([r[3] for r in rows_out]),
            "emulator_feed_max_ms": round(rig.feed_max * 1e3, 2),
            "all_ms": [round(t, 2) for t in total],
            # Each key: [total, key -> journal, journal -> replica, replica -> screen].
            "parts_ms": [[round(x, 2) for x in r] for r in rows_out],
        }))
    finally:
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass


if __name__ == "__main__":
    main()
