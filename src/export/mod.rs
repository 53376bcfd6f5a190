//! Exports of the irritant list and of progress reports. The list: every irritant a filter selects, in its order, as CSV, XLSX or
//! JSON, written a batch at a time so that memory stays flat however many there are. The web
//! page and `irritrack export` both write through here.

use std::io::Write;

use chrono::NaiveDateTime;

use crate::db::{DbError, Pool};
use crate::domain::accounts::EventDetail;
use crate::domain::brief::BriefEvent;
use crate::domain::dashboard::DashboardScope;
use crate::domain::report::{
    Development, DevelopmentKind, DirectiveRef, Grouping, ProgressReport, ReportGroup, ReportRow,
    ReportUpdate,
};
use crate::domain::text::shortened;
use crate::domain::{
    ActionHolder, ClosureReason, CountryCode, Direction, MeasureType, Priority, Rag, Sector,
};
use crate::domain::{Irritant, OfficialLanguage, ReferenceData, Status};
use crate::formats::irritant_json::IrritantJson;
use crate::formats::table::{Cell, Column, CsvTable, TableError, TableWriter, XlsxTable};
use crate::i18n::Locale;

pub mod word;

/// Irritants read from the database at a time.
const BATCH: usize = 500;

/// The file formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Json];

    /// The format of a file name's extension, as in `/exports/irritants.csv`.
    pub fn from_extension(extension: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|format| format.extension() == extension)
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            ExportFormat::Json => "application/json",
        }
    }
}

/// The files a progress report is given as: a table (CSV, XLSX) or JSON, or a Word document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFile {
    Table(ExportFormat),
    Word,
}

impl ReportFile {
    /// The file of a file name's extension, as in `?format=docx`.
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension {
            "docx" => Some(ReportFile::Word),
            other => ExportFormat::from_extension(other).map(ReportFile::Table),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ReportFile::Table(format) => format.extension(),
            ReportFile::Word => "docx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ReportFile::Table(format) => format.content_type(),
            ReportFile::Word => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }

    /// The report as this file; and how many irritants it holds.
    pub fn write(
        self,
        report: &ProgressReport,
        locale: Locale,
    ) -> Result<(u64, Vec<u8>), ExportError> {
        let mut body = Vec::new();
        let rows = match self {
            ReportFile::Table(format) => write_report(report, format, locale, &mut body)?,
            ReportFile::Word => {
                body = word::report_document(report, locale)?;
                report.row_count() as u64
            }
        };
        Ok((rows, body))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("no database connection: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error(transparent)]
    Table(#[from] TableError),
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("writing the file: {0}")]
    Io(#[from] std::io::Error),
}

/// The columns of the list's export, headed in `locale`'s words.
pub fn irritant_columns(locale: Locale) -> Vec<Column> {
    [
        ("reference", 15.0),
        ("title", 40.0),
        ("counterpart", 12.0),
        ("direction", 16.0),
        ("sector", 16.0),
        ("products", 30.0),
        ("measure_type", 18.0),
        ("measure", 40.0),
        ("status", 16.0),
        ("status_date", 12.0),
        ("note", 30.0),
        ("priority", 12.0),
        ("action_holder", 14.0),
        ("rag", 12.0),
        ("owner", 20.0),
        ("lead_department", 12.0),
        ("team", 16.0),
        ("target_date", 12.0),
        ("trade_value_amount", 16.0),
        ("trade_value_year", 8.0),
        ("trade_value_source", 20.0),
        ("summary", 50.0),
        ("updated_at", 16.0),
        // Added after the others, so that a reader of the earlier files finds each column
        // where it was.
        ("in_force_since", 12.0),
        ("language", 10.0),
        ("title_translation", 40.0),
        ("summary_translation", 50.0),
        ("closure_reason", 20.0),
    ]
    .into_iter()
    .map(|(field, width)| Column {
        heading: locale.field(field).into_owned(),
        width,
    })
    .collect()
}

/// One irritant as a row of [`irritant_columns`]: values in the reader's words, dates as dates.
pub fn irritant_cells(irritant: &Irritant, people: &ReferenceData, locale: Locale) -> Vec<Cell> {
    let fields = &irritant.fields;
    let products = fields
        .products
        .iter()
        .map(|p| format!("{} {}", p.hs_code, p.label))
        .collect::<Vec<_>>()
        .join("; ");
    let label = |prefix: &str, code: &str| Cell::Text(locale.label(prefix, code).into_owned());
    vec![
        Cell::Text(irritant.reference.to_string()),
        Cell::Text(fields.title.to_string()),
        Cell::Text(fields.counterpart.to_string()),
        label(Direction::LABEL_PREFIX, fields.direction.code()),
        label(Sector::LABEL_PREFIX, fields.sector.code()),
        Cell::Text(products),
        label(MeasureType::LABEL_PREFIX, fields.measure_type.code()),
        Cell::Text(fields.measure.clone()),
        label(Status::LABEL_PREFIX, irritant.status.status.code()),
        Cell::Date(irritant.status.since),
        Cell::Text(irritant.status.note.clone()),
        label(Priority::LABEL_PREFIX, fields.priority.code()),
        label(ActionHolder::LABEL_PREFIX, fields.action_holder.code()),
        irritant
            .rag
            .map_or(Cell::Empty, |rag| label(Rag::LABEL_PREFIX, rag.code())),
        fields
            .owner
            .as_ref()
            .and_then(|id| people.person_by_id(id))
            .map_or(Cell::Empty, |person| Cell::Text(person.name.clone())),
        fields.lead_department.clone().into(),
        Cell::Text(fields.team.clone()),
        fields.target_date.map(|d| d.get()).into(),
        fields.trade_value.as_ref().map_or(Cell::Empty, |value| {
            value
                .amount_text()
                .parse()
                .map_or(Cell::Empty, Cell::Number)
        }),
        fields
            .trade_value
            .as_ref()
            .map_or(Cell::Empty, |value| Cell::Number(f64::from(value.year()))),
        fields
            .trade_value
            .as_ref()
            .map_or(Cell::Empty, |value| Cell::Text(value.source().to_owned())),
        Cell::Text(fields.summary.clone()),
        Cell::Time(irritant.updated_at),
        fields.in_force_since.map(|d| d.get()).into(),
        label(OfficialLanguage::LABEL_PREFIX, fields.language.code()),
        fields
            .title_translation
            .as_ref()
            .map(|t| t.to_string())
            .into(),
        Cell::Text(fields.summary_translation.clone()),
        irritant
            .status
            .closure_reason
            .map_or(Cell::Empty, |reason| {
                label(ClosureReason::LABEL_PREFIX, reason.code())
            }),
    ]
}

/// Writes the irritants `ids` names, in that order, to `out` as `format`, reading them a batch
/// at a time with a connection taken for each batch only; `progress` hears how many are
/// written so far. Returns how many were written.
#[allow(clippy::too_many_arguments)]
pub fn write_irritants<W: Write + Send>(
    pool: &Pool,
    ids: &[String],
    people: &ReferenceData,
    format: ExportFormat,
    locale: Locale,
    exported_at: NaiveDateTime,
    out: W,
    mut progress: impl FnMut(u64),
) -> Result<u64, ExportError> {
    let mut batches = ids.chunks(BATCH).map(|batch| -> Result<_, ExportError> {
        let mut conn = pool.get()?;
        Ok(crate::db::irritants::by_ids(&mut conn, batch)?)
    });
    match format {
        ExportFormat::Json => {
            let mut out = std::io::BufWriter::new(out);
            write!(
                out,
                "{{\"exported_at\":{},\"selected\":{},\"items\":[",
                serde_json::to_string(&exported_at)?,
                ids.len()
            )?;
            let mut written = 0u64;
            for batch in batches.by_ref() {
                for irritant in batch? {
                    if written > 0 {
                        out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut out, &IrritantJson::new(&irritant, people))?;
                    written += 1;
                }
                progress(written);
            }
            out.write_all(b"]}")?;
            out.flush()?;
            Ok(written)
        }
        ExportFormat::Csv | ExportFormat::Xlsx => {
            let mut table: Box<dyn TableWriter> = match format {
                ExportFormat::Csv => Box::new(CsvTable::new(out)?),
                _ => Box::new(XlsxTable::new(out)),
            };
            table.sheet(
                &locale.t("export-sheet-irritants"),
                &irritant_columns(locale),
            )?;
            let mut written = 0u64;
            for batch in batches {
                for irritant in batch? {
                    table.row(&irritant_cells(&irritant, people, locale))?;
                    written += 1;
                }
                progress(written);
            }
            table.finish()?;
            Ok(written)
        }
    }
}

/// What the security log says of an export: how many rows, and the filters that chose them.
pub fn export_detail(rows: u64, filters: &str) -> EventDetail {
    if filters.is_empty() {
        EventDetail::message("detail-exported-unfiltered", &[("rows", rows.to_string())])
    } else {
        EventDetail::message(
            "detail-exported",
            &[("rows", rows.to_string()), ("filters", filters.to_owned())],
        )
    }
}

/// The heading of a report's group, in the reader's words: the directive it answers, or the
/// sector.
pub fn group_heading(group: &ReportGroup, grouping: Grouping, locale: Locale) -> String {
    match (grouping, &group.directive) {
        (Grouping::Directive, Some(directive)) => directive_label(directive, locale),
        (Grouping::Directive, None) => locale.t("report-no-directive").into_owned(),
        (Grouping::Sector, _) => locale.label(Sector::LABEL_PREFIX, &group.key).into_owned(),
    }
}

/// "Gyeongju readout, paragraph 3".
pub fn directive_label(directive: &DirectiveRef, locale: Locale) -> String {
    locale.t_with(
        "report-directive",
        &[
            ("title", directive.title_for(locale.language()).0.to_owned()),
            ("number", directive.number.to_string()),
        ],
    )
}

/// A scope in words, in the reader's language: "China · High priority".
pub fn scope_words(locale: Locale, scope: &DashboardScope) -> String {
    let counterpart = CountryCode::parse(&scope.counterpart)
        .map(|code| locale.country_name(code).to_owned())
        .unwrap_or_else(|_| scope.counterpart.clone());
    let sector = Sector::parse(&scope.sector)
        .map(|sector| {
            locale
                .label(Sector::LABEL_PREFIX, sector.code())
                .into_owned()
        })
        .unwrap_or_else(|_| scope.sector.clone());
    let priority = Priority::parse(&scope.priority).map_or_else(
        |_| scope.priority.clone(),
        |priority| {
            let label = locale.label(Priority::LABEL_PREFIX, priority.code());
            locale.t_with("report-scope-priority", &[("priority", label.into_owned())])
        },
    );
    let parts: Vec<String> = [counterpart, sector, scope.department.clone(), priority]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect();
    if parts.is_empty() {
        locale.t("report-scope-all").into_owned()
    } else {
        parts.join(" · ")
    }
}

/// A development of the period in words, without its day: "Status changed from open to
/// resolved in part — canola meal restored".
pub fn development_sentence(development: &Development, locale: Locale) -> String {
    let none = || locale.t("history-empty-value").into_owned();
    let value = |raw: &Option<String>| match (development.kind, raw) {
        (_, None) => none(),
        (DevelopmentKind::Status, Some(code)) => {
            locale.label(Status::LABEL_PREFIX, code).into_owned()
        }
        (DevelopmentKind::Rag, Some(code)) => locale.label(Rag::LABEL_PREFIX, code).into_owned(),
        (_, Some(text)) => text.clone(),
    };
    // A first RAG, a first target date or one removed read as such, not as a move from or to
    // nothing.
    let variant = match (development.kind, &development.before, &development.after) {
        (DevelopmentKind::Rag | DevelopmentKind::TargetDate, None, _) => "-first",
        (DevelopmentKind::TargetDate, Some(_), None) => "-removed",
        _ => "",
    };
    let sentence = locale.t_with(
        &format!("report-development-{}{variant}", development.kind.code()),
        &[
            ("before", value(&development.before)),
            ("after", value(&development.after)),
            ("detail", development.detail.clone()),
        ],
    );
    // Milestones and links say their detail within the sentence; a change of status or date
    // is followed by what was said of it.
    let detail_apart = matches!(
        development.kind,
        DevelopmentKind::Status | DevelopmentKind::TargetDate
    );
    if detail_apart && !development.detail.is_empty() {
        locale.t_with(
            "report-development-with-detail",
            &[
                ("sentence", sentence),
                ("detail", development.detail.clone()),
            ],
        )
    } else {
        sentence
    }
}

/// A progress update in words, without its day: "On track (Ada Lovelace): met the ministry".
pub fn update_sentence(update: &ReportUpdate, locale: Locale) -> String {
    locale.t_with(
        "brief-update",
        &[
            ("rag", rag_words(locale, Some(update.rag))),
            ("author", update.author.clone()),
            (
                "done",
                update.text.done_for(locale.language()).text.to_owned(),
            ),
        ],
    )
}

/// One of a brief's latest developments in words, without its day.
pub fn event_sentence(locale: Locale, event: &BriefEvent) -> String {
    match event {
        BriefEvent::Development(development) => development_sentence(development, locale),
        BriefEvent::Update(update) => update_sentence(update, locale),
    }
}

/// A RAG in words; "No update yet" for none.
pub fn rag_words(locale: Locale, rag: Option<Rag>) -> String {
    rag.map_or_else(
        || locale.t("rag-none").into_owned(),
        |rag| locale.label(Rag::LABEL_PREFIX, rag.code()).into_owned(),
    )
}

/// The counterpart's name, or its code when it names no country this program knows.
pub fn counterpart_name(locale: Locale, code: &str) -> String {
    CountryCode::parse(code).map_or_else(|_| code.to_owned(), |c| locale.country_name(c).to_owned())
}

/// How long the key development of an irritant may run in the summary for ministers.
const KEY_DEVELOPMENT_CHARS: usize = 120;

/// The period's key development of an irritant in a line: the latest thing that happened, or
/// else what its latest progress update says was done.
pub fn key_development(locale: Locale, row: &ReportRow) -> String {
    let latest = row
        .developments
        .last()
        .map(|development| development_sentence(development, locale))
        .or_else(|| {
            let update = row.updates.last()?;
            Some(update.text.done_for(locale.language()).text.to_owned())
        });
    match latest {
        Some(line) => shortened(&line, KEY_DEVELOPMENT_CHARS),
        None => locale.t("report-nothing-recorded").into_owned(),
    }
}

/// A development in one line, with its day.
fn development_line(development: &Development, locale: Locale) -> String {
    format!(
        "{}{}{}",
        development.on,
        locale.colon(),
        development_sentence(development, locale)
    )
}

/// A progress update in one line: "2026-11-20, at risk (Name): what was done. Next: ...".
fn update_line(update: &ReportUpdate, locale: Locale) -> String {
    locale.t_with(
        "report-update-line",
        &[
            ("date", update.reported_on.to_string()),
            (
                "rag",
                locale
                    .label(Rag::LABEL_PREFIX, update.rag.code())
                    .into_owned(),
            ),
            ("author", update.author.clone()),
            (
                "done",
                update.text.done_for(locale.language()).text.to_owned(),
            ),
            (
                "next",
                update
                    .text
                    .next_steps_for(locale.language())
                    .text
                    .to_owned(),
            ),
        ],
    )
}

/// The report's opening figures as rows of two cells.
fn summary_rows(report: &ProgressReport, locale: Locale) -> Vec<[Cell; 3]> {
    let mut rows = vec![
        [
            Cell::Text(locale.t("report-from").into_owned()),
            Cell::Date(report.from),
            Cell::Empty,
        ],
        [
            Cell::Text(locale.t("report-to").into_owned()),
            Cell::Date(report.to),
            Cell::Empty,
        ],
        [
            Cell::Text(locale.t("report-scope").into_owned()),
            Cell::Text(scope_words(locale, &report.scope())),
            Cell::Empty,
        ],
        [
            Cell::Text(locale.t("report-marking").into_owned()),
            Cell::Text(report.marking.clone()),
            Cell::Empty,
        ],
        [
            Cell::Text(locale.t("report-generated-at").into_owned()),
            Cell::Time(report.generated_at),
            Cell::Empty,
        ],
        [
            Cell::Text(locale.t("report-status-heading").into_owned()),
            Cell::Text(locale.t("report-at-start").into_owned()),
            Cell::Text(locale.t("report-at-end").into_owned()),
        ],
    ];
    for status in Status::ALL {
        rows.push([
            Cell::Text(
                locale
                    .label(Status::LABEL_PREFIX, status.code())
                    .into_owned(),
            ),
            Cell::Number(report.summary.at_start.get(*status) as f64),
            Cell::Number(report.summary.at_end.get(*status) as f64),
        ]);
    }
    let summary = &report.summary;
    for (key, value) in [
        ("report-opened", summary.opened),
        ("report-resolved", summary.resolved),
        ("report-reopened", summary.reopened),
        ("report-overdue-at-end", summary.overdue_at_end),
    ] {
        rows.push([
            Cell::Text(locale.t(key).into_owned()),
            Cell::Number(value as f64),
            Cell::Empty,
        ]);
    }
    rows
}

fn report_columns(locale: Locale) -> Vec<Column> {
    let heading = |key: &str| locale.t(key).into_owned();
    [
        (heading("report-group"), 30.0),
        (locale.field("reference").into_owned(), 15.0),
        (locale.field("title").into_owned(), 40.0),
        (locale.field("counterpart").into_owned(), 12.0),
        (locale.field("sector").into_owned(), 16.0),
        (locale.field("priority").into_owned(), 12.0),
        (locale.field("status").into_owned(), 16.0),
        (locale.field("status_date").into_owned(), 12.0),
        (locale.field("rag").into_owned(), 12.0),
        (locale.field("owner").into_owned(), 20.0),
        (locale.field("lead_department").into_owned(), 12.0),
        (locale.field("target_date").into_owned(), 12.0),
        (heading("report-slipped-from"), 12.0),
        (heading("report-slipped-to"), 12.0),
        (heading("report-overdue"), 10.0),
        (heading("report-updates"), 60.0),
        (locale.field("next_steps").into_owned(), 40.0),
        (heading("report-directives"), 40.0),
        // After the others, so that a reader of the earlier files finds each column where it
        // was.
        (heading("report-developments"), 60.0),
        // Each row says what the file covers, so that a table read on its own does too.
        (heading("report-period"), 24.0),
        (heading("report-scope"), 24.0),
        (heading("report-marking"), 24.0),
    ]
    .into_iter()
    .map(|(heading, width)| Column { heading, width })
    .collect()
}

/// One irritant of the report as a row of [`report_columns`]; `covers` is the report's
/// period and scope in words.
fn report_cells(
    row: &ReportRow,
    (group, covers): (&str, &[String; 3]),
    locale: Locale,
) -> Vec<Cell> {
    let label = |prefix: &str, code: &str| Cell::Text(locale.label(prefix, code).into_owned());
    let yes_no = |yes: bool| Cell::Text(locale.t(if yes { "yes" } else { "no" }).into_owned());
    vec![
        Cell::from(group),
        Cell::Text(row.reference.clone()),
        Cell::Text(row.title_for(locale.language()).text.to_owned()),
        Cell::Text(row.counterpart.clone()),
        label(Sector::LABEL_PREFIX, &row.sector),
        label(Priority::LABEL_PREFIX, row.priority.code()),
        label(Status::LABEL_PREFIX, row.status.code()),
        Cell::Date(row.status_since),
        row.rag
            .map_or(Cell::Empty, |rag| label(Rag::LABEL_PREFIX, rag.code())),
        row.owner.clone().into(),
        row.department.clone().into(),
        row.target_date.into(),
        row.target_slipped.as_ref().and_then(|s| s.from).into(),
        row.target_slipped.as_ref().and_then(|s| s.to).into(),
        yes_no(row.overdue),
        Cell::Text(
            row.updates
                .iter()
                .map(|u| update_line(u, locale))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        row.next_steps_for(locale.language())
            .map(|next| next.text.to_owned())
            .into(),
        Cell::Text(
            row.directives
                .iter()
                .map(|d| directive_label(d, locale))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Cell::Text(
            row.developments
                .iter()
                .map(|d| development_line(d, locale))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Cell::Text(covers[0].clone()),
        Cell::Text(covers[1].clone()),
        Cell::Text(covers[2].clone()),
    ]
}

/// Writes a progress report as CSV (its irritants, one row each, with their group) or as an
/// XLSX workbook (a summary sheet, then the irritants sheet). Returns the irritants written.
pub fn write_report<W: Write + Send>(
    report: &ProgressReport,
    format: ExportFormat,
    locale: Locale,
    out: W,
) -> Result<u64, ExportError> {
    if format == ExportFormat::Json {
        serde_json::to_writer(out, report)?;
        return Ok(report.row_count() as u64);
    }
    let mut table: Box<dyn TableWriter> = match format {
        ExportFormat::Csv => Box::new(CsvTable::new(out)?),
        _ => {
            let mut workbook = Box::new(XlsxTable::new(out));
            let columns = [
                Column {
                    heading: locale.t("report-summary").into_owned(),
                    width: 30.0,
                },
                Column {
                    heading: String::new(),
                    width: 16.0,
                },
                Column {
                    heading: String::new(),
                    width: 16.0,
                },
            ];
            workbook.sheet(&locale.t("report-summary"), &columns)?;
            for row in summary_rows(report, locale) {
                workbook.row(&row)?;
            }
            workbook
        }
    };
    table.sheet(&locale.t("export-sheet-irritants"), &report_columns(locale))?;
    let covers = [
        format!("{} – {}", report.from, report.to),
        scope_words(locale, &report.scope()),
        report.marking.clone(),
    ];
    for group in &report.groups {
        let heading = group_heading(group, report.grouping, locale);
        for row in &group.irritants {
            table.row(&report_cells(row, (&heading, &covers), locale))?;
        }
    }
    table.finish()?;
    Ok(report.row_count() as u64)
}
