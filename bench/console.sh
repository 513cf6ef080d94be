#!/usr/bin/env bash
# The console under load: a case of at least EVENTS events (the EVTX corpus ingested with the
# SigmaHQ Windows rules, then copied with other hosts and times up to the size), served by
# `tansa serve`, and CLIENTS concurrent clients sending REQUESTS detections queries each
# (filters, search, deep pages) to the REST API, then to the HTML page; prints p50/p90/p99.
#
#   bench/console.sh [EVENTS] [CLIENTS] [REQUESTS]     (default 1000000 20 50; needs ../shared)
#   TANSA_BENCH_CASE=DIR bench/console.sh ...          (start from a copy of a case that already holds
#                                                       the corpus ingested with the rules, e.g. the tests'
#                                                       console/target/console-test-case)
#   TANSA_CONSOLE_CASE=DIR bench/console.sh ...        (keep the grown case in DIR: made there on the first
#                                                       run, served again by later ones)
#   TANSA_JAR=FILE                                      (another build of tansa)
#   TANSA_BENCH_DB=postgresql://user@host:port/db       (then the same on PostgreSQL: the case copied there once
#                                                       by bench/GenPostgresCase.java as case 'console-bench',
#                                                       its user and token made by tansa user add / token create --db)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${TANSA_SHARED:-$here/../shared}"
events="${1:-1000000}"
clients="${2:-20}"
requests="${3:-50}"
jar="${TANSA_JAR:-$here/app/target/tansa.jar}"
[[ -f "$jar" ]] || (cd "$here" && mvn -B -q -DskipTests package)
tansa=(java ${TANSA_JAVA_OPTS:--Xmx2g} -jar "$jar")
work=$(mktemp -d)
server=""
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

case="${TANSA_CONSOLE_CASE:-$work/bench}"
if [[ ! -f "$case/case.duckdb" ]]; then
  if [[ -n "${TANSA_BENCH_CASE:-}" ]]; then
    mkdir -p "$case" && cp "$TANSA_BENCH_CASE/case.duckdb" "$case/"
  else
    "${tansa[@]}" case init "$case" -q
    "${tansa[@]}" ingest --case "$case" -q -r "$shared/sigma/rules/windows" "$shared/corpus/evtx" -f json > /dev/null
  fi
  java -cp "$jar" "$here/bench/GenConsoleCase.java" "$case" "$events"
  printf 'bench password\n' | "${tansa[@]}" user add --case "$case" --name bench --role viewer --password-stdin -q
fi
token=$("${tansa[@]}" token create --case "$case" --user bench)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
cpu() { awk '{print ($14 + $15) / 100}' "/proc/$server/stat"; } # the server's CPU seconds (user + system)

load() { # ID: warm up, then the API with the token and the page with a browser session
  local id="$1" t0 c0 cookie csrf session
  for _ in $(seq 240); do curl -s -o /dev/null "$base/api/openapi.json" && break; sleep 0.5; done
  # warm-up: one pass of the mix by one client (the first waits for the detections index), then
  # the whole load once, not counted (the server's JIT: the first round of 1,000 requests still
  # compiles the paths that write the largest records); the figures are the second round
  t0=$(date +%s.%N)
  java "$here/bench/ConsoleLoad.java" "$base" "$id" "$token" 1 10 > /dev/null
  echo "warm in $(echo "$(date +%s.%N) - $t0" | bc) s after it listened; server CPU so far $(cpu) s, RSS $(awk '/VmRSS/ {print int($2 / 1024) " MB"}' /proc/$server/status)"
  java "$here/bench/ConsoleLoad.java" "$base" "$id" "$token" "$clients" "$requests" > /dev/null
  c0=$(cpu)
  java "$here/bench/ConsoleLoad.java" "$base" "$id" "$token" "$clients" "$requests"
  echo "server CPU for these $((clients * requests)) requests: $(echo "$(cpu) - $c0" | bc) s"
  cookie=$(curl -s -c - "$base/login" | awk '/tansa_session/ {print $7}')
  csrf=$(curl -s -b "tansa_session=$cookie" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p')
  session=$(curl -s -o /dev/null -D - -b "tansa_session=$cookie" --data-urlencode "user=bench" --data-urlencode "password=bench password" \
    --data-urlencode "_csrf=$csrf" "$base/login" | sed -n 's/^Set-Cookie: tansa_session=\([^;]*\).*/\1/p')
  java "$here/bench/ConsoleLoad.java" "$base" "$id" "$session" "$clients" "$requests" page > /dev/null
  c0=$(cpu)
  java "$here/bench/ConsoleLoad.java" "$base" "$id" "$session" "$clients" "$requests" page
  echo "server CPU for these $((clients * requests)) pages: $(echo "$(cpu) - $c0" | bc) s"
}

echo "== DuckDB: $case"
"${tansa[@]}" serve --case "$case" --port "$port" -q & server=$!
load "$(basename "$case")"
kill "$server"; wait "$server" 2>/dev/null || true; server=""

if [[ -n "${TANSA_BENCH_DB:-}" ]]; then
  # the same case copied into PostgreSQL once (case name console-bench); its user and a token each run
  if ! "${tansa[@]}" case list --db "$TANSA_BENCH_DB" -f jsonl 2>/dev/null | grep -q '"console-bench"'; then
    java -cp "$jar" "$here/bench/GenPostgresCase.java" "$case" "$TANSA_BENCH_DB" console-bench
  fi
  pg=(--db "$TANSA_BENCH_DB" --case-id console-bench)
  printf 'bench password\n' | "${tansa[@]}" user add "${pg[@]}" --name bench --role viewer --password-stdin -q
  token=$("${tansa[@]}" token create "${pg[@]}" --user bench)
  echo "== PostgreSQL: case console-bench in $TANSA_BENCH_DB"
  "${tansa[@]}" serve --db "$TANSA_BENCH_DB" --case-id console-bench --port "$port" -q & server=$!
  load console-bench
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
