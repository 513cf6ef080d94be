#!/usr/bin/env bash
# Events/s of the Flink detection job (tansa stream) at parallelism 1 and 2, excluding start-up,
# the scaling ratio, and hunt's events/s on the same input, every SigmaHQ rule, in one JVM.
# Usage: bench/stream.sh [COPIES]   (the EVTX corpus shipped COPIES times; default 6)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
shared="${TANSA_SHARED:-$here/../shared}"
if [[ ! -f stream/target/tansa-stream.jar || ! -f app/target/tansa.jar ]]; then
  mvn -B -q -ntp -DskipTests package
fi
rules=()
for d in "$shared"/sigma/rules*; do rules+=("$d"); done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
/usr/bin/time -f "process: %e s wall, %U s user, %S s sys, peak RSS %M KB" \
  java -Xmx2g -XX:+UseParallelGC -cp "app/target/tansa.jar:stream/target/tansa-stream.jar:stream/target/lib/*" \
  tansa.stream.StreamBenchmark "${1:-6}" "$shared/corpus/evtx" "${rules[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
