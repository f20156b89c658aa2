-- options: schema=users.schema.sql
SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ALTER COLUMN name TYPE varchar(200);
ALTER TABLE large_user ALTER COLUMN status TYPE text;
ALTER TABLE large_user ALTER COLUMN balance TYPE numeric(14,2);
