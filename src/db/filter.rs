//! A list's filter as SQL, in one place: the list, its counts and exports, the dashboard and
//! reports all select irritants with [`condition`] or, joined to other tables, [`condition_over`].

use diesel::prelude::*;
use diesel::sql_types::{Bool, Nullable};

use super::DbBackend;
use super::schema::irritants;
use crate::domain::{ListFilter, Status};

/// A condition on irritants, boxed so that a filter can be assembled from its parts, for a
/// query over `QS`: the irritants alone, or joined to tables that hang off them.
pub(super) type Condition<QS = irritants::table> =
    Box<dyn BoxableExpression<QS, DbBackend, SqlType = Nullable<Bool>> + 'static>;

pub(super) fn clause<QS, E>(expression: E) -> Condition<QS>
where
    E: BoxableExpression<QS, DbBackend, SqlType = Nullable<Bool>> + 'static,
{
    Box::new(expression)
}

/// What a list's filter asks of each irritant, as one condition on a query over `$source`
/// (none when it asks nothing, so that queries over everything can be answered from an
/// index). A macro rather than a generic function: what diesel can select from a join cannot
/// be stated as a bound outside the query that makes the join.
macro_rules! condition_over {
    ($filter:expr, $source:ty) => {{
        use diesel::prelude::*;
        use $crate::db::filter::{Condition, active_codes, clause};
        use $crate::db::schema::irritants;
        use $crate::domain::listing::{Assigned, Overdue};
        use $crate::domain::{Priority, Rag};
        let filter: &$crate::domain::ListFilter = $filter;
        // Neither a progress update nor a change of status for the stale period: an irritant
        // opened, or reopened, lately is not stale for want of updates.
        let stale = |before: chrono::NaiveDate| -> Condition<$source> {
            clause(
                irritants::last_progress_on
                    .is_null()
                    .nullable()
                    .or(irritants::last_progress_on.lt(before))
                    .and(irritants::status_date.lt(before).nullable()),
            )
        };
        let mut clauses: Vec<Condition<$source>> = Vec::new();
        for word in &filter.words {
            clauses.push(clause($crate::db::search::HoldsWord::new(word).nullable()));
        }
        if let Some(status) = filter.status {
            clauses.push(clause(irritants::status.eq(status.code()).nullable()));
        }
        if let Some(priority) = filter.priority {
            clauses.push(clause(irritants::priority.eq(priority.code()).nullable()));
        }
        if let Some(sector) = filter.sector {
            clauses.push(clause(irritants::sector.eq(sector.code()).nullable()));
        }
        if let Some(counterpart) = filter.counterpart {
            clauses.push(clause(
                irritants::counterpart
                    .eq(counterpart.to_string())
                    .nullable(),
            ));
        }
        match &filter.owner {
            Some(Assigned::Nobody) => {
                clauses.push(clause(irritants::owner_id.is_null().nullable()))
            }
            Some(Assigned::Is(id)) => clauses.push(clause(irritants::owner_id.eq(id.to_string()))),
            None => {}
        }
        match &filter.department {
            Some(Assigned::Nobody) => {
                clauses.push(clause(irritants::lead_department.is_null().nullable()))
            }
            Some(Assigned::Is(code)) => {
                clauses.push(clause(irritants::lead_department.eq(code.clone())))
            }
            None => {}
        }
        match filter.rag {
            Some(Assigned::Nobody) => clauses.push(clause(irritants::rag.is_null().nullable())),
            Some(Assigned::Is(rag)) => clauses.push(clause(irritants::rag.eq(rag.code()))),
            None => {}
        }
        let today = filter.rules.today;
        let needs_active = filter.active
            || filter.overdue.is_some()
            || filter.stale
            || filter.due_within.is_some()
            || filter.attention;
        if needs_active {
            clauses.push(clause(irritants::status.eq_any(active_codes()).nullable()));
        }
        match filter.overdue {
            Some(Overdue::Either) => clauses.push(clause(
                irritants::target_date
                    .lt(today)
                    .or(irritants::next_milestone_due.lt(today)),
            )),
            Some(Overdue::Target) => clauses.push(clause(irritants::target_date.lt(today))),
            Some(Overdue::Milestones) => {
                clauses.push(clause(irritants::next_milestone_due.lt(today)))
            }
            None => {}
        }
        if filter.stale {
            clauses.push(stale(filter.rules.stale_before()));
        }
        if let Some(from) = filter.status_from {
            clauses.push(clause(irritants::status_date.ge(from).nullable()));
        }
        if let Some(to) = filter.status_to {
            clauses.push(clause(irritants::status_date.le(to).nullable()));
        }
        if let Some(days) = filter.due_within {
            let last = today + chrono::Duration::days(i64::from(days));
            clauses.push(clause(irritants::target_date.between(today, last)));
        }
        if filter.attention {
            // The rule of `AttentionReason`: off track, past a deadline, or (when pressing)
            // without an owner or stale.
            let pressing = vec![Priority::Leaders.code(), Priority::High.code()];
            clauses.push(clause(
                irritants::rag
                    .eq(Rag::OffTrack.code())
                    .or(irritants::target_date.lt(today))
                    .or(irritants::next_milestone_due.lt(today))
                    .or(irritants::priority.eq_any(pressing).nullable().and(
                        irritants::owner_id
                            .is_null()
                            .nullable()
                            .or(stale(filter.rules.stale_before())),
                    )),
            ));
        }
        clauses
            .into_iter()
            .reduce(|all, next| clause(all.and(next)))
    }};
}
pub(super) use condition_over;

/// The list's filter on a query over the irritants alone: the list, its counts and exports,
/// the dashboard's figures and reports select with it.
pub(super) fn condition(filter: &ListFilter) -> Option<Condition> {
    condition_over!(filter, irritants::table)
}

/// The statuses in which an irritant is still being worked on.
pub(super) fn active_codes() -> Vec<&'static str> {
    Status::ALL
        .iter()
        .filter(|s| s.is_active())
        .map(|s| s.code())
        .collect()
}

pub(super) fn filtered(filter: &ListFilter) -> irritants::BoxedQuery<'static, DbBackend> {
    let query = irritants::table.into_boxed();
    match condition(filter) {
        Some(condition) => query.filter(condition),
        None => query,
    }
}
