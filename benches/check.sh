#!/usr/bin/env bash
# Benchmark: `hamer check` on a generated session with 1,000 agenda items and
# a council of 50 factions x 20 members, whole process, release build.
# Target (issue 2): median under 50 ms.
#
# Usage: benches/check.sh [RUNS]   (default 50 runs after 3 warm-up runs)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-50}
target_ms=50

cargo build --release --quiet
bin=target/release/hamer

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# Council: 50 factions of 20 members, seats adding up to 1,000.
{
    echo 'Council('
    echo '    municipality: "Benchmarkstad",'
    echo '    term: "2026-2030",'
    echo '    seats: 1000,'
    echo '    factions: ['
    for f in $(seq 1 50); do
        printf '        Faction(short: "F%02d", name: "Fractie nummer %d", seats: 20, coalition: %s, members: [' \
            "$f" "$f" "$([ $((f % 2)) -eq 0 ] && echo true || echo false)"
        for m in $(seq 1 20); do printf '"Lid %d van fractie %d", ' "$m" "$f"; done
        echo ']),'
    done
    echo '    ],'
    echo '    college: ['
    for c in $(seq 1 7); do printf '        CollegeMember(name: "Wethouder %d", role: "wethouder"),\n' "$c"; done
    echo '    ],'
    echo ')'
} > "$dir/council.ron"

# Session: 1,000 agenda items of 1 minute in a 1,000-minute session.
{
    echo 'Session('
    echo '    title: "Benchmark met duizend agendapunten",'
    echo '    case_number: "BENCH-1",'
    echo '    date: "2026-11-28",'
    echo '    start: Some("09:00"),'
    echo '    duration_min: 1000,'
    echo '    room: "Raadzaal",'
    echo '    goal: Oordeelsvormend,'
    echo '    public_speaking: Some(PublicSpeaking(limit_min: 5)),'
    echo '    council: Some("council.ron"),'
    echo '    faction_budget: Some(BySeats(total_min: 300)),'
    echo '    agenda: ['
    for i in $(seq 1 1000); do
        printf '        Item(title: "Agendapunt %d: een redelijk lange titel zoals in het echt", kind: Round, planned_min: 1, speaker_limit_min: Some(1)),\n' "$i"
    done
    echo '    ],'
    echo ')'
} > "$dir/session.ron"

# The files must be valid, or the figure means nothing.
"$bin" check "$dir/session.ron" > "$dir/out.txt"
grep -q '1000 agendapunten (1000/1000 min) · 50 fracties' "$dir/out.txt" || {
    echo "unexpected check output:"; cat "$dir/out.txt"; exit 1
}

now_ns() { date +%s%N; }
for _ in 1 2 3; do "$bin" check "$dir/session.ron" > /dev/null; done
times=()
for _ in $(seq 1 "$runs"); do
    t0=$(now_ns)
    "$bin" check "$dir/session.ron" > /dev/null
    t1=$(now_ns)
    times+=($(( (t1 - t0) / 1000 )))
done

sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median_us=$(echo "$sorted" | awk -v n="$runs" 'NR == int((n + 1) / 2) { print }')
min_us=$(echo "$sorted" | head -1)
max_us=$(echo "$sorted" | tail -1)
size_kb=$(( ($(stat -c %s "$dir/session.ron") + $(stat -c %s "$dir/council.ron")) / 1024 ))

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
echo "hamer check: 1,000 agenda items + council 50 factions x 20 members (${size_kb} KiB), $runs runs"
echo "  median $(ms "$median_us") ms   min $(ms "$min_us") ms   max $(ms "$max_us") ms   (target < ${target_ms} ms)"
if [ "$median_us" -ge $((target_ms * 1000)) ]; then
    echo "  FAIL: median over target"
    exit 1
fi
echo "  ok"
