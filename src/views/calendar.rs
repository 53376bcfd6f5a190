//! `/account/calendar`: the person's secret calendar address.

use crate::views::components::local_time;
use chrono::NaiveDateTime;
use maud::{Markup, html};

use super::Viewer;
use super::components::notice;
use super::forms::csrf_field;
use super::layout::page;

/// The page; `new_address` is shown once, right after it is made.
pub fn calendar_page(
    viewer: &Viewer,
    created_at: Option<NaiveDateTime>,
    new_address: Option<&str>,
    notice_key: Option<&'static str>,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("calendar-title");
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            @if let Some(key) = notice_key { (notice(&locale.t(key))) }
            p { (locale.t("calendar-intro")) }
            @if let Some(address) = new_address {
                div.notice role="status" {
                    p { (locale.t("calendar-new-address")) }
                    p { code.secret { (address) } }
                }
            }
            @match created_at {
                Some(when) => p { (locale.t_with("calendar-has-address", &[("when", local_time(when))])) },
                None => p { (locale.t("calendar-no-address")) },
            }
            form method="post" action="/account/calendar" {
                (csrf_field(viewer))
                button type="submit" { (locale.t(if created_at.is_some() { "calendar-replace" } else { "calendar-create" })) }
            }
            @if created_at.is_some() {
                form method="post" action="/account/calendar/revoke" {
                    (csrf_field(viewer))
                    button.secondary type="submit" { (locale.t("calendar-revoke")) }
                }
            }
        },
    )
}
