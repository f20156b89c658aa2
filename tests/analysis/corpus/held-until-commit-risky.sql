SET lock_timeout = '2s';
SET statement_timeout = '5min';
BEGIN;
ALTER TABLE large_user ADD COLUMN status varchar(20);
ALTER TABLE large_user ADD CONSTRAINT status_check CHECK (status IN ('active', 'inactive')) NOT VALID;
CREATE INDEX large_user_status_idx ON large_user (status);
COMMIT;
