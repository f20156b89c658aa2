SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;
ALTER DOMAIN positive_int VALIDATE CONSTRAINT positive;
