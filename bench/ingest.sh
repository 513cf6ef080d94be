#!/usr/bin/env bash
# Case ingest cost beyond decoding: for each input, the wall time of `tansa dump --count` (decode
# only) and of `tansa ingest` into a fresh case (decode, serialise, store, commit), and
# events / (ingest - decode) = the store's rate "beyond decoding".
#   1. the EVTX corpus as it is (318 small files: per-file work, group commit)
#   2. one large JSON file: the corpus dumped REPEAT times into one file (no per-file cost)
#
# With TANSA_BENCH_DB=postgresql://user@host:port/db the same two inputs are also ingested into
# fresh cases of that PostgreSQL database (COPY). The target (issue 12) is >= 50,000 events/s
# beyond decoding.
#
#   bench/ingest.sh [REPEAT]        (default 20; needs ../shared/corpus/evtx)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${TANSA_SHARED:-$here/../shared}"
repeat="${1:-20}"
jar="${TANSA_JAR:-$here/app/target/tansa.jar}"   # TANSA_JAR: another build of tansa
[[ -f "$jar" ]] || (cd "$here" && mvn -B -q -DskipTests package)
java=(java ${TANSA_JAVA_OPTS:--Xmx1g} -jar "$jar")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }

measure() { # name input [db]
  local name="$1" input="$2" db="${3:-}" t0 t1 t2 events where
  t0=$(now)
  events=$("${java[@]}" dump --count "$input" 2>/dev/null | tail -1 | cut -f1)
  t1=$(now)
  if [[ -n "$db" ]]; then
    local case_name="bench-$name-$(date +%s%N)"
    "${java[@]}" case init --db "$db" --name "$case_name" -q
    where=(--db "$db" --case-id "$case_name")
  else
    "${java[@]}" case init "$work/$name" -q
    where=(--case "$work/$name")
  fi
  t2=$(now)
  "${java[@]}" ingest "${where[@]}" -q "$input" -f json > /dev/null
  local t3; t3=$(now)
  awk -v n="$name${db:+ (pg)}" -v e="$events" -v d="$(echo "$t1 - $t0" | bc)" -v i="$(echo "$t3 - $t2" | bc)" 'BEGIN {
    r = (i > d ? e / (i - d) : 0)
    printf "%-17s %9d events  decode %6.2f s  ingest %6.2f s  beyond decoding %6.2f s = %8.0f events/s %s\n",
      n, e, d, i, i - d, r, (r >= 50000 ? "(>= 50,000: ok)" : "(< 50,000)") }'
}

measure corpus "$shared/corpus/evtx"
[[ -n "${TANSA_BENCH_DB:-}" ]] && measure corpus "$shared/corpus/evtx" "$TANSA_BENCH_DB"
"${java[@]}" dump "$shared/corpus/evtx" 2>/dev/null > "$work/one.jsonl" || true
for _ in $(seq "$repeat"); do cat "$work/one.jsonl"; done > "$work/big.jsonl"
rm "$work/one.jsonl"
measure big-json "$work/big.jsonl"
[[ -n "${TANSA_BENCH_DB:-}" ]] && measure big-json "$work/big.jsonl" "$TANSA_BENCH_DB"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
