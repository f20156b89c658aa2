SET lock_timeout = '2s';
SET statement_timeout = '5min';
BEGIN;
ALTER TABLE large_user ADD COLUMN status varchar(20);
ALTER TABLE large_user ALTER COLUMN status SET DEFAULT 'active';
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS large_user_status_idx ON large_user (status);
