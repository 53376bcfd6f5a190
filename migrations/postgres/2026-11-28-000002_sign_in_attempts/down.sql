DROP TRIGGER security_events_no_truncate ON security_events;
ALTER TABLE people DROP COLUMN password_expires_at;
DROP TABLE sign_in_attempts;
