//! Each person's secret calendar address (only the hash of its key is kept) and the deadlines
//! their calendar shows.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::filter::active_codes;
use super::schema::{calendar_feeds, irritants, milestones, people};
use super::{DbConnection, DbResult, now};
use crate::domain::MilestoneState;
use crate::domain::ids::PersonId;

/// Gives `person_id` a new calendar key (its hash), replacing any earlier one.
pub fn replace_key(conn: &mut DbConnection, person_id: &PersonId, key_hash: &str) -> DbResult<()> {
    diesel::delete(calendar_feeds::table.filter(calendar_feeds::person_id.eq(person_id)))
        .execute(conn)?;
    diesel::insert_into(calendar_feeds::table)
        .values((
            calendar_feeds::person_id.eq(person_id),
            calendar_feeds::key_hash.eq(key_hash),
            calendar_feeds::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Revokes `person_id`'s calendar address; whether there was one.
pub fn revoke(conn: &mut DbConnection, person_id: &PersonId) -> DbResult<bool> {
    Ok(
        diesel::delete(calendar_feeds::table.filter(calendar_feeds::person_id.eq(person_id)))
            .execute(conn)?
            > 0,
    )
}

/// When `person_id`'s current calendar address was made, if they have one.
pub fn created_at(
    conn: &mut DbConnection,
    person_id: &PersonId,
) -> DbResult<Option<NaiveDateTime>> {
    Ok(calendar_feeds::table
        .filter(calendar_feeds::person_id.eq(person_id))
        .select(calendar_feeds::created_at)
        .first(conn)
        .optional()?)
}

/// Whose calendar a key (its hash) opens.
pub fn owner_of(conn: &mut DbConnection, key_hash: &str) -> DbResult<Option<PersonId>> {
    // A disabled account's address shows nothing, as its sessions and tokens end too.
    Ok(calendar_feeds::table
        .inner_join(people::table)
        .filter(calendar_feeds::key_hash.eq(key_hash))
        .filter(people::active.eq(true))
        .select(calendar_feeds::person_id)
        .first::<String>(conn)
        .optional()?
        .map(PersonId::from))
}

/// A deadline in someone's calendar.
#[derive(Debug, Clone)]
pub struct Deadline {
    /// `irritant-ID` or `milestone-ID`: stable for the deadline's life.
    pub key: String,
    pub reference: String,
    pub irritant_title: String,
    /// The milestone's title; none for an irritant's target date.
    pub milestone: Option<String>,
    pub day: NaiveDate,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

/// The target dates of the active irritants `person_id` owns, and the milestones not done
/// that they own or that belong to irritants they own.
pub fn deadlines_of(conn: &mut DbConnection, person_id: &PersonId) -> DbResult<Vec<Deadline>> {
    /// An irritant's target date.
    #[derive(Queryable)]
    struct TargetRow {
        irritant_id: String,
        reference: String,
        title: String,
        target_date: NaiveDate,
        version: i32,
        updated_at: NaiveDateTime,
    }
    let targets = irritants::table
        .filter(irritants::owner_id.eq(person_id))
        .filter(irritants::status.eq_any(active_codes()))
        .filter(irritants::target_date.is_not_null())
        .select((
            irritants::id,
            irritants::reference,
            irritants::title,
            irritants::target_date.assume_not_null(),
            irritants::version,
            irritants::updated_at,
        ))
        .load::<TargetRow>(conn)?;
    /// A milestone not yet done, with the reference and title of its irritant.
    #[derive(Queryable)]
    struct MilestoneDeadlineRow {
        milestone_id: String,
        reference: String,
        irritant_title: String,
        title: String,
        due_date: NaiveDate,
        version: i32,
        updated_at: NaiveDateTime,
    }
    let steps = milestones::table
        .inner_join(irritants::table)
        .filter(
            milestones::owner_id
                .eq(person_id)
                .or(irritants::owner_id.eq(person_id)),
        )
        .filter(milestones::state.eq_any(MilestoneState::open_codes()))
        .filter(irritants::status.eq_any(active_codes()))
        .select((
            milestones::id,
            irritants::reference,
            irritants::title,
            milestones::title,
            milestones::due_date,
            milestones::version,
            milestones::updated_at,
        ))
        .load::<MilestoneDeadlineRow>(conn)?;
    let mut deadlines: Vec<Deadline> = targets
        .into_iter()
        .map(|target| Deadline {
            key: format!("irritant-{}", target.irritant_id),
            reference: target.reference,
            irritant_title: target.title,
            milestone: None,
            day: target.target_date,
            version: target.version,
            updated_at: target.updated_at,
        })
        .chain(steps.into_iter().map(|step| Deadline {
            key: format!("milestone-{}", step.milestone_id),
            reference: step.reference,
            irritant_title: step.irritant_title,
            milestone: Some(step.title),
            day: step.due_date,
            version: step.version,
            updated_at: step.updated_at,
        }))
        .collect();
    deadlines.sort_by(|a, b| (a.day, &a.key).cmp(&(b.day, &b.key)));
    Ok(deadlines)
}
