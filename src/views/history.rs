//! An irritant's history in plain words: "Status changed from open to resolved in part".

use maud::{Markup, html};

use super::Viewer;
use super::components::{breadcrumbs, date, shown_text, timestamp};
use super::layout::page;
use crate::domain::Irritant;
use crate::domain::history::{HistoryEntry, HistoryKind, vocabulary_of};
use crate::i18n::Locale;

/// A stored value as a reader should see it: vocabulary codes become their labels.
fn value(locale: Locale, field: Option<&str>, raw: Option<&str>) -> String {
    match (field.and_then(vocabulary_of), raw) {
        (_, None) => locale.t("history-empty-value").into_owned(),
        (Some(prefix), Some(code)) => locale.label(prefix, code).into_owned(),
        (None, Some(text)) => text.to_owned(),
    }
}

/// Values too long for a sentence are shown below it instead.
fn is_long(text: Option<&str>) -> bool {
    text.is_some_and(|t| t.chars().count() > 80 || t.contains('\n'))
}

/// One entry as a sentence, with long before/after values set out below it.
pub fn describe(locale: Locale, entry: &HistoryEntry) -> Markup {
    let field = entry.field.as_deref();
    let field_name = field.map(|f| locale.field(f)).unwrap_or_default();
    let before = value(locale, field, entry.before.as_deref());
    let after = value(locale, field, entry.after.as_deref());
    let long = is_long(entry.before.as_deref()) || is_long(entry.after.as_deref());
    let args = [
        ("field", field_name.into_owned()),
        ("before", before.clone()),
        ("after", after.clone()),
        ("summary", entry.summary.clone()),
    ];
    let sentence = match entry.kind {
        // An irritant brought in from a spreadsheet names its file.
        HistoryKind::Created if entry.after.is_some() => locale.t_with("history-imported", &args),
        HistoryKind::Created => locale.t_with("history-created", &args),
        HistoryKind::FieldChanged | HistoryKind::StatusChanged if long => {
            locale.t_with("history-field-changed-long", &args)
        }
        HistoryKind::FieldChanged | HistoryKind::StatusChanged => {
            match (&entry.before, &entry.after) {
                (None, _) => locale.t_with("history-field-set", &args),
                (_, None) => locale.t_with("history-field-cleared", &args),
                _ => locale.t_with("history-field-changed", &args),
            }
        }
        HistoryKind::UpdateAdded => locale.t_with("history-update-added", &args),
        HistoryKind::MilestoneAdded => locale.t_with("history-milestone-added", &args),
        HistoryKind::MilestoneChanged => locale.t_with("history-milestone-changed", &args),
        HistoryKind::LinkAdded => locale.t_with("history-link-added", &args),
        HistoryKind::LinkRemoved => locale.t_with("history-link-removed", &args),
        HistoryKind::StatementLinked => locale.t_with("history-statement-linked", &args),
        HistoryKind::StatementUnlinked => locale.t_with("history-statement-unlinked", &args),
        HistoryKind::SlipProposed => locale.t_with("history-slip-proposed", &args),
        HistoryKind::SlipApproved => locale.t_with("history-slip-approved", &args),
        HistoryKind::SlipRejected => locale.t_with("history-slip-rejected", &args),
    };
    // The reason given for a date moved later is said with the change.
    let shows_summary = (matches!(
        entry.kind,
        HistoryKind::StatusChanged
            | HistoryKind::UpdateAdded
            | HistoryKind::FieldChanged
            | HistoryKind::SlipProposed
            | HistoryKind::SlipApproved
            | HistoryKind::SlipRejected
    )) && !entry.summary.is_empty();
    html! {
        p.history-sentence { (sentence) }
        @if long {
            dl.history-values {
                dt { (locale.t("history-before")) } dd { (before) }
                dt { (locale.t("history-after")) } dd { (after) }
            }
        }
        @if shows_summary { p.history-summary { (entry.summary) } }
    }
}

/// Entries as a list: who, when, what.
pub fn entry_list(locale: Locale, entries: &[HistoryEntry]) -> Markup {
    html! {
        ol.history {
            @for entry in entries {
                li {
                    div.history-meta {
                        strong { (entry.actor_name) } " · " (timestamp(entry.occurred_at))
                        @if let Some(effective) = entry.effective_date {
                            " · " (locale.t("history-effective")) " " (date(effective))
                        }
                    }
                    (describe(locale, entry))
                }
            }
        }
    }
}

pub fn history_page(viewer: &Viewer, irritant: &Irritant, entries: &[HistoryEntry]) -> Markup {
    let locale = viewer.locale;
    let reference = irritant.reference.to_string();
    let title = locale.t_with("history-title", &[("reference", reference.clone())]);
    page(
        viewer,
        &title,
        html! {
            (breadcrumbs(locale, &[("/irritants", &locale.t("nav-irritants")), (&format!("/irritants/{reference}"), reference.as_str())]))
            h1 { (title) }
            p.lead { (shown_text(locale, irritant.fields.title_for(locale.language()))) }
            @if entries.is_empty() {
                p { (locale.t("history-none")) }
            } @else {
                (entry_list(locale, entries))
            }
        },
    )
}
