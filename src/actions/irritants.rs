//! Irritants: recording one, editing its facts, moving its status, and linking irritants.

use super::notices::{self, Notice};
use super::slips;
use super::{Acting, Conflict, Outcome, Stop, in_transaction};
use crate::db::irritants::{EditOutcome, LikelyDuplicate};
use crate::db::{self, DbConnection, DbError, Writes};
use crate::domain::accounts::Permission;
use crate::domain::ids::{IrritantId, PersonId, SourceId};
use crate::domain::milestone::parse_planned;
use crate::domain::notification::{NoticeText, NotificationKind};
use crate::domain::text::optional_line;
use crate::domain::{
    FieldError, FieldErrors, Irritant, IrritantFields, IrritantInput, LinkKind, Reference,
    ReferenceData, Status, StatusChange, StatusChangeInput,
};
use crate::error::AppError;

/// The statement an irritant is recorded for (a leaders' directive, usually), and the words
/// of it quoted, if any.
#[derive(Debug, Clone, Copy)]
pub struct RecordedFor<'a> {
    pub source: &'a SourceId,
    pub number: u32,
    pub quote: &'a str,
}

/// Whether recording stops to show the irritants the new one may duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LikelyDuplicates {
    /// Stop and show them, as the record form does until the person has seen them.
    Show,
    /// Record it all the same: the person has seen them, or the client (the API) records what
    /// it is sent.
    Record,
}

/// What recording came to.
#[derive(Debug)]
pub enum Recording {
    Done(Outcome<Reference>),
    /// Nothing was written: the register may hold it already, in these irritants.
    Paused(Vec<LikelyDuplicate>),
}

impl Recording {
    /// The outcome of recording told to record it all the same, which never pauses.
    pub fn recorded(self) -> Result<Outcome<Reference>, AppError> {
        match self {
            Recording::Done(outcome) => Ok(outcome),
            Recording::Paused(_) => Err(AppError::Unexpected(anyhow::anyhow!(
                "recording paused for likely duplicates when told to record it all the same"
            ))),
        }
    }
}

/// Records a new irritant, opened today, with its first history entry and the milestones
/// planned with it, linked to the statement it is recorded for, if any, in the same
/// transaction. Unless told to record it all the same, stops first where the register holds
/// irritants it may duplicate.
pub fn record(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &ReferenceData,
    input: &IrritantInput,
    (recorded_for, duplicates): (Option<RecordedFor>, LikelyDuplicates),
) -> Result<Recording, AppError> {
    acting.require(Permission::EditIrritants)?;
    let (fields, planned) = match (
        input.parse(reference_data, acting.today),
        parse_planned(&input.milestones),
    ) {
        (Ok(fields), Ok(planned)) => (fields, planned),
        (fields, planned) => {
            let mut errors = fields.err().unwrap_or_default();
            if let Err(problem) = planned {
                errors.add("milestones", problem);
            }
            return Ok(Recording::Done(Outcome::Refused(errors)));
        }
    };
    if duplicates == LikelyDuplicates::Show {
        let alike = likely_duplicates(conn, &fields)?;
        if !alike.is_empty() {
            return Ok(Recording::Paused(alike));
        }
    }
    let outcome = in_transaction(conn, Writes::Register, |conn| {
        acting.owner_rule(reference_data, None, fields.owner.as_ref())?;
        let recorded = db::irritants::insert(conn, &fields, acting.today, &acting.actor.id)?;
        for milestone in &planned {
            let by = &acting.actor.id;
            db::milestones::add(conn, &recorded.reference, milestone, acting.today, by)?;
        }
        if let Some(owner) = &fields.owner {
            let irritant = (&recorded.id, &recorded.reference, fields.title.as_str());
            assigned(conn, acting, irritant, (owner, None), 1)?;
        }
        if let Some(statement) = recorded_for {
            let at = (statement.source, statement.number);
            let quote = optional_line(statement.quote)
                .map_err(|error| Stop::field("mandate_quote", error))?;
            let text = (quote.as_str(), "");
            super::sources::link_within(conn, acting, at, &recorded.reference, text).map_err(
                |stop| match stop {
                    // The quote is the only part the person chose.
                    Stop::Refused(errors) => Stop::Refused(as_mandate_problems(errors)),
                    other => other,
                },
            )?;
        }
        Ok(Outcome::Saved(recorded.reference))
    })?;
    Ok(Recording::Done(outcome))
}

/// The irritants still in hand that the one about to be recorded may duplicate: the same
/// counterpart, and a title that reads alike or products of the same HS heading.
fn likely_duplicates(
    conn: &mut DbConnection,
    fields: &IrritantFields,
) -> Result<Vec<LikelyDuplicate>, AppError> {
    let mut headings: Vec<&str> = fields
        .products
        .iter()
        .filter_map(|product| product.hs_code.heading())
        .collect();
    headings.sort_unstable();
    headings.dedup();
    Ok(db::irritants::likely_duplicates(
        conn,
        fields.counterpart,
        fields.title.as_str(),
        &headings,
    )?)
}

/// A statement link's problems, as the record form names its fields.
fn as_mandate_problems(problems: FieldErrors) -> FieldErrors {
    let mut renamed = FieldErrors::new();
    for (_, error) in problems.iter() {
        renamed.add("mandate_quote", error.clone());
    }
    renamed
}

/// What an edit saved: the irritant's version now, and whether its target date moved later
/// only as a proposal, waiting for a manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edited {
    pub version: i32,
    pub slip_proposed: bool,
}

/// Replaces an irritant's facts as the person edited them from `expected` (the version they
/// read). A target date moved later needs a reason and, on a pressing irritant, a manager's
/// approval: until then the proposal waits and the date stands.
pub fn edit(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &ReferenceData,
    (reference, expected): (&Reference, i32),
    input: &IrritantInput,
) -> Result<Outcome<Edited>, AppError> {
    acting.require(Permission::EditIrritants)?;
    let outcome = Outcome::after_parsing(input.parse(reference_data, acting.today), |fields| {
        in_transaction(conn, Writes::Register, |conn| {
            let current = current_at(conn, reference, expected)?;
            let before = current.fields.owner.as_ref();
            acting.owner_rule(reference_data, before, fields.owner.as_ref())?;
            let (fields, proposed) = slips::settle(acting, &current, &fields, &input.slip_reason)?;
            let because = (&acting.actor.id, input.slip_reason.trim());
            let edit = db::irritants::update_fields_because(
                conn,
                &current,
                &fields,
                reference_data,
                because,
            )?;
            let version = match edit {
                EditOutcome::Changed { version, .. } => {
                    announce_edit(conn, acting, (&current, &fields), version, None)?;
                    version
                }
                EditOutcome::Unchanged if proposed.is_none() => return Ok(Outcome::Unchanged),
                EditOutcome::Unchanged => current.version,
            };
            if let Some((slip, reason)) = &proposed {
                slips::propose(conn, acting, &current, (*slip, reason), version)?;
            }
            let slip_proposed = proposed.is_some();
            Ok(Outcome::Saved(Edited {
                version,
                slip_proposed,
            }))
        })
    })?;
    with_their_changes(conn, reference, outcome)
}

/// Moves an irritant read at `expected` to a new status, with the details the move needs.
/// Saved: the new version.
pub fn change_status(
    conn: &mut DbConnection,
    acting: &Acting,
    (reference, expected): (&Reference, i32),
    input: &StatusChangeInput,
) -> Result<Outcome<i32>, AppError> {
    acting.require(Permission::EditIrritants)?;
    let outcome = in_transaction(conn, Writes::Register, |conn| {
        let current = current_at(conn, reference, expected)?;
        let change =
            StatusChange::parse(input, &current.status, acting.today).map_err(Stop::Refused)?;
        let version =
            db::irritants::change_status(conn, &current, expected, &change, &acting.actor.id)?;
        announce_status(conn, acting, &current, &change, version)?;
        Ok(Outcome::Saved(version))
    })?;
    with_their_changes(conn, reference, outcome)
}

/// A change of facts and of status made as one, as the API's PATCH sends it: both happen or
/// neither does, and every problem with either is reported at once, the status's details
/// named apart from the facts (`status_date`, `status_note`, `status_summary`: an irritant
/// has a summary of its own).
pub struct Patch<'a> {
    /// The facts as they would be after the change, when any fact changes.
    pub facts: Option<&'a IrritantInput>,
    /// The new status and its details, when the status changes.
    pub status: Option<&'a StatusChangeInput>,
}

/// Applies a [`Patch`] to an irritant read at `expected`. Saved: the resulting version.
pub fn patch(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &ReferenceData,
    (reference, expected): (&Reference, i32),
    patch: &Patch,
) -> Result<Outcome<i32>, AppError> {
    acting.require(Permission::EditIrritants)?;
    let outcome = in_transaction(conn, Writes::Register, |conn| {
        let current = current_at(conn, reference, expected)?;
        let mut problems = FieldErrors::new();
        let fields = patch.facts.and_then(|input| {
            let fields = input
                .parse(reference_data, acting.today)
                .and_then(|fields| {
                    acting
                        .actor
                        .check_owner_change(
                            reference_data,
                            current.fields.owner.as_ref(),
                            fields.owner.as_ref(),
                        )
                        .map(|()| fields)
                });
            fields.map_err(|errors| problems.extend(errors)).ok()
        });
        let change = patch.status.and_then(|input| {
            StatusChange::parse(input, &current.status, acting.today)
                .map_err(|errors| problems.extend(as_status_details(errors)))
                .ok()
        });
        if !problems.is_empty() {
            return Err(Stop::Refused(problems));
        }
        let actor_id = &acting.actor.id;
        let original = current.clone();
        let mut current = current;
        let mut proposed = None;
        if let (Some(fields), Some(input)) = (&fields, patch.facts) {
            let (fields, slip) = slips::settle(acting, &current, fields, &input.slip_reason)?;
            proposed = slip;
            let because = (actor_id, input.slip_reason.trim());
            if let EditOutcome::Changed { version, .. } = db::irritants::update_fields_because(
                conn,
                &current,
                &fields,
                reference_data,
                because,
            )? {
                announce_edit(conn, acting, (&current, &fields), version, None)?;
                current = db::irritants::find(conn, reference)?;
                debug_assert_eq!(current.version, version);
            }
        }
        let version = match &change {
            Some(change) => {
                let version = db::irritants::change_status(
                    conn,
                    &current,
                    current.version,
                    change,
                    actor_id,
                )?;
                announce_status(conn, acting, &current, change, version)?;
                version
            }
            None => current.version,
        };
        if let Some((slip, reason)) = &proposed {
            slips::propose(conn, acting, &original, (*slip, reason), version)?;
        }
        Ok(Outcome::Saved(version))
    })?;
    with_their_changes(conn, reference, outcome)
}

/// Handing an irritant over to another owner, with a note for them, as typed.
#[derive(Debug, Clone, Copy)]
pub struct Handover<'a> {
    pub owner: &'a str,
    /// Optional: what the new owner needs to know; kept as a comment on the irritant.
    pub note: &'a str,
}

/// Makes someone else the owner of an irritant read at `expected`, with a handover note the
/// irritant keeps as a comment and the new owner is told of. Saved: the new version.
pub fn reassign(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &ReferenceData,
    (reference, expected): (&Reference, i32),
    handover: Handover,
) -> Result<Outcome<i32>, AppError> {
    acting.require(Permission::EditIrritants)?;
    let mut errors = FieldErrors::new();
    let owner = errors.check("owner", reference_data.parse_person(handover.owner));
    let owner = match owner {
        Some(None) => {
            errors.add("owner", FieldError::new("required"));
            None
        }
        other => other.flatten(),
    };
    let note = match handover.note.trim() {
        "" => None,
        note => super::comments::parse(reference_data, "handover", note)
            .map_err(|problems| errors.extend(problems))
            .ok(),
    };
    let Some(owner) = owner.filter(|_| errors.is_empty()) else {
        return Ok(Outcome::Refused(errors));
    };
    let outcome = in_transaction(conn, Writes::Register, |conn| {
        let current = current_at(conn, reference, expected)?;
        acting.owner_rule(reference_data, current.fields.owner.as_ref(), Some(&owner))?;
        let fields = IrritantFields {
            owner: Some(owner.clone()),
            ..current.fields.clone()
        };
        let actor = &acting.actor.id;
        let EditOutcome::Changed { version, .. } =
            db::irritants::update_fields(conn, &current, &fields, reference_data, actor)?
        else {
            // Handing over to the owner it has would drop the note unread.
            return Err(Stop::field("owner", FieldError::new("already-owner")));
        };
        if let Some(note) = &note {
            // The new owner hears of the note with the handover, not also as a mention.
            super::comments::add_within(conn, acting, &current, note, Some(&owner))?;
        }
        let title = current.fields.title.as_str();
        let irritant = (&current.id, &current.reference, title);
        let note = note.as_ref().map(|note| note.body.as_str());
        assigned(conn, acting, irritant, (&owner, note), version)?;
        Ok(Outcome::Saved(version))
    })?;
    with_their_changes(conn, reference, outcome)
}

/// Links an irritant to another (`linked`, as typed) as `kind` (as chosen); both histories
/// record it.
pub fn link(
    conn: &mut DbConnection,
    acting: &Acting,
    reference: &Reference,
    (linked, kind): (&str, &str),
) -> Result<Outcome<()>, AppError> {
    acting.require(Permission::EditIrritants)?;
    let mut errors = FieldErrors::new();
    let linked = errors.check("linked", Reference::parse(linked));
    let kind = errors.check("kind", LinkKind::parse(kind));
    if linked == Some(*reference) {
        errors.add("linked", FieldError::new("link-to-itself"));
    }
    let (Some(linked), Some(kind), true) = (linked, kind, errors.is_empty()) else {
        return Ok(Outcome::Refused(errors));
    };
    in_transaction(conn, Writes::Register, |conn| {
        let from = db::irritants::find(conn, reference)?;
        // The irritant whose page the link is made from exists; the other may not.
        let to = match db::irritants::find(conn, &linked) {
            Err(DbError::NotFound) => {
                let problem = FieldError::new("no-such-irritant").with("value", linked);
                return Err(Stop::field("linked", problem));
            }
            found => found?,
        };
        db::irritants::link(conn, &from, &to, kind, &acting.actor.id)?;
        Ok(Outcome::Saved(()))
    })
}

/// Removes the link between two irritants, whichever way it was made; both histories record it.
pub fn unlink(
    conn: &mut DbConnection,
    acting: &Acting,
    (one, other): (&Reference, &Reference),
) -> Result<Outcome<()>, AppError> {
    acting.require(Permission::EditIrritants)?;
    in_transaction(conn, Writes::Register, |conn| {
        db::irritants::unlink(conn, one, other, &acting.actor.id)?;
        Ok(Outcome::Saved(()))
    })
}

/// Tells the new owner of an irritant that it is theirs (quoting the handover note, if any),
/// and makes them watch it.
fn assigned(
    conn: &mut DbConnection,
    acting: &Acting,
    (id, reference, title): (&IrritantId, &Reference, &str),
    (owner, note): (&PersonId, Option<&str>),
    version: i32,
) -> Result<(), Stop> {
    let text = match note {
        Some(note) => {
            NoticeText::new("notify-handed-over").arg("note", super::comments::excerpt(note))
        }
        None => NoticeText::new("notify-assigned"),
    }
    .arg("actor", &acting.actor.name)
    .arg("reference", reference)
    .arg("title", title);
    let key = format!("assigned:{id}:{version}");
    let notice = Notice::about(NotificationKind::Assigned, (id, reference), key, text).by(acting);
    notices::tell_new_owner(conn, &notice, owner)?;
    Ok(())
}

/// Tells of an edit: a new owner that the irritant is theirs, and its audience (but `spared`,
/// told otherwise) that its target date moved later.
pub(super) fn announce_edit(
    conn: &mut DbConnection,
    acting: &Acting,
    (before, after): (&Irritant, &IrritantFields),
    version: i32,
    spared: Option<&PersonId>,
) -> Result<(), Stop> {
    let title = after.title.as_str();
    if let Some(owner) = &after.owner
        && before.fields.owner.as_ref() != Some(owner)
    {
        assigned(
            conn,
            acting,
            (&before.id, &before.reference, title),
            (owner, None),
            version,
        )?;
    }
    let (Some(from), Some(to)) = (before.fields.target_date, after.target_date) else {
        return Ok(());
    };
    if to.get() > from.get() {
        let text = NoticeText::new("notify-target-moved")
            .arg("actor", &acting.actor.name)
            .arg("reference", before.reference)
            .arg("title", title)
            .arg("from", from.get())
            .arg("to", to.get());
        let key = format!("target:{}:{version}", before.id);
        let irritant = (&before.id, &before.reference);
        let notice = Notice::about(NotificationKind::TargetMovedLater, irritant, key, text)
            .by(acting)
            .sparing(spared);
        notices::tell_audience(conn, &notice)?;
    }
    Ok(())
}

/// Tells an irritant's audience that it moved from one status to another.
fn announce_status(
    conn: &mut DbConnection,
    acting: &Acting,
    before: &Irritant,
    change: &StatusChange,
    version: i32,
) -> Result<(), Stop> {
    let text = NoticeText::new("notify-status-changed")
        .arg("actor", &acting.actor.name)
        .arg("reference", before.reference)
        .arg("title", before.fields.title.as_str())
        .label("from", Status::LABEL_PREFIX, change.from.code())
        .label("to", Status::LABEL_PREFIX, change.to.status.code());
    let key = format!("status:{}:{version}", before.id);
    let irritant = (&before.id, &before.reference);
    let notice = Notice::about(NotificationKind::StatusChanged, irritant, key, text).by(acting);
    notices::tell_audience(conn, &notice)?;
    Ok(())
}

/// Problems with a status change made with other facts, its details named as such.
pub fn as_status_details(problems: FieldErrors) -> FieldErrors {
    let mut renamed = FieldErrors::new();
    for (field, error) in problems.iter() {
        let detail = match field {
            "effective_date" => "status_date",
            "note" => "status_note",
            "summary" => "status_summary",
            other => other,
        };
        renamed.add(detail, error.clone());
    }
    renamed
}

/// The irritant as stored, provided it is still at the version the person read.
fn current_at(
    conn: &mut DbConnection,
    reference: &Reference,
    expected: i32,
) -> Result<Irritant, Stop> {
    let current = db::irritants::find(conn, reference)?;
    if current.version == expected {
        Ok(current)
    } else {
        Err(Stop::Conflict {
            expected,
            current: current.version,
        })
    }
}

/// A conflict with what the others changed since the person's version, read from the history.
fn with_their_changes<T>(
    conn: &mut DbConnection,
    reference: &Reference,
    outcome: Outcome<T>,
) -> Result<Outcome<T>, AppError> {
    let Outcome::Conflict(conflict) = outcome else {
        return Ok(outcome);
    };
    let irritant = db::irritants::find(conn, reference)?;
    let changes = db::history::entries(conn, &irritant.id, Some(conflict.expected))?;
    Ok(Outcome::Conflict(Conflict {
        current: irritant.version,
        changes,
        ..conflict
    }))
}
