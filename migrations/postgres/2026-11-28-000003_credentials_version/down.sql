DROP INDEX sign_in_attempts_by_subject_and_ip;
ALTER TABLE sessions DROP COLUMN credentials_version;
ALTER TABLE people DROP COLUMN credentials_version;
