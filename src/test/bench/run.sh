#!/usr/bin/env bash
# Weft benchmark: "the first 100 customers with all their orders", customers in MariaDB (10,000 rows),
# orders in PostgreSQL (100,000 rows, indexed on customer_id), joined by a virtual relationship.
# Drives Weft and a hand-written Spring MVC endpoint (same JSON from the same two SQL statements)
# with wrk at 16 connections for 15 s each, alternating, and prints requests/s, p50/p99 and the ratio.
#
#   bash src/test/bench/run.sh            # from the repository root; needs wrk, PostgreSQL, MariaDB
#   ROUNDS=3 DURATION=15s bash src/test/bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
WEFT_PORT=18090
BASE_PORT=18091
DB=weft_bench
OUT=target/bench
mkdir -p "$OUT"

for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  [ -n "$home" ] && [ -x "$home/bin/java" ] && "$home/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' && export JAVA_HOME="$home" && break
done
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

echo "== build"
./mvnw -q -B -DskipTests package
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=test

echo "== seed: 10,000 customers in MariaDB, 100,000 orders in PostgreSQL"
mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB; USE $DB;
  CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(60) NOT NULL, email VARCHAR(80) NOT NULL);
  INSERT INTO customers SELECT seq, CONCAT('Customer ', seq), CONCAT('c', seq, '@example.com') FROM seq_1_to_10000;"
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -q -h 127.0.0.1 -U postgres -d $DB -c "
  CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, total NUMERIC(10,2) NOT NULL,
                       created_at TIMESTAMP NOT NULL, status VARCHAR(12) NOT NULL);
  INSERT INTO orders SELECT g, 1 + (g * 7919) % 10000, round((random() * 1000)::numeric, 2),
         timestamp '2024-01-01' + g * interval '1 minute', (ARRAY['new','paid','shipped'])[1 + g % 3]
    FROM generate_series(1, 100000) g;
  CREATE INDEX orders_customer ON orders (customer_id); ANALYZE orders;"

cat > "$OUT/weft.yml" <<YAML
weft:
  relationships: $OUT/relationships.yml
  services:
    crm: { kind: mariadb, url: "jdbc:mariadb://127.0.0.1:3306/$DB", username: root, password: "" }
    shop: { kind: postgres, url: "jdbc:postgresql://127.0.0.1:5432/$DB", username: postgres }
YAML
cat > "$OUT/relationships.yml" <<YAML
relationships:
  - { service: crm, table: customers, name: orders, type: has_many, field: id,
      ref_service: shop, ref_table: orders, ref_field: customer_id }
YAML
QUERY='{ crm_customers(order_by: [{id: asc}], limit: 100) { id name email orders(order_by: [{id: asc}]) { id total created_at status } } }'
python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$QUERY" > "$OUT/body.json"
cat > "$OUT/post.lua" <<'LUA'
local f = io.open("target/bench/body.json", "r"); wrk.body = f:read("*a"); f:close()
wrk.method = "POST"; wrk.headers["Content-Type"] = "application/json"
LUA

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $DB" || true
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" || true
}
trap cleanup EXIT

echo "== start Weft (:$WEFT_PORT) and the baseline (:$BASE_PORT)"
"$JAVA_HOME/bin/java" -jar target/weft.jar --server.port=$WEFT_PORT --logging.level.root=WARN \
  --spring.config.additional-location="file:$OUT/weft.yml" > "$OUT/weft.log" 2>&1 &
pids+=($!)
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")" dev.weftbench.BaselineApplication \
  --server.port=$BASE_PORT --logging.level.root=WARN --spring.threads.virtual.enabled=true \
  --bench.customers-url="jdbc:mariadb://127.0.0.1:3306/$DB" --bench.orders-url="jdbc:postgresql://127.0.0.1:5432/$DB" \
  > "$OUT/baseline.log" 2>&1 &
pids+=($!)
for port in $WEFT_PORT $BASE_PORT; do
  for _ in $(seq 1 90); do curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' --data @"$OUT/body.json" \
    "http://127.0.0.1:$port/graphql" && break; sleep 1; done
done

echo "== same answer from both"
curl -s -X POST -H 'Content-Type: application/json' --data @"$OUT/body.json" http://127.0.0.1:$WEFT_PORT/graphql > "$OUT/weft.json"
curl -s -X POST -H 'Content-Type: application/json' --data @"$OUT/body.json" http://127.0.0.1:$BASE_PORT/graphql > "$OUT/baseline.json"
python3 - "$OUT/weft.json" "$OUT/baseline.json" <<'PY'
import json, sys
from decimal import Decimal
a, b = (json.load(open(p), parse_float=Decimal) for p in sys.argv[1:3])
assert a == b, "Weft and the baseline answer differently"
customers = a["data"]["crm_customers"]
print(f"identical JSON: {len(customers)} customers, {sum(len(c['orders']) for c in customers)} orders")
PY

run() { # name port duration -> appends "name rps p50 p99" to results
  wrk -t2 -c"$CONNECTIONS" -d"$3" --latency -s "$OUT/post.lua" "http://127.0.0.1:$2/graphql" > "$OUT/wrk-$1.txt"
  python3 - "$1" "$OUT/wrk-$1.txt" <<'PY' >> "$OUT/results.txt"
import re, sys
text = open(sys.argv[2]).read()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p = {m.group(1): ms(m.group(2), m.group(3)) for m in re.finditer(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", text, re.M)}
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors: sys.exit(f"{sys.argv[1]}: {errors.group(1)} failed responses")
print(sys.argv[1].split("-")[0], rps, p["50"], p["99"])
PY
}
echo "== warm-up"
: > "$OUT/results.txt"
run weft-warm $WEFT_PORT "${WARMUP:-20s}"; run baseline-warm $BASE_PORT "${WARMUP:-20s}"
: > "$OUT/results.txt"
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: $CONNECTIONS connections, $DURATION each"
  run "weft-$round" $WEFT_PORT "$DURATION"
  run "baseline-$round" $BASE_PORT "$DURATION"
done
python3 - "$OUT/results.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
def med(name, i): return statistics.median(float(r[i]) for r in rows if r[0] == name)
print()
print(f"{'':10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}   (medians of {len(rows)//2} rounds)")
for name in ("weft", "baseline"):
    print(f"{name:10} {med(name,1):9.0f} {med(name,2):8.2f} {med(name,3):8.2f}")
print(f"\nWeft throughput = {med('weft',1)/med('baseline',1):.0%} of the hand-written endpoint (target: 70% or better)")
PY
