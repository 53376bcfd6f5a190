//! Loading many irritants at once, for benchmarks: whole batches per transaction, and
//! references reserved a block at a time.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::irritants::{FieldColumns, LanguagesColumns, ProductColumns, reserve_references};
use super::progress::TextColumns;
use super::schema::{
    history, irritant_languages, irritant_products, irritants, milestones, progress_updates,
};
use super::{
    DbConnection, DbResult, Writes, insert_in_chunks, insert_many, new_id, write_transaction,
};
use crate::domain::history::ChangeRecord;
use crate::domain::ids::{IrritantId, PersonId};
use crate::domain::milestone::MilestoneFields;
use crate::domain::progress::ProgressUpdate;
use crate::domain::{IrritantFields, Reference, StatusState};

/// One made-up irritant with everything that hangs off it.
pub struct GeneratedIrritant {
    pub fields: IrritantFields,
    pub status: StatusState,
    pub opened_on: NaiveDate,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    /// Each update with its author's id.
    pub updates: Vec<(ProgressUpdate, PersonId)>,
    pub milestones: Vec<MilestoneFields>,
    /// Each change with its author's id and when it happened.
    pub history: Vec<(ChangeRecord, PersonId, NaiveDateTime)>,
}

/// Inserts a batch in one transaction, under references of `year`, a statement for many rows
/// of each table at a time.
pub fn insert_batch(
    conn: &mut DbConnection,
    year: i32,
    batch: &[GeneratedIrritant],
) -> DbResult<()> {
    write_transaction(conn, Writes::Register, |conn| {
        let first = reserve_references(conn, year, batch.len() as i32)?;
        let references = (0..batch.len())
            .map(|offset| {
                Reference::new(year, (first + offset as i32) as u32)
                    .ok_or_else(|| super::DbError::Corrupt(format!("reference counter {year}")))
            })
            .collect::<DbResult<Vec<_>>>()?;
        let ids: Vec<IrritantId> = batch.iter().map(|_| IrritantId::generate()).collect();
        let per_statement = super::rows_per_statement(super::irritants::COLUMNS);
        for start in (0..batch.len()).step_by(per_statement) {
            let end = (start + per_statement).min(batch.len());
            insert_irritants(
                conn,
                &ids[start..end],
                &references[start..end],
                &batch[start..end],
            )?;
        }
        insert_belongings(conn, &ids, batch)
    })
}

fn insert_irritants(
    conn: &mut DbConnection,
    ids: &[IrritantId],
    references: &[Reference],
    batch: &[GeneratedIrritant],
) -> DbResult<()> {
    let rows: Vec<_> = batch
        .iter()
        .zip(ids)
        .zip(references)
        .map(|((generated, id), reference)| {
            let latest = generated.updates.iter().max_by_key(|(u, _)| u.reported_on);
            (
                irritants::id.eq(id.as_str()),
                irritants::reference.eq(reference.to_string()),
                FieldColumns::new(&generated.fields, reference),
                irritants::status.eq(generated.status.status.code()),
                irritants::status_date.eq(generated.status.since),
                irritants::status_note.eq(&generated.status.note),
                irritants::closure_reason.eq(generated.status.closure_reason.map(|r| r.code())),
                irritants::rag.eq(latest.map(|(u, _)| u.rag.code())),
                irritants::last_progress_on.eq(latest.map(|(u, _)| u.reported_on.get())),
                irritants::next_milestone_due.eq(generated
                    .milestones
                    .iter()
                    .filter(|m| m.state.is_open())
                    .map(|m| m.due_date.get())
                    .min()),
                irritants::opened_on.eq(generated.opened_on),
                irritants::version.eq(generated.version),
                irritants::created_at.eq(generated.created_at),
                irritants::updated_at.eq(generated.updated_at),
            )
        })
        .collect();
    insert_many!(conn, irritants::table, rows)?;
    Ok(())
}

/// The products, languages, progress updates, milestones and history of a batch.
fn insert_belongings(
    conn: &mut DbConnection,
    ids: &[IrritantId],
    batch: &[GeneratedIrritant],
) -> DbResult<()> {
    let pairs = || batch.iter().zip(ids);
    let products: Vec<_> = pairs()
        .flat_map(|(generated, id)| ProductColumns::of(id, &generated.fields.products))
        .collect();
    insert_in_chunks!(
        conn,
        irritant_products::table,
        products,
        ProductColumns::COLUMNS
    );
    let languages: Vec<_> = pairs()
        .filter_map(|(generated, id)| {
            LanguagesColumns::new(&generated.fields)
                .map(|columns| (irritant_languages::irritant_id.eq(id.as_str()), columns))
        })
        .collect();
    insert_in_chunks!(conn, irritant_languages::table, languages, 4);
    let updates: Vec<_> = pairs()
        .flat_map(|(generated, id)| {
            generated.updates.iter().map(move |(update, author)| {
                (
                    progress_updates::id.eq(new_id()),
                    progress_updates::irritant_id.eq(id.as_str()),
                    progress_updates::reported_on.eq(update.reported_on.get()),
                    progress_updates::rag.eq(update.rag.code()),
                    TextColumns::new(&update.text),
                    progress_updates::author_id.eq(author.as_str()),
                    progress_updates::created_at.eq(generated.updated_at),
                )
            })
        })
        .collect();
    insert_in_chunks!(conn, progress_updates::table, updates, 11);
    let milestones: Vec<_> = pairs()
        .flat_map(|(generated, id)| {
            generated.milestones.iter().map(move |milestone| {
                let completed = (milestone.state == crate::domain::MilestoneState::Done)
                    .then(|| milestone.due_date.get());
                (
                    milestones::id.eq(new_id()),
                    milestones::irritant_id.eq(id.as_str()),
                    milestones::title.eq(milestone.title.as_str()),
                    milestones::due_date.eq(milestone.due_date.get()),
                    milestones::owner_id.eq(milestone.owner.as_ref().map(PersonId::as_str)),
                    milestones::state.eq(milestone.state.code()),
                    milestones::completed_on.eq(completed),
                    milestones::version.eq(1),
                    milestones::created_at.eq(generated.created_at),
                    milestones::updated_at.eq(generated.updated_at),
                )
            })
        })
        .collect();
    insert_in_chunks!(conn, milestones::table, milestones, 10);
    let history: Vec<_> = pairs()
        .flat_map(|(generated, id)| {
            generated
                .history
                .iter()
                .enumerate()
                .map(move |(version, (change, actor, at))| {
                    (
                        history::irritant_id.eq(id.as_str()),
                        history::version.eq((version as i32 + 1).min(generated.version)),
                        history::actor_id.eq(actor.as_str()),
                        history::occurred_at.eq(*at),
                        history::kind.eq(change.kind.code()),
                        history::field.eq(change.field),
                        history::before_value.eq(change.before.as_deref()),
                        history::after_value.eq(change.after.as_deref()),
                        history::effective_date.eq(change.effective_date),
                        history::summary.eq(&change.summary),
                    )
                })
        })
        .collect();
    insert_in_chunks!(conn, history::table, history, 10);
    Ok(())
}
