SET lock_timeout = '2s';
SET statement_timeout = '5min';
ALTER TABLE large_user ADD COLUMN full_name varchar(100);
UPDATE large_user SET full_name = name WHERE id BETWEEN 1 AND 10000;
