-- Source documents (leaders' readouts, joint statements, ...), their language versions, and
-- their statements: numbered paragraphs with their text in each language.
CREATE TABLE sources (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL CHECK (length(title) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('leaders_readout', 'joint_statement',
        'ministerial_meeting', 'mandate_letter', 'notice', 'other')),
    issued_on DATE,
    place TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    -- A digest of the text as imported: the same readout imported twice is recognised.
    fingerprint TEXT NOT NULL UNIQUE,
    -- Who imported it; none for an import from the command line.
    created_by TEXT REFERENCES people (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX sources_by_date ON sources (issued_on, created_at);

CREATE TABLE source_versions (
    source_id TEXT NOT NULL REFERENCES sources (id),
    language TEXT NOT NULL CHECK (language IN ('en', 'fr', 'zh-Hant', 'zh-Hans')),
    title TEXT NOT NULL,
    issued_on DATE,
    place TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    PRIMARY KEY (source_id, language)
);

CREATE TABLE statements (
    id TEXT PRIMARY KEY NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources (id),
    number INTEGER NOT NULL CHECK (number > 0),
    is_directive BOOLEAN NOT NULL,
    UNIQUE (source_id, number)
);

CREATE TABLE statement_texts (
    statement_id TEXT NOT NULL REFERENCES statements (id),
    language TEXT NOT NULL CHECK (language IN ('en', 'fr', 'zh-Hant', 'zh-Hans')),
    text TEXT NOT NULL,
    -- The text lower-cased by the application (both backends' own lower() differ on
    -- accented capitals), for search.
    search_text TEXT NOT NULL,
    PRIMARY KEY (statement_id, language)
);
