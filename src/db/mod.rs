//! Database access, in one place. One connection type serves SQLite and PostgreSQL; the
//! database URL picks which. Everything above this module speaks in domain types.

pub mod accounts;
pub mod briefs;
pub mod bulk;
pub mod bulk_changes;
pub mod cache;
pub mod calendar;
pub mod comments;
pub mod dashboard;
mod data_steps;
mod filter;
pub mod history;
mod ids;
pub mod imports;
pub mod irritants;
pub mod mail;
pub mod migrations;
pub mod milestones;
pub mod notifications;
pub mod people;
pub mod progress;
pub mod reports;
pub mod saved_views;
pub mod schema;
mod search;
pub mod security_log;
pub mod slips;
pub mod sources;
pub mod sweep;

use std::path::{Path, PathBuf};
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2;
use diesel::sqlite::SqliteConnection;

/// A connection to whichever database the URL named.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

pub type DbBackend = <DbConnection as Connection>::Backend;

/// A multi-row insert. Diesel offers them on each backend's own connection but not through
/// the connection that picks the backend, so the statement is compiled for both. (On SQLite a
/// batch holding a `DEFAULT` would be written a row at a time: values are never left to
/// their defaults in one.)
macro_rules! insert_many {
    ($conn:expr, $table:expr, $values:expr) => {
        match $conn {
            $crate::db::DbConnection::Sqlite(c) => {
                diesel::insert_into($table).values($values).execute(c)
            }
            $crate::db::DbConnection::Postgresql(c) => {
                diesel::insert_into($table).values($values).execute(c)
            }
        }
    };
}
pub(crate) use insert_many;

/// Values one statement binds at most: well within SQLite's limit (32,766) and PostgreSQL's
/// (65,535).
const VALUES_PER_STATEMENT: usize = 8_000;

/// Rows of `columns` values each that one multi-row insert takes.
pub(crate) const fn rows_per_statement(columns: usize) -> usize {
    VALUES_PER_STATEMENT / columns
}

/// Inserts every row of `$rows` (a slice of rows of `$columns` values each), a statement for
/// as many as one takes.
macro_rules! insert_in_chunks {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {
        for chunk in $rows.chunks($crate::db::rows_per_statement($columns)) {
            $crate::db::insert_many!($conn, $table, chunk.to_vec())?;
        }
    };
}
pub(crate) use insert_in_chunks;
pub type Pool = r2d2::Pool<ConnectionManager>;
pub type PooledConnection = r2d2::PooledConnection<ConnectionManager>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the data lives, parsed from a database URL: `sqlite://PATH`, a plain path, or
/// `postgres://...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseTarget {
    pub fn parse(url: &str) -> anyhow::Result<Self> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_owned()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        // A mistyped scheme must not quietly become a new, empty SQLite file.
        if path.contains("://") {
            anyhow::bail!(
                "unsupported database URL {:?}: use sqlite://PATH, a file path, or postgres://...",
                redact(url)
            );
        }
        // Each pooled connection would get its own private, empty database.
        if path == ":memory:" || path.contains("mode=memory") {
            anyhow::bail!(
                "an in-memory SQLite database cannot be shared by the connection pool; give a file path"
            );
        }
        if path.is_empty() {
            anyhow::bail!("the database URL is empty");
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Opens connections of the named backend only, and prepares each SQLite connection for a web
/// application: foreign keys enforced, a busy timeout instead of instant "database is locked"
/// errors, and `synchronous = FULL` so an acknowledged write survives the process being killed
/// (and a power cut). The file itself is put in WAL mode, so readers never wait for the writer.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    target: DatabaseTarget,
    busy_timeout: Duration,
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.target {
            DatabaseTarget::Postgres(url) => PgConnection::establish(url)
                .map(DbConnection::Postgresql)
                .map_err(r2d2::Error::ConnectionError),
            DatabaseTarget::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())
                    .map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = {}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
                     PRAGMA temp_store = MEMORY; PRAGMA cache_size = -1024;",
                    self.busy_timeout.as_millis()
                ))
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking()
            || !matches!(
                <DbConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn),
                diesel::connection::TransactionManagerStatus::Valid(status)
                    if status.transaction_depth().is_none()
            )
    }
}

/// Opens the database (creating a SQLite file and its folder on first use), brings its schema
/// up to date, and returns a pool of connections (`pool_size` of them, or 0 to fit the machine).
pub fn connect(
    url: &str,
    pool_size: u32,
    busy_timeout: Duration,
) -> anyhow::Result<(Pool, Backend)> {
    let target = DatabaseTarget::parse(url)?;
    if let DatabaseTarget::Sqlite(path) = &target {
        create_parent_folder(path)?;
        // WAL is a property of the file: set it once, before the pool opens connections that
        // would otherwise race for the exclusive lock the switch needs.
        let cannot_open = |e: &dyn std::fmt::Display| {
            anyhow::anyhow!("cannot open the SQLite database {}: {e}", path.display())
        };
        let mut conn =
            SqliteConnection::establish(&path.to_string_lossy()).map_err(|e| cannot_open(&e))?;
        conn.batch_execute(&format!(
            "PRAGMA busy_timeout = {};",
            busy_timeout.as_millis()
        ))
        .map_err(|e| cannot_open(&e))?;
        let mode: JournalMode = diesel::sql_query("PRAGMA journal_mode = WAL")
            .get_result(&mut conn)
            .map_err(|e| cannot_open(&e))?;
        if !mode.journal_mode.eq_ignore_ascii_case("wal") {
            anyhow::bail!(
                "the SQLite database {} cannot use write-ahead logging (journal mode {}); put it on a local disk",
                path.display(),
                mode.journal_mode
            );
        }
    }
    let backend = target.backend();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get() as u32);
    let pool_size = match (pool_size, backend) {
        (0, Backend::Sqlite) => 2 * cores,
        (0, Backend::Postgres) => 4 * cores,
        (chosen, _) => chosen,
    };
    let manager = ConnectionManager {
        target,
        busy_timeout,
    };
    let pool = r2d2::Pool::builder()
        .max_size(pool_size)
        // A broken connection shows itself on use, and its transaction state is checked on
        // return; a test query on every checkout would cost a round trip per request.
        .test_on_check_out(false)
        .connection_timeout(Duration::from_secs(10))
        .build(manager)
        .map_err(|e| anyhow::anyhow!("cannot open the database at {}: {e}", redact(url)))?;
    let mut conn = pool.get()?;
    if !migrations::run_pending(&mut conn)?.is_empty() {
        // New indexes have no statistics yet; without them the planner may pass them by.
        analyze(&mut conn)?;
    }
    Ok((pool, backend))
}

fn create_parent_folder(path: &Path) -> anyhow::Result<()> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => std::fs::create_dir_all(parent)
            .map_err(|e| anyhow::anyhow!("cannot create the folder {}: {e}", parent.display())),
        _ => Ok(()),
    }
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// What a write transaction changes, and so whether what was cached from the register must
/// be read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writes {
    /// The register: irritants, sources, people, reports.
    Register,
    /// Only what surrounds it (sessions, tokens, calendar keys, the security log): caches
    /// derived from the register stay good.
    AccessRecords,
}

/// Runs `work` in a transaction that holds the write lock from its first statement. On SQLite
/// that is `BEGIN IMMEDIATE`: a deferred transaction that read first could not take the write
/// lock later if another writer had committed meanwhile, and would fail instead of waiting.
/// A write to the register also advances its generation, which tells every instance that what
/// it cached from the data is out of date (see [`cache`]).
pub fn write_transaction<T, E>(
    conn: &mut DbConnection,
    writes: Writes,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?
        }
        DbConnection::Postgresql(inner) => AnsiTransactionManager::begin_transaction(inner)?,
    }
    // The generation moves last, so that on PostgreSQL its row is locked only for the instant
    // before the commit, not for the whole of every write.
    let outcome = work(conn).and_then(|value| match writes {
        Writes::Register => advance_generation(conn).map(|()| value).map_err(E::from),
        Writes::AccessRecords => Ok(value),
    });
    match outcome {
        Ok(value) => {
            <DbConnection as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => {
            // The caller needs the reason the work failed, not a failure to roll back (SQLite
            // has already rolled back after some errors); a connection left in a transaction
            // is discarded by the pool.
            if let Err(rollback) =
                <DbConnection as Connection>::TransactionManager::rollback_transaction(conn)
            {
                tracing::warn!(error = %rollback, "rollback failed");
            }
            Err(error)
        }
    }
}

/// Makes writers that must see each other's work go one by one, for the rest of the write
/// transaction: on PostgreSQL by locking the register's state row; SQLite's `BEGIN IMMEDIATE`
/// has already taken the one write lock.
pub fn lock_register(conn: &mut DbConnection) -> DbResult<()> {
    if let DbConnection::Postgresql(pg) = conn {
        pg.batch_execute("SELECT generation FROM register_state WHERE id = 1 FOR UPDATE")?;
    }
    Ok(())
}

/// Whether a write transaction is open on this connection: the history is written only inside
/// the transaction of the change it records.
pub(crate) fn transaction_open(conn: &mut DbConnection) -> bool {
    let depth = match conn {
        DbConnection::Sqlite(inner) => {
            AnsiTransactionManager::transaction_manager_status_mut(inner).transaction_depth()
        }
        DbConnection::Postgresql(inner) => {
            AnsiTransactionManager::transaction_manager_status_mut(inner).transaction_depth()
        }
    };
    matches!(depth, Ok(Some(_)))
}

/// Whether an insert failed on a unique key another writer took first.
pub fn is_unique_violation(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

/// Runs several reads that must agree with each other (a page of figures, say) against one
/// snapshot of the database: writes committed meanwhile are not seen half-way through.
pub fn read_snapshot<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> DbResult<T>,
) -> DbResult<T> {
    conn.transaction(|conn| {
        if let DbConnection::Postgresql(inner) = conn {
            // Read committed, PostgreSQL's default, lets each statement see newer commits.
            diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(inner)?;
        }
        work(conn)
    })
}

fn advance_generation(conn: &mut DbConnection) -> Result<(), diesel::result::Error> {
    use schema::register_state::dsl::*;
    diesel::update(register_state.filter(id.eq(1)))
        .set(generation.eq(generation + 1))
        .execute(conn)?;
    Ok(())
}

/// The register's current generation: it changes whenever any instance commits a write.
pub fn generation(conn: &mut DbConnection) -> DbResult<i64> {
    use schema::register_state::dsl::*;
    Ok(register_state
        .filter(id.eq(1))
        .select(generation)
        .first(conn)?)
}

#[derive(diesel::QueryableByName)]
struct JournalMode {
    #[diesel(sql_type = diesel::sql_types::Text)]
    journal_mode: String,
}

/// Errors the database layer reports to its callers.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("not found")]
    NotFound,
    /// Someone else changed the record since the caller read it.
    #[error("the record changed since version {expected}; it is now at version {current}")]
    Conflict { expected: i32, current: i32 },
    #[error("stored data cannot be read: {0}")]
    Corrupt(String),
    /// A rule of the register forbids the change; nothing was written.
    #[error("refused: {0:?}")]
    Refused(crate::domain::refusal::Refusal),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

pub type DbResult<T> = Result<T, DbError>;

/// Reads a stored value back into its domain type. A value the domain refuses means the data
/// was changed behind the application's back: reported, never hidden, with what it is (`what`,
/// e.g. "status"), the row it was read from (`row`, e.g. "irritant 3f2a…") and the value as
/// stored, so that it can be found and put right.
pub(crate) fn stored<T, E>(
    what: &str,
    row: impl std::fmt::Display,
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> DbResult<T> {
    parse(raw).map_err(|_| DbError::Corrupt(format!("{what} {raw:?} in {row}")))
}

/// Refreshes the planner's statistics, after a bulk load changed the data's shape.
pub fn analyze(conn: &mut DbConnection) -> DbResult<()> {
    conn.batch_execute("ANALYZE")?;
    Ok(())
}

/// Whether the database answers, for the health check.
pub fn ping(conn: &mut DbConnection) -> bool {
    conn.batch_execute("SELECT 1").is_ok()
}

/// Now, in UTC, to the microsecond (both backends keep microseconds).
pub fn now() -> chrono::NaiveDateTime {
    use chrono::{DurationRound, TimeDelta};
    let now = chrono::Utc::now().naive_utc();
    now.duration_trunc(TimeDelta::microseconds(1))
        .unwrap_or(now)
}

/// A moment of the server's local time as stored (UTC).
pub fn local_to_utc(local: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    use chrono::TimeZone;
    chrono::Local
        .from_local_datetime(&local)
        .earliest()
        .map_or(local, |moment| moment.naive_utc())
}

/// A LIKE pattern that finds `word` anywhere, its own `%`, `_` and `\` taken literally (with
/// `.escape('\\')`).
pub fn contains_pattern(word: &str) -> String {
    let escaped = word
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A unique key another writer took between our check and our insert reads as the refusal
/// the check would have given.
pub(crate) fn refused_if_taken(
    error: diesel::result::Error,
    refusal: crate::domain::refusal::Refusal,
) -> DbError {
    match error {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => DbError::Refused(refusal),
        other => other.into(),
    }
}

/// A row another writer made to depend on the one being removed reads as the refusal the check
/// would have given.
pub(crate) fn refused_if_in_use(
    error: diesel::result::Error,
    refusal: crate::domain::refusal::Refusal,
) -> DbError {
    match error {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::ForeignKeyViolation,
            _,
        ) => DbError::Refused(refusal),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pick_the_backend() {
        assert_eq!(
            DatabaseTarget::parse("sqlite://data/x.sqlite3").unwrap(),
            DatabaseTarget::Sqlite("data/x.sqlite3".into())
        );
        assert_eq!(
            DatabaseTarget::parse("sqlite:///var/lib/x.db").unwrap(),
            DatabaseTarget::Sqlite("/var/lib/x.db".into())
        );
        assert_eq!(
            DatabaseTarget::parse("x.db").unwrap().backend(),
            Backend::Sqlite
        );
        assert_eq!(
            DatabaseTarget::parse("postgres://u@localhost/db")
                .unwrap()
                .backend(),
            Backend::Postgres
        );
        assert!(DatabaseTarget::parse("mysql://localhost/db").is_err());
        assert!(DatabaseTarget::parse("postgress://localhost/db").is_err());
        assert!(DatabaseTarget::parse("sqlite://:memory:").is_err());
        let refused = DatabaseTarget::parse("postgress://u:secret@h/db")
            .unwrap_err()
            .to_string();
        assert!(!refused.contains("secret"), "{refused}");
    }

    #[test]
    fn passwords_are_kept_out_of_messages() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
