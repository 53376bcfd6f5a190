ALTER TABLE sources DROP COLUMN title_fr;
ALTER TABLE progress_updates DROP COLUMN next_steps_translation;
ALTER TABLE progress_updates DROP COLUMN done_translation;
ALTER TABLE progress_updates DROP COLUMN written_in;
DROP TABLE irritant_languages;
