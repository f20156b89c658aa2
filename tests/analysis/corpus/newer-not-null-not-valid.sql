SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ADD CONSTRAINT status_not_null NOT NULL status NOT VALID;
ALTER TABLE large_user VALIDATE CONSTRAINT status_not_null;
