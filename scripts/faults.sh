#!/usr/bin/env bash
# Faults on real file systems (issue 8), as root: the release binary in
# tmux on a session in a tiny tmpfs that fills up, in a folder made
# read-only in the middle of the session, with its journal deleted, on an
# ext4 file system that turns read-only under the open journal, and with
# its session file edited while it runs. Each must give a clear
# message on the screen and lose nothing that was acknowledged: the journal
# must end on a complete line and replay every note the screen confirmed.
#
# Usage: sudo scripts/faults.sh      (needs mount, loop devices, mkfs.ext4;
#                                     prints a line per fault)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "faults.sh mounts file systems: run it as root"; exit 2; }
command -v tmux >/dev/null || { echo "tmux is needed (apt-get install tmux)"; exit 2; }
cargo build --release --quiet
bin=$PWD/target/release/hamer
base=$(mktemp -d)
server=hamer-faults-$$
tm() { tmux -L "$server" -f /dev/null "$@"; }
cleanup() {
    tm kill-server 2>/dev/null || true
    for m in "$base"/*/; do umount "$m" 2>/dev/null || true; done
    rm -rf "$base"
}
trap cleanup EXIT
session=2023-03-08-datagedreven-sturing.ron
failures=0

start() { # dir
    cp sessions/$session sessions/hengelo-2022-2026.ron "$1/"
    sync # the copies on the disk, as a real session file would be
    launch "$1"
}
launch() { # dir
    tm new-session -d -s f -x 120 -y 40 -c "$1" "exec env TERM=xterm-256color $bin run $session"
    sleep 0.5
}
stop() { # end hamer in the pane, and wait until it is gone: it answers
    # the SIGHUP of a closed pane by closing its journal, not at once
    local pid
    pid=$(tm list-panes -t f -F '#{pane_pid}' 2>/dev/null || true)
    tm kill-session -t f 2>/dev/null || true
    if [ -n "$pid" ]; then
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && echo "hamer (pid $pid) did not end within 5 s of SIGHUP"
    fi
    true
}
note() { # text
    tm send-keys -t f N; sleep 0.05
    tm send-keys -t f -l "$1"; sleep 0.05
    tm send-keys -t f Enter; sleep 0.1
}
check_journal() { # dir label
    local j=$1/2023-03-08-datagedreven-sturing.journal
    if [ -s "$j" ] && [ "$(tail -c1 "$j" | od -An -c | tr -d ' ')" != '\n' ]; then
        echo "$2: the journal ends in a half line"; failures=$((failures + 1)); return
    fi
    local notes
    notes=$(cd "$1" && "$bin" export $session --format json | grep -c '"text": "notitie ' || true)
    echo "$notes"
}

# 1. The disk fills up.
d=$base/full; mkdir -p "$d"; mount -t tmpfs -o size=24k tmpfs "$d"
start "$d"
acked=0
for i in $(seq 1 200); do
    note "notitie $i met wat tekst om de schijf te vullen"
    if tm capture-pane -p -t f | grep -q "FOUT"; then break; fi
    acked=$i
done
screen=$(tm capture-pane -p -t f)
tm send-keys -t f Escape q; sleep 0.3
stop
if ! grep -q "FOUT" <<< "$screen"; then echo "disk full: no message on the screen"; failures=$((failures + 1)); fi
found=$(check_journal "$d" "disk full")
echo "disk full: $acked notes confirmed before the disk was full, $found in the journal; message: $(grep -o 'FOUT[^[]*' <<< "$screen" | head -1 | cut -c1-90)"
[ "$found" = "$acked" ] || { echo "disk full: notes lost"; failures=$((failures + 1)); }

# 2. The folder becomes read-only in the middle of the session (a read-only
# bind mount over it, as a remount is refused while the journal is open).
# The open journal and the process's working folder were opened before,
# so the session goes on recording.
d=$base/ro; mkdir -p "$d"; mount -t tmpfs -o size=1m tmpfs "$d"
start "$d"
for i in 1 2 3; do note "notitie $i voor het alleen-lezen maken"; done
mount --bind "$d" "$d"
mount -o remount,bind,ro "$d"
note "notitie 4 na het alleen-lezen maken"
screen=$(tm capture-pane -p -t f)
tm send-keys -t f Escape q; sleep 0.3
stop
umount "$d"
if grep -q "FOUT" <<< "$screen"; then echo "read-only: an error where recording should go on"; failures=$((failures + 1)); fi
found=$(check_journal "$d" "read-only")
echo "read-only folder: 4 notes confirmed (1 after), $found in the journal"
[ "$found" = "4" ] || { echo "read-only: notes lost"; failures=$((failures + 1)); }

# 3. The journal is deleted while the session runs.
d=$base/del; mkdir -p "$d"
start "$d"
note "notitie 1 voor het wissen"
rm "$d/2023-03-08-datagedreven-sturing.journal"
note "notitie 2 na het wissen"
screen=$(tm capture-pane -p -t f)
tm send-keys -t f Escape q; sleep 0.3
stop
found=$(check_journal "$d" "deleted")
echo "journal deleted: 2 notes confirmed, $found in the journal; said: $(grep -o 'Het logboek[^[]*' <<< "$screen" | head -1 | cut -c1-90)"
[ "$found" = "2" ] || { echo "deleted: notes lost"; failures=$((failures + 1)); }

# 4. The file system turns read-only under the open journal (EROFS on the
# next write): ext4 on a loop device, mounted errors=remount-ro, with an
# error triggered through sysfs, as a failing disk would. Acknowledged
# notes are on the disk; the next one is refused with a message.
d=$base/erofs; mkdir -p "$d"
img=$base/erofs.img
truncate -s 16M "$img"; mkfs.ext4 -q "$img"
mount -o loop,errors=remount-ro "$img" "$d"
start "$d"
for i in 1 2 3; do note "notitie $i voor de fout"; done
dev=$(basename "$(findmnt -no SOURCE "$d")")
echo "hamer faults.sh" > "/sys/fs/ext4/$dev/trigger_fs_error"
note "notitie 4 na de fout"
screen=$(tm capture-pane -p -t f)
tm send-keys -t f Escape q; sleep 0.3
stop
umount "$d"
e2fsck -fy "$img" >/dev/null 2>&1 || true
mount -o loop,ro "$img" "$d"
if ! grep -q "FOUT" <<< "$screen"; then echo "read-only file system: no message on the screen"; failures=$((failures + 1)); fi
found=$(check_journal "$d" "read-only file system")
echo "file system read-only under the open journal: 3 notes confirmed, the 4th refused; $found in the journal; message: $(grep -o 'FOUT[^[]*' <<< "$screen" | head -1 | cut -c1-90)"
[ "$found" = "3" ] || { echo "read-only file system: notes lost or a refused one kept"; failures=$((failures + 1)); }
umount "$d"

# 5. The session file is edited while the session runs (the title changed
# and an agenda item added by hand), then hamer is started again.
d=$base/edit; mkdir -p "$d"
start "$d"
note "notitie 1 voor de wijziging"
sed -i 's/title: "Rekenkameronderzoek Datagedreven Sturing"/title: "Rekenkameronderzoek Datagedreven Sturing (gewijzigd)"/' "$d/$session"
note "notitie 2 na de wijziging"
tm send-keys -t f q; sleep 0.3
stop
launch "$d"
sleep 0.5
screen=$(tm capture-pane -p -t f)
note "notitie 3 na de herstart"
tm send-keys -t f q; sleep 0.3
stop
found=$(check_journal "$d" "edited")
echo "session file edited while running: 3 notes confirmed (1 after a restart), $found in the journal; said: $(grep -o 'sessiebestand[^│]*' <<< "$screen" | head -1 | cut -c1-90)"
grep -q "gewijzigd" <<< "$screen" || { echo "edited: the changed file is not what runs"; failures=$((failures + 1)); }
[ "$found" = "3" ] || { echo "edited: notes lost"; failures=$((failures + 1)); }

echo "faults: failures: $failures"
[ "$failures" -eq 0 ]
