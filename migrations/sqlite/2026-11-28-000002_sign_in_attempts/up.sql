-- Sign-in attempts still counting against their account and address: each is recorded before
-- its password is checked, so that simultaneous guesses are counted one by one, and removed
-- when it succeeds or is refused. What remains inside the window are the failures.
CREATE TABLE sign_in_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    subject TEXT NOT NULL,
    ip TEXT NOT NULL,
    attempted_at TIMESTAMP NOT NULL
);
CREATE INDEX sign_in_attempts_by_subject ON sign_in_attempts (subject, attempted_at);
CREATE INDEX sign_in_attempts_by_ip ON sign_in_attempts (ip, attempted_at);
CREATE INDEX sign_in_attempts_by_time ON sign_in_attempts (attempted_at);

-- A one-time password stops working after a while (set with must_change_password).
ALTER TABLE people ADD COLUMN password_expires_at TIMESTAMP;
