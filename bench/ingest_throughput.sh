#!/usr/bin/env bash
# Ingest throughput of `steppe ingest` on the seeds copied ten times, in two
# runs on fresh stores:
#   copies    ten identical copies of every seed file: every copy after the
#             first is a duplicate, so this measures reading, checking and
#             de-duplication, with one write per distinct article;
#   distinct  ten copies whose words "the"/"The" are marked with the copy's
#             number ("the3"), so that every article is new and written.
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
    sed -E "s/\\b([Tt])he\\b/\\1he$k/g" "$f" >"$work/distinct/${name}_$k.txt"
  done
done

# Wall time depends on what else the machine runs; CPU time (user + system
# of the steppe process) does not, so both are printed.
python3 - "$steppe" "$work" "$copies" <<'PY'
import json, resource, subprocess, sys, time
steppe, work, copies = sys.argv[1:]
for run in ("copies", "distinct"):
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    out = subprocess.run([steppe, "ingest", f"{work}/{run}", "--db", f"{work}/db-{run}", "--json"],
                         check=True, capture_output=True, text=True).stdout
    wall = time.monotonic() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    report = json.loads(out)
    mb = report["bytes"] / 1e6
    print(f"seeds x{copies} ({run}): {mb:.2f} MB, {report['blocks']} article blocks, "
          f"{report['distinct']} distinct, {report['written']} written: "
          f"{mb / wall:.1f} MB/s wall ({wall:.3f} s), {mb / cpu:.1f} MB/s of CPU ({cpu:.3f} s)")
PY
