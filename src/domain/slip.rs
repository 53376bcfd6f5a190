//! Target dates moved later. The product brief has managers approve date slips: on a Leaders
//! or High priority irritant, an officer's later target date is a proposal, with a reason, and
//! the date stands until a manager approves it. A manager's own move, an earlier date, or a
//! first date applies at once; every move later gives its reason.

use chrono::NaiveDate;

use super::accounts::{Actor, Permission};
use super::classification::{Priority, vocabulary};
use super::text::optional_text;
use super::validation::{FieldError, FieldErrors};

vocabulary!(
    /// Where a proposal to move a target date later stands.
    SlipState, prefix = "slip-state" {
        Pending => "pending",
        Approved => "approved",
        Rejected => "rejected",
    }
);

/// The longest reason for a slip or for its rejection.
pub const REASON_MAX: usize = 2_000;

/// A target date moved later: from the date it had to the date asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slip {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Slip {
    /// The slip between two target dates, if the second is later than the first (a first date,
    /// a date removed or brought forward is none).
    pub fn between(before: Option<NaiveDate>, after: Option<NaiveDate>) -> Option<Self> {
        match (before, after) {
            (Some(from), Some(to)) if to > from => Some(Self { from, to }),
            _ => None,
        }
    }

    /// Whether this person's slip waits for a manager: on an irritant that is (or was, before
    /// this very edit) of Leaders or High priority, moved by someone who may not approve it.
    pub fn needs_approval(actor: &Actor, priorities: (Priority, Priority)) -> bool {
        let pressing = |p: Priority| matches!(p, Priority::Leaders | Priority::High);
        !actor.may(Permission::ApproveDateSlips)
            && (pressing(priorities.0) || pressing(priorities.1))
    }
}

/// The other ways round a slip's approval that an officer may not take on a pressing irritant:
/// removing its target date, or lowering its priority below High (after which a slip would
/// need no approval). Each refused beside its field.
pub fn guard_pressing(
    actor: &Actor,
    (priority_before, priority_after): (Priority, Priority),
    (target_before, target_after): (Option<NaiveDate>, Option<NaiveDate>),
) -> Result<(), FieldErrors> {
    let pressing = |p: Priority| matches!(p, Priority::Leaders | Priority::High);
    let mut errors = FieldErrors::new();
    if actor.may(Permission::ApproveDateSlips) || !pressing(priority_before) {
        return Ok(());
    }
    if target_before.is_some() && target_after.is_none() {
        errors.add(
            "target_date",
            FieldError::new("target-date-clear-needs-manager"),
        );
    }
    if !pressing(priority_after) {
        errors.add("priority", FieldError::new("priority-lower-needs-manager"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The reason for a slip or a rejection: required, and not a novel.
pub fn parse_reason(raw: &str) -> Result<String, FieldError> {
    match optional_text(raw, REASON_MAX)? {
        reason if reason.is_empty() => Err(FieldError::new("slip-reason-required")),
        reason => Ok(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::accounts::Role;
    use crate::domain::ids::PersonId;
    use crate::domain::people::Email;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 3, d)
    }

    fn actor(role: Role) -> Actor {
        Actor {
            id: PersonId::from("p1".to_owned()),
            email: Email::parse("a@gc.ca").unwrap(),
            name: "A".into(),
            role,
        }
    }

    #[test]
    fn only_a_later_date_is_a_slip() {
        assert_eq!(
            Slip::between(day(1), day(9)),
            Some(Slip {
                from: day(1).unwrap(),
                to: day(9).unwrap()
            })
        );
        assert_eq!(Slip::between(day(9), day(1)), None, "brought forward");
        assert_eq!(Slip::between(None, day(1)), None, "a first date");
        assert_eq!(Slip::between(day(1), None), None, "removed");
        assert_eq!(Slip::between(day(1), day(1)), None);
    }

    #[test]
    fn a_slip_waits_for_a_manager_only_when_pressing_and_moved_by_an_officer() {
        let officer = actor(Role::Officer);
        assert!(Slip::needs_approval(
            &officer,
            (Priority::High, Priority::High)
        ));
        assert!(
            Slip::needs_approval(&officer, (Priority::Leaders, Priority::Low)),
            "lowered in the same edit"
        );
        assert!(!Slip::needs_approval(
            &officer,
            (Priority::Medium, Priority::Medium)
        ));
        assert!(!Slip::needs_approval(
            &actor(Role::Manager),
            (Priority::Leaders, Priority::Leaders)
        ));
        assert_eq!(parse_reason("  ").unwrap_err().code, "slip-reason-required");
        // Nor round it: the date removed, or the priority lowered first.
        let date = day(1);
        let refused =
            guard_pressing(&officer, (Priority::High, Priority::High), (date, None)).unwrap_err();
        assert_eq!(
            refused.get("target_date").unwrap().code,
            "target-date-clear-needs-manager"
        );
        let refused = guard_pressing(
            &officer,
            (Priority::Leaders, Priority::Medium),
            (date, date),
        )
        .unwrap_err();
        assert_eq!(
            refused.get("priority").unwrap().code,
            "priority-lower-needs-manager"
        );
        assert!(guard_pressing(&officer, (Priority::Medium, Priority::Low), (date, None)).is_ok());
        assert!(
            guard_pressing(
                &actor(Role::Manager),
                (Priority::High, Priority::Low),
                (date, None)
            )
            .is_ok()
        );
        assert_eq!(
            parse_reason(" Counterpart's ministry reorganised ").unwrap(),
            "Counterpart's ministry reorganised"
        );
    }
}
