//! Milestones: dated steps toward resolving an irritant, each edited against its own version.

use super::{Acting, Outcome, in_transaction};
use crate::db::{self, DbConnection, DbError, Writes};
use crate::domain::accounts::Permission;
use crate::domain::ids::MilestoneId;
use crate::domain::milestone::MilestoneInput;
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
    Outcome::after_parsing(input.parse(reference_data), |fields| {
        in_transaction(conn, Writes::Register, |conn| {
            let current = db::milestones::find(conn, reference, milestone_id)?;
            if current.version != expected {
                return Err(DbError::Conflict {
                    expected,
                    current: current.version,
                }
                .into());
            }
            let before = current.fields.owner.as_ref();
            acting.owner_rule(reference_data, before, fields.owner.as_ref())?;
            let context = (acting.today, &acting.actor.id);
            let changed = db::milestones::update(
                conn,
                reference,
                &current,
                &fields,
                reference_data,
                context,
            )?;
            Ok(if changed == 0 {
                Outcome::Unchanged
            } else {
                Outcome::Saved(changed)
            })
        })
    })
}
