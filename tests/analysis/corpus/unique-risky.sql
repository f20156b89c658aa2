SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ADD CONSTRAINT large_user_name_key UNIQUE (name);
