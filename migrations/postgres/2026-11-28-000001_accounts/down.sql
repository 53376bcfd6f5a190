DROP TABLE security_events;
DROP FUNCTION security_log_is_append_only();
DROP TABLE api_tokens;
DROP TABLE sessions;
ALTER TABLE people DROP COLUMN must_change_password;
ALTER TABLE people DROP COLUMN password_hash;
ALTER TABLE people DROP COLUMN role;
