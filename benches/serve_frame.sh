#!/usr/bin/env bash
# The leader's key to frame while it serves many clients (issue 15): `hamer
# run --serve 127.0.0.1:0` on a real pseudo-terminal (benches/pty_frame.py),
# a speaker running, key to frame at 200x60 for Space (pause/resume: a
# journal write with sync_data, then every stream gets the new record or
# snapshot) and `?` (the help overlay, no write), each 40 keys:
#   - not serving (plain `hamer run`, the same machine and minute);
#   - serving, no client connected;
#   - serving, with N display streams (/api/display) and M clerk streams
#     (/api/events) held open by one process (benches/sse_clients.py).
# Target: under 2 ms with 50 display clients.
#
# Usage: benches/serve_frame.sh [RUNS] [DISPLAYS] [EVENTS]   (default 40 50 50)
# HAMER_BIN: measure that binary instead of building this tree's.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-40}
displays=${2:-50}
events=${3:-50}
command -v python3 >/dev/null || { echo "python3 is needed"; exit 2; }
if [ -z "${HAMER_BIN:-}" ]; then cargo build --release --quiet; fi
bin=${HAMER_BIN:-$PWD/target/release/hamer}
root=$PWD
work=$(mktemp -d)
clients=
trap 'rm -rf "$work"' EXIT
cp sessions/2023-03-08-datagedreven-sturing.ron sessions/hengelo-2022-2026.ron "$work/"
seed=2023-03-08-datagedreven-sturing.ron
cd "$work"
export HOME=$work

# One measurement: a fresh journal and links; with clients, wait until
# they are all connected before the first key.
measure() { # KEY A B plain|serve|clients
    rm -f ./*.journal* links ready
    local wait=() serve=(--serve 127.0.0.1:0 --tokens links)
    [ "$4" = plain ] && serve=()
    if [ "$4" = clients ]; then
        python3 "$root/benches/sse_clients.py" --links links --ready ready \
            --display "$displays" --events "$events" 2>"$work/clients.log" &
        clients=$!
        # measure runs in a subshell ($(...)): the clients go with it.
        trap 'kill $clients 2>/dev/null || true' EXIT
        wait=(--wait-file ready)
    fi
    python3 "$root/benches/pty_frame.py" keys --size 200x60 --runs "$runs" \
        --setup 'o ] ] ] w Enter Enter' --ready SPREEKT "${wait[@]}" --toggle "$1" "$2" "$3" \
        -- "$bin" run "$seed" "${serve[@]}"
    if [ -n "$clients" ]; then
        kill "$clients" 2>/dev/null || true; wait "$clients" || true; clients=
        cat "$work/clients.log" >&2
    fi
}
get() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }
row() { printf '| %s | %s ms | %s ms | %s ms | %s ms |\n' "$1" "$(get "$2" median_ms)" "$(get "$2" min_ms)" "$(get "$2" p90_ms)" "$(get "$2" max_ms)"; }

spacep=$(measure Space PAUZE SPREEKT plain)
helpp=$(measure '?' Toetsen '!Toetsen' plain)
space0=$(measure Space PAUZE SPREEKT serve)
help0=$(measure '?' Toetsen '!Toetsen' serve)
space1=$(measure Space PAUZE SPREEKT clients)
help1=$(measure '?' Toetsen '!Toetsen' clients)
echo "| key to frame, 200x60, $runs keys | median | min | p90 | max |"
echo "| --- | --- | --- | --- | --- |"
row "Space (journal write + sync), not serving" "$spacep"
row "? (help, no write), not serving" "$helpp"
row "Space (journal write + sync), serving, no client" "$space0"
row "? (help, no write), serving, no client" "$help0"
row "Space, $displays display + $events clerk streams" "$space1"
row "?, $displays display + $events clerk streams" "$help1"
python3 - "$(get "$space1" median_ms)" "$(get "$help1" median_ms)" <<'EOF'
import sys
ok = all(float(x) < 2 for x in sys.argv[1:])
print("ok (medians under 2 ms)" if ok else "MISS (a median at or over 2 ms)")
sys.exit(0 if ok else 1)
EOF
