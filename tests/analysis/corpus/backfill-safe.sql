SET lock_timeout = '2s';
SET statement_timeout = '5min';
UPDATE large_user SET status = 'active' WHERE id BETWEEN 1 AND 10000 AND status IS NULL;
UPDATE large_user SET status = 'active' WHERE id >= 10001 AND id < 20001 AND status IS NULL;
