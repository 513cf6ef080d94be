#!/usr/bin/env bash
# IOC matching cost: CPU time (user+sys, /usr/bin/time) of `tansa dump --count` (decoding only)
# and of `tansa hunt --ioc LIST` over the EVTX corpus, LIST holding N generated indicators of every
# type (addresses, /24 ranges, IPv6 /48s, domains, SHA-256/MD5 digests, URLs, file names; none of
# them in the corpus), alternating ROUNDS times; prints the medians, peak RSS and the ratio.
#
#   [TANSA_JAR=copy.jar] bench/ioc.sh [N] [ROUNDS]     (default 100000 indicators, 3 rounds)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${TANSA_SHARED:-$here/../shared}"
n="${1:-100000}"
rounds="${2:-3}"
jar="${TANSA_JAR:-$here/app/target/tansa.jar}"
[[ -f "$jar" ]] || (cd "$here" && mvn -B -q -DskipTests package)
java=(java ${TANSA_JAVA_OPTS:--Xmx1g} -jar "$jar")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

awk -v n="$n" 'BEGIN { srand(11)
  for (i = 0; i < n; i++) {
    k = i % 8
    if (k == 0) printf "100.%d.%d.%d\n", 64 + int(rand() * 64), int(rand() * 256), int(rand() * 256)
    else if (k == 1) printf "198.18.%d.0/24\n", int(rand() * 256)
    else if (k == 2) printf "2001:db8:%x::/48\n", int(rand() * 65536)
    else if (k == 3) printf "c2-%d.ioc-bench.example\n", i
    else if (k == 4) { h = ""; for (j = 0; j < 8; j++) h = h sprintf("%08x", int(rand() * 4294967296)); print h }
    else if (k == 5) { h = ""; for (j = 0; j < 4; j++) h = h sprintf("%08x", int(rand() * 4294967296)); print h }
    else if (k == 6) printf "http://dl-%d.ioc-bench.example/p/%d.bin\n", i, i
    else printf "dropper-%d.exe\n", i
  } }' > "$work/iocs.txt"

measure() { # name command...
  local name="$1"; shift
  /usr/bin/time -f "%U %S %M" -o "$work/t" "$@" > /dev/null 2>> "$work/err" || { cat "$work/err" >&2; exit 1; }
  echo "$name $(awk '{print $1 + $2, $3}' "$work/t")" >> "$work/runs"
}
for _ in $(seq "$rounds"); do
  measure decode "${java[@]}" dump --count -q "$shared/corpus/evtx"
  measure ioc "${java[@]}" hunt --ioc "$work/iocs.txt" -q -f jsonl "$shared/corpus/evtx"
done
awk -v n="$n" '
  { c[$1]++; cpu[$1, c[$1]] = $2; if ($3 > rss[$1]) rss[$1] = $3 }
  function median(name, k,   i, j, t, v) {
    for (i = 1; i <= k; i++) v[i] = cpu[name, i]
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return v[int((k + 1) / 2)]
  }
  END {
    d = median("decode", c["decode"]); h = median("ioc", c["ioc"])
    printf "dump --count         median CPU %6.2f s  peak RSS %5d MB\n", d, rss["decode"] / 1024
    printf "hunt --ioc (%d) median CPU %6.2f s  peak RSS %5d MB\n", n, h, rss["ioc"] / 1024
    printf "hunt --ioc / decode: %.2f\n", h / d
  }' "$work/runs"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
