SET lock_timeout = '2s';
SET statement_timeout = '5min';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS large_user_name_key ON large_user (name);
ALTER TABLE large_user ADD CONSTRAINT large_user_name_key UNIQUE USING INDEX large_user_name_key;
