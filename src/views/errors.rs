use maud::{Markup, html};

use super::Viewer;
use super::layout::{page, public_page};
use crate::i18n::Locale;

/// The page for a request that went wrong: what happened, in plain words, and a way on.
/// Someone signed in keeps their navigation; anyone else gets the bare page.
pub fn error_page(
    locale: Locale,
    viewer: Option<&Viewer>,
    here: &str,
    status: u16,
    (message_key, problems): (&str, &[String]),
) -> Markup {
    let title = locale.t(message_key);
    let content = html! {
        h1 { (title) }
        @if problems.is_empty() {
            p { (locale.t(&format!("{message_key}-help"))) }
        } @else {
            ul.error-list { @for problem in problems { li { (problem) } } }
        }
        p.muted { (locale.t_with("problem-status", &[("status", status.to_string())])) }
        p { a href="/irritants" { (locale.t("problem-back")) } }
    };
    match viewer {
        Some(viewer) => page(viewer, &title, content),
        None => public_page(locale, here, &title, content),
    }
}
