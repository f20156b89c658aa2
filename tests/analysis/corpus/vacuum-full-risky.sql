SET lock_timeout = '2s';
SET statement_timeout = '5min';
VACUUM FULL large_user;
CLUSTER large_user USING large_user_pkey;
