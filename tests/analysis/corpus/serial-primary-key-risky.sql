SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE events ADD COLUMN id serial PRIMARY KEY;
