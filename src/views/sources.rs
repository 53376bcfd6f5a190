//! The list of source documents, and one document with its statements side by side in every
//! language it holds, each marked with its language for screen readers and fonts.

use maud::{Markup, html};

use super::Viewer;
use super::components::{breadcrumbs, date};
use super::layout::page;
use crate::db::sources::{SourceSummary, StoredSource};
use crate::domain::readout::Language;
use crate::domain::source::SourceKind;
use crate::i18n::Locale;

fn language_name(locale: Locale, language: Language) -> std::borrow::Cow<'static, str> {
    locale.t(&format!("language-{}", language.tag()))
}

pub fn sources_page(viewer: &Viewer, sources: &[SourceSummary]) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("sources-title");
    page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            p.lead { (locale.t("sources-intro")) }
            @if sources.is_empty() {
                p { (locale.t("sources-none")) }
            } @else {
                table {
                    caption.visually-hidden { (title) }
                    thead { tr {
                        th scope="col" { (locale.t("source-title")) }
                        th scope="col" { (locale.t("source-kind")) }
                        th scope="col" { (locale.t("source-date")) }
                        th scope="col" { (locale.t("source-languages")) }
                    } }
                    tbody {
                        @for source in sources {
                            tr {
                                td { a href={"/sources/" (source.id)} { (source.title) } }
                                td { (locale.label(SourceKind::LABEL_PREFIX, source.kind.code())) }
                                td { @match source.issued_on { Some(day) => (date(day)), None => "—" } }
                                td {
                                    @for (n, language) in source.languages.iter().enumerate() {
                                        @if n > 0 { ", " }
                                        (language_name(locale, *language))
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

pub fn source_page(viewer: &Viewer, source: &StoredSource) -> Markup {
    let locale = viewer.locale;
    let document = &source.document;
    page(
        viewer,
        &document.title,
        html! {
            (breadcrumbs(locale, &[("/sources", &locale.t("sources-title"))]))
            h1 { (document.title) }
            dl.facts {
                dt { (locale.t("source-kind")) }
                dd { (locale.label(SourceKind::LABEL_PREFIX, document.kind.code())) }
                @if let Some(day) = document.issued_on {
                    dt { (locale.t("source-date")) } dd { (date(day)) }
                }
                @if !document.place.is_empty() {
                    dt { (locale.t("source-place")) } dd { (document.place) }
                }
            }
            h2 { (locale.t("source-versions")) }
            ul.versions {
                @for version in &document.versions {
                    li {
                        span.language { (language_name(locale, version.language)) ": " }
                        span lang=(version.language.tag()) { (version.title) }
                        @if !version.place.is_empty() {
                            " · " span lang=(version.language.tag()) { (version.place) }
                        }
                    }
                }
            }
            h2 { (locale.t("source-statements")) }
            ol.statements {
                @for statement in &document.statements {
                    li.statement id={"statement-" (statement.number)} value=(statement.number) {
                        @if statement.is_directive {
                            p { strong.badge.directive { (locale.t("statement-directive")) } }
                        }
                        div.statement-texts {
                            @for (language, text) in &statement.texts {
                                div.statement-text {
                                    p.language { (language_name(locale, *language)) }
                                    p lang=(language.tag()) { (text) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
