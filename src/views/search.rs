//! The search page: irritants and statements found by the same words.

use maud::{Markup, html};

use super::components::source_title;

use super::Viewer;
use super::forms::{Field, error_summary, text_input};
use super::irritants::{InView, results};
use super::layout::page;
use crate::db::irritants::ListPage;
use crate::db::sources::StatementHit;
use crate::domain::{FieldErrors, ListParams};

/// What was found: the irritants (as the list shows them) and the statements.
pub type Found<'a> = (&'a ListParams, &'a ListPage, &'a [StatementHit]);

pub fn search_page(viewer: &Viewer, q: &str, errors: &FieldErrors, found: Option<Found>) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("search-title");
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            (error_summary(locale, errors))
            form.search method="get" action="/search" role="search" {
                (text_input(locale, Field::new("q", q).hint(locale.t("search-hint")), errors, "search"))
                div.actions { button type="submit" { (locale.t("action-search")) } }
            }
            @if let Some((params, irritants, statements)) = found {
                section aria-labelledby="found-irritants" {
                    h2 #found-irritants { (locale.t("search-irritants")) }
                    (results(viewer, params, irritants, &InView::Register))
                }
                section aria-labelledby="found-statements" {
                    h2 #found-statements { (locale.t("search-statements")) }
                    @if statements.is_empty() {
                        p { (locale.t("search-no-statements")) }
                    } @else {
                        ol.search-hits {
                            @for hit in statements {
                                li {
                                    blockquote lang=(hit.language.tag()) { p { (hit.text) } }
                                    p.muted {
                                        a href={"/sources/" (hit.source_id) "#statement-" (hit.number)} {
                                            (source_title(locale, &hit.source_title)) ", §" (hit.number)
                                        }
                                        @if hit.is_directive { " · " (locale.t("statement-directive")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
