ALTER TABLE large_user ADD COLUMN status varchar(20);
UPDATE large_user SET status = 'active WHERE id = 1;
