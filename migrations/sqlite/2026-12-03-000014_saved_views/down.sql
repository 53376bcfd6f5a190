DROP TABLE view_members;
DROP TABLE view_follows;
DROP TABLE saved_views;
