ALTER TABLE people DROP COLUMN password_expires_at;
DROP TABLE sign_in_attempts;
