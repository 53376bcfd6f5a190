//! The register's user journeys, driven over HTTP against the real server. Each test gets a
//! fresh database: SQLite by default, PostgreSQL when TEST_DATABASE_URL names a server.

mod helpers;
mod html;
mod smtp;

mod api;
mod atomicity;
mod bilingual;
mod briefs;
mod bulk;
mod calendar;
mod cli;
mod concurrency;
mod daily_loop;
mod dashboard;
mod demo;
mod errors;
mod exports;
mod imports;
mod irritant_pages;
mod languages;
mod list;
mod notifications;
mod reports;
mod saved_views;
mod security;
mod sources;
mod status;
mod updates_and_milestones;
