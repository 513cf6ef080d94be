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
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${TANSA_SHARED:-$here/../shared}"
events="${1:-1000000}"
clients="${2:-20}"
requests="${3:-50}"
[[ -f "$here/app/target/tansa.jar" ]] || (cd "$here" && mvn -B -q -DskipTests package)
jar="$here/app/target/tansa.jar"
tansa=(java ${TANSA_JAVA_OPTS:--Xmx2g} -jar "$jar")
work=$(mktemp -d)
server=""
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [[ -n "${TANSA_BENCH_CASE:-}" ]]; then
  mkdir -p "$work/bench" && cp "$TANSA_BENCH_CASE/case.duckdb" "$work/bench/"
else
  "${tansa[@]}" case init "$work/bench" -q
  "${tansa[@]}" ingest --case "$work/bench" -q -r "$shared/sigma/rules/windows" "$shared/corpus/evtx" -f json > /dev/null
fi
java -cp "$jar" "$here/bench/GenConsoleCase.java" "$work/bench" "$events"
printf 'bench password\n' | "${tansa[@]}" user add --case "$work/bench" --name bench --role viewer --password-stdin -q
token=$("${tansa[@]}" token create --case "$work/bench" --user bench)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${tansa[@]}" serve --case "$work/bench" --port "$port" -q & server=$!
for _ in $(seq 120); do curl -s -o /dev/null "http://127.0.0.1:$port/api/openapi.json" && break; sleep 0.5; done
base="http://127.0.0.1:$port"
# warm-up: one pass of the mix by one client
java "$here/bench/ConsoleLoad.java" "$base" bench "$token" 1 10 > /dev/null
java "$here/bench/ConsoleLoad.java" "$base" bench "$token" "$clients" "$requests"
# the HTML page with a browser session
cookie=$(curl -s -c - "$base/login" | awk '/tansa_session/ {print $7}')
csrf=$(curl -s -b "tansa_session=$cookie" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p')
session=$(curl -s -o /dev/null -D - -b "tansa_session=$cookie" --data-urlencode "user=bench" --data-urlencode "password=bench password" \
  --data-urlencode "_csrf=$csrf" "$base/login" | sed -n 's/^Set-Cookie: tansa_session=\([^;]*\).*/\1/p')
java "$here/bench/ConsoleLoad.java" "$base" bench "$session" "$clients" "$requests" page
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
