//! Target dates moved later: the reason every slip gives, the proposal an officer's slip on a
//! pressing irritant becomes, and a manager's decision on it.

use super::notices::{self, Notice};
use super::{Acting, Outcome, Stop, in_transaction};
use crate::db::notifications::Recipients;
use crate::db::{self, DbConnection, DbError, Writes};
use crate::domain::accounts::Permission;
use crate::domain::history::{ChangeRecord, HistoryKind};
use crate::domain::notification::{NoticeText, NotificationKind};
use crate::domain::slip::{Slip, SlipState, guard_pressing, parse_reason};
use crate::domain::{
    CalendarDate, FieldError, FieldErrors, Irritant, IrritantFields, Reference, ReferenceData,
};
use crate::error::AppError;

/// What an edit does with the target date it asks for: `fields` as they are to be written
/// (the old date kept when the slip waits for a manager), and the slip proposed, if any, with
/// its reason. A slip without a reason is refused.
pub(super) fn settle(
    acting: &Acting,
    current: &Irritant,
    fields: &IrritantFields,
    reason: &str,
) -> Result<(IrritantFields, Option<(Slip, String)>), Stop> {
    let day = |date: Option<CalendarDate>| date.map(CalendarDate::get);
    let (before, after) = (day(current.fields.target_date), day(fields.target_date));
    let priorities = (current.fields.priority, fields.priority);
    guard_pressing(&acting.actor, priorities, (before, after)).map_err(Stop::Refused)?;
    let Some(slip) = Slip::between(before, after) else {
        return Ok((fields.clone(), None));
    };
    let reason = parse_reason(reason).map_err(|error| Stop::field("slip_reason", error))?;
    if !Slip::needs_approval(&acting.actor, priorities) {
        return Ok((fields.clone(), None));
    }
    let kept = IrritantFields {
        target_date: current.fields.target_date,
        ..fields.clone()
    };
    Ok((kept, Some((slip, reason))))
}

/// Records a slip for a manager to decide, in the irritant's history at `version`, and tells
/// the managers of its lead department (or every manager).
pub(super) fn propose(
    conn: &mut DbConnection,
    acting: &Acting,
    irritant: &Irritant,
    (slip, reason): (Slip, &str),
    version: i32,
) -> Result<(), Stop> {
    let id = db::slips::propose(conn, &irritant.id, &acting.actor.id, slip, reason)?;
    let record = slip_record(HistoryKind::SlipProposed, slip, reason);
    db::history::record(conn, &irritant.id, version, &acting.actor.id, &record)?;
    let managers =
        db::notifications::managers_of(conn, irritant.fields.lead_department.as_deref())?;
    let text = NoticeText::new("notify-slip-proposed")
        .arg("actor", &acting.actor.name)
        .arg("reference", irritant.reference)
        .arg("title", irritant.fields.title.as_str())
        .arg("from", slip.from)
        .arg("to", slip.to)
        .arg("reason", super::comments::excerpt(reason));
    let at = (&irritant.id, &irritant.reference);
    let notice = Notice::about(
        NotificationKind::SlipProposed,
        at,
        format!("slip:{id}"),
        text,
    )
    .by(acting)
    .at(format!("/irritants/{}#date-slip", irritant.reference));
    notices::tell(conn, &notice, Recipients::Named(&managers))?;
    Ok(())
}

fn slip_record(kind: HistoryKind, slip: Slip, reason: &str) -> ChangeRecord {
    ChangeRecord {
        field: Some("target_date"),
        before: Some(slip.from.to_string()),
        after: Some(slip.to.to_string()),
        summary: reason.to_owned(),
        ..ChangeRecord::new(kind)
    }
}

/// A manager's decision on a proposed slip.
#[derive(Debug, Clone, Copy)]
pub enum Decision<'a> {
    Approve,
    /// Rejected, with the reason (required) the proposer is told.
    Reject(&'a str),
}

/// Decides a proposal awaiting a decision on the irritant `reference`: approving moves the
/// target date (its history keeps the proposal's reason); rejecting leaves it. The proposer
/// is told either way.
pub fn decide(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &ReferenceData,
    (reference, slip_id): (&Reference, &str),
    decision: Decision,
) -> Result<Outcome<()>, AppError> {
    acting.require(Permission::ApproveDateSlips)?;
    let rejection = match decision {
        Decision::Approve => None,
        Decision::Reject(reason) => match parse_reason(reason) {
            Ok(reason) => Some(reason),
            Err(error) => {
                return Ok(Outcome::Refused(FieldErrors::single(
                    "decision_reason",
                    error,
                )));
            }
        },
    };
    in_transaction(conn, Writes::Register, |conn| {
        let proposal = db::slips::find(conn, slip_id)?;
        if proposal.reference != *reference {
            return Err(DbError::NotFound.into());
        }
        if proposal.state != SlipState::Pending {
            return Err(Stop::field("decision", FieldError::new("slip-decided")));
        }
        let irritant = db::irritants::find(conn, &proposal.reference)?;
        let slip = proposal.slip;
        let actor = &acting.actor.id;
        let (state, kind, reason, version) = match &rejection {
            None => {
                if irritant.fields.target_date.map(CalendarDate::get) != Some(slip.from) {
                    return Err(Stop::field("decision", FieldError::new("slip-overtaken")));
                }
                // The proposed date was a CalendarDate when proposed.
                let to = CalendarDate::try_from(slip.to)
                    .map_err(|error| Stop::field("decision", error))?;
                let fields = IrritantFields {
                    target_date: Some(to),
                    ..irritant.fields.clone()
                };
                let why = (actor, proposal.reason.as_str());
                let edit = db::irritants::update_fields_because(
                    conn,
                    &irritant,
                    &fields,
                    reference_data,
                    why,
                )?;
                let version = match edit {
                    db::irritants::EditOutcome::Changed { version, .. } => version,
                    db::irritants::EditOutcome::Unchanged => irritant.version,
                };
                // The proposer hears of it as the decision on their proposal.
                let proposer = Some(&proposal.proposed_by);
                let edit = (&irritant, &fields);
                super::irritants::announce_edit(conn, acting, edit, version, proposer)?;
                (
                    SlipState::Approved,
                    HistoryKind::SlipApproved,
                    proposal.reason.as_str(),
                    version,
                )
            }
            Some(reason) => (
                SlipState::Rejected,
                HistoryKind::SlipRejected,
                reason.as_str(),
                irritant.version,
            ),
        };
        let decision_reason = rejection.as_deref().unwrap_or_default();
        if !db::slips::decide(conn, &proposal.id, (state, actor, decision_reason))? {
            return Err(Stop::field("decision", FieldError::new("slip-decided")));
        }
        db::history::record(
            conn,
            &irritant.id,
            version,
            actor,
            &slip_record(kind, slip, reason),
        )?;
        let message = match state {
            SlipState::Approved => "notify-slip-approved",
            _ => "notify-slip-rejected",
        };
        let text = NoticeText::new(message)
            .arg("actor", &acting.actor.name)
            .arg("reference", irritant.reference)
            .arg("title", irritant.fields.title.as_str())
            .arg("to", slip.to)
            .arg("reason", super::comments::excerpt(decision_reason));
        let at = (&irritant.id, &irritant.reference);
        let key = format!("slip-decided:{}", proposal.id);
        let notice = Notice::about(NotificationKind::SlipDecided, at, key, text).by(acting);
        notices::tell(
            conn,
            &notice,
            Recipients::Named(std::slice::from_ref(&proposal.proposed_by)),
        )?;
        Ok(Outcome::Saved(()))
    })
}
