-- Progress reports as issued: who issued them, when, for which period and scope, and the
-- report itself (its figures and rows, as JSON), kept exactly as it was handed out.
CREATE TABLE issued_reports (
    id TEXT PRIMARY KEY NOT NULL,
    issued_by TEXT NOT NULL REFERENCES people (id),
    issued_at TIMESTAMP NOT NULL,
    period_from DATE NOT NULL,
    period_to DATE NOT NULL,
    grouping TEXT NOT NULL,
    scope TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    content TEXT NOT NULL
);
CREATE INDEX issued_reports_by_time ON issued_reports (issued_at);

-- Each person's secret calendar address: only a hash of its key is kept. A new address
-- replaces the old one; revoking deletes it.
CREATE TABLE calendar_feeds (
    person_id TEXT PRIMARY KEY NOT NULL REFERENCES people (id),
    key_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);
