-- Accounts, sessions, API tokens and the security log.
-- People become accounts: a role, and a password hash for those who sign in. People recorded
-- before (owners who never sign in) have no password and the least role.
ALTER TABLE people ADD COLUMN role TEXT NOT NULL DEFAULT 'viewer'
    CHECK (role IN ('viewer', 'officer', 'manager', 'admin'));
ALTER TABLE people ADD COLUMN password_hash TEXT;
-- Set for one-time passwords (the first administrator, accounts an administrator creates):
-- the holder must choose their own before doing anything else.
ALTER TABLE people ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;

-- Sessions live in the database, not in a cookie, so that signing out ends them for good and
-- every app instance behind a load balancer sees the same ones. Only a hash of the session id
-- is stored: reading this table does not let anyone sign in.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people (id),
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_person ON sessions (person_id);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people (id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_by_person ON api_tokens (person_id, created_at);

-- Who did what to accounts and access, from where. Never passwords or tokens.
CREATE TABLE security_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL,
    actor_id TEXT REFERENCES people (id),
    -- The account concerned (an e-mail address, possibly one that does not exist) or the
    -- address that was refused.
    subject TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
-- Counting recent sign-in failures per account and per address must not scan the log.
CREATE INDEX security_events_by_subject ON security_events (kind, subject, occurred_at);
CREATE INDEX security_events_by_ip ON security_events (kind, ip, occurred_at);

CREATE FUNCTION security_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the security log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER security_events_no_update BEFORE UPDATE OR DELETE ON security_events
    FOR EACH ROW EXECUTE FUNCTION security_log_is_append_only();
