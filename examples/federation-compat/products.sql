-- The products subgraph of Apollo's subgraph compatibility suite (@apollo/federation-subgraph-compatibility,
-- products.graphql) as PostgreSQL tables, with the suite's data. Weft serves them with weft.yml,
-- relationships.yml and federation.yml of this directory (README, "Federation and gateways").
--
--   createdb products && psql -d products -f products.sql
--
-- Quoted names keep the suite's camelCase field names; foreign-key columns named <field>_id give the object
-- fields (variation, dimensions, createdBy, study; relationships.yml declares study again, required).

CREATE TABLE product_variation (
  id TEXT PRIMARY KEY
);

CREATE TABLE product_dimension (
  id INT PRIMARY KEY,
  size TEXT,
  weight DOUBLE PRECISION,
  unit TEXT
);

-- the users subgraph's User, extended here (federation.yml renames users to User)
CREATE TABLE users (
  email TEXT PRIMARY KEY,
  name TEXT,
  "totalProductsCreated" INT,
  "yearsOfEmployment" INT NOT NULL,
  "averageProductsCreatedPerYear" INT
);

CREATE TABLE product (
  id TEXT PRIMARY KEY,
  sku TEXT,                                     -- nullable, as in products.graphql (a key column may be)
  package TEXT,
  variation_id TEXT NOT NULL REFERENCES product_variation (id),
  dimensions_id INT REFERENCES product_dimension (id),
  "createdBy_id" TEXT REFERENCES users (email),
  notes TEXT,
  UNIQUE (sku, package),
  UNIQUE (sku, variation_id)                    -- the key "sku variation { id }"
);

CREATE TABLE case_study (
  "caseNumber" TEXT PRIMARY KEY,
  description TEXT
);

CREATE TABLE product_research (
  study_id TEXT PRIMARY KEY REFERENCES case_study ("caseNumber"),
  outcome TEXT,
  product_id TEXT NOT NULL REFERENCES product (id)
);

CREATE TABLE inventory (
  id TEXT PRIMARY KEY
);

CREATE TABLE deprecated_product (
  sku TEXT NOT NULL,
  package TEXT NOT NULL,
  reason TEXT,
  "createdBy_id" TEXT REFERENCES users (email),
  inventory_id TEXT REFERENCES inventory (id),
  PRIMARY KEY (sku, package)
);

INSERT INTO users VALUES ('support@apollographql.com', 'Jane Smith', 1337, 10, 134);
INSERT INTO product_variation VALUES ('OSS'), ('platform');
INSERT INTO product_dimension VALUES (1, 'small', 1, 'kg');
INSERT INTO product VALUES
  ('apollo-federation', 'federation', '@apollo/federation', 'OSS', 1, 'support@apollographql.com', 'This is a test product'),
  ('apollo-studio', 'studio', '', 'platform', 1, 'support@apollographql.com', NULL);
INSERT INTO case_study VALUES ('1234', 'Federation Study'), ('1235', 'Studio Study');
INSERT INTO product_research VALUES ('1234', NULL, 'apollo-federation'), ('1235', NULL, 'apollo-studio');
INSERT INTO inventory VALUES ('apollo-oss');
INSERT INTO deprecated_product VALUES
  ('apollo-federation-v1', '@apollo/federation-v1', 'Migrate to Federation V2', 'support@apollographql.com', 'apollo-oss');
