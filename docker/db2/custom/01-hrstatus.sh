#!/bin/bash
# Seeds the hrstatus database of Weft's demo in IBM's Db2 Community Edition container. The image runs every
# file of /var/custom (as root) once its own setup is done, on every start, so this script is idempotent and
# this directory holds nothing but executables. Tables land in the instance user's schema (DB2INST1); the
# unquoted names are stored upper case (EMPLOYEE_STATUS, EMP_NO), which Weft serves as employee_status, emp_no.
set -euo pipefail

INSTANCE="${DB2INSTANCE:-db2inst1}"
DATABASE="${DBNAME:-HRSTATUS}"
SQL=/tmp/weft-hrstatus.sql

cat > "$SQL" <<'SQL'
CREATE TABLE employee_status (
  emp_no INTEGER NOT NULL PRIMARY KEY,
  status VARCHAR(20) NOT NULL,
  since DATE NOT NULL,
  remote BOOLEAN NOT NULL
);
INSERT INTO employee_status VALUES
  (10001, 'on_leave', '1988-07-08', FALSE),
  (10002, 'active', '1999-12-19', FALSE),
  (10003, 'active', '1998-01-05', FALSE),
  (10004, 'terminated', '2001-03-20', FALSE),
  (10005, 'active', '2002-04-07', TRUE),
  (10006, 'probation', '1997-08-21', FALSE),
  (10007, 'active', '1990-08-03', FALSE),
  (10008, 'active', '1993-05-21', FALSE),
  (10009, 'active', '1989-10-11', TRUE),
  (10010, 'on_leave', '1992-04-02', TRUE),
  (10011, 'active', '1990-03-22', TRUE),
  (10012, 'active', '1996-12-04', TRUE),
  (10013, 'active', '1999-03-30', TRUE),
  (10014, 'active', '1991-05-13', FALSE),
  (10015, 'active', '2003-11-23', FALSE),
  (10016, 'terminated', '1998-03-18', FALSE),
  (10017, 'probation', '1990-01-29', TRUE),
  (10018, 'probation', '1991-02-08', FALSE),
  (10019, 'probation', '1995-07-15', TRUE);

-- Which employee (hr, MySQL) works on which project (pm, PostgreSQL): the junction of the demo's many_to_many.
CREATE TABLE project_assignments (
  emp_no INTEGER NOT NULL,
  project_id INTEGER NOT NULL,
  role VARCHAR(20) NOT NULL,
  PRIMARY KEY (emp_no, project_id)
);
INSERT INTO project_assignments VALUES
  (10001, 6, 'engineer'),
  (10001, 5, 'lead'),
  (10002, 3, 'lead'),
  (10002, 2, 'designer'),
  (10004, 4, 'designer'),
  (10004, 6, 'lead'),
  (10004, 2, 'designer'),
  (10008, 2, 'designer'),
  (10010, 3, 'designer'),
  (10010, 4, 'engineer'),
  (10011, 2, 'lead'),
  (10011, 3, 'lead'),
  (10011, 4, 'analyst'),
  (10012, 4, 'designer'),
  (10014, 3, 'engineer'),
  (10015, 3, 'designer'),
  (10015, 1, 'lead'),
  (10015, 5, 'analyst'),
  (10017, 4, 'lead'),
  (10020, 2, 'lead');
SQL
chmod 644 "$SQL"

exists=$(su - "$INSTANCE" -c "db2 connect to $DATABASE > /dev/null && db2 -x \"SELECT COUNT(*) FROM SYSCAT.TABLES WHERE TABSCHEMA = UPPER('$INSTANCE') AND TABNAME = 'EMPLOYEE_STATUS'\"" | tr -d '[:space:]')
if [ "$exists" = "0" ]; then
  echo "(weft) creating EMPLOYEE_STATUS and PROJECT_ASSIGNMENTS in $DATABASE"
  su - "$INSTANCE" -c "db2 connect to $DATABASE && db2 -tvsf $SQL && db2 connect reset"
else
  echo "(weft) $DATABASE already has EMPLOYEE_STATUS"
fi
