SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE large_user ADD COLUMN created_on date DEFAULT CURRENT_DATE;
