-- options: pg-version=11
SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ADD CONSTRAINT status_not_null CHECK (status IS NOT NULL) NOT VALID;
ALTER TABLE large_user VALIDATE CONSTRAINT status_not_null;
ALTER TABLE large_user ALTER COLUMN status SET NOT NULL;
