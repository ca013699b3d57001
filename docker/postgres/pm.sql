-- The pm database of Weft's demo on PostgreSQL (docker/compose.yml runs it at the first start); the rows of
-- src/main/resources/demo/pm.sql.
CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  name VARCHAR(40) NOT NULL,
  budget DECIMAL(12, 2),
  started DATE NOT NULL
);
INSERT INTO projects VALUES (1, 'Apollo', 524354.00, DATE '2022-02-20');
INSERT INTO projects VALUES (2, 'Borealis', 869166.00, DATE '2021-08-11');
INSERT INTO projects VALUES (3, 'Cassini', 523780.00, DATE '2021-11-06');
INSERT INTO projects VALUES (4, 'Dynamo', 665917.00, DATE '2020-01-24');
INSERT INTO projects VALUES (5, 'Equinox', NULL, DATE '2020-01-14');
INSERT INTO projects VALUES (6, 'Fermat', 892950.00, DATE '2021-11-14');
