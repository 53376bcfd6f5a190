//! The manager's dashboard: headline figures, each defined as the irritant list it counts, so
//! that a figure and the list behind its link cannot disagree.

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::listing::{ListParams, ListRules};

/// The part of the portfolio the dashboard looks at, as given in its query string.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct DashboardScope {
    pub counterpart: String,
    pub sector: String,
    pub department: String,
    pub priority: String,
}

impl DashboardScope {
    /// The list of every irritant in scope, which each figure narrows.
    pub fn list_params(&self) -> ListParams {
        ListParams {
            counterpart: self.counterpart.trim().to_owned(),
            sector: self.sector.trim().to_owned(),
            department: self.department.trim().to_owned(),
            priority: self.priority.trim().to_owned(),
            ..ListParams::default()
        }
    }
}

/// What the figures are judged against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DashboardRules {
    pub list: ListRules,
    /// 1 to 12: the month the fiscal year starts in.
    pub fiscal_year_start_month: u32,
    pub due_soon_days: u32,
}

impl DashboardRules {
    /// The first and last days of the fiscal year that holds today.
    pub fn fiscal_year(self) -> (NaiveDate, NaiveDate) {
        let today = self.list.today;
        let month = self.fiscal_year_start_month;
        let start_year = if today.month() >= month {
            today.year()
        } else {
            today.year() - 1
        };
        let start = NaiveDate::from_ymd_opt(start_year, month, 1).expect("a valid month");
        let next = NaiveDate::from_ymd_opt(start_year + 1, month, 1).expect("a valid month");
        (start, next.pred_opt().expect("a day before"))
    }
}

/// A headline figure of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Open,
    ResolvedInPart,
    ResolvedThisFiscalYear,
    Overdue,
    MilestonesOverdue,
    Stale,
    AtRisk,
    OffTrack,
    DueSoon,
}

impl Figure {
    pub const ALL: &'static [Figure] = &[
        Figure::Open,
        Figure::ResolvedInPart,
        Figure::ResolvedThisFiscalYear,
        Figure::Overdue,
        Figure::MilestonesOverdue,
        Figure::Stale,
        Figure::AtRisk,
        Figure::OffTrack,
        Figure::DueSoon,
    ];

    /// Its name in the API and in the catalogue (`figure-{code}`).
    pub fn code(self) -> &'static str {
        match self {
            Figure::Open => "open",
            Figure::ResolvedInPart => "resolved_in_part",
            Figure::ResolvedThisFiscalYear => "resolved_this_fiscal_year",
            Figure::Overdue => "overdue",
            Figure::MilestonesOverdue => "milestones_overdue",
            Figure::Stale => "stale",
            Figure::AtRisk => "at_risk",
            Figure::OffTrack => "off_track",
            Figure::DueSoon => "due_soon",
        }
    }

    /// Whether a higher number is bad news, for the eye.
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            Figure::Overdue
                | Figure::MilestonesOverdue
                | Figure::Stale
                | Figure::AtRisk
                | Figure::OffTrack
        )
    }

    /// The irritant list this figure counts, within the scope.
    pub fn list_params(self, scope: &DashboardScope, rules: DashboardRules) -> ListParams {
        let mut params = scope.list_params();
        let yes = || "true".to_owned();
        match self {
            Figure::Open => params.status = "open".to_owned(),
            Figure::ResolvedInPart => params.status = "resolved_in_part".to_owned(),
            Figure::ResolvedThisFiscalYear => {
                let (start, end) = rules.fiscal_year();
                params.status = "resolved".to_owned();
                params.status_from = start.to_string();
                params.status_to = end.to_string();
            }
            Figure::Overdue => params.overdue = "target".to_owned(),
            Figure::MilestonesOverdue => params.overdue = "milestones".to_owned(),
            Figure::Stale => params.stale = yes(),
            Figure::AtRisk => {
                params.active = yes();
                params.rag = "at_risk".to_owned();
            }
            Figure::OffTrack => {
                params.active = yes();
                params.rag = "off_track".to_owned();
            }
            Figure::DueSoon => params.due_within = rules.due_soon_days.to_string(),
        }
        params
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(today: NaiveDate) -> DashboardRules {
        DashboardRules {
            list: ListRules {
                today,
                stale_after_days: 30,
            },
            fiscal_year_start_month: 4,
            due_soon_days: 30,
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_fiscal_year_runs_from_april_to_march() {
        assert_eq!(
            rules(day(2026, 3, 31)).fiscal_year(),
            (day(2025, 4, 1), day(2026, 3, 31))
        );
        assert_eq!(
            rules(day(2026, 4, 1)).fiscal_year(),
            (day(2026, 4, 1), day(2027, 3, 31))
        );
        let calendar = DashboardRules {
            fiscal_year_start_month: 1,
            ..rules(day(2026, 11, 28))
        };
        assert_eq!(calendar.fiscal_year(), (day(2026, 1, 1), day(2026, 12, 31)));
    }

    #[test]
    fn each_figure_is_a_list_within_the_scope() {
        let scope = DashboardScope {
            counterpart: "CN".to_owned(),
            ..DashboardScope::default()
        };
        let resolved = Figure::ResolvedThisFiscalYear.list_params(&scope, rules(day(2026, 11, 28)));
        assert_eq!(
            resolved.to_query_string(),
            "status=resolved&counterpart=CN&status_from=2026-04-01&status_to=2027-03-31"
        );
        let at_risk = Figure::AtRisk.list_params(&scope, rules(day(2026, 11, 28)));
        assert_eq!(
            at_risk.to_query_string(),
            "counterpart=CN&rag=at_risk&active=true"
        );
    }
}
