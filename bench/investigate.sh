#!/usr/bin/env bash
# `tansa investigate` against `tansa hunt` on the same evidence (issue 15's acceptance: investigate
# in <= 3x hunt's time), as a user runs them (the ./tansa launcher: its heap and JIT settings, the
# warm rule cache): hunt and investigate alternately, RUNS times each after one warm-up run each,
# investigate into a fresh case every run; wall time, CPU time (user+system) and peak RSS from
# /usr/bin/time; prints the medians and the ratios. On a shared machine compare the CPU ratio: wall
# times depend on the other processes (the load average is printed).
#
#   bench/investigate.sh [RUNS]   (default 3; needs ../shared/corpus/evtx, ../shared/corpus/zeek, ../shared/sigma/rules)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${TANSA_SHARED:-$here/../shared}"
runs="${1:-3}"
evidence=("$shared/corpus/evtx" "$shared/corpus/zeek")
rules="$shared/sigma/rules"

"$here/tansa" --version > /dev/null # builds when needed
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
measure() { # command run-number
  local out="$tmp/$1.$2"
  if [[ "$1" == hunt ]]; then
    /usr/bin/time -f '%e %U %S %M' -o "$out" "$here/tansa" hunt "${evidence[@]}" --rules "$rules" -q -f jsonl \
      > /dev/null 2> "$tmp/err" || [[ $? == 1 ]] || { cat "$tmp/err" >&2; exit 1; }
  else
    rm -rf "$tmp/case"
    /usr/bin/time -f '%e %U %S %M' -o "$out" "$here/tansa" investigate "${evidence[@]}" --case "$tmp/case" --rules "$rules" -q \
      > /dev/null 2> "$tmp/err" || [[ $? == 1 ]] || { cat "$tmp/err" >&2; exit 1; }
  fi
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for c in hunt investigate; do measure "$c" warmup; done
for ((i = 1; i <= runs; i++)); do
  for c in hunt investigate; do measure "$c" "$i"; done
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
printf '%-12s %10s %10s %10s %12s %12s\n' command "wall s" "cpu s" "RSS MB" "wall/hunt" "cpu/hunt"
for c in hunt investigate; do
  wall=$(for ((i = 1; i <= runs; i++)); do awk '{print $1}' "$tmp/$c.$i"; done | median)
  cpu=$(for ((i = 1; i <= runs; i++)); do awk '{print $2 + $3}' "$tmp/$c.$i"; done | median)
  rss=$(for ((i = 1; i <= runs; i++)); do awk '{print $4}' "$tmp/$c.$i"; done | sort -n | tail -1)
  if [[ "$c" == hunt ]]; then hwall=$wall; hcpu=$cpu; fi
  printf '%-12s %10.2f %10.2f %10d %12.2f %12.2f\n' "$c" "$wall" "$cpu" "$((rss / 1024))" \
    "$(awk -v a="$wall" -v b="$hwall" 'BEGIN {print a / b}')" "$(awk -v a="$cpu" -v b="$hcpu" 'BEGIN {print a / b}')"
done
echo "medians of $runs runs each (alternating, after one warm-up run each; investigate into a fresh case each run)"
echo "machine: $(nproc) cores, load $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after, $(java -version 2>&1 | head -1)"
