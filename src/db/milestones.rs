//! Milestones: dated steps toward resolution, each with its own version for safe editing.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::history::record_all;
use super::irritants::{id_of, refresh_next_milestone_due, touch};
use super::schema::{milestones, people};
use super::{DbConnection, DbError, DbResult, now, stored};
use crate::domain::history::{ChangeRecord, HistoryKind};
use crate::domain::ids::{IrritantId, MilestoneId, PersonId};
use crate::domain::milestone::{MilestoneEdit, MilestoneFields};
use crate::domain::{CalendarDate, MilestoneState, Reference, ReferenceData, Title};

/// A milestone as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub id: MilestoneId,
    pub fields: MilestoneFields,
    pub owner_name: Option<String>,
    pub completed_on: Option<NaiveDate>,
    pub version: i32,
}

/// A milestone with its owner's name, as [`columns`] selects it.
#[derive(Queryable)]
struct MilestoneRow {
    id: String,
    title: String,
    due_date: NaiveDate,
    owner_id: Option<String>,
    state: String,
    completed_on: Option<NaiveDate>,
    version: i32,
    owner_name: Option<String>,
}

fn into_milestone(milestone: MilestoneRow) -> DbResult<Milestone> {
    let row = format_args!("milestone {}", milestone.id);
    Ok(Milestone {
        fields: MilestoneFields {
            title: stored("title", row, &milestone.title, Title::parse)?,
            due_date: stored(
                "due date",
                row,
                &milestone.due_date.to_string(),
                CalendarDate::parse,
            )?,
            owner: milestone.owner_id.map(PersonId::from),
            state: stored("state", row, &milestone.state, MilestoneState::parse)?,
        },
        owner_name: milestone.owner_name,
        completed_on: milestone.completed_on,
        version: milestone.version,
        id: milestone.id.into(),
    })
}

fn columns() -> (
    milestones::id,
    milestones::title,
    milestones::due_date,
    milestones::owner_id,
    milestones::state,
    milestones::completed_on,
    milestones::version,
    diesel::dsl::Nullable<people::display_name>,
) {
    (
        milestones::id,
        milestones::title,
        milestones::due_date,
        milestones::owner_id,
        milestones::state,
        milestones::completed_on,
        milestones::version,
        people::display_name.nullable(),
    )
}

/// An irritant's milestones, soonest due first.
pub fn of_irritant(conn: &mut DbConnection, irritant_id: &IrritantId) -> DbResult<Vec<Milestone>> {
    milestones::table
        .left_join(people::table)
        .filter(milestones::irritant_id.eq(irritant_id))
        .order((milestones::due_date.asc(), milestones::created_at.asc()))
        .select(columns())
        .load::<MilestoneRow>(conn)?
        .into_iter()
        .map(into_milestone)
        .collect()
}

/// One milestone of the irritant with this reference.
pub fn find(
    conn: &mut DbConnection,
    reference: &Reference,
    milestone_id: &MilestoneId,
) -> DbResult<Milestone> {
    let (irritant_id, _) = id_of(conn, reference)?;
    milestones::table
        .left_join(people::table)
        .filter(milestones::irritant_id.eq(&irritant_id))
        .filter(milestones::id.eq(milestone_id))
        .select(columns())
        .first::<MilestoneRow>(conn)
        .optional()?
        .map(into_milestone)
        .transpose()?
        .ok_or(DbError::NotFound)
}

fn completed_on(state: MilestoneState, today: NaiveDate) -> Option<NaiveDate> {
    (state == MilestoneState::Done).then_some(today)
}

/// Adds a milestone to an irritant.
pub fn add(
    conn: &mut DbConnection,
    reference: &Reference,
    fields: &MilestoneFields,
    today: NaiveDate,
    actor_id: &PersonId,
) -> DbResult<MilestoneId> {
    let (irritant_id, version) = id_of(conn, reference)?;
    let id = MilestoneId::generate();
    let at = now();
    diesel::insert_into(milestones::table)
        .values((
            milestones::id.eq(&id),
            milestones::irritant_id.eq(&irritant_id),
            milestones::title.eq(fields.title.as_str()),
            milestones::due_date.eq(fields.due_date.get()),
            milestones::owner_id.eq(fields.owner.as_ref().map(PersonId::as_str)),
            milestones::state.eq(fields.state.code()),
            milestones::completed_on.eq(completed_on(fields.state, today)),
            milestones::version.eq(1),
            milestones::created_at.eq(at),
            milestones::updated_at.eq(at),
        ))
        .execute(conn)?;
    touch(conn, &irritant_id)?;
    refresh_next_milestone_due(conn, &irritant_id)?;
    let mut entry = ChangeRecord::new(HistoryKind::MilestoneAdded);
    entry.field = Some("due_date");
    entry.after = Some(fields.due_date.to_string());
    entry.summary = fields.title.to_string();
    record_all(conn, &irritant_id, version, actor_id, &[entry])?;
    Ok(id)
}

/// Changes `current`, provided it is still at the version it was read at; returns how many
/// fields changed.
pub fn update(
    conn: &mut DbConnection,
    reference: &Reference,
    current: &Milestone,
    edit: &MilestoneEdit,
    reference_data: &ReferenceData,
    (today, actor_id): (NaiveDate, &PersonId),
) -> DbResult<usize> {
    let (milestone_id, expected_version) = (current.id.as_str(), current.version);
    let (irritant_id, irritant_version) = id_of(conn, reference)?;
    let before = &current.fields;
    let fields = &edit.fields;
    let changes = before.changes_to(edit, reference_data);
    if changes.is_empty() {
        return Ok(0);
    }
    let completed = match (before.state, fields.state) {
        (MilestoneState::Done, MilestoneState::Done) => current.completed_on,
        (_, state) => completed_on(state, today),
    };
    let updated = diesel::update(
        milestones::table
            .filter(milestones::id.eq(milestone_id))
            .filter(milestones::version.eq(expected_version)),
    )
    .set((
        milestones::title.eq(fields.title.as_str()),
        milestones::due_date.eq(fields.due_date.get()),
        milestones::owner_id.eq(fields.owner.as_ref().map(PersonId::as_str)),
        milestones::state.eq(fields.state.code()),
        milestones::completed_on.eq(completed),
        milestones::version.eq(expected_version + 1),
        milestones::updated_at.eq(now()),
    ))
    .execute(conn)?;
    if updated == 0 {
        let current = milestones::table
            .filter(milestones::id.eq(milestone_id))
            .select(milestones::version)
            .first(conn)?;
        return Err(DbError::Conflict {
            expected: expected_version,
            current,
        });
    }
    touch(conn, &irritant_id)?;
    refresh_next_milestone_due(conn, &irritant_id)?;
    record_all(conn, &irritant_id, irritant_version, actor_id, &changes)?;
    Ok(changes.len())
}
