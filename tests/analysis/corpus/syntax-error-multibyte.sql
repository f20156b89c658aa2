-- Größe: a comment with non-ASCII letters
UPDATE large_user SET name = 'Zoë' WHERE id = 1;
SELEC name FROM large_user;
