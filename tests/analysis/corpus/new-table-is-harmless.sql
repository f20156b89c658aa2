BEGIN;
CREATE TABLE audit (id bigint PRIMARY KEY, user_id bigint REFERENCES small_user (id), note text);
ALTER TABLE audit ADD COLUMN created timestamptz NOT NULL;
CREATE INDEX audit_user_idx ON audit (user_id);
ALTER TABLE audit ALTER COLUMN note SET NOT NULL;
COMMIT;
