#!/usr/bin/env bash
# Scoping commands against hunt, over the EVTX corpus, as a user runs them (the ./tansa launcher:
# its heap and JIT settings, the warm rule cache): each command RUNS times after one warm-up run,
# alternating, with wall time, CPU time (user+system) and peak RSS from /usr/bin/time; prints the
# medians and each command's ratio to hunt. Acceptance (issue 11): every scoping command <= 1.5x
# hunt's time and <= 1 GB RSS.
#
#   bench/scoping.sh [RUNS]       (default 5; needs ../shared/corpus/evtx and ../shared/sigma)
#
# Timeline and scope run with the same rules as hunt. To add a command, add its name to COMMANDS and
# its arguments to args().
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${TANSA_SHARED:-$here/../shared}"
runs="${1:-5}"
corpus="$shared/corpus/evtx"
COMMANDS=(hunt logons graph timeline scope)

rules=()
for d in "$shared"/sigma/rules*; do rules+=(--rules "$d"); done

args() { # the command line of one measured run, after "tansa"
  case "$1" in
    hunt) echo hunt "$corpus" "${rules[@]}" -q -f jsonl ;;
    logons) echo logons "$corpus" -q -f jsonl ;;
    graph) echo graph "$corpus" -q -f json ;;
    timeline) echo timeline "$corpus" "${rules[@]}" -q -f jsonl ;;
    scope) echo scope "$corpus" "${rules[@]}" -q -f json ;;
    *) echo "$1" "$corpus" -q ;;
  esac
}

"$here/tansa" --version > /dev/null # builds when needed
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
measure() { # command run-number
  local IFS=' '
  # shellcheck disable=SC2046
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/$1.$2" "$here/tansa" $(args "$1") > /dev/null 2> "$tmp/$1.err" \
    || { echo "tansa $1 failed:" >&2; cat "$tmp/$1.err" >&2; exit 1; }
}
for c in "${COMMANDS[@]}"; do measure "$c" warmup; done
for ((i = 1; i <= runs; i++)); do
  for c in "${COMMANDS[@]}"; do measure "$c" "$i"; done
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
printf '%-8s %10s %10s %10s %12s %12s\n' command "wall s" "cpu s" "RSS MB" "wall/hunt" "cpu/hunt"
for c in "${COMMANDS[@]}"; do
  wall=$(for ((i = 1; i <= runs; i++)); do awk '{print $1}' "$tmp/$c.$i"; done | median)
  cpu=$(for ((i = 1; i <= runs; i++)); do awk '{print $2 + $3}' "$tmp/$c.$i"; done | median)
  rss=$(for ((i = 1; i <= runs; i++)); do awk '{print $4}' "$tmp/$c.$i"; done | sort -n | tail -1)
  if [[ "$c" == hunt ]]; then hwall=$wall; hcpu=$cpu; fi
  printf '%-8s %10.2f %10.2f %10d %12.2f %12.2f\n' "$c" "$wall" "$cpu" "$((rss / 1024))" \
    "$(awk -v a="$wall" -v b="$hwall" 'BEGIN {print a / b}')" "$(awk -v a="$cpu" -v b="$hcpu" 'BEGIN {print a / b}')"
done
echo "medians of $runs runs each (alternating, after one warm-up run each); RSS: the largest of the runs"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
