//! The message catalogue. Every string a user reads comes from `locales/{lang}/main.ftl`
//! (Fluent), looked up through a [`Locale`] chosen per request.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};

use crate::domain::people::Department;
use crate::domain::{CountryCode, FieldError, OfficialLanguage, TradeValue};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks around placeables would end up in exports and in e-mail subjects.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static ENGLISH: LanguageIdentifier = langid!("en");
static FRENCH: LanguageIdentifier = langid!("fr");

/// The arguments that hold counts, which a message may use to choose its plural form.
const PLURAL_ARGS: [&str; 6] = ["days", "count", "more", "entered", "changed", "left"];

/// One language's messages. Those without placeholders, most of them, are resolved once at
/// start-up: a page shows hundreds of labels, and Fluent's lookup allocates and negotiates
/// languages on every call.
struct Catalogue {
    id: &'static LanguageIdentifier,
    code: &'static str,
    plain: HashMap<&'static str, String>,
}

impl Catalogue {
    fn load(id: &'static LanguageIdentifier, code: &'static str, source: &'static str) -> Self {
        let plain = source
            .lines()
            .filter_map(|line| line.split_once(" = "))
            .filter(|(key, text)| !key.starts_with(['#', ' ']) && !text.contains('{'))
            .filter_map(|(key, _)| Some((key, LOCALES.try_lookup(id, key)?)))
            .collect();
        Self { id, code, plain }
    }
}

static ENGLISH_CATALOGUE: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue::load(&ENGLISH, "en", include_str!("../../locales/en/main.ftl")));
static FRENCH_CATALOGUE: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue::load(&FRENCH, "fr", include_str!("../../locales/fr/main.ftl")));

/// The language a page is written in.
#[derive(Clone, Copy)]
pub struct Locale {
    catalogue: &'static Catalogue,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl PartialEq for Locale {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
    }
}

impl Default for Locale {
    fn default() -> Self {
        Self::english()
    }
}

impl Locale {
    pub fn english() -> Self {
        Self {
            catalogue: &ENGLISH_CATALOGUE,
        }
    }

    pub fn french() -> Self {
        Self {
            catalogue: &FRENCH_CATALOGUE,
        }
    }

    /// The language of this `lang` code (`en`, `fr`), if the application speaks it.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "en" => Some(Self::english()),
            "fr" => Some(Self::french()),
            _ => None,
        }
    }

    /// The language to offer beside this one: Canada's other official language.
    pub fn other(&self) -> Self {
        if self.code() == "fr" {
            Self::english()
        } else {
            Self::french()
        }
    }

    /// The language a browser prefers among those the application speaks, from its
    /// `Accept-Language` header (`fr-CA,fr;q=0.9,en;q=0.8`): the highest weight wins, the
    /// earlier on a tie, and a weight of 0 refuses a language.
    pub fn negotiate(accept_language: &str) -> Option<Self> {
        let mut best: Option<(f32, Self)> = None;
        for range in accept_language.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or_default();
            let Some(locale) = Self::from_code(&primary.to_ascii_lowercase()) else {
                continue;
            };
            if weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, locale));
            }
        }
        best.map(|(_, locale)| locale)
    }

    /// The official language this is.
    pub fn language(&self) -> OfficialLanguage {
        if self.code() == "fr" {
            OfficialLanguage::French
        } else {
            OfficialLanguage::English
        }
    }

    /// The `lang` attribute of pages in this language.
    pub fn code(&self) -> &'static str {
        self.catalogue.code
    }

    /// The message with this key. A missing key shows itself, so it is noticed, never blank.
    pub fn t(&self, key: &str) -> Cow<'static, str> {
        match self.catalogue.plain.get(key) {
            Some(text) => Cow::Borrowed(text.as_str()),
            None => Cow::Owned(
                LOCALES
                    .try_lookup(self.catalogue.id, key)
                    .unwrap_or_else(|| key.to_owned()),
            ),
        }
    }

    /// The message with this key, its `{ $name }` placeholders filled.
    pub fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| {
                // A count is passed as a number, so that a message can choose its plural form;
                // every other value stays text (a code such as 0101.21 is not a number).
                let value = match value.parse::<i64>() {
                    Ok(number) if PLURAL_ARGS.contains(name) => FluentValue::from(number),
                    _ => FluentValue::from(value.clone()),
                };
                (Cow::Owned((*name).to_owned()), value)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(self.catalogue.id, key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// Why an irritant of a bulk change was refused, kept as words and read back, in words.
    pub fn problem(&self, problem: &crate::domain::bulk::Problem) -> String {
        let args: Vec<(&str, String)> = problem
            .args
            .iter()
            .map(|(name, value)| (name.as_str(), value.clone()))
            .collect();
        self.t_with(&format!("error-{}", problem.code), &args)
    }

    /// Why a field was refused, in words.
    pub fn field_error(&self, error: &FieldError) -> String {
        let args: Vec<(&str, String)> = error.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        self.t_with(&format!("error-{}", error.code), &args)
    }

    /// The label of a value of one of the domain's vocabularies, from its catalogue prefix.
    pub fn label(&self, prefix: &str, code: &str) -> Cow<'static, str> {
        self.t(&format!("{prefix}-{code}"))
    }

    /// A counterpart economy's name in this language.
    pub fn country_name(&self, code: CountryCode) -> &'static str {
        let country = code.country();
        self.pick(country.name_en, country.name_fr)
    }

    /// An amount of Canadian dollars as this language writes it: `$1,234,567.50` in English,
    /// `1 234 567,50 $` in French (with non-breaking spaces).
    pub fn amount(&self, value: &TradeValue) -> String {
        if self.code() == "fr" {
            format!("{}\u{a0}$", value.grouped('\u{a0}', ','))
        } else {
            format!("${}", value.grouped(',', '.'))
        }
    }

    /// What goes between a label and its value: `: ` in English; in French, a non-breaking
    /// space before the colon as well.
    pub fn colon(&self) -> &'static str {
        self.pick(": ", "\u{a0}: ")
    }

    /// Whether a count takes the singular: 1 in English; 0 and 1 in French.
    pub fn is_singular(&self, count: usize) -> bool {
        count == 1 || (count == 0 && self.code() == "fr")
    }

    /// A department's name in this language.
    pub fn department_name<'d>(&self, department: &'d Department) -> &'d str {
        self.pick(&department.name_en, &department.name_fr)
    }

    /// How a department is named in short: its code, or in French its French acronym.
    pub fn department_acronym<'d>(&self, department: &'d Department) -> &'d str {
        if department.acronym_fr.is_empty() {
            &department.code
        } else {
            self.pick(&department.code, &department.acronym_fr)
        }
    }

    /// Of a name kept in both languages, the one in this language.
    fn pick<'n>(&self, english: &'n str, french: &'n str) -> &'n str {
        if self.code() == "fr" { french } else { english }
    }

    /// A field's label, as forms and the history name it.
    pub fn field(&self, field: &str) -> Cow<'static, str> {
        self.t(&format!("field-{}", field.replace('_', "-")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::listing::ListSort;
    use crate::domain::*;

    /// Whether the English catalogue, the reference language, defines this key.
    fn has_key(key: &str) -> bool {
        include_str!("../../locales/en/main.ftl")
            .lines()
            .any(|line| line.split_once(" = ").is_some_and(|(k, _)| k == key))
    }

    /// String literals that follow `marker` in the crate's sources, e.g. the keys in `t("...")`.
    fn literals_after(marker: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut folders = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).unwrap();
                    for piece in source.split(marker).skip(1) {
                        let is_key = |l: &&str| !l.is_empty() && !l.contains([' ', '{']);
                        if let Some(literal) = piece.split('"').next().filter(is_key) {
                            found.push(literal.to_owned());
                        }
                    }
                }
            }
        }
        found
    }

    #[test]
    fn every_message_the_code_names_is_in_the_catalogue() {
        let mut missing: Vec<String> = literals_after(".t(\"")
            .into_iter()
            .chain(literals_after(".t_with(\""))
            .filter(|k| !has_key(k))
            .collect();
        missing.extend(
            literals_after("FieldError::new(\"")
                .into_iter()
                .map(|code| format!("error-{code}"))
                .filter(|k| !has_key(k)),
        );
        missing.extend(
            literals_after("\"problem-")
                .into_iter()
                .map(|rest| format!("problem-{rest}"))
                .filter(|k| !has_key(k)),
        );
        missing.extend(
            literals_after("\"notice-")
                .into_iter()
                .map(|rest| format!("notice-{rest}"))
                .filter(|k| !has_key(k)),
        );
        missing.extend(
            literals_after("NoticeText::new(\"")
                .into_iter()
                .chain(
                    literals_after("\"notify-")
                        .into_iter()
                        .map(|rest| format!("notify-{rest}")),
                )
                .filter(|k| !has_key(k)),
        );
        missing.extend(
            literals_after("\"note-")
                .into_iter()
                .map(|rest| format!("error-note-{rest}"))
                .filter(|k| !has_key(k)),
        );
        missing.extend(
            literals_after("Field::new(\"")
                .into_iter()
                .map(|f| format!("field-{}", f.replace('_', "-")))
                .filter(|k| !has_key(k)),
        );
        missing.sort();
        missing.dedup();
        assert!(
            missing.is_empty(),
            "missing from locales/en/main.ftl: {missing:?}"
        );
    }

    #[test]
    fn every_value_of_every_vocabulary_has_a_label() {
        let mut keys: Vec<String> = Vec::new();
        keys.extend(Status::ALL.iter().map(|v| v.label_key()));
        keys.extend(Direction::ALL.iter().map(|v| v.label_key()));
        keys.extend(MeasureType::ALL.iter().map(|v| v.label_key()));
        keys.extend(Priority::ALL.iter().map(|v| v.label_key()));
        keys.extend(ActionHolder::ALL.iter().map(|v| v.label_key()));
        keys.extend(Rag::ALL.iter().map(|v| v.label_key()));
        keys.extend(Sector::ALL.iter().map(|v| v.label_key()));
        keys.extend(MilestoneState::ALL.iter().map(|v| v.label_key()));
        keys.extend(ClosureReason::ALL.iter().map(|v| v.label_key()));
        keys.extend(ListSort::ALL.iter().map(|v| v.label_key()));
        keys.extend(
            crate::domain::accounts::Role::ALL
                .iter()
                .map(|v| v.label_key()),
        );
        keys.extend(
            crate::domain::notification::NotificationKind::ALL
                .iter()
                .map(|v| v.label_key()),
        );
        keys.extend(
            crate::domain::notification::Delivery::ALL
                .iter()
                .map(|v| v.label_key()),
        );
        keys.extend(
            ["mail-state-pending", "mail-state-sent", "mail-state-failed"].map(String::from),
        );
        keys.extend(
            crate::domain::accounts::SecurityEventKind::ALL
                .iter()
                .map(|v| v.label_key()),
        );
        keys.extend(
            crate::domain::source::SourceKind::ALL
                .iter()
                .map(|v| v.label_key()),
        );
        keys.extend(
            crate::domain::readout::Language::ALL
                .iter()
                .map(|l| format!("language-{}", l.tag())),
        );
        keys.extend(
            crate::domain::readout::LeftOutReason::ALL
                .iter()
                .map(|r| r.label_key()),
        );
        for kind in LinkKind::ALL {
            keys.extend(["out", "in"].map(|side| format!("{}-{side}", kind.label_key())));
        }
        let missing: Vec<&String> = keys.iter().filter(|k| !has_key(k)).collect();
        assert!(missing.is_empty(), "missing labels: {missing:?}");
    }

    /// Each message of a catalogue, by key, with the placeholders its text names, in order
    /// of the file. A message's text may go on over indented lines.
    fn messages(source: &str) -> Vec<(String, std::collections::BTreeSet<String>)> {
        let mut messages: Vec<(String, std::collections::BTreeSet<String>)> = Vec::new();
        for line in source.lines() {
            let text = if line.starts_with(' ') {
                line
            } else if let Some((key, text)) =
                line.split_once('=').filter(|_| !line.starts_with('#'))
            {
                messages.push((key.trim().to_owned(), Default::default()));
                text
            } else {
                continue;
            };
            let (_, names) = messages.last_mut().expect("continuation after a message");
            for piece in text.split('$').skip(1) {
                let name: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                names.insert(name);
            }
        }
        messages
    }

    #[test]
    fn every_message_exists_in_both_languages_with_the_same_placeholders() {
        let english = messages(include_str!("../../locales/en/main.ftl"));
        let french = messages(include_str!("../../locales/fr/main.ftl"));
        let keys = |m: &[(String, _)]| m.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
        let only_english: Vec<String> = keys(&english)
            .into_iter()
            .filter(|k| !keys(&french).contains(k))
            .collect();
        let only_french: Vec<String> = keys(&french)
            .into_iter()
            .filter(|k| !keys(&english).contains(k))
            .collect();
        assert!(only_english.is_empty(), "in English only: {only_english:?}");
        assert!(only_french.is_empty(), "in French only: {only_french:?}");
        for ((key, english_names), (_, french_names)) in english.iter().zip(&french) {
            assert_eq!(english_names, french_names, "placeholders of {key} differ");
        }
        assert_eq!(
            keys(&english),
            keys(&french),
            "the catalogues list messages in the same order"
        );
    }

    #[test]
    fn every_french_message_resolves() {
        for (key, names) in messages(include_str!("../../locales/fr/main.ftl")) {
            let args: Vec<(&str, String)> =
                names.iter().map(|n| (n.as_str(), "1".to_owned())).collect();
            let text = Locale::french().t_with(&key, &args);
            assert_ne!(text, key, "{key} does not resolve in French");
            assert!(!text.is_empty(), "{key} is empty in French");
        }
    }

    #[test]
    fn the_browser_s_preferred_language_is_chosen() {
        let code = |header: &str| Locale::negotiate(header).map(|l| l.code());
        assert_eq!(code("fr-CA,fr;q=0.9,en;q=0.8"), Some("fr"));
        assert_eq!(code("en-CA,en;q=0.9,fr-CA;q=0.8"), Some("en"));
        assert_eq!(code("de-DE,fr;q=0.5,en;q=0.7"), Some("en"));
        assert_eq!(code("zh-CN, FR;q=0.3"), Some("fr"));
        assert_eq!(code("fr;q=0, en;q=0.1"), Some("en"));
        assert_eq!(code("de, zh"), None);
        assert_eq!(code(""), None);
    }

    #[test]
    fn names_kept_in_both_languages_follow_the_page() {
        let china = CountryCode::parse("CN").unwrap();
        assert_eq!(Locale::english().country_name(china), "China");
        assert_eq!(Locale::french().country_name(china), "Chine");
        assert_eq!(Locale::french().t("nav-skip"), "Aller au contenu principal");
        assert_eq!(Locale::french().other(), Locale::english());
    }

    #[test]
    fn placeholders_are_filled() {
        let message = Locale::english().t_with(
            "pagination-position",
            &[("page", "2".into()), ("pages", "7".into())],
        );
        assert_eq!(message, "Page 2 of 7");
    }
}
