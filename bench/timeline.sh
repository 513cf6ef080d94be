#!/usr/bin/env bash
# timeline cost against hunt: ROUNDS alternating runs of `tansa hunt` and `tansa timeline`, both
# with every rule under ../shared/sigma/rules* (warm rule cache) over the EVTX corpus, each run a
# fresh JVM as a user runs it; prints each command's median wall and CPU (user+sys) time, its peak
# RSS (/usr/bin/time -v), and timeline/hunt ratios. Acceptance (issue 11): ratio <= 1.5, RSS <= 1 GB.
#
#   [TANSA_JAR=copy.jar] bench/timeline.sh [ROUNDS]        (default 3; needs ../shared/corpus/evtx and ../shared/sigma)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${TANSA_SHARED:-$here/../shared}"
rounds="${1:-3}"
jar="${TANSA_JAR:-$here/app/target/tansa.jar}"   # TANSA_JAR: measure a copy while building
[[ -f "$jar" ]] || (cd "$here" && mvn -B -q -DskipTests package)
java=(java ${TANSA_JAVA_OPTS:--Xmx1g} -jar "$jar")
rules=()
for d in "$shared"/sigma/rules*; do rules+=(--rules "$d"); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { # name command...
  local name="$1"; shift
  /usr/bin/time -v "$@" > /dev/null 2> "$work/log" || { cat "$work/log" >&2; exit 1; }
  local wall user sys rss
  wall=$(grep 'Elapsed (wall clock)' "$work/log" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  user=$(grep 'User time' "$work/log" | awk '{print $NF}')
  sys=$(grep 'System time' "$work/log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/log" | awk '{print $NF}')
  echo "$name $wall $(echo "$user + $sys" | bc) $rss" >> "$work/runs"
}

# one untimed run of each fills the rule cache and the page cache
"${java[@]}" hunt "$shared/corpus/evtx" "${rules[@]}" -q -f jsonl > /dev/null
for _ in $(seq "$rounds"); do
  run hunt "${java[@]}" hunt "$shared/corpus/evtx" "${rules[@]}" -q -f jsonl
  run timeline "${java[@]}" timeline "$shared/corpus/evtx" "${rules[@]}" -q -f csv
done
awk '
  { n[$1]++; wall[$1, n[$1]] = $2; cpu[$1, n[$1]] = $3; if ($4 > rss[$1]) rss[$1] = $4 }
  function median(a, name, k,   i, j, t, v) {
    for (i = 1; i <= k; i++) v[i] = a[name, i]
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return v[int((k + 1) / 2)]
  }
  END {
    for (c in n) { mw[c] = median(wall, c, n[c]); mc[c] = median(cpu, c, n[c])
      printf "%-9s median wall %6.2f s  median CPU %6.2f s  peak RSS %5d MB  (%d runs)\n", c, mw[c], mc[c], rss[c] / 1024, n[c] }
    printf "timeline / hunt: wall %.2f, CPU %.2f\n", mw["timeline"] / mw["hunt"], mc["timeline"] / mc["hunt"]
  }' "$work/runs"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
