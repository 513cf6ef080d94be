#!/usr/bin/env bash
# `tansa report` on a large case: the EVTX corpus dumped REPEAT times into one JSON file (about
# 1,000,000 events at the default 60) is ingested with the SigmaHQ Windows rules into a fresh
# case, then the report is written in each format; prints each format's wall time and peak RSS
# (/usr/bin/time -v) beside the case's counts. Acceptance: <= 30 s and <= 1 GB for 1,000,000 events.
#
#   bench/report.sh [REPEAT]        (default 60; needs ../shared/corpus/evtx and ../shared/sigma)
#   TANSA_REPORT_CASE=DIR bench/report.sh   (keep the case in DIR: made there on the first run, reused after;
#                                            generating 1,000,000 events is the costly part)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${TANSA_SHARED:-$here/../shared}"
repeat="${1:-60}"
jar="${TANSA_JAR:-$here/app/target/tansa.jar}"   # TANSA_JAR: another build of tansa
[[ -n "${TANSA_JAR:-}" ]] || "$here/tansa" --version > /dev/null # builds on first use
java=(java ${TANSA_JAVA_OPTS:--Xmx1g} -jar "$jar")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case="${TANSA_REPORT_CASE:-$work/case}"
if [[ ! -f "$case/case.duckdb" ]]; then
  "${java[@]}" dump "$shared/corpus/evtx" 2>/dev/null > "$work/one.jsonl" || true
  for _ in $(seq "$repeat"); do cat "$work/one.jsonl"; done > "$work/big.jsonl"
  rm "$work/one.jsonl"
  "${java[@]}" case init "$case" -q
  t0=$(date +%s.%N)
  "${java[@]}" ingest --case "$case" -q -r "$shared/sigma/rules/windows" "$work/big.jsonl" -f json > /dev/null
  t1=$(date +%s.%N)
  rm "$work/big.jsonl"
  "${java[@]}" case set --case "$case" -q regimes=appi,gdpr discovered_at=2026-12-01T09:30:00+09:00 \
    wrongful_purpose=true personal_data=true individuals_affected=1520
  echo "ingested in $(echo "$t1 - $t0" | bc) s"
fi
echo "case: $("${java[@]}" case stats --case "$case" -f json)"
for f in json md html pdf; do
  /usr/bin/time -v "${java[@]}" report --case "$case" -f "$f" -q -o "$work/report.$f" 2> "$work/time" || { cat "$work/time"; exit 1; }
  awk -F': ' -v f="$f" -v size="$(stat -c %s "$work/report.$f")" '
    /Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + p[j]}
    /Maximum resident set size/ {kb = $2}
    /User time/ {cpu += $2} /System time/ {cpu += $2}
    END {printf "report -f %-4s  %6.2f s  CPU %6.2f s  peak RSS %4d MB  (%d bytes)\n", f, s, cpu, kb / 1024, size}' "$work/time"
done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
