-- A history holding removed links cannot be narrowed back; nothing to undo.
SELECT 1;
