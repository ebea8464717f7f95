#!/usr/bin/env bash
# The README's first command. Sets up and builds Steppe, ingests
# examples/corpus/ into the default store, prints what the store holds,
# answers the example queries (examples/queries.cypher), writes the example
# report, says where it is, then serves HTTP on 127.0.0.1:7474 in the
# foreground (Ctrl-C stops it).
#
# STEPPE_DB picks the store (default data/steppe.db); STEPPE_PORT the port.
# Writes over HTTP need the token in data/token (made here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh build
steppe=build/steppe
db=${STEPPE_DB:-data/steppe.db}
mkdir -p "$(dirname "$db")"

echo "== ingest examples/corpus into $db"
"$steppe" ingest examples/corpus --db "$db"

echo "== what the store holds"
"$steppe" query "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS nodes ORDER BY label" --db "$db"
"$steppe" query "MATCH ()-[r]->() RETURN type(r) AS relationship, count(*) AS edges ORDER BY relationship" --db "$db"

echo "== example queries (examples/queries.cypher)"
python3 - "$steppe" "$db" <<'PY'
import re, subprocess, sys
steppe, db = sys.argv[1:]
text = open("examples/queries.cypher", encoding="utf-8").read()
for statement in re.sub(r"(?m)^\s*//.*$", "", text).split(";"):
    statement = " ".join(statement.split())
    if statement:
        print(f"\n{statement}")
        subprocess.run([steppe, "query", statement, "--db", db], check=False)
PY

echo "== example report"
python3 examples/report/make_report.py --steppe "$steppe" --db "$db"

token_file=data/token
if [ ! -s "$token_file" ]; then
  head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$token_file"
  chmod 600 "$token_file"
fi
echo "== serving $db on http://127.0.0.1:${STEPPE_PORT:-7474}/ (writes: Authorization: Bearer \$(cat $token_file))"
exec "$steppe" serve --db "$db" --port "${STEPPE_PORT:-7474}" --token-file "$token_file"
