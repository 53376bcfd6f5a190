//! Loading many irritants at once, for benchmarks: whole batches per transaction, and
//! references reserved a block at a time.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::irritants::{FieldColumns, replace_languages, replace_products, reserve_references};
use super::progress::TextColumns;
use super::schema::{history, irritants, milestones, progress_updates};
use super::{DbConnection, DbResult, Writes, new_id, write_transaction};
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

/// Inserts a batch in one transaction, under references of `year`.
pub fn insert_batch(
    conn: &mut DbConnection,
    year: i32,
    batch: &[GeneratedIrritant],
) -> DbResult<()> {
    write_transaction(conn, Writes::Register, |conn| {
        let first = reserve_references(conn, year, batch.len() as i32)?;
        for (offset, generated) in batch.iter().enumerate() {
            let reference = Reference::new(year, (first + offset as i32) as u32)
                .ok_or_else(|| super::DbError::Corrupt(format!("reference counter {year}")))?;
            insert_one(conn, &reference, generated)?;
        }
        Ok(())
    })
}

fn insert_one(
    conn: &mut DbConnection,
    reference: &Reference,
    generated: &GeneratedIrritant,
) -> DbResult<()> {
    let id = IrritantId::generate();
    let latest = generated.updates.iter().max_by_key(|(u, _)| u.reported_on);
    diesel::insert_into(irritants::table)
        .values((
            irritants::id.eq(&id),
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
        ))
        .execute(conn)?;
    replace_products(conn, &id, &generated.fields.products)?;
    replace_languages(conn, &id, &generated.fields)?;
    for (update, author) in &generated.updates {
        diesel::insert_into(progress_updates::table)
            .values((
                progress_updates::id.eq(new_id()),
                progress_updates::irritant_id.eq(&id),
                progress_updates::reported_on.eq(update.reported_on.get()),
                progress_updates::rag.eq(update.rag.code()),
                TextColumns::new(&update.text),
                progress_updates::author_id.eq(author),
                progress_updates::created_at.eq(generated.updated_at),
            ))
            .execute(conn)?;
    }
    for milestone in &generated.milestones {
        let completed: Option<NaiveDate> = (milestone.state == crate::domain::MilestoneState::Done)
            .then(|| milestone.due_date.get());
        diesel::insert_into(milestones::table)
            .values((
                milestones::id.eq(new_id()),
                milestones::irritant_id.eq(&id),
                milestones::title.eq(milestone.title.as_str()),
                milestones::due_date.eq(milestone.due_date.get()),
                milestones::owner_id.eq(milestone.owner.as_ref().map(PersonId::as_str)),
                milestones::state.eq(milestone.state.code()),
                milestones::completed_on.eq(completed),
                milestones::version.eq(1),
                milestones::created_at.eq(generated.created_at),
                milestones::updated_at.eq(generated.updated_at),
            ))
            .execute(conn)?;
    }
    for (version, (change, actor, at)) in generated.history.iter().enumerate() {
        diesel::insert_into(history::table)
            .values((
                history::irritant_id.eq(&id),
                history::version.eq((version as i32 + 1).min(generated.version)),
                history::actor_id.eq(actor),
                history::occurred_at.eq(at),
                history::kind.eq(change.kind.code()),
                history::field.eq(change.field),
                history::before_value.eq(change.before.as_deref()),
                history::after_value.eq(change.after.as_deref()),
                history::effective_date.eq(change.effective_date),
                history::summary.eq(&change.summary),
            ))
            .execute(conn)?;
    }
    Ok(())
}
