//! Form fields with their labels, hints and error messages, and the summary of errors at the
//! top of a refused form. Every field keeps what the user typed.

use std::borrow::Cow;

use maud::{Markup, html};

use crate::domain::{FieldErrors, OfficialLanguage};
use crate::i18n::Locale;

/// Dates are typed as text (`YYYY-MM-DD`, as the hint says): a browser's date control empties
/// itself when given a value it cannot read, which would lose what the user typed when a refused
/// form comes back.
pub const DATE_INPUT: &str = "text";

/// Where a form field is and what it holds.
pub struct Field<'a> {
    pub name: &'static str,
    pub value: &'a str,
    pub required: bool,
    pub hint: Option<Cow<'static, str>>,
    /// What browsers and password managers may fill in (`email`, `current-password`, ...).
    pub autocomplete: Option<&'static str>,
    /// Set where a page holds several forms with the same field, to keep element ids unique.
    pub scope: Option<&'a str>,
    /// The id of a `datalist` whose values the browser suggests as the person types.
    pub suggestions: Option<&'a str>,
}

impl<'a> Field<'a> {
    pub fn new(name: &'static str, value: &'a str) -> Self {
        Self {
            name,
            value,
            required: false,
            hint: None,
            autocomplete: None,
            scope: None,
            suggestions: None,
        }
    }

    pub fn suggestions(mut self, list: &'a str) -> Self {
        self.suggestions = Some(list);
        self
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn hint(mut self, hint: Cow<'static, str>) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn autocomplete(mut self, purpose: &'static str) -> Self {
        self.autocomplete = Some(purpose);
        self
    }

    /// Within the form of one item among many (a department, a statement).
    pub fn scoped(mut self, scope: &'a str) -> Self {
        self.scope = Some(scope);
        self
    }

    fn id(&self) -> String {
        match self.scope {
            Some(scope) => format!("field-{scope}-{}", self.name),
            None => format!("field-{}", self.name),
        }
    }
}

/// The label, hint and error of one field around its control.
fn wrap(locale: Locale, field: &Field, errors: &FieldErrors, control: Markup) -> Markup {
    let error = errors.get(field.name);
    html! {
        div class={"field" @if error.is_some() { " field-error" }} {
            label for=(field.id()) {
                (locale.field(field.name))
                @if field.required { " " span.required { (locale.t("form-required")) } }
            }
            @if let Some(hint) = &field.hint { p.hint id={(field.id()) "-hint"} { (hint) } }
            @if let Some(error) = error {
                p.error-message id={(field.id()) "-error"} { span.visually-hidden { (locale.t("form-error-prefix")) " " } (locale.field_error(error)) }
            }
            (control)
        }
    }
}

fn described_by(field: &Field, errors: &FieldErrors) -> Option<String> {
    let mut ids = Vec::new();
    if field.hint.is_some() {
        ids.push(format!("{}-hint", field.id()));
    }
    if errors.get(field.name).is_some() {
        ids.push(format!("{}-error", field.id()));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

pub fn text_input(locale: Locale, field: Field, errors: &FieldErrors, input_type: &str) -> Markup {
    let control = html! {
        input type=(input_type) id=(field.id()) name=(field.name) value=(field.value)
            required[field.required] aria-invalid=[errors.get(field.name).map(|_| "true")]
            aria-describedby=[described_by(&field, errors)] autocomplete=[field.autocomplete]
            list=[field.suggestions];
    };
    wrap(locale, &field, errors, control)
}

pub fn textarea(locale: Locale, field: Field, errors: &FieldErrors, rows: u32) -> Markup {
    let control = html! {
        textarea id=(field.id()) name=(field.name) rows=(rows) required[field.required]
            aria-invalid=[errors.get(field.name).map(|_| "true")]
            aria-describedby=[described_by(&field, errors)] { (field.value) }
    };
    wrap(locale, &field, errors, control)
}

/// A drop-down list; `options` are (value, label) pairs.
pub fn select(
    locale: Locale,
    field: Field,
    errors: &FieldErrors,
    options: &[(String, Cow<'static, str>)],
) -> Markup {
    let control = html! {
        select id=(field.id()) name=(field.name) required[field.required]
            aria-invalid=[errors.get(field.name).map(|_| "true")]
            aria-describedby=[described_by(&field, errors)] {
            @for (value, label) in options {
                option value=(value) selected[value == field.value] { (label) }
            }
        }
    };
    wrap(locale, &field, errors, control)
}

/// A box to tick, sending `field.value` when ticked, with its label beside it.
pub fn checkbox(locale: Locale, field: Field, errors: &FieldErrors, checked: bool) -> Markup {
    let error = errors.get(field.name);
    html! {
        div class={"field checkbox" @if error.is_some() { " field-error" }} {
            @if let Some(error) = error {
                p.error-message id={(field.id()) "-error"} { span.visually-hidden { (locale.t("form-error-prefix")) " " } (locale.field_error(error)) }
            }
            input type="checkbox" id=(field.id()) name=(field.name) value=(field.value) checked[checked]
                aria-invalid=[error.map(|_| "true")] aria-describedby=[described_by(&field, errors)];
            label for=(field.id()) { (locale.field(field.name)) }
            @if let Some(hint) = &field.hint { p.hint id={(field.id()) "-hint"} { (hint) } }
        }
    }
}

/// Radio buttons in a fieldset; `options` are (value, label) pairs.
pub fn radios(
    locale: Locale,
    field: Field,
    errors: &FieldErrors,
    options: &[(String, Cow<'static, str>)],
) -> Markup {
    let error = errors.get(field.name);
    html! {
        // Focusable by the error summary's link to it, so that the link leads into the group.
        fieldset id=(field.id()) class={"field" @if error.is_some() { " field-error" }}
            tabindex="-1" aria-describedby=[described_by(&field, errors)] {
            legend { (locale.field(field.name)) @if field.required { " " span.required { (locale.t("form-required")) } } }
            @if let Some(hint) = &field.hint { p.hint id={(field.id()) "-hint"} { (hint) } }
            @if let Some(error) = error {
                p.error-message id={(field.id()) "-error"} { span.visually-hidden { (locale.t("form-error-prefix")) " " } (locale.field_error(error)) }
            }
            @for (value, label) in options {
                div.radio {
                    input type="radio" id={(field.id()) "-" (value)} name=(field.name) value=(value) checked[value == field.value];
                    label for={(field.id()) "-" (value)} { (label) }
                }
            }
        }
    }
}

/// The list of problems at the top of a refused form, each linking to its field.
pub fn error_summary(locale: Locale, errors: &FieldErrors) -> Markup {
    scoped_error_summary(locale, errors, None)
}

/// The same, for the form of one item among many whose fields are `scoped`.
pub fn scoped_error_summary(locale: Locale, errors: &FieldErrors, scope: Option<&str>) -> Markup {
    html! {
        @if !errors.is_empty() {
            // Focused when the page opens (no script needed), so that keyboard and screen reader
            // users start at the list of problems, each a link to its field.
            div.error-summary role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus {
                h2 #error-summary-title { (locale.t("form-error-summary")) }
                ul {
                    @for (field, error) in errors.iter() {
                        li { a href={"#" (Field { scope, ..Field::new(field, "") }.id())} { (locale.field(field)) (locale.colon()) (locale.field_error(error)) } }
                    }
                }
            }
        }
    }
}

/// (value, label) pairs for a vocabulary, in its order, optionally after an empty choice.
pub fn vocabulary_options<T: Copy>(
    locale: Locale,
    values: &[T],
    prefix: &str,
    code: impl Fn(T) -> &'static str,
    empty: Option<Cow<'static, str>>,
) -> Vec<(String, Cow<'static, str>)> {
    empty
        .map(|label| (String::new(), label))
        .into_iter()
        .chain(
            values
                .iter()
                .map(|v| (code(*v).to_owned(), locale.label(prefix, code(*v)))),
        )
        .collect()
}

/// The hidden field that proves a form was sent from one of this application's own pages.
pub fn csrf_field(viewer: &super::Viewer) -> Markup {
    hidden_csrf(viewer.csrf)
}

/// The same proof for a form shown before sign-in.
pub fn hidden_csrf(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}

/// (code, label) pairs for the departments, after an empty choice.
pub fn department_options(
    locale: Locale,
    reference_data: &crate::domain::ReferenceData,
    empty: Cow<'static, str>,
) -> Vec<(String, Cow<'static, str>)> {
    std::iter::once((String::new(), empty))
        .chain(reference_data.departments.iter().map(|d| {
            (
                d.code.clone(),
                Cow::Owned(format!(
                    "{} — {}",
                    locale.department_acronym(d),
                    locale.department_name(d)
                )),
            )
        }))
        .collect()
}

/// The official language a text is written in, chosen as radio buttons named `name`.
pub fn written_in(locale: Locale, name: &'static str, value: &str, errors: &FieldErrors) -> Markup {
    let options: Vec<(String, Cow<'static, str>)> = OfficialLanguage::ALL
        .iter()
        .map(|language| {
            let code = language.code();
            (
                code.to_owned(),
                locale.label(OfficialLanguage::LABEL_PREFIX, code),
            )
        })
        .collect();
    radios(
        locale,
        Field::new(name, value)
            .required()
            .hint(locale.t("hint-written-in")),
        errors,
        &options,
    )
}

/// Optional renderings of a record's texts in the other official language, in a group of
/// their own: each field as `(name, value, rows)`, a one-line input when `rows` is 0.
pub fn other_language_group(
    locale: Locale,
    fields: &[(&'static str, &str, u32)],
    errors: &FieldErrors,
) -> Markup {
    html! {
        fieldset.other-language aria-describedby="other-language-hint" {
            legend { (locale.t("form-section-other-language")) }
            p.hint #other-language-hint { (locale.t("hint-other-language")) }
            @for &(name, value, rows) in fields {
                @if rows == 0 {
                    (text_input(locale, Field::new(name, value), errors, "text"))
                } @else {
                    (textarea(locale, Field::new(name, value), errors, rows))
                }
            }
        }
    }
}
