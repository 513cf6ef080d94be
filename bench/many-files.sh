#!/usr/bin/env bash
# tansa scan over many tiny files with a small heap (issue 4): every file must get its record and
# the summary must be right, in memory that does not grow with the number of files.
# Generates N files once (bench/GenManyFiles.java: 1,000 a directory, every 10th holding a distinct
# e-mail address, every 100th empty) into DIR, then runs the shaded jar once with -Xmx HEAP under
# /usr/bin/time -v, checks the output against the generator's counts and prints the figures.
# Exit code 1 on any mismatch.
#
#   bench/many-files.sh [N] [DIR] [HEAP]   (default 1000000 files, bench/out/many-N, 64m)
#
# On a disk-backed DIR, creating a million files takes minutes; a tmpfs DIR (/dev/shm/...) takes
# seconds and about 4 GB of memory while it exists (remove it after).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-1000000}"
dir="${2:-$here/bench/out/many-$n}"
heap="${3:-64m}"
source "$here/bench/private-jar.sh"
expected="$dir.expected" # beside the directory, not in it: it would be scanned
if [[ ! -f "$expected" ]]; then
  echo "generating $n files in $dir ..."
  rm -rf "$dir"
  java "$here/bench/GenManyFiles.java" "$dir" "$n" > "$expected.tmp"
  mv "$expected.tmp" "$expected"
fi
# shellcheck disable=SC1090
source "$expected" # files= emails= empty= parsed=
out="$work/scan.jsonl"
cmd=(java "-Xmx$heap" -XX:+UseSerialGC -jar "$jar" scan "$dir" --output "$out")
/usr/bin/time -v -o "$work/time" "${cmd[@]}" 2> "$work/err" || { echo "failed: ${cmd[*]}" >&2; cat "$work/err" >&2; exit 1; }

summary="$(tail -1 "$out")"
field() { grep -oE "$1[0-9]+" <<< "$summary" | head -1 | grep -oE '[0-9]+$'; }
records=$(grep -c '^{"kind":"file"' "$out")
bad=0
check() { # name actual expected
  if [[ "$2" != "$3" ]]; then echo "MISMATCH $1: $2, expected $3"; bad=1; fi
}
check "file records" "$records" "$files"
check "summary files" "$(field '"files":')" "$files"
check "pii.email findings" "$(field '"counts":\{"pii.email":')" "$emails"
check "pii.email distinct" "$(field '"distinct":\{"pii.email":')" "$emails"
check "parsed" "$(field '"parsed":')" "$parsed"
check "empty" "$(field '"empty":')" "$empty"
check "stderr lines" "$(wc -l < "$work/err")" 0

wall=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}' | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
rss_kb=$(grep 'Maximum resident' "$work/time" | awk '{print $NF}')
cpu=$(awk '/User time|System time/ {s += $NF} END {print s}' "$work/time")
printf 'files %d, %.1f s wall (%.1f s CPU), %.0f files/s, peak RSS %d MB, heap -Xmx%s\n' \
  "$records" "$wall" "$cpu" "$(echo "$records / $wall" | bc -l)" "$((rss_kb / 1024))" "$heap"
echo "command: java -Xmx$heap -XX:+UseSerialGC -jar tansa.jar scan $dir --output FILE"
[[ $bad == 0 ]] && echo "ok: every file reported, summary counts right" || exit 1
