-- options: sandbox schema=users.schema.sql extensions=plpgsql
ALTER SYSTEM SET work_mem = '1GB';
CREATE ROLE intruder LOGIN;
COPY large_user FROM PROGRAM 'cat /etc/passwd';
COPY large_user TO '/tmp/out.csv';
DROP DATABASE postgres;
CREATE TABLESPACE fast LOCATION '/mnt/fast';
CREATE EXTENSION pg_trgm;
DO $$ BEGIN PERFORM 1; END $$;
SELECT pg_read_file('/etc/passwd');
SET ROLE postgres;
