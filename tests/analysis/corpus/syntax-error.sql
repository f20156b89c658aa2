ALTER TABLE large_user ADD COLUMN status varchar(20);
ALTER TABLE large_user
  ALTER COLUMN status SET NOT NUL;
CREATE INDEX large_user_status_idx ON large_user (status);
