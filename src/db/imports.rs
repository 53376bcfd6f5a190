//! Spreadsheets kept between an import's preview and its confirmation, and the mapping each
//! person last used for a sheet with the same headings.

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;

use super::irritants::{FieldColumns, LanguagesColumns, ProductColumns};
use super::progress::TextColumns;
use super::schema::{
    history, import_mappings, import_uploads, irritant_languages, irritant_products, irritants,
    progress_updates, watches,
};
use super::{DbConnection, DbError, DbResult, insert_in_chunks, insert_many, new_id, now};
use crate::domain::Reference;
use crate::domain::Status;
use crate::domain::duplicate::Existing;
use crate::domain::history::HistoryKind;
use crate::domain::ids::{IrritantId, PersonId};
use crate::domain::imported::ImportedIrritant;
use crate::domain::progress::UpdateText;

/// How long an upload waits for its confirmation.
const KEPT_FOR_HOURS: i64 = 24;

/// An uploaded spreadsheet.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = import_uploads)]
pub struct Upload {
    pub id: String,
    pub person_id: String,
    pub file_name: String,
    pub content: Vec<u8>,
}

/// Keeps an uploaded file and returns its id; uploads older than a day go.
pub fn keep(
    conn: &mut DbConnection,
    person: &PersonId,
    file_name: &str,
    content: &[u8],
) -> DbResult<String> {
    let cutoff = now() - Duration::hours(KEPT_FOR_HOURS);
    diesel::delete(import_uploads::table.filter(import_uploads::created_at.lt(cutoff)))
        .execute(conn)?;
    let id = new_id();
    diesel::insert_into(import_uploads::table)
        .values((
            import_uploads::id.eq(&id),
            import_uploads::person_id.eq(person.as_str()),
            import_uploads::file_name.eq(file_name),
            import_uploads::content.eq(content),
            import_uploads::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The upload `id` of `person`: no one else's.
pub fn find(conn: &mut DbConnection, id: &str, person: &PersonId) -> DbResult<Upload> {
    let cutoff = now() - Duration::hours(KEPT_FOR_HOURS);
    import_uploads::table
        .filter(import_uploads::id.eq(id))
        .filter(import_uploads::person_id.eq(person.as_str()))
        .filter(import_uploads::created_at.gt(cutoff))
        .select(Upload::as_select())
        .first(conn)
        .optional()?
        .ok_or(DbError::NotFound)
}

/// Removes `person`'s upload `id`; whether it was there.
pub fn remove(conn: &mut DbConnection, id: &str, person: &PersonId) -> DbResult<bool> {
    let removed = diesel::delete(
        import_uploads::table
            .filter(import_uploads::id.eq(id))
            .filter(import_uploads::person_id.eq(person.as_str())),
    )
    .execute(conn)?;
    Ok(removed > 0)
}

/// The key of a sheet's headings: a digest, whatever their length.
fn headings_key(headings: &[String]) -> String {
    crate::domain::text::sha256_hex(&headings.join("\u{1f}"))
}

/// The mapping `person` last used for a sheet with these headings, as TOML.
pub fn remembered(
    conn: &mut DbConnection,
    person: &PersonId,
    headings: &[String],
) -> DbResult<Option<String>> {
    Ok(import_mappings::table
        .filter(import_mappings::person_id.eq(person.as_str()))
        .filter(import_mappings::headings.eq(headings_key(headings)))
        .select(import_mappings::mapping)
        .first(conn)
        .optional()?)
}

pub fn remember(
    conn: &mut DbConnection,
    person: &PersonId,
    headings: &[String],
    mapping: &str,
) -> DbResult<()> {
    let key = headings_key(headings);
    let updated = diesel::update(
        import_mappings::table
            .filter(import_mappings::person_id.eq(person.as_str()))
            .filter(import_mappings::headings.eq(&key)),
    )
    .set(import_mappings::mapping.eq(mapping))
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(import_mappings::table)
            .values((
                import_mappings::person_id.eq(person.as_str()),
                import_mappings::headings.eq(&key),
                import_mappings::mapping.eq(mapping),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Stores rows brought in from a spreadsheet, each with the reference given beside it, a
/// statement for many rows at a time: the irritants, their products and languages, their
/// first history entries naming the file, their RAGs as progress updates (with their own
/// history entries), and their owners as watchers. `progress` hears how many are written so
/// far.
pub fn insert_rows(
    conn: &mut DbConnection,
    rows: &[(Reference, &ImportedIrritant)],
    (today, file_name): (NaiveDate, &str),
    importer: &PersonId,
    progress: &dyn Fn(usize),
) -> DbResult<()> {
    let at = now();
    let mut stored = 0;
    let ids: Vec<IrritantId> = rows.iter().map(|_| IrritantId::generate()).collect();
    let update = UpdateText {
        done: format!("Imported from {file_name}"),
        ..UpdateText::default()
    };
    let per_statement = super::rows_per_statement(super::irritants::COLUMNS);
    for (chunk, ids) in rows.chunks(per_statement).zip(ids.chunks(per_statement)) {
        let irritants: Vec<_> = chunk
            .iter()
            .zip(ids)
            .map(|((reference, row), id)| {
                (
                    irritants::id.eq(id),
                    irritants::reference.eq(reference.to_string()),
                    FieldColumns::new(&row.fields, reference),
                    irritants::status.eq(row.status.status.code()),
                    irritants::status_date.eq(row.status.since),
                    irritants::status_note.eq(&row.status.note),
                    irritants::closure_reason.eq(row.status.closure_reason.map(|r| r.code())),
                    irritants::rag.eq(row.rag.map(|r| r.code())),
                    irritants::last_progress_on.eq(row.rag.map(|_| today)),
                    // An irritant is not opened after the status the sheet gives it.
                    irritants::opened_on.eq(row.status.since.min(today)),
                    irritants::version.eq(1),
                    irritants::created_at.eq(at),
                    irritants::updated_at.eq(at),
                )
            })
            .collect();
        insert_many!(conn, irritants::table, irritants)?;

        let products: Vec<_> = chunk
            .iter()
            .zip(ids)
            .flat_map(|((_, row), id)| ProductColumns::of(id, &row.fields.products))
            .collect();
        insert_in_chunks!(
            conn,
            irritant_products::table,
            products,
            ProductColumns::COLUMNS
        );

        let languages: Vec<_> = chunk
            .iter()
            .zip(ids)
            .filter_map(|((_, row), id)| {
                LanguagesColumns::new(&row.fields)
                    .map(|columns| (irritant_languages::irritant_id.eq(id), columns))
            })
            .collect();
        if !languages.is_empty() {
            insert_many!(conn, irritant_languages::table, languages)?;
        }

        let with_rag: Vec<_> = chunk
            .iter()
            .zip(ids)
            .filter_map(|((_, row), id)| row.rag.map(|rag| (id, rag)))
            .collect();
        let updates: Vec<_> = with_rag
            .iter()
            .map(|(id, rag)| {
                (
                    progress_updates::id.eq(new_id()),
                    progress_updates::irritant_id.eq(*id),
                    progress_updates::reported_on.eq(today),
                    progress_updates::rag.eq(rag.code()),
                    TextColumns::new(&update),
                    progress_updates::author_id.eq(importer),
                    progress_updates::created_at.eq(at),
                )
            })
            .collect();
        if !updates.is_empty() {
            insert_many!(conn, progress_updates::table, updates)?;
        }

        // One kind of row for every entry: what is not said is NULL.
        let entry =
            |id: &IrritantId, kind: HistoryKind, (field, before, after), effective, summary| {
                (
                    history::irritant_id.eq(id.as_str().to_owned()),
                    history::version.eq(1),
                    history::actor_id.eq(importer),
                    history::occurred_at.eq(at),
                    history::kind.eq(kind.code()),
                    history::field.eq(field),
                    history::before_value.eq(before),
                    history::after_value.eq(after),
                    history::effective_date.eq(Some(effective)),
                    history::summary.eq(summary),
                )
            };
        let created = chunk.iter().zip(ids).map(|((_, row), id)| {
            let opened = row.status.since.min(today);
            let named = (None, None, Some(file_name));
            entry(
                id,
                HistoryKind::Created,
                named,
                opened,
                row.fields.title.as_str(),
            )
        });
        // A status other than open is a change from open, on its date, so that what was
        // opened and what was settled are counted as the register's charts count them.
        let settled = chunk
            .iter()
            .zip(ids)
            .filter(|((_, row), _)| row.status.status != Status::Open)
            .map(|((_, row), id)| {
                let change = (
                    Some("status"),
                    Some(Status::Open.code()),
                    Some(row.status.status.code()),
                );
                let note = row.status.note.as_str();
                entry(
                    id,
                    HistoryKind::StatusChanged,
                    change,
                    row.status.since,
                    note,
                )
            });
        let rags = with_rag.iter().map(|(id, rag)| {
            let change = (Some("rag"), None, Some(rag.code()));
            entry(
                id,
                HistoryKind::UpdateAdded,
                change,
                today,
                update.done.as_str(),
            )
        });
        let entries: Vec<_> = created.chain(settled).chain(rags).collect();
        insert_in_chunks!(conn, history::table, entries, 10);

        let watching: Vec<_> = chunk
            .iter()
            .zip(ids)
            .filter_map(|((_, row), id)| {
                row.fields.owner.as_ref().map(|owner| {
                    (
                        watches::irritant_id.eq(id),
                        watches::person_id.eq(owner),
                        watches::created_at.eq(at),
                    )
                })
            })
            .collect();
        if !watching.is_empty() {
            insert_many!(conn, watches::table, watching)?;
        }
        stored += chunk.len();
        progress(stored);
    }
    Ok(())
}

/// The active irritants of these counterparts, to compare rows brought in with.
pub fn active_titles(conn: &mut DbConnection, counterparts: &[String]) -> DbResult<Vec<Existing>> {
    let active: Vec<&str> = Status::ALL
        .iter()
        .filter(|status| status.is_active())
        .map(|status| status.code())
        .collect();
    let mut register = Vec::new();
    for slice in counterparts.chunks(500) {
        let found: Vec<(String, String, String)> = irritants::table
            .filter(irritants::counterpart.eq_any(slice))
            .filter(irritants::status.eq_any(&active))
            .select((
                irritants::reference,
                irritants::counterpart,
                irritants::title,
            ))
            .load(conn)?;
        register.extend(
            found
                .into_iter()
                .map(|(reference, counterpart, title)| Existing {
                    reference,
                    counterpart,
                    title,
                }),
        );
    }
    Ok(register)
}
