//! What the scheduled sweep looks for: stale irritants, milestones coming due or overdue,
//! target dates passed. Only active irritants are reminded of.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::filter::active_codes;
use super::schema::{irritants, milestones};
use super::{DbConnection, DbResult};
use crate::domain::MilestoneState;

/// An irritant the sweep tells someone about.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = irritants)]
pub struct SweptIrritant {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub owner_id: Option<String>,
    pub lead_department: Option<String>,
    pub target_date: Option<NaiveDate>,
    pub last_progress_on: Option<NaiveDate>,
    pub status_date: NaiveDate,
}

impl SweptIrritant {
    /// The day of its latest progress update or change of status: what counts as activity.
    pub fn last_activity(&self) -> NaiveDate {
        self.last_progress_on
            .map_or(self.status_date, |progress| progress.max(self.status_date))
    }
}

/// Active irritants with neither a progress update nor a change of status since `before`.
pub fn stale(conn: &mut DbConnection, before: NaiveDate) -> DbResult<Vec<SweptIrritant>> {
    Ok(irritants::table
        .filter(irritants::status.eq_any(active_codes()))
        .filter(
            irritants::last_progress_on
                .is_null()
                .or(irritants::last_progress_on.lt(before)),
        )
        .filter(irritants::status_date.lt(before))
        .select(SweptIrritant::as_select())
        .load(conn)?)
}

/// Active irritants with an owner whose target date is before `today`.
pub fn targets_passed(conn: &mut DbConnection, today: NaiveDate) -> DbResult<Vec<SweptIrritant>> {
    Ok(irritants::table
        .filter(irritants::status.eq_any(active_codes()))
        .filter(irritants::owner_id.is_not_null())
        .filter(irritants::target_date.lt(today))
        .select(SweptIrritant::as_select())
        .load(conn)?)
}

/// A milestone the sweep reminds its owner of.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = milestones)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct SweptMilestone {
    pub id: String,
    pub irritant_id: String,
    #[diesel(select_expression = irritants::reference)]
    pub reference: String,
    pub title: String,
    pub due_date: NaiveDate,
    pub owner_id: Option<String>,
}

/// Unfinished milestones with an owner, of active irritants, due on or before `until`.
pub fn milestones_due(conn: &mut DbConnection, until: NaiveDate) -> DbResult<Vec<SweptMilestone>> {
    Ok(milestones::table
        .inner_join(irritants::table)
        .filter(irritants::status.eq_any(active_codes()))
        .filter(milestones::state.eq_any(MilestoneState::open_codes()))
        .filter(milestones::owner_id.is_not_null())
        .filter(milestones::due_date.le(until))
        .select(SweptMilestone::as_select())
        .load(conn)?)
}
