#!/usr/bin/env bash
# Two builds of Weft side by side, under load at the same time: which one costs less CPU per request? run.sh
# measures Weft against the hand-written baseline one after the other, and on a shared machine the speed of the
# machine changes between runs by more than a change to Weft does; here both servers share every second of the
# run, so that change cancels out. It seeds run.sh's data set (common.sh), starts build A and build B (two jars),
# drives both with wrk at the same time (CONNECTIONS each), and takes per round each server's CPU per request
# (utime+stime from /proc/<pid>/stat over the round, divided by the requests it served), each one's p99 latency
# (wrk --latency) and the ratios B/A. Then
# it restarts both with their places swapped (ports and start order: a second server can be measured a few per
# cent slower than an identical first one) and runs the rounds again. The ratio reported is the geometric mean
# of the two passes' medians: below 1.0 B costs less than A.
#
#   bash src/test/bench/ab.sh A.jar B.jar                     # from the repository root; needs wrk, PostgreSQL, MariaDB
#   ROUNDS=10 QUERIES=cross bash src/test/bench/ab.sh /tmp/before.jar target/weft.jar
#
# B may be the word baseline: then B is run.sh's hand-written endpoints (src/test/java/dev/weftbench), which gives
# Weft's CPU per request against them without the drift of the machine between run.sh's sequential runs.
# To build the jar of another revision: git worktree add /tmp/before <rev> && (cd /tmp/before && ./mvnw -q
# -DskipTests package) and pass /tmp/before/target/weft.jar. QUERIES (cross,nested), ROUNDS per pass (8),
# DURATION per round (8s), WARMUP per server and query (60s: under this load Weft's JIT still compiles a few
# hundred methods a minute 30 s in, and settles after about 90 s), CONNECTIONS per server (8), PORTS (18096,18097),
# BENCH_DB (weft_bench_ab, dropped at the end), PACE (0): milliseconds each connection waits between its requests in
# the measured rounds. With 0 both servers run flat out, and on 2 cores their p99 is mostly the operating system's
# run queue (per-round p99 ratios from 0.4 to 2.2 within one run); PACE=25 offers about half of what they serve,
# and p99 is then each server's own tail. JAVA_OPTS: JVM options given to both servers (e.g. "-Xms1g -Xmx1g": a fixed
# heap, so that G1 does not size the two servers' young generations differently and collect one more often).
# Results: target/bench/ab.txt (one line per round), ab-summary.txt.
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ $# = 2 ] && [ -f "$1" ] && { [ -f "$2" ] || [ "$2" = baseline ]; } || { echo "usage: $0 A.jar B.jar|baseline" >&2; exit 2; }
JAR_A=$(realpath "$1")
JAR_B=$2; [ "$JAR_B" = baseline ] || JAR_B=$(realpath "$2")
QUERIES=${QUERIES:-cross,nested}
ROUNDS=${ROUNDS:-8}
DURATION=${DURATION:-8s}
WARMUP=${WARMUP:-60s}
CONNECTIONS=${CONNECTIONS:-8}
IFS=, read -r PORT1 PORT2 <<< "${PORTS:-18096,18097}"
DB=${BENCH_DB:-weft_bench_ab}
OUT=target/bench
mkdir -p "$OUT"
IFS=, read -ra QUERY_NAMES <<< "$QUERIES"
source src/test/bench/common.sh

echo "== seed: run.sh's data set in $DB"
seed_bench_data
write_weft_config
write_post_script cross '{ crm_customers(order_by: [{id: asc}], limit: 100) { id name email orders(order_by: [{id: asc}]) { id total created_at status } } }'
write_post_script flat '{ shop_orders(order_by: [{id: asc}], limit: 1000) { id customer_id total created_at status } }'
write_post_script nested '{ shop_customers(order_by: [{id: asc}], limit: 100) { id name email orders(order_by: [{id: asc}]) { id total created_at status } } }'
PACE=${PACE:-0}
JAVA_OPTS=${JAVA_OPTS:-} # the same JVM options for both servers, e.g. -Xms1g -Xmx1g
for q in cross flat nested; do # the measured rounds' scripts: the warm-up always runs flat out
  cp "$OUT/post-$q.lua" "$OUT/round-$q.lua"
  [ "$PACE" = 0 ] || echo "function delay() return $PACE end" >> "$OUT/round-$q.lua"
done

pids=()
stop_servers() { # the servers were started in subshells: wait until they are gone (pass 2 takes their ports)
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; done
  pids=()
}
trap 'stop_servers; drop_bench_data' EXIT

if [ "$JAR_B" = baseline ]; then
  ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=test
fi
start() { # jar|baseline port -> pid
  if [ "$1" = baseline ]; then
    "$JAVA_HOME/bin/java" $JAVA_OPTS -cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")" dev.weftbench.BaselineApplication \
      --server.port="$2" --logging.level.root=WARN --spring.threads.virtual.enabled=true \
      --bench.customers-url="jdbc:mariadb://127.0.0.1:3306/$DB" --bench.orders-url="jdbc:postgresql://127.0.0.1:5432/$DB" \
      > "$OUT/ab-$2.log" 2>&1 &
  else
    "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$1" --server.port="$2" --logging.level.root=WARN \
      --spring.config.additional-location="file:$OUT/weft.yml" > "$OUT/ab-$2.log" 2>&1 &
  fi
  echo $!
}
url() { # jar|baseline port query
  if [ "$1" = baseline ]; then echo "http://127.0.0.1:$2/$3"; else echo "http://127.0.0.1:$2/graphql"; fi
}
wait_up() { # jar|baseline port
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' --data @"$OUT/body-cross.json" "$(url "$1" "$2" cross)" && return
    sleep 1
  done
  echo "no answer on port $2 ($OUT/ab-$2.log)" >&2; exit 1
}
CLK_TCK=$(getconf CLK_TCK)
both() { # pass query duration label: loads A and B at the same time, appends "pass query round a_cpu b_cpu a_req b_req a_p99 b_p99"
  local a0 b0 a1 b1 script=round
  [ "$4" = warm ] && script=post
  a0=$(cpu_ticks "$PID_A"); b0=$(cpu_ticks "$PID_B")
  wrk -t1 -c"$CONNECTIONS" -d"$3" --latency -s "$OUT/$script-$2.lua" "$(url "$JAR_A" "$PORT_A" "$2")" > "$OUT/ab-wrk-a.txt" &
  local wa=$!
  wrk -t1 -c"$CONNECTIONS" -d"$3" --latency -s "$OUT/$script-$2.lua" "$(url "$JAR_B" "$PORT_B" "$2")" > "$OUT/ab-wrk-b.txt" &
  wait $wa $!
  a1=$(cpu_ticks "$PID_A"); b1=$(cpu_ticks "$PID_B")
  python3 - "$1" "$2" "$4" "$((a1 - a0))" "$((b1 - b0))" "$CLK_TCK" "$OUT/ab-wrk-a.txt" "$OUT/ab-wrk-b.txt" <<'PY' >> "$OUT/ab.txt"
import re, sys
pass_, q, label, da, db, tck, wa, wb = sys.argv[1:9]
def requests(path):
    text = open(path).read()
    if re.search(r"Non-2xx or 3xx responses: (\d+)", text):
        sys.exit(f"{q}: failed responses ({path})")
    return int(re.search(r"(\d+) requests in", text).group(1))
def p99(path): # milliseconds, from wrk's latency distribution
    m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)", open(path).read(), re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
ra, rb = requests(wa), requests(wb)
ms = lambda ticks, n: int(ticks) * 1000.0 / int(tck) / max(n, 1)
print(pass_, q, label, f"{ms(da, ra):.3f}", f"{ms(db, rb):.3f}", ra, rb, f"{p99(wa):.2f}", f"{p99(wb):.2f}")
PY
}

: > "$OUT/ab.txt"
for pass in 1 2; do
  if [ $pass = 1 ]; then PORT_A=$PORT1; PORT_B=$PORT2; PID_A=$(start "$JAR_A" "$PORT_A"); pids+=("$PID_A")
    wait_up "$JAR_A" "$PORT_A"; PID_B=$(start "$JAR_B" "$PORT_B"); pids+=("$PID_B")
  else PORT_A=$PORT2; PORT_B=$PORT1; PID_B=$(start "$JAR_B" "$PORT_B"); pids+=("$PID_B")
    wait_up "$JAR_B" "$PORT_B"; PID_A=$(start "$JAR_A" "$PORT_A"); pids+=("$PID_A"); fi
  wait_up "$JAR_A" "$PORT_A"; wait_up "$JAR_B" "$PORT_B"
  echo "== pass $pass: A on :$PORT_A, B on :$PORT_B; warm-up $WARMUP per query (load $(cut -d' ' -f1-3 /proc/loadavg))"
  for q in "${QUERY_NAMES[@]}"; do both $pass "$q" "$WARMUP" warm; done
  for round in $(seq 1 "$ROUNDS"); do
    for q in "${QUERY_NAMES[@]}"; do both $pass "$q" "$DURATION" "$round"; done
  done
  stop_servers
done
python3 - "$OUT/ab.txt" "$JAR_A" "$JAR_B" "$CONNECTIONS" "$DURATION" "$(cut -d' ' -f1-3 /proc/loadavg)" "$PACE" <<'PY' | tee "$OUT/ab-summary.txt"
import math, statistics, sys
path, jar_a, jar_b, connections, duration, load, pace = sys.argv[1:8]
rows = [l.split() for l in open(path) if l.strip() and l.split()[2] != "warm"]
paced = "as fast as each server answers" if pace == "0" else f"each connection waiting {pace} ms between its requests"
print(f"A = {jar_a}\nB = {jar_b}\n{connections} connections each, {paced}, rounds of {duration}; load average at the end {load}")
print(f"{'query':7} {'pass':>4} {'rounds':>6} {'A CPU ms':>8} {'B CPU ms':>8} {'B/A CPU':>8} {'B/A req':>8}"
      f" {'A p99 ms':>8} {'B p99 ms':>8} {'B/A p99':>8}")
for q in dict.fromkeys(r[1] for r in rows):
    medians = []
    for p in ("1", "2"):
        rs = [r for r in rows if r[0] == p and r[1] == q]
        cpu = statistics.median(float(r[4]) / float(r[3]) for r in rs)
        req = statistics.median(int(r[6]) / max(int(r[5]), 1) for r in rs)
        p99 = statistics.median(float(r[8]) / float(r[7]) for r in rs)
        medians.append((cpu, req, p99))
        print(f"{q:7} {p:>4} {len(rs):>6} {statistics.median(float(r[3]) for r in rs):8.3f}"
              f" {statistics.median(float(r[4]) for r in rs):8.3f} {cpu:8.3f} {req:8.3f}"
              f" {statistics.median(float(r[7]) for r in rs):8.2f} {statistics.median(float(r[8]) for r in rs):8.2f} {p99:8.3f}")
    cpu, req, p99 = (math.sqrt(medians[0][i] * medians[1][i]) for i in range(3))
    print(f"{q:7} B/A CPU per request {cpu:.3f}, requests served {req:.3f}, p99 {p99:.3f}"
          f" (geometric mean of both passes; < 1.0: B costs less, is faster at p99)")
    rs = [r for r in rows if r[1] == q]
    if len(rs) >= 4: # how far single rounds scatter: a ratio inside this range is no difference
        quartiles = lambda ratios: "-".join(f"{x:.3f}" for x in statistics.quantiles(ratios, n=4))
        print(f"{q:7} per-round B/A quartiles (both passes): CPU {quartiles([float(r[4]) / float(r[3]) for r in rs])},"
              f" p99 {quartiles([float(r[8]) / float(r[7]) for r in rs])}")
PY
