#!/usr/bin/env bash
# Steppe's side of ../shared/bench: generate (or reuse) the synthetic graphs,
# time `steppe import`, ask Q1-Q6 through the query engine, check the answers
# against queries.json and the peers' results, print medians and ratios.
#   bash bench/run_graph_bench.sh                 # N=100000
#   SCALES="100000 1000000" bash bench/run_graph_bench.sh
# PEERS is a writable copy of ../shared/bench in which run_all.sh ran (its
# data/<tag>/ CSVs and results/{kuzu,sqlite}_<tag>.json are reused); without
# it the data is generated under $WORK and answers are checked against
# queries.json only.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALES=${SCALES:-100000}
SHARED=${SHARED:-$(cd .. && pwd)/shared}
PEERS=${PEERS:-/tmp/peer-bench}
WORK=${WORK:-/tmp/steppe-graph-bench}
BUILD=${BUILD:-build}
REPS=${REPS:-10}

[ -f "$BUILD/CMakeCache.txt" ] || cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"${STEPPE_JOBS:-2}" --target steppe graph_bench >/dev/null
mkdir -p "$WORK/results"

tag() { case $1 in 10000) echo n10k;; 100000) echo n100k;; 1000000) echo n1m;; *) echo "n$1";; esac; }
for N in $SCALES; do
  T=$(tag "$N")
  DATA=$PEERS/data/$T
  [ -f "$DATA/manifest.json" ] || DATA=$WORK/data/$T
  [ -f "$DATA/manifest.json" ] || python3 "$SHARED/bench/gen_graph.py" "$N" "$DATA"
  peer_args=()
  for peer in kuzu sqlite; do
    f=$PEERS/results/${peer}_$T.json
    [ -f "$f" ] && peer_args+=(--peer "$peer=$f")
  done
  echo "== N=$N  data $DATA"
  "$BUILD/bench/graph_bench" "$DATA" "$WORK/db_$T" --steppe "$BUILD/steppe" --reps "$REPS" \
    "${peer_args[@]}" --out "$WORK/results/steppe_$T.json" | tee "$WORK/results/steppe_$T.log"
done
