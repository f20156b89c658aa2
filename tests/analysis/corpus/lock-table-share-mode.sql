SET lock_timeout = '2s';
SET statement_timeout = '5min';
BEGIN;
LOCK TABLE large_user IN SHARE MODE;
COMMIT;
