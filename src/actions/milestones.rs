//! Milestones: dated steps toward resolving an irritant, each edited against its own version.

use super::notices::{self, Notice};
use super::{Acting, Outcome, Stop, in_transaction};
use crate::db::{self, DbConnection, DbError, Writes};
use crate::domain::accounts::Permission;
use crate::domain::ids::{MilestoneId, PersonId};
use crate::domain::milestone::{MilestoneFields, MilestoneInput};
use crate::domain::notification::{NoticeText, NotificationKind};
use crate::domain::{Reference, ReferenceData};
use crate::error::AppError;

/// Adds a milestone to an irritant. Saved: the milestone's id.
pub fn add(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &ReferenceData,
    reference: &Reference,
    input: &MilestoneInput,
) -> Result<Outcome<MilestoneId>, AppError> {
    acting.require(Permission::EditIrritants)?;
    Outcome::after_parsing(input.parse(reference_data), |fields| {
        in_transaction(conn, Writes::Register, |conn| {
            acting.owner_rule(reference_data, None, fields.owner.as_ref())?;
            let id = db::milestones::add(conn, reference, &fields, acting.today, &acting.actor.id)?;
            if let Some(owner) = &fields.owner {
                assigned(conn, acting, reference, (&id, 1), &fields, owner)?;
            }
            Ok(Outcome::Saved(id))
        })
    })
}

/// Changes a milestone as the person edited it from `expected` (the version they read).
/// Saved: how many of its fields changed.
pub fn change(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &ReferenceData,
    (reference, milestone_id, expected): (&Reference, &MilestoneId, i32),
    input: &MilestoneInput,
) -> Result<Outcome<usize>, AppError> {
    acting.require(Permission::EditIrritants)?;
    in_transaction(conn, Writes::Register, |conn| {
        let current = db::milestones::find(conn, reference, milestone_id)?;
        if current.version != expected {
            return Err(DbError::Conflict {
                expected,
                current: current.version,
            }
            .into());
        }
        let edit = input
            .parse_edit(reference_data, &current.fields)
            .map_err(Stop::Refused)?;
        let fields = &edit.fields;
        let before = current.fields.owner.as_ref();
        acting.owner_rule(reference_data, before, fields.owner.as_ref())?;
        let context = (acting.today, &acting.actor.id);
        let changed =
            db::milestones::update(conn, reference, &current, &edit, reference_data, context)?;
        if changed == 0 {
            return Ok(Outcome::Unchanged);
        }
        if let Some(owner) = &fields.owner
            && current.fields.owner.as_ref() != Some(owner)
        {
            let milestone = (milestone_id, current.version + 1);
            assigned(conn, acting, reference, milestone, fields, owner)?;
        }
        Ok(Outcome::Saved(changed))
    })
}

/// Tells a milestone's new owner that it is theirs, and makes them watch its irritant.
fn assigned(
    conn: &mut DbConnection,
    acting: &Acting,
    reference: &Reference,
    (milestone_id, version): (&MilestoneId, i32),
    milestone: &MilestoneFields,
    owner: &PersonId,
) -> Result<(), Stop> {
    let irritant = db::irritants::find(conn, reference)?;
    let text = NoticeText::new("notify-milestone-assigned")
        .arg("actor", &acting.actor.name)
        .arg("reference", reference)
        .arg("milestone", milestone.title.as_str())
        .arg("due", milestone.due_date.get());
    let key = format!("milestone-assigned:{milestone_id}:{version}");
    let notice = Notice::about(
        NotificationKind::Assigned,
        (&irritant.id, reference),
        key,
        text,
    )
    .by(acting)
    .at(format!("/irritants/{reference}/milestones/{milestone_id}"));
    notices::tell_new_owner(conn, &notice, owner)?;
    Ok(())
}
