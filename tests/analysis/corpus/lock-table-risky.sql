SET lock_timeout = '2s';
SET statement_timeout = '5min';
BEGIN;
LOCK TABLE large_user;
UPDATE large_user SET status = 'active' WHERE id BETWEEN 1 AND 100;
COMMIT;
