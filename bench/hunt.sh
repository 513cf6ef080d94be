#!/usr/bin/env bash
# Sigma hunt cost: in one run of `tansa hunt --benchmark`, the time to load every rule under
# ../shared/sigma/rules*, then ROUNDS warm-up rounds (not counted: the JIT is still compiling) and
# ROUNDS measured rounds of alternating decode-only and hunt passes over the EVTX corpus (medians),
# their ratio and events/s; peak RSS of the whole process from /usr/bin/time -v.
#
#   bench/hunt.sh [ROUNDS]        (default 11; needs ../shared/corpus/evtx and ../shared/sigma)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${TANSA_SHARED:-$here/../shared}"
rounds="${1:-11}"
"$here/scripts/setup" --tests
[[ -f "$here/app/target/tansa.jar" ]] || (cd "$here" && mvn -B -q -DskipTests package)
jar="$here/app/target/tansa.jar"

rules=()
for d in "$shared"/sigma/rules*; do rules+=(--rules "$d"); done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
/usr/bin/time -v java ${TANSA_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -jar "$jar" hunt "$shared/corpus/evtx" "${rules[@]}" \
  -q --benchmark "$rounds" 2> "$log" || { cat "$log" >&2; exit 1; }
grep -v '^\s' "$log" | grep -v '^round' || true
rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
echo "peak RSS: $((rss / 1024)) MB (whole process, /usr/bin/time -v)"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
