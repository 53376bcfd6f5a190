DROP TABLE bulk_changes;
