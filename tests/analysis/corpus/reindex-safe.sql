SET lock_timeout = '2s';
SET statement_timeout = '5min';
REINDEX INDEX CONCURRENTLY large_user_name_idx;
