DROP TABLE security_events;
DROP TABLE api_tokens;
DROP TABLE sessions;
ALTER TABLE people DROP COLUMN must_change_password;
ALTER TABLE people DROP COLUMN password_hash;
ALTER TABLE people DROP COLUMN role;
