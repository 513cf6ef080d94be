#!/usr/bin/env bash
# EVTX decode throughput: tansa (single thread and all cores) against Debian's evtxexport
# (libevtx-utils) over the same files: the corpus files larger than 1 MB, the set repeated
# REPEAT times so that JVM start-up is well under 10% of tansa's run. Whole-process wall time.
#
#   bench/evtx.sh [REPEAT] [RUNS]   (defaults 20 and 3; needs ../shared/corpus/evtx)
#
# Each measurement is the best (lowest wall time) of RUNS runs, for tansa and evtxexport alike,
# so that a moment of other load on the machine does not decide the ratio.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${TANSA_SHARED:-$here/../shared}/corpus/evtx"
repeat="${1:-20}"
runs="${2:-3}"
"$here/scripts/setup" --tests
"$here/tansa" --version > /dev/null # builds the jar first if the sources changed
jar="$here/app/target/tansa.jar"

mapfile -d '' files < <(find "$corpus" -name '*.evtx' -size +1M -print0 | sort -z)
set_bytes=$(du -cb "${files[@]}" | tail -1 | cut -f1)
args=()
for ((i = 0; i < repeat; i++)); do args+=("${files[@]}"); done
bytes=$((set_bytes * repeat))

now() { date +%s.%N; }
run() { # command... ; prints the best wall seconds of $runs runs and the peak RSS (KiB)
  local t0 t1 t best="" rss=0 r
  for ((r = 0; r < runs; r++)); do
    t0=$(now)
    /usr/bin/time -f '%M' -o /tmp/tansa-bench-rss "$@" > /dev/null 2>/tmp/tansa-bench-err || true
    t1=$(now)
    t=$(echo "$t1 - $t0" | bc -l)
    if [[ -z "$best" ]] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
    r_kb=$(tail -1 /tmp/tansa-bench-rss)
    (( r_kb > rss )) && rss=$r_kb
  done
  echo "$best $rss"
}

records=$(java -jar "$jar" dump -q --count "${files[@]}" 2>/dev/null | tail -1 | cut -f1)
records=$((records * repeat))
echo "best of $runs runs each"
echo "input: ${#files[@]} files > 1 MB, $((set_bytes / 1000000)) MB, repeated ${repeat}x: $((bytes / 1000000)) MB, $records records"

evtxexport_all() { for f in "$@"; do evtxexport "$f" > /dev/null 2>&1 || true; done; }
export -f evtxexport_all
# tansa runs through its launcher, with the JVM options users get.
read -r t_start _ < <(run "$here/tansa" --version)
read -r t1 rss1 < <(run "$here/tansa" dump -q --threads 1 "${args[@]}")
read -r tn rssn < <(run "$here/tansa" dump -q "${args[@]}")
read -r te rsse < <(run bash -c 'evtxexport_all "$@"' _ "${args[@]}")

fmt() { printf '%.2f' "$1"; }
echo "JVM start-up (tansa --version): $(fmt "$t_start") s = $(fmt "$(echo "100 * $t_start / $t1" | bc -l)")% of the single-thread run"
printf '%-28s %8s %12s %8s %10s\n' "run (dump to /dev/null)" "seconds" "records/s" "MB/s" "peak RSS"
printf '%-28s %8.2f %12.0f %8.1f %7d MB\n' "tansa, 1 thread" "$t1" "$(echo "$records / $t1" | bc -l)" "$(echo "$bytes / 1000000 / $t1" | bc -l)" $((rss1 / 1024))
printf '%-28s %8.2f %12.0f %8.1f %7d MB\n' "tansa, $(nproc) threads" "$tn" "$(echo "$records / $tn" | bc -l)" "$(echo "$bytes / 1000000 / $tn" | bc -l)" $((rssn / 1024))
printf '%-28s %8.2f %12s %8.1f\n' "evtxexport (libevtx)" "$te" "-" "$(echo "$bytes / 1000000 / $te" | bc -l)"
echo "ratio evtxexport/tansa: single thread $(fmt "$(echo "$te / $t1" | bc -l)")x (target >= 3), all cores $(fmt "$(echo "$te / $tn" | bc -l)")x (target >= 5)"

# Memory whatever the input size: one ~1 GB file made of a real file's chunks repeated.
big="${TMPDIR:-/tmp}/tansa-bench-big.evtx"
src="$corpus/DeepBlueCLI/smb-password-guessing-security.evtx"
if [[ ! -f "$big" ]]; then
  { head -c 4096 "$src"; for ((i = 0; i < 330; i++)); do tail -c +4097 "$src"; done; } > "$big"
fi
read -r tb rssb < <(run "$here/tansa" dump -q "$big")
echo "one $(( $(stat -c %s "$big") / 1000000 )) MB file: dump in $(fmt "$tb") s, peak RSS $((rssb / 1024)) MB (target <= 512 MB)"
rm -f "$big"
