SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user DROP COLUMN status;
