SET lock_timeout = '2s';
SET statement_timeout = '5min';
BEGIN;
ALTER TABLE large_user ADD COLUMN a text;
BEGIN;
ALTER TABLE large_user ADD COLUMN b text;
