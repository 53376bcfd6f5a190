//! Changing many irritants at once: what may be changed, asked once for all, and what became
//! of each irritant. Each irritant is still checked, permission-checked and versioned on its
//! own; a bulk change is many single changes that are asked for, reviewed and told as one.

use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use super::accounts::Actor;
use super::bilingual::TitleText;
use super::classification::{Priority, vocabulary};
use super::ids::PersonId;
use super::people::ReferenceData;
use super::reference::Reference;
use super::slip::guard_pressing;
use super::status::{Status, StatusChange, StatusChangeInput, StatusState};
use super::validation::{FieldError, FieldErrors};

vocabulary!(
    /// What a bulk change does to each irritant chosen.
    BulkAction, prefix = "bulk-action" {
        Owner => "owner",
        LeadDepartment => "lead_department",
        Priority => "priority",
        Watch => "watch",
        Status => "status",
    }
);

/// The most irritants one bulk change may touch: a department's whole portfolio, and still
/// few enough to review on one page and to change in one transaction.
pub const MOST_ITEMS: usize = 2000;

/// A bulk change as submitted: the action and the values it needs, as typed, so that a refused
/// form is shown again as the person left it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct BulkInput {
    pub action: String,
    pub owner: String,
    pub lead_department: String,
    pub priority: String,
    /// The status to move to, and its details, given once for every irritant.
    pub status: String,
    pub effective_date: String,
    pub note: String,
    pub closure_reason: String,
    pub summary: String,
}

/// A bulk change, read: what to do to each irritant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkChange {
    /// Make this person the owner (none: no owner).
    Owner(Option<PersonId>),
    /// Make this department (by code) the lead (none: no lead department).
    LeadDepartment(Option<String>),
    Priority(Priority),
    /// The person acting watches each irritant.
    Watch,
    /// Move each irritant to this status, with these details; whether the move is allowed
    /// depends on each irritant's own status, so it is judged per irritant.
    Status(StatusChangeInput),
}

impl BulkInput {
    /// The action alone, as chosen on the list before its values are asked for.
    pub fn action(&self) -> Result<BulkAction, FieldErrors> {
        BulkAction::parse(&self.action).map_err(|error| FieldErrors::single("action", error))
    }

    /// Reads the change. Whether a status move is allowed is judged per irritant, later.
    pub fn parse(&self, reference_data: &ReferenceData) -> Result<BulkChange, FieldErrors> {
        let mut errors = FieldErrors::new();
        let change = match self.action()? {
            BulkAction::Owner => errors
                .check("owner", reference_data.parse_person(&self.owner))
                .map(BulkChange::Owner),
            BulkAction::LeadDepartment => errors
                .check(
                    "lead_department",
                    reference_data.parse_department(&self.lead_department),
                )
                .map(BulkChange::LeadDepartment),
            BulkAction::Priority => errors
                .check("priority", Priority::parse(&self.priority))
                .map(BulkChange::Priority),
            BulkAction::Watch => Some(BulkChange::Watch),
            BulkAction::Status => Some(BulkChange::Status(self.status_change())),
        };
        match change {
            Some(change) if errors.is_empty() => Ok(change),
            _ => Err(errors),
        }
    }

    /// The status move as the status form would have sent it.
    pub fn status_change(&self) -> StatusChangeInput {
        StatusChangeInput {
            status: self.status.clone(),
            effective_date: self.effective_date.clone(),
            note: self.note.clone(),
            closure_reason: self.closure_reason.clone(),
            summary: self.summary.clone(),
        }
    }
}

impl BulkChange {
    pub fn action(&self) -> BulkAction {
        match self {
            BulkChange::Owner(_) => BulkAction::Owner,
            BulkChange::LeadDepartment(_) => BulkAction::LeadDepartment,
            BulkChange::Priority(_) => BulkAction::Priority,
            BulkChange::Watch => BulkAction::Watch,
            BulkChange::Status(_) => BulkAction::Status,
        }
    }
}

/// An irritant chosen for a bulk change, as the review page shows it: what the change would
/// change, and the version it will be made against.
#[derive(Debug, Clone)]
pub struct Chosen {
    pub reference: Reference,
    pub title: TitleText,
    pub version: i32,
    pub status: Status,
    pub status_since: NaiveDate,
    pub priority: Priority,
    pub owner: Option<PersonId>,
    pub lead_department: Option<String>,
}

/// What a bulk change would do to one irritant, judged before it is made (and judged again,
/// against the irritant as it is then, when it is made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Preview {
    Changes,
    /// It is so already.
    Already,
    Refused(FieldErrors),
}

impl Chosen {
    pub fn preview(
        &self,
        change: &BulkChange,
        (actor, reference_data): (&Actor, &ReferenceData),
        today: NaiveDate,
    ) -> Preview {
        let already = |same: bool| {
            if same {
                Preview::Already
            } else {
                Preview::Changes
            }
        };
        match change {
            BulkChange::Owner(owner) if self.owner == *owner => Preview::Already,
            BulkChange::Owner(owner) => {
                match actor.check_owner_change(reference_data, self.owner.as_ref(), owner.as_ref())
                {
                    Ok(()) => Preview::Changes,
                    Err(errors) => Preview::Refused(errors),
                }
            }
            BulkChange::LeadDepartment(department) => already(self.lead_department == *department),
            BulkChange::Priority(priority) if self.priority == *priority => Preview::Already,
            BulkChange::Priority(priority) => {
                let dates = (None, None);
                match guard_pressing(actor, (self.priority, *priority), dates) {
                    Ok(()) => Preview::Changes,
                    Err(errors) => Preview::Refused(errors),
                }
            }
            BulkChange::Watch => Preview::Changes,
            BulkChange::Status(input) => {
                let now = StatusState {
                    status: self.status,
                    ..StatusState::opened(self.status_since)
                };
                match StatusChange::parse(input, &now, today) {
                    Ok(_) => Preview::Changes,
                    Err(errors) => Preview::Refused(errors),
                }
            }
        }
    }
}

/// The problems with a status change's details that would refuse it for every irritant (a
/// missing note, a date to come), told beside the form's fields rather than per irritant.
pub fn shared_problems(preview: &Preview) -> FieldErrors {
    let mut shared = FieldErrors::new();
    if let Preview::Refused(errors) = preview {
        for (field, error) in errors.iter() {
            if field != "status" && error.code != "date-before-status" {
                shared.add(field, error.clone());
            }
        }
    }
    shared
}

/// One irritant to change, at the version the person reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkItem {
    pub reference: Reference,
    pub version: i32,
}

impl BulkItem {
    /// Reads `IRR-2025-0007@3`, as the review page's form carries each irritant.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let unreadable = || FieldError::new("bulk-item-unreadable").with("value", raw);
        let (reference, version) = raw.split_once('@').ok_or_else(unreadable)?;
        Ok(Self {
            reference: Reference::parse(reference).map_err(|_| unreadable())?,
            version: version.parse().map_err(|_| unreadable())?,
        })
    }

    /// The form of [`BulkItem::parse`].
    pub fn token(&self) -> String {
        format!("{}@{}", self.reference, self.version)
    }
}

/// Reads the irritants a bulk change is asked for: at least one, at most [`MOST_ITEMS`], each
/// named once.
pub fn parse_items<'a>(
    raw: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<BulkItem>, FieldErrors> {
    let mut items: Vec<BulkItem> = Vec::new();
    for token in raw {
        let item = BulkItem::parse(token).map_err(|error| FieldErrors::single("items", error))?;
        if !items.iter().any(|known| known.reference == item.reference) {
            items.push(item);
        }
    }
    if items.is_empty() {
        return Err(FieldErrors::single(
            "items",
            FieldError::new("bulk-none-chosen"),
        ));
    }
    if items.len() > MOST_ITEMS {
        let error = FieldError::new("bulk-too-many").with("max", MOST_ITEMS);
        return Err(FieldErrors::single("items", error));
    }
    Ok(items)
}

/// Why an irritant was refused, kept as words to be read in any language later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub field: String,
    pub code: String,
    pub args: Vec<(String, String)>,
}

impl Problem {
    pub fn all(errors: &FieldErrors) -> Vec<Problem> {
        errors
            .iter()
            .map(|(field, error)| Problem {
                field: field.to_owned(),
                code: error.code.to_owned(),
                args: error
                    .args
                    .iter()
                    .map(|(name, value)| ((*name).to_owned(), value.clone()))
                    .collect(),
            })
            .collect()
    }
}

/// What became of one irritant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ItemOutcome {
    /// Changed, now at this version.
    Changed { version: i32 },
    /// It was so already.
    Unchanged,
    /// A rule refused the change for this irritant.
    Refused { problems: Vec<Problem> },
    /// Someone changed it after the review; nothing was written to it.
    Conflict { current: i32 },
    /// There is no irritant with this reference.
    Missing,
}

/// One irritant's line in a bulk change's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub reference: Reference,
    pub title: String,
    #[serde(flatten)]
    pub outcome: ItemOutcome,
}

/// How many irritants a bulk change changed, left as they were, and refused (for any reason).
pub fn tally(results: &[ItemResult]) -> (usize, usize, usize) {
    results.iter().fold(
        (0, 0, 0),
        |(changed, unchanged, refused), result| match result.outcome {
            ItemOutcome::Changed { .. } => (changed + 1, unchanged, refused),
            ItemOutcome::Unchanged => (changed, unchanged + 1, refused),
            _ => (changed, unchanged, refused + 1),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_read_once_each_and_bounded() {
        let items = parse_items(["IRR-2025-0001@3", "IRR-2025-0002@1", "IRR-2025-0001@3"]).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].version, 3);
        assert_eq!(items[1].token(), "IRR-2025-0002@1");

        let none = parse_items([]).unwrap_err();
        assert_eq!(none.get("items").unwrap().code, "bulk-none-chosen");
        let bad = parse_items(["IRR-2025-0001"]).unwrap_err();
        assert_eq!(bad.get("items").unwrap().code, "bulk-item-unreadable");
        let hostile = parse_items(["'; DROP TABLE irritants;--@1"]).unwrap_err();
        assert_eq!(hostile.get("items").unwrap().code, "bulk-item-unreadable");

        let many: Vec<String> = (1..=MOST_ITEMS as u32 + 1)
            .map(|n| format!("IRR-2025-{n:04}@1"))
            .collect();
        let too_many = parse_items(many.iter().map(String::as_str)).unwrap_err();
        assert_eq!(too_many.get("items").unwrap().code, "bulk-too-many");
        assert!(parse_items(many[..MOST_ITEMS].iter().map(String::as_str)).is_ok());
    }

    #[test]
    fn an_action_needs_its_value() {
        let reference_data = ReferenceData::default();
        let input = BulkInput {
            action: "priority".into(),
            ..Default::default()
        };
        assert_eq!(
            input
                .parse(&reference_data)
                .unwrap_err()
                .get("priority")
                .unwrap()
                .code,
            "required"
        );
        let unknown = BulkInput {
            action: "delete".into(),
            ..Default::default()
        };
        assert!(
            unknown
                .parse(&reference_data)
                .unwrap_err()
                .get("action")
                .is_some()
        );
        let watch = BulkInput {
            action: "watch".into(),
            ..Default::default()
        };
        assert_eq!(watch.parse(&reference_data).unwrap(), BulkChange::Watch);
    }

    #[test]
    fn outcomes_read_back_as_written() {
        let result = ItemResult {
            reference: Reference::parse("IRR-2025-0003").unwrap(),
            title: "Duty".into(),
            outcome: ItemOutcome::Refused {
                problems: vec![Problem {
                    field: "owner".into(),
                    code: "owner-needs-manager".into(),
                    args: vec![],
                }],
            },
        };
        let json = serde_json::to_string(std::slice::from_ref(&result)).unwrap();
        let back: Vec<ItemResult> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, vec![result]);
        assert_eq!(tally(&back), (0, 0, 1));
    }
}
