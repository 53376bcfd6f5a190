//! Progress reports: the form that asks for one, the report as a page that prints well, and
//! the list of issued reports.

use crate::views::components::local_time;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use maud::{Markup, html};

use super::Viewer;
use super::components::{
    message_with_title, notice, rag_badge, scrolling_table, shown_text, status_badge,
};
use super::forms::{
    DATE_INPUT, Field, checkbox, csrf_field, department_options, error_summary, select, text_input,
    vocabulary_options,
};
use super::layout::page;
use crate::db::reports::IssuedSummary;
use crate::domain::accounts::Permission;
use crate::domain::dashboard::DashboardScope;
use crate::domain::ids::ReportId;
use crate::domain::report::{
    DirectiveRef, Grouping, PeriodPreset, ProgressReport, RagTrend, ReportComparison, ReportFormat,
    ReportGroup, ReportParams, ReportRow, SUMMARY_ROWS, most_urgent,
};
use crate::domain::{FieldErrors, Priority, Rag, ReferenceData, Sector, Status};
use crate::export::{development_sentence, group_heading, key_development, scope_words};
use crate::i18n::Locale;

/// `/reports`: the form, then the issued reports.
pub fn reports_page(
    viewer: &Viewer,
    (params, errors, notice_key): (&ReportParams, &FieldErrors, Option<&'static str>),
    issued: &[IssuedSummary],
    reference_data: &ReferenceData,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("reports-title");
    let any = || locale.t("filter-any");
    let choices = |prefix: &str, codes: &[&str]| -> Vec<(String, std::borrow::Cow<'static, str>)> {
        codes
            .iter()
            .map(|code| ((*code).to_owned(), locale.t(&format!("{prefix}-{code}"))))
            .collect()
    };
    let groupings: Vec<&str> = Grouping::ALL.iter().map(|g| g.code()).collect();
    let formats: Vec<&str> = ReportFormat::ALL.iter().map(|f| f.code()).collect();
    let presets: Vec<&str> = PeriodPreset::ALL.iter().map(|p| p.code()).collect();
    let periods: Vec<_> = std::iter::once((String::new(), locale.t("report-period-dates")))
        .chain(choices("report-period", &presets))
        .collect();
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            @if let Some(key) = notice_key { (notice(&locale.t(key))) }
            p { (locale.t("reports-intro")) }
            form.report-form method="get" action="/reports/progress" {
                (error_summary(locale, errors))
                div.filter-grid {
                    (select(locale, Field::new("period", &params.period).hint(locale.t("hint-report-period")), errors, &periods))
                    (text_input(locale, Field::new("from", &params.from).hint(locale.t("hint-date")), errors, DATE_INPUT))
                    (text_input(locale, Field::new("to", &params.to).hint(locale.t("hint-date")), errors, DATE_INPUT))
                    (select(locale, Field::new("group", &params.group), errors, &choices("report-group", &groupings)))
                    (select(locale, Field::new("format", &params.format), errors, &choices("report-format", &formats)))
                    (text_input(locale, Field::new("counterpart", &params.counterpart).hint(locale.t("hint-counterpart-code")), errors, "text"))
                    (select(locale, Field::new("sector", &params.sector), errors,
                        &vocabulary_options(locale, Sector::ALL, Sector::LABEL_PREFIX, Sector::code, Some(any()))))
                    (select(locale, Field::new("department", &params.department), errors, &department_options(locale, reference_data, any())))
                    (select(locale, Field::new("priority", &params.priority), errors,
                        &vocabulary_options(locale, Priority::ALL, Priority::LABEL_PREFIX, Priority::code, Some(any()))))
                }
                div.actions { button type="submit" { (locale.t("reports-make")) } }
            }
            section aria-labelledby="issued-heading" {
                h2 id="issued-heading" { (locale.t("reports-issued-heading")) }
                @if issued.is_empty() {
                    p.muted { (locale.t("reports-issued-none")) }
                } @else {
                    (scrolling_table(&locale.t("reports-issued-caption"), html! {
                        table {
                            caption.visually-hidden { (locale.t("reports-issued-caption")) }
                            thead { tr {
                                th scope="col" { (locale.t("report-from")) " – " (locale.t("report-to")) }
                                th scope="col" { (locale.t("report-scope")) }
                                th scope="col" { (locale.t("reports-issued-at")) }
                                th scope="col" { (locale.t("report-rows-heading")) }
                            } }
                            tbody {
                                @for report in issued {
                                    tr {
                                        td { a href={"/reports/" (report.id)} { (report.from) " – " (report.to) } }
                                        td { (scope_text(locale, &report.scope)) }
                                        td { (local_time(report.issued_at)) " · " (report.issued_by) }
                                        td.number { (report.row_count) }
                                    }
                                }
                            }
                        }
                    }))
                }
            }
        },
    )
}

/// An issued report's scope, stored as the list's query string, in words.
/// The report a form issues, as hidden fields.
fn report_fields(params: &ReportParams) -> Markup {
    html! {
        @for (name, value) in [("from", &params.from), ("to", &params.to), ("group", &params.group),
            ("counterpart", &params.counterpart), ("sector", &params.sector),
            ("department", &params.department), ("priority", &params.priority)] {
            input type="hidden" name=(name) value=(value);
        }
    }
}

/// What freezing will store, for the person to confirm; or the issued report that holds the
/// same already, pointed to instead.
pub fn issue_confirmation_page(
    viewer: &Viewer,
    report: &ProgressReport,
    params: &ReportParams,
    already: Option<&IssuedSummary>,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("report-issue-confirm-title");
    let back = format!("/reports/progress?{}", params.to_query_string());
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            dl.facts {
                div { dt { (locale.t("report-period")) } dd { (report.from) " – " (report.to) } }
                div { dt { (locale.t("report-scope")) } dd { (scope_of(locale, report)) } }
                div { dt { (locale.t("report-rows-heading")) } dd { (report.row_count()) } }
            }
            @match already {
                Some(issued) => {
                    div.notice role="status" {
                        p {
                            (locale.t_with("report-issued-already", &[
                                ("when", local_time(issued.issued_at)),
                                ("by", issued.issued_by.clone()),
                            ])) " "
                            a href={"/reports/" (issued.id)} { (locale.t("report-issued-already-open")) }
                        }
                    }
                    p { a href=(back) { (locale.t("report-issue-back")) } }
                }
                None => {
                    p { (locale.t("report-issue-hint")) }
                    form.actions method="post" action="/reports/issue" {
                        (csrf_field(viewer))
                        (report_fields(params))
                        input type="hidden" name="confirmed" value="true";
                        button type="submit" { (locale.t("report-issue-confirm")) }
                        a.button.secondary href=(back) { (locale.t("action-cancel")) }
                    }
                }
            }
            (summary(locale, report))
        },
    )
}

/// The one-page summary for ministers: the most urgent irritants, grouped as the report is,
/// each with its status, its RAG and which way it went since `earlier` (the previous issued
/// report for the scope), and the period's key development in a line.
fn at_a_glance(
    locale: Locale,
    report: &ProgressReport,
    earlier: Option<&ProgressReport>,
) -> Markup {
    let shown: HashSet<&str> = most_urgent(report, SUMMARY_ROWS).into_iter().collect();
    let before: Option<HashMap<&str, Option<Rag>>> = earlier.map(|earlier| {
        earlier
            .rows()
            .map(|row| (row.reference.as_str(), row.rag))
            .collect()
    });
    let more = report.row_count() - shown.len();
    html! {
        @if !shown.is_empty() {
            section.at-a-glance aria-labelledby="glance-heading" {
                h2 #glance-heading { (locale.t("report-glance")) }
                (scrolling_table(&locale.t("report-glance"), html! { table.glance {
                    caption.visually-hidden { (locale.t("report-glance")) }
                    thead { tr {
                        th scope="col" { (locale.t("report-glance-irritant")) }
                        th scope="col" { (locale.field("status")) }
                        th scope="col" { (locale.field("rag")) }
                        th scope="col" { (locale.t("report-glance-development")) }
                    } }
                    @for group in &report.groups {
                        @let rows: Vec<&ReportRow> = group.irritants.iter().filter(|row| shown.contains(row.reference.as_str())).collect();
                        @if !rows.is_empty() {
                            tbody {
                                tr.glance-group { th colspan="4" scope="rowgroup" { (group_named(locale, group, report.grouping)) } }
                                @for row in rows {
                                    tr {
                                        th scope="row" { a href={"/irritants/" (row.reference)} { (row.reference) } " " (shown_text(locale, row.title_for(locale.language()))) }
                                        td { (locale.label(Status::LABEL_PREFIX, row.status.code())) }
                                        td {
                                            (rag_badge(locale, row.rag))
                                            @if let Some(before) = &before {
                                                @let trend = RagTrend::between(before.get(row.reference.as_str()).copied(), row.rag);
                                                " " span class={"trend trend-" (trend.code())} {
                                                    span aria-hidden="true" { (trend.arrow()) " " }
                                                    (locale.t(&format!("report-trend-{}", trend.code())))
                                                }
                                            }
                                        }
                                        td { (key_development(locale, row)) }
                                    }
                                }
                            }
                        }
                    }
                } }))
                @if more > 0 {
                    p { (locale.t_with("report-glance-more", &[("count", more.to_string())])) }
                }
                @if before.is_none() {
                    p.hint { (locale.t("report-glance-no-earlier")) }
                }
            }
        }
    }
}

fn scope_text(locale: Locale, scope: &str) -> String {
    let scope: DashboardScope = serde_urlencoded::from_str(scope).unwrap_or_default();
    scope_words(locale, &scope)
}

/// Where an issued report came from, and what changed since the one before it.
pub struct Issued<'a> {
    pub summary: &'a IssuedSummary,
    pub previous: Option<(&'a IssuedSummary, ReportComparison)>,
    /// The other reports issued for the same scope, to compare with instead.
    pub others: &'a [IssuedSummary],
    /// For those who may delete it: the deletion form's problems, if it was refused.
    pub deletion: Option<&'a FieldErrors>,
}

/// A report as a page: the running header for print, the summary, then each group with its
/// irritants. `downloads` is the query string of this report without its format (live
/// reports) or the issued report's address (issued ones).
pub fn report_page(
    viewer: &Viewer,
    (report, earlier, marking): (&ProgressReport, Option<&ProgressReport>, &str),
    download_base: &str,
    issue_form: Option<&ReportParams>,
    issued: Option<Issued>,
) -> Markup {
    let locale = viewer.locale;
    // As it was made; a report issued before reports carried one shows today's.
    let marking = if report.marking.is_empty() {
        marking
    } else {
        &report.marking
    };
    let (from, to) = (report.from.to_string(), report.to.to_string());
    let title = locale.t_with(
        "report-title",
        &[("from", from.clone()), ("to", to.clone())],
    );
    let generated = local_time(report.generated_at);
    // Every printed page says what it is from, for whom, and how it is to be handled.
    let running_header = html! {
        p.print-running-header aria-hidden="true" {
            @if !marking.is_empty() { strong.marking-line { (marking) } " · " }
            (locale.t_with("report-running-header", &[("from", from), ("to", to), ("generated", generated.clone())]))
            " · " (scope_of(locale, report))
        }
    };
    page(
        viewer,
        &title,
        printed_with_header(
            running_header,
            html! {
                @if !marking.is_empty() { p.marking { (marking) } }
                h1 { (title) }
                p { (locale.t("report-generated-at")) " " (generated) " · " (locale.t("report-scope")) (locale.colon()) (scope_of(locale, report)) }
                @if let Some(issued) = &issued {
                    p.notice { (locale.t_with("report-issued-by", &[("name", issued.summary.issued_by.clone()), ("when", local_time(issued.summary.issued_at))])) }
                }
                nav.exports aria-label=(locale.t("report-download")) {
                    span { (locale.t("report-download")) }
                    @for format in [ReportFormat::Csv, ReportFormat::Xlsx, ReportFormat::Json, ReportFormat::Docx] {
                        a download href={(download_base) "format=" (format.code())} { (locale.t(&format!("report-format-{}", format.code()))) }
                    }
                }
                @if let Some(params) = issue_form && viewer.may(Permission::IssueReports) {
                    form.inline.actions method="post" action="/reports/issue" {
                        (csrf_field(viewer))
                        (report_fields(params))
                        button type="submit" aria-describedby="issue-hint" { (locale.t("report-issue")) }
                        p.hint id="issue-hint" { (locale.t("report-issue-hint")) }
                    }
                }
                (at_a_glance(locale, report, earlier))
                @if let Some(issued) = &issued {
                    (comparison(locale, issued))
                }
                (summary(locale, report))
                @if report.groups.is_empty() {
                    p { (locale.t("report-empty")) }
                }
                @for group in &report.groups {
                    section.report-group {
                        h2 { (group_named(locale, group, report.grouping)) " " span.muted { "(" (irritant_count(locale, group.irritants.len())) ")" } }
                        @for row in &group.irritants {
                            (report_row(locale, row, report))
                        }
                    }
                }
                @if let Some(issued) = &issued && let Some(errors) = issued.deletion {
                    (delete_form(viewer, &issued.summary.id, errors))
                }
            },
        ),
    )
}

/// Content that repeats `header` at the top of every printed page. Browsers repeat a table's
/// head on each page and keep room for it, which a fixed element does not; on screen the
/// frame is plain blocks and the header is hidden.
pub(super) fn printed_with_header(header: Markup, content: Markup) -> Markup {
    html! {
        table.print-frame role="presentation" {
            thead { tr { td { (header) } } }
            tbody { tr { td { (content) } } }
        }
    }
}

/// A directive as the report names it, its document's title marked with its language.
fn directive_named(locale: Locale, directive: &DirectiveRef) -> Markup {
    let (title, language) = directive.title_for(locale.language());
    message_with_title(
        locale,
        "report-directive",
        title,
        language,
        &[("number", directive.number.to_string())],
    )
}

/// A group's heading: its directive, or the words for its sector or for no directive.
fn group_named(locale: Locale, group: &ReportGroup, grouping: Grouping) -> Markup {
    match (grouping, &group.directive) {
        (Grouping::Directive, Some(directive)) => directive_named(locale, directive),
        _ => html! { (group_heading(group, grouping, locale)) },
    }
}

/// "1 irritant", "6 irritants".
fn irritant_count(locale: Locale, count: usize) -> String {
    let key = if locale.is_singular(count) {
        "report-rows-one"
    } else {
        "report-rows"
    };
    locale.t_with(key, &[("count", count.to_string())])
}

fn scope_of(locale: Locale, report: &ProgressReport) -> String {
    scope_words(locale, &report.scope())
}

fn summary(locale: Locale, report: &ProgressReport) -> Markup {
    let summary = &report.summary;
    html! {
        section.report-summary aria-labelledby="summary-heading" {
            h2 id="summary-heading" { (locale.t("report-summary")) }
            (scrolling_table(&locale.t("report-summary-caption"), html! {
                table {
                    caption { (locale.t("report-summary-caption")) }
                    thead { tr {
                        th scope="col" { (locale.t("report-status-heading")) }
                        th scope="col" { (locale.t("report-at-start")) " (" (report.from.pred_opt().unwrap_or(report.from)) ")" }
                        th scope="col" { (locale.t("report-at-end")) " (" (report.to) ")" }
                    } }
                    tbody {
                        @for status in Status::ALL {
                            tr {
                                th scope="row" { (locale.label(Status::LABEL_PREFIX, status.code())) }
                                td.number { (summary.at_start.get(*status)) }
                                td.number { (summary.at_end.get(*status)) }
                            }
                        }
                    }
                }
            }))
            dl.report-figures {
                @for (key, value) in [("report-opened", summary.opened), ("report-resolved", summary.resolved),
                    ("report-reopened", summary.reopened), ("report-overdue-at-end", summary.overdue_at_end)] {
                    div { dt { (locale.t(key)) } dd { (value) } }
                }
            }
        }
    }
}

/// One irritant of the report. Its directives are named unless the group's heading names the
/// only one it answers.
fn report_row(locale: Locale, row: &ReportRow, report: &ProgressReport) -> Markup {
    let grouping = report.grouping;
    let names_directives = match grouping {
        Grouping::Directive => row.directives.len() > 1,
        Grouping::Sector => !row.directives.is_empty(),
    };
    html! {
        article.report-irritant {
            h3 {
                a href={"/irritants/" (row.reference)} { (row.reference) } " " (shown_text(locale, row.title_for(locale.language())))
            }
            dl.facts {
                div { dt { (locale.field("status")) } dd { (status_badge(locale, row.status)) " " (locale.t("report-since")) " " (row.status_since) } }
                div { dt { (locale.field("rag")) } dd { (rag_badge(locale, row.rag)) } }
                div { dt { (locale.field("counterpart")) } dd { (row.counterpart) } }
                div { dt { (locale.field("owner")) } dd { (row.owner.as_deref().unwrap_or("—")) " · " (row.department.as_deref().unwrap_or("—")) } }
                div { dt { (locale.field("target_date")) } dd {
                    @match row.target_date { Some(day) => (day), None => "—" }
                    @if row.overdue { " " strong.overdue { (locale.t("report-overdue")) } }
                    @if let Some(slip) = &row.target_slipped {
                        br;
                        (locale.t_with("report-slipped", &[
                            ("from", slip.from.map_or("—".to_owned(), |d| d.to_string())),
                            ("to", slip.to.map_or("—".to_owned(), |d| d.to_string())),
                        ]))
                    }
                } }
                @if names_directives {
                    div { dt { (locale.t("report-directives")) } dd {
                        @for (i, directive) in row.directives.iter().enumerate() {
                            @if i > 0 { "; " }
                            a href={"/sources/" (directive.source_id) "#statement-" (directive.number)} { (directive_named(locale, directive)) }
                        }
                    } }
                }
            }
            @if row.developments.is_empty() && row.updates.is_empty() {
                // A report issued before developments were told holds updates alone.
                p.muted { (locale.t(if report.tells_developments { "report-nothing-recorded" } else { "report-no-updates" })) }
            }
            @if !row.developments.is_empty() {
                h4 { (locale.t("report-developments")) }
                ul.developments {
                    @for development in &row.developments {
                        li { strong { (development.on) } " · " (development_sentence(development, locale)) }
                    }
                }
            }
            @if !row.updates.is_empty() {
                h4 { (locale.t("report-updates")) }
                ul.updates {
                    @for update in &row.updates {
                        li {
                            p { strong { (update.reported_on) } " · " (rag_badge(locale, Some(update.rag))) " · " (update.author) }
                            @let done = update.text.done_for(locale.language());
                            p lang=[done.lang_for(locale.language())] { (done.text) }
                        }
                    }
                }
            }
            @if let Some(next) = row.next_steps_for(locale.language()) {
                p { strong { (locale.field("next_steps")) (locale.colon()) } (shown_text(locale, next)) }
            }
        }
    }
}

fn comparison(locale: Locale, issued: &Issued) -> Markup {
    html! {
        section.report-comparison aria-labelledby="comparison-heading" {
            @match &issued.previous {
                None => {
                    h2 id="comparison-heading" { (locale.t("report-compare-heading-plain")) }
                    p { (locale.t("report-compare-none")) }
                    (compare_choice(locale, issued))
                }
                Some((previous, changes)) => {
                    h2 id="comparison-heading" {
                        a href={"/reports/" (previous.id)} {
                            (locale.t_with("report-compare-heading", &[("when", local_time(previous.issued_at))]))
                        }
                    }
                    @let status = |s: &Status| locale.label(Status::LABEL_PREFIX, s.code()).into_owned();
                    @let rag = |r: &Option<Rag>| r.map_or("—".to_owned(), |r| locale.label(Rag::LABEL_PREFIX, r.code()).into_owned());
                    @let day = |d: &Option<NaiveDate>| d.map_or("—".to_owned(), |d| d.to_string());
                    @let name = |n: &Option<String>| n.clone().unwrap_or_else(|| "—".to_owned());
                    (compare_choice(locale, issued))
                    dl.comparison {
                        div { dt { (locale.t("report-compare-new")) } dd { (references(locale, changes.new.iter())) } }
                        div { dt { (locale.t("report-compare-changed-status")) } dd {
                            (moves(locale, changes.changed_status.iter().map(|(r, b, a)| (r, status(b), status(a)))))
                        } }
                        div { dt { (locale.t("report-compare-changed-rag")) } dd {
                            (moves(locale, changes.changed_rag.iter().map(|(r, b, a)| (r, rag(b), rag(a)))))
                        } }
                        div { dt { (locale.t("report-compare-slipped")) } dd {
                            (moves(locale, changes.slipped.iter().map(|(r, b, a)| (r, day(b), day(a)))))
                        } }
                        div { dt { (locale.t("report-compare-changed-owner")) } dd {
                            (moves(locale, changes.changed_owner.iter().map(|(r, b, a)| (r, name(b), name(a)))))
                        } }
                        div { dt { (locale.t("report-compare-new-directives")) } dd {
                            @if changes.new_directives.is_empty() { (locale.t("report-compare-nothing")) }
                            @for (i, (reference, directive)) in changes.new_directives.iter().enumerate() {
                                @if i > 0 { "; " }
                                a href={"/irritants/" (reference)} { (reference) } (locale.colon())
                                (directive_named(locale, directive))
                            }
                        } }
                        div { dt { (locale.t("report-compare-resolved")) } dd { (references(locale, changes.resolved.iter())) } }
                    }
                }
            }
        }
    }
}

/// Irritants whose value moved, each "reference: before → after"; "Nothing." for none.
fn moves<'a>(locale: Locale, moved: impl Iterator<Item = (&'a String, String, String)>) -> Markup {
    let moved: Vec<_> = moved.collect();
    html! {
        @if moved.is_empty() { (locale.t("report-compare-nothing")) }
        @for (i, (reference, before, after)) in moved.iter().enumerate() {
            @if i > 0 { "; " }
            a href={"/irritants/" (reference)} { (reference) } (locale.colon())
            (before) " → " (after)
        }
    }
}

/// The choice of the issued report to compare with: any other of the same scope.
fn compare_choice(locale: Locale, issued: &Issued) -> Markup {
    let chosen = issued
        .previous
        .as_ref()
        .map(|(summary, _)| summary.id.to_string())
        .unwrap_or_default();
    let options: Vec<(String, std::borrow::Cow<'static, str>)> = issued
        .others
        .iter()
        .map(|other| {
            let label = format!(
                "{} – {} · {} · {}",
                other.from,
                other.to,
                local_time(other.issued_at),
                other.issued_by
            );
            (other.id.to_string(), std::borrow::Cow::Owned(label))
        })
        .collect();
    html! {
        @if !options.is_empty() {
            form.inline.compare-choice method="get" action={"/reports/" (issued.summary.id)} {
                (select(locale, Field::new("compare", &chosen), &FieldErrors::new(), &options))
                button.secondary type="submit" { (locale.t("report-compare-choose")) }
            }
        }
    }
}

fn references<'a>(locale: Locale, references: impl Iterator<Item = &'a String>) -> Markup {
    let references: Vec<&String> = references.collect();
    html! {
        @if references.is_empty() { (locale.t("report-compare-nothing")) }
        @for (i, reference) in references.iter().enumerate() {
            @if i > 0 { ", " }
            a href={"/irritants/" (reference)} { (reference) }
        }
    }
}

/// The form that deletes an issued report, for administrators.
fn delete_form(viewer: &Viewer, id: &ReportId, errors: &FieldErrors) -> Markup {
    let locale = viewer.locale;
    html! {
        form.danger method="post" action={"/reports/" (id) "/delete"} {
            (csrf_field(viewer))
            (error_summary(locale, errors))
            (checkbox(locale, Field::new("confirm_delete", "yes"), errors, false))
            button type="submit" { (locale.t("report-delete")) }
        }
    }
}
