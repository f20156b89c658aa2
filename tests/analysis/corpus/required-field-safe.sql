SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ADD COLUMN public boolean NOT NULL DEFAULT false;
