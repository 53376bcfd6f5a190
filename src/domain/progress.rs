use chrono::NaiveDate;
use serde::Deserialize;

use super::classification::Rag;
use super::dates::CalendarDate;
use super::text::{NOTE_MAX, optional_text, required_text};
use super::validation::FieldErrors;

/// A progress update as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProgressInput {
    pub reported_on: String,
    pub rag: String,
    pub done: String,
    pub next_steps: String,
}

/// A dated note by an officer: delivery confidence, what was done, what comes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressUpdate {
    pub reported_on: CalendarDate,
    pub rag: Rag,
    pub done: String,
    pub next_steps: String,
}

impl ProgressInput {
    pub fn parse(&self, today: NaiveDate) -> Result<ProgressUpdate, FieldErrors> {
        let mut errors = FieldErrors::new();
        let reported_on = errors.check(
            "reported_on",
            CalendarDate::parse_past(&self.reported_on, today),
        );
        let rag = errors.check("rag", Rag::parse(&self.rag));
        let done = errors.check("done", required_text(&self.done, NOTE_MAX));
        let next_steps = errors.check("next_steps", optional_text(&self.next_steps, NOTE_MAX));
        match (reported_on, rag, done, next_steps) {
            (Some(reported_on), Some(rag), Some(done), Some(next_steps)) => Ok(ProgressUpdate {
                reported_on,
                rag,
                done,
                next_steps,
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
            next_steps: String::new(),
        }
        .parse(today)
        .unwrap();
        assert_eq!(update.rag, Rag::AtRisk);
    }
}
