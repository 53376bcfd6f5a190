//! Bulk changes: the irritants chosen, as the review page shows them, and the record of each
//! change made to many irritants at once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::cache::RegisterCache;
use super::filter::filtered;
use super::schema::{bulk_changes, irritants, people};
use super::{DbConnection, DbError, DbResult, now, stored};
use crate::domain::bulk::{BulkInput, Chosen, ItemResult};
use crate::domain::ids::PersonId;
use crate::domain::{ListFilter, Priority, Reference, Status};

/// The irritants with these references, in the order given; references that name no irritant
/// are left out.
pub fn chosen(conn: &mut DbConnection, references: &[Reference]) -> DbResult<Vec<Chosen>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = irritants)]
    struct ChosenRow {
        id: String,
        reference: String,
        title: String,
        version: i32,
        status: String,
        status_date: chrono::NaiveDate,
        priority: String,
        owner_id: Option<String>,
        lead_department: Option<String>,
    }
    let texts: Vec<String> = references.iter().map(Reference::to_string).collect();
    let mut found = Vec::with_capacity(texts.len());
    // Read in slices, within every backend's limit on a statement's parameters.
    for slice in texts.chunks(500) {
        let rows = irritants::table
            .filter(irritants::reference.eq_any(slice))
            .select(ChosenRow::as_select())
            .load(conn)?;
        let titles = super::irritants::titles_in_both(
            conn,
            rows.iter().map(|row| (row.id.as_str(), row.title.as_str())),
        )?;
        for (row, title) in rows.into_iter().zip(titles) {
            let at = format_args!("irritant {}", row.reference);
            found.push(Chosen {
                reference: stored("reference", at, &row.reference, Reference::parse)?,
                status: stored("status", at, &row.status, Status::parse)?,
                priority: stored("priority", at, &row.priority, Priority::parse)?,
                status_since: row.status_date,
                title,
                version: row.version,
                owner: row.owner_id.map(PersonId::from),
                lead_department: row.lead_department,
            });
        }
    }
    found.sort_by_key(|chosen| {
        references
            .iter()
            .position(|reference| *reference == chosen.reference)
    });
    Ok(found)
}

/// The references of the irritants `filter` selects, in reference order, and how many it
/// selects in all (which may be more than `limit`).
pub fn matching(
    conn: &mut DbConnection,
    cache: &RegisterCache,
    filter: &ListFilter,
    limit: usize,
) -> DbResult<(Vec<Reference>, i64)> {
    let total = super::irritants::count_matching(conn, cache, filter)?;
    let references = filtered(filter)
        .select(irritants::reference)
        .order(irritants::reference)
        .limit(limit as i64)
        .load::<String>(conn)?
        .iter()
        .map(|raw| stored("reference", "a bulk change", raw, Reference::parse))
        .collect::<DbResult<Vec<_>>>()?;
    Ok((references, total))
}

/// Records a bulk change and what became of each irritant.
pub fn insert(
    conn: &mut DbConnection,
    id: &str,
    actor: &PersonId,
    request: &BulkInput,
    outcomes: &[ItemResult],
) -> DbResult<()> {
    diesel::insert_into(bulk_changes::table)
        .values((
            bulk_changes::id.eq(id),
            bulk_changes::actor_id.eq(actor),
            bulk_changes::request.eq(to_json(request)?),
            bulk_changes::outcomes.eq(to_json(outcomes)?),
            bulk_changes::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> DbResult<String> {
    serde_json::to_string(value).map_err(|error| DbError::Corrupt(error.to_string()))
}

/// A bulk change as recorded.
#[derive(Debug, Clone)]
pub struct StoredBulkChange {
    pub id: String,
    pub actor_name: String,
    pub request: BulkInput,
    pub outcomes: Vec<ItemResult>,
    pub created_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, id: &str) -> DbResult<StoredBulkChange> {
    #[derive(Queryable)]
    struct BulkRow {
        id: String,
        actor_name: String,
        request: String,
        outcomes: String,
        created_at: NaiveDateTime,
    }
    let row: BulkRow = bulk_changes::table
        .inner_join(people::table)
        .filter(bulk_changes::id.eq(id))
        .select((
            bulk_changes::id,
            people::display_name,
            bulk_changes::request,
            bulk_changes::outcomes,
            bulk_changes::created_at,
        ))
        .first(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    let at = format_args!("bulk change {}", row.id);
    Ok(StoredBulkChange {
        request: stored("request", at, &row.request, |raw| serde_json::from_str(raw))?,
        outcomes: stored("outcomes", at, &row.outcomes, |raw| {
            serde_json::from_str(raw)
        })?,
        id: row.id,
        actor_name: row.actor_name,
        created_at: row.created_at,
    })
}
