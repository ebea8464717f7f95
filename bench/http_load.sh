#!/usr/bin/env bash
# A bounded HTTP load test on loopback with wrk: a look-up by name and a
# 2-hop query, each POSTed to /query for at most 30 s (HTTP_LOAD_SECONDS), and
# prints throughput and p50/p99 latency per query.
#
#   bash bench/http_load.sh [--db DIR]   (default: a fresh store of examples/corpus)
# Env: HTTP_LOAD_SECONDS (default 30, capped at 30), HTTP_LOAD_CONNECTIONS (16),
#      HTTP_LOAD_THREADS (2), STEPPE_BUILD (build).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "http_load: wrk is missing (apt-get install wrk)"; exit 1; }
steppe=${STEPPE_BUILD:-build}/steppe
[ -x "$steppe" ] || { echo "http_load: build $steppe first (bash scripts/build.sh)"; exit 1; }
seconds=${HTTP_LOAD_SECONDS:-30}
((seconds > 30)) && seconds=30
connections=${HTTP_LOAD_CONNECTIONS:-16}
threads=${HTTP_LOAD_THREADS:-2}

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

db=$work/store
if [ "${1:-}" = "--db" ]; then
  db=$2
else
  "$steppe" ingest examples/corpus --db "$db" >/dev/null
fi

"$steppe" serve --db "$db" --port 0 --read-only --threads 16 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 100); do
  grep -q "on http://" "$work/serve.log" 2>/dev/null && break
  sleep 0.1
done
base=$(grep -o "http://127.0.0.1:[0-9]*" "$work/serve.log" | head -1)
[ -n "$base" ] || { echo "http_load: the server did not start:"; cat "$work/serve.log"; exit 1; }

# Pick the names the queries use from the store itself: the official with the
# most MET edges, so the 2-hop query has work to do.
name=$(curl -s -X POST "$base/query" --data-binary \
  "MATCH (o:Official)-[m:MET]-() RETURN o.name AS name, count(m) AS meetings ORDER BY meetings DESC, name LIMIT 1" |
  python3 -c 'import json,sys; rows=json.load(sys.stdin)["rows"]; print(rows[0][0] if rows else "")')
[ -n "$name" ] || { echo "http_load: the store holds no meetings to query"; exit 1; }

declare -A queries=(
  [lookup]="MATCH (o:Official {name: \$name}) RETURN o.name, o.first_seen, o.last_seen"
  [two_hop]="MATCH (o:Official {name: \$name})-[:MET]-(x)-[:MET]-(y) WHERE y <> o RETURN DISTINCT y.name"
)
echo "http_load: $base, $seconds s per query, $connections connections, $threads threads, name: $name"
printf "%-8s %12s %10s %10s %8s\n" query "requests/s" p50 p99 errors
for kind in lookup two_hop; do
  body=$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1], "params": {"name": sys.argv[2]}}))' \
    "${queries[$kind]}" "$name")
  check=$(curl -s -o /dev/null -w "%{http_code}" -X POST "$base/query" -H "Content-Type: application/json" --data-binary "$body")
  [ "$check" = 200 ] || { echo "http_load: $kind answers HTTP $check"; exit 1; }
  cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [==[$body]==]
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.3f %.3f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
  result=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" -s "$work/post.lua" "$base/query" | grep '^RESULT')
  read -r _ rps p50 p99 errors <<<"$result"
  printf "%-8s %12s %8s ms %7s ms %8s\n" "$kind" "$rps" "$p50" "$p99" "$errors"
done
