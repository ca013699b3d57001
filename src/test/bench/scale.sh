#!/usr/bin/env bash
# Scale-out check: two Weft instances sharing the machine's Redis behind a small round-robin TCP proxy on
# loopback. Sends @cached queries of two tenants (40 distinct entries) from 8 threads and reports the hit
# ratio from X-Weft-Cache; then sends 60 requests of an API key limited to 40 per minute through the proxy
# and reports how many were answered (the limit must hold across both instances: exactly 40).
#
#   bash src/test/bench/scale.sh            # from the repository root; needs PostgreSQL and Redis on 127.0.0.1
#   REQUESTS=4000 bash src/test/bench/scale.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
REQUESTS=${REQUESTS:-2000}
PORTS=(18101 18102)
PROXY_PORT=18100
DB=weft_scale
PREFIX="weft:bench:$$:"
OUT=target/bench-scale
mkdir -p "$OUT"

source src/test/bench/jdk.sh # from the repository root
redis-cli -h 127.0.0.1 ping | grep -q PONG || { echo "Redis does not answer on 127.0.0.1:6379" >&2; exit 1; }

[ -f target/weft.jar ] && [ -z "${REBUILD:-}" ] || { echo "== build"; ./mvnw -q -B -o -DskipTests package; }

echo "== seed: 1,000 orders of two tenants in PostgreSQL"
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -q -h 127.0.0.1 -U postgres -d $DB -c "
  CREATE TABLE orders (id INT PRIMARY KEY, tenant_id VARCHAR(8) NOT NULL, total NUMERIC(10,2) NOT NULL);
  INSERT INTO orders SELECT g, CASE WHEN g % 2 = 0 THEN 't2' ELSE 't1' END, g * 1.5 FROM generate_series(1, 1000) g;"

sha() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
cat > "$OUT/access.yml" <<YAML
api-keys:
  - { name: t1, key-sha256: $(sha bench-t1), role: tenant, claims: { tenant_id: t1 } }
  - { name: t2, key-sha256: $(sha bench-t2), role: tenant, claims: { tenant_id: t2 } }
  - { name: limited, key-sha256: $(sha bench-limited), role: tenant, claims: { tenant_id: t1 }, limits: { requests-per-minute: 40 } }
roles:
  tenant:
    shop.orders:
      select: { filter: { tenant_id: { _eq: "@claims.tenant_id" } } }
YAML
echo "relationships: []" > "$OUT/relationships.yml"
cat > "$OUT/weft.yml" <<YAML
spring:
  data:
    redis: { host: 127.0.0.1, port: 6379 }
weft:
  cache: { redis-prefix: "${PREFIX}cache:" }
  rate-limits: { redis-prefix: "${PREFIX}rate:" }
  relationships: $OUT/relationships.yml
  security: { access: $OUT/access.yml }
  services:
    shop: { kind: postgres, url: "jdbc:postgresql://127.0.0.1:5432/$DB", username: postgres }
YAML

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  redis-cli -h 127.0.0.1 --scan --pattern "${PREFIX}*" | xargs -r redis-cli -h 127.0.0.1 del > /dev/null || true
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" || true
}
trap cleanup EXIT

echo "== start two instances (:${PORTS[0]}, :${PORTS[1]}) and the round-robin proxy (:$PROXY_PORT)"
for port in "${PORTS[@]}"; do
  "$JAVA_HOME/bin/java" -jar target/weft.jar --server.port=$port --logging.level.root=WARN \
    --spring.config.additional-location="file:$OUT/weft.yml" > "$OUT/weft-$port.log" 2>&1 &
  pids+=($!)
done
python3 src/test/bench/roundrobin.py $PROXY_PORT "${PORTS[@]}" > "$OUT/proxy.log" 2>&1 &
pids+=($!)
for port in "${PORTS[@]}"; do
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health" && break; sleep 1; done
done

python3 - "$PROXY_PORT" "$REQUESTS" <<'PY'
import json, sys, threading, time, urllib.request, urllib.error
port, total = int(sys.argv[1]), int(sys.argv[2])
url = f"http://127.0.0.1:{port}/graphql"
def post(key, query, variables):
    body = json.dumps({"query": query, "variables": variables}).encode()
    req = urllib.request.Request(url, body, {"Content-Type": "application/json", "X-API-Key": key})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("X-Weft-Cache"), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Retry-After"), e.read()
Q = "query O($offset: Int) @cached(ttl: 120) { shop_orders(order_by: {id: asc}, limit: 20, offset: $offset) { id tenant_id total } }"
counts = {"hit": 0, "miss": 0, "other": 0}
lock = threading.Lock()
leaks = []
def worker(n, start):
    for i in range(start, total, n):
        tenant = "t1" if i % 2 == 0 else "t2"
        status, cache, body = post("bench-" + tenant, Q, {"offset": (i // 2) % 20 * 20})
        data = json.loads(body)
        rows = data.get("data", {}).get("shop_orders", [])
        with lock:
            counts[cache if status == 200 and cache in counts else "other"] += 1
            if any(r["tenant_id"] != tenant for r in rows):
                leaks.append(i)
t0 = time.time()
threads = [threading.Thread(target=worker, args=(8, s)) for s in range(8)]
[t.start() for t in threads]; [t.join() for t in threads]
elapsed = time.time() - t0
print(f"cache: {total} @cached requests over 40 distinct entries through 2 instances in {elapsed:.1f} s "
      f"({total / elapsed:.0f}/s): hit {counts['hit']}, miss {counts['miss']}, other {counts['other']}, "
      f"hit ratio {counts['hit'] / total:.3f}; rows of the other tenant: {len(leaks)}")
statuses = {}
for i in range(60):
    status, retry, _ = post("bench-limited", "{ shop_orders(limit: 1) { id } }", {})
    statuses[status] = statuses.get(status, 0) + 1
print(f"rate limit: 60 requests under 40/minute through 2 instances: {statuses.get(200, 0)} answered, "
      f"{statuses.get(429, 0)} refused with 429 ({'holds' if statuses.get(200, 0) == 40 else 'DOES NOT HOLD'})")
PY
