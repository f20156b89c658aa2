SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ADD COLUMN token uuid DEFAULT gen_random_uuid();
