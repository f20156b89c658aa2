SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ADD CONSTRAINT name_not_null CHECK (name IS NOT NULL) NOT VALID;
ALTER TABLE large_user VALIDATE CONSTRAINT name_not_null;
ALTER TABLE large_user ALTER COLUMN status SET NOT NULL;
