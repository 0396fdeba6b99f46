#!/usr/bin/env bash
# A key on the leader to the clerk's screen, over loopback (issue 15):
# `hamer run --serve 127.0.0.1:0` and `hamer join CLERK_URL`, each on a pty
# of its own, the pause key (Space) on the leader RUNS times, timed until
# the clerk's emulated screen shows the change (benches/serve_latency.py,
# which also times the journal's and the replica's writes by inotify).
# Target: p99 under 50 ms.
#
# Usage: benches/serve_latency.sh [RUNS] [COLSxROWS]   (default 200 120x40)
# TMPDIR=/dev/shm: the journal and the replica on tmpfs (fsync costs nothing:
# the path without the disk).
# HAMER_BIN: measure that binary instead of building this tree's.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
size=${2:-120x40}
command -v python3 >/dev/null || { echo "python3 is needed"; exit 2; }
if [ -z "${HAMER_BIN:-}" ]; then cargo build --release --quiet; fi
bin=${HAMER_BIN:-$PWD/target/release/hamer}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp sessions/2023-03-08-datagedreven-sturing.ron sessions/hengelo-2022-2026.ron "$work/"
# Both ends fsync on the path (the leader's journal, then the clerk's
# replica): first what the disk gives a small fdatasync now, without hamer.
echo "the disk under $work now: $(python3 benches/fsync_probe.py "$work")"
out=$(python3 benches/serve_latency.py --bin "$bin" --dir "$work" \
    --session 2023-03-08-datagedreven-sturing.ron --runs "$runs" --size "$size")
# SERVE_LATENCY_JSON=FILE: keep the whole result, each key's parts too.
if [ -n "${SERVE_LATENCY_JSON:-}" ]; then printf '%s\n' "$out" >"$SERVE_LATENCY_JSON"; fi
python3 - "$out" <<'EOF'
import json, sys
r = json.loads(sys.argv[1])
print(f"key on the leader to the clerk's screen, loopback, {r['size']}, {r['runs']} keys (Space: pause / resume)")
print("| span | p50 | p90 | p99 | min | max |")
print("| --- | --- | --- | --- | --- | --- |")
for key, name in [("key_to_clerk_screen_ms", "key -> clerk's screen (total)"),
                  ("key_to_journal_write_ms", "key -> leader's journal write"),
                  ("journal_to_replica_write_ms", "journal write -> clerk's replica write"),
                  ("replica_write_to_clerk_screen_ms", "replica write -> clerk's screen")]:
    s = r[key]
    print(f"| {name} | {s['p50']} ms | {s['p90']} ms | {s['p99']} ms | {s['min']} ms | {s['max']} ms |")
print(f"largest emulator step between two reads (timestamp error bound): {r['emulator_feed_max_ms']} ms")
p99 = r["key_to_clerk_screen_ms"]["p99"]
print("ok (p99 under 50 ms)" if p99 < 50 else "MISS (p99 at or over 50 ms)")
sys.exit(0 if p99 < 50 else 1)
EOF
