//! Briefs and progress reports as Word documents, in the reader's language: the same
//! content as their pages, laid out by [`crate::formats::docx`].

use std::collections::HashSet;

use super::{
    counterpart_name, development_sentence, event_sentence, group_heading, key_development,
    rag_words, scope_words, summary_rows, update_sentence,
};
use crate::domain::brief::Brief;
use crate::domain::report::{ProgressReport, ReportRow, SUMMARY_ROWS, most_urgent};
use crate::domain::{MeasureType, Priority, Sector, Status};
use crate::formats::docx::WordDocument;
use crate::formats::table::Cell;
use crate::i18n::Locale;

/// An irritant's brief as a Word document.
pub fn brief_document(brief: &Brief, locale: Locale) -> Result<Vec<u8>, std::io::Error> {
    let title = locale.t_with("brief-title", &[("reference", brief.reference.clone())]);
    let heading = format!("{title} · {} {}", locale.t("brief-made-on"), brief.made_on);
    let label = |key: &str| format!("{}{}", key, locale.colon());
    let mut document = WordDocument::new(&brief.marking, &heading)
        .title(&format!("{} {}", brief.reference, brief.title))
        .paragraph(&format!(
            "{} · {} · {}",
            counterpart_name(locale, &brief.counterpart),
            locale.label(Sector::LABEL_PREFIX, &brief.sector),
            locale.label(Priority::LABEL_PREFIX, brief.priority.code()),
        ))
        .heading(&locale.t("brief-issue"));
    if !brief.summary.is_empty() {
        document = document.paragraph(&brief.summary);
    }
    let measure_type = locale.label(MeasureType::LABEL_PREFIX, brief.measure_type.code());
    let measure = if brief.measure.is_empty() {
        measure_type.into_owned()
    } else {
        format!("{measure_type} — {}", brief.measure)
    };
    document = document
        .labelled(&label(&locale.field("measure_type")), &measure)
        .heading(&locale.t("brief-mandate"));
    if brief.mandates.is_empty() {
        document = document.paragraph(&locale.t("brief-no-mandate"));
    }
    for mandate in &brief.mandates {
        let quoted = locale.t_with("brief-quoted", &[("words", mandate.words.clone())]);
        let mut source = format!("{}, §{}", mandate.source_title, mandate.number);
        if let Some(day) = mandate.issued_on {
            source = format!("{source} · {day}");
        }
        document = document.quotation(&quoted, &source);
    }
    if brief.more_mandates > 0 {
        let more = brief.more_mandates.to_string();
        document = document.paragraph(&locale.t_with("brief-more-mandates", &[("count", more)]));
    }
    let none = || "—".to_owned();
    let status = format!(
        "{} {} {}",
        locale.label(Status::LABEL_PREFIX, brief.status.code()),
        locale.t("report-since"),
        brief.status_since
    );
    let mut target = brief.target_date.map_or_else(none, |day| day.to_string());
    if brief.overdue {
        target = format!("{target} ({})", locale.t("report-overdue"));
    }
    let mut facts = vec![
        (locale.field("status").into_owned(), status),
        (
            locale.field("rag").into_owned(),
            rag_words(locale, brief.rag),
        ),
        (
            locale.field("owner").into_owned(),
            brief.owner.clone().unwrap_or_else(none),
        ),
        (
            locale.field("lead_department").into_owned(),
            brief.department.clone().unwrap_or_else(none),
        ),
        (
            locale.t("brief-opened").into_owned(),
            brief.opened_on.to_string(),
        ),
        (locale.field("target_date").into_owned(), target),
    ];
    if let Some(day) = brief.in_force_since {
        facts.push((locale.field("in_force_since").into_owned(), day.to_string()));
    }
    facts.push((
        locale.t("brief-next-milestone").into_owned(),
        brief
            .next_milestone
            .as_ref()
            .map_or_else(none, |milestone| {
                let late = if brief.milestone_overdue {
                    format!(" ({})", locale.t("report-overdue"))
                } else {
                    String::new()
                };
                format!("{} · {}{late}", milestone.due, milestone.title)
            }),
    ));
    document = document.heading(&locale.t("brief-standing"));
    for (name, value) in &facts {
        document = document.labelled(&label(name), value);
    }
    document = document.heading(&locale.t("brief-latest"));
    if brief.latest.is_empty() {
        document = document.paragraph(&locale.t("brief-nothing-yet"));
    }
    for event in &brief.latest {
        let lead = format!("{}{}", event.on(), locale.colon());
        document = document.item(&lead, &event_sentence(locale, event));
    }
    let next_steps = if brief.next_steps.is_empty() {
        none()
    } else {
        brief.next_steps.clone()
    };
    document
        .heading(&locale.field("next_steps"))
        .paragraph(&next_steps)
        .into_bytes()
}

/// A progress report as a Word document: its summary for ministers, its figures, then each
/// group with its irritants and what happened to them in the period.
pub fn report_document(report: &ProgressReport, locale: Locale) -> Result<Vec<u8>, std::io::Error> {
    let (from, to) = (report.from.to_string(), report.to.to_string());
    let title = locale.t_with("report-title", &[("from", from), ("to", to)]);
    let scope = scope_words(locale, &report.scope());
    let mut document = WordDocument::new(&report.marking, &format!("{title} · {scope}"))
        .title(&title)
        .paragraph(&format!(
            "{}{}{scope}",
            locale.t("report-scope"),
            locale.colon()
        ));
    let shown: HashSet<&str> = most_urgent(report, SUMMARY_ROWS).into_iter().collect();
    if !shown.is_empty() {
        let mut rows = vec![vec![
            locale.t("report-glance-irritant").into_owned(),
            locale.field("status").into_owned(),
            locale.field("rag").into_owned(),
            locale.t("report-glance-development").into_owned(),
        ]];
        let glance = report
            .rows()
            .filter(|row| shown.contains(row.reference.as_str()));
        rows.extend(glance.map(|row| {
            vec![
                format!(
                    "{} {}",
                    row.reference,
                    row.title_for(locale.language()).text
                ),
                locale
                    .label(Status::LABEL_PREFIX, row.status.code())
                    .into_owned(),
                rag_words(locale, row.rag),
                key_development(locale, row),
            ]
        }));
        document = document
            .heading(&locale.t("report-glance"))
            .table(&[4, 2, 2, 5], &rows);
        let more = report.row_count() - shown.len();
        if more > 0 {
            let more = more.to_string();
            document = document.paragraph(&locale.t_with("report-glance-more", &[("count", more)]));
        }
    }
    let figures: Vec<Vec<String>> = summary_rows(report, locale)
        .iter()
        .map(|cells| cells.iter().map(cell_text).collect())
        .collect();
    document = document
        .heading(&locale.t("report-summary"))
        .table(&[3, 2, 2], &figures);
    if report.groups.is_empty() {
        document = document.paragraph(&locale.t("report-empty"));
    }
    for group in &report.groups {
        document = document.heading(&group_heading(group, report.grouping, locale));
        for row in &group.irritants {
            document = irritant(document, locale, row, report.tells_developments);
        }
    }
    document.into_bytes()
}

/// One irritant of a report: its facts, then what happened in the period.
fn irritant(
    document: WordDocument,
    locale: Locale,
    row: &ReportRow,
    tells_developments: bool,
) -> WordDocument {
    let none = || "—".to_owned();
    let facts = format!(
        "{} {} {} · {} · {} · {} · {}",
        locale.label(Status::LABEL_PREFIX, row.status.code()),
        locale.t("report-since"),
        row.status_since,
        rag_words(locale, row.rag),
        counterpart_name(locale, &row.counterpart),
        row.owner.clone().unwrap_or_else(none),
        row.target_date.map_or_else(none, |day| day.to_string()),
    );
    let mut document = document
        .subheading(&format!(
            "{} {}",
            row.reference,
            row.title_for(locale.language()).text
        ))
        .paragraph(&facts);
    if row.developments.is_empty() && row.updates.is_empty() {
        let key = if tells_developments {
            "report-nothing-recorded"
        } else {
            "report-no-updates"
        };
        document = document.paragraph(&locale.t(key));
    }
    for development in &row.developments {
        let lead = format!("{}{}", development.on, locale.colon());
        document = document.item(&lead, &development_sentence(development, locale));
    }
    for update in &row.updates {
        let lead = format!("{}{}", update.reported_on, locale.colon());
        document = document.item(&lead, &update_sentence(update, locale));
    }
    match row.next_steps_for(locale.language()) {
        Some(next) => document.labelled(
            &format!("{}{}", locale.field("next_steps"), locale.colon()),
            next.text,
        ),
        None => document,
    }
}

/// A spreadsheet cell's value as text.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::Date(day) => day.to_string(),
        Cell::Time(time) => time.format("%Y-%m-%d %H:%M").to_string(),
        Cell::Number(number) => number.to_string(),
        Cell::Empty => String::new(),
    }
}
