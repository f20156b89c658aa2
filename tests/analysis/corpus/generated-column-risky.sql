SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ADD COLUMN name_lower text GENERATED ALWAYS AS (lower(name)) STORED;
