-- Run before the migration: a unique index cannot be built while this returns rows.
SELECT name, count(*) FROM large_user GROUP BY name HAVING count(*) > 1;
