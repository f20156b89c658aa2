-- options: schema=users.schema.sql
SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ALTER COLUMN name TYPE varchar(50);
ALTER TABLE large_user ALTER COLUMN id TYPE bigint;
ALTER TABLE large_user ALTER COLUMN status TYPE varchar(30) USING upper(status);
