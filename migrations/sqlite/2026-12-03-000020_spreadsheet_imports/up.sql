-- A spreadsheet uploaded for import, kept between its preview and its confirmation so that
-- any instance can confirm it; removed when it is imported, or a day later.
CREATE TABLE import_uploads (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people (id),
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX import_uploads_by_age ON import_uploads (created_at);

-- The mapping each person last used for a sheet with these headings (joined by a unit
-- separator), as a TOML mapping file, offered again for the next sheet like it.
CREATE TABLE import_mappings (
    person_id TEXT NOT NULL REFERENCES people (id),
    headings TEXT NOT NULL,
    mapping TEXT NOT NULL,
    PRIMARY KEY (person_id, headings)
);
