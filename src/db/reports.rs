//! What a progress report is made from, read in a few set queries; the report itself is
//! worked out in `domain::report`. Also the issued reports, kept as they were issued.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::dsl::{count_star, max};
use diesel::prelude::*;

use super::filter::{active_codes, condition};
use super::progress::TextRow;
use super::schema::{
    history, irritants, issued_reports, people, progress_updates, sources, statement_links,
    statements,
};
use super::{DbConnection, DbError, DbResult, stored};
use crate::domain::bilingual::TitleText;
use crate::domain::history::HistoryKind;
use crate::domain::ids::{PersonId, ReportId};
use crate::domain::progress::UpdateText;
use crate::domain::report::{
    DirectiveRef, HistoryFact, IrritantFacts, ProgressReport, ReportFacts, ReportPeriod,
    ReportUpdate, StatusChangeFact, TargetChangeFact,
};
use crate::domain::{ListFilter, Priority, Rag, ReferenceData, Status};

/// Ids per query at most, well within both backends' limits on bound parameters.
const BATCH: usize = 500;

fn start_of(day: NaiveDate) -> chrono::NaiveDateTime {
    day.and_hms_opt(0, 0, 0).expect("midnight exists")
}

/// The facts of a report on the irritants `scope` selects over `period`; or, when that would
/// be more than `irritants_max`, how many it would be, found before anything but the
/// irritants themselves is read.
pub fn facts(
    conn: &mut DbConnection,
    people_data: &ReferenceData,
    scope: &ListFilter,
    period: ReportPeriod,
    irritants_max: usize,
) -> DbResult<Result<ReportFacts, usize>> {
    super::read_snapshot(conn, |conn| {
        facts_in_snapshot(conn, people_data, scope, period, irritants_max)
    })
}

fn facts_in_snapshot(
    conn: &mut DbConnection,
    people_data: &ReferenceData,
    scope: &ListFilter,
    period: ReportPeriod,
    irritants_max: usize,
) -> DbResult<Result<ReportFacts, usize>> {
    // Counted first, so that a report too large to make is refused without being read.
    let count: i64 = in_report(scope, period).count().get_result(conn)?;
    let count = usize::try_from(count).unwrap_or(usize::MAX);
    if count > irritants_max {
        return Ok(Err(count));
    }
    let rows = in_report(scope, period)
        .select(FactRow::as_select())
        .load(conn)?;
    let facts = facts_of_rows(conn, people_data, rows, period)?;
    Ok(Ok(ReportFacts {
        current_counts_at_start: current_counts(conn, scope, period.eve())?,
        current_counts_at_end: current_counts(conn, scope, period.to())?,
        ..facts
    }))
}

/// The facts of a report on one irritant over `period`, as its brief tells them: no counts
/// of the register, and no irritant when there is none with that id. (The caller reads them
/// in its snapshot.)
pub fn facts_of_irritant(
    conn: &mut DbConnection,
    people_data: &ReferenceData,
    irritant: &crate::domain::ids::IrritantId,
    period: ReportPeriod,
) -> DbResult<ReportFacts> {
    let rows = irritants::table
        .filter(irritants::id.eq(irritant.as_str()))
        .select(FactRow::as_select())
        .load(conn)?;
    facts_of_rows(conn, people_data, rows, period)
}

/// Everything a report tells of these irritants over `period`, but the register's counts.
fn facts_of_rows(
    conn: &mut DbConnection,
    people_data: &ReferenceData,
    rows: Vec<FactRow>,
    period: ReportPeriod,
) -> DbResult<ReportFacts> {
    // Everything else is read for these irritants only, a batch at a time: a report lists at
    // most a few thousand, and the register may hold a hundred times more.
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut directives: HashMap<String, Vec<DirectiveRef>> = HashMap::new();
    let mut status_changes: Vec<StatusChangeFact> = Vec::new();
    let mut target_changes: Vec<TargetChangeFact> = Vec::new();
    let mut other_changes: Vec<HistoryFact> = Vec::new();
    let mut updates: Vec<WrittenUpdate> = Vec::new();
    // The RAG each irritant's updates gave it by the eve of the period.
    let mut rag_at_start: HashMap<String, Rag> = HashMap::new();
    // The next steps and RAG in force at the period's end: those of each irritant's latest
    // update reported by then.
    let mut latest: HashMap<String, LatestUpdateRow> = HashMap::new();
    for batch in ids.chunks(BATCH) {
        for (irritant_id, directive) in directives_of(conn, batch)? {
            directives.entry(irritant_id).or_default().push(directive);
        }
        status_changes.extend(status_changes_of(conn, batch, period)?);
        target_changes.extend(target_changes_of(conn, batch, period)?);
        other_changes.extend(other_changes_of(conn, batch, period)?);
        updates.extend(updates_of(conn, batch, period)?);
        // In order, so the last of each irritant's stays.
        for row in latest_updates_of(conn, batch, period)? {
            if row.reported_on < period.from() {
                let at = format_args!("a progress update of irritant {}", row.irritant_id);
                rag_at_start.insert(
                    row.irritant_id.clone(),
                    stored("RAG", at, &row.rag, Rag::parse)?,
                );
            }
            latest.insert(row.irritant_id.clone(), row);
        }
    }
    // Oldest first across the batches, as the report shows them.
    updates.sort_by_key(|written| written.at);
    let titles = super::irritants::titles_in_both(
        conn,
        rows.iter().map(|row| (row.id.as_str(), row.title.as_str())),
    )?;
    let (irritants, latest_next_steps) = irritant_facts(
        rows.into_iter().zip(titles),
        directives,
        latest,
        people_data,
    )?;
    let status_reached_before = status_reached_before(conn, &status_changes, period)?;
    Ok(ReportFacts {
        irritants,
        status_changes,
        target_changes,
        other_changes,
        updates: updates.into_iter().map(|written| written.update).collect(),
        rag_at_start,
        latest_next_steps,
        status_reached_before,
        current_counts_at_start: Vec::new(),
        current_counts_at_end: Vec::new(),
    })
}

/// The irritants of a report: those in scope opened by its end and still being worked on,
/// opened within it, or touched since it began.
fn in_report(
    scope: &ListFilter,
    period: ReportPeriod,
) -> irritants::BoxedQuery<'static, super::DbBackend> {
    let since = start_of(period.from());
    // Anything recorded since the period began, or taking effect since: a status change is
    // never dated after the day it is recorded, but that day is local and the record's time
    // is UTC, so one may be recorded up to a day before the period it takes effect in. The
    // day before bounds the search on the history's time index.
    let touched = history::table
        .filter(history::occurred_at.ge(since - chrono::TimeDelta::days(1)))
        .filter(
            history::occurred_at
                .ge(since)
                .or(history::effective_date.ge(period.from())),
        )
        .select(history::irritant_id);
    let query = irritants::table
        .filter(irritants::opened_on.le(period.to()))
        .filter(
            irritants::status
                .eq_any(active_codes())
                .or(irritants::opened_on.ge(period.from()))
                .or(irritants::id.eq_any(touched)),
        )
        .into_boxed();
    match condition(scope) {
        Some(condition) => query.filter(condition),
        None => query,
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = irritants)]
struct FactRow {
    id: String,
    reference: String,
    title: String,
    counterpart: String,
    sector: String,
    priority: String,
    status: String,
    status_date: NaiveDate,
    owner_id: Option<String>,
    lead_department: Option<String>,
    target_date: Option<NaiveDate>,
    opened_on: NaiveDate,
}

/// The directives each irritant of `batch` answers, newest document first.
fn directives_of(
    conn: &mut DbConnection,
    batch: &[String],
) -> DbResult<Vec<(String, DirectiveRef)>> {
    #[derive(Queryable)]
    struct DirectiveLinkRow {
        irritant_id: String,
        source_id: String,
        source_title: super::sources::SourceTitle,
        /// The number of the directive in its document.
        number: i32,
    }
    let links = statement_links::table
        .inner_join(statements::table.inner_join(sources::table))
        .filter(statement_links::irritant_id.eq_any(batch))
        .filter(statements::is_directive.eq(true))
        .order((sources::issued_on.desc(), sources::id, statements::number))
        .select((
            statement_links::irritant_id,
            sources::id,
            super::sources::title_columns(),
            statements::number,
        ))
        .load::<DirectiveLinkRow>(conn)?;
    links
        .into_iter()
        .map(|link| {
            let title = link.source_title.into_title(&link.source_id)?;
            let directive = DirectiveRef {
                source_id: link.source_id,
                source_title: title.text,
                source_title_language: title.language.map(|l| l.tag().to_owned()),
                source_title_fr: title.french,
                number: link.number as u32,
            };
            Ok((link.irritant_id, directive))
        })
        .collect()
}

/// The status changes of `batch` taking effect from the period's first day on.
fn status_changes_of(
    conn: &mut DbConnection,
    batch: &[String],
    period: ReportPeriod,
) -> DbResult<Vec<StatusChangeFact>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = history)]
    struct StatusChangeRow {
        irritant_id: String,
        effective_date: Option<NaiveDate>,
        /// Orders changes that take effect the same day: later entries have higher ids.
        id: i64,
        before_value: Option<String>,
        after_value: Option<String>,
        summary: String,
    }
    let changes = history::table
        .filter(history::irritant_id.eq_any(batch))
        .filter(history::kind.eq(HistoryKind::StatusChanged.code()))
        .filter(history::effective_date.ge(period.from()))
        .select(StatusChangeRow::as_select())
        .load(conn)?;
    let mut facts = Vec::with_capacity(changes.len());
    for change in changes {
        let row = format_args!("the status changes of irritant {}", change.irritant_id);
        let status = |raw: Option<String>| {
            raw.map(|raw| stored("status", row, &raw, Status::parse))
                .transpose()
        };
        let (before, after) = (status(change.before_value)?, status(change.after_value)?);
        // The filter on the effective date leaves none without one; a change to no status
        // is not a change.
        if let (Some(effective), Some(after)) = (change.effective_date, after) {
            facts.push(StatusChangeFact {
                irritant_id: change.irritant_id,
                effective,
                order: change.id,
                before,
                after,
                detail: change.summary,
            });
        }
    }
    Ok(facts)
}

/// The target dates of `batch` changed from the period's first day on.
fn target_changes_of(
    conn: &mut DbConnection,
    batch: &[String],
    period: ReportPeriod,
) -> DbResult<Vec<TargetChangeFact>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = history)]
    struct TargetChangeRow {
        irritant_id: String,
        occurred_at: chrono::NaiveDateTime,
        /// Orders changes made the same day: later entries have higher ids.
        id: i64,
        before_value: Option<String>,
        after_value: Option<String>,
        summary: String,
    }
    let changes = history::table
        .filter(history::irritant_id.eq_any(batch))
        .filter(history::kind.eq(HistoryKind::FieldChanged.code()))
        .filter(history::field.eq("target_date"))
        .filter(history::occurred_at.ge(start_of(period.from())))
        .select(TargetChangeRow::as_select())
        .load(conn)?;
    changes
        .into_iter()
        .map(|change| {
            let row = format_args!("the target date changes of irritant {}", change.irritant_id);
            let day = |raw: Option<String>| {
                raw.map(|raw| stored("target date", row, &raw, str::parse::<NaiveDate>))
                    .transpose()
            };
            Ok(TargetChangeFact {
                on: change.occurred_at.date(),
                order: change.id,
                before: day(change.before_value)?,
                after: day(change.after_value)?,
                reason: change.summary,
                irritant_id: change.irritant_id,
            })
        })
        .collect()
}

/// The milestones of `batch` added or changed, and the statements linked to them, from the
/// period's first day on.
fn other_changes_of(
    conn: &mut DbConnection,
    batch: &[String],
    period: ReportPeriod,
) -> DbResult<Vec<HistoryFact>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = history)]
    struct ChangeRow {
        irritant_id: String,
        occurred_at: chrono::NaiveDateTime,
        id: i64,
        kind: String,
        field: Option<String>,
        before_value: Option<String>,
        after_value: Option<String>,
        summary: String,
    }
    let kinds = [
        HistoryKind::MilestoneAdded,
        HistoryKind::MilestoneChanged,
        HistoryKind::StatementLinked,
    ]
    .map(HistoryKind::code);
    let changes = history::table
        .filter(history::irritant_id.eq_any(batch))
        .filter(history::kind.eq_any(kinds))
        .filter(history::occurred_at.ge(start_of(period.from())))
        .select(ChangeRow::as_select())
        .load(conn)?;
    changes
        .into_iter()
        .map(|change| {
            let row = format_args!("the history of irritant {}", change.irritant_id);
            Ok(HistoryFact {
                kind: stored("kind", row, &change.kind, HistoryKind::parse)?,
                on: change.occurred_at.date(),
                order: change.id,
                field: change.field,
                before: change.before_value,
                after: change.after_value,
                summary: change.summary,
                irritant_id: change.irritant_id,
            })
        })
        .collect()
}

/// A progress update reported in the period, and when it was reported and written, which
/// orders the updates of all the batches.
struct WrittenUpdate {
    at: (NaiveDate, chrono::NaiveDateTime),
    update: ReportUpdate,
}

fn updates_of(
    conn: &mut DbConnection,
    batch: &[String],
    period: ReportPeriod,
) -> DbResult<Vec<WrittenUpdate>> {
    #[derive(Queryable)]
    struct WrittenUpdateRow {
        irritant_id: String,
        reported_on: NaiveDate,
        created_at: chrono::NaiveDateTime,
        rag: String,
        text: TextRow,
        author_name: String,
    }
    let written = progress_updates::table
        .inner_join(people::table)
        .filter(progress_updates::irritant_id.eq_any(batch))
        .filter(progress_updates::reported_on.between(period.from(), period.to()))
        .select((
            progress_updates::irritant_id,
            progress_updates::reported_on,
            progress_updates::created_at,
            progress_updates::rag,
            TextRow::as_select(),
            people::display_name,
        ))
        .load::<WrittenUpdateRow>(conn)?;
    written
        .into_iter()
        .map(|update| {
            let row = format_args!("a progress update of irritant {}", update.irritant_id);
            Ok(WrittenUpdate {
                at: (update.reported_on, update.created_at),
                update: ReportUpdate {
                    rag: stored("RAG", row, &update.rag, Rag::parse)?,
                    text: update.text.into_text(&update.irritant_id)?,
                    irritant_id: update.irritant_id,
                    reported_on: update.reported_on,
                    author: update.author_name,
                },
            })
        })
        .collect()
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = progress_updates)]
struct LatestUpdateRow {
    irritant_id: String,
    reported_on: NaiveDate,
    #[diesel(embed)]
    text: TextRow,
    rag: String,
}

/// The updates of `batch` reported by the period's end, each irritant's in the order they
/// were reported and written.
fn latest_updates_of(
    conn: &mut DbConnection,
    batch: &[String],
    period: ReportPeriod,
) -> DbResult<Vec<LatestUpdateRow>> {
    Ok(progress_updates::table
        .filter(progress_updates::irritant_id.eq_any(batch))
        .filter(progress_updates::reported_on.le(period.to()))
        .order((
            progress_updates::irritant_id,
            progress_updates::reported_on,
            progress_updates::created_at,
        ))
        .select(LatestUpdateRow::as_select())
        .load(conn)?)
}

/// Each irritant's facts, with its directives, and the RAG and next steps of its latest
/// update by the period's end (which replace today's RAG); and those next steps by irritant.
fn irritant_facts(
    rows: impl ExactSizeIterator<Item = (FactRow, TitleText)>,
    mut directives: HashMap<String, Vec<DirectiveRef>>,
    mut latest: HashMap<String, LatestUpdateRow>,
    people_data: &ReferenceData,
) -> DbResult<(Vec<IrritantFacts>, HashMap<String, UpdateText>)> {
    let mut latest_next_steps = HashMap::with_capacity(latest.len());
    let mut irritants = Vec::with_capacity(rows.len());
    for (fact, title) in rows {
        let row = format_args!("irritant {}", fact.id);
        let rag = match latest.remove(&fact.id) {
            Some(update) => {
                latest_next_steps.insert(fact.id.clone(), update.text.into_text(&fact.id)?);
                let row = format_args!("the latest progress update of irritant {}", fact.id);
                Some(stored("RAG", row, &update.rag, Rag::parse)?)
            }
            None => None,
        };
        irritants.push(IrritantFacts {
            title,
            directives: directives.remove(&fact.id).unwrap_or_default(),
            priority: stored("priority", row, &fact.priority, Priority::parse)?,
            status: stored("status", row, &fact.status, Status::parse)?,
            rag,
            owner: fact.owner_id.and_then(|o| {
                people_data
                    .person_by_id(&PersonId::from(o))
                    .map(|p| p.name.clone())
            }),
            id: fact.id,
            reference: fact.reference,
            counterpart: fact.counterpart,
            sector: fact.sector,
            status_since: fact.status_date,
            department: fact.lead_department,
            target_date: fact.target_date,
            opened_on: fact.opened_on,
        });
    }
    Ok((irritants, latest_next_steps))
}

/// When the status held on the eve of the period was reached, for those whose status
/// changed since: their last change before the period.
fn status_reached_before(
    conn: &mut DbConnection,
    status_changes: &[StatusChangeFact],
    period: ReportPeriod,
) -> DbResult<HashMap<String, NaiveDate>> {
    #[derive(Queryable)]
    struct LastChangeRow {
        irritant_id: String,
        /// The day its last status change before the period took effect.
        effective_date: Option<NaiveDate>,
    }
    let changed: Vec<String> = status_changes
        .iter()
        .map(|c| c.irritant_id.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut reached = HashMap::new();
    for batch in changed.chunks(BATCH) {
        let rows = history::table
            .filter(history::irritant_id.eq_any(batch))
            .filter(history::kind.eq(HistoryKind::StatusChanged.code()))
            .filter(history::effective_date.lt(period.from()))
            .group_by(history::irritant_id)
            .select((history::irritant_id, max(history::effective_date)))
            .load::<LastChangeRow>(conn)?;
        reached.extend(
            rows.into_iter()
                .filter_map(|row| Some((row.irritant_id, row.effective_date?))),
        );
    }
    Ok(reached)
}

/// Irritants in scope opened by `day`, by their current status.
fn current_counts(
    conn: &mut DbConnection,
    scope: &ListFilter,
    day: NaiveDate,
) -> DbResult<Vec<(Status, i64)>> {
    #[derive(Queryable)]
    struct StatusCountRow {
        status: String,
        count: i64,
    }
    let mut query = irritants::table
        .filter(irritants::opened_on.le(day))
        .group_by(irritants::status)
        .select((irritants::status, count_star()))
        .into_boxed();
    if let Some(condition) = condition(scope) {
        query = query.filter(condition);
    }
    query
        .load::<StatusCountRow>(conn)?
        .into_iter()
        .map(|counted| {
            let row = "the irritants counted by status";
            let status = stored("status", row, &counted.status, Status::parse)?;
            Ok((status, counted.count))
        })
        .collect()
}

/// An issued report, as listed.
#[derive(Debug, Clone)]
pub struct IssuedSummary {
    pub id: ReportId,
    pub issued_by: String,
    pub issued_at: chrono::NaiveDateTime,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The scope as a query string (`counterpart=CN&...`), empty for the whole portfolio.
    pub scope: String,
    pub row_count: i32,
}

/// An issued report with its content, exactly as issued.
#[derive(Debug, Clone)]
pub struct IssuedReport {
    pub summary: IssuedSummary,
    pub report: ProgressReport,
}

/// An issued report as listed, as [`ISSUED_COLUMNS`] selects it.
#[derive(Queryable)]
struct IssuedRow {
    id: String,
    /// The name of the person who issued it.
    issued_by: String,
    issued_at: chrono::NaiveDateTime,
    period_from: NaiveDate,
    period_to: NaiveDate,
    scope: String,
    row_count: i32,
}

fn issued_summary(row: IssuedRow) -> IssuedSummary {
    IssuedSummary {
        id: row.id.into(),
        issued_by: row.issued_by,
        issued_at: row.issued_at,
        from: row.period_from,
        to: row.period_to,
        scope: row.scope,
        row_count: row.row_count,
    }
}

/// Freezes `report` as issued by `person_id`; returns the issued report's id.
pub fn issue(
    conn: &mut DbConnection,
    report: &ProgressReport,
    scope: &str,
    person_id: &PersonId,
) -> DbResult<ReportId> {
    let id = ReportId::generate();
    let content = serde_json::to_string(report)
        .map_err(|e| DbError::Corrupt(format!("a report that cannot be written: {e}")))?;
    diesel::insert_into(issued_reports::table)
        .values((
            issued_reports::id.eq(&id),
            issued_reports::issued_by.eq(person_id),
            issued_reports::issued_at.eq(super::now()),
            issued_reports::period_from.eq(report.from),
            issued_reports::period_to.eq(report.to),
            issued_reports::grouping.eq(report.grouping.code()),
            issued_reports::scope.eq(scope),
            issued_reports::row_count.eq(report.row_count() as i32),
            issued_reports::content.eq(content),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Issued reports, newest first, at most `limit`.
pub fn issued(conn: &mut DbConnection, limit: i64) -> DbResult<Vec<IssuedSummary>> {
    Ok(issued_reports::table
        .inner_join(people::table)
        .order((issued_reports::issued_at.desc(), issued_reports::id.desc()))
        .limit(limit)
        .select(ISSUED_COLUMNS)
        .load::<IssuedRow>(conn)?
        .into_iter()
        .map(issued_summary)
        .collect())
}

const ISSUED_COLUMNS: (
    issued_reports::id,
    people::display_name,
    issued_reports::issued_at,
    issued_reports::period_from,
    issued_reports::period_to,
    issued_reports::scope,
    issued_reports::row_count,
) = (
    issued_reports::id,
    people::display_name,
    issued_reports::issued_at,
    issued_reports::period_from,
    issued_reports::period_to,
    issued_reports::scope,
    issued_reports::row_count,
);

/// One issued report, with the one issued before it for the same scope, if any.
/// An issued report's content, as frozen in JSON.
fn stored_report(id: &str, content: &str) -> DbResult<ProgressReport> {
    serde_json::from_str(content).map_err(|e| DbError::Corrupt(format!("issued report {id}: {e}")))
}

/// The report issued last for `scope` on a period ending by `to`, if any: what a report to
/// `to` is compared with.
pub fn latest_issued(
    conn: &mut DbConnection,
    scope: &str,
    to: NaiveDate,
) -> DbResult<Option<ProgressReport>> {
    let latest: Option<(String, String)> = issued_reports::table
        .filter(issued_reports::scope.eq(scope))
        .filter(issued_reports::period_to.le(to))
        .order((issued_reports::issued_at.desc(), issued_reports::id.desc()))
        .select((issued_reports::id, issued_reports::content))
        .first(conn)
        .optional()?;
    latest
        .map(|(id, content)| stored_report(&id, &content))
        .transpose()
}

/// An issued report that holds exactly what `report`, made for `scope`, holds, if there is one.
pub fn identical(
    conn: &mut DbConnection,
    report: &ProgressReport,
    scope: &str,
) -> DbResult<Option<IssuedSummary>> {
    let same_period_and_scope: Vec<(IssuedRow, String)> = issued_reports::table
        .inner_join(people::table)
        .filter(issued_reports::scope.eq(scope))
        .filter(issued_reports::period_from.eq(report.from))
        .filter(issued_reports::period_to.eq(report.to))
        .order(issued_reports::issued_at.desc())
        .select((ISSUED_COLUMNS, issued_reports::content))
        .load(conn)?;
    for (row, content) in same_period_and_scope {
        let issued = stored_report(&row.id, &content)?;
        if report.same_content(&issued) {
            return Ok(Some(issued_summary(row)));
        }
    }
    Ok(None)
}

/// An issued report, the one it is compared with, and the others of its scope to choose from.
#[derive(Debug, Clone)]
pub struct IssuedForReading {
    pub current: IssuedReport,
    /// The one asked for, or else the one issued last before it for the same scope.
    pub compared: Option<IssuedReport>,
    /// The other reports issued for the same scope, newest first.
    pub others: Vec<IssuedSummary>,
}

/// How many reports of one scope a report may be chosen to be compared with.
const COMPARED_LISTED: i64 = 50;

/// The issued report `id`, with the one it is compared with: `compare_with` if given (it must
/// be of the same scope), else the previous one.
pub fn find_issued(
    conn: &mut DbConnection,
    id: &ReportId,
    compare_with: Option<&ReportId>,
) -> DbResult<IssuedForReading> {
    /// An issued report with its content, the report as issued in JSON.
    #[derive(Queryable)]
    struct IssuedContentRow {
        summary: IssuedRow,
        content: String,
    }
    let read = |row: IssuedContentRow| -> DbResult<IssuedReport> {
        let report = stored_report(&row.summary.id, &row.content)?;
        Ok(IssuedReport {
            summary: issued_summary(row.summary),
            report,
        })
    };
    let row = issued_reports::table
        .inner_join(people::table)
        .filter(issued_reports::id.eq(id))
        .select((ISSUED_COLUMNS, issued_reports::content))
        .first::<IssuedContentRow>(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    let current = read(row)?;
    let same_scope = || {
        issued_reports::table
            .inner_join(people::table)
            .filter(issued_reports::scope.eq(current.summary.scope.clone()))
            .filter(issued_reports::id.ne(current.summary.id.as_str().to_owned()))
    };
    let compared = match compare_with {
        Some(chosen) => Some(
            same_scope()
                .filter(issued_reports::id.eq(chosen.as_str()))
                .select((ISSUED_COLUMNS, issued_reports::content))
                .first::<IssuedContentRow>(conn)
                .optional()?
                .ok_or(DbError::NotFound)?,
        ),
        None => same_scope()
            .filter(
                issued_reports::issued_at.lt(current.summary.issued_at).or(
                    issued_reports::issued_at
                        .eq(current.summary.issued_at)
                        .and(issued_reports::id.lt(&current.summary.id)),
                ),
            )
            .order((issued_reports::issued_at.desc(), issued_reports::id.desc()))
            .select((ISSUED_COLUMNS, issued_reports::content))
            .first::<IssuedContentRow>(conn)
            .optional()?,
    };
    let others = same_scope()
        .order((issued_reports::issued_at.desc(), issued_reports::id.desc()))
        .limit(COMPARED_LISTED)
        .select(ISSUED_COLUMNS)
        .load::<IssuedRow>(conn)?
        .into_iter()
        .map(issued_summary)
        .collect();
    Ok(IssuedForReading {
        compared: compared.map(read).transpose()?,
        others,
        current,
    })
}

/// Deletes an issued report; the caller records who did.
pub fn delete_issued(conn: &mut DbConnection, id: &ReportId) -> DbResult<IssuedSummary> {
    let summary = issued_reports::table
        .inner_join(people::table)
        .filter(issued_reports::id.eq(id))
        .select(ISSUED_COLUMNS)
        .first::<IssuedRow>(conn)
        .optional()?
        .map(issued_summary)
        .ok_or(DbError::NotFound)?;
    diesel::delete(issued_reports::table.filter(issued_reports::id.eq(id))).execute(conn)?;
    Ok(summary)
}
