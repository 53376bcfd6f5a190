//! Pieces that several pages share: badges, dates, breadcrumbs, pagination.

use chrono::{NaiveDate, NaiveDateTime};
use maud::{Markup, html};

use crate::domain::bilingual::Shown;
use crate::domain::dates::iso_date;
use crate::domain::source::DocumentTitle;
use crate::domain::{Priority, Rag, Status};
use crate::i18n::Locale;

pub fn status_badge(locale: Locale, status: Status) -> Markup {
    html! { span class={"badge status-" (status.code())} { (locale.label(Status::LABEL_PREFIX, status.code())) } }
}

pub fn priority_badge(locale: Locale, priority: Priority) -> Markup {
    html! { span class={"badge priority-" (priority.code())} { (locale.label(Priority::LABEL_PREFIX, priority.code())) } }
}

/// The delivery confidence, in words and colour (never colour alone).
pub fn rag_badge(locale: Locale, rag: Option<Rag>) -> Markup {
    match rag {
        Some(rag) => {
            html! { span class={"badge rag-" (rag.code())} { (locale.label(Rag::LABEL_PREFIX, rag.code())) } }
        }
        None => html! { span.muted { (locale.t("rag-none")) } },
    }
}

pub fn date(value: NaiveDate) -> Markup {
    let text = iso_date(value);
    html! { time datetime=(text) { (text) } }
}

/// A moment stored in UTC, as read in the server's time zone, with the zone's offset said:
/// the people of one deployment share its time zone, and a time without its zone misleads.
pub fn local_time(value: NaiveDateTime) -> String {
    use chrono::TimeZone;
    let local = chrono::Local.from_utc_datetime(&value);
    local.format("%Y-%m-%d %H:%M (UTC%:z)").to_string()
}

pub fn timestamp(value: NaiveDateTime) -> Markup {
    html! { time datetime=(value.format("%Y-%m-%dT%H:%M:%SZ")) { (local_time(value)) } }
}

/// A date that is visibly and audibly marked when it has passed on unfinished work.
pub fn due_date(locale: Locale, value: Option<NaiveDate>, overdue: bool) -> Markup {
    match value {
        None => html! { span.muted { (locale.t("date-none")) } },
        Some(value) if overdue => html! {
            span.overdue { (date(value)) " " strong.overdue-flag { (locale.t("overdue")) } }
        },
        Some(value) => date(value),
    }
}

pub fn breadcrumbs(locale: Locale, trail: &[(&str, &str)]) -> Markup {
    html! {
        nav.breadcrumbs aria-label=(locale.t("breadcrumbs")) {
            ol {
                @for (href, label) in trail {
                    li { a href=(href) { (label) } }
                }
            }
        }
    }
}

/// A short notice after an action succeeded ("Irritant saved").
pub fn notice(message: &str) -> Markup {
    html! { div.notice role="status" { p { (message) } } }
}

/// A table that scrolls sideways by itself on a narrow screen, rather than the whole page. The
/// region takes the focus, named as its table, so that keyboard users can scroll it too.
pub fn scrolling_table(label: &str, table: Markup) -> Markup {
    html! {
        div.table-scroll role="region" aria-label=(label) tabindex="0" { (table) }
    }
}

/// A message naming a document by its title, which may be in another language than the page:
/// the title is marked with its own `lang`, so that it is read in its language. The message
/// takes the title as `$title`.
pub fn message_with_title(
    locale: Locale,
    key: &str,
    title: &str,
    title_language: Option<&str>,
    args: &[(&str, String)],
) -> Markup {
    message_with_marked(locale, key, ("title", title, title_language), args)
}

/// A message holding a text that may be in another language than the page, as its argument
/// `name`: the text is marked with its `lang`, when that is given.
pub fn message_with_marked(
    locale: Locale,
    key: &str,
    (name, text, language): (&str, &str, Option<&str>),
    args: &[(&str, String)],
) -> Markup {
    const MARK: &str = "\u{1}";
    let mut args = args.to_vec();
    args.push((name, MARK.to_owned()));
    let message = locale.t_with(key, &args);
    let (before, after) = message.split_once(MARK).unwrap_or((&message, ""));
    html! { (before) span lang=[language] { (text) } (after) }
}

/// A document's title, marked with the language it is in when that is known.
pub fn document_title(title: &str, language: Option<&str>) -> Markup {
    html! { span lang=[language] { (title) } }
}

/// A text as the reader sees it (see [`crate::domain::bilingual`]), marked with its `lang`
/// when that is not the page's.
pub fn shown_text(locale: Locale, shown: Shown) -> Markup {
    match shown.lang_for(locale.language()) {
        Some(lang) => html! { span lang=(lang) { (shown.text) } },
        None => html! { (shown.text) },
    }
}

/// A source document's title as the reader is shown it, marked with its language.
pub fn source_title(locale: Locale, title: &DocumentTitle) -> Markup {
    let (text, language) = title.for_reader(locale.language());
    document_title(text, language)
}
