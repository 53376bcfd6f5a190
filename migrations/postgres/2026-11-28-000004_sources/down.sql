DROP TABLE statement_texts;
DROP TABLE statements;
DROP TABLE source_versions;
DROP TABLE sources;
