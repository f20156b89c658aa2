SET lock_timeout = '2s';
SET statement_timeout = '5min';
DROP INDEX large_user_name_idx;
