#!/usr/bin/env bash
# Ingest throughput of `steppe ingest` on the seeds copied ten times, in two
# runs on fresh stores:
#   copies    ten identical copies of every seed file: every copy after the
#             first is a duplicate, so this measures reading, checking and
#             de-duplication, with one write per distinct article;
#   distinct  ten copies whose words "the" are marked with the copy's
#             number, so that every article is new and written.
# Usage: bench/ingest_throughput.sh [SEED_DIR] (default ../shared/data/seeds);
# COPIES=n changes the number of copies, STEPPE_BINARY the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
steppe=${STEPPE_BINARY:-build/steppe}
seeds=${1:-../shared/data/seeds}
copies=${COPIES:-10}
[ -x "$steppe" ] || { echo "ingest_throughput: build $steppe first (bash scripts/build.sh)" >&2; exit 1; }
[ -d "$seeds" ] || { echo "ingest_throughput: no seed folder at $seeds" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/copies" "$work/distinct"
for k in $(seq 1 "$copies"); do
  for f in "$seeds"/*.txt; do
    name=$(basename "$f" .txt)
    cp "$f" "$work/copies/${name}_$k.txt"
    sed "s/ the / the$k /gI" "$f" >"$work/distinct/${name}_$k.txt"
  done
done

for run in copies distinct; do
  start=$(date +%s.%N)
  report=$("$steppe" ingest "$work/$run" --db "$work/db-$run" --json)
  end=$(date +%s.%N)
  python3 - "$run" "$copies" "$start" "$end" "$report" <<'PY'
import json, sys
run, copies, start, end, report = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), json.loads(sys.argv[5])
mb = report["bytes"] / 1e6
wall = end - start
print(f"seeds x{copies} ({run:8}): {mb:.2f} MB, {report['blocks']} article blocks, "
      f"{report['distinct']} distinct, {report['written']} written; "
      f"ingest {report['seconds']:.3f} s = {mb / report['seconds']:.1f} MB/s "
      f"(whole process {wall:.3f} s = {mb / wall:.1f} MB/s)")
PY
done
