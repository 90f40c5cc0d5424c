#!/usr/bin/env bash
# Times the interactive assistant's start in tmux (80x24): from launch to
# its first frame, and to the home screen (the knowledge loaded and
# indexed), polling the pane every few milliseconds. With N, on N
# synthetic team entries (bench/gen) loaded with --kb; without, on the
# embedded knowledge only.
#
#   bench/firstframe.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-0}
runs=${2:-5}
command -v tmux >/dev/null || { echo "firstframe.sh: tmux is missing (apt-get install -y tmux)" >&2; exit 2; }
work=$(mktemp -d)
sock="$work/tmux"
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -o "$work/ecps-assist" .
args=()
if [ "$n" -gt 0 ]; then
  go run ./bench/gen -n "$n" -seed 1 -out "$work/kb" >/dev/null
  args=(--kb "$work/kb")
fi
export XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config"
ms() { date +%s%N | awk '{printf "%.0f", $1/1e6}'; }
for r in $(seq "$runs"); do
  t0=$(ms)
  tmux -S "$sock" new -d -s s -x 80 -y 24 "$work/ecps-assist ${args[*]}"
  first="" home=""
  for _ in $(seq 2000); do
    pane=$(tmux -S "$sock" capture-pane -p -t s 2>/dev/null || true)
    if [ -z "$first" ] && [ -n "$(printf '%s' "$pane" | tr -d '[:space:]')" ]; then first=$(( $(ms) - t0 )); fi
    if printf '%s' "$pane" | grep -q "Rechercher"; then home=$(( $(ms) - t0 )); break; fi
    sleep 0.002
  done
  echo "run $r: first frame ${first} ms, home ${home} ms"
  tmux -S "$sock" kill-server 2>/dev/null || true
  sleep 0.2
done
