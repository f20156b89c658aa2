-- options: sandbox schema=users.schema.sql
ALTER TABLE large_user ADD COLUMN nickname text;
ALTER TABLE orders ADD COLUMN note text;
UPDATE large_user SET name = o.name FROM other.accounts o WHERE o.id = large_user.id;
CREATE TABLE audit (id bigint);
INSERT INTO audit SELECT id FROM large_user WHERE id < 10;
WITH recent AS (SELECT id FROM large_user WHERE id > 100) DELETE FROM small_user WHERE id IN (SELECT id FROM recent);
SELECT * FROM otherdb.public.large_user;
