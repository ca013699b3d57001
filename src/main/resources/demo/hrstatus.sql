-- The hrstatus service of the embedded demo (H2): a second database, joined to hr by emp_no.
CREATE TABLE employee_status (
  emp_no INTEGER PRIMARY KEY,
  status VARCHAR(20) NOT NULL,
  since DATE NOT NULL,
  remote BOOLEAN NOT NULL
);
INSERT INTO employee_status VALUES (10001, 'on_leave', DATE '1988-07-08', FALSE);
INSERT INTO employee_status VALUES (10002, 'active', DATE '1999-12-19', FALSE);
INSERT INTO employee_status VALUES (10003, 'active', DATE '1998-01-05', FALSE);
INSERT INTO employee_status VALUES (10004, 'terminated', DATE '2001-03-20', FALSE);
INSERT INTO employee_status VALUES (10005, 'active', DATE '2002-04-07', TRUE);
INSERT INTO employee_status VALUES (10006, 'probation', DATE '1997-08-21', FALSE);
INSERT INTO employee_status VALUES (10007, 'active', DATE '1990-08-03', FALSE);
INSERT INTO employee_status VALUES (10008, 'active', DATE '1993-05-21', FALSE);
INSERT INTO employee_status VALUES (10009, 'active', DATE '1989-10-11', TRUE);
INSERT INTO employee_status VALUES (10010, 'on_leave', DATE '1992-04-02', TRUE);
INSERT INTO employee_status VALUES (10011, 'active', DATE '1990-03-22', TRUE);
INSERT INTO employee_status VALUES (10012, 'active', DATE '1996-12-04', TRUE);
INSERT INTO employee_status VALUES (10013, 'active', DATE '1999-03-30', TRUE);
INSERT INTO employee_status VALUES (10014, 'active', DATE '1991-05-13', FALSE);
INSERT INTO employee_status VALUES (10015, 'active', DATE '2003-11-23', FALSE);
INSERT INTO employee_status VALUES (10016, 'terminated', DATE '1998-03-18', FALSE);
INSERT INTO employee_status VALUES (10017, 'probation', DATE '1990-01-29', TRUE);
INSERT INTO employee_status VALUES (10018, 'probation', DATE '1991-02-08', FALSE);
INSERT INTO employee_status VALUES (10019, 'probation', DATE '1995-07-15', TRUE);

-- Which employee (hr) works on which project (pm): the junction of a many_to_many across three databases.
CREATE TABLE project_assignments (
  emp_no INTEGER NOT NULL,
  project_id INTEGER NOT NULL,
  role VARCHAR(20) NOT NULL,
  PRIMARY KEY (emp_no, project_id)
);
INSERT INTO project_assignments VALUES (10001, 6, 'engineer');
INSERT INTO project_assignments VALUES (10001, 5, 'lead');
INSERT INTO project_assignments VALUES (10002, 3, 'lead');
INSERT INTO project_assignments VALUES (10002, 2, 'designer');
INSERT INTO project_assignments VALUES (10004, 4, 'designer');
INSERT INTO project_assignments VALUES (10004, 6, 'lead');
INSERT INTO project_assignments VALUES (10004, 2, 'designer');
INSERT INTO project_assignments VALUES (10008, 2, 'designer');
INSERT INTO project_assignments VALUES (10010, 3, 'designer');
INSERT INTO project_assignments VALUES (10010, 4, 'engineer');
INSERT INTO project_assignments VALUES (10011, 2, 'lead');
INSERT INTO project_assignments VALUES (10011, 3, 'lead');
INSERT INTO project_assignments VALUES (10011, 4, 'analyst');
INSERT INTO project_assignments VALUES (10012, 4, 'designer');
INSERT INTO project_assignments VALUES (10014, 3, 'engineer');
INSERT INTO project_assignments VALUES (10015, 3, 'designer');
INSERT INTO project_assignments VALUES (10015, 1, 'lead');
INSERT INTO project_assignments VALUES (10015, 5, 'analyst');
INSERT INTO project_assignments VALUES (10017, 4, 'lead');
INSERT INTO project_assignments VALUES (10020, 2, 'lead');
