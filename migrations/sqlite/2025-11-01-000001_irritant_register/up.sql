-- The irritant register: reference data, irritants and their append-only history.
-- Ids are TEXT (UUIDs made by the application), times are UTC, enumerations are TEXT with a CHECK,
-- so that the same schema.rs serves SQLite and PostgreSQL.

-- One row whose generation grows with every committed write, so that every instance can tell
-- cheaply whether what it derived from the data (such as list counts) is still current.
CREATE TABLE register_state (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    generation BIGINT NOT NULL
);
INSERT INTO register_state (id, generation) VALUES (1, 0);

CREATE TABLE departments (
    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 2 AND 12),
    name_en TEXT NOT NULL,
    name_fr TEXT NOT NULL
);

INSERT INTO departments (code, name_en, name_fr) VALUES
    ('AAFC', 'Agriculture and Agri-Food Canada', 'Agriculture et Agroalimentaire Canada'),
    ('CBSA', 'Canada Border Services Agency', 'Agence des services frontaliers du Canada'),
    ('CFIA', 'Canadian Food Inspection Agency', 'Agence canadienne d''inspection des aliments'),
    ('DFO', 'Fisheries and Oceans Canada', 'Pêches et Océans Canada'),
    ('ECCC', 'Environment and Climate Change Canada', 'Environnement et Changement climatique Canada'),
    ('FIN', 'Department of Finance Canada', 'Ministère des Finances Canada'),
    ('GAC', 'Global Affairs Canada', 'Affaires mondiales Canada'),
    ('ISED', 'Innovation, Science and Economic Development Canada', 'Innovation, Sciences et Développement économique Canada'),
    ('NRCAN', 'Natural Resources Canada', 'Ressources naturelles Canada'),
    ('TC', 'Transport Canada', 'Transports Canada');

CREATE TABLE people (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    department_code TEXT REFERENCES departments (code),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE reference_counters (
    year INTEGER PRIMARY KEY NOT NULL,
    last_number INTEGER NOT NULL
);

CREATE TABLE irritants (
    id TEXT PRIMARY KEY NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL CHECK (length(title) > 0),
    summary TEXT NOT NULL DEFAULT '',
    counterpart TEXT NOT NULL CHECK (length(counterpart) = 2),
    direction TEXT NOT NULL CHECK (direction IN ('their_measure', 'our_measure')),
    sector TEXT NOT NULL,
    measure_type TEXT NOT NULL CHECK (measure_type IN ('tariff', 'surtax', 'anti_dumping_duty',
        'countervailing_duty', 'sps_tbt_restriction', 'import_ban', 'licensing', 'other')),
    measure TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('open', 'resolved_in_part', 'resolved', 'dormant', 'closed')),
    status_date DATE NOT NULL,
    status_note TEXT NOT NULL DEFAULT '',
    closure_reason TEXT CHECK (closure_reason IN ('duplicate', 'not_an_irritant', 'superseded', 'withdrawn', 'other')),
    priority TEXT NOT NULL CHECK (priority IN ('leaders', 'high', 'medium', 'low', 'watch')),
    -- 1 (leaders) to 5 (watch): lets "most urgent first" use an index instead of a CASE over every row.
    priority_rank INTEGER NOT NULL CHECK (priority_rank BETWEEN 1 AND 5),
    action_holder TEXT NOT NULL CHECK (action_holder IN ('us', 'counterpart', 'industry', 'joint')),
    rag TEXT CHECK (rag IN ('on_track', 'at_risk', 'off_track')),
    owner_id TEXT REFERENCES people (id),
    lead_department TEXT REFERENCES departments (code),
    team TEXT NOT NULL DEFAULT '',
    target_date DATE,
    trade_value_cents BIGINT,
    trade_value_year INTEGER,
    trade_value_source TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL DEFAULT '',
    last_progress_on DATE,
    -- The earliest due date among milestones not yet done: "a milestone is overdue" is then
    -- one comparison that indexes can answer, instead of a search of every irritant's milestones.
    next_milestone_due DATE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- A closed irritant says why; no other carries a closure reason.
    CHECK ((status = 'closed') = (closure_reason IS NOT NULL))
);

-- List pages filter and sort. Each sort has an index that ends with every filtered column, so
-- a filtered page is read off the index, checking filters there, without visiting rows that do
-- not match; a selective filter (one owner, one counterpart) has a narrow index of its own.
CREATE INDEX irritants_by_updated ON irritants (updated_at, id,
    status, sector, priority, counterpart, rag, owner_id, lead_department, target_date, next_milestone_due);
CREATE INDEX irritants_by_status ON irritants (status, updated_at, id,
    sector, priority, counterpart, rag, owner_id, lead_department, target_date, next_milestone_due);
CREATE INDEX irritants_by_target ON irritants ((target_date IS NULL), target_date, id,
    status, sector, priority, counterpart, rag, owner_id, lead_department, next_milestone_due);
CREATE INDEX irritants_by_status_target ON irritants (status, (target_date IS NULL), target_date, id,
    sector, priority, counterpart, rag, owner_id, lead_department, next_milestone_due);
CREATE INDEX irritants_by_priority ON irritants (priority_rank, updated_at DESC, id DESC,
    status, sector, counterpart, rag, owner_id, lead_department, target_date, next_milestone_due);
CREATE INDEX irritants_by_title ON irritants (title, id);
CREATE INDEX irritants_by_counterpart ON irritants (counterpart, updated_at, id);
CREATE INDEX irritants_by_sector ON irritants (sector, updated_at, id);
CREATE INDEX irritants_by_owner ON irritants (owner_id, updated_at, id);
CREATE INDEX irritants_by_department ON irritants (lead_department, updated_at, id);
CREATE INDEX irritants_by_rag ON irritants (rag, updated_at, id);

CREATE TABLE irritant_products (
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    position INTEGER NOT NULL,
    hs_code TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (irritant_id, position)
);
CREATE INDEX irritant_products_by_code ON irritant_products (hs_code);

CREATE TABLE progress_updates (
    id TEXT PRIMARY KEY NOT NULL,
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    reported_on DATE NOT NULL,
    rag TEXT NOT NULL CHECK (rag IN ('on_track', 'at_risk', 'off_track')),
    done TEXT NOT NULL,
    next_steps TEXT NOT NULL DEFAULT '',
    author_id TEXT NOT NULL REFERENCES people (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX progress_updates_by_irritant ON progress_updates (irritant_id, reported_on);

CREATE TABLE milestones (
    id TEXT PRIMARY KEY NOT NULL,
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    title TEXT NOT NULL CHECK (length(title) > 0),
    due_date DATE NOT NULL,
    owner_id TEXT REFERENCES people (id),
    state TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'done')),
    completed_on DATE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX milestones_by_irritant ON milestones (irritant_id, due_date);
CREATE INDEX milestones_by_due ON milestones (state, due_date);

CREATE TABLE irritant_links (
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    linked_id TEXT NOT NULL REFERENCES irritants (id),
    kind TEXT NOT NULL CHECK (kind IN ('retaliation_for', 'related', 'resolve_together')),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (irritant_id, linked_id),
    CHECK (irritant_id <> linked_id)
);
CREATE INDEX irritant_links_by_linked ON irritant_links (linked_id);

CREATE TABLE history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    version INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES people (id),
    occurred_at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'field_changed', 'status_changed', 'update_added',
        'milestone_added', 'milestone_changed', 'link_added')),
    field TEXT,
    before_value TEXT,
    after_value TEXT,
    effective_date DATE,
    summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX history_by_irritant ON history (irritant_id, id);

-- History is append-only: the database itself refuses to rewrite or erase it.
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
