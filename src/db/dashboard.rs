//! The dashboard's aggregates: counts grouped in the database, never rows counted here. Every
//! query takes the dashboard's scope as the irritant list's filter, so the charts cover the
//! same irritants as the figures.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::cache::RegisterCache;
use super::irritants::{ListPage, count_matching, list};
use diesel::helper_types::InnerJoinQuerySource;

use super::filter::{active_codes, condition, condition_over};
use super::schema::{history, irritants, milestones, people, sources, statement_links, statements};
use super::{DbConnection, DbResult, stored};
use crate::domain::bilingual::TitleText;
use crate::domain::dashboard::{
    AgeBand, Breakdown, DashboardRules, DashboardScope, DayChanges, Figure, PortfolioGroup, Week,
    ageing, first_week_start, weeks,
};
use crate::domain::history::{ChangeKind, HistoryEntry, HistoryKind};
use crate::domain::ids::PersonId;
use crate::domain::{ActionHolder, FieldErrors, ListParams, ListSort, ReferenceData, Sector};
use crate::domain::{ListFilter, Rag, Reference, Status};

/// The irritants in scope counted in groups of status, RAG, sector, lead department and
/// action holder, in one pass over an index.
pub fn breakdown(conn: &mut DbConnection, scope: &ListFilter) -> DbResult<Breakdown> {
    #[derive(Queryable)]
    struct GroupRow {
        status: String,
        rag: Option<String>,
        sector: String,
        lead_department: Option<String>,
        action_holder: String,
        /// How many irritants in scope have these values.
        count: i64,
    }
    let mut query = irritants::table
        .group_by((
            irritants::status,
            irritants::rag,
            irritants::sector,
            irritants::lead_department,
            irritants::action_holder,
        ))
        .select((
            irritants::status,
            irritants::rag,
            irritants::sector,
            irritants::lead_department,
            irritants::action_holder,
            count_star(),
        ))
        .into_boxed();
    if let Some(condition) = condition(scope) {
        query = query.filter(condition);
    }
    let rows = query.load::<GroupRow>(conn)?;
    let groups = rows
        .into_iter()
        .map(|group| {
            let row = "the irritants counted for the dashboard's breakdown";
            Ok(PortfolioGroup {
                status: stored("status", row, &group.status, Status::parse)?,
                rag: group
                    .rag
                    .map(|r| stored("RAG", row, &r, Rag::parse))
                    .transpose()?,
                sector: stored("sector", row, &group.sector, Sector::parse)?,
                department: group.lead_department,
                action_holder: stored(
                    "action holder",
                    row,
                    &group.action_holder,
                    ActionHolder::parse,
                )?,
                count: group.count,
            })
        })
        .collect::<DbResult<_>>()?;
    Ok(Breakdown(groups))
}

/// Irritants in scope still being worked on, by the day they were opened.
pub fn active_by_opening_day(
    conn: &mut DbConnection,
    scope: &ListFilter,
) -> DbResult<Vec<(NaiveDate, i64)>> {
    let mut query = irritants::table
        .filter(irritants::status.eq_any(active_codes()))
        // Grouped by status too, in the order of an index on both, so nothing is sorted.
        .group_by((irritants::status, irritants::opened_on))
        .select((irritants::opened_on, count_star()))
        .into_boxed();
    if let Some(condition) = condition(scope) {
        query = query.filter(condition);
    }
    Ok(query.load(conn)?)
}

/// What the history says happened to irritants in scope each day from `since`: openings,
/// resolutions, and the net change in how many are active.
pub fn day_changes(
    conn: &mut DbConnection,
    scope: &ListFilter,
    since: NaiveDate,
) -> DbResult<Vec<DayChanges>> {
    /// Openings, or changes from one status to another, that took effect on one day.
    #[derive(Queryable)]
    struct DayChangeRow {
        kind: String,
        effective_date: Option<NaiveDate>,
        before_value: Option<String>,
        after_value: Option<String>,
        /// How many history entries record it.
        count: i64,
    }
    // Over the whole portfolio the history's own index answers, in the order of its groups,
    // so nothing is sorted; a scope needs each entry's irritant.
    macro_rules! grouped_changes {
        ($source:expr) => {
            $source
                .filter(super::history::openings_and_status_changes())
                .filter(history::effective_date.ge(since))
                .group_by((
                    history::kind,
                    history::effective_date,
                    history::before_value,
                    history::after_value,
                ))
                .select((
                    history::kind,
                    history::effective_date,
                    history::before_value,
                    history::after_value,
                    count_star(),
                ))
                .into_boxed()
        };
    }
    // Over the whole portfolio, the history alone answers; a scope needs the irritants.
    let rows: Vec<DayChangeRow> = if condition(scope).is_none() {
        grouped_changes!(history::table).load(conn)?
    } else {
        let mut query = grouped_changes!(history::table.inner_join(irritants::table));
        if let Some(condition) =
            condition_over!(scope, InnerJoinQuerySource<history::table, irritants::table>)
        {
            query = query.filter(condition);
        }
        query.load(conn)?
    };
    let status = |day: NaiveDate, code: Option<String>| {
        let row = format_args!("the status changes of {day}");
        code.map(|code| stored("status", row, &code, Status::parse))
            .transpose()
    };
    let mut days: std::collections::BTreeMap<NaiveDate, DayChanges> = Default::default();
    for group in rows {
        let Some(day) = group.effective_date else {
            continue;
        };
        let changes = if group.kind == HistoryKind::Created.code() {
            DayChanges::created(day, group.count)
        } else {
            let before = status(day, group.before_value)?;
            let after = status(day, group.after_value)?;
            DayChanges::status_changed(day, before, after, group.count)
        };
        days.entry(day)
            .or_insert(DayChanges {
                day,
                ..DayChanges::default()
            })
            .add(&changes);
    }
    Ok(days.into_values().collect())
}

/// One directive and the irritants in scope it mandates, counted by status and RAG.
#[derive(Debug, Clone)]
pub struct DirectiveProgress {
    pub source_id: String,
    pub source_title: crate::domain::source::DocumentTitle,
    pub issued_on: Option<NaiveDate>,
    pub number: u32,
    pub counts: Vec<(Status, Option<Rag>, i64)>,
}

impl DirectiveProgress {
    pub fn total(&self) -> i64 {
        self.counts.iter().map(|(_, _, n)| n).sum()
    }

    pub fn with_status(&self, status: Status) -> i64 {
        self.counts
            .iter()
            .filter(|(s, _, _)| *s == status)
            .map(|(_, _, n)| n)
            .sum()
    }

    /// Irritants still being worked on whose latest RAG is `rag`.
    pub fn active_with_rag(&self, rag: Rag) -> i64 {
        self.counts
            .iter()
            .filter(|(s, r, _)| s.is_active() && *r == Some(rag))
            .map(|(_, _, n)| n)
            .sum()
    }
}

/// Every directive with the irritants in scope it mandates, newest document first.
pub fn directive_progress(
    conn: &mut DbConnection,
    scope: &ListFilter,
) -> DbResult<Vec<DirectiveProgress>> {
    #[derive(Queryable)]
    struct DirectiveRow {
        source_id: String,
        source_title: super::sources::SourceTitle,
        issued_on: Option<NaiveDate>,
        /// The number of the directive in its document.
        number: i32,
    }
    // Every directive, even one nobody has linked work to yet: that is news too.
    let mut directives: Vec<DirectiveProgress> = statements::table
        .inner_join(sources::table)
        .filter(statements::is_directive.eq(true))
        .order((
            sources::issued_on.is_null(),
            sources::issued_on.desc(),
            sources::id,
            statements::number,
        ))
        .select((
            sources::id,
            super::sources::title_columns(),
            sources::issued_on,
            statements::number,
        ))
        .load::<DirectiveRow>(conn)?
        .into_iter()
        .map(|directive| {
            Ok(DirectiveProgress {
                source_title: directive.source_title.into_title(&directive.source_id)?,
                source_id: directive.source_id,
                issued_on: directive.issued_on,
                number: directive.number as u32,
                counts: Vec::new(),
            })
        })
        .collect::<DbResult<_>>()?;
    /// The irritants in scope a directive mandates that have one status and RAG.
    #[derive(Queryable)]
    struct DirectiveCountRow {
        source_id: String,
        /// The number of the directive in its document.
        number: i32,
        status: String,
        rag: Option<String>,
        count: i64,
    }
    let rows = statement_links::table
        .inner_join(statements::table)
        .inner_join(irritants::table)
        .filter(statements::is_directive.eq(true))
        .group_by((
            statements::source_id,
            statements::number,
            irritants::status,
            irritants::rag,
        ))
        .select((
            statements::source_id,
            statements::number,
            irritants::status,
            irritants::rag,
            count_star(),
        ))
        .into_boxed();
    type Source = InnerJoinQuerySource<
        InnerJoinQuerySource<statement_links::table, statements::table>,
        irritants::table,
    >;
    let rows = match condition_over!(scope, Source) {
        Some(condition) => rows.filter(condition),
        None => rows,
    };
    let rows = rows.load::<DirectiveCountRow>(conn)?;
    for counted in rows {
        let row = format_args!(
            "the irritants mandated by §{} of source {}",
            counted.number, counted.source_id
        );
        let status = stored("status", row, &counted.status, Status::parse)?;
        let rag = counted
            .rag
            .map(|r| stored("RAG", row, &r, Rag::parse))
            .transpose()?;
        if let Some(directive) = directives
            .iter_mut()
            .find(|d| d.source_id == counted.source_id && d.number == counted.number as u32)
        {
            directive.counts.push((status, rag, counted.count));
        }
    }
    Ok(directives)
}

/// A change to an irritant in scope, with which irritant it was.
#[derive(Debug, Clone)]
pub struct RecentChange {
    pub reference: Reference,
    pub title: TitleText,
    pub entry: HistoryEntry,
}

/// The history of irritants in scope since `since`, of one kind of change or of every kind.
fn changes_since(
    scope: &ListFilter,
    since: NaiveDateTime,
    kind: Option<ChangeKind>,
) -> ChangesQuery<'static> {
    let rows = history::table
        .inner_join(people::table)
        .inner_join(irritants::table)
        .into_boxed()
        .filter(history::occurred_at.ge(since));
    let rows = match condition_over!(scope, ChangesSource) {
        Some(condition) => rows.filter(condition),
        None => rows,
    };
    let field = |name: &'static str| history::field.eq(name);
    let changed = HistoryKind::FieldChanged.code();
    match kind {
        None => rows,
        Some(ChangeKind::Created) => rows.filter(history::kind.eq(HistoryKind::Created.code())),
        Some(ChangeKind::Status) => {
            rows.filter(history::kind.eq(HistoryKind::StatusChanged.code()))
        }
        // Dates are stored as ISO text, which orders as the dates do; a first date is no slip.
        Some(ChangeKind::TargetLater) => rows
            .filter(history::kind.eq(changed))
            .filter(field("target_date"))
            .filter(history::after_value.gt(history::before_value)),
        Some(ChangeKind::Owner) => rows
            .filter(history::kind.eq(changed))
            .filter(field("owner")),
        Some(ChangeKind::Update) => rows.filter(history::kind.eq(HistoryKind::UpdateAdded.code())),
        Some(ChangeKind::Milestone) => rows.filter(history::kind.eq_any([
            HistoryKind::MilestoneAdded.code(),
            HistoryKind::MilestoneChanged.code(),
        ])),
    }
}

type ChangesSource =
    InnerJoinQuerySource<InnerJoinQuerySource<history::table, people::table>, irritants::table>;
type ChangesQuery<'a> = diesel::helper_types::IntoBoxed<
    'a,
    diesel::helper_types::InnerJoin<
        diesel::helper_types::InnerJoin<history::table, people::table>,
        irritants::table,
    >,
    super::DbBackend,
>;

/// How many changes of each kind irritants in scope have had since `since`, for the kinds
/// that have any.
pub fn change_counts(
    conn: &mut DbConnection,
    scope: &ListFilter,
    since: NaiveDateTime,
) -> DbResult<Vec<(ChangeKind, i64)>> {
    let mut counts = Vec::new();
    for &kind in ChangeKind::ALL {
        let count: i64 = changes_since(scope, since, Some(kind))
            .count()
            .get_result(conn)?;
        if count > 0 {
            counts.push((kind, count));
        }
    }
    Ok(counts)
}

/// A page of the changes to irritants in scope since `since` (of `kind`, or all), newest
/// first, and how many there are in all.
pub fn changes(
    conn: &mut DbConnection,
    scope: &ListFilter,
    (since, kind): (NaiveDateTime, Option<ChangeKind>),
    (page, page_size): (u32, u32),
) -> DbResult<(Vec<RecentChange>, i64)> {
    let total: i64 = changes_since(scope, since, kind).count().get_result(conn)?;
    let offset = i64::from(page.saturating_sub(1)) * i64::from(page_size);
    let latest = latest_changes(conn, scope, (since, kind), (offset, page_size))?;
    Ok((latest, total))
}

/// The changes to irritants in scope since `since` (of `kind`, or all), newest first, from
/// `offset`, at most `limit`.
fn latest_changes(
    conn: &mut DbConnection,
    scope: &ListFilter,
    (since, kind): (NaiveDateTime, Option<ChangeKind>),
    (offset, limit): (i64, u32),
) -> DbResult<Vec<RecentChange>> {
    #[derive(Queryable)]
    struct RecentChangeRow {
        irritant_id: String,
        reference: String,
        title: String,
        entry: super::history::EntryRow,
    }
    let rows = changes_since(scope, since, kind)
        .order((history::occurred_at.desc(), history::id.desc()))
        .limit(i64::from(limit))
        .offset(offset)
        .select((
            irritants::id,
            irritants::reference,
            irritants::title,
            super::history::EntryRow::as_select(),
        ))
        .load::<RecentChangeRow>(conn)?;
    let titles = super::irritants::titles_in_both(
        conn,
        rows.iter()
            .map(|row| (row.irritant_id.as_str(), row.title.as_str())),
    )?;
    rows.into_iter()
        .zip(titles)
        .map(|(change, title)| {
            let row = format_args!("the irritant of history entry {}", change.entry.id);
            Ok(RecentChange {
                reference: stored("reference", row, &change.reference, Reference::parse)?,
                title,
                entry: super::history::entry_from(change.entry)?,
            })
        })
        .collect()
}

/// A milestone not yet done, with its irritant.
#[derive(Debug, Clone)]
pub struct OpenMilestone {
    pub reference: Reference,
    pub irritant_title: TitleText,
    pub title: String,
    pub due_date: NaiveDate,
}

/// The milestones a person owns that are not done, on irritants in scope, soonest first.
pub fn milestones_of(
    conn: &mut DbConnection,
    scope: &ListFilter,
    person_id: &PersonId,
    limit: i64,
) -> DbResult<Vec<OpenMilestone>> {
    #[derive(Queryable)]
    struct OpenMilestoneRow {
        irritant_id: String,
        reference: String,
        irritant_title: String,
        title: String,
        due_date: NaiveDate,
    }
    let rows = milestones::table
        .inner_join(irritants::table)
        .into_boxed()
        .filter(milestones::owner_id.eq(person_id))
        .filter(milestones::state.eq_any(crate::domain::MilestoneState::open_codes()))
        .filter(irritants::status.eq_any(active_codes()));
    type Source = InnerJoinQuerySource<milestones::table, irritants::table>;
    let rows = match condition_over!(scope, Source) {
        Some(condition) => rows.filter(condition),
        None => rows,
    };
    let rows = rows
        .order((milestones::due_date, milestones::id))
        .limit(limit)
        .select((
            irritants::id,
            irritants::reference,
            irritants::title,
            milestones::title,
            milestones::due_date,
        ))
        .load::<OpenMilestoneRow>(conn)?;
    let titles = super::irritants::titles_in_both(
        conn,
        rows.iter()
            .map(|row| (row.irritant_id.as_str(), row.irritant_title.as_str())),
    )?;
    rows.into_iter()
        .zip(titles)
        .map(|(milestone, irritant_title)| {
            let row = format_args!("the irritant of milestone {:?}", milestone.title);
            Ok(OpenMilestone {
                reference: stored("reference", row, &milestone.reference, Reference::parse)?,
                irritant_title,
                title: milestone.title,
                due_date: milestone.due_date,
            })
        })
        .collect()
}

/// A headline figure: how many irritants, and the list that shows exactly those.
#[derive(Debug, Clone)]
pub struct Counted {
    pub figure: Figure,
    pub count: i64,
    /// The query string of the irritant list behind the figure.
    pub list_query: String,
}

/// A short list of irritants, how many there are in all, and the list that shows them all.
#[derive(Debug, Clone)]
pub struct WorkList {
    pub page: ListPage,
    pub list_query: String,
}

/// Everything the dashboard shows, for one scope and one person.
#[derive(Debug, Clone)]
pub struct Dashboard {
    pub figures: Vec<Counted>,
    pub breakdown: Breakdown,
    pub ageing: Vec<(AgeBand, i64)>,
    pub weeks: Vec<Week>,
    pub directives: Vec<DirectiveProgress>,
    pub needs_attention: WorkList,
    pub recent: Vec<RecentChange>,
    /// How many changes of each kind the last seven days saw.
    pub recent_counts: Vec<(ChangeKind, i64)>,
    pub mine: WorkList,
    pub my_milestones: Vec<OpenMilestone>,
    /// Later target dates awaiting a manager's decision, oldest first.
    pub pending_slips: Vec<super::slips::StoredSlip>,
}

/// How many weeks the chart of the portfolio over time covers: a year.
pub const WEEKS_SHOWN: u32 = 52;
/// How many irritants, changes and milestones each work list shows.
const WORK_LIST_LENGTH: u32 = 10;
/// How far back "changed lately" looks.
pub const RECENT_DAYS: i64 = 7;

/// The dashboard for `scope`, as `person_id` sees it; a scope that cannot be read comes back
/// as problems with its fields.
pub fn load(
    conn: &mut DbConnection,
    cache: &RegisterCache,
    reference_data: &ReferenceData,
    (scope, rules): (&DashboardScope, DashboardRules),
    person_id: &PersonId,
) -> DbResult<Result<Dashboard, FieldErrors>> {
    super::read_snapshot(conn, |conn| {
        load_in_snapshot(conn, cache, reference_data, (scope, rules), person_id)
    })
}

fn load_in_snapshot(
    conn: &mut DbConnection,
    cache: &RegisterCache,
    reference_data: &ReferenceData,
    (scope, rules): (&DashboardScope, DashboardRules),
    person_id: &PersonId,
) -> DbResult<Result<Dashboard, FieldErrors>> {
    let parse = |params: ListParams| params.parse(reference_data, rules.list);
    let everything = match parse(scope.list_params()) {
        Ok(filter) => filter,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut figures = Vec::new();
    for &figure in Figure::ALL {
        let filter = parse(figure.list_params(scope, rules)).expect("a figure's list is valid");
        figures.push(Counted {
            figure,
            count: count_matching(conn, cache, &filter)?,
            list_query: filter.canonical_params("").to_query_string(),
        });
    }
    let mut work_list = |mut params: ListParams, sort: ListSort| -> DbResult<WorkList> {
        params.sort = sort.code().to_owned();
        let filter = parse(params).expect("a work list is valid");
        Ok(WorkList {
            page: list(conn, cache, reference_data, &filter, WORK_LIST_LENGTH)?,
            list_query: filter.canonical_params("").to_query_string(),
        })
    };
    let needs_attention = work_list(
        ListParams {
            attention: "true".to_owned(),
            ..scope.list_params()
        },
        ListSort::Attention,
    )?;
    let mine = work_list(
        ListParams {
            owner: person_id.to_string(),
            active: "true".to_owned(),
            ..scope.list_params()
        },
        ListSort::TargetDate,
    )?;
    let today = rules.list.today;
    let first_week = first_week_start(today, WEEKS_SHOWN);
    let breakdown = breakdown(conn, &everything)?;
    let by_day = day_changes(conn, &everything, first_week)?;
    // History times are UTC: the last seven days are the last 168 hours.
    let recent_since = super::now() - chrono::Duration::days(RECENT_DAYS);
    Ok(Ok(Dashboard {
        figures,
        ageing: ageing(today, &active_by_opening_day(conn, &everything)?),
        weeks: weeks(today, WEEKS_SHOWN, breakdown.active(), &by_day),
        breakdown,
        directives: directive_progress(conn, &everything)?,
        needs_attention,
        // The dashboard shows counts by kind, not a total: the latest are read uncounted.
        recent: latest_changes(
            conn,
            &everything,
            (recent_since, None),
            (0, WORK_LIST_LENGTH),
        )?,
        recent_counts: change_counts(conn, &everything, recent_since)?,
        mine,
        my_milestones: milestones_of(conn, &everything, person_id, i64::from(WORK_LIST_LENGTH))?,
        pending_slips: super::slips::pending(conn, &everything, i64::from(WORK_LIST_LENGTH))?,
    }))
}
