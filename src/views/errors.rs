use maud::{Markup, html};

use super::layout::page;
use crate::i18n::Locale;

/// The page for a request that went wrong: what happened, in plain words, and a way on.
pub fn error_page(locale: Locale, status: u16, message_key: &str) -> Markup {
    let title = locale.t(message_key);
    page(
        locale,
        &title,
        html! {
            h1 { (title) }
            p { (locale.t(&format!("{message_key}-help"))) }
            p.muted { (locale.t_with("problem-status", &[("status", status.to_string())])) }
            p { a href="/irritants" { (locale.t("problem-back")) } }
        },
    )
}
