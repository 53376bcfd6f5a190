-- A list's filters, sort and columns kept under a name: personal, or shared with everyone.
CREATE TABLE saved_views (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    owner_id TEXT NOT NULL REFERENCES people (id),
    shared BOOLEAN NOT NULL DEFAULT FALSE,
    -- The list's query string as the list writes it (without a page).
    query TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- One name per person, however it is capitalised.
CREATE UNIQUE INDEX saved_views_one_name ON saved_views (owner_id, lower(name));
CREATE INDEX saved_views_shared ON saved_views (shared, name);

-- Who follows a view, and how they want to hear of it.
CREATE TABLE view_follows (
    view_id TEXT NOT NULL REFERENCES saved_views (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    delivery TEXT NOT NULL CHECK (delivery IN ('immediate', 'digest', 'in_app')),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (view_id, person_id)
);
CREATE INDEX view_follows_by_person ON view_follows (person_id);

-- What a followed view held when it was last looked at, and when each irritant in it last
-- changed: the next look tells its followers what entered, changed or left.
CREATE TABLE view_members (
    view_id TEXT NOT NULL REFERENCES saved_views (id),
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (view_id, irritant_id)
);
