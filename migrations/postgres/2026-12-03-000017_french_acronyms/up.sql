-- Each department's acronym in French (AAC for AAFC, MPO for DFO...): French pages, reports
-- and briefs name departments by it. Empty: the code serves in both languages.
ALTER TABLE departments ADD COLUMN acronym_fr TEXT NOT NULL DEFAULT '';
UPDATE departments SET acronym_fr = 'AAC' WHERE code = 'AAFC';
UPDATE departments SET acronym_fr = 'ASFC' WHERE code = 'CBSA';
UPDATE departments SET acronym_fr = 'ACIA' WHERE code = 'CFIA';
UPDATE departments SET acronym_fr = 'MPO' WHERE code = 'DFO';
UPDATE departments SET acronym_fr = 'ECCC' WHERE code = 'ECCC';
UPDATE departments SET acronym_fr = 'FIN' WHERE code = 'FIN';
UPDATE departments SET acronym_fr = 'AMC' WHERE code = 'GAC';
UPDATE departments SET acronym_fr = 'ISDE' WHERE code = 'ISED';
UPDATE departments SET acronym_fr = 'RNCan' WHERE code = 'NRCAN';
UPDATE departments SET acronym_fr = 'TC' WHERE code = 'TC';
