#!/usr/bin/env bash
# Weft benchmark: three queries, each against a hand-written Spring MVC endpoint that answers the same JSON
# (src/test/java/dev/weftbench/BaselineEndpoints.java: JDBC, one statement per level, records, Jackson):
#   cross   the first 100 customers (MariaDB, 10,000 rows) with all their orders (PostgreSQL, 100,000 rows,
#           indexed on customer_id), joined by a virtual relationship: 1,000 orders, two databases
#   flat    the first 1,000 orders (PostgreSQL): id, customer_id, total (numeric), created_at (timestamp), status
#   nested  the first 100 customers with all their orders, both in PostgreSQL (a relationship in one database)
# It checks that both servers answer each query with the same JSON (parsed, and says whether byte for byte),
# warms both up, then drives each query with wrk at 16 connections, Weft and the baseline alternating (the
# order flips every round), and prints per round and as medians: requests/s, p50, p99 and CPU per request
# (the server JVM's utime+stime from /proc/<pid>/stat over the run, divided by the requests it served), the
# ratios Weft/hand-written, and the load average at the start and the end (the machine may be shared: CPU
# per request is the figure that holds then).
#
#   bash src/test/bench/run.sh            # from the repository root; needs wrk, PostgreSQL, MariaDB
#   ROUNDS=5 DURATION=10s WARMUP=45s QUERIES=cross,flat bash src/test/bench/run.sh
#
# ROUNDS (3), DURATION per run (15s), WARMUP per server and query (30s: Weft has more code for the JIT to compile
# than the baseline, and a busy machine compiles slowly), CONNECTIONS (16), QUERIES (cross,flat,nested);
# WEFT_PORT (18090), BASE_PORT (18091) and BENCH_DB (weft_bench, dropped at the end) keep two runs apart;
# SOURCE_JSON_THRESHOLD sets weft.source-json-threshold (0: PostgreSQL builds the JSON of every level here).
# Results: target/bench/results.txt (one line per run), target/bench/summary.txt. The serialization path alone
# is measured by JMH: src/test/bench/jmh.sh.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-16}
QUERIES=${QUERIES:-cross,flat,nested}
WEFT_PORT=${WEFT_PORT:-18090}
BASE_PORT=${BASE_PORT:-18091}
DB=${BENCH_DB:-weft_bench}
OUT=target/bench
mkdir -p "$OUT"
IFS=, read -ra QUERY_NAMES <<< "$QUERIES"
for q in "${QUERY_NAMES[@]}"; do
  case $q in cross|flat|nested) ;; *) echo "QUERIES: unknown query '$q' (cross, flat, nested)" >&2; exit 2 ;; esac
done

source src/test/bench/common.sh

echo "== build"
./mvnw -q -B -DskipTests package
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=test

echo "== seed: 10,000 customers in MariaDB and in PostgreSQL, 100,000 orders in PostgreSQL"
seed_bench_data
write_weft_config ${SOURCE_JSON_THRESHOLD:+"source-json-threshold: $SOURCE_JSON_THRESHOLD"}
query_of() {
  case $1 in
    cross) echo '{ crm_customers(order_by: [{id: asc}], limit: 100) { id name email orders(order_by: [{id: asc}]) { id total created_at status } } }' ;;
    flat) echo '{ shop_orders(order_by: [{id: asc}], limit: 1000) { id customer_id total created_at status } }' ;;
    nested) echo '{ shop_customers(order_by: [{id: asc}], limit: 100) { id name email orders(order_by: [{id: asc}]) { id total created_at status } } }' ;;
  esac
}
for q in "${QUERY_NAMES[@]}"; do
  write_post_script "$q" "$(query_of "$q")"
done

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  drop_bench_data
}
trap cleanup EXIT

echo "== start Weft (:$WEFT_PORT) and the baseline (:$BASE_PORT)"
"$JAVA_HOME/bin/java" -jar target/weft.jar --server.port=$WEFT_PORT --logging.level.root=WARN \
  --spring.config.additional-location="file:$OUT/weft.yml" > "$OUT/weft.log" 2>&1 &
WEFT_PID=$!; pids+=($WEFT_PID)
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")" dev.weftbench.BaselineApplication \
  --server.port=$BASE_PORT --logging.level.root=WARN --spring.threads.virtual.enabled=true \
  --bench.customers-url="jdbc:mariadb://127.0.0.1:3306/$DB" --bench.orders-url="jdbc:postgresql://127.0.0.1:5432/$DB" \
  > "$OUT/baseline.log" 2>&1 &
BASE_PID=$!; pids+=($BASE_PID)
url() { # impl query
  if [ "$1" = weft ]; then echo "http://127.0.0.1:$WEFT_PORT/graphql"; else echo "http://127.0.0.1:$BASE_PORT/$2"; fi
}
q0=${QUERY_NAMES[0]}
for impl in weft baseline; do
  for _ in $(seq 1 90); do curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' --data @"$OUT/body-$q0.json" \
    "$(url $impl "$q0")" && break; sleep 1; done
done

echo "== same answer from both"
for q in "${QUERY_NAMES[@]}"; do
  for impl in weft baseline; do
    curl -sf -X POST -H 'Content-Type: application/json' --data @"$OUT/body-$q.json" "$(url $impl "$q")" > "$OUT/$impl-$q.json"
  done
  python3 - "$q" "$OUT/weft-$q.json" "$OUT/baseline-$q.json" <<'PY'
import json, sys
from decimal import Decimal
q, wp, bp = sys.argv[1:4]
wb, bb = open(wp, "rb").read(), open(bp, "rb").read()
a, b = (json.loads(x, parse_float=Decimal) for x in (wb, bb))
assert "errors" not in a, f"{q}: Weft answers errors: {a.get('errors')}"
assert a == b, f"{q}: Weft and the baseline answer differently ({wp}, {bp})"
(rows,) = a["data"].values()
nested = sum(len(r["orders"]) for r in rows if "orders" in r)
same = "byte for byte" if wb == bb else "parsed (not byte for byte)"
print(f"{q:7} same JSON {same}: {len(rows)} rows" + (f", {nested} nested" if nested else "") + f", {len(wb)} bytes")
PY
done

CLK_TCK=$(getconf CLK_TCK)
run() { # impl query round duration -> appends "query impl round rps p50 p99 cpu_ms_per_request requests" to results
  local port=$WEFT_PORT pid=$WEFT_PID before after
  [ "$1" = baseline ] && port=$BASE_PORT && pid=$BASE_PID
  before=$(cpu_ticks $pid)
  wrk -t2 -c"$CONNECTIONS" -d"$4" --latency -s "$OUT/post-$2.lua" "$(url "$1" "$2")" > "$OUT/wrk-$2-$1-$3.txt"
  after=$(cpu_ticks $pid)
  python3 - "$2" "$1" "$3" "$OUT/wrk-$2-$1-$3.txt" "$before" "$after" "$CLK_TCK" <<'PY' >> "$OUT/results.txt"
import re, sys
q, impl, rnd, path, before, after, tck = sys.argv[1:8]
text = open(path).read()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = int(re.search(r"(\d+) requests in", text).group(1))
p = {m.group(1): ms(m.group(2), m.group(3)) for m in re.finditer(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", text, re.M)}
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors: sys.exit(f"{q} {impl}: {errors.group(1)} failed responses")
cpu_ms = (int(after) - int(before)) * 1000.0 / int(tck) / max(requests, 1)
print(q, impl, rnd, rps, p["50"], p["99"], f"{cpu_ms:.3f}", requests)
PY
}

echo "== warm-up ($WARMUP per server and query)"
: > "$OUT/results.txt"
for q in "${QUERY_NAMES[@]}"; do run weft "$q" warm "$WARMUP"; run baseline "$q" warm "$WARMUP"; done
: > "$OUT/results.txt"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: $CONNECTIONS connections, $DURATION each (load $(cut -d' ' -f1-3 /proc/loadavg))"
  for q in "${QUERY_NAMES[@]}"; do
    if [ $((round % 2)) = 1 ]; then run weft "$q" "$round" "$DURATION"; run baseline "$q" "$round" "$DURATION"
    else run baseline "$q" "$round" "$DURATION"; run weft "$q" "$round" "$DURATION"; fi
  done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$OUT/results.txt" "$LOAD_START" "$LOAD_END" "$QUERIES" "$CONNECTIONS" "$DURATION" "$(nproc)" <<'PY' | tee "$OUT/summary.txt"
import statistics, sys
path, load_start, load_end, queries, connections, duration, cpus = sys.argv[1:8]
rows = [l.split() for l in open(path) if l.strip()]
print(f"\nper round ({connections} connections, {duration} each; CPU = server JVM user+system ms per request)")
print(f"{'query':7} {'server':9} {'round':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms':>7}")
for r in rows:
    print(f"{r[0]:7} {r[1]:9} {r[2]:>5} {float(r[3]):8.0f} {float(r[4]):8.2f} {float(r[5]):8.2f} {float(r[6]):7.3f}")
def med(q, impl, i): return statistics.median(float(r[i]) for r in rows if r[0] == q and r[1] == impl)
n = len({r[2] for r in rows})
print(f"\nmedians of {n} rounds; load average {load_start} at the start, {load_end} at the end ({cpus} CPUs)")
print(f"{'query':7} {'server':9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms':>7}")
for q in queries.split(","):
    for impl in ("weft", "baseline"):
        print(f"{q:7} {impl:9} {med(q,impl,3):8.0f} {med(q,impl,4):8.2f} {med(q,impl,5):8.2f} {med(q,impl,6):7.3f}")
print(f"\n{'query':7} {'throughput':>10} {'p99':>6} {'CPU/request':>11}   Weft / hand-written (target: throughput >= 1.0, p99 <= 1.0)")
for q in queries.split(","):
    print(f"{q:7} {med(q,'weft',3)/med(q,'baseline',3):10.2f} {med(q,'weft',5)/med(q,'baseline',5):6.2f}"
          f" {med(q,'weft',6)/med(q,'baseline',6):11.2f}")
PY
