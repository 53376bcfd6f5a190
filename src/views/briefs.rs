//! An irritant's one-page brief: a page that prints on one sheet, headed on paper by its
//! security marking.

use maud::{Markup, html};

use super::Viewer;
use super::components::{date, document_title, message_with_marked, rag_badge, status_badge};
use super::layout::page;
use super::reports::printed_with_header;
use crate::domain::brief::{Brief, BriefEvent, BriefMandate};
use crate::domain::{MeasureType, Priority, Sector};
use crate::export::{counterpart_name, event_sentence, rag_words};
use crate::i18n::Locale;

/// `/irritants/{reference}/brief`.
pub fn brief_page(viewer: &Viewer, brief: &Brief) -> Markup {
    let locale = viewer.locale;
    let title = locale.t_with("brief-title", &[("reference", brief.reference.clone())]);
    let running_header = html! {
        p.print-running-header aria-hidden="true" {
            @if !brief.marking.is_empty() { strong.marking-line { (brief.marking) } " · " }
            (title) " · " (locale.t("brief-made-on")) " " (brief.made_on)
        }
    };
    let content = html! {
        article.brief {
            @if !brief.marking.is_empty() { p.marking { (brief.marking) } }
            h1 { span.muted { (brief.reference) } " " span lang=[brief.languages.title] { (brief.title) } }
            p.brief-line { (counterpart_name(locale, &brief.counterpart)) " · " (locale.label(Sector::LABEL_PREFIX, &brief.sector)) " · " (locale.label(Priority::LABEL_PREFIX, brief.priority.code())) }
            nav.exports.screen-only aria-label=(locale.t("brief-actions")) {
                a href={"/irritants/" (brief.reference)} { (locale.t("brief-back")) }
                a download href={"/irritants/" (brief.reference) "/brief.docx"} { (locale.t("brief-download-docx")) }
            }
            section aria-labelledby="brief-issue" {
                h2 #brief-issue { (locale.t("brief-issue")) }
                @if !brief.summary.is_empty() { p lang=[brief.languages.summary] { (brief.summary) } }
                p {
                    strong { (locale.field("measure_type")) (locale.colon()) }
                    (locale.label(MeasureType::LABEL_PREFIX, brief.measure_type.code()))
                    @if !brief.measure.is_empty() { " — " (brief.measure) }
                }
            }
            section aria-labelledby="brief-mandate" {
                h2 #brief-mandate { (locale.t("brief-mandate")) }
                @if brief.mandates.is_empty() { p.muted { (locale.t("brief-no-mandate")) } }
                @for mandate in &brief.mandates { (mandate_figure(mandate)) }
                @if brief.more_mandates > 0 {
                    p.muted { (locale.t_with("brief-more-mandates", &[("count", brief.more_mandates.to_string())])) }
                }
            }
            div.brief-columns {
                section aria-labelledby="brief-standing" {
                    h2 #brief-standing { (locale.t("brief-standing")) }
                    dl.brief-facts {
                        dt { (locale.field("status")) } dd { (status_badge(locale, brief.status)) " " (locale.t("report-since")) " " (brief.status_since) }
                        dt { (locale.field("rag")) } dd { (rag_badge(locale, brief.rag)) }
                        dt { (locale.field("owner")) } dd { (brief.owner.as_deref().unwrap_or("—")) }
                        dt { (locale.field("lead_department")) } dd { (brief.department.as_deref().unwrap_or("—")) }
                    }
                }
                section aria-labelledby="brief-dates" {
                    h2 #brief-dates { (locale.t("brief-dates")) }
                    dl.brief-facts {
                        dt { (locale.t("brief-opened")) } dd { (brief.opened_on) }
                        dt { (locale.field("target_date")) } dd {
                            @match brief.target_date { Some(day) => (day), None => "—" }
                            @if brief.overdue { " " strong.overdue { (locale.t("report-overdue")) } }
                        }
                        @if let Some(day) = brief.in_force_since { dt { (locale.field("in_force_since")) } dd { (day) } }
                        dt { (locale.t("brief-next-milestone")) } dd {
                            @match &brief.next_milestone {
                                Some(milestone) => {
                                    (milestone.due) " · " (milestone.title)
                                    @if brief.milestone_overdue { " " strong.overdue { (locale.t("report-overdue")) } }
                                }
                                None => "—",
                            }
                        }
                    }
                }
            }
            section aria-labelledby="brief-latest" {
                h2 #brief-latest { (locale.t("brief-latest")) }
                @if brief.latest.is_empty() {
                    p.muted { (locale.t("brief-nothing-yet")) }
                } @else {
                    ul.developments {
                        @for event in &brief.latest {
                            li { strong { (date(event.on())) } " · " (brief_event(locale, event)) }
                        }
                    }
                }
            }
            section aria-labelledby="brief-next" {
                h2 #brief-next { (locale.field("next_steps")) }
                p { @if brief.next_steps.is_empty() { span.muted { "—" } } @else { span lang=[brief.languages.next_steps] { (brief.next_steps) } } }
            }
        }
    };
    page(viewer, &title, printed_with_header(running_header, content))
}

/// One of the latest developments in words; an update's text marked with its language.
fn brief_event(locale: Locale, event: &BriefEvent) -> Markup {
    match event {
        BriefEvent::Update(update) => {
            let done = update.text.done_for(locale.language());
            let args = [
                ("rag", rag_words(locale, Some(update.rag))),
                ("author", update.author.clone()),
            ];
            message_with_marked(
                locale,
                "brief-update",
                ("done", done.text, done.lang_for(locale.language())),
                &args,
            )
        }
        BriefEvent::Development(_) => html! { (event_sentence(locale, event)) },
    }
}

fn mandate_figure(mandate: &BriefMandate) -> Markup {
    let place = format!(
        "/sources/{}#statement-{}",
        mandate.source_id, mandate.number
    );
    html! {
        figure.mandate {
            blockquote lang=[mandate.words_language.as_deref()] cite=(place) { p { (mandate.words) } }
            figcaption {
                a href=(place) { (document_title(&mandate.source_title, mandate.source_title_language.as_deref())) ", §" (mandate.number) }
                @if let Some(day) = mandate.issued_on { " · " (day) }
            }
        }
    }
}
