SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user RENAME TO app_user;
