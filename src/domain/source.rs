//! Source documents: the statements leaders and ministers made, numbered, in each language the
//! document holds, from which irritants take their mandate.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::bilingual::OfficialLanguage;
use super::classification::vocabulary;
use super::dates::CalendarDate;
use super::readout::{Language, LeftOutReason, Readout, is_directive, read};
use super::text::{Title, WebAddress, optional_line, optional_text, sha256_hex};
use super::validation::{FieldError, FieldErrors};

vocabulary!(
    /// What kind of document a source is.
    SourceKind, prefix = "source-kind" {
        LeadersReadout => "leaders_readout",
        JointStatement => "joint_statement",
        MinisterialMeeting => "ministerial_meeting",
        MandateLetter => "mandate_letter",
        Notice => "notice",
        Other => "other",
    }
);

/// One language version of a document: its own title, date and place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceVersion {
    pub language: Language,
    pub title: String,
    pub issued_on: Option<NaiveDate>,
    pub place: String,
}

/// One numbered paragraph, with its text in each language that has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub number: u32,
    /// Whether it instructs officials to act.
    pub is_directive: bool,
    pub texts: Vec<(Language, String)>,
}

/// The language of the statement text a quoted span was taken from, for its `lang` attribute.
pub fn quote_language(texts: &[(Language, String)], quote: &str) -> Option<Language> {
    texts
        .iter()
        .find(|(_, text)| !quote.is_empty() && text.contains(quote))
        .map(|(language, _)| *language)
}

/// The sentences of a statement's text, as they stand, for a person to quote one without
/// retyping it. A sentence ends at a full stop, question or exclamation mark (Latin or CJK)
/// followed by a space or the end; CJK marks need no space after them.
pub fn sentences(text: &str) -> Vec<&str> {
    const CJK_ENDS: [char; 3] = ['。', '！', '？'];
    let mut found = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let ends = CJK_ENDS.contains(&c)
            || (matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace));
        if ends {
            let end = at + c.len_utf8();
            let sentence = text[start..end].trim();
            if !sentence.is_empty() {
                found.push(sentence);
            }
            start = end;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        found.push(rest);
    }
    found
}

/// A document's title as stored: in the language of one of its versions (where that is
/// known), with a title for French readers when it is not in French (empty: none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentTitle {
    pub text: String,
    pub language: Option<Language>,
    pub french: String,
}

impl DocumentTitle {
    /// The title a reader of `reader` is shown, and its language tag where it is known.
    pub fn for_reader(&self, reader: OfficialLanguage) -> (&str, Option<&str>) {
        title_for_reader(
            &self.text,
            self.language.map(Language::tag),
            &self.french,
            reader,
        )
    }
}

/// A document's title (`text`, in `language` where known) as a reader of `reader` is shown it:
/// its French title, for a French reader, when it has one.
pub fn title_for_reader<'a>(
    text: &'a str,
    language: Option<&'a str>,
    french: &'a str,
    reader: OfficialLanguage,
) -> (&'a str, Option<&'a str>) {
    if reader == OfficialLanguage::French && !french.is_empty() {
        (french, Some(OfficialLanguage::French.code()))
    } else {
        (text, language)
    }
}

/// A source document ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDocument {
    pub title: String,
    pub kind: SourceKind,
    pub issued_on: Option<NaiveDate>,
    pub place: String,
    pub versions: Vec<SourceVersion>,
    pub statements: Vec<Statement>,
    /// Recognises the same text imported twice.
    pub fingerprint: String,
}

impl SourceDocument {
    /// The language of the document's title: that of the version whose title it is, if any
    /// (a corrected title may be in none).
    pub fn title_language(&self) -> Option<Language> {
        self.versions
            .iter()
            .find(|v| v.title == self.title)
            .map(|v| v.language)
    }

    /// The title of its French version, for French readers, when its own title is not that.
    pub fn french_title(&self) -> &str {
        match self
            .versions
            .iter()
            .find(|v| v.language == Language::French)
        {
            Some(french) if french.title != self.title => &french.title,
            _ => "",
        }
    }

    /// The position of the first version in a language an earlier version is in already.
    pub fn repeated_language(&self) -> Option<usize> {
        let versions = &self.versions;
        (0..versions.len()).find(|&i| {
            versions[..i]
                .iter()
                .any(|earlier| earlier.language == versions[i].language)
        })
    }

    /// A version in a language another is in already, as a problem with the field that
    /// chooses its language.
    pub fn language_problems(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        if let Some(index) = self.repeated_language() {
            errors.add(
                VERSION_LANGUAGE_FIELDS[index],
                FieldError::new("import-language-taken"),
            );
        }
        errors
    }

    /// Whether every statement has its text in every version.
    pub fn is_aligned(&self) -> bool {
        self.statements
            .iter()
            .all(|s| s.texts.len() == self.versions.len())
    }

    /// A document from a readout as read from `text`. Its title, date and place are those of
    /// its English version if it has one, else of its first. Paragraph N of every version is
    /// statement N; a statement is a directive if any of its texts instructs officials.
    pub fn from_readout(readout: &Readout, kind: SourceKind, text: &str) -> Self {
        let main = readout
            .versions
            .iter()
            .find(|v| v.language == Language::English)
            .or(readout.versions.first());
        let title = main
            .map(|v| v.title.clone())
            .filter(|t| !t.trim().is_empty())
            .or_else(|| {
                readout
                    .versions
                    .iter()
                    .find_map(|v| v.paragraphs.first())
                    .map(|p| p.chars().take(120).collect())
            })
            .unwrap_or_default();
        let count = readout
            .versions
            .iter()
            .map(|v| v.paragraphs.len())
            .max()
            .unwrap_or(0);
        let statements = (0..count)
            .map(|index| {
                let texts: Vec<(Language, String)> = readout
                    .versions
                    .iter()
                    .filter_map(|v| v.paragraphs.get(index).map(|p| (v.language, p.clone())))
                    .collect();
                Statement {
                    number: index as u32 + 1,
                    is_directive: texts.iter().any(|(_, t)| is_directive(t)),
                    texts,
                }
            })
            .collect();
        Self {
            title,
            kind,
            issued_on: main.and_then(|v| v.date),
            place: main.and_then(|v| v.place.clone()).unwrap_or_default(),
            versions: readout
                .versions
                .iter()
                .map(|v| SourceVersion {
                    language: v.language,
                    title: v.title.clone(),
                    issued_on: v.date,
                    place: v.place.clone().unwrap_or_default(),
                })
                .collect(),
            statements,
            fingerprint: fingerprint(text),
        }
    }
}

/// A block the importer left out of a version's statements, as the preview lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOutBlock {
    /// The field that keeps it as a statement: `keep_2_1` for the first block of the second
    /// version.
    pub field: String,
    pub language: Language,
    pub reason: LeftOutReason,
    pub lines: Vec<String>,
    /// Whether the official chose to keep it, so that it is among the statements.
    pub kept: bool,
}

/// What the importer makes of a pasted text: the document as it would be saved, what it left
/// out of the statements, and whether the text dates itself without a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPreview {
    pub document: SourceDocument,
    pub left_out: Vec<LeftOutBlock>,
    pub year_missing: bool,
}

impl ImportPreview {
    /// What stops it being saved as it stands: a language found twice, or a date the text
    /// gives without its year and the official has not given.
    pub fn problems(&self) -> FieldErrors {
        let mut errors = self.document.language_problems();
        if self.year_missing && self.document.issued_on.is_none() {
            errors.add("issued_on", FieldError::new("import-date-without-year"));
        }
        errors
    }
}

/// The field that keeps the left-out block at `block` of the version at `version` (both from
/// 0).
fn keep_field(version: usize, block: usize) -> String {
    format!("keep_{}_{}", version + 1, block + 1)
}

/// A source as pasted into the import form, with the corrections made on its preview.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ImportInput {
    #[serde(default)]
    pub text: String,
    #[serde(default = "default_kind")]
    pub kind: String,
    /// Empty: the title found in the text.
    #[serde(default)]
    pub title: String,
    /// Empty: the date found in the text.
    #[serde(default)]
    pub issued_on: String,
    /// `yes` once the official accepts versions whose paragraphs do not line up.
    #[serde(default)]
    pub accept_unaligned: String,
    /// The fingerprint of the text the preview showed, which the corrections were made on.
    #[serde(default)]
    pub previewed: String,
    /// The choices made on the preview for each version, by position: its language in
    /// `language_1` for the first, and so on (empty or absent: the language found in the
    /// text); the left-out blocks to keep in `keep_1_1` and the like. The form's other fields
    /// land here too and are not read.
    #[serde(flatten)]
    pub choices: BTreeMap<String, String>,
}

/// The fields that choose each version's language. A readout has at most one version per
/// language, so no more versions than languages.
pub const VERSION_LANGUAGE_FIELDS: [&str; Language::ALL.len()] =
    ["language_1", "language_2", "language_3", "language_4"];

impl ImportInput {
    /// The language chosen for the version at `index`, or empty for the one found.
    pub fn chosen_language(&self, index: usize) -> &str {
        VERSION_LANGUAGE_FIELDS
            .get(index)
            .and_then(|field| self.choices.get(*field))
            .map_or("", |chosen| chosen.trim())
    }

    /// Whether the official chose to keep a left-out block as a statement.
    fn keeps(&self, field: &str) -> bool {
        self.choices.get(field).is_some_and(|value| value == "yes")
    }

    pub fn accepts_unaligned(&self) -> bool {
        self.accept_unaligned == "yes"
    }

    /// Whether the text is not the one the corrections were made on, so that they no longer
    /// apply. Input that never saw a preview (the API's) has nothing to go stale.
    pub fn changed_since_preview(&self) -> bool {
        !self.previewed.is_empty() && self.previewed != fingerprint(&self.text)
    }

    /// The same input without the corrections made on an earlier preview of another text.
    pub fn without_corrections(&self) -> Self {
        Self {
            text: self.text.clone(),
            kind: self.kind.clone(),
            ..Self::default()
        }
    }

    /// Reads the pasted text and applies the corrections made on the preview; what cannot be
    /// read or corrected comes back as problems with the fields.
    pub fn prepare(&self) -> Result<ImportPreview, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = errors.check("kind", SourceKind::parse(&self.kind));
        let readout = errors
            .check(
                "text",
                read(&self.text).map_err(|problem| FieldError::new(problem.field_error_code())),
            )
            .map(|mut readout| {
                self.apply_chosen_languages(&mut readout, &mut errors);
                readout
            });
        let issued_on = errors
            .check("issued_on", CalendarDate::parse_optional(&self.issued_on))
            .flatten()
            .map(CalendarDate::get);
        let title = if self.title.trim().is_empty() {
            None
        } else {
            errors.check("title", Title::parse(&self.title))
        };
        let (Some(kind), Some(mut readout)) = (kind, readout) else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let left_out = self.keep_chosen_blocks(&mut readout);
        let mut document = SourceDocument::from_readout(&readout, kind, &self.text);
        if let Some(title) = title {
            document.title = title.as_str().to_owned();
        }
        if issued_on.is_some() {
            document.issued_on = issued_on;
        }
        Ok(ImportPreview {
            document,
            left_out,
            year_missing: readout.versions.iter().any(|v| v.year_missing),
        })
    }

    /// Moves the left-out blocks the official chose to keep into their versions' statements;
    /// lists every block that was left out, kept or not.
    fn keep_chosen_blocks(&self, readout: &mut Readout) -> Vec<LeftOutBlock> {
        let mut listed = Vec::new();
        for (version_at, version) in readout.versions.iter_mut().enumerate() {
            for (block_at, block) in version.left_out.iter().enumerate() {
                let field = keep_field(version_at, block_at);
                listed.push(LeftOutBlock {
                    kept: self.keeps(&field),
                    field,
                    language: version.language,
                    reason: block.reason,
                    lines: block.lines.clone(),
                });
            }
            version.keep_left_out(|block_at| self.keeps(&keep_field(version_at, block_at)));
        }
        listed
    }

    /// Gives each version the language the official chose for it, where the one found was
    /// wrong.
    fn apply_chosen_languages(&self, readout: &mut Readout, errors: &mut FieldErrors) {
        for (index, version) in readout.versions.iter_mut().enumerate() {
            let chosen = self.chosen_language(index);
            if chosen.is_empty() {
                continue;
            }
            match Language::parse(chosen) {
                Some(language) => version.language = language,
                None => errors.add(
                    VERSION_LANGUAGE_FIELDS[index],
                    FieldError::new("not-in-list"),
                ),
            }
        }
    }

    /// What must hold before a prepared document is saved: one version per language, a date
    /// where the text gives one without its year, and versions that line up unless the official accepts that statement N may hold paragraphs
    /// that say different things.
    pub fn check_for_saving(&self, preview: &ImportPreview) -> Result<(), FieldErrors> {
        let mut errors = preview.problems();
        if !preview.document.is_aligned() && !self.accepts_unaligned() {
            errors.add("accept_unaligned", FieldError::new("import-unaligned"));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

fn default_kind() -> String {
    SourceKind::LeadersReadout.code().to_owned()
}

impl Default for ImportInput {
    fn default() -> Self {
        Self {
            text: String::new(),
            kind: default_kind(),
            title: String::new(),
            issued_on: String::new(),
            accept_unaligned: String::new(),
            previewed: String::new(),
            choices: BTreeMap::new(),
        }
    }
}

/// What an official may correct on a stored document: how it is described, not its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDetails {
    pub title: Title,
    /// The title for French readers, when the document's own is not French.
    pub title_fr: Option<Title>,
    pub kind: SourceKind,
    pub issued_on: Option<NaiveDate>,
    pub place: String,
    /// Who took part, as the document names them.
    pub participants: String,
    /// Where the document is published.
    pub url: Option<WebAddress>,
}

/// The longest list of participants.
pub const PARTICIPANTS_MAX: usize = 2_000;

/// The form that corrects a stored document's details, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct SourceDetailsInput {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub title_fr: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub issued_on: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub participants: String,
    #[serde(default)]
    pub url: String,
}

impl SourceDetailsInput {
    /// The form for a stored document: its `title_fr`, participants and address are kept
    /// beside it.
    pub fn from_stored(
        document: &SourceDocument,
        (title_fr, participants, url): (&str, &str, &str),
    ) -> Self {
        Self {
            title_fr: title_fr.to_owned(),
            participants: participants.to_owned(),
            url: url.to_owned(),
            title: document.title.clone(),
            kind: document.kind.code().to_owned(),
            issued_on: document
                .issued_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            place: document.place.clone(),
        }
    }

    pub fn parse(&self) -> Result<SourceDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.check("title", Title::parse(&self.title));
        let title_fr = errors.check("title_fr", Title::parse_optional(&self.title_fr));
        let kind = errors.check("kind", SourceKind::parse(&self.kind));
        let issued_on = errors.check("issued_on", CalendarDate::parse_optional(&self.issued_on));
        let place = errors.check("place", optional_line(&self.place));
        let participants = errors.check(
            "participants",
            optional_text(&self.participants, PARTICIPANTS_MAX),
        );
        let url = errors.check("url", WebAddress::parse_optional(&self.url));
        match (title, title_fr, kind, issued_on, place, participants, url) {
            (
                Some(title),
                Some(title_fr),
                Some(kind),
                Some(issued_on),
                Some(place),
                Some(participants),
                Some(url),
            ) if errors.is_empty() => Ok(SourceDetails {
                title,
                title_fr,
                kind,
                issued_on: issued_on.map(CalendarDate::get),
                place,
                participants,
                url,
            }),
            _ => Err(errors),
        }
    }
}

/// A digest of a text that differences of line endings and spacing do not change.
pub fn fingerprint(text: &str) -> String {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .filter(|w| !w.is_empty())
        .collect();
    sha256_hex(&words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_reads_as_its_sentences_in_any_script() {
        let english = "The leaders met on Friday. They directed officials to resolve canola, \
                       seafood and EV issues! Was it 3.5 hours? Yes";
        assert_eq!(
            sentences(english),
            [
                "The leaders met on Friday.",
                "They directed officials to resolve canola, seafood and EV issues!",
                "Was it 3.5 hours?",
                "Yes"
            ]
        );
        assert_eq!(
            sentences("两国领导人会面。指示官员尽快解决问题！"),
            ["两国领导人会面。", "指示官员尽快解决问题！"]
        );
        assert!(sentences("  ").is_empty());
    }
    use crate::domain::readout::read;

    const SHARED: &str = include_str!("../../demo/readout-2025-10-31-canada-china.txt");

    #[test]
    fn the_shared_readout_becomes_five_statements_in_two_languages() {
        let readout = read(SHARED).unwrap();
        let document = SourceDocument::from_readout(&readout, SourceKind::LeadersReadout, SHARED);
        assert!(document.title.starts_with("Prime Minister Carney meets"));
        assert_eq!(document.issued_on, NaiveDate::from_ymd_opt(2025, 10, 31));
        assert_eq!(document.place, "Gyeongju, Republic of Korea");
        assert_eq!(document.statements.len(), 5);
        let directives: Vec<u32> = document
            .statements
            .iter()
            .filter(|s| s.is_directive)
            .map(|s| s.number)
            .collect();
        assert_eq!(directives, [3]);
        let third = &document.statements[2];
        let (chinese, english) = (&third.texts[0], &third.texts[1]);
        assert!(chinese.0 == Language::ChineseTraditional && chinese.1.contains("油菜籽"));
        assert!(english.0 == Language::English && english.1.contains("canola"));
    }

    #[test]
    fn the_same_text_has_the_same_fingerprint_whatever_its_line_endings() {
        let windows = SHARED.replace('\n', "\r\n");
        assert_eq!(fingerprint(SHARED), fingerprint(&windows));
        assert_eq!(
            fingerprint(SHARED),
            fingerprint(&format!("\u{FEFF}{SHARED}"))
        );
        assert_ne!(fingerprint(SHARED), fingerprint("Another readout"));
    }
}
