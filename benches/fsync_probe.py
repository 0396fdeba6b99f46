#!/usr/bin/env python3
"""What the disk under a folder gives a small append's fdatasync right now,
without hamer: the journal's and the replica's writes pay this each.

  fsync_probe.py DIR [COUNT]     (default 100, 20 ms apart)
"""
import os
import sys
import time

path = os.path.join(sys.argv[1], "fsync-probe")
count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
f = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
ts = []
try:
    for _ in range(count):
        os.write(f, b"x" * 200 + b"\n")
        t = time.monotonic()
        os.fdatasync(f)
        ts.append((time.monotonic() - t) * 1e3)
        time.sleep(0.02)
finally:
    os.close(f)
    os.unlink(path)
s = sorted(ts)
q = lambda p: s[min(len(s) - 1, int(round(p * (len(s) - 1))))]
print(f"fdatasync of a 201-byte append, {count} times: p50 {q(0.5):.2f} ms, "
      f"p99 {q(0.99):.2f} ms, max {s[-1]:.2f} ms")
