#!/usr/bin/env bash
# Crash loop (issue 8): N times, start `hamer run` (release) in tmux on a
# copy of the seed session, type a random short sequence of actions, and
# kill -9 it at a random moment. After every run the journal must replay,
# and everything it held before the run must still be there, byte for byte
# (the events written before each kill are a prefix of the file after it).
#
# Usage: scripts/crash-loop.sh [RUNS]    (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
command -v tmux >/dev/null || { echo "tmux is needed (apt-get install tmux)"; exit 2; }
cargo build --release --quiet
bin=$PWD/target/release/hamer
work=$(mktemp -d)
server=hamer-crash-loop-$$
tm() { tmux -L "$server" -f /dev/null "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cp sessions/2023-03-08-datagedreven-sturing.ron sessions/hengelo-2022-2026.ron "$work/"
session=2023-03-08-datagedreven-sturing.ron
journal=$work/2023-03-08-datagedreven-sturing.journal
keys=(']' '[' 'w' 'p' 'f' 'Enter' 'n' 'Space' 'x' '+' '-' 's' 'i' 'u' 'Down' 'Up' 'K' 'J' 'Tab' 'N' 'Escape' 'a' '1' '2' 't')

lost=0
before=0
prev=$work/prev.journal
: > "$prev"
for run in $(seq 1 "$runs"); do
    tm new-session -d -s r -x 120 -y 40 -c "$work" "exec env TERM=xterm-256color $bin run $session"
    sleep 0.3
    for _ in $(seq 1 $((RANDOM % 12 + 1))); do
        k=${keys[$((RANDOM % ${#keys[@]}))]}
        tm send-keys -t r "$k" 2>/dev/null || true
        if [ "$k" = "N" ] || [ "$k" = "t" ]; then tm send-keys -t r -l "notitie $run" 2>/dev/null || true; tm send-keys -t r Enter 2>/dev/null || true; fi
        sleep 0.0$((RANDOM % 5))
    done
    sleep 0.$((RANDOM % 4))
    pid=$(tm list-panes -t r -F '#{pane_pid}' 2>/dev/null || true)
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    tm kill-session -t r 2>/dev/null || true
    sleep 0.1
    # Everything from before this run is still there, byte for byte.
    size=$(stat -c %s "$prev")
    if [ -f "$journal" ] && ! cmp -s -n "$size" "$prev" "$journal"; then
        echo "run $run: the journal lost or changed what it held before"
        lost=$((lost + 1))
    fi
    # And it replays (export reads it without the lock).
    if [ -f "$journal" ] && ! "$bin" export "$work/$session" --format csv > /dev/null 2> "$work/err"; then
        echo "run $run: the journal does not replay: $(cat "$work/err")"
        lost=$((lost + 1))
    fi
    [ -f "$journal" ] && cp "$journal" "$prev"
done
events=$(( $(wc -l < "$journal") - 1 ))
torn=$(ls "$work" | grep -c torn || true)
echo "crash loop: $runs runs, $events events in the journal, $torn torn tails cut (kept aside), failures: $lost"
[ "$lost" -eq 0 ]
