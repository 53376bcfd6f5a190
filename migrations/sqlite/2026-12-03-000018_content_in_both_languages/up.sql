-- Content in both official languages. An irritant's title and summary, and a progress update's
-- text, are written in one language (`en` or `fr`) and may carry a rendering in the other;
-- French readers see the French where there is one. Empty text: no rendering.
--
-- An irritant's languages live beside it, one row for an irritant written in French or given
-- a rendering, none for one written in English only; the irritants table stays within the
-- column count the database layer maps.
CREATE TABLE irritant_languages (
    irritant_id TEXT PRIMARY KEY NOT NULL REFERENCES irritants (id),
    written_in TEXT NOT NULL CHECK (written_in IN ('en', 'fr')),
    title_translation TEXT NOT NULL DEFAULT '',
    summary_translation TEXT NOT NULL DEFAULT ''
);
ALTER TABLE progress_updates ADD COLUMN written_in TEXT NOT NULL DEFAULT 'en'
    CHECK (written_in IN ('en', 'fr'));
ALTER TABLE progress_updates ADD COLUMN done_translation TEXT NOT NULL DEFAULT '';
ALTER TABLE progress_updates ADD COLUMN next_steps_translation TEXT NOT NULL DEFAULT '';
-- A source document's title in French, for French readers when its own title is not French.
-- Documents imported with a French version take that version's title.
ALTER TABLE sources ADD COLUMN title_fr TEXT NOT NULL DEFAULT '';
UPDATE sources SET title_fr = (
    SELECT source_versions.title FROM source_versions
    WHERE source_versions.source_id = sources.id AND source_versions.language = 'fr'
    ORDER BY source_versions.position LIMIT 1
) WHERE EXISTS (
    SELECT 1 FROM source_versions
    WHERE source_versions.source_id = sources.id AND source_versions.language = 'fr'
      AND source_versions.title <> sources.title
);
