SET lock_timeout = '2s';
SET statement_timeout = '5min';
MERGE INTO large_user u USING small_user s ON u.id = s.id
WHEN MATCHED THEN UPDATE SET name = s.name
RETURNING u.id;
CREATE INDEX large_user_name_idx ON large_user (name);
