#!/usr/bin/env python3
"""Hold many SSE clients open on a served session (`hamer run --serve`), in
one process: each connects over loopback, sends a GET with the token, and
then reads and throws away what comes, as a room display or a clerk's
stream would, without the cost of a process per client.

  sse_clients.py --links LINKS --display 50 --events 50 [--rate 12] --ready FILE

LINKS is the file `--tokens` wrote (`chair URL`, `clerk URL`, `display
URL`). `/api/display` is asked with the display token, `/api/events` with
the clerk's. Connections are paced at --rate a second (the server allows a
client address 20 requests a second, 100 at once). Once every stream has
answered 200 and sent its first event, the line `ready N` is written to
--ready; then it holds them until killed (TERM) or a stream closes (the
server ended), and writes to stderr how many bytes and events came on each
kind of stream. Exits 1 if a stream is refused, or closes before all are
connected.
"""

import argparse
import selectors
import signal
import socket
import sys
import time
from urllib.parse import urlsplit, parse_qs


def links(path, deadline):
    while True:
        try:
            with open(path) as f:
                text = f.read()
            roles = dict(line.split(" ", 1) for line in text.splitlines() if " " in line)
            if {"clerk", "display"} <= roles.keys():
                return roles
        except FileNotFoundError:
            pass
        if time.monotonic() > deadline:
            sys.exit(f"no links in {path}")
        time.sleep(0.05)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--links", required=True)
    p.add_argument("--display", type=int, default=50)
    p.add_argument("--events", type=int, default=50)
    p.add_argument("--rate", type=float, default=12.0)
    p.add_argument("--ready", required=True)
    p.add_argument("--timeout", type=float, default=30.0)
    args = p.parse_args()
    deadline = time.monotonic() + args.timeout
    roles = links(args.links, deadline)
    wanted = [("/api/display", roles["display"])] * args.display + [("/api/events", roles["clerk"])] * args.events
    sel = selectors.DefaultSelector()
    state = {}  # sock -> [path, bytes, events, started]
    stop = False

    def on_term(*_):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    gap = 1.0 / args.rate
    ready_written = False
    next_at = time.monotonic()
    while not stop:
        now = time.monotonic()
        if wanted and now >= next_at:
            path, url = wanted.pop(0)
            u = urlsplit(url.strip())
            token = parse_qs(u.query)["t"][0]
            s = socket.create_connection((u.hostname, u.port), timeout=5)
            s.sendall(
                f"GET {path} HTTP/1.1\r\nHost: {u.netloc}\r\nAccept: text/event-stream\r\n"
                f"Authorization: Bearer {token}\r\nConnection: keep-alive\r\n\r\n".encode()
            )
            s.setblocking(False)
            sel.register(s, selectors.EVENT_READ)
            state[s] = [path, b"", 0, False]
            next_at = now + gap
        for key, _ in sel.select(timeout=max(0.0, min(0.5, next_at - now)) if wanted else 0.5):
            s = key.fileobj
            try:
                data = s.recv(65536)
            except BlockingIOError:
                continue
            st = state[s]
            if not data:
                # Once all were connected, the leader ending is the end.
                why = f"a stream on {st[0]} closed"
                if not ready_written:
                    sys.exit(why)
                print(f"sse_clients: {why}", file=sys.stderr)
                stop = True
                break
            if not st[3]:
                st[1] += data
                if b"\r\n\r\n" in st[1]:
                    head = st[1].split(b"\r\n", 1)[0]
                    if b" 200 " not in head:
                        sys.exit(f"{st[0]}: {head.decode(errors='replace')}")
                st[2] += data.count(b"\n\n")
                if st[2] >= 1:
                    st[3] = True
                    st[1] = len(st[1])
            else:
                st[1] += len(data)
                st[2] += data.count(b"\n\n")
        if not ready_written and not wanted and all(st[3] for st in state.values()):
            with open(args.ready, "w") as f:
                f.write(f"ready {len(state)}\n")
            ready_written = True
        if not ready_written and time.monotonic() > deadline:
            sys.exit("not all streams answered in time")
    for path in ("/api/display", "/api/events"):
        mine = [st for st in state.values() if st[0] == path]
        total = sum(st[1] if isinstance(st[1], int) else len(st[1]) for st in mine)
        events = sum(st[2] for st in mine)
        print(f"sse_clients: {len(mine)} streams on {path}: {total} bytes, {events} events "
              f"(fewest on one stream: {min((st[2] for st in mine), default=0)})", file=sys.stderr)


if __name__ == "__main__":
    main()
