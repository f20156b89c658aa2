SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ADD CONSTRAINT large_user_small_fk FOREIGN KEY (small_id) REFERENCES small_user (id) NOT VALID;
ALTER TABLE large_user VALIDATE CONSTRAINT large_user_small_fk;
