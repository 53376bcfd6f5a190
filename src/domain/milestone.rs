use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::classification::MilestoneState;
use super::dates::CalendarDate;
use super::history::{ChangeRecord, HistoryKind};
use super::ids::PersonId;
use super::people::ReferenceData;
use super::text::Title;
use super::text::{LINE_MAX, optional_text};
use super::validation::{FieldError, FieldErrors};

/// A milestone as submitted.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct MilestoneInput {
    pub title: String,
    pub due_date: String,
    pub owner: String,
    pub state: String,
    /// Why the due date moves later, when it does: required then, and kept in the history.
    pub reason: String,
}

impl Default for MilestoneInput {
    fn default() -> Self {
        Self {
            title: String::new(),
            due_date: String::new(),
            owner: String::new(),
            state: MilestoneState::Planned.code().into(),
            reason: String::new(),
        }
    }
}

/// A dated step toward resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneFields {
    pub title: Title,
    pub due_date: CalendarDate,
    pub owner: Option<PersonId>,
    pub state: MilestoneState,
}

impl super::merge::EditForm for MilestoneInput {
    const FIELDS: &'static [&'static str] = &["title", "due_date", "owner", "state", "reason"];
}

impl MilestoneInput {
    pub fn parse(&self, reference_data: &ReferenceData) -> Result<MilestoneFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.check("title", Title::parse(&self.title));
        let due_date = errors.check("due_date", CalendarDate::parse(&self.due_date));
        let owner = errors.check("owner", reference_data.parse_person(&self.owner));
        let state = errors.check("state", MilestoneState::parse(&self.state));
        match (title, due_date, owner, state) {
            (Some(title), Some(due_date), Some(owner), Some(state)) => Ok(MilestoneFields {
                title,
                due_date,
                owner,
                state,
            }),
            _ => Err(errors),
        }
    }
}

impl MilestoneInput {
    /// Reads a change to the milestone `before`: moving its due date later needs a reason.
    pub fn parse_edit(
        &self,
        reference_data: &ReferenceData,
        before: &MilestoneFields,
    ) -> Result<MilestoneEdit, FieldErrors> {
        let parsed = self.parse(reference_data);
        let reason = optional_text(&self.reason, LINE_MAX);
        let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
        let reason = errors.check("reason", reason);
        if let (Ok(fields), Some(reason)) = (&parsed, &reason)
            && fields.due_date.get() > before.due_date.get()
            && reason.is_empty()
        {
            errors.add("reason", FieldError::new("milestone-later-reason"));
        }
        match (parsed, reason) {
            (Ok(fields), Some(reason)) if errors.is_empty() => Ok(MilestoneEdit { fields, reason }),
            _ => Err(errors),
        }
    }
}

impl From<&MilestoneFields> for MilestoneInput {
    fn from(fields: &MilestoneFields) -> Self {
        Self {
            title: fields.title.to_string(),
            due_date: fields.due_date.to_string(),
            owner: fields
                .owner
                .as_ref()
                .map(PersonId::to_string)
                .unwrap_or_default(),
            state: fields.state.code().into(),
            reason: String::new(),
        }
    }
}

/// The most milestones planned as an irritant is recorded; more are added from its page.
pub const PLANNED_MAX: usize = 20;

/// Milestones written one per line, each its due date then its title
/// (`2026-03-15 Technical meeting in Beijing`), planned and without an owner. Blank lines are
/// skipped; a problem names its line.
pub fn parse_planned(text: &str) -> Result<Vec<MilestoneFields>, FieldError> {
    let mut planned = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if planned.len() == PLANNED_MAX {
            return Err(FieldError::new("too-many-milestones").with("max", PLANNED_MAX));
        }
        let (due, title) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        // Whatever is wrong with the line, the remedy is the same: its date, then its title.
        let at_line = |_: FieldError| FieldError::new("milestone-line").with("line", index + 1);
        planned.push(MilestoneFields {
            due_date: CalendarDate::parse(due).map_err(at_line)?,
            title: Title::parse(title).map_err(at_line)?,
            owner: None,
            state: MilestoneState::Planned,
        });
    }
    Ok(planned)
}

/// A change to a milestone: its new values, and why its due date moves later, if it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneEdit {
    pub fields: MilestoneFields,
    pub reason: String,
}

impl MilestoneFields {
    /// The history records for going from `self` to `after`, each naming the milestone.
    /// A due date moved later says why, after the milestone's title.
    pub fn changes_to(&self, edit: &MilestoneEdit, people: &ReferenceData) -> Vec<ChangeRecord> {
        let after = &edit.fields;
        let pairs = [
            (
                "title",
                Some(self.title.to_string()),
                Some(after.title.to_string()),
            ),
            (
                "due_date",
                Some(self.due_date.to_string()),
                Some(after.due_date.to_string()),
            ),
            (
                "state",
                Some(self.state.code().to_owned()),
                Some(after.state.code().to_owned()),
            ),
        ];
        let reassigned = people
            .reassignment(&self.owner, &after.owner)
            .map(|(b, a)| ("owner", b, a));
        let title = after.title.to_string();
        let moved_later = after.due_date.get() > self.due_date.get() && !edit.reason.is_empty();
        pairs
            .into_iter()
            .filter(|(_, old, new)| old != new)
            .chain(reassigned)
            .map(|(field, old, new)| ChangeRecord {
                kind: HistoryKind::MilestoneChanged,
                summary: if field == "due_date" && moved_later {
                    format!("{title} — {}", edit.reason)
                } else {
                    title.clone()
                },
                ..ChangeRecord::field_changed(field, old, new)
            })
            .collect()
    }

    /// Overdue: due before today and neither done nor cancelled.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.state.is_open() && self.due_date.get() < today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_milestone_needs_a_title_and_a_due_date() {
        let errors = MilestoneInput::default()
            .parse(&ReferenceData::default())
            .unwrap_err();
        assert_eq!(errors.get("title").unwrap().code, "required");
        assert_eq!(errors.get("due_date").unwrap().code, "required");
    }

    #[test]
    fn only_unfinished_milestones_are_overdue() {
        let mut milestone = MilestoneInput {
            title: "Technical talks".into(),
            due_date: "2026-01-05".into(),
            ..Default::default()
        }
        .parse(&ReferenceData::default())
        .unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 1, 6).unwrap();
        assert!(milestone.is_overdue(today));
        milestone.state = MilestoneState::Done;
        assert!(!milestone.is_overdue(today));
        milestone.state = MilestoneState::Cancelled;
        assert!(!milestone.is_overdue(today));
    }

    #[test]
    fn milestones_are_planned_one_per_line() {
        let planned =
            parse_planned("2026-03-15 Technical meeting in Beijing\n\n 2026-04-01 Ministers meet ")
                .unwrap();
        assert_eq!(planned.len(), 2);
        assert_eq!(planned[1].title.as_str(), "Ministers meet");
        assert_eq!(planned[0].state, MilestoneState::Planned);
        let error = parse_planned("2026-03-15 Talks\nnext week Talks again").unwrap_err();
        assert_eq!(error.code, "milestone-line");
        assert_eq!(error.args, [("line", "2".to_owned())]);
        assert_eq!(
            parse_planned("2026-03-15").unwrap_err().code,
            "milestone-line"
        );
        let many = "2026-03-15 Talks\n".repeat(PLANNED_MAX + 1);
        assert_eq!(
            parse_planned(&many).unwrap_err().code,
            "too-many-milestones"
        );
    }

    #[test]
    fn a_due_date_moved_later_says_why_in_the_history() {
        let data = ReferenceData::default();
        let input = |due: &str, reason: &str| MilestoneInput {
            title: "Technical talks".into(),
            due_date: due.into(),
            reason: reason.into(),
            ..Default::default()
        };
        let before = input("2026-01-05", "").parse(&data).unwrap();
        let errors = input("2026-02-05", " ")
            .parse_edit(&data, &before)
            .unwrap_err();
        assert_eq!(errors.get("reason").unwrap().code, "milestone-later-reason");
        assert!(
            input("2026-01-02", "").parse_edit(&data, &before).is_ok(),
            "earlier: no reason"
        );
        let edit = input("2026-02-05", "The delegation's visit was postponed")
            .parse_edit(&data, &before)
            .unwrap();
        let changes = before.changes_to(&edit, &data);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[0].summary,
            "Technical talks — The delegation's visit was postponed"
        );
    }
}
