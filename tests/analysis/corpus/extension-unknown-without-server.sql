-- options: sandbox schema=users.schema.sql
-- Without a server the analyser cannot know which extensions the sandbox
-- has: CREATE EXTENSION is not refused here; try checks pg_extension first.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX CONCURRENTLY IF NOT EXISTS large_user_name_trgm ON large_user USING gin (name gin_trgm_ops);
