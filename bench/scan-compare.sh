#!/usr/bin/env bash
# Before/after check for a change to the scan's hot path: runs `tansa scan --threads 1 -f jsonl`
# of the same files with two jars, one after the other, and compares the two JSONL outputs byte
# for byte (every finding with its path, line, offset, masked value and value hash, and the
# summary). Prints each run's wall and user+sys CPU seconds; exits 1 if the outputs differ.
#
#   bench/scan-compare.sh BEFORE_JAR AFTER_JAR [DIR]   (default DIR: the text of bench/scan.sh 256 0)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="$1"
after="$2"
dir="${3:-$here/bench/out/scan-256-0/text}"
if [[ ! -d "$dir" ]]; then
  echo "generating 256 MB of text in $here/bench/out/scan-256-0 ..."
  java -cp "$after" "$here/bench/GenCorpus.java" "$here/bench/out/scan-256-0" 256 0
fi
opts=(-Xmx1g -XX:+UseParallelGC) # as ./tansa runs a scan
mapfile -t -O ${#opts[@]} opts < <("$here/scripts/scan-vm-options")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat "$dir"/* > /dev/null # page cache warm for both
for side in before after; do
  jar="${!side}"
  /usr/bin/time -f "%e %U %S" -o "$work/$side.time" \
    java "${opts[@]}" -jar "$jar" scan --threads 1 -q -f jsonl -o "$work/$side.jsonl" "$dir"
  read -r wall user sys < "$work/$side.time"
  printf '%-6s %s: %.2f s wall, %.2f s CPU, %d lines\n' "$side" "$jar" "$wall" "$(echo "$user + $sys" | bc -l)" \
    "$(wc -l < "$work/$side.jsonl")"
done
if cmp -s "$work/before.jsonl" "$work/after.jsonl"; then
  echo "identical: $(sha256sum < "$work/after.jsonl" | cut -c1-16)… ($(wc -c < "$work/after.jsonl") bytes)"
else
  echo "DIFFERENT: first difference:"
  cmp "$work/before.jsonl" "$work/after.jsonl" | head -1
  diff <(head -c 100000000 "$work/before.jsonl") <(head -c 100000000 "$work/after.jsonl") | head -6
  exit 1
fi
