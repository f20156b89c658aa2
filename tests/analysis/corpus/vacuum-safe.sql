SET lock_timeout = '2s';
SET statement_timeout = '5min';
VACUUM (ANALYZE) large_user;
