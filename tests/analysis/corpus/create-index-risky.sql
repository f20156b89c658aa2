CREATE INDEX large_user_name_idx ON large_user (name);
