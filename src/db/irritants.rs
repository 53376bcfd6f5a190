//! Irritants: the list, one irritant, and the changes that make their history.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::helper_types::InnerJoinQuerySource;
use diesel::prelude::*;

use super::cache::RegisterCache;
use super::filter::{Condition, active_codes, clause, filtered};
use super::history::{record, record_all};
use super::schema::{
    irritant_languages, irritant_links, irritant_products, irritants, milestones, people,
};
use super::{DbBackend, DbConnection, DbError, DbResult, now, stored};
use crate::domain::CalendarDate;
use crate::domain::bilingual::TitleText;
use crate::domain::duplicate::{Likeness, MOST_SHOWN, matter_words, similar_titles};
use crate::domain::history::{ChangeRecord, HistoryKind};
use crate::domain::ids::{IrritantId, PersonId};
use crate::domain::search::searchable;

use crate::domain::Department;
use crate::domain::listing::{AttentionFacts, AttentionReason, ListRules};
use crate::domain::refusal::Refusal;
use crate::domain::slip::Slip;
use crate::domain::{
    ActionHolder, ClosureReason, CountryCode, Direction, Irritant, IrritantFields, LinkKind,
    ListFilter, ListSort, MeasureType, MilestoneState, OfficialLanguage, Priority, Product, Rag,
    Reference, ReferenceData, Sector, Status, StatusChange, StatusState, Title, TradeValue,
};

#[derive(Queryable, Selectable)]
#[diesel(table_name = irritants)]
struct IrritantRow {
    id: String,
    reference: String,
    title: String,
    summary: String,
    counterpart: String,
    direction: String,
    sector: String,
    measure_type: String,
    measure: String,
    in_force_since: Option<NaiveDate>,
    status: String,
    status_date: NaiveDate,
    status_note: String,
    closure_reason: Option<String>,
    priority: String,
    action_holder: String,
    rag: Option<String>,
    owner_id: Option<String>,
    lead_department: Option<String>,
    team: String,
    target_date: Option<NaiveDate>,
    trade_value_cents: Option<i64>,
    trade_value_year: Option<i32>,
    trade_value_source: String,
    last_progress_on: Option<NaiveDate>,
    version: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// The languages of an irritant written in French or given a rendering in the other language.
#[derive(Queryable, Selectable)]
#[diesel(table_name = irritant_languages)]
struct LanguagesRow {
    irritant_id: String,
    written_in: String,
    title_translation: String,
    summary_translation: String,
}

impl LanguagesRow {
    fn language(&self) -> DbResult<OfficialLanguage> {
        let row = format_args!("irritant {}", self.irritant_id);
        stored("language", row, &self.written_in, OfficialLanguage::parse)
    }
}

impl IrritantRow {
    /// The irritant, with its products and its languages (none: written in English only).
    fn into_irritant(
        self,
        products: Vec<Product>,
        languages: Option<&LanguagesRow>,
    ) -> DbResult<Irritant> {
        let id = self.id.as_str();
        let row = format_args!("irritant {id}");
        let (language, title_translation, summary_translation) = match languages {
            Some(languages) => (
                languages.language()?,
                stored(
                    "translated title",
                    row,
                    &languages.title_translation,
                    Title::parse_optional,
                )?,
                languages.summary_translation.clone(),
            ),
            None => (OfficialLanguage::English, None, String::new()),
        };
        let trade_value = match (self.trade_value_cents, self.trade_value_year) {
            (Some(cents), Some(year)) => Some(
                TradeValue::from_stored(cents, year, self.trade_value_source.clone())
                    .ok_or_else(|| DbError::Corrupt(format!("irritant {id}: trade value")))?,
            ),
            _ => None,
        };
        let fields = IrritantFields {
            language,
            title: stored("title", row, &self.title, Title::parse)?,
            summary: self.summary.clone(),
            title_translation,
            summary_translation,
            counterpart: stored("counterpart", row, &self.counterpart, CountryCode::parse)?,
            direction: stored("direction", row, &self.direction, Direction::parse)?,
            sector: stored("sector", row, &self.sector, Sector::parse)?,
            products,
            measure_type: stored("measure type", row, &self.measure_type, MeasureType::parse)?,
            measure: self.measure.clone(),
            in_force_since: self
                .in_force_since
                .map(|d| stored("date in force", row, &d.to_string(), CalendarDate::parse))
                .transpose()?,
            priority: stored("priority", row, &self.priority, Priority::parse)?,
            action_holder: stored(
                "action holder",
                row,
                &self.action_holder,
                ActionHolder::parse,
            )?,
            owner: self.owner_id.clone().map(PersonId::from),
            lead_department: self.lead_department.clone(),
            team: self.team.clone(),
            target_date: self
                .target_date
                .map(|d| stored("target date", row, &d.to_string(), CalendarDate::parse))
                .transpose()?,
            trade_value,
        };
        Ok(Irritant {
            reference: stored("reference", row, &self.reference, Reference::parse)?,
            status: StatusState {
                status: stored("status", row, &self.status, Status::parse)?,
                since: self.status_date,
                note: self.status_note.clone(),
                closure_reason: self
                    .closure_reason
                    .as_deref()
                    .map(|r| stored("closure reason", row, r, ClosureReason::parse))
                    .transpose()?,
            },
            rag: self
                .rag
                .as_deref()
                .map(|r| stored("RAG", row, r, Rag::parse))
                .transpose()?,
            last_progress_on: self.last_progress_on,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
            fields,
            id: self.id.into(),
        })
    }
}

/// The most values an irritant's row binds: the table's columns.
pub(super) const COLUMNS: usize = 33;

/// The columns an irritant's facts occupy; shared by creation and editing.
#[derive(AsChangeset, Insertable)]
// `treat_none_as_default_value = false`: a missing value is written NULL (every such column's
// default), not `DEFAULT`, which SQLite cannot take in a multi-row insert: with it, diesel
// would write a batch of irritants a row at a time, and FTS5 would write out a piece of its
// search index for each (it does so at the start of every statement).
#[diesel(table_name = irritants, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(super) struct FieldColumns<'a> {
    title: &'a str,
    summary: &'a str,
    counterpart: &'a str,
    direction: &'static str,
    sector: &'static str,
    measure_type: &'static str,
    measure: &'a str,
    in_force_since: Option<NaiveDate>,
    priority: &'static str,
    priority_rank: i32,
    action_holder: &'static str,
    owner_id: Option<&'a str>,
    lead_department: Option<&'a str>,
    team: &'a str,
    target_date: Option<NaiveDate>,
    trade_value_cents: Option<i64>,
    trade_value_year: Option<i32>,
    trade_value_source: &'a str,
    search_text: String,
}

impl<'a> FieldColumns<'a> {
    pub(super) fn new(fields: &'a IrritantFields, reference: &Reference) -> Self {
        let trade_value = fields.trade_value.as_ref();
        Self {
            title: fields.title.as_str(),
            summary: &fields.summary,
            counterpart: fields.counterpart.as_str(),
            direction: fields.direction.code(),
            sector: fields.sector.code(),
            measure_type: fields.measure_type.code(),
            measure: &fields.measure,
            in_force_since: fields.in_force_since.map(CalendarDate::get),
            priority: fields.priority.code(),
            priority_rank: fields.priority.rank(),
            action_holder: fields.action_holder.code(),
            owner_id: fields.owner.as_ref().map(PersonId::as_str),
            lead_department: fields.lead_department.as_deref(),
            team: &fields.team,
            target_date: fields.target_date.map(CalendarDate::get),
            trade_value_cents: trade_value.map(TradeValue::cents),
            trade_value_year: trade_value.map(TradeValue::year),
            trade_value_source: trade_value.map_or("", TradeValue::source),
            search_text: fields.search_text(reference),
        }
    }
}

/// Loads one irritant by reference.
pub fn find(conn: &mut DbConnection, reference: &Reference) -> DbResult<Irritant> {
    let row = irritants::table
        .filter(irritants::reference.eq(reference.to_string()))
        .select(IrritantRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    let id = IrritantId::from(row.id.clone());
    let products = products_of(conn, &id)?;
    let languages = languages_of(conn, &[id.as_str()])?;
    row.into_irritant(products, languages.get(id.as_str()))
}

/// The languages row of each of these irritants that has one, by irritant id.
fn languages_of(
    conn: &mut DbConnection,
    ids: &[&str],
) -> DbResult<std::collections::HashMap<String, LanguagesRow>> {
    Ok(irritant_languages::table
        .filter(irritant_languages::irritant_id.eq_any(ids))
        .select(LanguagesRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|row| (row.irritant_id.clone(), row))
        .collect())
}

/// The language of each of these irritants' titles and the title's rendering in the other
/// official language, by irritant id, for those written in French or given a rendering.
fn title_languages(
    conn: &mut DbConnection,
    ids: &[&str],
) -> DbResult<std::collections::HashMap<String, (OfficialLanguage, String)>> {
    // The title's rendering alone: lists and reports have no use for the summary's.
    let rows: Vec<(String, String, String)> = irritant_languages::table
        .filter(irritant_languages::irritant_id.eq_any(ids))
        .select((
            irritant_languages::irritant_id,
            irritant_languages::written_in,
            irritant_languages::title_translation,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(irritant_id, written_in, translation)| {
            let row = format_args!("irritant {irritant_id}");
            let language = stored("language", row, &written_in, OfficialLanguage::parse)?;
            Ok((irritant_id, (language, translation)))
        })
        .collect()
}

/// The titles of irritants, given as `(id, title)`, each with its language and rendering, in
/// the order given. Read a slice at a time, within every backend's limit on a statement's
/// parameters: a report may name thousands.
pub(super) fn titles_in_both<'a>(
    conn: &mut DbConnection,
    titles: impl Iterator<Item = (&'a str, &'a str)>,
) -> DbResult<Vec<TitleText>> {
    const SLICE: usize = 500;
    let titles: Vec<(&str, &str)> = titles.collect();
    let ids: Vec<&str> = titles.iter().map(|(id, _)| *id).collect();
    let mut languages = std::collections::HashMap::new();
    for slice in ids.chunks(SLICE) {
        languages.extend(title_languages(conn, slice)?);
    }
    Ok(titles
        .into_iter()
        .map(|(id, text)| {
            let (language, translation) = languages.remove(id).unwrap_or_default();
            TitleText {
                text: text.to_owned(),
                language,
                translation,
            }
        })
        .collect())
}

/// Stores the language of an irritant's title and summary and their renderings: a row when
/// there is something to say, none for text written in English only.
pub(super) fn replace_languages(
    conn: &mut DbConnection,
    irritant_id: &IrritantId,
    fields: &IrritantFields,
) -> DbResult<()> {
    diesel::delete(
        irritant_languages::table.filter(irritant_languages::irritant_id.eq(irritant_id)),
    )
    .execute(conn)?;
    if let Some(columns) = LanguagesColumns::new(fields) {
        diesel::insert_into(irritant_languages::table)
            .values((irritant_languages::irritant_id.eq(irritant_id), columns))
            .execute(conn)?;
    }
    Ok(())
}

/// An irritant's languages row, but its id: none for one written in English with no
/// version in French, which needs no row.
#[derive(Clone, Insertable)]
#[diesel(table_name = irritant_languages)]
pub(super) struct LanguagesColumns<'a> {
    written_in: &'static str,
    title_translation: &'a str,
    summary_translation: &'a str,
}

impl<'a> LanguagesColumns<'a> {
    pub(super) fn new(fields: &'a IrritantFields) -> Option<Self> {
        let title_translation = fields.title_translation.as_ref().map_or("", Title::as_str);
        let english_only = fields.language == OfficialLanguage::English
            && title_translation.is_empty()
            && fields.summary_translation.is_empty();
        (!english_only).then_some(Self {
            written_in: fields.language.code(),
            title_translation,
            summary_translation: &fields.summary_translation,
        })
    }
}

fn products_of(conn: &mut DbConnection, irritant_id: &IrritantId) -> DbResult<Vec<Product>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = irritant_products)]
    struct ProductRow {
        hs_code: String,
        label: String,
    }
    irritant_products::table
        .filter(irritant_products::irritant_id.eq(irritant_id))
        .order(irritant_products::position)
        .select(ProductRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|product| {
            let row = format_args!("the products of irritant {irritant_id}");
            stored("product code", row, &product.hs_code, |code| {
                Product::new(code, &product.label)
            })
        })
        .collect()
}

pub(super) fn replace_products(
    conn: &mut DbConnection,
    irritant_id: &IrritantId,
    products: &[Product],
) -> DbResult<()> {
    diesel::delete(irritant_products::table.filter(irritant_products::irritant_id.eq(irritant_id)))
        .execute(conn)?;
    if !products.is_empty() {
        let rows: Vec<_> = ProductColumns::of(irritant_id, products).collect();
        super::insert_many!(conn, irritant_products::table, rows)?;
    }
    Ok(())
}

/// An irritant's product as its row.
#[derive(Clone, Insertable)]
#[diesel(table_name = irritant_products)]
pub(super) struct ProductColumns<'a> {
    irritant_id: &'a str,
    position: i32,
    hs_code: String,
    label: &'a str,
}

impl<'a> ProductColumns<'a> {
    pub(super) const COLUMNS: usize = 4;

    /// The rows of `irritant_id`'s products, in their order.
    pub(super) fn of(
        irritant_id: &'a IrritantId,
        products: &'a [Product],
    ) -> impl Iterator<Item = Self> + 'a {
        products
            .iter()
            .enumerate()
            .map(move |(position, product)| Self {
                irritant_id: irritant_id.as_str(),
                position: position as i32,
                hs_code: product.hs_code.to_string(),
                label: &product.label,
            })
    }
}

/// Reserves `count` consecutive reference numbers of `year` and returns the first. The counter
/// row's update serialises concurrent creations on both backends, so no two irritants ever get
/// the same reference.
pub(super) fn reserve_references(conn: &mut DbConnection, year: i32, count: i32) -> DbResult<i32> {
    use super::schema::reference_counters as counters;
    let bumped = diesel::update(counters::table.filter(counters::year.eq(year)))
        .set(counters::last_number.eq(counters::last_number + count))
        .execute(conn)?;
    if bumped == 0 {
        diesel::insert_into(counters::table)
            .values((counters::year.eq(year), counters::last_number.eq(count)))
            .execute(conn)?;
    }
    let last: i32 = counters::table
        .filter(counters::year.eq(year))
        .select(counters::last_number)
        .first(conn)?;
    Ok(last - count + 1)
}

/// Records a new irritant, opened on `opened_on` (whose year its reference carries), and its
/// first history entry. Two writers taking the year's next number at once cannot both commit:
/// the counter's unique key refuses the second, whose action then runs again.
pub fn insert(
    conn: &mut DbConnection,
    fields: &IrritantFields,
    opened_on: NaiveDate,
    actor_id: &PersonId,
) -> DbResult<Recorded> {
    let year = opened_on.year();
    let number = reserve_references(conn, year, 1)?;
    let reference = Reference::new(year, number as u32)
        .ok_or_else(|| DbError::Corrupt(format!("reference counter {year} = {number}")))?;
    let mut created = ChangeRecord::new(HistoryKind::Created);
    created.effective_date = Some(opened_on);
    created.summary = fields.title.to_string();
    let status = StatusState::opened(opened_on);
    insert_as(conn, (fields, &status), reference, actor_id, &created)
}

/// The reference each row brought in will have: the one it had, if any (the year's counter
/// moves past it, so that no later irritant takes it), else the next of today's year.
pub fn references_for(
    conn: &mut DbConnection,
    kept: &[Option<Reference>],
    today: NaiveDate,
) -> DbResult<Vec<Reference>> {
    let mut highest: std::collections::BTreeMap<i32, Reference> = Default::default();
    for kept in kept.iter().flatten().copied() {
        let entry = highest.entry(kept.year()).or_insert(kept);
        if kept.number() > entry.number() {
            *entry = kept;
        }
    }
    for kept in highest.values() {
        move_counter_past(conn, *kept)?;
    }
    let new = kept.iter().filter(|reference| reference.is_none()).count() as i32;
    let year = today.year();
    let mut next = if new > 0 {
        reserve_references(conn, year, new)?
    } else {
        0
    };
    kept.iter()
        .map(|reference| match reference {
            Some(kept) => Ok(*kept),
            None => {
                let reference = Reference::new(year, next as u32).ok_or_else(|| {
                    DbError::Corrupt(format!("reference counter {year} = {next}"))
                })?;
                next += 1;
                Ok(reference)
            }
        })
        .collect()
}

/// The references among `wanted` that irritants hold already.
pub fn references_taken(conn: &mut DbConnection, wanted: &[Reference]) -> DbResult<Vec<String>> {
    let texts: Vec<String> = wanted.iter().map(Reference::to_string).collect();
    let mut taken = Vec::new();
    for slice in texts.chunks(500) {
        taken.extend(
            irritants::table
                .filter(irritants::reference.eq_any(slice))
                .select(irritants::reference)
                .load::<String>(conn)?,
        );
    }
    taken.sort();
    Ok(taken)
}

/// Makes the counter of `kept`'s year stand at its number at least. The update says so in its
/// condition, so that a creation committed meanwhile is never undone on PostgreSQL, where
/// reads and writes of a transaction do not see each other's commits as one.
fn move_counter_past(conn: &mut DbConnection, kept: Reference) -> DbResult<()> {
    use super::schema::reference_counters as counters;
    let number = i32::try_from(kept.number())
        .map_err(|_| DbError::Corrupt(format!("reference number of {kept}")))?;
    let year = counters::year.eq(kept.year());
    let exists = counters::table
        .filter(year)
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if exists {
        diesel::update(
            counters::table
                .filter(year)
                .filter(counters::last_number.lt(number)),
        )
        .set(counters::last_number.eq(number))
        .execute(conn)?;
    } else {
        diesel::insert_into(counters::table)
            .values((
                counters::year.eq(kept.year()),
                counters::last_number.eq(number),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Writes a new irritant's row, products, languages and first history entry.
fn insert_as(
    conn: &mut DbConnection,
    (fields, status): (&IrritantFields, &StatusState),
    reference: Reference,
    actor_id: &PersonId,
    created: &ChangeRecord,
) -> DbResult<Recorded> {
    let created_at = now();
    let opened_on = created.effective_date.unwrap_or(status.since);
    let id = IrritantId::generate();
    diesel::insert_into(irritants::table)
        .values((
            irritants::id.eq(&id),
            irritants::reference.eq(reference.to_string()),
            FieldColumns::new(fields, &reference),
            irritants::status.eq(status.status.code()),
            irritants::status_date.eq(status.since),
            irritants::opened_on.eq(opened_on),
            irritants::status_note.eq(&status.note),
            irritants::version.eq(1),
            irritants::created_at.eq(created_at),
            irritants::updated_at.eq(created_at),
        ))
        .execute(conn)?;
    replace_products(conn, &id, &fields.products)?;
    replace_languages(conn, &id, fields)?;
    record(conn, &id, 1, actor_id, created)?;
    Ok(Recorded { id, reference })
}

/// A new irritant's id and reference.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub id: IrritantId,
    pub reference: Reference,
}

/// What an edit did.
#[derive(Debug, PartialEq, Eq)]
pub enum EditOutcome {
    /// The new version and the number of fields changed.
    Changed { version: i32, changes: usize },
    /// The submitted facts were those already stored; nothing was written.
    Unchanged,
}

/// Replaces the facts of `current`, provided it is still at the version it was read at, and
/// records one history entry per changed field.
pub fn update_fields(
    conn: &mut DbConnection,
    current: &Irritant,
    fields: &IrritantFields,
    reference_data: &ReferenceData,
    actor_id: &PersonId,
) -> DbResult<EditOutcome> {
    update_fields_because(conn, current, fields, reference_data, (actor_id, ""))
}

/// The same, with the reason the target date moves later (if it does) kept with that change.
pub fn update_fields_because(
    conn: &mut DbConnection,
    current: &Irritant,
    fields: &IrritantFields,
    reference_data: &ReferenceData,
    (actor_id, slip_reason): (&PersonId, &str),
) -> DbResult<EditOutcome> {
    let mut changes = current.fields.changes_to(fields, reference_data);
    if Slip::between(
        current.fields.target_date.map(CalendarDate::get),
        fields.target_date.map(CalendarDate::get),
    )
    .is_some()
    {
        for change in changes
            .iter_mut()
            .filter(|c| c.field == Some("target_date"))
        {
            change.summary = slip_reason.to_owned();
        }
    }
    if changes.is_empty() {
        return Ok(EditOutcome::Unchanged);
    }
    let version = bump_version(
        conn,
        current,
        current.version,
        FieldColumns::new(fields, &current.reference),
    )?;
    if current.fields.products != fields.products {
        replace_products(conn, &current.id, &fields.products)?;
    }
    let languages_changed = current.fields.language != fields.language
        || current.fields.title_translation != fields.title_translation
        || current.fields.summary_translation != fields.summary_translation;
    if languages_changed {
        replace_languages(conn, &current.id, fields)?;
    }
    record_all(conn, &current.id, version, actor_id, &changes)?;
    Ok(EditOutcome::Changed {
        version,
        changes: changes.len(),
    })
}

/// Moves `current` to a new status, provided it is still at `expected_version` (the version
/// after any edit made in the same action). Returns the new version.
pub fn change_status(
    conn: &mut DbConnection,
    current: &Irritant,
    expected_version: i32,
    change: &StatusChange,
    actor_id: &PersonId,
) -> DbResult<i32> {
    if current.status.status != change.from {
        return Err(DbError::Conflict {
            expected: expected_version,
            current: current.version,
        });
    }
    let to = &change.to;
    let version = bump_version(
        conn,
        current,
        expected_version,
        (
            irritants::status.eq(to.status.code()),
            irritants::status_date.eq(to.since),
            irritants::status_note.eq(&to.note),
            irritants::closure_reason.eq(to.closure_reason.map(ClosureReason::code)),
        ),
    )?;
    let mut entry = ChangeRecord::new(HistoryKind::StatusChanged);
    entry.field = Some("status");
    entry.before = Some(current.status.status.code().to_owned());
    entry.after = Some(to.status.code().to_owned());
    entry.effective_date = Some(to.since);
    entry.summary = [change.summary.as_str(), to.note.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" — ");
    record(conn, &current.id, version, actor_id, &entry)?;
    // Closing sets a closure reason and reopening clears it: both are recorded.
    if current.status.closure_reason != to.closure_reason {
        let closure = ChangeRecord::field_changed(
            "closure_reason",
            current.status.closure_reason.map(|r| r.code().to_owned()),
            to.closure_reason.map(|r| r.code().to_owned()),
        );
        record(conn, &current.id, version, actor_id, &closure)?;
    }
    Ok(version)
}

/// Writes `changes` and the next version, only if the row is still at `expected`; on
/// PostgreSQL a concurrent writer may have committed since `find`, and the row lock taken here
/// makes the version check exact.
fn bump_version<C>(
    conn: &mut DbConnection,
    current: &Irritant,
    expected: i32,
    changes: C,
) -> DbResult<i32>
where
    C: AsChangeset<Target = irritants::table>,
    C::Changeset: diesel::query_builder::QueryFragment<DbBackend>,
{
    let version = expected + 1;
    let updated = diesel::update(
        irritants::table
            .filter(irritants::id.eq(&current.id))
            .filter(irritants::version.eq(expected)),
    )
    .set(changes)
    .execute(conn)?;
    if updated == 0 {
        let now_at = irritants::table
            .filter(irritants::id.eq(&current.id))
            .select(irritants::version)
            .first(conn)?;
        return Err(DbError::Conflict {
            expected,
            current: now_at,
        });
    }
    diesel::update(irritants::table.filter(irritants::id.eq(&current.id)))
        .set((
            irritants::version.eq(version),
            irritants::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(version)
}

/// Records the earliest due date among the irritant's milestones not yet done, after one of
/// them changed.
pub(super) fn refresh_next_milestone_due(
    conn: &mut DbConnection,
    irritant_id: &IrritantId,
) -> DbResult<()> {
    let next: Option<NaiveDate> = milestones::table
        .filter(milestones::irritant_id.eq(irritant_id))
        .filter(milestones::state.eq_any(MilestoneState::open_codes()))
        .select(diesel::dsl::min(milestones::due_date))
        .first(conn)?;
    diesel::update(irritants::table.filter(irritants::id.eq(irritant_id)))
        .set(irritants::next_milestone_due.eq(next))
        .execute(conn)?;
    Ok(())
}

/// Marks an irritant as touched (by a progress update or a milestone) without changing its
/// version: such additions cannot overwrite anyone's edit.
pub(super) fn touch(conn: &mut DbConnection, irritant_id: &IrritantId) -> DbResult<()> {
    diesel::update(irritants::table.filter(irritants::id.eq(irritant_id)))
        .set(irritants::updated_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// One row of the irritant list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IrritantSummary {
    pub reference: Reference,
    pub title: TitleText,
    pub counterpart: CountryCode,
    pub sector: Sector,
    pub measure_type: MeasureType,
    pub status: Status,
    /// The day the current status took effect.
    pub status_since: NaiveDate,
    pub priority: Priority,
    pub rag: Option<Rag>,
    pub owner_name: Option<String>,
    /// With its names, so that each language names it in short as it should.
    pub lead_department: Option<Department>,
    pub target_date: Option<NaiveDate>,
    /// The earliest due date among its milestones not yet done.
    pub next_milestone_due: Option<NaiveDate>,
    /// The later of its latest progress update and its latest change of status.
    pub last_activity: NaiveDate,
    /// The target date has passed on work still in hand.
    pub overdue: bool,
    /// A milestone's due date has passed and it is not done, on work still in hand.
    pub milestone_overdue: bool,
    /// Why it needs attention, most severe first; empty when it does not.
    pub attention: Vec<AttentionReason>,
}

/// A page of the list and the number of irritants matching the filter.
#[derive(Debug, Clone)]
pub struct ListPage {
    pub rows: Vec<IrritantSummary>,
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
}

impl ListPage {
    pub fn page_count(&self) -> u32 {
        ((self.total.max(0) as u64).div_ceil(u64::from(self.page_size.max(1)))).max(1) as u32
    }
}

pub fn count_matching(
    conn: &mut DbConnection,
    cache: &RegisterCache,
    filter: &ListFilter,
) -> DbResult<i64> {
    cache.count(conn, filter, |conn| {
        Ok(filtered(filter).count().get_result(conn)?)
    })
}

/// The names of the owners with these ids. Owners are nearly always active people, whose
/// names the reference data holds already; only the others are looked up.
fn owner_names<'a>(
    conn: &mut DbConnection,
    people: &ReferenceData,
    ids: impl Iterator<Item = &'a String>,
) -> DbResult<Vec<(String, String)>> {
    let mut owners: Vec<(String, String)> = Vec::new();
    let mut unknown: Vec<&String> = Vec::new();
    for id in ids {
        match people.person_by_id(&PersonId::from(id.clone())) {
            Some(person) => owners.push((person.id.to_string(), person.name.clone())),
            None => unknown.push(id),
        }
    }
    if !unknown.is_empty() {
        #[derive(Queryable, Selectable)]
        #[diesel(table_name = people)]
        struct OwnerRow {
            id: String,
            display_name: String,
        }
        owners.extend(
            people::table
                .filter(people::id.eq_any(unknown))
                .select(OwnerRow::as_select())
                .load(conn)?
                .into_iter()
                .map(|owner| (owner.id, owner.display_name)),
        );
    }
    Ok(owners)
}

/// One page of irritants matching the filter, in the filter's order.
/// `people` is the reference data the caller already holds, for the owners' names.
pub fn list(
    conn: &mut DbConnection,
    cache: &RegisterCache,
    people: &ReferenceData,
    filter: &ListFilter,
    page_size: u32,
) -> DbResult<ListPage> {
    let total = count_matching(conn, cache, filter)?;
    let offset = i64::from(filter.page.saturating_sub(1)) * i64::from(page_size);
    let query = sorted(filtered(filter), filter.sort, filter.rules);
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = irritants)]
    struct SummaryRow {
        id: String,
        reference: String,
        title: String,
        counterpart: String,
        sector: String,
        measure_type: String,
        status: String,
        priority: String,
        rag: Option<String>,
        owner_id: Option<String>,
        lead_department: Option<String>,
        target_date: Option<NaiveDate>,
        /// The earliest due date among its milestones not yet done.
        next_milestone_due: Option<NaiveDate>,
        status_date: NaiveDate,
        last_progress_on: Option<NaiveDate>,
    }
    let rows = if filter.sort == ListSort::Attention {
        // Ranking by severity reads every match: the ids alone come from an index that holds
        // what the rank needs, and only the page's rows are read whole.
        let ids: Vec<String> = query
            .select(irritants::id)
            .limit(i64::from(page_size))
            .offset(offset)
            .load(conn)?;
        let mut rows: Vec<SummaryRow> = irritants::table
            .filter(irritants::id.eq_any(&ids))
            .select(SummaryRow::as_select())
            .load(conn)?;
        rows.sort_by_key(|row| ids.iter().position(|wanted| *wanted == row.id));
        rows
    } else {
        query
            .select(SummaryRow::as_select())
            .limit(i64::from(page_size))
            .offset(offset)
            .load::<SummaryRow>(conn)?
    };

    let owners = owner_names(
        conn,
        people,
        rows.iter().filter_map(|r| r.owner_id.as_ref()),
    )?;
    let titles = titles_in_both(
        conn,
        rows.iter().map(|row| (row.id.as_str(), row.title.as_str())),
    )?;
    let rows = rows
        .into_iter()
        .zip(titles)
        .map(|(summary, title)| {
            let row = format_args!("irritant {}", summary.reference);
            let status = stored("status", row, &summary.status, Status::parse)?;
            let priority = stored("priority", row, &summary.priority, Priority::parse)?;
            let rag = summary
                .rag
                .as_deref()
                .map(|r| stored("RAG", row, r, Rag::parse))
                .transpose()?;
            let last_activity = summary
                .last_progress_on
                .map_or(summary.status_date, |on| on.max(summary.status_date));
            let facts = AttentionFacts {
                status,
                priority,
                rag,
                target_date: summary.target_date,
                next_milestone_due: summary.next_milestone_due,
                has_owner: summary.owner_id.is_some(),
                last_activity,
            };
            Ok(IrritantSummary {
                counterpart: stored("counterpart", row, &summary.counterpart, CountryCode::parse)?,
                sector: stored("sector", row, &summary.sector, Sector::parse)?,
                measure_type: stored(
                    "measure type",
                    row,
                    &summary.measure_type,
                    MeasureType::parse,
                )?,
                status_since: summary.status_date,
                next_milestone_due: summary.next_milestone_due,
                last_activity,
                priority,
                rag,
                attention: facts.reasons(filter.rules),
                owner_name: summary.owner_id.and_then(|id| {
                    owners
                        .iter()
                        .find(|(o, _)| *o == id)
                        .map(|(_, name)| name.clone())
                }),
                lead_department: summary
                    .lead_department
                    .map(|code| people.department_or_code(code)),
                overdue: status.is_active()
                    && summary.target_date.is_some_and(|t| t < filter.rules.today),
                milestone_overdue: status.is_active()
                    && summary
                        .next_milestone_due
                        .is_some_and(|due| due < filter.rules.today),
                target_date: summary.target_date,
                status,
                reference: stored(
                    "reference",
                    format_args!("the irritant titled {:?}", summary.title),
                    &summary.reference,
                    Reference::parse,
                )?,
                title,
            })
        })
        .collect::<DbResult<Vec<_>>>()?;
    Ok(ListPage {
        rows,
        total,
        page: filter.page,
        page_size,
    })
}

/// One page of whole irritants matching the filter, for the API; products come in one query.
pub fn list_full(
    conn: &mut DbConnection,
    cache: &RegisterCache,
    filter: &ListFilter,
    page_size: u32,
) -> DbResult<(Vec<Irritant>, i64)> {
    let total = count_matching(conn, cache, filter)?;
    let offset = i64::from(filter.page.saturating_sub(1)) * i64::from(page_size);
    let rows: Vec<IrritantRow> = sorted(filtered(filter), filter.sort, filter.rules)
        .select(IrritantRow::as_select())
        .limit(i64::from(page_size))
        .offset(offset)
        .load(conn)?;
    Ok((with_products(conn, rows)?, total))
}

/// The ids of every irritant matching the filter, in the filter's order: what an export
/// walks through, a batch at a time.
pub fn ids_matching(conn: &mut DbConnection, filter: &ListFilter) -> DbResult<Vec<String>> {
    Ok(sorted(filtered(filter), filter.sort, filter.rules)
        .select(irritants::id)
        .load(conn)?)
}

/// Whole irritants by id, in the order of `ids`; ids no longer stored are skipped.
pub fn by_ids(conn: &mut DbConnection, ids: &[String]) -> DbResult<Vec<Irritant>> {
    let rows: Vec<IrritantRow> = irritants::table
        .filter(irritants::id.eq_any(ids))
        .select(IrritantRow::as_select())
        .load(conn)?;
    let mut irritants = with_products(conn, rows)?;
    let position: std::collections::HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    irritants.sort_by_key(|irritant| position.get(irritant.id.as_str()).copied());
    Ok(irritants)
}

/// Irritants from their rows, with their products and their languages read in a query each.
fn with_products(conn: &mut DbConnection, rows: Vec<IrritantRow>) -> DbResult<Vec<Irritant>> {
    let ids: Vec<&str> = rows.iter().map(|row| row.id.as_str()).collect();
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = irritant_products)]
    struct IrritantProductRow {
        irritant_id: String,
        hs_code: String,
        label: String,
    }
    let products = irritant_products::table
        .filter(irritant_products::irritant_id.eq_any(&ids))
        .order((irritant_products::irritant_id, irritant_products::position))
        .select(IrritantProductRow::as_select())
        .load(conn)?;
    let languages = languages_of(conn, &ids)?;
    let mut by_irritant: std::collections::HashMap<&str, Vec<(&str, &str)>> = Default::default();
    for product in &products {
        by_irritant
            .entry(&product.irritant_id)
            .or_default()
            .push((&product.hs_code, &product.label));
    }
    rows.into_iter()
        .map(|row| {
            let own: Vec<Product> = by_irritant
                .get(row.id.as_str())
                .into_iter()
                .flatten()
                .map(|&(code, label)| {
                    let products_row = format_args!("the products of irritant {}", row.id);
                    stored("product code", products_row, code, |code| {
                        Product::new(code, label)
                    })
                })
                .collect::<DbResult<_>>()?;
            let languages = languages.get(row.id.as_str());
            row.into_irritant(own, languages)
        })
        .collect()
}

fn sorted(
    query: irritants::BoxedQuery<'_, DbBackend>,
    sort: ListSort,
    rules: ListRules,
) -> irritants::BoxedQuery<'_, DbBackend> {
    let (today, stale_after_days) = (rules.today, rules.stale_after_days);
    match sort {
        ListSort::Attention => {
            // The most severe reason first, as `AttentionReason` orders them; what needs no
            // attention (done with, or quiet but not pressing) last.
            use diesel::sql_types::Integer;
            let rank = |n: i32| n.into_sql::<Integer>();
            let pressing = [Priority::Leaders.code(), Priority::High.code()];
            let quiet_since = today - chrono::Duration::days(i64::from(stale_after_days));
            let stale = irritants::last_progress_on
                .is_null()
                .or(irritants::last_progress_on.lt(quiet_since))
                .and(irritants::status_date.lt(quiet_since));
            let severity =
                diesel::dsl::case_when(irritants::status.ne_all(active_codes()), rank(9))
                    .when(irritants::rag.eq(Rag::OffTrack.code()), rank(0))
                    .when(irritants::target_date.lt(today), rank(1))
                    .when(irritants::next_milestone_due.lt(today), rank(2))
                    .when(
                        irritants::priority
                            .eq_any(pressing)
                            .and(irritants::owner_id.is_null()),
                        rank(3),
                    )
                    .when(irritants::priority.eq_any(pressing).and(stale), rank(4))
                    .otherwise(rank(5));
            query.order((
                severity.asc(),
                irritants::priority_rank.asc(),
                irritants::target_date.is_null(),
                irritants::target_date.asc(),
                irritants::id.asc(),
            ))
        }
        ListSort::Updated => query.order((irritants::updated_at.desc(), irritants::id.desc())),
        ListSort::TargetDate => query.order((
            irritants::target_date.is_null(),
            irritants::target_date.asc(),
            irritants::id.asc(),
        )),
        ListSort::Priority => query.order((
            irritants::priority_rank.asc(),
            irritants::updated_at.desc(),
            irritants::id.desc(),
        )),
        ListSort::Title => query.order((irritants::title.asc(), irritants::id.asc())),
    }
}

/// Another irritant linked to this one, seen from this one's side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedIrritant {
    pub kind: LinkKind,
    /// True when this irritant is the link's subject (e.g. it is the retaliation).
    pub outgoing: bool,
    pub reference: Reference,
    pub title: TitleText,
    pub status: Status,
}

/// The irritants linked to this one, in either direction.
pub fn links_of(
    conn: &mut DbConnection,
    irritant_id: &IrritantId,
) -> DbResult<Vec<LinkedIrritant>> {
    // Both directions in one query: each link joined to the irritant at its other end.
    let other_end = irritants::id
        .eq(irritant_links::linked_id)
        .and(irritant_links::irritant_id.eq(irritant_id))
        .or(irritants::id
            .eq(irritant_links::irritant_id)
            .and(irritant_links::linked_id.eq(irritant_id)));
    /// A link, with the irritant at its other end.
    #[derive(Queryable)]
    struct LinkRow {
        kind: String,
        id: String,
        reference: String,
        title: String,
        status: String,
        /// The link's subject: the irritant it goes from.
        subject_id: String,
    }
    let rows = irritant_links::table
        .inner_join(irritants::table.on(other_end))
        .filter(
            irritant_links::irritant_id
                .eq(irritant_id)
                .or(irritant_links::linked_id.eq(irritant_id)),
        )
        .select((
            irritant_links::kind,
            irritants::id,
            irritants::reference,
            irritants::title,
            irritants::status,
            irritant_links::irritant_id,
        ))
        .load::<LinkRow>(conn)?;
    let titles = titles_in_both(
        conn,
        rows.iter().map(|row| (row.id.as_str(), row.title.as_str())),
    )?;
    let mut links = Vec::new();
    for (link, title) in rows.into_iter().zip(titles) {
        links.push(LinkedIrritant {
            kind: stored(
                "link kind",
                format_args!("a link of irritant {irritant_id}"),
                &link.kind,
                LinkKind::parse,
            )?,
            outgoing: link.subject_id == irritant_id.as_str(),
            status: stored(
                "status",
                format_args!("irritant {}", link.reference),
                &link.status,
                Status::parse,
            )?,
            reference: stored(
                "reference",
                format_args!("an irritant linked to irritant {irritant_id}"),
                &link.reference,
                Reference::parse,
            )?,
            title,
        });
    }
    links.sort_by_key(|link| link.reference);
    Ok(links)
}

/// Links `from` to `to` with `kind`, recording it on both irritants' histories.
pub fn link(
    conn: &mut DbConnection,
    from: &Irritant,
    to: &Irritant,
    kind: LinkKind,
    actor_id: &PersonId,
) -> DbResult<()> {
    // One link per pair, whichever way it was made.
    let linked = irritant_links::table
        .filter(
            (irritant_links::irritant_id
                .eq(&from.id)
                .and(irritant_links::linked_id.eq(&to.id)))
            .or(irritant_links::irritant_id
                .eq(&to.id)
                .and(irritant_links::linked_id.eq(&from.id))),
        )
        .count()
        .get_result::<i64>(conn)?;
    if linked > 0 {
        return Err(DbError::Refused(Refusal::IrritantsAlreadyLinked));
    }
    // The unique index on the pair, either way round, refuses a link another writer
    // made meanwhile.
    diesel::insert_into(irritant_links::table)
        .values((
            irritant_links::irritant_id.eq(&from.id),
            irritant_links::linked_id.eq(&to.id),
            irritant_links::kind.eq(kind.code()),
            irritant_links::created_at.eq(now()),
        ))
        .execute(conn)
        .map_err(|e| super::refused_if_taken(e, Refusal::IrritantsAlreadyLinked))?;
    record_link_on_both(conn, HistoryKind::LinkAdded, (from, to), kind, actor_id)
}

/// Removes the link between two irritants, whichever way it was made, recording it on both
/// histories. `NotFound` if they are not linked.
pub fn unlink(
    conn: &mut DbConnection,
    one: &Reference,
    other: &Reference,
    actor_id: &PersonId,
) -> DbResult<()> {
    let one = find(conn, one)?;
    let other = find(conn, other)?;
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = irritant_links)]
    struct LinkKindRow {
        /// The link's subject: the irritant it goes from.
        irritant_id: String,
        kind: String,
    }
    let link = irritant_links::table
        .filter(
            (irritant_links::irritant_id
                .eq(&one.id)
                .and(irritant_links::linked_id.eq(&other.id)))
            .or(irritant_links::irritant_id
                .eq(&other.id)
                .and(irritant_links::linked_id.eq(&one.id))),
        )
        .select(LinkKindRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    let kind = stored(
        "link kind",
        format_args!("a link of irritant {}", one.id),
        &link.kind,
        LinkKind::parse,
    )?;
    let (from, to) = if link.irritant_id == one.id.as_str() {
        (one, other)
    } else {
        (other, one)
    };
    // Another writer may have removed it since it was read; only one records it.
    let removed = diesel::delete(
        irritant_links::table
            .filter(irritant_links::irritant_id.eq(&from.id))
            .filter(irritant_links::linked_id.eq(&to.id)),
    )
    .execute(conn)?;
    if removed == 0 {
        return Err(DbError::NotFound);
    }
    record_link_on_both(conn, HistoryKind::LinkRemoved, (&from, &to), kind, actor_id)
}

/// Records a link made or removed on both irritants, each as it reads from its side ("retaliation
/// for" on one, "answered by the retaliation" on the other).
fn record_link_on_both(
    conn: &mut DbConnection,
    kind_of_change: HistoryKind,
    (from, to): (&Irritant, &Irritant),
    kind: LinkKind,
    actor_id: &PersonId,
) -> DbResult<()> {
    for (subject, other, side) in [(from, to, "out"), (to, from, "in")] {
        let mut entry = ChangeRecord::new(kind_of_change);
        entry.field = Some("link_kind");
        entry.after = Some(format!("{}-{side}", kind.code()));
        entry.summary = other.reference.to_string();
        record(conn, &subject.id, subject.version, actor_id, &entry)?;
    }
    Ok(())
}

/// How many irritants the register holds.
pub fn count(conn: &mut DbConnection) -> DbResult<i64> {
    Ok(irritants::table.count().get_result(conn)?)
}

/// The id behind a reference, for the tables that hang off an irritant.
pub(super) fn id_of(conn: &mut DbConnection, reference: &Reference) -> DbResult<(IrritantId, i32)> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = irritants)]
    struct IdRow {
        id: String,
        version: i32,
    }
    let row = irritants::table
        .filter(irritants::reference.eq(reference.to_string()))
        .select(IdRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    Ok((row.id.into(), row.version))
}

/// An irritant of the register that may be the one about to be recorded.
#[derive(Debug, Clone)]
pub struct LikelyDuplicate {
    pub reference: Reference,
    pub title: String,
    pub status: Status,
    pub likeness: Likeness,
}

/// The irritants still in hand with this counterpart whose title reads like `title`, or whose
/// products fall under one of `headings` (four-digit HS headings), by reference, at most
/// [`MOST_SHOWN`]. Titles are compared only where the register's text holds a word of the
/// title's matter, so the counterpart's whole register is never read.
pub fn likely_duplicates(
    conn: &mut DbConnection,
    counterpart: CountryCode,
    title: &str,
    headings: &[&str],
) -> DbResult<Vec<LikelyDuplicate>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = irritants)]
    struct CandidateRow {
        reference: String,
        title: String,
        status: String,
    }
    // Enough rows sharing a word to find the few alike among them.
    const TITLES_COMPARED: i64 = 200;
    let sharing_a_word = matter_words(title)
        .iter()
        .map(|word| clause(super::search::HoldsWord::new(&searchable(word)).nullable()))
        .reduce(|one, other| clause(one.or(other)));
    let mut found: Vec<(CandidateRow, Likeness)> = match sharing_a_word {
        Some(condition) => irritants::table
            .filter(irritants::counterpart.eq(counterpart.to_string()))
            .filter(irritants::status.eq_any(active_codes()))
            .filter(condition)
            .select(CandidateRow::as_select())
            // The latest worked on first: a duplicate is most likely one in hand now.
            .order(irritants::updated_at.desc())
            .limit(TITLES_COMPARED)
            .load::<CandidateRow>(conn)?
            .into_iter()
            .filter(|row| similar_titles(&row.title, title))
            .map(|row| (row, Likeness::Title))
            .collect(),
        None => Vec::new(),
    };
    type WithProducts = InnerJoinQuerySource<irritants::table, irritant_products::table>;
    let under_a_heading: Option<Condition<WithProducts>> = headings
        .iter()
        .map(|heading| {
            clause(
                irritant_products::hs_code
                    .like(format!("{heading}%"))
                    .nullable(),
            )
        })
        .reduce(|one, other| clause(one.or(other)));
    if let Some(condition) = under_a_heading {
        let same_products: Vec<CandidateRow> = irritants::table
            .inner_join(irritant_products::table)
            .filter(irritants::counterpart.eq(counterpart.to_string()))
            .filter(irritants::status.eq_any(active_codes()))
            .filter(condition)
            .select(CandidateRow::as_select())
            .distinct()
            .order(irritants::reference)
            .limit(MOST_SHOWN as i64)
            .load(conn)?;
        for row in same_products {
            if !found
                .iter()
                .any(|(seen, _)| seen.reference == row.reference)
            {
                found.push((row, Likeness::Products));
            }
        }
    }
    found.sort_by(|a, b| a.0.reference.cmp(&b.0.reference));
    found.truncate(MOST_SHOWN);
    found
        .into_iter()
        .map(|(row, likeness)| {
            let at = format_args!("irritant {}", row.reference);
            Ok(LikelyDuplicate {
                reference: stored("reference", at, &row.reference, Reference::parse)?,
                status: stored("status", at, &row.status, Status::parse)?,
                title: row.title,
                likeness,
            })
        })
        .collect()
}
