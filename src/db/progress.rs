//! Progress updates: appended, never edited, each moving the irritant's latest RAG.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::history::record;
use super::irritants::{id_of, touch};
use super::schema::{irritants, people, progress_updates};
use super::{DbConnection, DbResult, new_id, now, stored};
use crate::domain::history::{ChangeRecord, HistoryKind};
use crate::domain::ids::{IrritantId, PersonId};
use crate::domain::progress::{ProgressUpdate, UpdateText};
use crate::domain::{OfficialLanguage, Rag, Reference};

/// A progress update as read back, with its author's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUpdate {
    pub id: String,
    pub reported_on: NaiveDate,
    pub rag: Rag,
    pub text: UpdateText,
    pub author_name: String,
    pub created_at: NaiveDateTime,
}

/// The columns of what an update says; shared by adding one and generating many.
#[derive(Clone, Insertable)]
#[diesel(table_name = progress_updates)]
pub(super) struct TextColumns<'a> {
    written_in: &'static str,
    done: &'a str,
    next_steps: &'a str,
    done_translation: &'a str,
    next_steps_translation: &'a str,
}

impl<'a> TextColumns<'a> {
    pub(super) fn new(text: &'a UpdateText) -> Self {
        Self {
            written_in: text.language.code(),
            done: &text.done,
            next_steps: &text.next_steps,
            done_translation: &text.done_translation,
            next_steps_translation: &text.next_steps_translation,
        }
    }
}

/// What an update says, as stored; read by every query that shows updates.
#[derive(Queryable, Selectable)]
#[diesel(table_name = progress_updates)]
pub(super) struct TextRow {
    written_in: String,
    done: String,
    next_steps: String,
    done_translation: String,
    next_steps_translation: String,
}

impl TextRow {
    pub(super) fn into_text(self, update_id: &str) -> DbResult<UpdateText> {
        Ok(UpdateText {
            language: stored(
                "language",
                format_args!("progress update {update_id}"),
                &self.written_in,
                OfficialLanguage::parse,
            )?,
            done: self.done,
            next_steps: self.next_steps,
            done_translation: self.done_translation,
            next_steps_translation: self.next_steps_translation,
        })
    }
}

/// Adds a progress update; the irritant's RAG becomes that of its latest update by date.
pub fn add(
    conn: &mut DbConnection,
    reference: &Reference,
    update: &ProgressUpdate,
    actor_id: &PersonId,
) -> DbResult<String> {
    let (irritant_id, version) = id_of(conn, reference)?;
    // Lock the irritant's row before reading its latest update: on PostgreSQL another
    // update added at the same moment then waits, and reads ours once it may.
    touch(conn, &irritant_id)?;
    let id = new_id();
    diesel::insert_into(progress_updates::table)
        .values((
            progress_updates::id.eq(&id),
            progress_updates::irritant_id.eq(&irritant_id),
            progress_updates::reported_on.eq(update.reported_on.get()),
            progress_updates::rag.eq(update.rag.code()),
            TextColumns::new(&update.text),
            progress_updates::author_id.eq(actor_id),
            progress_updates::created_at.eq(now()),
        ))
        .execute(conn)?;
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = progress_updates)]
    struct LatestRow {
        reported_on: NaiveDate,
        rag: String,
    }
    let latest = progress_updates::table
        .filter(progress_updates::irritant_id.eq(&irritant_id))
        .order((
            progress_updates::reported_on.desc(),
            progress_updates::created_at.desc(),
        ))
        .select(LatestRow::as_select())
        .first(conn)?;
    diesel::update(irritants::table.filter(irritants::id.eq(&irritant_id)))
        .set((
            irritants::rag.eq(&latest.rag),
            irritants::last_progress_on.eq(latest.reported_on),
        ))
        .execute(conn)?;
    let mut entry = ChangeRecord::new(HistoryKind::UpdateAdded);
    entry.field = Some("rag");
    entry.after = Some(update.rag.code().to_owned());
    entry.effective_date = Some(update.reported_on.get());
    entry.summary = update.text.done.clone();
    record(conn, &irritant_id, version, actor_id, &entry)?;
    Ok(id)
}

/// An irritant's progress updates, latest first.
pub fn of_irritant(
    conn: &mut DbConnection,
    irritant_id: &IrritantId,
) -> DbResult<Vec<StoredUpdate>> {
    #[derive(Queryable)]
    struct UpdateRow {
        id: String,
        reported_on: NaiveDate,
        rag: String,
        text: TextRow,
        author_name: String,
        created_at: NaiveDateTime,
    }
    progress_updates::table
        .inner_join(people::table)
        .filter(progress_updates::irritant_id.eq(irritant_id))
        .order((
            progress_updates::reported_on.desc(),
            progress_updates::created_at.desc(),
        ))
        .select((
            progress_updates::id,
            progress_updates::reported_on,
            progress_updates::rag,
            TextRow::as_select(),
            people::display_name,
            progress_updates::created_at,
        ))
        .load::<UpdateRow>(conn)?
        .into_iter()
        .map(|update| {
            Ok(StoredUpdate {
                rag: stored(
                    "RAG",
                    format_args!("progress update {}", update.id),
                    &update.rag,
                    Rag::parse,
                )?,
                text: update.text.into_text(&update.id)?,
                id: update.id,
                reported_on: update.reported_on,
                author_name: update.author_name,
                created_at: update.created_at,
            })
        })
        .collect()
}
