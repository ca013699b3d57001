-- The hr database of Weft's demo on MySQL 8 (docker/compose.yml runs it at the first start). The same rows as
-- src/main/resources/demo/hr.sql; foreign keys as table constraints, which MySQL enforces (inline REFERENCES it ignores).
CREATE TABLE departments (dept_no CHAR(4) PRIMARY KEY, dept_name VARCHAR(40) NOT NULL UNIQUE);
CREATE TABLE employees (
  emp_no INTEGER PRIMARY KEY,
  birth_date DATE NOT NULL,
  first_name VARCHAR(14) NOT NULL,
  last_name VARCHAR(16) NOT NULL,
  gender CHAR(1) NOT NULL,
  hire_date DATE NOT NULL,
  email VARCHAR(64),
  salary DECIMAL(10, 2)
);
CREATE TABLE dept_emp (
  emp_no INTEGER NOT NULL,
  dept_no CHAR(4) NOT NULL,
  from_date DATE NOT NULL,
  to_date DATE,
  PRIMARY KEY (emp_no, dept_no),
  CONSTRAINT fk_dept_emp_employees FOREIGN KEY (emp_no) REFERENCES employees (emp_no),
  CONSTRAINT fk_dept_emp_departments FOREIGN KEY (dept_no) REFERENCES departments (dept_no)
);
INSERT INTO departments VALUES ('d001', 'Marketing');
INSERT INTO departments VALUES ('d002', 'Finance');
INSERT INTO departments VALUES ('d003', 'Human Resources');
INSERT INTO departments VALUES ('d004', 'Production');
INSERT INTO departments VALUES ('d005', 'Development');
INSERT INTO employees VALUES (10001, DATE '1955-08-19', 'Georgi', 'Facello', 'F', DATE '1988-05-20', 'georgi.facello@example.com', 46328.09);
INSERT INTO employees VALUES (10002, DATE '1961-03-17', 'Bezalel', 'Simmel', 'M', DATE '1997-01-07', 'bezalel.simmel@example.com', 87931.74);
INSERT INTO employees VALUES (10003, DATE '1952-08-25', 'Parto', 'Bamford', 'M', DATE '1996-05-19', 'parto.bamford@example.com', 44914.11);
INSERT INTO employees VALUES (10004, DATE '1956-11-11', 'Chirstian', 'Koblick', 'M', DATE '1994-05-19', 'chirstian.koblick@example.com', 71544.11);
INSERT INTO employees VALUES (10005, DATE '1958-03-07', 'Kyoichi', 'Maliniak', 'M', DATE '1994-07-10', 'kyoichi.maliniak@example.com', 114115.15);
INSERT INTO employees VALUES (10006, DATE '1962-08-16', 'Anneke', 'Preusig', 'M', DATE '1990-01-03', 'anneke.preusig@example.com', 115642.74);
INSERT INTO employees VALUES (10007, DATE '1956-06-12', 'Tzvetan', 'Zielinski', 'M', DATE '1986-02-11', 'tzvetan.zielinski@example.com', 46105.71);
INSERT INTO employees VALUES (10008, DATE '1961-08-17', 'Saniya', 'Kalloufi', 'F', DATE '1987-12-27', 'saniya.kalloufi@example.com', 94937.18);
INSERT INTO employees VALUES (10009, DATE '1958-01-23', 'Sumant', 'Peac', 'F', DATE '1987-08-23', 'sumant.peac@example.com', 113434.87);
INSERT INTO employees VALUES (10010, DATE '1954-01-10', 'Duangkaew', 'Piveteau', 'M', DATE '1987-04-25', 'duangkaew.piveteau@example.com', 88810.12);
INSERT INTO employees VALUES (10011, DATE '1958-02-21', 'Mary', 'Sluis', 'M', DATE '1986-05-30', 'mary.sluis@example.com', 66995.63);
INSERT INTO employees VALUES (10012, DATE '1959-08-18', 'Patricio', 'Bridgland', 'F', DATE '1996-12-04', 'patricio.bridgland@example.com', 81175.59);
INSERT INTO employees VALUES (10013, DATE '1958-07-26', 'Eberhardt', 'Terkki', 'F', DATE '1995-03-02', 'eberhardt.terkki@example.com', 79291.31);
INSERT INTO employees VALUES (10014, DATE '1960-11-27', 'Berni', 'Genin', 'M', DATE '1989-01-12', NULL, 50728.73);
INSERT INTO employees VALUES (10015, DATE '1955-05-14', 'Guoxiang', 'Nooteboom', 'F', DATE '1996-10-12', 'guoxiang.nooteboom@example.com', 85020.93);
INSERT INTO employees VALUES (10016, DATE '1957-01-12', 'Kazuhito', 'Cappelletti', 'M', DATE '1991-06-17', 'kazuhito.cappelletti@example.com', 55475.65);
INSERT INTO employees VALUES (10017, DATE '1956-09-08', 'Cristinel', 'Bouloucos', 'F', DATE '1988-09-13', 'cristinel.bouloucos@example.com', 59920.62);
INSERT INTO employees VALUES (10018, DATE '1956-09-23', 'Kazuhide', 'Peha', 'M', DATE '1985-11-18', 'kazuhide.peha@example.com', NULL);
INSERT INTO employees VALUES (10019, DATE '1960-11-06', 'Lillian', 'Haddadi', 'F', DATE '1992-01-15', 'lillian.haddadi@example.com', 85898.76);
INSERT INTO employees VALUES (10020, DATE '1957-07-27', 'Mayuko', 'Warwick', 'F', DATE '1998-01-03', 'mayuko.warwick@example.com', 49012.11);
INSERT INTO dept_emp VALUES (10001, 'd004', DATE '1988-05-20', NULL);
INSERT INTO dept_emp VALUES (10002, 'd001', DATE '1997-01-07', DATE '2001-12-09');
INSERT INTO dept_emp VALUES (10002, 'd005', DATE '2001-12-09', NULL);
INSERT INTO dept_emp VALUES (10003, 'd003', DATE '1996-05-19', DATE '1998-10-18');
INSERT INTO dept_emp VALUES (10003, 'd004', DATE '1998-10-18', NULL);
INSERT INTO dept_emp VALUES (10004, 'd004', DATE '1994-05-19', DATE '1995-04-30');
INSERT INTO dept_emp VALUES (10004, 'd003', DATE '1995-04-30', NULL);
INSERT INTO dept_emp VALUES (10005, 'd003', DATE '1994-07-10', NULL);
INSERT INTO dept_emp VALUES (10006, 'd005', DATE '1990-01-03', NULL);
INSERT INTO dept_emp VALUES (10007, 'd004', DATE '1986-02-11', NULL);
INSERT INTO dept_emp VALUES (10008, 'd002', DATE '1987-12-27', NULL);
INSERT INTO dept_emp VALUES (10009, 'd002', DATE '1987-08-23', NULL);
INSERT INTO dept_emp VALUES (10010, 'd002', DATE '1987-04-25', DATE '1990-04-29');
INSERT INTO dept_emp VALUES (10010, 'd004', DATE '1990-04-29', NULL);
INSERT INTO dept_emp VALUES (10011, 'd001', DATE '1986-05-30', NULL);
INSERT INTO dept_emp VALUES (10012, 'd004', DATE '1996-12-04', NULL);
INSERT INTO dept_emp VALUES (10013, 'd005', DATE '1995-03-02', NULL);
INSERT INTO dept_emp VALUES (10014, 'd002', DATE '1989-01-12', NULL);
INSERT INTO dept_emp VALUES (10015, 'd005', DATE '1996-10-12', NULL);
INSERT INTO dept_emp VALUES (10016, 'd004', DATE '1991-06-17', NULL);
INSERT INTO dept_emp VALUES (10017, 'd004', DATE '1988-09-13', NULL);
INSERT INTO dept_emp VALUES (10018, 'd002', DATE '1985-11-18', NULL);
INSERT INTO dept_emp VALUES (10019, 'd002', DATE '1992-01-15', NULL);
INSERT INTO dept_emp VALUES (10020, 'd002', DATE '1998-01-03', NULL);
