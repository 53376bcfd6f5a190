use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::bilingual::{OfficialLanguage, Shown, for_reader};
use super::classification::Rag;
use super::dates::CalendarDate;
use super::text::{NOTE_MAX, optional_text, required_text};
use super::validation::FieldErrors;

/// A progress update as submitted. Its text is taken to be English unless it says otherwise,
/// as updates were before they carried a language.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct ProgressInput {
    pub reported_on: String,
    pub rag: String,
    pub language: String,
    pub done: String,
    pub next_steps: String,
    pub done_translation: String,
    pub next_steps_translation: String,
}

impl Default for ProgressInput {
    fn default() -> Self {
        Self {
            reported_on: String::new(),
            rag: String::new(),
            language: OfficialLanguage::English.code().into(),
            done: String::new(),
            next_steps: String::new(),
            done_translation: String::new(),
            next_steps_translation: String::new(),
        }
    }
}

/// A dated note by an officer: delivery confidence, what was done, what comes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressUpdate {
    pub reported_on: CalendarDate,
    pub rag: Rag,
    pub text: UpdateText,
}

/// What an update says, in the official language it was written in, and perhaps in the other.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UpdateText {
    /// The language `done` and `next_steps` are written in (English when not given).
    #[serde(default)]
    pub language: OfficialLanguage,
    pub done: String,
    pub next_steps: String,
    /// `done` in the other official language; empty when none was given.
    #[serde(default)]
    pub done_translation: String,
    /// `next_steps` in the other official language; empty when none was given.
    #[serde(default)]
    pub next_steps_translation: String,
}

impl UpdateText {
    /// Text written in English alone, as updates were before they carried a language.
    pub fn english(done: String, next_steps: String) -> Self {
        Self {
            done,
            next_steps,
            ..Self::default()
        }
    }

    /// What was done, as a reader of `reader` sees it.
    pub fn done_for(&self, reader: OfficialLanguage) -> Shown<'_> {
        for_reader(&self.done, self.language, &self.done_translation, reader)
    }

    /// The next steps, as a reader of `reader` sees them.
    pub fn next_steps_for(&self, reader: OfficialLanguage) -> Shown<'_> {
        for_reader(
            &self.next_steps,
            self.language,
            &self.next_steps_translation,
            reader,
        )
    }
}

impl ProgressInput {
    pub fn parse(&self, today: NaiveDate) -> Result<ProgressUpdate, FieldErrors> {
        let mut errors = FieldErrors::new();
        let reported_on = errors.check(
            "reported_on",
            CalendarDate::parse_past(&self.reported_on, today),
        );
        let rag = errors.check("rag", Rag::parse(&self.rag));
        let language = errors.check("language", OfficialLanguage::parse(&self.language));
        let done = errors.check("done", required_text(&self.done, NOTE_MAX));
        let next_steps = errors.check("next_steps", optional_text(&self.next_steps, NOTE_MAX));
        let done_translation = errors.check(
            "done_translation",
            optional_text(&self.done_translation, NOTE_MAX),
        );
        let next_steps_translation = errors.check(
            "next_steps_translation",
            optional_text(&self.next_steps_translation, NOTE_MAX),
        );
        let text = (|| {
            Some(UpdateText {
                language: language?,
                done: done?,
                next_steps: next_steps?,
                done_translation: done_translation?,
                next_steps_translation: next_steps_translation?,
            })
        })();
        match (reported_on, rag, text) {
            (Some(reported_on), Some(rag), Some(text)) if errors.is_empty() => Ok(ProgressUpdate {
                reported_on,
                rag,
                text,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_needs_a_rag_and_what_was_done() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        let errors = ProgressInput {
            reported_on: "2026-01-10".into(),
            ..Default::default()
        }
        .parse(today)
        .unwrap_err();
        assert_eq!(errors.get("rag").unwrap().code, "required");
        assert_eq!(errors.get("done").unwrap().code, "required");
        let update = ProgressInput {
            reported_on: "2026-01-09".into(),
            rag: "at_risk".into(),
            done: "Met MOFCOM".into(),
            ..Default::default()
        }
        .parse(today)
        .unwrap();
        assert_eq!(update.rag, Rag::AtRisk);
    }
}
