-- options: sandbox schema=users.schema.sql extensions=plpgsql
CREATE EXTENSION IF NOT EXISTS plpgsql;
CREATE EXTENSION IF NOT EXISTS postgis;
