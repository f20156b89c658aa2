SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ADD COLUMN token uuid;
ALTER TABLE large_user ALTER COLUMN token SET DEFAULT gen_random_uuid();
UPDATE large_user SET token = gen_random_uuid() WHERE id BETWEEN 1 AND 10000 AND token IS NULL;
