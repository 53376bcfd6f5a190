//! Proposals to move a target date later, and their decisions.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::helper_types::InnerJoinQuerySource;
use diesel::prelude::*;

use super::filter::condition_over;
use super::schema::{date_slips, irritants, people};
use super::{DbConnection, DbError, DbResult, new_id, now, stored};
use crate::domain::ListFilter;
use crate::domain::Reference;
use crate::domain::bilingual::TitleText;
use crate::domain::ids::{IrritantId, PersonId};
use crate::domain::refusal::Refusal;
use crate::domain::slip::{Slip, SlipState};

/// A proposal as stored, with the names a page shows.
#[derive(Debug, Clone)]
pub struct StoredSlip {
    pub id: String,
    pub irritant_id: IrritantId,
    pub reference: Reference,
    pub title: TitleText,
    pub proposed_by: PersonId,
    pub proposer_name: String,
    pub slip: Slip,
    pub reason: String,
    pub state: SlipState,
    pub created_at: NaiveDateTime,
}

/// Records a proposal, unless one already awaits a decision on this irritant; its id.
pub fn propose(
    conn: &mut DbConnection,
    irritant: &IrritantId,
    proposer: &PersonId,
    slip: Slip,
    reason: &str,
) -> DbResult<String> {
    let id = new_id();
    diesel::insert_into(date_slips::table)
        .values((
            date_slips::id.eq(&id),
            date_slips::irritant_id.eq(irritant),
            date_slips::proposed_by.eq(proposer),
            date_slips::from_date.eq(slip.from),
            date_slips::to_date.eq(slip.to),
            date_slips::reason.eq(reason),
            date_slips::state.eq(SlipState::Pending.code()),
            date_slips::created_at.eq(now()),
        ))
        .execute(conn)
        .map_err(|error| super::refused_if_taken(error, Refusal::SlipPending))?;
    Ok(id)
}

/// Records the decision on a pending proposal; false when it was decided already.
pub fn decide(
    conn: &mut DbConnection,
    id: &str,
    (state, decider, reason): (SlipState, &PersonId, &str),
) -> DbResult<bool> {
    let updated = diesel::update(
        date_slips::table
            .filter(date_slips::id.eq(id))
            .filter(date_slips::state.eq(SlipState::Pending.code())),
    )
    .set((
        date_slips::state.eq(state.code()),
        date_slips::decided_by.eq(decider),
        date_slips::decided_at.eq(now()),
        date_slips::decision_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

#[derive(Queryable)]
struct SlipRow {
    id: String,
    irritant_id: String,
    reference: String,
    title: String,
    proposed_by: String,
    proposer_name: String,
    from_date: NaiveDate,
    to_date: NaiveDate,
    reason: String,
    state: String,
    created_at: NaiveDateTime,
}

/// Proposals with their irritant's reference and title and their proposer's name.
#[diesel::dsl::auto_type]
fn with_names() -> _ {
    let proposer = people::id.eq(date_slips::proposed_by);
    date_slips::table
        .inner_join(irritants::table)
        .inner_join(people::table.on(proposer))
        .select((
            date_slips::id,
            date_slips::irritant_id,
            irritants::reference,
            irritants::title,
            date_slips::proposed_by,
            people::display_name,
            date_slips::from_date,
            date_slips::to_date,
            date_slips::reason,
            date_slips::state,
            date_slips::created_at,
        ))
}

fn read(row: SlipRow, title: TitleText) -> DbResult<StoredSlip> {
    let at = format_args!("date slip {}", row.id);
    Ok(StoredSlip {
        reference: stored("reference", at, &row.reference, Reference::parse)?,
        state: stored("state", at, &row.state, SlipState::parse)?,
        id: row.id,
        irritant_id: IrritantId::from(row.irritant_id),
        title,
        proposed_by: PersonId::from(row.proposed_by),
        proposer_name: row.proposer_name,
        slip: Slip {
            from: row.from_date,
            to: row.to_date,
        },
        reason: row.reason,
        created_at: row.created_at,
    })
}

/// The proposals of these rows, their irritants' titles read with their languages at once.
fn read_all(conn: &mut DbConnection, rows: Vec<SlipRow>) -> DbResult<Vec<StoredSlip>> {
    let titles = super::irritants::titles_in_both(
        conn,
        rows.iter()
            .map(|row| (row.irritant_id.as_str(), row.title.as_str())),
    )?;
    rows.into_iter()
        .zip(titles)
        .map(|(row, title)| read(row, title))
        .collect()
}

/// The proposal with this id.
pub fn find(conn: &mut DbConnection, id: &str) -> DbResult<StoredSlip> {
    let row = with_names()
        .filter(date_slips::id.eq(id))
        .first::<SlipRow>(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    read_all(conn, vec![row])?.pop().ok_or(DbError::NotFound)
}

/// The proposal awaiting a decision on this irritant, if any.
pub fn pending_for(conn: &mut DbConnection, irritant: &IrritantId) -> DbResult<Option<StoredSlip>> {
    let row = with_names()
        .filter(date_slips::irritant_id.eq(irritant))
        .filter(date_slips::state.eq(SlipState::Pending.code()))
        .first::<SlipRow>(conn)
        .optional()?;
    Ok(read_all(conn, Vec::from_iter(row))?.pop())
}

/// The proposals awaiting a decision on the irritants `scope` selects, oldest first, at most
/// `limit`.
pub fn pending(
    conn: &mut DbConnection,
    scope: &ListFilter,
    limit: i64,
) -> DbResult<Vec<StoredSlip>> {
    type Source = InnerJoinQuerySource<
        InnerJoinQuerySource<date_slips::table, irritants::table>,
        people::table,
        diesel::dsl::Eq<people::id, date_slips::proposed_by>,
    >;
    let waiting = with_names()
        .into_boxed()
        .filter(date_slips::state.eq(SlipState::Pending.code()));
    let waiting = match condition_over!(scope, Source) {
        Some(condition) => waiting.filter(condition),
        None => waiting,
    };
    let rows = waiting
        .order((date_slips::created_at.asc(), date_slips::id.asc()))
        .limit(limit)
        .load::<SlipRow>(conn)?;
    read_all(conn, rows)
}
