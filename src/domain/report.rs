//! The progress report: what happened to the irritants in scope over a period, worked out
//! from facts the database hands over (no SQL here), and the comparison of two issued reports.
//!
//! Statuses and target dates are taken as they stood at the period's end, worked back from
//! the history, and RAG and next steps from the latest update reported by then; owner and
//! department as they stand when the report is made.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::bilingual::{OfficialLanguage, Shown, TitleText, for_reader};
use super::dashboard::{DashboardRules, DashboardScope};
use super::history::HistoryKind;
use super::listing::DAYS_MAX;
use super::progress::UpdateText;
use super::source::title_for_reader;
use super::{FieldError, FieldErrors, Priority, Rag, Status};

/// The period a report covers, both days included; never backwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportPeriod {
    from: NaiveDate,
    to: NaiveDate,
}

impl ReportPeriod {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Self> {
        (from <= to && (to - from).num_days() <= i64::from(DAYS_MAX)).then_some(Self { from, to })
    }
    /// The `days` days up to `to`, however many that is.
    pub fn last_days(to: NaiveDate, days: u32) -> Self {
        Self {
            from: to - chrono::Days::new(u64::from(days)),
            to,
        }
    }
    pub fn from(&self) -> NaiveDate {
        self.from
    }
    pub fn to(&self) -> NaiveDate {
        self.to
    }
    /// The last day before the period: the state "at the start".
    pub fn eve(&self) -> NaiveDate {
        self.from.pred_opt().unwrap_or(self.from)
    }
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// A period named rather than typed, worked out from today and the fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodPreset {
    Last7Days,
    Last30Days,
    LastMonth,
    FiscalQuarter,
    FiscalYearToDate,
}

impl PeriodPreset {
    pub const ALL: [PeriodPreset; 5] = [
        PeriodPreset::Last7Days,
        PeriodPreset::Last30Days,
        PeriodPreset::LastMonth,
        PeriodPreset::FiscalQuarter,
        PeriodPreset::FiscalYearToDate,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PeriodPreset::Last7Days => "last_7_days",
            PeriodPreset::Last30Days => "last_30_days",
            PeriodPreset::LastMonth => "last_month",
            PeriodPreset::FiscalQuarter => "fiscal_quarter",
            PeriodPreset::FiscalYearToDate => "fiscal_year",
        }
    }

    /// The period it names on `rules`' today: the last days up to today; the last whole
    /// calendar month; the fiscal quarter or fiscal year so far.
    pub fn period(self, rules: DashboardRules) -> ReportPeriod {
        let today = rules.list.today;
        let days_back = |days: i64| today - chrono::Duration::days(days - 1);
        let (fiscal_start, _) = rules.fiscal_year();
        let from = match self {
            PeriodPreset::Last7Days => days_back(7),
            PeriodPreset::Last30Days => days_back(30),
            PeriodPreset::LastMonth => {
                let this_month = today.with_day(1).expect("every month has a first day");
                let last_day = this_month.pred_opt().expect("a day before");
                let first_day = last_day.with_day(1).expect("every month has a first day");
                return ReportPeriod {
                    from: first_day,
                    to: last_day,
                };
            }
            PeriodPreset::FiscalQuarter => {
                let months = (today.year() - fiscal_start.year()) * 12 + today.month() as i32
                    - fiscal_start.month() as i32;
                let quarter_months = u32::try_from(months / 3 * 3).unwrap_or(0);
                fiscal_start
                    .checked_add_months(chrono::Months::new(quarter_months))
                    .unwrap_or(fiscal_start)
            }
            PeriodPreset::FiscalYearToDate => fiscal_start,
        };
        ReportPeriod { from, to: today }
    }
}

/// How a report groups its irritants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    /// By the leaders' directive each answers (those answering none last).
    Directive,
    Sector,
}

impl Grouping {
    pub const ALL: [Grouping; 2] = [Grouping::Directive, Grouping::Sector];
    pub fn code(self) -> &'static str {
        match self {
            Grouping::Directive => "directive",
            Grouping::Sector => "sector",
        }
    }
}

/// The formats a report is given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Csv,
    Xlsx,
    Json,
    Docx,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 5] = [
        ReportFormat::Html,
        ReportFormat::Csv,
        ReportFormat::Xlsx,
        ReportFormat::Json,
        ReportFormat::Docx,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Csv => "csv",
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Json => "json",
            ReportFormat::Docx => "docx",
        }
    }
}

/// A report as asked for in an address: every field as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportParams {
    /// A named period ([`PeriodPreset`]'s code), which `from` and `to` then give way to.
    pub period: String,
    pub from: String,
    pub to: String,
    pub group: String,
    pub format: String,
    pub counterpart: String,
    pub sector: String,
    pub department: String,
    pub priority: String,
}

/// A report that can be made: its period, grouping, format and scope (whose parts the
/// caller checks against the register, as the dashboard's).
#[derive(Debug, Clone)]
pub struct ReportRequest {
    pub period: ReportPeriod,
    pub grouping: Grouping,
    pub format: ReportFormat,
    pub scope: DashboardScope,
}

/// How many days a report covers when none are given: the last week, today included.
const DEFAULT_DAYS: i64 = 7;

impl ReportParams {
    /// Reads the request, judged on `rules`' today and fiscal year; with no dates, the week
    /// ending today.
    pub fn parse(&self, rules: DashboardRules) -> Result<ReportRequest, FieldErrors> {
        let today = rules.list.today;
        let mut errors = FieldErrors::new();
        let preset = match self.period.trim() {
            "" => None,
            code => {
                let preset = PeriodPreset::ALL.into_iter().find(|p| p.code() == code);
                if preset.is_none() {
                    errors.add("period", FieldError::new("not-in-list"));
                }
                preset
            }
        };
        let day = |field: &'static str, raw: &str, default: NaiveDate, errors: &mut FieldErrors| {
            let raw = raw.trim();
            if raw.is_empty() {
                return Some(default);
            }
            match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
                Ok(day) => Some(day),
                Err(_) => {
                    errors.add(field, FieldError::new("invalid-date").with("value", raw));
                    None
                }
            }
        };
        // A named period stands in for the dates, whatever they say.
        let (from, to) = if preset.is_some() {
            (None, None)
        } else {
            let to = day("to", &self.to, today, &mut errors);
            let default_from = to.unwrap_or(today) - chrono::Duration::days(DEFAULT_DAYS - 1);
            (day("from", &self.from, default_from, &mut errors), to)
        };
        let period = match (preset, from, to) {
            (Some(preset), _, _) => Some(preset.period(rules)),
            (None, Some(from), Some(to)) => match ReportPeriod::new(from, to) {
                Some(period) => Some(period),
                None if from > to => {
                    errors.add("from", FieldError::new("report-from-after-to"));
                    None
                }
                None => {
                    errors.add("from", FieldError::new("report-period-too-long"));
                    None
                }
            },
            _ => None,
        };
        let grouping = match self.group.trim() {
            "" | "directive" => Some(Grouping::Directive),
            "sector" => Some(Grouping::Sector),
            _ => {
                errors.add("group", FieldError::new("not-in-list"));
                None
            }
        };
        let format = match self.format.trim() {
            "" => Some(ReportFormat::Html),
            code => {
                let format = ReportFormat::ALL.into_iter().find(|f| f.code() == code);
                if format.is_none() {
                    errors.add("format", FieldError::new("not-in-list"));
                }
                format
            }
        };
        match (period, grouping, format) {
            (Some(period), Some(grouping), Some(format)) if errors.is_empty() => {
                Ok(ReportRequest {
                    period,
                    grouping,
                    format,
                    scope: DashboardScope {
                        counterpart: self.counterpart.clone(),
                        sector: self.sector.clone(),
                        department: self.department.clone(),
                        priority: self.priority.clone(),
                    },
                })
            }
            _ => Err(errors),
        }
    }
}

impl ReportRequest {
    /// The request as query parameters, dates and all (a named period as its dates), in the
    /// given format.
    pub fn params(&self, format: ReportFormat) -> ReportParams {
        ReportParams {
            period: String::new(),
            from: self.period.from.to_string(),
            to: self.period.to.to_string(),
            group: self.grouping.code().to_owned(),
            format: format.code().to_owned(),
            counterpart: self.scope.counterpart.clone(),
            sector: self.scope.sector.clone(),
            department: self.scope.department.clone(),
            priority: self.scope.priority.clone(),
        }
    }
}

impl ReportParams {
    pub fn to_query_string(&self) -> String {
        let pairs: Vec<(&str, &str)> = [
            ("period", &self.period),
            ("from", &self.from),
            ("to", &self.to),
            ("group", &self.group),
            ("format", &self.format),
            ("counterpart", &self.counterpart),
            ("sector", &self.sector),
            ("department", &self.department),
            ("priority", &self.priority),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| (key, value.as_str()))
        .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// A leaders' directive an irritant answers: a statement of a source document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DirectiveRef {
    pub source_id: String,
    pub source_title: String,
    /// The language tag of the title (`en`, `fr`, `zh-Hant`...), where it is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_title_language: Option<String>,
    /// The document's title for French readers, when its own is not French (empty: none).
    #[serde(default)]
    pub source_title_fr: String,
    pub number: u32,
}

impl DirectiveRef {
    /// The title a reader of `reader` is shown, and its language tag where it is known.
    pub fn title_for(&self, reader: OfficialLanguage) -> (&str, Option<&str>) {
        title_for_reader(
            &self.source_title,
            self.source_title_language.as_deref(),
            &self.source_title_fr,
            reader,
        )
    }
}

/// What the database knows of one irritant, as the report needs it.
#[derive(Debug, Clone)]
pub struct IrritantFacts {
    pub id: String,
    pub reference: String,
    /// With its language and its rendering in the other.
    pub title: TitleText,
    pub counterpart: String,
    pub sector: String,
    pub priority: Priority,
    pub status: Status,
    pub status_since: NaiveDate,
    /// As the latest update reported by the period's end gave it.
    pub rag: Option<Rag>,
    pub owner: Option<String>,
    pub department: Option<String>,
    pub target_date: Option<NaiveDate>,
    pub opened_on: NaiveDate,
    pub directives: Vec<DirectiveRef>,
}

/// A change of status, from the history; `order` is the history's own.
#[derive(Debug, Clone)]
pub struct StatusChangeFact {
    pub irritant_id: String,
    pub effective: NaiveDate,
    pub order: i64,
    pub before: Option<Status>,
    pub after: Status,
    /// What was said of it: which part was resolved, how, or why it went dormant.
    pub detail: String,
}

/// A change of target date, from the history, on the day it was made.
#[derive(Debug, Clone)]
pub struct TargetChangeFact {
    pub irritant_id: String,
    pub on: NaiveDate,
    pub order: i64,
    pub before: Option<NaiveDate>,
    pub after: Option<NaiveDate>,
    /// Why it moved, for a date moved later.
    pub reason: String,
}

/// Another change from the history that a report tells of: a milestone added or changed, a
/// statement linked.
#[derive(Debug, Clone)]
pub struct HistoryFact {
    pub irritant_id: String,
    /// The day it was made.
    pub on: NaiveDate,
    pub order: i64,
    pub kind: HistoryKind,
    pub field: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub summary: String,
}

/// What kind of development of the period a report tells of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DevelopmentKind {
    Status,
    Rag,
    TargetDate,
    MilestoneAdded,
    MilestoneDone,
    MilestoneSlipped,
    MilestoneCancelled,
    StatementLinked,
    /// Recorded in the register.
    Opened,
}

impl DevelopmentKind {
    pub fn code(self) -> &'static str {
        match self {
            DevelopmentKind::Status => "status",
            DevelopmentKind::Rag => "rag",
            DevelopmentKind::TargetDate => "target_date",
            DevelopmentKind::MilestoneAdded => "milestone_added",
            DevelopmentKind::MilestoneDone => "milestone_done",
            DevelopmentKind::MilestoneSlipped => "milestone_slipped",
            DevelopmentKind::MilestoneCancelled => "milestone_cancelled",
            DevelopmentKind::StatementLinked => "statement_linked",
            DevelopmentKind::Opened => "opened",
        }
    }
}

/// Something that happened to an irritant within the period, besides its progress updates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Development {
    /// The day it took effect (a status) or was made.
    pub on: NaiveDate,
    pub kind: DevelopmentKind,
    /// What it was and became: status and RAG codes, dates as `YYYY-MM-DD`; absent for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// What was said of it: which part was resolved, how, or why it went dormant; why a
    /// date moved later; the milestone (and why it moved); the statement linked.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

impl Development {
    /// The development a milestone's or a statement link's history entry tells of, if it is
    /// one a report tells: a milestone added, done, cancelled or moved later; a link made.
    fn of_history(fact: &HistoryFact) -> Option<Development> {
        let kind = match (fact.kind, fact.field.as_deref(), fact.after.as_deref()) {
            (HistoryKind::MilestoneAdded, _, _) => DevelopmentKind::MilestoneAdded,
            (HistoryKind::MilestoneChanged, Some("state"), Some("done")) => {
                DevelopmentKind::MilestoneDone
            }
            (HistoryKind::MilestoneChanged, Some("state"), Some("cancelled")) => {
                DevelopmentKind::MilestoneCancelled
            }
            // Dates as `YYYY-MM-DD` compare as days do.
            (HistoryKind::MilestoneChanged, Some("due_date"), Some(after))
                if fact.before.as_deref().is_some_and(|before| before < after) =>
            {
                DevelopmentKind::MilestoneSlipped
            }
            (HistoryKind::StatementLinked, _, _) => DevelopmentKind::StatementLinked,
            _ => return None,
        };
        let dated = matches!(
            kind,
            DevelopmentKind::MilestoneAdded | DevelopmentKind::MilestoneSlipped
        );
        Some(Development {
            on: fact.on,
            kind,
            before: fact.before.clone().filter(|_| dated),
            after: fact.after.clone().filter(|_| dated),
            detail: fact.summary.clone(),
        })
    }
}

/// A progress update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportUpdate {
    #[serde(skip)]
    pub irritant_id: String,
    pub reported_on: NaiveDate,
    pub rag: Rag,
    #[serde(flatten)]
    pub text: UpdateText,
    pub author: String,
}

/// Everything a report is made from.
#[derive(Debug, Clone, Default)]
pub struct ReportFacts {
    /// Irritants that may belong in the report: every one in scope opened by the period's end
    /// and still being worked on, or with any history since the period began.
    pub irritants: Vec<IrritantFacts>,
    /// Status changes taking effect from the period's first day on, of those irritants.
    pub status_changes: Vec<StatusChangeFact>,
    /// Target date changes made from the period's first day on.
    pub target_changes: Vec<TargetChangeFact>,
    /// Milestones added or changed and statements linked from the period's first day on.
    pub other_changes: Vec<HistoryFact>,
    /// Progress updates reported within the period, oldest first.
    pub updates: Vec<ReportUpdate>,
    /// The RAG of each irritant's latest update reported before the period, where it has one.
    pub rag_at_start: HashMap<String, Rag>,
    /// The text of each irritant's latest update reported by the period's end, whose next
    /// steps are those in force.
    pub latest_next_steps: HashMap<String, UpdateText>,
    /// For irritants whose status changed from the period's first day on: the day their
    /// status last changed before it, if it ever did.
    pub status_reached_before: HashMap<String, NaiveDate>,
    /// Every irritant in scope opened by the eve of the period, and by its end, counted by
    /// its current status.
    pub current_counts_at_start: Vec<(Status, i64)>,
    pub current_counts_at_end: Vec<(Status, i64)>,
}

/// How many irritants were in each status on a day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StatusCounts {
    pub open: i64,
    pub resolved_in_part: i64,
    pub resolved: i64,
    pub dormant: i64,
    pub closed: i64,
}

impl StatusCounts {
    fn slot(&mut self, status: Status) -> &mut i64 {
        match status {
            Status::Open => &mut self.open,
            Status::ResolvedInPart => &mut self.resolved_in_part,
            Status::Resolved => &mut self.resolved,
            Status::Dormant => &mut self.dormant,
            Status::Closed => &mut self.closed,
        }
    }
    pub fn get(&self, status: Status) -> i64 {
        match status {
            Status::Open => self.open,
            Status::ResolvedInPart => self.resolved_in_part,
            Status::Resolved => self.resolved,
            Status::Dormant => self.dormant,
            Status::Closed => self.closed,
        }
    }
}

/// The report's opening figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportSummary {
    /// Irritants in scope by status on the eve of the period.
    pub at_start: StatusCounts,
    /// Irritants in scope by status on the period's last day.
    pub at_end: StatusCounts,
    /// Recorded with an opening day within the period.
    pub opened: i64,
    /// Resolved within the period.
    pub resolved: i64,
    /// Brought back to open or resolved in part from resolved, closed or dormant.
    pub reopened: i64,
    /// Still being worked on at the end with the target date then in force passed.
    pub overdue_at_end: i64,
}

/// A target date that moved within the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Slip {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One irritant in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportRow {
    pub reference: String,
    pub title: String,
    /// The language of the title (English in reports issued before titles had one).
    #[serde(default)]
    pub language: OfficialLanguage,
    /// The title in the other official language; empty when none was given.
    #[serde(default)]
    pub title_translation: String,
    pub counterpart: String,
    pub sector: String,
    pub priority: Priority,
    /// The status at the period's end and the day it was reached.
    pub status: Status,
    pub status_since: NaiveDate,
    pub rag: Option<Rag>,
    pub owner: Option<String>,
    pub department: Option<String>,
    /// The target date in force at the period's end.
    pub target_date: Option<NaiveDate>,
    /// Set when the target date was changed within the period: from the first value to the
    /// last.
    pub target_slipped: Option<Slip>,
    pub overdue: bool,
    /// What else happened in the period, in the order it happened. (Reports issued before
    /// these were told have none.)
    #[serde(default)]
    pub developments: Vec<Development>,
    /// Progress updates reported within the period, oldest first.
    pub updates: Vec<ReportUpdate>,
    /// The next steps of the latest update by the period's end.
    pub next_steps: Option<String>,
    /// The language of those next steps, and their rendering in the other (empty: none).
    #[serde(default)]
    pub next_steps_language: OfficialLanguage,
    #[serde(default)]
    pub next_steps_translation: String,
    pub directives: Vec<DirectiveRef>,
}

impl ReportRow {
    /// The title as a reader of `reader` sees it.
    pub fn title_for(&self, reader: OfficialLanguage) -> Shown<'_> {
        for_reader(&self.title, self.language, &self.title_translation, reader)
    }

    /// The next steps in force at the period's end, as a reader of `reader` sees them.
    pub fn next_steps_for(&self, reader: OfficialLanguage) -> Option<Shown<'_>> {
        self.next_steps.as_deref().map(|next_steps| {
            for_reader(
                next_steps,
                self.next_steps_language,
                &self.next_steps_translation,
                reader,
            )
        })
    }
}

/// A group of rows: one directive, or one sector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportGroup {
    /// The directive (`SOURCE_ID#NUMBER`), the sector's code, or empty for irritants that
    /// answer no directive.
    pub key: String,
    pub directive: Option<DirectiveRef>,
    pub irritants: Vec<ReportRow>,
}

/// A progress report, as shown, exported and issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProgressReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub grouping: Grouping,
    /// The scope, as the dashboard's: counterpart, sector, department, priority (empty: all).
    pub counterpart: String,
    pub sector: String,
    pub department: String,
    pub priority: String,
    pub generated_at: NaiveDateTime,
    /// The security marking it was made under (`reports.marking`); empty in reports issued
    /// before reports carried one.
    #[serde(default)]
    pub marking: String,
    /// Whether its rows tell the period's developments; false in reports issued before they
    /// did, whose rows hold progress updates alone.
    #[serde(default)]
    pub tells_developments: bool,
    pub summary: ReportSummary,
    pub groups: Vec<ReportGroup>,
}

impl ProgressReport {
    /// The part of the register it covers.
    pub fn scope(&self) -> DashboardScope {
        DashboardScope {
            counterpart: self.counterpart.clone(),
            sector: self.sector.clone(),
            department: self.department.clone(),
            priority: self.priority.clone(),
        }
    }

    /// A file name that says what it holds: `progress-report_CN_2026-11-01_2026-11-30`.
    pub fn file_stem(&self) -> String {
        let scope = [
            &self.counterpart,
            &self.sector,
            &self.department,
            &self.priority,
        ];
        let safe = scope.into_iter().map(|part| {
            part.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
        });
        std::iter::once("progress-report".to_owned())
            .chain(safe.filter(|part| !part.is_empty()))
            .chain([self.from.to_string(), self.to.to_string()])
            .collect::<Vec<_>>()
            .join("_")
    }

    /// Whether `other` holds what this report holds, whenever each was made: the same
    /// period, scope, grouping, figures and irritants.
    pub fn same_content(&self, other: &ProgressReport) -> bool {
        // Compared as they are kept, so that what is not kept (the irritant an update is
        // about, known from its row) does not tell two alike reports apart.
        let as_kept = |report: &ProgressReport| {
            let mut kept = serde_json::to_value(report).ok()?;
            kept.as_object_mut()?.remove("generated_at");
            Some(kept)
        };
        as_kept(self).is_some_and(|kept| Some(kept) == as_kept(other))
    }

    pub fn rows(&self) -> impl Iterator<Item = &ReportRow> {
        self.groups.iter().flat_map(|g| g.irritants.iter())
    }
    pub fn row_count(&self) -> usize {
        self.groups.iter().map(|g| g.irritants.len()).sum()
    }
}

/// Makes the report from its facts.
pub fn build(
    request: &ReportRequest,
    facts: ReportFacts,
    (generated_at, marking): (NaiveDateTime, &str),
) -> ProgressReport {
    let period = request.period;
    let histories = Histories::of(&facts);
    let mut summary = ReportSummary {
        at_start: counts(&facts.current_counts_at_start),
        at_end: counts(&facts.current_counts_at_end),
        ..ReportSummary::default()
    };
    let mut rows: Vec<(ReportRow, bool)> = Vec::new();
    for irritant in &facts.irritants {
        let own = Histories::of_irritant(&histories.status_changes, &irritant.id);
        tally(
            &mut summary,
            irritant,
            own,
            period,
            &facts.status_reached_before,
        );
        let row = row_of(irritant, &histories, period, &facts).filter(|row| {
            let changed_in_period = !row.developments.is_empty()
                || !row.updates.is_empty()
                || period.contains(irritant.opened_on);
            row.status.is_active() || changed_in_period
        });
        if let Some(row) = row {
            if row.overdue {
                summary.overdue_at_end += 1;
            }
            let active = row.status.is_active();
            rows.push((row, active));
        }
    }
    rows.sort_by_key(|(row, active)| urgency(row, *active));
    ProgressReport {
        from: period.from,
        to: period.to,
        grouping: request.grouping,
        counterpart: request.scope.counterpart.clone(),
        sector: request.scope.sector.clone(),
        department: request.scope.department.clone(),
        priority: request.scope.priority.clone(),
        generated_at,
        marking: marking.to_owned(),
        tells_developments: true,
        summary,
        groups: group(request.grouping, rows.into_iter().map(|(row, _)| row)),
    }
}

/// The report's facts about each irritant, by its id, each list in the order things happened.
struct Histories<'f> {
    status_changes: HashMap<&'f str, Vec<&'f StatusChangeFact>>,
    target_changes: HashMap<&'f str, Vec<&'f TargetChangeFact>>,
    other_changes: HashMap<&'f str, Vec<&'f HistoryFact>>,
    updates: HashMap<&'f str, Vec<&'f ReportUpdate>>,
}

impl<'f> Histories<'f> {
    fn of(facts: &'f ReportFacts) -> Self {
        fn by_irritant<'f, T>(
            items: &'f [T],
            irritant_id: impl Fn(&'f T) -> &'f str,
        ) -> HashMap<&'f str, Vec<&'f T>> {
            let mut grouped: HashMap<&str, Vec<&T>> = HashMap::new();
            for item in items {
                grouped.entry(irritant_id(item)).or_default().push(item);
            }
            grouped
        }
        let mut status_changes = by_irritant(&facts.status_changes, |c| &c.irritant_id);
        for list in status_changes.values_mut() {
            list.sort_by_key(|c| (c.effective, c.order));
        }
        let mut target_changes = by_irritant(&facts.target_changes, |c| &c.irritant_id);
        for list in target_changes.values_mut() {
            list.sort_by_key(|c| (c.on, c.order));
        }
        let mut other_changes = by_irritant(&facts.other_changes, |c| &c.irritant_id);
        for list in other_changes.values_mut() {
            list.sort_by_key(|c| (c.on, c.order));
        }
        Histories {
            status_changes,
            target_changes,
            other_changes,
            updates: by_irritant(&facts.updates, |u| &u.irritant_id),
        }
    }

    fn of_irritant<'h, T>(lists: &'h HashMap<&'f str, Vec<&'f T>>, id: &str) -> &'h [&'f T] {
        lists.get(id).map_or(&[], Vec::as_slice)
    }
}

/// Counts one irritant in the summary: its status at the start and end of the period (the
/// counts were taken with today's status), whether it was opened, resolved or reopened then.
fn tally(
    summary: &mut ReportSummary,
    irritant: &IrritantFacts,
    own: &[&StatusChangeFact],
    period: ReportPeriod,
    reached_before: &HashMap<String, NaiveDate>,
) {
    for (day, counts) in [
        (period.eve(), &mut summary.at_start),
        (period.to, &mut summary.at_end),
    ] {
        if irritant.opened_on <= day
            && let Some(then) = status_on(irritant, own, day, reached_before)
            && then.0 != irritant.status
        {
            *counts.slot(irritant.status) -= 1;
            *counts.slot(then.0) += 1;
        }
    }
    if period.contains(irritant.opened_on) {
        summary.opened += 1;
    }
    for change in own.iter().filter(|c| period.contains(c.effective)) {
        let was_active = change.before.is_some_and(Status::is_active);
        if was_active && change.after == Status::Resolved {
            summary.resolved += 1;
        } else if !was_active && change.after.is_active() {
            summary.reopened += 1;
        }
    }
}

/// The irritant's row as it stood at the end of the period: none when it was opened after it.
/// (A report leaves out those no longer worked on to which nothing happened in the period.)
fn row_of(
    irritant: &IrritantFacts,
    histories: &Histories,
    period: ReportPeriod,
    facts: &ReportFacts,
) -> Option<ReportRow> {
    if irritant.opened_on > period.to {
        return None;
    }
    let own = Histories::of_irritant(&histories.status_changes, &irritant.id);
    let (status, status_since) = status_on(irritant, own, period.to, &facts.status_reached_before)
        .unwrap_or((irritant.status, irritant.status_since));
    let own_targets = Histories::of_irritant(&histories.target_changes, &irritant.id);
    let target_date = own_targets
        .iter()
        .find(|c| c.on > period.to)
        .map_or(irritant.target_date, |c| c.before);
    let in_period: Vec<&&TargetChangeFact> = own_targets
        .iter()
        .filter(|c| period.contains(c.on))
        .collect();
    let target_slipped = match (in_period.first(), in_period.last()) {
        (Some(first), Some(last)) if first.before != last.after => Some(Slip {
            from: first.before,
            to: last.after,
        }),
        _ => None,
    };
    let updates: Vec<ReportUpdate> = Histories::of_irritant(&histories.updates, &irritant.id)
        .iter()
        .map(|u| (*u).clone())
        .collect();
    let developments = developments_of(irritant, histories, period, facts, &in_period);
    let next_steps = facts.latest_next_steps.get(&irritant.id);
    Some(ReportRow {
        reference: irritant.reference.clone(),
        title: irritant.title.text.clone(),
        language: irritant.title.language,
        title_translation: irritant.title.translation.clone(),
        counterpart: irritant.counterpart.clone(),
        sector: irritant.sector.clone(),
        priority: irritant.priority,
        status,
        status_since,
        rag: irritant.rag,
        owner: irritant.owner.clone(),
        department: irritant.department.clone(),
        target_date,
        target_slipped,
        overdue: status.is_active() && target_date.is_some_and(|t| t < period.to),
        developments,
        updates,
        next_steps: next_steps.map(|text| text.next_steps.clone()),
        next_steps_language: next_steps.map(|text| text.language).unwrap_or_default(),
        next_steps_translation: next_steps
            .map(|text| text.next_steps_translation.clone())
            .unwrap_or_default(),
        directives: irritant.directives.clone(),
    })
}

/// What happened to the irritant within the period besides its progress updates, in the
/// order it happened: its status changes with what was said of them, its RAG as each update
/// moved it, its target date's moves with their reasons, milestones and statement links.
fn developments_of(
    irritant: &IrritantFacts,
    histories: &Histories,
    period: ReportPeriod,
    facts: &ReportFacts,
    target_moves: &[&&TargetChangeFact],
) -> Vec<Development> {
    let statuses = Histories::of_irritant(&histories.status_changes, &irritant.id)
        .iter()
        .filter(|change| period.contains(change.effective))
        .map(|change| Development {
            on: change.effective,
            kind: DevelopmentKind::Status,
            before: change.before.map(|status| status.code().to_owned()),
            after: Some(change.after.code().to_owned()),
            detail: change.detail.clone(),
        });
    let targets = target_moves.iter().map(|change| Development {
        on: change.on,
        kind: DevelopmentKind::TargetDate,
        before: change.before.map(|day| day.to_string()),
        after: change.after.map(|day| day.to_string()),
        detail: change.reason.clone(),
    });
    let others = Histories::of_irritant(&histories.other_changes, &irritant.id)
        .iter()
        .filter(|change| period.contains(change.on))
        .filter_map(|change| Development::of_history(change));
    let mut rag = facts.rag_at_start.get(&irritant.id).copied();
    let mut rag_moves = Vec::new();
    for update in Histories::of_irritant(&histories.updates, &irritant.id) {
        if rag != Some(update.rag) {
            rag_moves.push(Development {
                on: update.reported_on,
                kind: DevelopmentKind::Rag,
                before: rag.map(|rag| rag.code().to_owned()),
                after: Some(update.rag.code().to_owned()),
                detail: String::new(),
            });
        }
        rag = Some(update.rag);
    }
    let opened = period.contains(irritant.opened_on).then(|| Development {
        on: irritant.opened_on,
        kind: DevelopmentKind::Opened,
        before: None,
        after: None,
        detail: String::new(),
    });
    let mut developments: Vec<Development> = opened
        .into_iter()
        .chain(statuses)
        .chain(targets)
        .chain(others)
        .chain(rag_moves)
        .collect();
    // Stable: what happened the same day keeps the order above.
    developments.sort_by_key(|development| development.on);
    developments
}

fn counts(current: &[(Status, i64)]) -> StatusCounts {
    let mut counts = StatusCounts::default();
    for &(status, count) in current {
        *counts.slot(status) += count;
    }
    counts
}

/// The status an irritant had on `day`, and since when, if its history says otherwise than
/// its current status (`None`: it had its current status).
fn status_on(
    irritant: &IrritantFacts,
    changes: &[&StatusChangeFact],
    day: NaiveDate,
    reached_before: &HashMap<String, NaiveDate>,
) -> Option<(Status, NaiveDate)> {
    let first_after = changes.iter().find(|c| c.effective > day)?;
    let before = first_after.before?;
    // Reached by a change loaded (from the period on), by an earlier one, or at opening.
    let since = changes
        .iter()
        .rev()
        .find(|c| c.effective <= day)
        .map(|c| c.effective)
        .or_else(|| reached_before.get(&irritant.id).copied())
        .unwrap_or(irritant.opened_on);
    Some((before, since))
}

/// How many irritants the one-page summary for ministers names; the rest are counted.
pub const SUMMARY_ROWS: usize = 25;

/// The references of the `most` most urgent irritants of the report, as the report ranks them.
pub fn most_urgent(report: &ProgressReport, most: usize) -> Vec<&str> {
    let mut rows: Vec<&ReportRow> = report.rows().collect();
    rows.sort_by_key(|row| urgency(row, row.status.is_active()));
    rows.into_iter()
        .take(most)
        .map(|row| row.reference.as_str())
        .collect()
}

/// The row of the one irritant `facts` tell of, over `period`, whether or not anything
/// happened to it then: what its brief tells. None when it was opened after the period.
pub fn row_of_irritant(facts: &ReportFacts, period: ReportPeriod) -> Option<ReportRow> {
    let histories = Histories::of(facts);
    let irritant = facts.irritants.first()?;
    row_of(irritant, &histories, period, facts)
}

/// Which way an irritant's delivery confidence went since an earlier report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RagTrend {
    /// Not in the earlier report.
    New,
    Better,
    Same,
    Worse,
}

impl RagTrend {
    /// From the RAG in the earlier report (`None`: not in it) to the RAG now. A RAG given
    /// where there was none is neither better nor worse.
    pub fn between(before: Option<Option<Rag>>, now: Option<Rag>) -> RagTrend {
        // Higher is more confident.
        let level = |rag: Option<Rag>| match rag {
            Some(Rag::OffTrack) => Some(0),
            Some(Rag::AtRisk) => Some(1),
            Some(Rag::OnTrack) => Some(2),
            None => None,
        };
        let Some(before) = before else {
            return RagTrend::New;
        };
        match (level(before), level(now)) {
            (Some(then), Some(now)) if now > then => RagTrend::Better,
            (Some(then), Some(now)) if now < then => RagTrend::Worse,
            _ => RagTrend::Same,
        }
    }

    /// The trend at a glance, beside its word.
    pub fn arrow(self) -> &'static str {
        match self {
            RagTrend::New => "+",
            RagTrend::Better => "↑",
            RagTrend::Same => "=",
            RagTrend::Worse => "↓",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            RagTrend::New => "new",
            RagTrend::Better => "better",
            RagTrend::Same => "same",
            RagTrend::Worse => "worse",
        }
    }
}

/// Most urgent first: work in hand before work done; overdue first; off track, then at
/// risk, then without a RAG, then on track; by priority; by the nearest target date.
fn urgency(row: &ReportRow, active: bool) -> impl Ord + use<> {
    let rag = match row.rag {
        Some(Rag::OffTrack) => 0,
        Some(Rag::AtRisk) => 1,
        None => 2,
        Some(Rag::OnTrack) => 3,
    };
    (
        !active,
        !row.overdue,
        rag,
        row.priority.rank(),
        row.target_date.is_none(),
        row.target_date,
        row.reference.clone(),
    )
}

/// Rows in groups, each group keeping the rows' order; groups in order of their most urgent
/// row, except that irritants answering no directive come last. An irritant answering
/// several directives is shown under the first.
fn group(grouping: Grouping, rows: impl Iterator<Item = ReportRow>) -> Vec<ReportGroup> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, ReportGroup> = BTreeMap::new();
    for row in rows {
        let (key, directive) = match grouping {
            Grouping::Sector => (row.sector.clone(), None),
            Grouping::Directive => match row.directives.first() {
                Some(d) => (format!("{}#{}", d.source_id, d.number), Some(d.clone())),
                None => (String::new(), None),
            },
        };
        let entry = groups.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            ReportGroup {
                key,
                directive,
                irritants: Vec::new(),
            }
        });
        entry.irritants.push(row);
    }
    order.sort_by_key(|key| key.is_empty());
    order
        .into_iter()
        .filter_map(|key| groups.remove(&key))
        .collect()
}

/// What changed between an issued report and the one issued before it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportComparison {
    /// In this report, not in the previous one.
    pub new: Vec<String>,
    /// In both, with another status: reference, status before, status now.
    pub changed_status: Vec<(String, Status, Status)>,
    /// In both, with a later target date (or none any more): reference, before, now.
    pub slipped: Vec<(String, Option<NaiveDate>, Option<NaiveDate>)>,
    /// Resolved now, and not in the previous one.
    pub resolved: Vec<String>,
    /// In both, with another delivery confidence: reference, RAG before, RAG now.
    pub changed_rag: Vec<(String, Option<Rag>, Option<Rag>)>,
    /// In both, with another owner: reference, owner before, owner now.
    pub changed_owner: Vec<(String, Option<String>, Option<String>)>,
    /// In both, answering a directive it did not answer before: reference, the directive.
    pub new_directives: Vec<(String, DirectiveRef)>,
}

/// Compares `current` with `previous`, irritant by irritant.
pub fn compare(current: &ProgressReport, previous: &ProgressReport) -> ReportComparison {
    let before: HashMap<&str, &ReportRow> =
        previous.rows().map(|r| (r.reference.as_str(), r)).collect();
    let mut comparison = ReportComparison::default();
    for row in current.rows() {
        match before.get(row.reference.as_str()) {
            None => comparison.new.push(row.reference.clone()),
            Some(old) => {
                if old.status != row.status {
                    comparison
                        .changed_status
                        .push((row.reference.clone(), old.status, row.status));
                }
                let later = match (old.target_date, row.target_date) {
                    (Some(old), Some(new)) => new > old,
                    (Some(_), None) => true,
                    _ => false,
                };
                if later {
                    comparison.slipped.push((
                        row.reference.clone(),
                        old.target_date,
                        row.target_date,
                    ));
                }
                if old.rag != row.rag {
                    let moved = (row.reference.clone(), old.rag, row.rag);
                    comparison.changed_rag.push(moved);
                }
                if old.owner != row.owner {
                    let handed = (row.reference.clone(), old.owner.clone(), row.owner.clone());
                    comparison.changed_owner.push(handed);
                }
                // A directive is its statement: a source's title corrected is no new link.
                let statement = |d: &DirectiveRef| (d.source_id.clone(), d.number);
                let linked_before: Vec<_> = old.directives.iter().map(statement).collect();
                for directive in &row.directives {
                    if !linked_before.contains(&statement(directive)) {
                        let linked = (row.reference.clone(), directive.clone());
                        comparison.new_directives.push(linked);
                    }
                }
            }
        }
        if row.status == Status::Resolved
            && before
                .get(row.reference.as_str())
                .is_none_or(|old| old.status != Status::Resolved)
        {
            comparison.resolved.push(row.reference.clone());
        }
    }
    comparison
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::listing::ListRules;

    fn on(day: &str) -> NaiveDate {
        day.parse().unwrap()
    }

    #[test]
    fn a_row_issued_before_rows_had_languages_reads_as_english() {
        let issued = r#"{
            "reference": "IRR-2025-0001", "title": "Canola seed duties", "counterpart": "CN",
            "sector": "agri-food", "priority": "leaders", "status": "open",
            "status_since": "2025-11-01", "rag": null, "owner": null, "department": null,
            "target_date": null, "target_slipped": null, "overdue": false,
            "updates": [{"reported_on": "2025-11-07", "rag": "at_risk",
                         "done": "Met the ministry", "next_steps": "", "author": "Ada"}],
            "next_steps": "Call again",
            "directives": [{"source_id": "s1", "source_title": "Readout", "number": 3}]
        }"#;
        let row: ReportRow = serde_json::from_str(issued).expect("an issued row still reads");
        let french = OfficialLanguage::French;
        assert_eq!(row.title_for(french).text, "Canola seed duties");
        assert_eq!(row.title_for(french).lang_for(french), Some("en"));
        assert_eq!(row.next_steps_for(french).unwrap().text, "Call again");
        assert_eq!(
            row.updates[0].text.done_for(french).text,
            "Met the ministry"
        );
        assert_eq!(row.directives[0].title_for(french), ("Readout", None));
    }

    /// The named periods on `today`, in a fiscal year that starts in April.
    fn periods(today: &str) -> Vec<(NaiveDate, NaiveDate)> {
        let rules = DashboardRules {
            list: ListRules {
                today: on(today),
                stale_after_days: 30,
            },
            fiscal_year_start_month: 4,
            due_soon_days: 30,
        };
        PeriodPreset::ALL
            .iter()
            .map(|preset| {
                let period = preset.period(rules);
                (period.from(), period.to())
            })
            .collect()
    }

    #[test]
    fn named_periods_follow_the_calendar_and_the_fiscal_year() {
        assert_eq!(
            periods("2026-12-03"),
            [
                (on("2026-11-27"), on("2026-12-03")),
                (on("2026-11-04"), on("2026-12-03")),
                (on("2026-11-01"), on("2026-11-30")),
                (on("2026-10-01"), on("2026-12-03")),
                (on("2026-04-01"), on("2026-12-03")),
            ]
        );
        // Across the turn of the calendar year, and on a quarter's first day.
        let january = periods("2027-01-15");
        assert_eq!(january[2], (on("2026-12-01"), on("2026-12-31")));
        assert_eq!(january[3], (on("2027-01-01"), on("2027-01-15")));
        assert_eq!(january[4], (on("2026-04-01"), on("2027-01-15")));
        let april = periods("2027-04-01");
        assert_eq!(april[3], (on("2027-04-01"), on("2027-04-01")));
        assert_eq!(april[4], (on("2027-04-01"), on("2027-04-01")));
    }

    #[test]
    fn a_rag_trend_compares_confidence_not_codes() {
        use Rag::*;
        assert_eq!(RagTrend::between(None, Some(AtRisk)), RagTrend::New);
        assert_eq!(
            RagTrend::between(Some(Some(OnTrack)), Some(AtRisk)),
            RagTrend::Worse
        );
        assert_eq!(
            RagTrend::between(Some(Some(OffTrack)), Some(AtRisk)),
            RagTrend::Better
        );
        assert_eq!(
            RagTrend::between(Some(None), Some(OffTrack)),
            RagTrend::Same
        );
        assert_eq!(
            RagTrend::between(Some(Some(AtRisk)), Some(AtRisk)),
            RagTrend::Same
        );
    }

    #[test]
    fn a_named_period_stands_in_for_the_dates_typed() {
        let rules = DashboardRules {
            list: ListRules {
                today: on("2026-12-03"),
                stale_after_days: 30,
            },
            fiscal_year_start_month: 4,
            due_soon_days: 30,
        };
        let named = ReportParams {
            period: "last_month".into(),
            from: "not a date".into(),
            ..ReportParams::default()
        };
        let request = named.parse(rules).unwrap();
        assert_eq!(request.period.from(), on("2026-11-01"));
        assert_eq!(request.params(ReportFormat::Csv).from, "2026-11-01");
        let unknown = ReportParams {
            period: "last_decade".into(),
            ..ReportParams::default()
        };
        assert!(unknown.parse(rules).unwrap_err().get("period").is_some());
    }
}
