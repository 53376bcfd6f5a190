//! The manager's dashboard: headline figures, each defined as the irritant list it counts, so
//! that a figure and the list behind its link cannot disagree.

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::classification::{ActionHolder, Rag, Sector};
use super::listing::{ListParams, ListRules};
use super::status::Status;

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
    /// The scope as a query string, empty parts left out.
    pub fn to_query_string(&self) -> String {
        self.list_params().to_query_string()
    }

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

/// How many irritants share a status, RAG, sector, lead department and action holder: the
/// portfolio counted once, from which each chart takes its part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioGroup {
    pub status: Status,
    pub rag: Option<Rag>,
    pub sector: Sector,
    /// A lead department's code; `None` for irritants without one.
    pub department: Option<String>,
    pub action_holder: ActionHolder,
    pub count: i64,
}

/// The portfolio in groups, and the counts the charts show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Breakdown(pub Vec<PortfolioGroup>);

impl Breakdown {
    /// Every irritant by status and RAG.
    pub fn by_status_and_rag(&self, status: Status, rag: Option<Rag>) -> i64 {
        self.0
            .iter()
            .filter(|g| g.status == status && g.rag == rag)
            .map(|g| g.count)
            .sum()
    }

    /// How many irritants are still being worked on.
    pub fn active(&self) -> i64 {
        self.0
            .iter()
            .filter(|g| g.status.is_active())
            .map(|g| g.count)
            .sum()
    }

    /// Irritants still being worked on, by `key`, most first (ties in order of `key`).
    pub fn active_by<K: Ord + Clone>(&self, key: impl Fn(&PortfolioGroup) -> K) -> Vec<(K, i64)> {
        let mut counts: Vec<(K, i64)> = Vec::new();
        for group in self.0.iter().filter(|g| g.status.is_active()) {
            let k = key(group);
            match counts.iter_mut().find(|(seen, _)| *seen == k) {
                Some((_, n)) => *n += group.count,
                None => counts.push((k, group.count)),
            }
        }
        counts.sort_by(|(a, m), (b, n)| n.cmp(m).then_with(|| a.cmp(b)));
        counts
    }
}

/// How long an active irritant has been open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeBand {
    UnderThreeMonths,
    ThreeToSixMonths,
    SixToTwelveMonths,
    OneToTwoYears,
    TwoYearsOrMore,
}

impl AgeBand {
    pub const ALL: &'static [AgeBand] = &[
        AgeBand::UnderThreeMonths,
        AgeBand::ThreeToSixMonths,
        AgeBand::SixToTwelveMonths,
        AgeBand::OneToTwoYears,
        AgeBand::TwoYearsOrMore,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AgeBand::UnderThreeMonths => "under_90_days",
            AgeBand::ThreeToSixMonths => "90_to_179_days",
            AgeBand::SixToTwelveMonths => "180_to_364_days",
            AgeBand::OneToTwoYears => "1_to_2_years",
            AgeBand::TwoYearsOrMore => "2_years_or_more",
        }
    }

    fn of(days_open: i64) -> Self {
        match days_open {
            ..90 => AgeBand::UnderThreeMonths,
            90..180 => AgeBand::ThreeToSixMonths,
            180..365 => AgeBand::SixToTwelveMonths,
            365..730 => AgeBand::OneToTwoYears,
            _ => AgeBand::TwoYearsOrMore,
        }
    }
}

/// Active irritants by how long they have been open, from how many were opened each day.
pub fn ageing(today: NaiveDate, opened_per_day: &[(NaiveDate, i64)]) -> Vec<(AgeBand, i64)> {
    let mut bands: Vec<(AgeBand, i64)> = AgeBand::ALL.iter().map(|b| (*b, 0)).collect();
    for (opened_on, count) in opened_per_day {
        let band = AgeBand::of((today - *opened_on).num_days());
        if let Some(slot) = bands.iter_mut().find(|(b, _)| *b == band) {
            slot.1 += count;
        }
    }
    bands
}

/// What the history says happened to the portfolio on one day, counted by what each change
/// did to the number of irritants being worked on: opened (or reopened), resolved, or set
/// aside (dormant or closed). Changes between two active statuses, or two finished ones,
/// change nothing here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayChanges {
    pub day: NaiveDate,
    pub opened: i64,
    pub resolved: i64,
    pub set_aside: i64,
}

impl DayChanges {
    /// `count` irritants recorded on `day`.
    pub fn created(day: NaiveDate, count: i64) -> Self {
        Self {
            day,
            opened: count,
            ..Self::default()
        }
    }

    /// `count` irritants whose status changed from `before` to `after` on `day`.
    pub fn status_changed(
        day: NaiveDate,
        before: Option<Status>,
        after: Option<Status>,
        count: i64,
    ) -> Self {
        let was_active = before.is_some_and(Status::is_active);
        let is_active = after.is_some_and(Status::is_active);
        let mut changes = Self {
            day,
            ..Self::default()
        };
        match (was_active, is_active, after) {
            (false, true, _) => changes.opened = count,
            (true, false, Some(Status::Resolved)) => changes.resolved = count,
            (true, false, _) => changes.set_aside = count,
            _ => {}
        }
        changes
    }

    /// How the number of active irritants changed.
    pub fn net_active(&self) -> i64 {
        self.opened - self.resolved - self.set_aside
    }

    pub fn add(&mut self, other: &DayChanges) {
        self.opened += other.opened;
        self.resolved += other.resolved;
        self.set_aside += other.set_aside;
    }
}

/// One week of the portfolio: opened (or reopened), resolved and set aside in it, and active
/// at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    /// Its Monday.
    pub starts_on: NaiveDate,
    pub opened: i64,
    pub resolved: i64,
    pub set_aside: i64,
    pub open_at_end: i64,
}

/// The Monday that starts the first of `count` weeks, the last of which holds today.
pub fn first_week_start(today: NaiveDate, count: u32) -> NaiveDate {
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    monday - chrono::Duration::weeks(i64::from(count.saturating_sub(1)))
}

/// `count` weeks up to this one. How many were active at the end of each week is worked back
/// from how many are active now, undoing each later change.
pub fn weeks(today: NaiveDate, count: u32, active_now: i64, changes: &[DayChanges]) -> Vec<Week> {
    let first = first_week_start(today, count);
    let mut totals = vec![DayChanges::default(); count as usize];
    // Changes dated after this week (none should be) are undone from the count now too.
    let mut later = DayChanges::default();
    for change in changes.iter().filter(|c| c.day >= first) {
        let index = ((change.day - first).num_days() / 7) as usize;
        totals.get_mut(index).unwrap_or(&mut later).add(change);
    }
    let mut at_end = active_now - later.net_active();
    let mut weeks: Vec<Week> = totals
        .iter()
        .enumerate()
        .rev()
        .map(|(n, total)| {
            let week = Week {
                starts_on: first + chrono::Duration::weeks(n as i64),
                opened: total.opened,
                resolved: total.resolved,
                set_aside: total.set_aside,
                open_at_end: at_end,
            };
            at_end -= total.net_active();
            week
        })
        .collect();
    weeks.reverse();
    weeks
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
    fn irritants_age_in_bands() {
        let today = day(2026, 11, 28);
        let opened = [
            (day(2026, 11, 28), 2),
            (day(2026, 8, 31), 1),  // 89 days
            (day(2026, 8, 30), 1),  // 90 days
            (day(2025, 11, 28), 3), // 365 days
            (day(2024, 11, 28), 1), // 730 days
        ];
        let counts: Vec<i64> = ageing(today, &opened).iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [3, 1, 0, 3, 1]);
    }

    #[test]
    fn open_at_each_week_end_is_worked_back_from_now() {
        // Saturday 28 November 2026; its week starts on Monday the 23rd.
        let today = day(2026, 11, 28);
        assert_eq!(first_week_start(today, 3), day(2026, 11, 9));
        let open = Some(Status::Open);
        let changes = [
            // Before the window: only the count now reflects it.
            DayChanges::created(day(2026, 10, 1), 5),
            DayChanges::created(day(2026, 11, 10), 2),
            DayChanges::status_changed(day(2026, 11, 18), open, Some(Status::Resolved), 1),
            DayChanges::status_changed(day(2026, 11, 19), open, Some(Status::Dormant), 1),
            // Partly resolved is still being worked on; closing a resolved one changes nothing.
            DayChanges::status_changed(day(2026, 11, 19), open, Some(Status::ResolvedInPart), 3),
            DayChanges::status_changed(
                day(2026, 11, 20),
                Some(Status::Resolved),
                Some(Status::Closed),
                1,
            ),
            DayChanges::created(day(2026, 11, 23), 1),
            DayChanges::status_changed(day(2026, 11, 24), Some(Status::Resolved), open, 1),
        ];
        let weeks = weeks(today, 3, 7, &changes);
        let rows: Vec<(NaiveDate, i64, i64, i64, i64)> = weeks
            .iter()
            .map(|w| {
                (
                    w.starts_on,
                    w.opened,
                    w.resolved,
                    w.set_aside,
                    w.open_at_end,
                )
            })
            .collect();
        // Each week's end is the one before, plus opened, less resolved and set aside.
        assert_eq!(
            rows,
            [
                (day(2026, 11, 9), 2, 0, 0, 7),
                (day(2026, 11, 16), 0, 1, 1, 5),
                (day(2026, 11, 23), 2, 0, 0, 7),
            ]
        );
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
