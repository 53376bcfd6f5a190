//! Bringing irritants in from a spreadsheet: the upload form, then the preview where the
//! official maps the columns and sees every problem by row and column before anything is
//! stored.

use maud::{Markup, html};

use super::Viewer;
use super::components::breadcrumbs;
use super::forms::{Field, csrf_field, error_summary, text_input};
use super::layout::page;
use crate::domain::FieldErrors;
use crate::i18n::Locale;
use crate::import::duplicates::LikelyDuplicate;
use crate::import::mapping::{FIELDS, Mapping};
use crate::import::rows::{Checked, RowProblem};
use crate::import::sheet::{Sheet, SheetNotice};

/// The most problems listed on the page; the count says how many there are in all.
const PROBLEMS_SHOWN: usize = 200;

/// The most rows shown as they will be stored.
const ROWS_SHOWN: usize = 10;

/// The form that uploads a spreadsheet; after an import, how many irritants it stored.
pub fn upload_page(
    viewer: &Viewer,
    errors: &FieldErrors,
    (imported, max_megabytes): (Option<usize>, u64),
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("import-irritants-title");
    page(
        viewer,
        &title,
        html! {
            (breadcrumbs(locale, &[("/irritants", &locale.t("nav-irritants"))]))
            h1 { (title) }
            @if let Some(count) = imported {
                div.notice role="status" {
                    p { (locale.t_with("notice-irritants-imported", &[("count", count.to_string())])) " "
                        a href="/irritants?sort=updated" { (locale.t("import-see-list")) } }
                }
            }
            p.lead { (locale.t("import-irritants-intro")) }
            (error_summary(locale, errors))
            form method="post" action="/irritants/import" enctype="multipart/form-data" novalidate {
                (csrf_field(viewer))
                @let hint = locale.t_with("hint-import-file", &[("max", max_megabytes.to_string())]);
                (text_input(locale, Field::new("file", "").required().hint(hint.into()), errors, "file"))
                div.actions { button type="submit" { (locale.t("action-preview")) } }
            }
        },
    )
}

/// What the preview shows.
pub struct Preview<'a> {
    pub upload_id: &'a str,
    pub file_name: &'a str,
    pub sheet: &'a Sheet,
    pub notice: Option<SheetNotice>,
    pub mapping: &'a Mapping,
    /// Problems with the mapping itself, next to the columns.
    pub errors: &'a FieldErrors,
    pub checked: &'a Checked,
    /// Rows that may repeat irritants of the register: flagged, not refused.
    pub duplicates: &'a [LikelyDuplicate],
}

/// The columns to map and the rows as checked, with the button that imports them once
/// nothing stands in the way.
pub fn preview_page(viewer: &Viewer, preview: &Preview) -> Markup {
    let locale = viewer.locale;
    let title = locale.t_with(
        "import-preview-title",
        &[("file", preview.file_name.to_owned())],
    );
    let action = format!("/irritants/import/{}", preview.upload_id);
    let checked = preview.checked;
    let ready = preview.errors.is_empty() && checked.problems.is_empty();
    page(
        viewer,
        &title,
        html! {
            (breadcrumbs(locale, &[("/irritants", &locale.t("nav-irritants")), ("/irritants/import", &locale.t("import-irritants-title"))]))
            h1 { (title) }
            @if preview.notice == Some(SheetNotice::ConvertedFromWindows1252) {
                p.warning role="status" { (locale.t("import-converted")) }
            }
            (error_summary(locale, preview.errors))
            form method="post" action=(action) novalidate {
                (csrf_field(viewer))
                // The mapping the rows below were checked with: an import under another one
                // is checked and shown first.
                input type="hidden" name="previewed" value=(preview.mapping.fingerprint());
                (columns(locale, preview))
                section aria-labelledby="rows-heading" {
                    h2 #rows-heading { (locale.t("import-rows")) }
                    @if ready {
                        p { (locale.t_with("import-rows-ready", &[("count", checked.rows.len().to_string())])) }
                        (rows_shown(locale, preview))
                        (duplicates(locale, preview.duplicates))
                    } @else if !checked.problems.is_empty() {
                        (problems(locale, &checked.problems))
                    }
                }
                div.actions {
                    button.secondary type="submit" { (locale.t("action-check-again")) }
                    @if ready {
                        button type="submit" name="confirm" value="yes" {
                            (locale.t_with("action-import-rows", &[("count", checked.rows.len().to_string())]))
                        }
                    }
                }
                p { a href={(action) "/mapping.toml"} download { (locale.t("import-mapping-download")) } }
            }
        },
    )
}

/// A choice of field for each column, with the column's first value to recognise it by.
fn columns(locale: Locale, preview: &Preview) -> Markup {
    let first_row = preview.sheet.rows.first();
    html! {
        section aria-labelledby="columns-heading" {
            h2 #columns-heading { (locale.t("import-columns")) }
            p.hint { (locale.t("import-columns-help")) }
            table.import-columns {
                thead { tr {
                    th scope="col" { (locale.t("import-column")) }
                    th scope="col" { (locale.t("import-first-row")) }
                    th scope="col" { (locale.t("import-fills")) }
                } }
                tbody {
                    @for (at, heading) in preview.sheet.headings.iter().enumerate() {
                        @let id = format!("field-column_{at}");
                        @let chosen = preview.mapping.field_of(at).unwrap_or("");
                        tr {
                            th scope="row" { label for=(id) { (heading) } }
                            td { (first_row.and_then(|row| row.get(at)).map_or("", String::as_str)) }
                            td {
                                select id=(id) name={"column_" (at)} {
                                    option value="" selected[chosen.is_empty()] { (locale.t("import-not-read")) }
                                    @for field in FIELDS {
                                        option value=(field) selected[chosen == field] { (locale.field(field)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Every problem, by row and column, as many as the page can hold.
fn problems(locale: Locale, problems: &[RowProblem]) -> Markup {
    html! {
        div.error-summary role="alert" {
            p { strong { (locale.t_with("import-rows-problems", &[("count", problems.len().to_string())])) } }
            ul.import-problems {
                @for problem in problems.iter().take(PROBLEMS_SHOWN) {
                    @let message = locale.field_error(&problem.error);
                    li { (match &problem.column {
                        Some(column) => locale.t_with("import-problem-cell", &[("row", problem.line.to_string()), ("column", column.clone()), ("message", message)]),
                        None => locale.t_with("import-problem-row", &[("row", problem.line.to_string()), ("message", message)]),
                    }) }
                }
            }
        }
    }
}

/// The rows that may repeat an irritant of the register, each linked to it.
fn duplicates(locale: Locale, duplicates: &[LikelyDuplicate]) -> Markup {
    html! {
        @if !duplicates.is_empty() {
            div.warning role="status" {
                p { strong { (locale.t_with("import-duplicates", &[("count", duplicates.len().to_string())])) } }
                ul.import-duplicates {
                    @for duplicate in duplicates.iter().take(PROBLEMS_SHOWN) {
                        li {
                            (locale.t_with("import-duplicate-row", &[("row", duplicate.line.to_string())])) " "
                            a href={"/irritants/" (duplicate.reference)} { (duplicate.reference) " “" (duplicate.title) "”" }
                        }
                    }
                }
            }
        }
    }
}

/// The first rows as they will be stored.
fn rows_shown(locale: Locale, preview: &Preview) -> Markup {
    html! {
        table.import-rows {
            thead { tr {
                th scope="col" { (locale.t("import-row")) }
                th scope="col" { (locale.field("reference")) }
                th scope="col" { (locale.field("title")) }
                th scope="col" { (locale.field("counterpart")) }
                th scope="col" { (locale.field("status")) }
            } }
            tbody {
                @for row in preview.checked.rows.iter().take(ROWS_SHOWN) {
                    tr {
                        td { (row.line) }
                        td { (row.reference.map(|r| r.to_string()).unwrap_or_default()) }
                        td lang=(row.fields.language.code()) { (row.fields.title) }
                        td { (row.fields.counterpart) }
                        td { (locale.label(crate::domain::Status::LABEL_PREFIX, row.status.status.code())) }
                    }
                }
            }
        }
    }
}
