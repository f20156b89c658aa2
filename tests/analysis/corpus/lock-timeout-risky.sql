SET statement_timeout = '5min';
ALTER TABLE large_user ADD COLUMN nickname text;
