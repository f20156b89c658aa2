SET lock_timeout = '2s';
SET statement_timeout = '5min';
SET lock_timeout = 0;
ALTER TABLE large_user ADD COLUMN nickname text;
