#!/usr/bin/env bash
# Idle cost of the chair's screen (issue 4): hamer run (release) in a tmux
# pane of 120x40 on the seed session, a speaker's timer running, measured
# over 60 s: CPU time of the process, bytes written to the terminal, and
# peak resident memory.
# Targets: CPU under 0.1 % of one core, under 300 bytes/s, RSS under 12 MiB.
#
# Usage: benches/idle.sh [SECONDS] [COLSxROWS]    (default 60 120x40)
# The bytes/s target is for 120x40; at other sizes it is shown, not judged.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
size=${2:-120x40}
cols=${size%x*}
rows=${size#*x}
command -v tmux >/dev/null || { echo "tmux is needed (apt-get install tmux)"; exit 2; }

# HAMER_BIN: measure that binary instead of building this tree's.
if [ -z "${HAMER_BIN:-}" ]; then cargo build --release --quiet; fi
bin=${HAMER_BIN:-$PWD/target/release/hamer}
work=$(mktemp -d)
server=hamer-idle-$$
pid=
cleanup() {
    tmux -L "$server" kill-server 2>/dev/null || true
    # hamer closes its journal as it goes: let it, then remove the folder.
    for _ in $(seq 30); do [ -n "$pid" ] && [ -e "/proc/$pid" ] || break; sleep 0.1; done
    rm -rf "$work"
}
trap cleanup EXIT
cp sessions/2023-03-08-datagedreven-sturing.ron sessions/hengelo-2022-2026.ron "$work/"

tmux -L "$server" -f /dev/null new-session -d -s idle -x "$cols" -y "$rows" -c "$work" \
    "exec env TERM=xterm-256color $bin run 2023-03-08-datagedreven-sturing.ron"
sleep 1
# To the first round, add the portfolio holder and start: a timer runs.
# HAMER_IDLE_SPEAKER=faction: a faction's speaker instead (the factions'
# times then count too).
keys=(']' ']' ']' ']' ']' 'w' 'Enter' 'Enter')
if [ "${HAMER_IDLE_SPEAKER:-}" = faction ]; then
    keys=(']' ']' ']' ']' 'f' 'V' 'V' 'D' 'Enter' 'Enter' 'Enter')
fi
for k in "${keys[@]}"; do
    tmux -L "$server" send-keys -t idle "$k"
    sleep 0.2
done
sleep 2
pid=$(tmux -L "$server" list-panes -t idle -F '#{pane_pid}')
tmux -L "$server" capture-pane -p -t idle | grep -q 'SPREEKT' || {
    echo "the timer did not start:"; tmux -L "$server" capture-pane -p -t idle; exit 1; }

# CPU time in nanoseconds (schedstat), finer than the 10 ms clock ticks of
# /proc/PID/stat.
cpu_ns() { cat /proc/"$pid"/task/*/schedstat | awk '{ s += $1 } END { printf "%.0f\n", s }'; }
out=$work/out.bin
tmux -L "$server" pipe-pane -t idle -o "cat > '$out'"
t0=$(date +%s%N); c0=$(cpu_ns)
sleep "$secs"
c1=$(cpu_ns); t1=$(date +%s%N)
tmux -L "$server" pipe-pane -t idle
sleep 0.2
bytes=$(stat -c %s "$out")
hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")

awk -v size="$size" -v c="$((c1 - c0))" -v ns="$((t1 - t0))" -v b="$bytes" -v hwm="$hwm" -v rss="$rss" '
BEGIN {
    s = ns / 1e9
    cpu = c / ns * 100
    bps = b / s
    printf "hamer run, %s, speaker timer running, %.0f s:\n", size, s
    printf "  cpu %.3f %% of one core (%.1f ms)     target < 0.1 %%\n", cpu, c / 1e6
    printf "  output %.1f bytes/s                   target < 300\n", bps
    printf "  memory peak %.1f MiB, now %.1f MiB      target < 12 MiB\n", hwm / 1024, rss / 1024
    fail = (cpu >= 0.1) || (size == "120x40" && bps >= 300) || (hwm >= 12 * 1024)
    if (fail) { print "  FAIL"; exit 1 }
    print "  ok"
}'
