#!/usr/bin/env bash
# Idle cost side by side (issue 8): `hamer run` at 120x40 and `hamer display`
# at 200x60 (a speaker's timer running), next to termdown (PyPI) and
# timr-tui 1.9.0 (crates.io) each showing a running 5-minute countdown at
# both sizes. All six run at once, in one tmux server; they are measured
# over the same window, ROUNDS times, and the median of each figure is
# reported:
#   cpu      CPU time of all threads (/proc/PID/task/*/schedstat, ns) per
#            wall time, in % of one core
#   rss      resident memory at the end of the round (VmRSS; peak VmHWM)
#   out      bytes written to the terminal per second (tmux pipe-pane)
#   wakeups  context switches of all threads per second (voluntary and
#            not), which is how often the program runs at all
# Targets: hamer's idle CPU under a quarter of the best peer's at the same
# size, its memory under half the best peer's.
#
# Usage: benches/peers.sh [ROUNDS] [SECONDS]   (default 5 rounds of 20 s)
# Installs the peers when missing (pip install termdown; cargo install
# timr-tui --version 1.9.0 --locked into target/peers); a peer that cannot
# be installed is skipped, saying so.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
secs=${2:-20}
command -v tmux >/dev/null || { echo "tmux is needed (apt-get install tmux)"; exit 2; }

peers=$PWD/target/peers
have_termdown=1 have_timr=1
command -v termdown >/dev/null || pip install -q termdown >/dev/null 2>&1 || true
command -v termdown >/dev/null || { have_termdown=0; echo "SKIP termdown: pip install termdown failed"; }
timr=$peers/bin/timr-tui
if [ ! -x "$timr" ]; then
    echo "installing timr-tui 1.9.0 (cargo install, a few minutes) ..."
    cargo install --quiet timr-tui --version 1.9.0 --locked --root "$peers" >/dev/null 2>&1 || true
fi
[ -x "$timr" ] || { have_timr=0; echo "SKIP timr-tui: cargo install timr-tui --version 1.9.0 failed"; }

cargo build --release --quiet
bin=$PWD/target/release/hamer
work=$(mktemp -d)
server=hamer-peers-$$
tm() { tmux -L "$server" -f /dev/null "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cp sessions/2023-03-08-datagedreven-sturing.ron sessions/hengelo-2022-2026.ron "$work/"
session=2023-03-08-datagedreven-sturing.ron
mkdir -p "$work/home"

# name, size, command
progs=("hamer-run 120x40 $bin run $session"
       "hamer-display 200x60 $bin display $session")
[ $have_termdown = 1 ] && progs+=("termdown 120x40 termdown 5m" "termdown 200x60 termdown 5m")
[ $have_timr = 1 ] && progs+=("timr-tui 120x40 $timr -m countdown -c 5:00 -r"
                              "timr-tui 200x60 $timr -m countdown -c 5:00 -r")
names=()
for p in "${progs[@]}"; do
    read -r name size cmd <<<"$p"
    id="$name-$size"
    names+=("$id")
    tm new-session -d -s "$id" -x "${size%x*}" -y "${size#*x}" -c "$work" \
        "exec env TERM=xterm-256color HOME=$work/home $cmd"
done
sleep 1.5
# Start the speaker in hamer (the display follows its journal) and the
# timr-tui countdowns (space starts them); termdown starts by itself.
for k in o ']' ']' ']' w Enter Enter; do tm send-keys -t hamer-run-120x40 "$k"; sleep 0.2; done
if [ $have_timr = 1 ]; then
    for s in 120x40 200x60; do tm send-keys -t "timr-tui-$s" Space; done
fi
sleep 2
tm capture-pane -p -t hamer-display-200x60 | grep -q SPREEKT \
    || { echo "the display shows no speaker:"; tm capture-pane -p -t hamer-display-200x60; exit 1; }

pid_of() { tm list-panes -t "$1" -F '#{pane_pid}'; }
cpu_ns() { cat /proc/"$1"/task/*/schedstat | awk '{ s += $1 } END { printf "%.0f\n", s }'; }
switches() { cat /proc/"$1"/task/*/status | awk '/ctxt_switches/ { s += $2 } END { print s }'; }
status() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

results=$work/results.tsv
: >"$results"
for r in $(seq 1 "$rounds"); do
    declare -A c0 w0 pid
    for id in "${names[@]}"; do
        pid[$id]=$(pid_of "$id")
        tm pipe-pane -t "$id" -o "cat > '$work/$id.out'"
    done
    t0=$(date +%s%N)
    for id in "${names[@]}"; do c0[$id]=$(cpu_ns "${pid[$id]}"); w0[$id]=$(switches "${pid[$id]}"); done
    sleep "$secs"
    t1=$(date +%s%N)
    for id in "${names[@]}"; do
        p=${pid[$id]}
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$id" "$(($(cpu_ns "$p") - c0[$id]))" \
            "$(($(switches "$p") - w0[$id]))" "$(status "$p" VmRSS)" "$(status "$p" VmHWM)" "$((t1 - t0))" >>"$results"
    done
    for id in "${names[@]}"; do tm pipe-pane -t "$id"; done
    sleep 0.3
    for id in "${names[@]}"; do
        b=$(stat -c %s "$work/$id.out")
        awk -v r="$r" -v id="$id" -v b="$b" 'BEGIN { FS = OFS = "\t" } $1 == r && $2 == id { $8 = b } { print }' \
            "$results" >"$results.new" && mv "$results.new" "$results"
    done
done

awk -v rounds="$rounds" -v secs="$secs" '
BEGIN { FS = "\t" }
{
    id = $2; ns = $7
    n[id]++
    cpu[id, n[id]] = $3 / ns * 100
    wk[id, n[id]] = $4 / (ns / 1e9)
    rss[id, n[id]] = $5 / 1024
    hwm[id, n[id]] = $6 / 1024
    out[id, n[id]] = $8 / (ns / 1e9)
    if (!(id in seen)) { seen[id] = 1; order[++k] = id }
}
function median(a, id, m,    i, j, t, v) {
    for (i = 1; i <= m; i++) v[i] = a[id, i]
    for (i = 2; i <= m; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
    return (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
}
END {
    printf "median of %d rounds of %d s, all programs at once, a timer running in each\n\n", rounds, secs
    printf "| program | size | CPU (one core) | RSS | peak RSS | output | wake-ups |\n"
    printf "| --- | --- | --- | --- | --- | --- | --- |\n"
    for (i = 1; i <= k; i++) {
        id = order[i]; m = n[id]
        c = median(cpu, id, m); r = median(rss, id, m); h = median(hwm, id, m)
        o = median(out, id, m); w = median(wk, id, m)
        split(id, parts, "-"); size = parts[length(parts)]
        name = substr(id, 1, length(id) - length(size) - 1)
        printf "| %s | %s | %.3f %% | %.1f MiB | %.1f MiB | %.0f B/s | %.1f /s |\n", name, size, c, r, h, o, w
        C[name, size] = c; R[name, size] = h
    }
    fail = 0
    printf "\n"
    split("hamer-run:120x40 hamer-display:200x60", checks, " ")
    for (j = 1; j <= 2; j++) {
        split(checks[j], hs, ":"); hn = hs[1]; sz = hs[2]
        bestc = -1; bestr = -1; bc = ""; br = ""
        for (key in C) {
            split(key, kk, SUBSEP)
            if (kk[2] != sz || kk[1] ~ /^hamer/) continue
            if (bestc < 0 || C[key] < bestc) { bestc = C[key]; bc = kk[1] }
            if (bestr < 0 || R[key] < bestr) { bestr = R[key]; br = kk[1] }
        }
        if (bestc < 0) { printf "%s %s: no peer ran; nothing to compare\n", hn, sz; continue }
        cr = C[hn, sz] / bestc; mr = R[hn, sz] / bestr
        printf "%s %s: CPU %.3f of the best peer (%s; target < 0.25) %s; peak memory %.3f of the best peer (%s; target < 0.5) %s\n",
            hn, sz, cr, bc, (cr < 0.25 ? "ok" : "MISS"), mr, br, (mr < 0.5 ? "ok" : "MISS")
        if (cr >= 0.25 || mr >= 0.5) fail = 1
    }
    exit fail
}' "$results"
