#!/usr/bin/env bash
# Traffic analysis and scope cost.
#  1. `tansa traffic --threads 1` over generated Zeek conn logs of each SIZE (default 1,000,000 and
#     3,000,000 records; SyntheticZeek: 200 hosts, 1,000 external sites, at most 200,000 pairs): records per minute of
#     CPU time (user+system, one decoding thread) and of wall time, and peak RSS — which should
#     stay flat as the log grows; the largest log again in a 128 MB heap.
#  2. `tansa scope` against `tansa hunt` over ../shared/corpus/evtx with the same rules
#     (../shared/sigma/rules, rule cache warmed first): wall and CPU time, their ratio, peak RSS.
#
#   bench/traffic.sh [SIZE...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${TANSA_SHARED:-$here/../shared}"
sizes=("${@:-1000000 3000000}")
[[ $# -gt 0 ]] || sizes=(1000000 3000000)
[[ -f "$here/app/target/tansa.jar" ]] || (cd "$here" && mvn -B -q -DskipTests package)
jar="$here/app/target/tansa.jar"
opts=(${TANSA_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC})
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure LABEL CMD...: runs CMD under /usr/bin/time -v; sets wall, cpu (seconds) and rss (MB)
measure() {
  local label="$1"; shift
  /usr/bin/time -v "$@" > "$work/out" 2> "$work/time" || { cat "$work/time" >&2; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time")
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$work/time")
  rss=$(awk '/Maximum resident set size/ {print int($NF/1024)}' "$work/time")
  printf '%-34s wall %7.2f s  cpu %7.2f s  peak RSS %5d MB\n' "$label" "$wall" "$cpu" "$rss"
}

for n in ${sizes[@]}; do
  log="$work/conn-$n.log"
  java -cp "$jar" tansa.traffic.SyntheticZeek conn "$log" "$n"
  measure "traffic, $n records" java "${opts[@]}" -jar "$jar" traffic "$log" --threads 1 -q -f jsonl
  awk -v n="$n" -v c="$cpu" -v w="$wall" 'BEGIN {printf "  %.0f records/min per core (CPU time), %.0f records/min wall\n", n/c*60, n/w*60}'
  if [[ "$n" == "${sizes[-1]}" ]]; then # the state fits a small heap: memory is per pair, not per record
    measure "traffic, $n records, -Xmx128m" java -Xmx128m -XX:+UseSerialGC -jar "$jar" traffic "$log" --threads 1 -q -f jsonl
  fi
  rm -f "$log"
done

rules=(--rules "$shared/sigma/rules")
java "${opts[@]}" -jar "$jar" hunt "$shared/corpus/evtx" "${rules[@]}" -q -f jsonl > /dev/null  # warm the rule cache
measure "hunt ../shared/corpus/evtx" java "${opts[@]}" -jar "$jar" hunt "$shared/corpus/evtx" "${rules[@]}" -q -f jsonl
hw=$wall; hc=$cpu
measure "scope ../shared/corpus/evtx" java "${opts[@]}" -jar "$jar" scope "$shared/corpus/evtx" "${rules[@]}" -q -f json \
  --nftables "$work/plan.nft"
awk -v a="$wall" -v b="$hw" -v c="$cpu" -v d="$hc" 'BEGIN {printf "  scope/hunt: %.2fx wall, %.2fx CPU\n", a/b, c/d}'
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
