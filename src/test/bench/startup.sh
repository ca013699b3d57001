#!/usr/bin/env bash
# Weft start-up benchmark: a PostgreSQL schema of N tables (8 columns each, 2 foreign keys each, 3 rows each;
# src/test/resources/bench/wide-schema.sql) for N = 100, 1,000 and 5,000. For each N it starts target/weft.jar
# with a fixed heap (-Xmx512m up to 1,000 tables, -Xmx1g above), waits until a nested query answers, runs
# GraphiQL's full introspection query, and prints: Weft's own start-up (catalog and schemas), the whole
# application's start-up, the peak heap in use during start-up (largest heap before a GC, from -Xlog:gc)
# and the heap still in use once started (after a full GC).
#
#   bash src/test/bench/startup.sh                 # from the repository root; needs PostgreSQL
#   TABLES="1000 5000" bash src/test/bench/startup.sh
#   TABLES=5000 XMX=512m bash src/test/bench/startup.sh     # another heap
set -euo pipefail
cd "$(dirname "$0")/../../.."
TABLES=${TABLES:-"100 1000 5000"}
PORT=${PORT:-18092}
DB=weft_bench_startup_$$
OUT=target/bench/startup
mkdir -p "$OUT"

source src/test/bench/jdk.sh # from the repository root

echo "== build"
[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B -DskipTests package

pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" || true
}
trap cleanup EXIT

NESTED='{ wide_t0003(order_by: [{id: asc}]) { id name parent { id parent { id name } } t0004(order_by: [{id: asc}]) { id } } }'
python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$NESTED" > "$OUT/nested.json"
python3 - "$OUT/introspection.json" <<'PY'
import json, sys
q = """query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name }
  types { ...FullType } directives { name description locations args { ...InputValue } } } }
fragment FullType on __Type { kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue } interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name ofType { kind name } } } } } } } }"""
json.dump({"query": q}, open(sys.argv[1], "w"))
PY

printf '\n%-7s %-9s %-14s %-14s %-15s %-15s %-13s %s\n' tables xmx weft-start app-start peak-heap heap-after-gc introspection result
for n in $TABLES; do
  xmx=512m; [ "$n" -gt 1000 ] && xmx=1g; xmx=${XMX:-$xmx}
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  psql -q -h 127.0.0.1 -U postgres -d "$DB" -f src/test/resources/bench/wide-schema.sql -c "CALL weft_wide_schema($n)" > /dev/null
  printf 'weft:\n  relationships: %s/none.yml\n  services:\n    wide: { kind: postgres, url: "jdbc:postgresql://127.0.0.1:5432/%s", username: postgres }\n' \
    "$PWD/$OUT" "$DB" > "$OUT/weft.yml"
  echo "relationships: []" > "$OUT/none.yml"
  "$JAVA_HOME/bin/java" -Xmx$xmx -Xlog:gc:file="$OUT/gc-$n.log" -jar target/weft.jar --server.port=$PORT \
    --spring.config.additional-location="file:$OUT/weft.yml" > "$OUT/weft-$n.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q "Started WeftApplication\|APPLICATION FAILED" "$OUT/weft-$n.log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if ! grep -q "Started WeftApplication" "$OUT/weft-$n.log"; then
    printf '%-7s %-9s did not start, see %s\n' "$n" "$xmx" "$OUT/weft-$n.log"; kill "$pid" 2>/dev/null || true; pid=; continue
  fi
  nested=$(curl -s -X POST -H 'Content-Type: application/json' --data @"$OUT/nested.json" "http://127.0.0.1:$PORT/graphql")
  t0=$(date +%s%N)
  curl -s -X POST -H 'Content-Type: application/json' --data @"$OUT/introspection.json" "http://127.0.0.1:$PORT/graphql" > "$OUT/introspection-$n.out"
  intro_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  types=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["data"]["__schema"]["types"]))' "$OUT/introspection-$n.out")
  echo "$nested" > "$OUT/nested-$n.out"
  ok=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); r=d["data"]["wide_t0003"]; print("ok" if len(r)==3 and r[0]["parent"]["parent"]["name"]=="t0001-1" and r[2]["t0004"]==[{"id":3}] else "WRONG " + sys.argv[1][:200])' "$nested")
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run > /dev/null
  after=$("$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
  peak=$(grep -oE '[0-9]+M->[0-9]+M' "$OUT/gc-$n.log" | cut -dM -f1 | sort -n | tail -1)
  weft=$(grep -oE 'start-up took [0-9]+ ms' "$OUT/weft-$n.log" | grep -oE '[0-9]+')
  app=$(grep -oE 'Started WeftApplication in [0-9.]+ seconds' "$OUT/weft-$n.log" | grep -oE '[0-9.]+')
  printf '%-7s %-9s %-14s %-14s %-15s %-15s %-13s %s\n' "$n" "$xmx" "$((weft / 1000)).$(( (weft % 1000) / 100 )) s" "$app s" \
    "${peak:-?} MB" "$((after / 1024)) MB" "$intro_ms ms" "$ok, $types types"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
done
