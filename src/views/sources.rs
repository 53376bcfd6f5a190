//! The list of source documents, and one document with its statements side by side in every
//! language it holds, each marked with its language for screen readers and fonts.

use std::borrow::Cow;

use maud::{Markup, html};

use super::Viewer;
use super::components::{
    breadcrumbs, date, notice, rag_badge, scrolling_table, shown_text, source_title, status_badge,
};
use super::forms::{
    DATE_INPUT, Field, checkbox, csrf_field, error_summary, scoped_error_summary, select,
    text_input, textarea, vocabulary_options,
};
use super::layout::page;
use crate::db::sources::{MandatedIrritant, SourceSummary, StoredSource};
use crate::domain::FieldErrors;
use crate::domain::accounts::Permission;
use crate::domain::ids::SourceId;
use crate::domain::readout::Language;
use crate::domain::source::{
    ImportInput, ImportPreview, LeftOutBlock, SourceDetailsInput, SourceDocument, SourceKind,
    Statement, VERSION_LANGUAGE_FIELDS, quote_language,
};
use crate::i18n::Locale;

fn language_name(locale: Locale, language: Language) -> std::borrow::Cow<'static, str> {
    locale.t(&format!("language-{}", language.tag()))
}

pub fn sources_page(
    viewer: &Viewer,
    sources: &[SourceSummary],
    notice_key: Option<&'static str>,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("sources-title");
    page(
        viewer,
        &title,
        html! {
            @if let Some(key) = notice_key { (notice(&locale.t(key))) }
            h1 { (title) }
            p.lead { (locale.t("sources-intro")) }
            @if viewer.may(Permission::EditIrritants) {
                p { a.button href="/sources/new" { (locale.t("action-import-source")) } }
            }
            @if sources.is_empty() {
                p { (locale.t("sources-none")) }
            } @else {
                (scrolling_table(&title, html! {
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
                                    td { a href={"/sources/" (source.id)} { (source_title(locale, &source.title)) } }
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
                }))
            }
        },
    )
}

/// A link form that came back refused: for which statement, with what was typed.
pub struct LinkForm<'a> {
    pub number: u32,
    pub reference: &'a str,
    pub quote: &'a str,
    pub note: &'a str,
    pub errors: &'a FieldErrors,
}

/// What a document page shows besides the document: a notice, or a refused link form.
pub struct SourceShown<'a> {
    pub notice: Option<&'static str>,
    pub refused: Option<LinkForm<'a>>,
}

pub fn source_page(
    viewer: &Viewer,
    source: &StoredSource,
    mandated: &[MandatedIrritant],
    shown: &SourceShown,
) -> Markup {
    let locale = viewer.locale;
    let document = &source.document;
    page(
        viewer,
        &document.title,
        html! {
            (breadcrumbs(locale, &[("/sources", &locale.t("sources-title"))]))
            @if let Some(key) = shown.notice { (notice(&locale.t(key))) }
            @if let Some(refused) = &shown.refused {
                (scoped_error_summary(locale, refused.errors, Some(&statement_scope(refused.number))))
            }
            @let title = source.title();
            @let (title, title_language) = title.for_reader(locale.language());
            h1 lang=[title_language] { (title) }
            @if viewer.may(Permission::EditIrritants) {
                p { a href={"/sources/" (source.id) "/edit"} { (locale.t("action-edit-source")) } }
            }
            dl.facts {
                dt { (locale.t("source-kind")) }
                dd { (locale.label(SourceKind::LABEL_PREFIX, document.kind.code())) }
                @if let Some(day) = document.issued_on {
                    dt { (locale.t("source-date")) } dd { (date(day)) }
                }
                @if !document.place.is_empty() {
                    dt { (locale.t("source-place")) } dd { (document.place) }
                }
                @if !source.participants.is_empty() {
                    dt { (locale.t("field-participants")) } dd.multiline { (source.participants) }
                }
                @if !source.url.is_empty() {
                    dt { (locale.t("field-url")) } dd { a href=(source.url) rel="noreferrer" { (source.url) } }
                }
            }
            h2 { (locale.t("source-versions")) }
            ul.versions {
                @for version in &document.versions {
                    li {
                        span.language { (language_name(locale, version.language)) (locale.colon()) }
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
                        @if viewer.may(Permission::EditIrritants) {
                            (directive_toggle(viewer, &source.id, statement.number, statement.is_directive))
                        }
                        div.statement-texts {
                            @for (language, text) in &statement.texts {
                                div.statement-text {
                                    p.language { (language_name(locale, *language)) }
                                    p lang=(language.tag()) { (text) }
                                }
                            }
                        }
                        @let linked: Vec<&MandatedIrritant> = mandated.iter().filter(|m| m.number == statement.number).collect();
                        @if !linked.is_empty() {
                            (traceability(viewer, &source.id, statement, &linked))
                        }
                        @if viewer.may(Permission::EditIrritants) {
                            @if statement.is_directive {
                                p { a.button href={"/irritants/new?source=" (source.id) "&statement=" (statement.number)} { (locale.t("action-record-for-directive")) } }
                            }
                            (link_form(viewer, &source.id, statement.number, shown.refused.as_ref().filter(|r| r.number == statement.number)))
                        }
                    }
                }
            }
        },
    )
}

/// Under a statement, the irritants it mandates and where each stands.
fn traceability(
    viewer: &Viewer,
    source_id: &SourceId,
    statement: &Statement,
    linked: &[&MandatedIrritant],
) -> Markup {
    let locale = viewer.locale;
    let number = statement.number;
    let editable = viewer.may(Permission::EditIrritants);
    html! {
        (scrolling_table(&locale.t_with("statement-mandates", &[("number", number.to_string())]), html! {
            table.traceability {
                caption { (locale.t_with("statement-mandates", &[("number", number.to_string())])) }
                thead { tr {
                    th scope="col" { (locale.t("field-reference")) }
                    th scope="col" { (locale.t("field-title")) }
                    th scope="col" { (locale.t("field-status")) }
                    th scope="col" { (locale.t("field-rag")) }
                    th scope="col" { (locale.t("field-owner")) }
                    th scope="col" { (locale.t("field-target-date")) }
                    @if editable { th scope="col" { span.visually-hidden { (locale.t("statement-unlink")) } } }
                } }
                tbody {
                    @for irritant in linked {
                        tr {
                            td { a href={"/irritants/" (irritant.reference)} { (irritant.reference) } }
                            td {
                                (shown_text(locale, irritant.title.for_reader(locale.language())))
                                @if !irritant.quote.is_empty() { br; q lang=[quote_language(&statement.texts, &irritant.quote).map(|l| l.tag())] { (irritant.quote) } }
                                @if !irritant.note.is_empty() { br; span.muted { (irritant.note) } }
                            }
                            td { (status_badge(locale, irritant.status)) }
                            td { (rag_badge(locale, irritant.rag)) }
                            td { (irritant.owner_name.as_deref().unwrap_or("—")) }
                            td { @match irritant.target_date { Some(day) => (date(day)), None => "—" } }
                            @if editable {
                                td {
                                    form.inline method="post" action={"/sources/" (source_id) "/statements/" (number) "/links/" (irritant.reference) "/remove"} {
                                        (csrf_field(viewer))
                                        button.secondary type="submit" aria-label=(locale.t_with("statement-unlink-named", &[("reference", irritant.reference.to_string())])) {
                                            (locale.t("statement-unlink"))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }))
    }
}

/// The form that links a statement to an irritant; open, with its problems, when it came back.
/// What keeps the ids of one statement's link form apart from the others'.
fn statement_scope(number: u32) -> String {
    format!("statement-{number}")
}

fn link_form(
    viewer: &Viewer,
    source_id: &SourceId,
    number: u32,
    refused: Option<&LinkForm>,
) -> Markup {
    let locale = viewer.locale;
    let no_errors = FieldErrors::new();
    let errors = refused.map_or(&no_errors, |r| r.errors);
    let scope = statement_scope(number);
    html! {
        details.link-statement open[refused.is_some()] {
            summary { (locale.t("statement-link")) }
            form method="post" action={"/sources/" (source_id) "/statements/" (number) "/links"} novalidate {
                (csrf_field(viewer))
                (text_input(locale, Field::new("reference", refused.map_or("", |r| r.reference)).required().hint(locale.t("hint-link-reference")).scoped(&scope), errors, "text"))
                (text_input(locale, Field::new("quote", refused.map_or("", |r| r.quote)).hint(locale.t("hint-link-quote")).scoped(&scope), errors, "text"))
                (text_input(locale, Field::new("note", refused.map_or("", |r| r.note)).scoped(&scope), errors, "text"))
                div.actions { button type="submit" { (locale.t("action-link-statement")) } }
            }
        }
    }
}

/// Pasting a readout: the text and its kind; after a preview, what was found, with the title
/// and date to correct, and the button that saves it.
pub fn import_page(
    viewer: &Viewer,
    input: &ImportInput,
    errors: &FieldErrors,
    preview: Option<&ImportPreview>,
) -> Markup {
    let locale = viewer.locale;
    let title = locale.t("import-title");
    let document = preview.map(|p| &p.document);
    let kinds = source_kinds(locale);
    page(
        viewer,
        &title,
        html! {
            (breadcrumbs(locale, &[("/sources", &locale.t("sources-title"))]))
            h1 { (title) }
            p.lead { (locale.t("import-intro")) }
            (error_summary(locale, errors))
            form method="post" action="/sources/preview" novalidate {
                (csrf_field(viewer))
                @if !input.previewed.is_empty() { input type="hidden" name="previewed" value=(input.previewed); }
                (textarea(locale, Field::new("text", &input.text).required().hint(locale.t("hint-import-text")), errors, 14))
                (select(locale, Field::new("kind", &input.kind).required(), errors, &kinds))
                @if let Some(preview) = preview {
                    (found(locale, &preview.document))
                    (left_out(locale, &preview.left_out))
                } @else {
                    // A form refused before anything was found keeps the blocks chosen to be kept.
                    @for (name, value) in input.choices.iter().filter(|(name, _)| name.starts_with("keep_")) {
                        input type="hidden" name=(name) value=(value);
                    }
                }
                // Corrections, once there is something to correct, stay on the page with their
                // problems when the form comes back.
                @if preview.is_some() { h2 { (locale.t("import-corrections")) } }
                @let corrected = preview.is_some() || !input.title.is_empty() || !input.issued_on.is_empty()
                    || errors.get("title").is_some() || errors.get("issued_on").is_some();
                @if corrected {
                    (text_input(locale, Field::new("title", &input.title).hint(locale.t("hint-import-title")), errors, "text"))
                    @let date = Field::new("issued_on", &input.issued_on).hint(locale.t("hint-import-date"));
                    @let date = if preview.is_some_and(|p| p.year_missing) { date.required() } else { date };
                    (text_input(locale, date, errors, DATE_INPUT))
                }
                (version_languages(locale, input, errors, document))
                @if document.is_some_and(|d| !d.is_aligned()) || errors.get("accept_unaligned").is_some() {
                    (checkbox(locale, Field::new("accept_unaligned", "yes").hint(locale.t("hint-accept-unaligned")), errors, input.accepts_unaligned()))
                }
                @if preview.is_some() {
                    div.actions {
                        // Enter in a field previews again, so nothing is saved unseen.
                        button.secondary type="submit" { (locale.t("action-preview-again")) }
                        button type="submit" formaction="/sources" { (locale.t("action-save-source")) }
                    }
                } @else {
                    div.actions { button type="submit" { (locale.t("action-preview")) } }
                }
            }
        },
    )
}

/// The blocks left out of the statements, each with its reason, its text and a box that keeps
/// it as a statement.
fn left_out(locale: Locale, blocks: &[LeftOutBlock]) -> Markup {
    html! {
        @if !blocks.is_empty() {
            section.left-out aria-labelledby="left-out-heading" {
                h3 #left-out-heading { (locale.t("import-left-out")) }
                p.hint { (locale.t("import-left-out-help")) }
                ul.left-out-blocks {
                    @for block in blocks {
                        @let id = block.field.replace('_', "-");
                        li {
                            p.reason id={(id) "-reason"} { strong { (locale.t(&block.reason.label_key())) } }
                            blockquote id={(id) "-text"} lang=(block.language.tag()) {
                                @for line in &block.lines { (line) br; }
                            }
                            div.field.checkbox {
                                input type="checkbox" id=(id) name=(block.field) value="yes" checked[block.kept]
                                    aria-describedby={(id) "-reason " (id) "-text"};
                                label for=(id) { (locale.t("import-keep-block")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A choice of language for each version, where the one found is wrong: for each version on
/// the preview, or, when the form comes back refused, for each version a language was chosen.
fn version_languages(
    locale: Locale,
    input: &ImportInput,
    errors: &FieldErrors,
    preview: Option<&SourceDocument>,
) -> Markup {
    let count = match preview {
        Some(document) => document.versions.len(),
        None => (0..VERSION_LANGUAGE_FIELDS.len())
            .filter(|&index| input.choices.contains_key(VERSION_LANGUAGE_FIELDS[index]))
            .count(),
    };
    let options: Vec<(String, std::borrow::Cow<'static, str>)> =
        std::iter::once((String::new(), locale.t("import-language-as-found")))
            .chain(
                Language::ALL
                    .iter()
                    .map(|l| (l.tag().to_owned(), language_name(locale, *l))),
            )
            .collect();
    html! {
        @for (index, field) in VERSION_LANGUAGE_FIELDS.iter().take(count).enumerate() {
            @let found = preview.map(|d| &d.versions[index]);
            @let hint = found.map(|v| locale.t_with("hint-version-language", &[("title", v.title.clone()), ("language", language_name(locale, v.language).into_owned())]));
            @let field = Field::new(field, input.chosen_language(index));
            (select(locale, match hint { Some(hint) => field.hint(hint.into()), None => field }, errors, &options))
        }
    }
}

/// Corrects a stored document's details; below, removes a document imported by mistake.
pub fn source_edit_page(
    viewer: &Viewer,
    source: &StoredSource,
    input: &SourceDetailsInput,
    errors: &FieldErrors,
) -> Markup {
    let locale = viewer.locale;
    let url = format!("/sources/{}", source.id);
    let title = locale.t("source-edit-title");
    let kinds = source_kinds(locale);
    page(
        viewer,
        &title,
        html! {
            (breadcrumbs(locale, &[("/sources", &locale.t("sources-title")), (&url, &source.document.title)]))
            h1 { (title) }
            (error_summary(locale, errors))
            form method="post" action={(url) "/edit"} novalidate {
                (csrf_field(viewer))
                (text_input(locale, Field::new("title", &input.title).required(), errors, "text"))
                (text_input(locale, Field::new("title_fr", &input.title_fr).hint(locale.t("hint-title-fr")), errors, "text"))
                (select(locale, Field::new("kind", &input.kind).required(), errors, &kinds))
                (text_input(locale, Field::new("issued_on", &input.issued_on).hint(locale.t("hint-date")), errors, DATE_INPUT))
                (text_input(locale, Field::new("place", &input.place), errors, "text"))
                (textarea(locale, Field::new("participants", &input.participants), errors, 3))
                (text_input(locale, Field::new("url", &input.url).hint(locale.t("hint-source-url")), errors, "url"))
                div.actions { button type="submit" { (locale.t("action-save")) } }
            }
            section aria-labelledby="remove-heading" {
                h2 #remove-heading { (locale.t("source-remove-title")) }
                p { (locale.t("source-remove-help")) }
                form method="post" action={(url) "/remove"} novalidate {
                    (csrf_field(viewer))
                    (checkbox(locale, Field::new("confirm_remove", "yes"), errors, false))
                    div.actions { button.danger type="submit" { (locale.t("action-remove-source")) } }
                }
            }
        },
    )
}

/// What the importer found: the versions, and the statements as they would be saved.
fn found(locale: Locale, document: &SourceDocument) -> Markup {
    let aligned = document.is_aligned();
    html! {
        section.preview aria-labelledby="preview-heading" {
            h2 #preview-heading { (locale.t("import-found")) }
            ul.versions {
                @for version in &document.versions {
                    li {
                        span.language { (language_name(locale, version.language)) (locale.colon()) }
                        span lang=(version.language.tag()) { (version.title) }
                        @if let Some(day) = version.issued_on { " · " (date(day)) }
                        @if !version.place.is_empty() { " · " span lang=(version.language.tag()) { (version.place) } }
                    }
                }
            }
            p { (locale.t_with("import-statement-count", &[("count", document.statements.len().to_string()), ("versions", document.versions.len().to_string())])) }
            p.hint { (locale.t("import-split-help")) }
            @if !aligned {
                p.warning { (locale.t("import-not-aligned")) }
            }
            ol.statements {
                @for statement in &document.statements {
                    li.statement value=(statement.number) {
                        @if statement.is_directive { p { strong.badge.directive { (locale.t("statement-directive")) } } }
                        div.statement-texts {
                            @for (language, text) in &statement.texts {
                                div.statement-text { p lang=(language.tag()) { (text) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The button that flags a statement as a directive, or unflags it.
fn directive_toggle(
    viewer: &Viewer,
    source_id: &SourceId,
    number: u32,
    is_directive: bool,
) -> Markup {
    let locale = viewer.locale;
    let (value, label) = if is_directive {
        ("no", "action-unflag-directive")
    } else {
        ("yes", "action-flag-directive")
    };
    html! {
        form.inline method="post" action={"/sources/" (source_id) "/statements/" (number) "/directive"} {
            (csrf_field(viewer))
            input type="hidden" name="directive" value=(value);
            button.link-button.on-paper type="submit" aria-label=(locale.t_with(&format!("{label}-named"), &[("number", number.to_string())])) {
                (locale.t(label))
            }
        }
    }
}

/// The kinds a document may be, for its form.
fn source_kinds(locale: Locale) -> Vec<(String, Cow<'static, str>)> {
    vocabulary_options(
        locale,
        SourceKind::ALL,
        SourceKind::LABEL_PREFIX,
        SourceKind::code,
        None,
    )
}
