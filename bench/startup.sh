#!/usr/bin/env bash
# Start-up of whole processes against a Go hello-world: for each command,
# hyperfine -N runs the hello-world then the command back to back (RUNS
# runs each), ROUNDS times; printed are the command's median time and the
# median and range of its ratio to the hello-world of the same pair, which
# a VM's speed changing from minute to minute leaves comparable.
#
#   bench/startup.sh [BINARY]      (default: a static build of this tree)
#
# Needs hyperfine (apt-get install -y hyperfine) and a Go toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5} RUNS=${RUNS:-100}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=${1:-}
if [ -z "$bin" ]; then
  bin=$tmp/ecps-assist
  CGO_ENABLED=0 go build -o "$bin" .
fi
mkdir "$tmp/hello"
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n' >"$tmp/hello/main.go"
printf 'module hello\n' >"$tmp/hello/go.mod"
(cd "$tmp/hello" && CGO_ENABLED=0 go build -o "$tmp/hello-world" .)
printf 'Bonjour, ma carte CPS est bloquée depuis ce matin, le code PIN est refusé\n' >"$tmp/ticket.txt"
cmds=("--help" "list" "search telephone roote" "triage $tmp/ticket.txt" "show cps-firefox-config" "check-id 810000123454")
for r in $(seq "$ROUNDS"); do
  for i in "${!cmds[@]}"; do
    hyperfine -N -w 10 -r "$RUNS" --export-csv "$tmp/pair.csv" "$tmp/hello-world" "$bin ${cmds[$i]}" >/dev/null 2>&1
    # rows: command,mean,stddev,median,user,system,min,max
    awk -F, -v i="$i" 'NR==2{h=$4} NR==3{printf "%d %.3f %.3f\n", i, $4*1000, $4/h}' "$tmp/pair.csv" >>"$tmp/all"
  done
done
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
printf '%-24s %9s %13s %12s\n' command median "ratio median" range
for i in "${!cmds[@]}"; do
  t=$(awk -v i="$i" '$1==i{print $2}' "$tmp/all" | median)
  q=$(awk -v i="$i" '$1==i{print $3}' "$tmp/all" | median)
  lo=$(awk -v i="$i" '$1==i{print $3}' "$tmp/all" | sort -n | head -1)
  hi=$(awk -v i="$i" '$1==i{print $3}' "$tmp/all" | sort -n | tail -1)
  printf '%-24s %6.2f ms %12.2fx %5.2f-%.2fx\n' "${cmds[$i]%% /*}" "$t" "$q" "$lo" "$hi"
done
