//! The lifecycle of an irritant and the rules for moving along it.

use chrono::NaiveDate;
use serde::Deserialize;

use super::classification::{ClosureReason, vocabulary};
use super::dates::{CalendarDate, iso_date};
use super::text::{LINE_MAX, NOTE_MAX, optional_text, required_text};
use super::validation::{FieldError, FieldErrors};

vocabulary!(
    /// `open` -> `resolved_in_part` -> `resolved`, with the side states `dormant` and `closed`.
    Status, prefix = "status" {
        Open => "open",
        ResolvedInPart => "resolved_in_part",
        Resolved => "resolved",
        Dormant => "dormant",
        Closed => "closed",
    }
);

impl Status {
    /// Still being worked on: deadlines apply and it can be overdue or stale.
    pub fn is_active(self) -> bool {
        matches!(self, Status::Open | Status::ResolvedInPart)
    }

    /// Statuses an irritant in this status may move to. From `resolved` and `closed` the only
    /// way on is to reopen it, so the record of how it ended stays until someone says why not.
    pub fn next_statuses(self) -> &'static [Status] {
        use Status::*;
        match self {
            Open => &[ResolvedInPart, Resolved, Dormant, Closed],
            ResolvedInPart => &[ResolvedInPart, Resolved, Open, Dormant, Closed],
            Dormant => &[Open, ResolvedInPart, Resolved, Closed],
            Resolved | Closed => &[Open],
        }
    }
}

/// Where an irritant stands: its status, since when, and what was said on reaching it
/// (the part resolved, how it was resolved, or the reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusState {
    pub status: Status,
    pub since: NaiveDate,
    pub note: String,
    pub closure_reason: Option<ClosureReason>,
}

impl StatusState {
    pub fn opened(on: NaiveDate) -> Self {
        Self {
            status: Status::Open,
            since: on,
            note: String::new(),
            closure_reason: None,
        }
    }
}

/// A status change as submitted, by the status form or by the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct StatusChangeInput {
    pub status: String,
    pub effective_date: String,
    pub note: String,
    pub closure_reason: String,
    pub summary: String,
}

/// A valid move from one status to another, with who-needs-to-know details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub from: Status,
    pub to: StatusState,
    pub summary: String,
}

impl StatusChange {
    /// Applies the status rules to a submitted change. `today` bounds the effective date:
    /// a status records what has happened, not what is planned.
    pub fn parse(
        input: &StatusChangeInput,
        now: &StatusState,
        today: NaiveDate,
    ) -> Result<Self, FieldErrors> {
        let current = now.status;
        let mut errors = FieldErrors::new();
        let target = errors.check("status", Status::parse(&input.status));
        let effective = errors.check(
            "effective_date",
            CalendarDate::parse_past(&input.effective_date, today).and_then(|date| {
                // A status cannot take effect before the one it replaces.
                if date.get() < now.since {
                    Err(FieldError::new("date-before-status").with("date", iso_date(now.since)))
                } else {
                    Ok(date)
                }
            }),
        );
        let summary = errors.check("summary", optional_text(&input.summary, LINE_MAX));
        let mut note = String::new();
        let mut closure_reason = None;

        if let Some(target) = target {
            if !current.next_statuses().contains(&target) {
                let code = if target == current {
                    "status-unchanged"
                } else {
                    "status-reopen-first"
                };
                errors.add("status", FieldError::new(code));
            }
            let note_needed = match target {
                Status::Open => Some("note-reopen-reason"),
                Status::ResolvedInPart => Some("note-which-part"),
                Status::Resolved => Some("note-how-resolved"),
                Status::Dormant => Some("note-dormant-reason"),
                Status::Closed => None,
            };
            note = errors
                .check(
                    "note",
                    match note_needed {
                        Some(code) => required_text(&input.note, NOTE_MAX).map_err(|e| {
                            if e.code == "required" {
                                FieldError::new(code)
                            } else {
                                e
                            }
                        }),
                        None => optional_text(&input.note, NOTE_MAX),
                    },
                )
                .unwrap_or_default();
            if target == Status::Closed {
                closure_reason = errors.check(
                    "closure_reason",
                    ClosureReason::parse(&input.closure_reason)
                        .map_err(|_| FieldError::new("closure-reason-required")),
                );
                if closure_reason == Some(ClosureReason::Other) && note.is_empty() {
                    errors.add("note", FieldError::new("note-closure-other"));
                }
            }
        }

        match (target, effective, summary) {
            (Some(status), Some(effective), Some(summary)) if errors.is_empty() => Ok(Self {
                from: current,
                to: StatusState {
                    status,
                    since: effective.get(),
                    note,
                    closure_reason,
                },
                summary,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
    }

    fn change(status: &str, note: &str) -> StatusChangeInput {
        StatusChangeInput {
            status: status.into(),
            effective_date: "2026-01-14".into(),
            note: note.into(),
            ..Default::default()
        }
    }

    fn since_new_year(status: Status) -> StatusState {
        StatusState {
            status,
            ..StatusState::opened(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
        }
    }

    fn refused(input: &StatusChangeInput, from: Status) -> FieldErrors {
        StatusChange::parse(input, &since_new_year(from), today()).unwrap_err()
    }

    #[test]
    fn resolving_needs_to_say_how() {
        let errors = refused(&change("resolved", ""), Status::Open);
        assert_eq!(errors.get("note").unwrap().code, "note-how-resolved");
        let done = StatusChange::parse(
            &change("resolved", "Duty lifted"),
            &since_new_year(Status::Open),
            today(),
        );
        assert_eq!(done.unwrap().to.status, Status::Resolved);
    }

    #[test]
    fn resolving_in_part_says_which_part_and_may_be_repeated() {
        let errors = refused(&change("resolved_in_part", " "), Status::Open);
        assert_eq!(errors.get("note").unwrap().code, "note-which-part");
        let more = change("resolved_in_part", "HS 1514 also lifted");
        assert!(
            StatusChange::parse(&more, &since_new_year(Status::ResolvedInPart), today()).is_ok()
        );
    }

    #[test]
    fn dormant_and_reopening_need_a_reason() {
        assert_eq!(
            refused(&change("dormant", ""), Status::Open)
                .get("note")
                .unwrap()
                .code,
            "note-dormant-reason"
        );
        assert_eq!(
            refused(&change("open", ""), Status::Resolved)
                .get("note")
                .unwrap()
                .code,
            "note-reopen-reason"
        );
        assert!(
            StatusChange::parse(
                &change("open", "Duty reimposed"),
                &since_new_year(Status::Resolved),
                today()
            )
            .is_ok()
        );
    }

    #[test]
    fn closing_needs_a_closure_reason_and_other_needs_words() {
        let errors = refused(&change("closed", ""), Status::Open);
        assert_eq!(
            errors.get("closure_reason").unwrap().code,
            "closure-reason-required"
        );
        let mut input = change("closed", "");
        input.closure_reason = "other".into();
        assert_eq!(
            refused(&input, Status::Open).get("note").unwrap().code,
            "note-closure-other"
        );
        input.closure_reason = "duplicate".into();
        let closed = StatusChange::parse(&input, &since_new_year(Status::Open), today()).unwrap();
        assert_eq!(closed.to.closure_reason, Some(ClosureReason::Duplicate));
    }

    #[test]
    fn ended_irritants_must_be_reopened_before_anything_else() {
        let errors = refused(&change("dormant", "Paused"), Status::Closed);
        assert_eq!(errors.get("status").unwrap().code, "status-reopen-first");
        let errors = refused(&change("open", "again"), Status::Open);
        assert_eq!(errors.get("status").unwrap().code, "status-unchanged");
    }

    #[test]
    fn a_status_cannot_take_effect_before_the_current_one() {
        let mut input = change("resolved", "Lifted");
        input.effective_date = "2025-12-31".into();
        assert_eq!(
            refused(&input, Status::Open)
                .get("effective_date")
                .unwrap()
                .code,
            "date-before-status"
        );
    }

    #[test]
    fn the_effective_date_cannot_be_in_the_future() {
        let mut input = change("resolved", "Lifted");
        input.effective_date = "2026-01-16".into();
        assert_eq!(
            refused(&input, Status::Open)
                .get("effective_date")
                .unwrap()
                .code,
            "date-in-future"
        );
    }
}
