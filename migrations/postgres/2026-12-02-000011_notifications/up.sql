-- Notifications: who is told what, in the application and by e-mail.

-- Each person's language (their last choice), for e-mail; and when their daily digest goes.
ALTER TABLE people ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr'));
ALTER TABLE people ADD COLUMN digest_time TEXT NOT NULL DEFAULT '07:00';

-- How each person wants each kind of notification; a kind with no row takes its default.
CREATE TABLE notification_preferences (
    person_id TEXT NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL,
    delivery TEXT NOT NULL CHECK (delivery IN ('immediate', 'digest', 'in_app', 'off')),
    PRIMARY KEY (person_id, kind)
);

-- Who watches which irritant. Owners and milestone owners are added when assigned.
CREATE TABLE watches (
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (irritant_id, person_id)
);
CREATE INDEX watches_by_person ON watches (person_id);

-- Managers following a lead department or a counterpart: told of its irritants as watchers are.
CREATE TABLE follows (
    person_id TEXT NOT NULL REFERENCES people (id),
    scope TEXT NOT NULL CHECK (scope IN ('department', 'counterpart')),
    value TEXT NOT NULL,
    PRIMARY KEY (person_id, scope, value)
);
CREATE INDEX follows_by_scope ON follows (scope, value);

-- The discussion on an irritant, apart from its formal progress updates. A deleted comment is
-- no longer shown; its row keeps who deleted it and when (the security log records it too).
CREATE TABLE comments (
    id TEXT PRIMARY KEY NOT NULL,
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    author_id TEXT NOT NULL REFERENCES people (id),
    body TEXT NOT NULL,
    -- The people it mentions, as JSON: [{"text": "@Olu", "person_id": "..."}].
    mentions TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP,
    deleted_by TEXT REFERENCES people (id)
);
CREATE INDEX comments_by_irritant ON comments (irritant_id, created_at);

-- The e-mail outbox: a row is written in the transaction of the change that causes it, and a
-- delivery worker sends it. One row is one message: a notification, or a day's digest.
CREATE TABLE outgoing_mail (
    id TEXT PRIMARY KEY NOT NULL,
    recipient_id TEXT NOT NULL REFERENCES people (id),
    -- What the message is about: a notification's event, or a day's digest (`digest:...`).
    event_key TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    -- A worker that claimed the row (`claimed_by`, a token of its own) holds it until then;
    -- after, another may take it, and the first may no longer record what became of it.
    claimed_by TEXT,
    claimed_until TIMESTAMP,
    give_up_at TIMESTAMP NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outgoing_mail_due ON outgoing_mail (state, next_attempt_at);
-- One digest per person and day, whoever gathers it and however often. (A notification's own
-- message is unique with the notification, which is once per event and recipient.)
CREATE UNIQUE INDEX outgoing_mail_one_digest ON outgoing_mail (event_key)
    WHERE event_key LIKE 'digest:%';

-- Every failed attempt to send, with its reason.
CREATE TABLE mail_failures (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mail_id TEXT NOT NULL REFERENCES outgoing_mail (id),
    failed_at TIMESTAMP NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX mail_failures_by_mail ON mail_failures (mail_id, failed_at);

CREATE TABLE notifications (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES people (id),
    -- What happened, once per recipient: the same event never notifies anyone twice.
    event_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    irritant_id TEXT REFERENCES irritants (id),
    -- The exact place it is about, an address within the application.
    link TEXT NOT NULL,
    -- Its message and values, as JSON, so that each reader reads it in their language.
    detail TEXT NOT NULL,
    actor_id TEXT REFERENCES people (id),
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    -- The recipient's preference when it was made: immediate, digest or in_app.
    delivery TEXT NOT NULL CHECK (delivery IN ('immediate', 'digest', 'in_app')),
    -- The message that carries it by e-mail, once there is one. Checked at commit: the
    -- notification is written first, then its message.
    mail_id TEXT REFERENCES outgoing_mail (id) DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (recipient_id, event_key)
);
CREATE INDEX notifications_by_recipient ON notifications (recipient_id, id);
CREATE INDEX notifications_unread ON notifications (recipient_id) WHERE read_at IS NULL;
CREATE INDEX notifications_awaiting_digest ON notifications (recipient_id)
    WHERE delivery = 'digest' AND mail_id IS NULL;
CREATE INDEX notifications_by_mail ON notifications (mail_id) WHERE mail_id IS NOT NULL;

-- Who runs the scheduled sweep now: several instances share one database, and one sweeps.
CREATE TABLE leases (
    name TEXT PRIMARY KEY NOT NULL,
    holder TEXT NOT NULL DEFAULT '',
    held_until TIMESTAMP
);
INSERT INTO leases (name) VALUES ('notification-sweep');

-- Secrets the instances share, made once: the key that signs unsubscribe links.
CREATE TABLE shared_secrets (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
