//! The schema's migrations, embedded in the binary: one folder per backend, same version names.

use diesel::prelude::*;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// An arbitrary constant naming irritrack's migration lock among PostgreSQL advisory locks.
const MIGRATION_LOCK: i64 = 0x0069_7272_6974_726b;

/// Applies the migrations not yet applied, then the data steps they left pending (see
/// [`super::data_steps`]), and returns the migrations' versions. On PostgreSQL several
/// instances may start at once: an advisory lock lets one migrate while the others wait, and
/// they then find nothing left to do.
pub fn run_pending(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    let is_postgres = matches!(conn, DbConnection::Postgresql(_));
    if is_postgres {
        diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK})")).execute(conn)?;
    }
    let applied = migrate_and_step(conn);
    if is_postgres {
        diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})")).execute(conn)?;
    }
    applied
}

fn migrate_and_step(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    let applied = match conn {
        DbConnection::Sqlite(conn) => conn.run_pending_migrations(SQLITE).map(versions),
        DbConnection::Postgresql(conn) => conn.run_pending_migrations(POSTGRES).map(versions),
    }
    .map_err(|e| anyhow::anyhow!("cannot apply the database migrations: {e}"))?;
    for step in super::data_steps::run_pending(conn)
        .map_err(|e| anyhow::anyhow!("cannot bring the stored data up to date: {e}"))?
    {
        tracing::info!(step, "stored data brought up to date");
    }
    Ok(applied)
}

fn versions(applied: Vec<diesel::migration::MigrationVersion<'_>>) -> Vec<String> {
    applied.into_iter().map(|v| v.to_string()).collect()
}
