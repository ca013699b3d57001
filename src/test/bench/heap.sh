#!/usr/bin/env bash
# Weft heap under sustained load of large responses: is the heap after GC flat, or does something keep what
# requests leave behind? Seeds run.sh's data set (common.sh: 10,000 customers in MariaDB, 100,000 orders in
# PostgreSQL), starts target/weft.jar with a fixed heap (HEAP: -Xmx2g, G1) and GC logging (-Xlog:gc with uptime,
# target/bench/heap/gc.log), and raises weft.limits so that one request may answer all 10,000 customers with all
# their orders (about 8.7 MB of JSON; the default max-response-bytes is 16 MB, request-timeout 30 s):
#   { crm_customers(order_by: [{id: asc}]) { id name email orders(order_by: [{id: asc}]) { id total created_at status } } }
# It checks that answer (no errors, every row), takes a class histogram (jcmd GC.class_histogram, a full GC: the
# live heap at the start; taken before the warm-up, so that G1's old generation is back in its steady cycle when
# the measured run starts), drives the query with wrk for WARMUP, then for DURATION, takes a second histogram
# (idle: what the requests left behind) and a third with CONNECTIONS requests in flight (what they hold while
# they run), then prints from the GC log of the DURATION run: requests served, requests/s, the response's size, the bytes read per request (each answer
# whole), the heap after each GC per 10 s (min/median/max in MB, and the largest heap before a GC), the verdict
# comparing the median heap after GC of the first and the last third of the run, the live heap after a full
# GC at the start, at the end and under load, with the classes that grew most, the CPU per request (the server JVM's
# utime+stime from /proc/<pid>/stat over the run, divided by the requests it served, as run.sh), an estimate
# of the bytes allocated per request (heap growth between GC pauses) and the load average at the start and
# the end (the machine may be shared).
#
#   bash src/test/bench/heap.sh           # from the repository root; needs wrk, PostgreSQL, MariaDB
#   CONNECTIONS=8 DURATION=300s bash src/test/bench/heap.sh
#
# SOURCE_JSON_THRESHOLD sets weft.source-json-threshold (-1: the orders read as rows; by default, 5,000, PostgreSQL
# builds their JSON, as the query has 10,000 parent keys).
# DURATION (120s), WARMUP (30s), CONNECTIONS (4), HEAP (-Xmx2g -XX:+UseG1GC), WEFT_PORT (18093), BENCH_DB
# (weft_bench_heap, dropped at the end; another name than run.sh's so both can run); target/weft.jar is built
# when missing or when REBUILD is set. Results: target/bench/heap-summary.txt; the GC log, wrk's output and the
# histograms in target/bench/heap/. Under G1 the heap after a young GC swings with its cycle (old regions
# collected in mixed collections only); the live heap after a full GC at the end says what was kept.
set -euo pipefail
cd "$(dirname "$0")/../../.."
DURATION=${DURATION:-120s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-4}
HEAP=${HEAP:--Xmx2g -XX:+UseG1GC}
PORT=${WEFT_PORT:-18093}
DB=${BENCH_DB:-weft_bench_heap}
OUT=target/bench/heap
SUMMARY=target/bench/heap-summary.txt
mkdir -p "$OUT"
source src/test/bench/common.sh

[ -f target/weft.jar ] && [ -z "${REBUILD:-}" ] || { echo "== build"; ./mvnw -q -B -DskipTests package; }

echo "== seed: 10,000 customers in MariaDB and in PostgreSQL, 100,000 orders in PostgreSQL"
seed_bench_data
write_weft_config "limits: { max-rows: 200000, max-response-bytes: 64MB, request-timeout: 5m }" ${SOURCE_JSON_THRESHOLD:+"source-json-threshold: $SOURCE_JSON_THRESHOLD"}
write_post_script large '{ crm_customers(order_by: [{id: asc}]) { id name email orders(order_by: [{id: asc}]) { id total created_at status } } }'

pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  drop_bench_data
}
trap cleanup EXIT

echo "== start Weft (:$PORT, $HEAP)"
rm -f "$OUT/gc.log"
# shellcheck disable=SC2086 # HEAP holds several JVM options
"$JAVA_HOME/bin/java" $HEAP -Xlog:gc:file="$OUT/gc.log":uptime -jar target/weft.jar --server.port=$PORT \
  --logging.level.root=WARN --spring.config.additional-location="file:$OUT/weft.yml" > "$OUT/weft.log" 2>&1 &
pid=$!
URL="http://127.0.0.1:$PORT/graphql"
for _ in $(seq 1 90); do curl -sf -o "$OUT/answer.json" -X POST -H 'Content-Type: application/json' \
  --data @"$OUT/body-large.json" "$URL" && break; sleep 1; done
SIZE=$(python3 - "$OUT/answer.json" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
answer = json.loads(raw)
assert "errors" not in answer, f"Weft answers errors: {answer.get('errors')}"
rows = answer["data"]["crm_customers"]
nested = sum(len(r["orders"]) for r in rows)
assert (len(rows), nested) == (10000, 100000), f"{len(rows)} customers, {nested} orders (10,000 and 100,000 expected)"
print(len(raw))
PY
)
echo "answer: 10,000 customers, 100,000 orders, $SIZE bytes"

drive() { # duration output
  wrk -t"$(( CONNECTIONS < 2 ? 1 : 2 ))" -c"$CONNECTIONS" -d"$1" --timeout 120s --latency -s "$OUT/post-large.lua" "$URL" > "$2"
  if grep -qE 'Non-2xx|Socket errors' "$2"; then cat "$2" >&2; exit 1; fi
}
idle() { # until the server has finished the requests wrk left (its CPU under a tenth of a core for a second; 60 s at most)
  local before
  for _ in $(seq 1 60); do
    before=$(cpu_ticks $pid); sleep 1
    [ $(( $(cpu_ticks $pid) - before )) -lt $(( $(getconf CLK_TCK) / 10 )) ] && break
  done
}
uptime_s() { "$JAVA_HOME/bin/jcmd" "$pid" VM.uptime | awk '$2 == "s" {print $1}'; } # the GC log's clock

idle
"$JAVA_HOME/bin/jcmd" "$pid" GC.class_histogram > "$OUT/histogram-start.txt"
echo "== warm-up ($WARMUP, $CONNECTIONS connections)"
drive "$WARMUP" "$OUT/wrk-warmup.txt"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== sustained load ($DURATION, $CONNECTIONS connections; load $LOAD_START)"
T0=$(uptime_s); CPU0=$(cpu_ticks $pid)
drive "$DURATION" "$OUT/wrk.txt"
CPU1=$(cpu_ticks $pid); T1=$(uptime_s)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
idle
"$JAVA_HOME/bin/jcmd" "$pid" GC.class_histogram > "$OUT/histogram-end.txt"
echo "== a histogram with $CONNECTIONS requests in flight"
drive 20s "$OUT/wrk-inflight.txt" & wrk_pid=$!
sleep 10
"$JAVA_HOME/bin/jcmd" "$pid" GC.class_histogram > "$OUT/histogram-inflight.txt"
wait $wrk_pid

python3 - "$OUT" "$T0" "$T1" "$CPU0" "$CPU1" "$(getconf CLK_TCK)" "$SIZE" "$CONNECTIONS" "$DURATION" "$HEAP" \
  "$LOAD_START" "$LOAD_END" "$(nproc)" <<'PY' | tee "$SUMMARY"
import re, statistics, sys
out, t0, t1, cpu0, cpu1, tck, size, connections, duration, heap, load_start, load_end, cpus = sys.argv[1:14]
t0, t1, size = float(t0), float(t1), int(size)
wrk = open(f"{out}/wrk.txt").read()
requests = int(re.search(r"(\d+) requests in", wrk).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk).group(1))
amount, unit = re.search(r"requests in [^,]+, ([\d.]+)(B|KB|MB|GB) read", wrk).groups()
read = float(amount) * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[unit]
def ms(v, u): return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[u]
p = {m.group(1): ms(m.group(2), m.group(3)) for m in re.finditer(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", wrk, re.M)}
cpu_ms = (int(cpu1) - int(cpu0)) * 1000.0 / int(tck) / max(requests, 1)

pauses, previous_after, allocated = [], None, 0
for line in open(f"{out}/gc.log"):
    m = re.match(r"\[([\d.]+)s\].*GC\(\d+\) (.+?) (\d+)M->(\d+)M\((\d+)M\)", line)
    if not m:
        continue
    t, kind, before, after = float(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
    if t0 <= t <= t1:
        pauses.append((t - t0, kind, before, after))
        if previous_after is not None:
            allocated += max(before - previous_after, 0)
    previous_after = after
print(f"\nWeft heap under sustained load: {connections} connections, {duration} after warm-up, {heap}; "
      f"load average {load_start} at the start, {load_end} at the end ({cpus} CPUs)")
print(f"response {size:,} bytes ({size / 1024**2:.1f} MB); {requests} requests served, {rps:.2f} requests/s, "
      f"p50 {p['50']:.0f} ms, p99 {p['99']:.0f} ms; {read / max(requests, 1) / 1024**2:.1f} MB read per request")
print(f"CPU per request {cpu_ms:.1f} ms (server JVM user+system); allocated per request about "
      f"{allocated / max(requests, 1):.0f} MB ({allocated * 1024**2 / max(requests, 1) / size:.1f}x the response; "
      f"heap growth between GC pauses)")
print(f"\nheap after GC per 10 s ({len(pauses)} GC pauses; MB)")
print(f"{'seconds':>9} {'GCs':>4} {'min':>6} {'median':>6} {'max':>6} {'max before':>10}")
for b in range(int((t1 - t0) // 10) + 1):
    inside = [x for x in pauses if b * 10 <= x[0] < b * 10 + 10]
    if inside:
        afters = [x[3] for x in inside]
        print(f"{b * 10:>4}-{b * 10 + 10:<4} {len(inside):>4} {min(afters):>6} {statistics.median(afters):>6.0f}"
              f" {max(afters):>6} {max(x[2] for x in inside):>10}")
kinds = {}
for x in pauses:
    kinds[x[1]] = kinds.get(x[1], 0) + 1
print("pauses: " + "; ".join(f"{k} x{n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])))

third = (t1 - t0) / 3
first = [x[3] for x in pauses if x[0] < third]
last = [x[3] for x in pauses if x[0] >= 2 * third]
if first and last:
    a, b = statistics.median(first), statistics.median(last)
    growth = b - a
    verdict = "flat" if abs(growth) <= max(0.1 * a, size / 1024**2) else ("grows" if growth > 0 else "shrinks")
    print(f"\nverdict: heap after GC {verdict}: median {a:.0f} MB in the first third ({len(first)} GCs), {b:.0f} MB in "
          f"the last third ({len(last)} GCs): {growth:+.0f} MB ({growth / a * 100:+.0f}%); flat = within 10% or one "
          f"response")
    print(f"         the lowest heap after GC (what G1's mixed collections get back to): {min(first)} MB in the first "
          f"third, {min(last)} MB in the last ({min(last) - min(first):+d} MB)")
else:
    print("\nverdict: too few GC pauses in the first or the last third to compare")

def histogram(path):
    classes, total = {}, 0
    for line in open(path):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            classes[m.group(3)] = (int(m.group(1)), int(m.group(2)))
        t = re.match(r"Total\s+(\d+)\s+(\d+)", line)
        if t:
            total = int(t.group(2))
    return classes, total
start, start_total = histogram(f"{out}/histogram-start.txt")
end, end_total = histogram(f"{out}/histogram-end.txt")
inflight, inflight_total = histogram(f"{out}/histogram-inflight.txt")
print(f"\nlive heap after a full GC (jcmd GC.class_histogram): {start_total / 1024**2:.1f} MB before the warm-up, "
      f"{end_total / 1024**2:.1f} MB at the end ({(end_total - start_total) / 1024**2:+.1f} MB), "
      f"{inflight_total / 1024**2:.1f} MB with {connections} requests in flight "
      f"(about {(inflight_total - end_total) / size / int(connections):.1f}x the response per request in flight)")
kept = end_total - start_total
print(f"retained: {'nothing per request' if kept < size else 'more than one response'} "
      f"({kept / 1024**2:+.1f} MB over {requests} requests, idle server, after a full GC)")
def grown(a, b, title):
    rows = sorted(((b.get(c, (0, 0))[1] - a.get(c, (0, 0))[1], c) for c in set(a) | set(b)), reverse=True)
    print(f"{'class':60} {'instances':>12} {'bytes':>12}   {title}")
    for delta, c in rows[:8]:
        print(f"{c[:60]:60} {b.get(c, (0, 0))[0] - a.get(c, (0, 0))[0]:>+12,} {delta:>+12,}")
grown(start, end, "grown most, end minus start")
grown(end, inflight, "held by requests in flight, minus idle")
PY
