//! The append-only record of what happened to an irritant, in terms a reader understands.

use chrono::{NaiveDate, NaiveDateTime};

use super::classification::vocabulary;

vocabulary!(
    HistoryKind, prefix = "history-kind" {
        Created => "created",
        FieldChanged => "field_changed",
        StatusChanged => "status_changed",
        UpdateAdded => "update_added",
        MilestoneAdded => "milestone_added",
        MilestoneChanged => "milestone_changed",
        LinkAdded => "link_added",
        LinkRemoved => "link_removed",
        StatementLinked => "statement_linked",
        StatementUnlinked => "statement_unlinked",
        SlipProposed => "slip_proposed",
        SlipApproved => "slip_approved",
        SlipRejected => "slip_rejected",
    }
);

vocabulary!(
    /// The changes a manager looks for among the latest: the dashboard counts each, and the
    /// page of all changes filters by them.
    ChangeKind, prefix = "change-kind" {
        Created => "created",
        Status => "status",
        TargetLater => "target_later",
        Owner => "owner",
        Update => "update",
        Milestone => "milestone",
    }
);

/// One change about to be recorded. `field` names what changed; `before` and `after` hold the
/// values as they read at the time (codes for vocabularies, names for people).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRecord {
    pub kind: HistoryKind,
    pub field: Option<&'static str>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub effective_date: Option<NaiveDate>,
    pub summary: String,
}

impl ChangeRecord {
    pub fn new(kind: HistoryKind) -> Self {
        Self {
            kind,
            field: None,
            before: None,
            after: None,
            effective_date: None,
            summary: String::new(),
        }
    }

    pub fn field_changed(
        field: &'static str,
        before: Option<String>,
        after: Option<String>,
    ) -> Self {
        Self {
            field: Some(field),
            before,
            after,
            ..Self::new(HistoryKind::FieldChanged)
        }
    }
}

/// One recorded change, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub id: i64,
    pub version: i32,
    pub kind: HistoryKind,
    pub field: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub effective_date: Option<NaiveDate>,
    pub summary: String,
    pub actor_name: String,
    pub occurred_at: NaiveDateTime,
}

/// For fields whose values are codes of a vocabulary, the catalogue prefix of their labels,
/// so that "Status changed from open to resolved in part" reads in words, not codes.
pub fn vocabulary_of(field: &str) -> Option<&'static str> {
    use super::classification::*;
    use super::status::Status;
    Some(match field {
        "status" => Status::LABEL_PREFIX,
        "direction" => Direction::LABEL_PREFIX,
        "sector" => Sector::LABEL_PREFIX,
        "measure_type" => MeasureType::LABEL_PREFIX,
        "priority" => Priority::LABEL_PREFIX,
        "action_holder" => ActionHolder::LABEL_PREFIX,
        "rag" => Rag::LABEL_PREFIX,
        "state" => MilestoneState::LABEL_PREFIX,
        "closure_reason" => ClosureReason::LABEL_PREFIX,
        "link_kind" => LinkKind::LABEL_PREFIX,
        "language" => super::bilingual::OfficialLanguage::LABEL_PREFIX,
        _ => return None,
    })
}
