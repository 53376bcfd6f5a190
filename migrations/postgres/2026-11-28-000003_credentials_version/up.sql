-- Every password change moves an account's credentials version; a session is valid only at
-- the version it was opened with. A sign-in that checked the old password while the holder
-- was changing it therefore cannot leave a session behind that outlives the change.
ALTER TABLE people ADD COLUMN credentials_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN credentials_version INTEGER NOT NULL DEFAULT 0;

-- One-time passwords given before they could expire get the standard 72 hours from now.
UPDATE people SET password_expires_at = (now() AT TIME ZONE 'UTC') + interval '72 hours'
    WHERE must_change_password AND password_expires_at IS NULL;

-- Failures per account from one address: the count that refuses sign-in.
CREATE INDEX sign_in_attempts_by_subject_and_ip ON sign_in_attempts (subject, ip, attempted_at);
