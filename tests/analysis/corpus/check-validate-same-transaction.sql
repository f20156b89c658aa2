SET lock_timeout = '2s';
SET statement_timeout = '5min';
BEGIN;
ALTER TABLE large_user ADD CONSTRAINT name_length CHECK (length(name) < 200) NOT VALID;
ALTER TABLE large_user VALIDATE CONSTRAINT name_length;
COMMIT;
