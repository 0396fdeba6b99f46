#!/usr/bin/env bash
# Idle cost of the public display (issue 6): `hamer display` at 200x60 while
# a speaker runs (started in `hamer run` in another tmux window), next to
# termdown showing a 5-minute countdown at the same size, measured over the
# same window: CPU, peak memory, bytes written to the terminal.
# Target: under a tenth of termdown's CPU and under a quarter of its memory.
#
# Usage: benches/display_idle.sh [SECONDS]    (default 20; installs termdown
# from PyPI when it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
command -v tmux >/dev/null || { echo "tmux is needed (apt-get install tmux)"; exit 2; }
command -v termdown >/dev/null || pip install -q termdown
command -v termdown >/dev/null || { echo "termdown could not be installed"; exit 2; }

cargo build --release --quiet
bin=$PWD/target/release/hamer
work=$(mktemp -d)
server=hamer-display-idle-$$
tm() { tmux -L "$server" -f /dev/null "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cp sessions/2023-03-08-datagedreven-sturing.ron sessions/hengelo-2022-2026.ron "$work/"
session=2023-03-08-datagedreven-sturing.ron

tm new-session -d -s run -x 120 -y 40 -c "$work" "exec env TERM=xterm-256color $bin run $session"
tm new-session -d -s display -x 200 -y 60 -c "$work" "exec env TERM=xterm-256color $bin display $session"
tm new-session -d -s termdown -x 200 -y 60 -c "$work" "exec env TERM=xterm-256color termdown 5m"
sleep 1
for k in ']' ']' ']' 'w' 'Enter' 'Enter'; do tm send-keys -t run "$k"; sleep 0.2; done
sleep 2
tm capture-pane -p -t display | grep -q SPREEKT || { echo "the display shows no speaker:"; tm capture-pane -p -t display; exit 1; }

pid_of() { tm list-panes -t "$1" -F '#{pane_pid}'; }
d=$(pid_of display); t=$(pid_of termdown)
# CPU time in ns of all threads of a process (termdown has more than one).
cpu_ns() { cat /proc/"$1"/task/*/schedstat | awk '{ s += $1 } END { printf "%.0f\n", s }'; }
hwm() { awk '/VmHWM/ { print $2 }' "/proc/$1/status"; }
tm pipe-pane -t display -o "cat > '$work/display.out'"
tm pipe-pane -t termdown -o "cat > '$work/termdown.out'"
t0=$(date +%s%N); d0=$(cpu_ns "$d"); e0=$(cpu_ns "$t")
sleep "$secs"
d1=$(cpu_ns "$d"); e1=$(cpu_ns "$t"); t1=$(date +%s%N)
tm pipe-pane -t display; tm pipe-pane -t termdown
sleep 0.2
db=$(stat -c %s "$work/display.out"); tb=$(stat -c %s "$work/termdown.out")
dm=$(hwm "$d"); tmem=$(hwm "$t")

awk -v ns="$((t1 - t0))" -v dc="$((d1 - d0))" -v tc="$((e1 - e0))" -v db="$db" -v tb="$tb" \
    -v dm="$dm" -v tmem="$tmem" '
BEGIN {
    s = ns / 1e9
    printf "200x60, %.0f s, a speaker running:\n", s
    printf "  %-16s cpu %.3f %%   peak memory %5.1f MiB   %7.1f bytes/s\n", "hamer display", dc / ns * 100, dm / 1024, db / s
    printf "  %-16s cpu %.3f %%   peak memory %5.1f MiB   %7.1f bytes/s\n", "termdown 5m", tc / ns * 100, tmem / 1024, tb / s
    cpu_ratio = (tc > 0) ? dc / tc : 0
    mem_ratio = dm / tmem
    printf "  hamer/termdown: cpu %.3f (target < 0.1), memory %.3f (target < 0.25)\n", cpu_ratio, mem_ratio
    if (cpu_ratio >= 0.1 || mem_ratio >= 0.25) { print "  FAIL"; exit 1 }
    print "  ok"
}'
