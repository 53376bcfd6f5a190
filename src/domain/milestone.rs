use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::classification::MilestoneState;
use super::dates::CalendarDate;
use super::history::{ChangeRecord, HistoryKind};
use super::ids::PersonId;
use super::people::ReferenceData;
use super::text::Title;
use super::validation::FieldErrors;

/// A milestone as submitted.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct MilestoneInput {
    pub title: String,
    pub due_date: String,
    pub owner: String,
    pub state: String,
}

impl Default for MilestoneInput {
    fn default() -> Self {
        Self {
            title: String::new(),
            due_date: String::new(),
            owner: String::new(),
            state: MilestoneState::Planned.code().into(),
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
    const FIELDS: &'static [&'static str] = &["title", "due_date", "owner", "state"];
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
        }
    }
}

impl MilestoneFields {
    /// The history records for going from `self` to `after`, each naming the milestone.
    pub fn changes_to(&self, after: &MilestoneFields, people: &ReferenceData) -> Vec<ChangeRecord> {
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
        pairs
            .into_iter()
            .filter(|(_, old, new)| old != new)
            .chain(reassigned)
            .map(|(field, old, new)| ChangeRecord {
                kind: HistoryKind::MilestoneChanged,
                summary: title.clone(),
                ..ChangeRecord::field_changed(field, old, new)
            })
            .collect()
    }

    /// Overdue: due before today and not done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.state != MilestoneState::Done && self.due_date.get() < today
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
    }
}
