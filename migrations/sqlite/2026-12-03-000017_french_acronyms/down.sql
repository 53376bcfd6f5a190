ALTER TABLE departments DROP COLUMN acronym_fr;
