#!/usr/bin/env bash
# Start-up of whole processes against a Go hello-world: for each command,
# hyperfine -N runs the hello-world then the command back to back (RUNS
# runs each), ROUNDS times; printed are the command's median time and the
# median and range of its ratio to the hello-world of the same pair, which
# a VM's speed changing from minute to minute leaves comparable.
#
# Two floors come first, built from a copy of this tree: "deps", a
# hello-world that blank-imports every module package ecps-assist links
# (cobra, the Charm stack, yaml.v3, modernc.org/sqlite and libc…), so
# that their initialisation runs; and "exit-at-main", ecps-assist itself
# made to exit as main starts. A command's own cost is what it takes
# above the second; the last column, "main µs", measures it directly: a
# third copy whose main prints the time from its start to its exit. The
# floors and that column are always built from this tree, whatever
# BINARY is timed.
#
#   bench/startup.sh [BINARY]      (default: a static build of this tree)
#
# Needs hyperfine (apt-get install -y hyperfine) and a Go toolchain.
set -euo pipefail
bin=${1:-}
if [ -n "$bin" ]; then
  bin=$(realpath "$bin") # before the cd below
  [ -x "$bin" ] || { echo "startup.sh: $bin is not an executable" >&2; exit 2; }
fi
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5} RUNS=${RUNS:-100}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export CGO_ENABLED=0
if [ -z "$bin" ]; then
  bin=$tmp/ecps-assist
  go build -o "$bin" .
fi
mkdir "$tmp/hello"
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n' >"$tmp/hello/main.go"
printf 'module hello\n' >"$tmp/hello/go.mod"
(cd "$tmp/hello" && go build -o "$tmp/hello-world" .)

mkdir "$tmp/tree"
tar --exclude=.git -cf - . | tar -xf - -C "$tmp/tree"
(
  cd "$tmp/tree"
  mkdir deps
  {
    printf 'package main\n\nimport (\n\t"fmt"\n'
    go list -deps . | grep -E '^[a-z0-9-]+\.[a-z]+/' | grep -v '/internal' | sed 's/.*/\t_ "&"/'
    printf ')\n\nfunc main() { fmt.Println("hello") }\n'
  } >deps/main.go
  go build -o "$tmp/deps" ./deps
  grep -q '^func main() {$' main.go
  grep -q '^	os.Exit(cli.Run(cli.Env{$' main.go
  cp main.go main.go.orig
  sed -i 's/^func main() {$/func main() {\n\tif len(os.Args) > 1 \&\& os.Args[1] == "exit-at-main" {\n\t\tos.Exit(0)\n\t}/' main.go
  go build -o "$tmp/exit-at-main" .
  # "timed": main prints on stderr the microseconds from its start to its
  # exit, what the command itself costs, without the process around it
  cp main.go.orig main.go
  sed -i -e 's/^func main() {$/func main() {\n\tstart := time.Now()/' \
    -e 's/^	os.Exit(cli.Run(cli.Env{$/	os.Exit(func(code int) int { fmt.Fprintln(os.Stderr, "main-us", time.Since(start).Microseconds()); return code }(cli.Run(cli.Env{/' \
    -e 's/^	}))$/	})))/' -e 's/^import ($/import (\n\t"fmt"\n\t"time"/' main.go
  go build -o "$tmp/timed" .
)
"$tmp/exit-at-main" exit-at-main

# the timed commands read no configuration, journal or cache of the user
export XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state XDG_CACHE_HOME=$tmp/cache

printf 'Bonjour, ma carte CPS est bloquée depuis ce matin, le code PIN est refusé\n' >"$tmp/ticket.txt"
names=("floor: deps" "floor: exit-at-main" "--help" "list" "search telephone roote" "triage FILE" "show cps-firefox-config" "check-id 810000123454")
cmds=("$tmp/deps" "$tmp/exit-at-main exit-at-main" "$bin --help" "$bin list" "$bin search telephone roote" "$bin triage $tmp/ticket.txt" "$bin show cps-firefox-config" "$bin check-id 810000123454")
for r in $(seq "$ROUNDS"); do
  for i in "${!cmds[@]}"; do
    if ! hyperfine -N -w 10 -r "$RUNS" --export-csv "$tmp/pair.csv" "$tmp/hello-world" "${cmds[$i]}" >"$tmp/hyperfine.log" 2>&1; then
      cat "$tmp/hyperfine.log" >&2
      exit 1
    fi
    # rows: command,mean,stddev,median,user,system,min,max
    awk -F, -v i="$i" 'NR==2{h=$4; hm=$7} NR==3{printf "%d %.3f %.3f %.3f %.3f\n", i, $4*1000, $4/h, h*1000, $7/hm}' "$tmp/pair.csv" >>"$tmp/all"
  done
done
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
# main's own time, RUNS runs of each command (the two floors have none)
for i in "${!cmds[@]}"; do
  [ "$i" -ge 2 ] || continue
  c=${cmds[$i]#"$bin "}
  for _ in $(seq "$RUNS"); do
    # shellcheck disable=SC2086 # the command's words
    "$tmp/timed" $c 2>&1 >/dev/null | awk '$1=="main-us"{print $2}'
  done | median >"$tmp/main.$i"
done
printf 'hello-world: median %s ms over all pairs\n' "$(awk '{print $4}' "$tmp/all" | median)"
# the ratio of the pair's fastest runs, less disturbed by the other
# tenants of a VM than medians, is printed too (median over the rounds)
printf '%-24s %9s %13s %12s %10s %9s\n' command median "ratio median" range "min ratio" "main µs"
for i in "${!cmds[@]}"; do
  t=$(awk -v i="$i" '$1==i{print $2}' "$tmp/all" | median)
  q=$(awk -v i="$i" '$1==i{print $3}' "$tmp/all" | median)
  lo=$(awk -v i="$i" '$1==i{print $3}' "$tmp/all" | sort -n | head -1)
  hi=$(awk -v i="$i" '$1==i{print $3}' "$tmp/all" | sort -n | tail -1)
  m=$(awk -v i="$i" '$1==i{print $5}' "$tmp/all" | median)
  own=$(cat "$tmp/main.$i" 2>/dev/null || echo -)
  printf '%-24s %6.2f ms %12.2fx %5.2f-%.2fx %9.2fx %9s\n' "${names[$i]}" "$t" "$q" "$lo" "$hi" "$m" "$own"
done
