SET lock_timeout = '2s';
SET statement_timeout = '5min';
UPDATE large_user SET status = 'active';
DELETE FROM large_user WHERE status = 'inactive' OR status IS NULL;
