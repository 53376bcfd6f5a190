//! The message catalogue. Every string a user reads comes from `locales/{lang}/main.ftl`
//! (Fluent), looked up through a [`Locale`] chosen per request.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};

use crate::domain::{CountryCode, FieldError};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks around placeables would end up in exports and in e-mail subjects.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static ENGLISH: LanguageIdentifier = langid!("en");

/// The language a page is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    id: &'static LanguageIdentifier,
    code: &'static str,
}

impl Default for Locale {
    fn default() -> Self {
        Self::english()
    }
}

impl Locale {
    pub fn english() -> Self {
        Self {
            id: &ENGLISH,
            code: "en",
        }
    }

    /// The `lang` attribute of pages in this language.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The message with this key. A missing key shows itself, so it is noticed, never blank.
    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(self.id, key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message with this key, its `{ $name }` placeholders filled.
    pub fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| {
                (
                    Cow::Owned((*name).to_owned()),
                    FluentValue::from(value.clone()),
                )
            })
            .collect();
        LOCALES
            .try_lookup_with_args(self.id, key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// Why a field was refused, in words.
    pub fn field_error(&self, error: &FieldError) -> String {
        let args: Vec<(&str, String)> = error.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        self.t_with(&format!("error-{}", error.code), &args)
    }

    /// The label of a value of one of the domain's vocabularies, from its catalogue prefix.
    pub fn label(&self, prefix: &str, code: &str) -> String {
        self.t(&format!("{prefix}-{code}"))
    }

    /// A counterpart economy's name in this language.
    pub fn country_name(&self, code: CountryCode) -> &'static str {
        code.country().name_en
    }

    /// A field's label, as forms and the history name it.
    pub fn field(&self, field: &str) -> String {
        self.t(&format!("field-{}", field.replace('_', "-")))
    }
}

/// Whether the catalogue has this key in English, the reference language.
pub fn has_key(key: &str) -> bool {
    LOCALES.try_lookup(&ENGLISH, key).is_some()
}
