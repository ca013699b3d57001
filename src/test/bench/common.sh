# Sourced by run.sh and heap.sh from the repository root, with OUT (output directory) and DB (database name) set:
# a JDK 21+ in JAVA_HOME, wrk on the path, and the benchmark's data set and Weft configuration.
source src/test/bench/jdk.sh # from the repository root
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

seed_bench_data() { # 10,000 customers in MariaDB and in PostgreSQL, 100,000 orders in PostgreSQL
  mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB; USE $DB;
    CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(60) NOT NULL, email VARCHAR(80) NOT NULL);
    INSERT INTO customers SELECT seq, CONCAT('Customer ', seq), CONCAT('c', seq, '@example.com') FROM seq_1_to_10000;"
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  psql -q -h 127.0.0.1 -U postgres -d $DB -c "
    CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(60) NOT NULL, email VARCHAR(80) NOT NULL);
    INSERT INTO customers SELECT g, 'Customer ' || g, 'c' || g || '@example.com' FROM generate_series(1, 10000) g;
    CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, total NUMERIC(10,2) NOT NULL,
                         created_at TIMESTAMP NOT NULL, status VARCHAR(12) NOT NULL);
    INSERT INTO orders SELECT g, 1 + (g * 7919) % 10000, round((random() * 1000)::numeric, 2),
           timestamp '2024-01-01' + g * interval '1 minute', (ARRAY['new','paid','shipped'])[1 + g % 3]
      FROM generate_series(1, 100000) g;
    CREATE INDEX orders_customer ON orders (customer_id); ANALYZE customers; ANALYZE orders;"
}

drop_bench_data() {
  mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $DB" || true
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" || true
}

write_weft_config() { # [line under weft: ...] -> $OUT/weft.yml (services crm and shop) and $OUT/relationships.yml
  cat > "$OUT/weft.yml" <<YAML
weft:
  relationships: $OUT/relationships.yml
  services:
    crm: { kind: mariadb, url: "jdbc:mariadb://127.0.0.1:3306/$DB", username: root, password: "" }
    shop: { kind: postgres, url: "jdbc:postgresql://127.0.0.1:5432/$DB", username: postgres }
YAML
  if [ $# -gt 0 ]; then printf '  %s\n' "$@" >> "$OUT/weft.yml"; fi
  cat > "$OUT/relationships.yml" <<YAML
relationships:
  - { service: crm, table: customers, name: orders, type: has_many, field: id,
      ref_service: shop, ref_table: orders, ref_field: customer_id }
  - { service: shop, table: customers, name: orders, type: has_many, field: id,
      ref_service: shop, ref_table: orders, ref_field: customer_id }
YAML
}

write_post_script() { # name query -> $OUT/body-<name>.json and $OUT/post-<name>.lua (wrk: POST that body)
  python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$2" > "$OUT/body-$1.json"
  cat > "$OUT/post-$1.lua" <<LUA
local f = io.open("$OUT/body-$1.json", "r"); wrk.body = f:read("*a"); f:close()
wrk.method = "POST"; wrk.headers["Content-Type"] = "application/json"
LUA
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime of the whole process (all threads)
