#!/usr/bin/env bash
# Measures triage --batch on generated tickets (bench/tickets, seed 1):
# wall time and peak RSS of N tickets (default 100000; targets <= 10 s on
# the 2-core machine, <= 100 MB), the one-process-per-ticket loop on the
# first 300 of them extrapolated to N (target: batch >= 50x faster), and
# --jobs 1 against --jobs 2 on the first 20000. With --million, also the
# peak RSS of 1,000,000 tickets streamed from the generator (heavy: a few
# minutes of both cores; run it once, on an idle machine).
#
#   bench/batch.sh [N] [--million]
set -euo pipefail
cd "$(dirname "$0")/.."
n=100000 million=0
for a in "$@"; do
  case $a in
    --million) million=1 ;;
    *) n=$a ;;
  esac
done
[ -x /usr/bin/time ] || { echo "batch.sh: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -o "$work/ecps-assist" .
go build -o "$work/tickets" ./bench/tickets
"$work/tickets" -n "$n" -seed 1 > "$work/t.jsonl"
bin=$work/ecps-assist

# timed: wall seconds and peak RSS (kB) of a command, into $wall and $rss
timed() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@"
  read -r wall rss < "$work/time"
}

timed "$bin" triage --batch "$work/t.jsonl" --out "$work/out.jsonl"
bwall=$wall brss=$rss
printf 'batch, %d tickets, --jobs %d (default): %.2f s wall (%.0f tickets/s), peak RSS %.1f MB\n' \
  "$n" "$(nproc)" "$bwall" "$(echo "$n / $bwall" | bc -l)" "$(echo "$brss / 1024" | bc -l)"

m=$(( n < 20000 ? n : 20000 ))
head -n "$m" "$work/t.jsonl" > "$work/t20k.jsonl"
timed "$bin" triage --batch "$work/t20k.jsonl" --jobs 1 > /dev/null
j1=$wall
timed "$bin" triage --batch "$work/t20k.jsonl" --jobs 2 > /dev/null
j2=$wall
printf -- '--jobs 1 vs --jobs 2, %d tickets: %.2f s / %.2f s = %.2fx\n' "$m" "$j1" "$j2" "$(echo "$j1 / $j2" | bc -l)"

# the loop: one process per ticket, as a script would do without --batch
mkdir "$work/loop"
head -n 300 "$work/t.jsonl" | python3 -c '
import json, sys
for i, l in enumerate(sys.stdin):
    open(f"{sys.argv[1]}/{i:03d}.txt", "w").write(json.loads(l)["text"])
' "$work/loop"
start=$(date +%s.%N)
for f in "$work"/loop/*.txt; do "$bin" triage --json < "$f" > /dev/null; done
end=$(date +%s.%N)
per=$(echo "($end - $start) / 300" | bc -l)
loop=$(echo "$per * $n" | bc -l)
printf 'one process per ticket: %.2f ms a ticket, %d tickets extrapolated: %.1f s; batch is %.0fx faster\n' \
  "$(echo "$per * 1000" | bc -l)" "$n" "$loop" "$(echo "$loop / $bwall" | bc -l)"

if [ "$million" = 1 ]; then
  rm -f "$work/t.jsonl" "$work/out.jsonl" "$work/o2.jsonl"
  mkfifo "$work/pipe"
  "$work/tickets" -n 1000000 -seed 1 > "$work/pipe" &
  timed "$bin" triage --batch "$work/pipe" > /dev/null
  wait
  printf 'batch, 1000000 tickets streamed from the generator: %.1f s wall, peak RSS %.1f MB\n' "$wall" "$(echo "$rss / 1024" | bc -l)"
fi
