//! Spreadsheets kept between an import's preview and its confirmation, and the mapping each
//! person last used for a sheet with the same headings.

use chrono::Duration;
use diesel::prelude::*;

use super::schema::{import_mappings, import_uploads};
use super::{DbConnection, DbError, DbResult, new_id, now};
use crate::domain::ids::PersonId;

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
    import_uploads::table
        .filter(import_uploads::id.eq(id))
        .filter(import_uploads::person_id.eq(person.as_str()))
        .select(Upload::as_select())
        .first(conn)
        .optional()?
        .ok_or(DbError::NotFound)
}

pub fn remove(conn: &mut DbConnection, id: &str) -> DbResult<()> {
    diesel::delete(import_uploads::table.find(id)).execute(conn)?;
    Ok(())
}

/// The key of a sheet's headings.
fn headings_key(headings: &[String]) -> String {
    headings.join("\u{1f}")
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
