//! The irritant list's filters, sort and page, as read from a query string.

use chrono::NaiveDate;
use serde::Deserialize;

use super::classification::{Priority, Rag, Sector, vocabulary};
use super::country::CountryCode;
use super::dates::CalendarDate;
use super::ids::PersonId;
use super::people::ReferenceData;
use super::status::Status;
use super::validation::{FieldError, FieldErrors};

/// The list's query string as given; every value is kept so the filter form can show it again.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ListParams {
    pub q: String,
    pub status: String,
    pub priority: String,
    pub sector: String,
    pub counterpart: String,
    pub owner: String,
    pub department: String,
    pub rag: String,
    pub overdue: String,
    /// `true`: only open or partly resolved irritants.
    pub active: String,
    /// `true`: only active irritants without a progress update or a change of status for the
    /// stale period.
    pub stale: String,
    /// The current status took effect on or after, and on or before, these days.
    pub status_from: String,
    pub status_to: String,
    /// Only active irritants whose target date falls within this many days from today.
    pub due_within: String,
    /// `true`: only active irritants that need attention (overdue, stale, without an owner or
    /// a target date, at risk or off track).
    pub attention: String,
    pub sort: String,
    /// The columns shown, their codes joined by commas; empty: the default columns.
    pub columns: String,
    pub page: String,
}

/// Which deadlines a list of overdue irritants looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Overdue {
    /// The target date or a milestone.
    Either,
    Target,
    Milestones,
}

impl Overdue {
    fn code(self) -> &'static str {
        match self {
            Overdue::Either => "true",
            Overdue::Target => "target",
            Overdue::Milestones => "milestones",
        }
    }
}

/// What the list judges "overdue" and "stale" against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListRules {
    pub today: NaiveDate,
    /// An active irritant is stale after this many days without a progress update.
    pub stale_after_days: u32,
}

impl ListRules {
    /// The day before which an active irritant's latest progress update and latest change of
    /// status must both fall for it to count as stale.
    pub fn stale_before(self) -> NaiveDate {
        self.today - chrono::Duration::days(i64::from(self.stale_after_days))
    }
}

vocabulary!(
    /// The list's orders; `attention` puts the most in need of attention first (see
    /// [`AttentionReason`]).
    ListSort, prefix = "sort" {
        Updated => "updated",
        TargetDate => "target_date",
        Priority => "priority",
        Title => "title",
        Attention => "attention",
    }
);

vocabulary!(
    /// The columns the list may show besides the reference and the title, which it always
    /// shows. A table shows them in this order, whichever order they were chosen in.
    ListColumn, prefix = "column" {
        Counterpart => "counterpart",
        Sector => "sector",
        MeasureType => "measure_type",
        Status => "status",
        StatusSince => "status_since",
        Priority => "priority",
        Rag => "rag",
        Owner => "owner",
        LeadDepartment => "lead_department",
        TargetDate => "target_date",
        NextMilestone => "next_milestone",
        LastActivity => "last_activity",
    }
);

impl ListColumn {
    /// What a list shows when no columns are chosen: what fits a 1366-pixel window in either
    /// language, the target date and the overdue flag among them.
    pub const DEFAULT: &'static [ListColumn] = &[
        ListColumn::Counterpart,
        ListColumn::Status,
        ListColumn::Priority,
        ListColumn::Rag,
        ListColumn::Owner,
        ListColumn::LeadDepartment,
        ListColumn::TargetDate,
    ];
}

/// The columns a list shows: a set of [`ListColumn`], never empty, in the vocabulary's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns(Vec<ListColumn>);

impl Columns {
    /// Reads columns as the list's parameter writes them (codes joined by commas, in any
    /// order, each at most once); none: the default columns.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let mut chosen = Vec::new();
        for code in raw
            .split(',')
            .map(str::trim)
            .filter(|code| !code.is_empty())
        {
            let column = ListColumn::parse(code)
                .map_err(|_| FieldError::new("unknown-column").with("value", code))?;
            if !chosen.contains(&column) {
                chosen.push(column);
            }
        }
        if chosen.is_empty() {
            return Ok(Self::default());
        }
        chosen.sort();
        Ok(Self(chosen))
    }

    pub fn shows(&self, column: ListColumn) -> bool {
        self.0.contains(&column)
    }

    pub fn iter(&self) -> impl Iterator<Item = ListColumn> + '_ {
        self.0.iter().copied()
    }

    /// As the list's parameter: empty for the default columns, so that their address stays
    /// short and follows any change of the default.
    pub fn code(&self) -> String {
        if *self == Self::default() {
            return String::new();
        }
        let codes: Vec<&str> = self.iter().map(ListColumn::code).collect();
        codes.join(",")
    }
}

impl Default for Columns {
    fn default() -> Self {
        Self(ListColumn::DEFAULT.to_vec())
    }
}

/// Why an active irritant needs a manager's attention. The rule, kept tight enough to act on:
/// it is off track, past its target date, or past a milestone's due date; or, for a Leaders
/// or High priority irritant, it has no owner or has gone stale. The variants run from the
/// most to the least severe, which is the order the attention list ranks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AttentionReason {
    OffTrack,
    /// Past its target date by this many days.
    TargetOverdue(i64),
    /// A milestone past its due date by this many days.
    MilestoneOverdue(i64),
    NoOwner,
    /// Neither a progress update nor a change of status for this many days.
    Stale(i64),
}

/// What the attention rule reads of an irritant.
#[derive(Debug, Clone, Copy)]
pub struct AttentionFacts {
    pub status: Status,
    pub priority: Priority,
    pub rag: Option<Rag>,
    pub target_date: Option<NaiveDate>,
    pub next_milestone_due: Option<NaiveDate>,
    pub has_owner: bool,
    /// The later of its latest progress update and its latest change of status.
    pub last_activity: NaiveDate,
}

impl AttentionFacts {
    /// Why it needs attention, most severe first; empty when it does not.
    pub fn reasons(self, rules: ListRules) -> Vec<AttentionReason> {
        if !self.status.is_active() {
            return Vec::new();
        }
        let today = rules.today;
        let late =
            |day: Option<NaiveDate>| day.filter(|d| *d < today).map(|d| (today - d).num_days());
        let pressing = matches!(self.priority, Priority::Leaders | Priority::High);
        let mut reasons = Vec::new();
        if self.rag == Some(Rag::OffTrack) {
            reasons.push(AttentionReason::OffTrack);
        }
        if let Some(days) = late(self.target_date) {
            reasons.push(AttentionReason::TargetOverdue(days));
        }
        if let Some(days) = late(self.next_milestone_due) {
            reasons.push(AttentionReason::MilestoneOverdue(days));
        }
        if pressing && !self.has_owner {
            reasons.push(AttentionReason::NoOwner);
        }
        if pressing && self.last_activity < rules.stale_before() {
            reasons.push(AttentionReason::Stale(
                (today - self.last_activity).num_days(),
            ));
        }
        reasons
    }
}

/// A filter on a column that may be empty: `none` asks for the rows where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assigned<T> {
    Nobody,
    Is(T),
}

/// What a list asks for, valid in every part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFilter {
    /// Lower-cased words that must all appear in an irritant's text.
    pub words: Vec<String>,
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub sector: Option<Sector>,
    pub counterpart: Option<CountryCode>,
    /// A person's id.
    pub owner: Option<Assigned<PersonId>>,
    /// A department's code.
    pub department: Option<Assigned<String>>,
    pub rag: Option<Assigned<Rag>>,
    /// Only active irritants past their target date, a milestone's due date, or either.
    pub overdue: Option<Overdue>,
    /// Only open or partly resolved irritants.
    pub active: bool,
    /// Only active irritants without progress for the stale period.
    pub stale: bool,
    /// The days between which the current status took effect.
    pub status_from: Option<NaiveDate>,
    pub status_to: Option<NaiveDate>,
    /// Only active irritants due between today and this many days from now.
    pub due_within: Option<u32>,
    /// Only active irritants that need attention.
    pub attention: bool,
    pub sort: ListSort,
    pub columns: Columns,
    /// From 1.
    pub page: u32,
    /// What "overdue" and "stale" are judged against.
    pub rules: ListRules,
}

#[cfg(test)]
mod attention_tests {
    use super::*;

    fn rules() -> ListRules {
        ListRules {
            today: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            stale_after_days: 30,
        }
    }

    fn facts(priority: Priority) -> AttentionFacts {
        AttentionFacts {
            status: Status::Open,
            priority,
            rag: Some(Rag::OnTrack),
            target_date: NaiveDate::from_ymd_opt(2026, 12, 1),
            next_milestone_due: None,
            has_owner: true,
            last_activity: NaiveDate::from_ymd_opt(2026, 6, 20).unwrap(),
        }
    }

    #[test]
    fn attention_is_asked_for_what_a_manager_can_act_on() {
        assert!(facts(Priority::Low).reasons(rules()).is_empty());
        let late = AttentionFacts {
            rag: Some(Rag::OffTrack),
            target_date: NaiveDate::from_ymd_opt(2026, 6, 20),
            next_milestone_due: NaiveDate::from_ymd_opt(2026, 6, 28),
            ..facts(Priority::Medium)
        };
        assert_eq!(
            late.reasons(rules()),
            [
                AttentionReason::OffTrack,
                AttentionReason::TargetOverdue(10),
                AttentionReason::MilestoneOverdue(2)
            ]
        );
        // Without an owner and quiet for 60 days: only a pressing irritant asks for attention.
        let neglected = |priority| AttentionFacts {
            has_owner: false,
            last_activity: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
            ..facts(priority)
        };
        assert!(neglected(Priority::Medium).reasons(rules()).is_empty());
        assert_eq!(
            neglected(Priority::High).reasons(rules()),
            [AttentionReason::NoOwner, AttentionReason::Stale(60)]
        );
        let resolved = AttentionFacts {
            status: Status::Resolved,
            ..neglected(Priority::Leaders)
        };
        assert!(resolved.reasons(rules()).is_empty());
    }
}

/// The most days a period of the list (due soon, stale) may span: ten years.
pub const DAYS_MAX: u32 = 3_660;

const NONE: &str = "none";
const QUERY_MAX: usize = 200;
/// Each word is a scan of the irritants' text; a handful say what is wanted.
const QUERY_WORDS_MAX: usize = 8;

impl ListFilter {
    /// The filter written the one way the filter form and the page links write it (people by
    /// id, departments by code), so that the form shows exactly what the list holds. `q` keeps
    /// the words as typed.
    pub fn canonical_params(&self, q: &str) -> ListParams {
        fn assigned<T>(value: &Option<Assigned<T>>, text: impl Fn(&T) -> String) -> String {
            match value {
                None => String::new(),
                Some(Assigned::Nobody) => NONE.to_owned(),
                Some(Assigned::Is(value)) => text(value),
            }
        }
        ListParams {
            q: q.trim().to_owned(),
            status: self.status.map(|s| s.code().to_owned()).unwrap_or_default(),
            priority: self
                .priority
                .map(|p| p.code().to_owned())
                .unwrap_or_default(),
            sector: self.sector.map(|s| s.code().to_owned()).unwrap_or_default(),
            counterpart: self.counterpart.map(|c| c.to_string()).unwrap_or_default(),
            owner: assigned(&self.owner, PersonId::to_string),
            department: assigned(&self.department, String::clone),
            rag: assigned(&self.rag, |rag| rag.code().to_owned()),
            overdue: self
                .overdue
                .map(|o| o.code().to_owned())
                .unwrap_or_default(),
            active: flag(self.active),
            stale: flag(self.stale),
            status_from: self.status_from.map(|d| d.to_string()).unwrap_or_default(),
            status_to: self.status_to.map(|d| d.to_string()).unwrap_or_default(),
            due_within: self.due_within.map(|d| d.to_string()).unwrap_or_default(),
            attention: flag(self.attention),
            sort: if self.sort == ListSort::Updated {
                String::new()
            } else {
                self.sort.code().to_owned()
            },
            columns: self.columns.code(),
            page: if self.page == 1 {
                String::new()
            } else {
                self.page.to_string()
            },
        }
    }
}

/// The id of the person a parameter names (by e-mail address or name).
fn person(reference_data: &ReferenceData, raw: &str) -> Result<PersonId, FieldError> {
    reference_data
        .find_person(raw)
        .map(|p| p.id.clone())
        .ok_or_else(|| FieldError::new("unknown-person").with("value", raw.trim()))
}

/// The code of the department a parameter names.
fn department(reference_data: &ReferenceData, raw: &str) -> Result<String, FieldError> {
    reference_data
        .find_department(raw)
        .map(|d| d.code.clone())
        .ok_or_else(|| FieldError::new("unknown-department").with("value", raw.trim()))
}

fn flag(on: bool) -> String {
    if on { "true".to_owned() } else { String::new() }
}

/// A yes-or-no filter: absent is no.
fn parse_flag(raw: &str) -> Result<bool, FieldError> {
    match raw.trim() {
        "" | "false" | "0" | "no" => Ok(false),
        "true" | "1" | "yes" | "on" => Ok(true),
        _ => Err(FieldError::new("not-in-list")),
    }
}

/// An optional parameter: empty is `None`.
fn optional<T>(
    raw: &str,
    parse: impl Fn(&str) -> Result<T, FieldError>,
) -> Result<Option<T>, FieldError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        parse(raw).map(Some)
    }
}

/// An optional parameter that may also be `none`, for "assigned to nobody".
fn assigned<T>(
    raw: &str,
    parse: impl Fn(&str) -> Result<T, FieldError>,
) -> Result<Option<Assigned<T>>, FieldError> {
    optional(raw, |raw| {
        if raw.trim().eq_ignore_ascii_case(NONE) {
            Ok(Assigned::Nobody)
        } else {
            parse(raw).map(Assigned::Is)
        }
    })
}

fn parse_overdue(raw: &str) -> Result<Option<Overdue>, FieldError> {
    match raw.trim() {
        "" | "false" | "0" | "no" => Ok(None),
        "true" | "1" | "yes" | "on" => Ok(Some(Overdue::Either)),
        "target" => Ok(Some(Overdue::Target)),
        "milestones" => Ok(Some(Overdue::Milestones)),
        _ => Err(FieldError::new("not-in-list")),
    }
}

fn parse_days(raw: &str) -> Result<Option<u32>, FieldError> {
    optional(raw, |raw| {
        raw.trim()
            .parse::<u32>()
            .ok()
            .filter(|days| *days <= DAYS_MAX)
            .ok_or_else(|| FieldError::new("invalid-days").with("max", DAYS_MAX))
    })
}

pub fn parse_page(raw: &str) -> Result<u32, FieldError> {
    let page = optional(raw, |raw| {
        raw.trim()
            .parse::<u32>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| FieldError::new("invalid-page"))
    });
    page.map(|p| p.unwrap_or(1))
}

fn parse_day(raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    CalendarDate::parse_optional(raw).map(|d| d.map(CalendarDate::get))
}

impl ListParams {
    /// Reads a list's query string. The filter form sends each column ticked as its own
    /// `columns` parameter; the list's links send them joined by commas: both are read.
    pub fn from_query(query: &str) -> Result<Self, serde_urlencoded::de::Error> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query)?;
        let (columns, others): (Vec<_>, Vec<_>) =
            pairs.into_iter().partition(|(name, _)| name == "columns");
        let others = serde_urlencoded::to_string(others).unwrap_or_default();
        let mut params: ListParams = serde_urlencoded::from_str(&others)?;
        let columns: Vec<String> = columns.into_iter().map(|(_, value)| value).collect();
        params.columns = columns.join(",");
        Ok(params)
    }

    /// Reads the list's parameters, reporting each problem against its parameter. People and
    /// departments must be ones the register knows.
    pub fn parse(
        &self,
        reference_data: &ReferenceData,
        rules: ListRules,
    ) -> Result<ListFilter, FieldErrors> {
        let mut errors = FieldErrors::new();
        let words = errors.check("q", search_words(&self.q)).unwrap_or_default();
        let status = errors.check("status", optional(&self.status, Status::parse));
        let priority = errors.check("priority", optional(&self.priority, Priority::parse));
        let sector = errors.check("sector", optional(&self.sector, Sector::parse));
        let counterpart = errors.check(
            "counterpart",
            optional(&self.counterpart, CountryCode::parse_name_or_code),
        );
        let owner = errors.check(
            "owner",
            assigned(&self.owner, |raw| person(reference_data, raw)),
        );
        let department = errors.check(
            "department",
            assigned(&self.department, |raw| department(reference_data, raw)),
        );
        let rag = errors.check("rag", assigned(&self.rag, Rag::parse));
        let overdue = errors.check("overdue", parse_overdue(&self.overdue));
        let active = errors.check("active", parse_flag(&self.active));
        let stale = errors.check("stale", parse_flag(&self.stale));
        let attention = errors.check("attention", parse_flag(&self.attention));
        let status_from = errors.check("status_from", parse_day(&self.status_from));
        let status_to = errors.check("status_to", parse_day(&self.status_to));
        if let (Some(Some(from)), Some(Some(to))) = (status_from, status_to)
            && from > to
        {
            errors.add("status_to", FieldError::new("period-reversed"));
        }
        let due_within = errors.check("due_within", parse_days(&self.due_within));
        let sort = errors.check(
            "sort",
            optional(&self.sort, ListSort::parse).map(|sort| sort.unwrap_or(ListSort::Updated)),
        );
        let columns = errors.check("columns", Columns::parse(&self.columns));
        let page = errors.check("page", parse_page(&self.page));
        // Each value is present where its parameter had no problem.
        let filter = (|| {
            Some(ListFilter {
                words,
                status: status?,
                priority: priority?,
                sector: sector?,
                counterpart: counterpart?,
                owner: owner?,
                department: department?,
                rag: rag?,
                overdue: overdue?,
                active: active?,
                stale: stale?,
                status_from: status_from?,
                status_to: status_to?,
                due_within: due_within?,
                attention: attention?,
                sort: sort?,
                columns: columns?,
                page: page?,
                rules,
            })
        })();
        match filter {
            Some(filter) if errors.is_empty() => Ok(filter),
            _ => Err(errors),
        }
    }

    /// The same filters on another page, as a query string.
    pub fn with_page(&self, page: u32) -> String {
        let mut params = self.clone();
        params.page = page.to_string();
        params.to_query_string()
    }

    /// Every parameter by name, in a stable order.
    fn pairs(&self) -> [(&'static str, &str); 18] {
        [
            ("q", &self.q),
            ("status", &self.status),
            ("priority", &self.priority),
            ("sector", &self.sector),
            ("counterpart", &self.counterpart),
            ("owner", &self.owner),
            ("department", &self.department),
            ("rag", &self.rag),
            ("overdue", &self.overdue),
            ("active", &self.active),
            ("stale", &self.stale),
            ("status_from", &self.status_from),
            ("status_to", &self.status_to),
            ("due_within", &self.due_within),
            ("attention", &self.attention),
            ("sort", &self.sort),
            ("columns", &self.columns),
            ("page", &self.page),
        ]
    }

    /// The non-empty parameters as a query string, in a stable order.
    pub fn to_query_string(&self) -> String {
        let present: Vec<(&str, &str)> = self
            .pairs()
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .collect();
        serde_urlencoded::to_string(present).unwrap_or_default()
    }

    /// The filters in force (not the order or the page), by name, with their values.
    pub fn active_filters(&self) -> Vec<(&'static str, &str)> {
        self.pairs()
            .into_iter()
            .filter(|(name, value)| {
                !matches!(*name, "sort" | "columns" | "page") && !value.trim().is_empty()
            })
            .collect()
    }

    /// The same list without the filter `name`, from its first page, as a query string.
    pub fn without(&self, name: &str) -> String {
        let kept: Vec<(&str, &str)> = self
            .pairs()
            .into_iter()
            .filter(|(key, value)| *key != name && *key != "page" && !value.trim().is_empty())
            .collect();
        serde_urlencoded::to_string(kept).unwrap_or_default()
    }
}

/// The words of a search in their searchable form, each to be found as typed: no search
/// syntax, so any input is safe. Chinese, written without spaces, is found as the run of
/// characters typed (关税 within 加征关税), in either script (關稅 too).
pub fn search_words(q: &str) -> Result<Vec<String>, FieldError> {
    if q.chars().any(char::is_control) {
        return Err(FieldError::new("control-characters"));
    }
    let length = q.chars().count();
    if length > QUERY_MAX {
        return Err(FieldError::new("too-long")
            .with("max", QUERY_MAX)
            .with("length", length));
    }
    let words: Vec<String> = super::search::searchable(q)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    if words.len() > QUERY_WORDS_MAX {
        return Err(FieldError::new("too-many-words").with("max", QUERY_WORDS_MAX));
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> ListRules {
        ListRules {
            today: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            stale_after_days: 30,
        }
    }

    #[test]
    fn empty_parameters_list_everything_most_recent_first() {
        let filter = ListParams::default()
            .parse(&ReferenceData::default(), rules())
            .unwrap();
        assert_eq!(filter.sort, ListSort::Updated);
        assert_eq!(filter.page, 1);
        assert!(filter.words.is_empty() && filter.status.is_none() && filter.overdue.is_none());
    }

    #[test]
    fn unknown_values_are_reported_per_parameter() {
        let params = ListParams {
            status: "finished".into(),
            page: "0".into(),
            counterpart: "XX".into(),
            ..Default::default()
        };
        let errors = params
            .parse(&ReferenceData::default(), rules())
            .unwrap_err();
        assert_eq!(errors.get("status").unwrap().code, "not-in-list");
        assert_eq!(errors.get("page").unwrap().code, "invalid-page");
        assert_eq!(errors.get("counterpart").unwrap().code, "unknown-country");
    }

    #[test]
    fn none_asks_for_the_unassigned() {
        let params = ListParams {
            owner: "none".into(),
            rag: "NONE".into(),
            q: "Canola  SEED".into(),
            ..Default::default()
        };
        let filter = params.parse(&ReferenceData::default(), rules()).unwrap();
        assert_eq!(filter.owner, Some(Assigned::Nobody));
        assert_eq!(filter.rag, Some(Assigned::Nobody));
        assert_eq!(filter.words, ["canola", "seed"]);
    }

    #[test]
    fn page_links_keep_the_filters() {
        let params = ListParams {
            status: "open".into(),
            q: "canola oil".into(),
            ..Default::default()
        };
        assert_eq!(params.with_page(3), "q=canola+oil&status=open&page=3");
    }

    #[test]
    fn columns_are_read_ticked_one_by_one_or_joined_and_kept_in_one_order() {
        let ticked = ListParams::from_query("columns=target_date&columns=sector&q=pork").unwrap();
        assert_eq!(ticked.columns, "target_date,sector");
        assert_eq!(ticked.q, "pork");
        let filter = ticked.parse(&ReferenceData::default(), rules()).unwrap();
        let shown: Vec<ListColumn> = filter.columns.iter().collect();
        assert_eq!(shown, [ListColumn::Sector, ListColumn::TargetDate]);
        assert_eq!(
            filter.canonical_params("pork").to_query_string(),
            "q=pork&columns=sector%2Ctarget_date"
        );
        // The default columns are not written, however they were chosen.
        let default: Vec<&str> = ListColumn::DEFAULT.iter().map(|c| c.code()).collect();
        let chosen = Columns::parse(&default.join(",")).unwrap();
        assert_eq!(chosen, Columns::default());
        assert_eq!(chosen.code(), "");
        assert_eq!(Columns::parse(" , ").unwrap(), Columns::default());
        let error = Columns::parse("status,<script>").unwrap_err();
        assert_eq!(error.code, "unknown-column");
        // Columns are how the list looks, not a filter in force.
        assert!(
            ticked
                .active_filters()
                .iter()
                .all(|(name, _)| *name != "columns")
        );
    }
}
