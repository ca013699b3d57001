-- A wide PostgreSQL schema for start-up tests and benchmarks: CALL weft_wide_schema(1000) creates tables
-- t0001..t1000 of 8 columns each, every table but the first with two foreign keys to earlier tables
-- (parent_id -> the previous table, owner_id -> the table at half its number), and 3 rows each.
-- It commits every 500 tables (one transaction would run out of locks), so CALL it outside a transaction.
CREATE OR REPLACE PROCEDURE weft_wide_schema(n int) LANGUAGE plpgsql AS $$
DECLARE
  t text;
BEGIN
  FOR i IN 1..n LOOP
    t := format('t%s', lpad(i::text, 4, '0'));
    EXECUTE format('CREATE TABLE %I (id bigint PRIMARY KEY, parent_id bigint, owner_id bigint,'
        ' name varchar(40) NOT NULL, amount numeric(10,2), created_at timestamp, active boolean, note text)', t);
    IF i > 1 THEN
      EXECUTE format('ALTER TABLE %I ADD FOREIGN KEY (parent_id) REFERENCES %I (id),'
          ' ADD FOREIGN KEY (owner_id) REFERENCES %I (id)',
          t, format('t%s', lpad((i - 1)::text, 4, '0')), format('t%s', lpad(((i + 1) / 2)::text, 4, '0')));
    END IF;
    EXECUTE format('INSERT INTO %I SELECT g, CASE WHEN $1 > 1 THEN g END, CASE WHEN $1 > 1 THEN 1 + g %% 3 END, %L || g,'
        ' g * 1.5, timestamp ''2024-01-01'' + g * interval ''1 day'', g %% 2 = 0, NULL FROM generate_series(1, 3) g', t, t || '-')
        USING i;
    IF i % 500 = 0 THEN
      COMMIT;
    END IF;
  END LOOP;
END $$;
