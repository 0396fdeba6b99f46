#!/usr/bin/env bash
# Time to first frame, key-to-frame latency and export of the large journal
# (issue 8), on the release binary and a real pseudo-terminal
# (benches/pty_frame.py: the output goes through a terminal emulator, and a
# frame counts when the emulated screen shows it).
#
#   first frame, seed session, 120x40 (a fresh journal each run)  < 100 ms
#   first frame, 1,000 items, 50 factions, 100,000-event journal  < 500 ms
#   key to frame at 200x60: Space (pause/resume: a journal write with
#     sync_data, then the frame) and ? (the help overlay, no write)
#   hamer export of the 100,000-event journal (Markdown, whole process)
#
# Usage: benches/startup.sh [RUNS]     (default 9; medians reported)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
command -v python3 >/dev/null || { echo "python3 is needed"; exit 2; }

cargo build --release --quiet
bin=$PWD/target/release/hamer
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp sessions/2023-03-08-datagedreven-sturing.ron sessions/hengelo-2022-2026.ron "$work/"
seed=2023-03-08-datagedreven-sturing.ron
cargo bench --quiet --bench large -- "$work/large" >/dev/null
root=$PWD
pty() { python3 "$root/benches/pty_frame.py" "$@"; }
median() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

cd "$work"
# The status line's last words are the frame's last cells.
seed_ff=$(pty first-frame --size 120x40 --runs "$runs" --until opgeslagen \
    --before "rm -f $work/*.journal*" -- "$bin" run "$seed")
cd "$work/large"
large_ff=$(pty first-frame --size 120x40 --runs "$runs" --until opgeslagen -- "$bin" run large.ron)
cd "$work"
rm -f ./*.journal*
pause=$(pty keys --size 200x60 --runs 40 --setup 'o ] ] ] w Enter Enter' --ready SPREEKT \
    --toggle Space PAUZE SPREEKT -- "$bin" run "$seed")
# A new journal again: the setup keys assume a session not yet opened.
rm -f ./*.journal*
help=$(pty keys --size 200x60 --runs 40 --setup 'o ] ] ] w Enter Enter' --ready SPREEKT \
    --toggle '?' 'Toetsen' '!Toetsen' -- "$bin" run "$seed")

# Export: whole process, the median of RUNS.
export_ms=$(python3 - "$bin" "$work/large/large.ron" "$runs" <<'EOF'
import statistics, subprocess, sys, time
bin, session, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = []
for i in range(runs + 1):
    t = time.monotonic()
    subprocess.run([bin, "export", session, "--format", "md", "--output", "/dev/null"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if i:  # the first run warms the page cache
        times.append((time.monotonic() - t) * 1000)
print(round(statistics.median(times), 1))
EOF
)

fmt() { printf '| %s | %s ms | %s ms | %s ms | %s |\n' "$1" "$(median "$2" median_ms)" "$(median "$2" min_ms)" "$(median "$2" max_ms)" "$3"; }
echo "| what | median | min | max | target |"
echo "| --- | --- | --- | --- | --- |"
fmt "first frame, seed session, 120x40 ($runs runs)" "$seed_ff" "< 100 ms"
fmt "first frame, 1,000 items, 50 factions, 100,000 events ($runs runs)" "$large_ff" "< 500 ms"
fmt "key to frame, Space (journal write + sync), 200x60 (40 keys)" "$pause" ""
fmt "key to frame, ? (help, no write), 200x60 (40 keys)" "$help" ""
echo "| hamer export, 100,000-event journal, Markdown (median of $runs) | $export_ms ms | | | < 1 s |"

python3 - "$(median "$seed_ff" median_ms)" "$(median "$large_ff" median_ms)" <<'EOF'
import sys
seed, large = float(sys.argv[1]), float(sys.argv[2])
ok = seed < 100 and large < 500
print("ok" if ok else "MISS")
sys.exit(0 if ok else 1)
EOF
