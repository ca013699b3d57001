#!/usr/bin/env bash
# Weft cross-source planner benchmark: time and peak heap of each plan (related side first, parent side
# first, both sides large streamed in chunks, order_by driven from the sorted side, in-memory sort) at
# 10k, 100k and 1M keys. For N keys it generates in SQL: N employees (MariaDB) with 0.9 N statuses
# (PostgreSQL), N/10 customers (MariaDB) with N orders (PostgreSQL), then runs
# dev.weftbench.CrossSourcePlanBench in a JVM with a small young generation (so the heap peak is close to
# what a plan holds).
#
#   bash src/test/bench/plans.sh                 # 10000 100000 1000000
#   SIZES="10000 100000" bash src/test/bench/plans.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
SIZES=${SIZES:-10000 100000 1000000}
HEAP=${HEAP:--Xmx1g -Xmn16m -XX:+UseSerialGC}
DB=weft_planbench_$$
OUT=target/bench
mkdir -p "$OUT"
source src/test/bench/jdk.sh # from the repository root

echo "== build"
./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=test

cleanup() {
  for d in hrm crm; do mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS ${DB}_$d" || true; done
  for d in hrs shop; do psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS ${DB}_$d" || true; done
}
trap cleanup EXIT
cat > "$OUT/plans-logback.xml" <<'XML'
<configuration>
  <appender name="err" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger - %msg%n</pattern></encoder></appender>
  <root level="WARN"><appender-ref ref="err"/></root>
  <logger name="weft.plan" level="${PLAN_LOG:-INFO}"/>
</configuration>
XML

for n in $SIZES; do
  c=$((n / 10)); s=$((n * 9 / 10))
  echo "== seed $n employees, $s statuses, $c customers, $n orders"
  start=$(date +%s)
  cleanup
  mariadb -h 127.0.0.1 -u root -e "CREATE DATABASE ${DB}_hrm; CREATE DATABASE ${DB}_crm; USE ${DB}_hrm;
    CREATE TABLE ${DB}_hrm.employees (emp_no INT PRIMARY KEY, last_name VARCHAR(20) NOT NULL, hire_date DATE NOT NULL);
    INSERT INTO ${DB}_hrm.employees SELECT seq, CONCAT('L', seq % 1009),
      DATE_ADD('1985-01-01', INTERVAL (seq * 7919) % 5475 DAY) FROM seq_1_to_$n;
    CREATE INDEX hired ON ${DB}_hrm.employees (hire_date);
    CREATE TABLE ${DB}_crm.customers (id INT PRIMARY KEY, name VARCHAR(30) NOT NULL);
    INSERT INTO ${DB}_crm.customers SELECT seq, CONCAT('Name ', LPAD(seq % 30000, 5, '0')) FROM seq_1_to_$c;
    CREATE INDEX by_name ON ${DB}_crm.customers (name);"
  for d in hrs shop; do psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE ${DB}_$d"; done
  psql -q -h 127.0.0.1 -U postgres -d ${DB}_hrs -c "
    CREATE TABLE employee_status (emp_no INT PRIMARY KEY, status VARCHAR(10) NOT NULL);
    INSERT INTO employee_status SELECT 1 + (g * 7) % $n, CASE WHEN g < 50 THEN 'rare' WHEN g % 10 < 7 THEN 'active'
      ELSE 'inactive' END FROM generate_series(0, $s - 1) g;
    CREATE INDEX by_status ON employee_status (status); ANALYZE employee_status;"
  psql -q -h 127.0.0.1 -U postgres -d ${DB}_shop -c "
    CREATE TABLE orders (order_id INT PRIMARY KEY, customer_id INT NOT NULL, total NUMERIC(10, 2) NOT NULL);
    INSERT INTO orders SELECT g, 1 + (g::bigint * 7919) % ($c + 7), ((g::bigint * 37) % 100000) / 100.0
      FROM generate_series(1, $n) g;
    CREATE INDEX by_customer ON orders (customer_id); CREATE INDEX by_total ON orders (total); ANALYZE orders;"
  echo "   seeded in $(( $(date +%s) - start )) s"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $HEAP -Dlogback.configurationFile="$OUT/plans-logback.xml" -cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")" \
    dev.weftbench.CrossSourcePlanBench "$n" "jdbc:mariadb://127.0.0.1:3306/" "jdbc:postgresql://127.0.0.1:5432/" "$DB" \
    2> "$OUT/plans-$n.log" | tee "$OUT/plans-$n.txt"
done
