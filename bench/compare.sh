#!/usr/bin/env bash
# Times the whole process `ecps-assist search` against `fzf --filter` on the
# same synthetic entries (10k by default: seeded, French-like, answers of
# 300-2000 characters), fzf reading them one per line, and prints the ratio
# (ecps-assist / fzf; target <= 1.0). Needs hyperfine and fzf (apt-get).
#
#   bench/compare.sh [N] [QUERY]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
query=${2:-"certificat renouveler"}
for tool in fzf hyperfine; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/ecps-assist" .
go run ./bench/gen -n "$n" -seed 1 -out "$work/kb" -lines "$work/lines.txt" >/dev/null
hyperfine --warmup 3 --runs 20 --export-json "$work/h.json" \
  "$work/ecps-assist --kb $work/kb search $query --limit 10" \
  "fzf --filter '$query' --no-sort < $work/lines.txt" >/dev/null
python3 - "$work/h.json" "$n" "$query" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
e, f = r[0]["mean"] * 1000, r[1]["mean"] * 1000
print(f"entries: {sys.argv[2]}, query: {sys.argv[3]!r}")
print(f"ecps-assist search: {e:.1f} ms   fzf --filter: {f:.1f} ms   ratio: {e/f:.2f}")
PY
