#!/usr/bin/env bash
# Rule loading and the rule cache, whole process through ./tansa (its class-data archive, JIT and
# collector choice): `tansa rules check` over every rule under ../shared/sigma/rules* with the cache
# disabled (--no-cache), with an empty cache directory (parse, compile and write the entry) and
# warm; `tansa hunt` of ../shared/corpus/evtx with those rules cold (--no-cache) and warm. Each
# is run N times (median and range of the wall time, largest peak RSS from /usr/bin/time -v);
# then bench/hunt.sh ROUNDS for the hunt/decode ratio. Checks on the way that the hunt's JSONL
# and the rules-check report are byte-identical with and without the cache.
#
#   bench/rules.sh [N] [ROUNDS]     (defaults 5 and 11; needs ../shared/corpus/evtx and ../shared/sigma)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${TANSA_SHARED:-$here/../shared}"
n="${1:-5}"
rounds="${2:-11}"
tansa="$here/tansa"
"$tansa" --version > /dev/null # builds on first use

rules=()
hunt_rules=()
for d in "$shared"/sigma/rules*; do rules+=("$d"); hunt_rules+=(--rules "$d"); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TANSA_CACHE_DIR="$work/cache"

# measure LABEL SETUP -- COMMAND...: runs SETUP (a shell snippet) then COMMAND, N times
measure() {
  local label="$1" setup="$2"
  shift 3
  local times=() rss=0
  for ((i = 0; i < n; i++)); do
    eval "$setup"
    /usr/bin/time -v "$@" > "$work/out" 2> "$work/time" || true
    local wall kb
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + p[j]; print s}' "$work/time")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
    times+=("$wall")
    ((kb > rss)) && rss=$kb
  done
  printf '%s\n' "${times[@]}" | sort -g > "$work/sorted"
  local median min max
  median=$(awk -v n="$n" 'NR == int((n + 1) / 2) {print}' "$work/sorted")
  min=$(head -1 "$work/sorted")
  max=$(tail -1 "$work/sorted")
  printf '%-44s median %5.2f s  (%.2f-%.2f s, %d runs)  peak RSS %4d MB\n' "$label" "$median" "$min" "$max" "$n" $((rss / 1024))
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; $(nproc) cores)"
measure "rules check, cache disabled (--no-cache)" "" -- "$tansa" rules check --no-cache "${rules[@]}"
cp "$work/out" "$work/check-cold.txt"
measure "rules check, empty cache dir (cold + write)" 'rm -rf "$TANSA_CACHE_DIR"' -- "$tansa" rules check "${rules[@]}"
measure "rules check, warm cache" "" -- "$tansa" rules check "${rules[@]}"
cmp -s "$work/out" "$work/check-cold.txt" && same_check=yes || same_check=NO
measure "hunt, cache disabled (--no-cache)" "" -- "$tansa" hunt "$shared/corpus/evtx" "${hunt_rules[@]}" -q --no-summary \
  -f jsonl --no-cache
cp "$work/out" "$work/hunt-cold.jsonl"
measure "hunt, warm cache" "" -- "$tansa" hunt "$shared/corpus/evtx" "${hunt_rules[@]}" -q --no-summary -f jsonl
cmp -s "$work/out" "$work/hunt-cold.jsonl" && same_hunt=yes || same_hunt=NO
echo "identical with and without the cache: rules check report $same_check, hunt JSONL $same_hunt ($(wc -l < "$work/out") detections)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- bench/hunt.sh $rounds (hunt/decode ratio; java -jar with C2, rules from the warm cache):"
"$here/bench/hunt.sh" "$rounds" | grep -E 'ratio|rules:|decode only|hunt:|peak RSS'
