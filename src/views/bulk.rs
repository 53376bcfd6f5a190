//! The pages of a bulk change: the values to give, the review of what will change, and what
//! became of each irritant.

use maud::{Markup, html};

use super::Viewer;
use super::components::{
    breadcrumbs, priority_badge, scrolling_table, shown_text, status_badge, timestamp,
};
use super::forms::{
    Field, csrf_field, department_options, error_summary, select, vocabulary_options,
};
use super::irritants::{owner_options, status_fields};
use super::layout::page;
use crate::db::bulk_changes::StoredBulkChange;
use crate::domain::bulk::{
    BulkAction, BulkChange, BulkInput, Chosen, ItemOutcome, Preview, Problem, tally,
};
use crate::domain::{FieldErrors, Priority, Reference, ReferenceData, Status};
use crate::i18n::Locale;

fn trail(locale: Locale) -> Markup {
    breadcrumbs(locale, &[("/irritants", &locale.t("nav-irritants"))])
}

/// The hidden fields that carry the chosen irritants (by reference) to the next step.
fn carried(references: &[Reference]) -> Markup {
    html! {
        @for reference in references {
            input type="hidden" name="pick" value=(reference);
        }
    }
}

/// The values a bulk change needs, asked once for all the irritants chosen.
pub fn values_page(
    viewer: &Viewer,
    (action, input): (BulkAction, &BulkInput),
    references: &[Reference],
    errors: &FieldErrors,
    reference_data: &ReferenceData,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t_with(
        "bulk-values-title",
        &[
            (
                "action",
                locale
                    .label(BulkAction::LABEL_PREFIX, action.code())
                    .into_owned(),
            ),
            ("count", references.len().to_string()),
        ],
    );
    page(
        viewer,
        &title,
        html! {
            (trail(locale))
            h1 { (title) }
            (error_summary(locale, errors))
            form method="post" action="/irritants/bulk" novalidate {
                (csrf_field(viewer))
                input type="hidden" name="step" value="review";
                input type="hidden" name="action" value=(action.code());
                (carried(references))
                @match action {
                    BulkAction::Owner => (select(locale, Field::new("owner", &input.owner), errors,
                        &owner_options(viewer, reference_data, "")))
                    BulkAction::LeadDepartment => (select(locale, Field::new("lead_department", &input.lead_department), errors,
                        &department_options(locale, reference_data, locale.t("department-none"))))
                    BulkAction::Priority => (select(locale, Field::new("priority", &input.priority).required(), errors,
                        &vocabulary_options(locale, Priority::ALL, Priority::LABEL_PREFIX, Priority::code, Some(locale.t("choose")))))
                    BulkAction::Status => (status_fields(locale, &input.status_change(), errors, Status::ALL))
                    BulkAction::Watch => {}
                }
                details.chosen {
                    summary { (locale.t_with("bulk-chosen", &[("count", references.len().to_string())])) }
                    ul.inline-list { @for reference in references { li { a href={"/irritants/" (reference)} { (reference) } } } }
                }
                div.actions {
                    button type="submit" { (locale.t("bulk-review")) }
                    a.button.secondary href="/irritants" { (locale.t("action-cancel")) }
                }
            }
        },
    )
}

/// One irritant's line on the review page: as it is, and what the change would do to it.
pub struct Reviewed<'a> {
    pub chosen: &'a Chosen,
    pub preview: Preview,
}

/// What will change, irritant by irritant, before anything does; the form carries each
/// irritant at the version shown here.
pub fn review_page(
    viewer: &Viewer,
    (input, change): (&BulkInput, &BulkChange),
    rows: &[Reviewed],
    reference_data: &ReferenceData,
) -> Markup {
    let locale = viewer.locale;
    let action = change.action();
    let changing = rows
        .iter()
        .filter(|row| row.preview == Preview::Changes)
        .count();
    let title = locale.t("bulk-review-title");
    page(
        viewer,
        &title,
        html! {
            (trail(locale))
            h1 { (title) }
            p.lead { (describe(locale, change, reference_data)) }
            p role="status" { (locale.t_with("bulk-review-count", &[("changing", changing.to_string()), ("count", rows.len().to_string())])) }
            form method="post" action="/irritants/bulk/apply" {
                (csrf_field(viewer))
                @for (name, value) in hidden_values(input) { input type="hidden" name=(name) value=(value); }
                @for row in rows { input type="hidden" name="item" value={(row.chosen.reference) "@" (row.chosen.version)}; }
                div.actions {
                    button type="submit" disabled[changing == 0] { (locale.t_with("bulk-apply", &[("changing", changing.to_string())])) }
                    a.button.secondary href="/irritants" { (locale.t("action-cancel")) }
                }
            }
            (scrolling_table(&title, html! {
                table {
                    caption.visually-hidden { (title) }
                    thead { tr {
                        th scope="col" { (locale.field("reference")) }
                        th scope="col" { (locale.field("title")) }
                        th scope="col" { (locale.t("bulk-now")) }
                        th scope="col" { (locale.t("bulk-will")) }
                    } }
                    tbody {
                        @for row in rows {
                            tr {
                                td { a href={"/irritants/" (row.chosen.reference)} { (row.chosen.reference) } }
                                td { (shown_text(locale, row.chosen.title.for_reader(locale.language()))) }
                                td { (as_now(locale, action, row.chosen, reference_data)) }
                                td { @match &row.preview {
                                    Preview::Changes => (locale.t("bulk-will-change")),
                                    Preview::Already => span.muted { (locale.t("bulk-already")) },
                                    Preview::Refused(errors) => strong.error-message { (locale.t("bulk-will-refuse")) " " (problems(locale, &Problem::all(errors))) },
                                } }
                            }
                        }
                    }
                }
            }))
        },
    )
}

/// The values of a bulk change, as the apply form sends them again.
fn hidden_values(input: &BulkInput) -> Vec<(&'static str, &str)> {
    [
        ("action", &input.action),
        ("owner", &input.owner),
        ("lead_department", &input.lead_department),
        ("priority", &input.priority),
        ("status", &input.status),
        ("effective_date", &input.effective_date),
        ("note", &input.note),
        ("closure_reason", &input.closure_reason),
        ("summary", &input.summary),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(name, value)| (name, value.as_str()))
    .collect()
}

/// The change in words: "Owner: Ada Lovelace".
fn describe(locale: Locale, change: &BulkChange, reference_data: &ReferenceData) -> String {
    let value = match change {
        BulkChange::Owner(owner) => person_name(
            locale,
            owner.as_ref().map(|id| id.to_string()),
            reference_data,
        ),
        BulkChange::LeadDepartment(code) => {
            department_name(locale, code.as_deref(), reference_data)
        }
        BulkChange::Priority(priority) => locale
            .label(Priority::LABEL_PREFIX, priority.code())
            .into_owned(),
        BulkChange::Watch => String::new(),
        BulkChange::Status(input) => locale
            .label(Status::LABEL_PREFIX, &input.status)
            .into_owned(),
    };
    let action = locale.label(BulkAction::LABEL_PREFIX, change.action().code());
    if value.is_empty() {
        action.into_owned()
    } else {
        format!("{action}{} {value}", locale.colon())
    }
}

fn person_name(locale: Locale, id: Option<String>, reference_data: &ReferenceData) -> String {
    id.and_then(|id| reference_data.find_person(&id).map(|p| p.name.clone()))
        .unwrap_or_else(|| locale.t("owner-none").into_owned())
}

fn department_name(locale: Locale, code: Option<&str>, reference_data: &ReferenceData) -> String {
    code.and_then(|code| reference_data.find_department(code))
        .map(|d| locale.department_name(d).to_string())
        .unwrap_or_else(|| locale.t("department-none").into_owned())
}

/// What the irritant has now of what the change changes.
fn as_now(
    locale: Locale,
    action: BulkAction,
    chosen: &Chosen,
    reference_data: &ReferenceData,
) -> Markup {
    html! {
        @match action {
            BulkAction::Owner => (person_name(locale, chosen.owner.as_ref().map(|id| id.to_string()), reference_data)),
            BulkAction::LeadDepartment => (department_name(locale, chosen.lead_department.as_deref(), reference_data)),
            BulkAction::Priority => (priority_badge(locale, chosen.priority)),
            BulkAction::Status => (status_badge(locale, chosen.status)),
            BulkAction::Watch => {}
        }
    }
}

fn problems(locale: Locale, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|problem| locale.problem(problem))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What became of each irritant of a bulk change.
pub fn result_page(
    viewer: &Viewer,
    stored: &StoredBulkChange,
    reference_data: &ReferenceData,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("bulk-result-title");
    let (changed, unchanged, refused) = tally(&stored.outcomes);
    let change = stored.request.parse(reference_data);
    page(
        viewer,
        &title,
        html! {
            (trail(locale))
            h1 { (title) }
            p.lead {
                @if let Ok(change) = &change { (describe(locale, change, reference_data)) " · " }
                (stored.actor_name) " · " (timestamp(stored.created_at))
            }
            p.notice role="status" { (locale.t_with("bulk-tally", &[("changed", changed.to_string()), ("unchanged", unchanged.to_string()), ("refused", refused.to_string())])) }
            (scrolling_table(&title, html! {
                table {
                    caption.visually-hidden { (title) }
                    thead { tr {
                        th scope="col" { (locale.field("reference")) }
                        th scope="col" { (locale.field("title")) }
                        th scope="col" { (locale.t("bulk-outcome")) }
                    } }
                    tbody {
                        @for result in &stored.outcomes {
                            tr {
                                td { a href={"/irritants/" (result.reference)} { (result.reference) } }
                                td { (result.title) }
                                td { @match &result.outcome {
                                    ItemOutcome::Changed { .. } => (locale.t("bulk-changed")),
                                    ItemOutcome::Unchanged => span.muted { (locale.t("bulk-already")) },
                                    ItemOutcome::Refused { problems: found } => strong.error-message { (locale.t("bulk-refused")) " " (problems(locale, found)) },
                                    ItemOutcome::Conflict { .. } => strong.error-message { (locale.t("bulk-conflict")) },
                                    ItemOutcome::Missing => strong.error-message { (locale.t("bulk-missing")) },
                                } }
                            }
                        }
                    }
                }
            }))
            p { a href="/irritants" { (locale.t("bulk-back-to-list")) } }
        },
    )
}
