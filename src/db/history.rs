//! The append-only history. Rows are only ever inserted; the database refuses the rest.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{history, people};
use super::{DbConnection, DbResult, now, stored};
use crate::domain::history::{ChangeRecord, HistoryEntry, HistoryKind};
use crate::domain::ids::{IrritantId, PersonId};

/// Appends one change, made by `actor_id`, to an irritant's history at `version`.
pub fn record(
    conn: &mut DbConnection,
    irritant_id: &IrritantId,
    version: i32,
    actor_id: &PersonId,
    change: &ChangeRecord,
) -> DbResult<()> {
    record_all(
        conn,
        irritant_id,
        version,
        actor_id,
        std::slice::from_ref(change),
    )
}

pub fn record_all(
    conn: &mut DbConnection,
    irritant_id: &IrritantId,
    version: i32,
    actor_id: &PersonId,
    changes: &[ChangeRecord],
) -> DbResult<()> {
    debug_assert!(
        super::transaction_open(conn),
        "the history is written only in the transaction of the change it records"
    );
    let occurred_at = now();
    if changes.is_empty() {
        return Ok(());
    }
    // One statement for all: an edit records a change per field.
    let rows: Vec<_> = changes
        .iter()
        .map(|change| {
            (
                history::irritant_id.eq(irritant_id.as_str()),
                history::version.eq(version),
                history::actor_id.eq(actor_id.as_str()),
                history::occurred_at.eq(occurred_at),
                history::kind.eq(change.kind.code()),
                history::field.eq(change.field),
                history::before_value.eq(change.before.as_deref()),
                history::after_value.eq(change.after.as_deref()),
                history::effective_date.eq(change.effective_date),
                history::summary.eq(change.summary.as_str()),
            )
        })
        .collect();
    super::insert_many!(conn, history::table, rows)?;
    Ok(())
}

/// A history entry with its author's name, as [`entries`] and the dashboard's recent changes
/// select it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = history)]
pub(super) struct EntryRow {
    pub(super) id: i64,
    /// The irritant's version once the change was made.
    version: i32,
    kind: String,
    field: Option<String>,
    before_value: Option<String>,
    after_value: Option<String>,
    effective_date: Option<chrono::NaiveDate>,
    summary: String,
    #[diesel(select_expression = people::display_name)]
    actor_name: String,
    occurred_at: NaiveDateTime,
}

/// An irritant's history, newest first; with `after_version`, only what came after it.
pub fn entries(
    conn: &mut DbConnection,
    irritant_id: &IrritantId,
    after_version: Option<i32>,
) -> DbResult<Vec<HistoryEntry>> {
    let mut query = history::table
        .inner_join(people::table)
        .filter(history::irritant_id.eq(irritant_id))
        .into_boxed();
    if let Some(version) = after_version {
        query = query.filter(history::version.gt(version));
    }
    query
        .order(history::id.desc())
        .select(EntryRow::as_select())
        .load(conn)?
        .into_iter()
        .map(entry_from)
        .collect()
}

/// An entry from its row.
pub(super) fn entry_from(row: EntryRow) -> DbResult<HistoryEntry> {
    Ok(HistoryEntry {
        kind: stored(
            "kind",
            format_args!("history entry {}", row.id),
            &row.kind,
            HistoryKind::parse,
        )?,
        id: row.id,
        version: row.version,
        field: row.field,
        before: row.before_value,
        after: row.after_value,
        effective_date: row.effective_date,
        summary: row.summary,
        actor_name: row.actor_name,
        occurred_at: row.occurred_at,
    })
}

/// Openings and status changes, the entries the partial index `history_changes` holds. The
/// condition is written out, not bound, so that both planners see it is the index's own.
pub(super) fn openings_and_status_changes()
-> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
        "history.kind IN ('{}', '{}')",
        crate::domain::history::HistoryKind::Created.code(),
        crate::domain::history::HistoryKind::StatusChanged.code()
    ))
}
