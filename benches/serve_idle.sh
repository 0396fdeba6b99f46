#!/usr/bin/env bash
# Idle cost of serving (issue 15): `hamer run --serve` with a speaker's timer
# running (as benches/idle.sh), and connected to it at once: a clerk
# (`hamer join CLERK_URL`), a terminal room display (`hamer display
# DISPLAY_URL`) and a browser on the display page (headless Chromium), all
# measured side by side over the same window: CPU of all threads
# (/proc/PID/task/*/schedstat, ns), peak resident memory (VmHWM), and the
# wake-ups of each of the leader's and the clerk's threads (context
# switches, voluntary + involuntary).
# Targets: the leader under 0.15 % of one core and under 12 MiB; the clerk
# under 0.1 %.
#
# Usage: benches/serve_idle.sh [SECONDS]    (default 60)
# HAMER_BIN: measure that binary instead of building this tree's.
# CHROMIUM: the browser (default /usr/bin/chromium; apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
command -v tmux >/dev/null || { echo "tmux is needed (apt-get install tmux)"; exit 2; }
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "$chromium is needed (apt-get install chromium)"; exit 2; }
if [ -z "${HAMER_BIN:-}" ]; then cargo build --release --quiet; fi
bin=${HAMER_BIN:-$PWD/target/release/hamer}
work=$(mktemp -d)
server=hamer-serve-idle-$$
tm() { tmux -L "$server" -f /dev/null "$@"; }
chrome_pid= leader= clerk= display=
cleanup() {
    # Chromium runs in a process group of its own (setsid): all of it goes,
    # its crash handlers too, before its profile folder is removed.
    if [ -n "$chrome_pid" ]; then
        kill -TERM -- "-$chrome_pid" 2>/dev/null || true
        for _ in $(seq 20); do pgrep -g "$chrome_pid" >/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$chrome_pid" 2>/dev/null || true
        wait "$chrome_pid" 2>/dev/null || true
    fi
    tm kill-server 2>/dev/null || true
    # The programs close their journals as they go: let them, then remove.
    for p in $leader $clerk $display; do
        for _ in $(seq 30); do [ -e "/proc/$p" ] || break; sleep 0.1; done
    done
    rm -rf "$work"
}
trap cleanup EXIT
cp sessions/2023-03-08-datagedreven-sturing.ron sessions/hengelo-2022-2026.ron "$work/"
seed=2023-03-08-datagedreven-sturing.ron
mkdir -p "$work/home"
# The clients keep their replicas under $HOME/.local/share.
envs="TERM=xterm-256color HOME=$work/home"

tm new-session -d -s run -x 120 -y 40 -c "$work" \
    "exec env $envs $bin run $seed --serve 127.0.0.1:0 --tokens $work/links"
for _ in $(seq 100); do grep -q '^display ' "$work/links" 2>/dev/null && break; sleep 0.1; done
grep -q '^display ' "$work/links" || { echo "no links written:"; tm capture-pane -p -t run; exit 1; }
clerk_url=$(awk '$1 == "clerk" { print $2 }' "$work/links")
display_url=$(awk '$1 == "display" { print $2 }' "$work/links")
port=$(echo "$display_url" | sed -E 's|^http://127\.0\.0\.1:([0-9]+)/.*|\1|')

keys=(']' ']' ']' ']' ']' 'w' 'Enter' 'Enter')
for k in "${keys[@]}"; do tm send-keys -t run "$k"; sleep 0.2; done
tm new-session -d -s clerk -x 120 -y 40 -c "$work" "exec env $envs $bin join '$clerk_url'"
tm new-session -d -s display -x 200 -y 60 -c "$work" "exec env $envs $bin display '$display_url'"
setsid "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --user-data-dir="$work/chrome" "$display_url" >"$work/chrome.log" 2>&1 &
chrome_pid=$!

# Ready: the leader's speaker runs, the clerk is linked, the display shows
# the speaker, and three streams hold the server's port (clerk, display,
# browser).
streams() { ss -Htn state established "( sport = :$port )" | wc -l; }
for _ in $(seq 150); do
    if tm capture-pane -p -t run | grep -q SPREEKT && tm capture-pane -p -t clerk | grep -q verbonden &&
        tm capture-pane -p -t display | grep -q SPREEKT && [ "$(streams)" -ge 3 ]; then break; fi
    sleep 0.1
done
for s in run clerk display; do
    tm capture-pane -p -t "$s" | grep -q 'SPREEKT\|verbonden' || { echo "$s is not ready:"; tm capture-pane -p -t "$s"; exit 1; }
done
[ "$(streams)" -ge 3 ] || { echo "only $(streams) connections to the server:"; ss -tnp | grep ":$port"; exit 1; }
sleep 3

pid_of() { tm list-panes -t "$1" -F '#{pane_pid}'; }
leader=$(pid_of run); clerk=$(pid_of clerk); display=$(pid_of display)
# Chromium's processes: its process group.
chrome_pids=$(pgrep -g "$chrome_pid" | tr '\n' ' ')
cpu_ns() { for p in "$@"; do cat /proc/"$p"/task/*/schedstat 2>/dev/null; done | awk '{ s += $1 } END { printf "%.0f\n", s }'; }
hwm() { awk '/VmHWM/ { print $2 }' "/proc/$1/status"; }
# Per thread: name, CPU ns, context switches.
threads() {
    for t in /proc/"$1"/task/*; do
        printf '%s %s %s %s\n' "${t##*/}" "$(tr ' ' _ <"$t/comm")" "$(awk '{ print $1 }' "$t/schedstat")" \
            "$(awk '/ctxt_switches/ { s += $2 } END { print s }' "$t/status")"
    done | sort
}
threads "$leader" >"$work/leader.0"; threads "$clerk" >"$work/clerk.0"
t0=$(date +%s%N)
l0=$(cpu_ns "$leader"); c0=$(cpu_ns "$clerk"); d0=$(cpu_ns "$display"); b0=$(cpu_ns $chrome_pids)
sleep "$secs"
l1=$(cpu_ns "$leader"); c1=$(cpu_ns "$clerk"); d1=$(cpu_ns "$display"); b1=$(cpu_ns $chrome_pids)
t1=$(date +%s%N)
threads "$leader" >"$work/leader.1"; threads "$clerk" >"$work/clerk.1"
lm=$(hwm "$leader"); cm=$(hwm "$clerk"); dm=$(hwm "$display")
# Chromium's memory: the proportional set size summed over its processes
# (shared pages counted once overall, not once per process).
bm=$(for p in $chrome_pids; do awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null; done | awk '{ s += $1 } END { print s + 0 }')
for s in run clerk display; do
    tm capture-pane -p -t "$s" | grep -q 'SPREEKT\|verbonden' || { echo "$s lost its state:"; tm capture-pane -p -t "$s"; exit 1; }
done
echo "connections to the server at the end: $(streams)"

per_thread() {
    # name, CPU %, wake-ups/s of each thread over the window
    # (threads that came or went during the window are left out)
    join "$work/$1.0" "$work/$1.1" | awk -v ns="$((t1 - t0))" '
        { printf "    %-16s cpu %.4f %%  %5.2f switches/s\n", $2, ($6 - $3) / ns * 100, ($7 - $4) / (ns / 1e9) }'
}
awk -v ns="$((t1 - t0))" -v l="$((l1 - l0))" -v c="$((c1 - c0))" -v d="$((d1 - d0))" -v b="$((b1 - b0))" \
    -v lm="$lm" -v cm="$cm" -v dm="$dm" -v bm="$bm" '
BEGIN {
    printf "hamer run --serve with a speaker running, a clerk, a terminal display and a browser, %.0f s:\n", ns / 1e9
    printf "  %-34s cpu %.3f %%   peak memory %5.1f MiB   target < 0.15 %%, < 12 MiB\n", "leader (hamer run --serve, 120x40)", l / ns * 100, lm / 1024
    printf "  %-34s cpu %.3f %%   peak memory %5.1f MiB   target < 0.1 %%\n", "clerk (hamer join, 120x40)", c / ns * 100, cm / 1024
    printf "  %-34s cpu %.3f %%   peak memory %5.1f MiB\n", "hamer display URL (200x60)", d / ns * 100, dm / 1024
    printf "  %-34s cpu %.3f %%   memory %5.1f MiB (summed PSS of its processes)\n", "headless Chromium on /display", b / ns * 100, bm / 1024
}'
echo "  the leader's threads:"; per_thread leader
echo "  the clerk's threads:"; per_thread clerk
awk -v ns="$((t1 - t0))" -v l="$((l1 - l0))" -v c="$((c1 - c0))" -v lm="$lm" 'BEGIN {
    if (l / ns * 100 >= 0.15 || lm >= 12 * 1024 || c / ns * 100 >= 0.1) { print "  MISS"; exit 1 }
    print "  ok" }'
