//! Source documents: importing one, correcting how it is described, removing one imported by
//! mistake, and linking its statements to the irritants they mandate.

use super::notices::{self, Notice};
use super::security_log::record;
use super::{Acting, Operator, Outcome, Stop, in_transaction};
use crate::db::{self, DbConnection, DbError, Writes};
use crate::domain::accounts::{EventDetail, Permission, SecurityEventKind};
use crate::domain::ids::SourceId;
use crate::domain::notification::{NoticeText, NotificationKind};
use crate::domain::source::{SourceDetails, SourceDocument};
use crate::domain::text::{optional_line, optional_text};
use crate::domain::{FieldError, FieldErrors, Reference};
use crate::error::AppError;

/// The longest note on a statement's link: a line or two on why, not a briefing.
const LINK_NOTE_MAX: usize = 1_000;

/// Stores an imported document, unless the same text was imported before. Saved: its id.
pub fn import(
    conn: &mut DbConnection,
    by: Operator,
    document: &SourceDocument,
) -> Result<Outcome<SourceId>, AppError> {
    by.require(Permission::EditIrritants)?;
    let importer = match by {
        Operator::Person(acting) => Some(&acting.actor.id),
        Operator::CommandLine => None,
    };
    in_transaction(conn, Writes::Register, |conn| {
        Ok(Outcome::Saved(db::sources::create(
            conn, document, importer,
        )?))
    })
}

/// Corrects a document's title, kind, date, place, participants or address.
pub fn correct_details(
    conn: &mut DbConnection,
    acting: &Acting,
    source_id: &SourceId,
    details: &SourceDetails,
) -> Result<Outcome<()>, AppError> {
    acting.require(Permission::EditIrritants)?;
    in_transaction(conn, Writes::Register, |conn| {
        db::sources::update_details(conn, source_id, details)?;
        Ok(Outcome::Saved(()))
    })
}

/// Removes a document imported by mistake, once the person has confirmed it: its importer or a
/// manager may, while none of its statements mandates an irritant. Recorded in the security log.
pub fn remove(
    conn: &mut DbConnection,
    acting: &Acting,
    source_id: &SourceId,
    confirmed: bool,
) -> Result<Outcome<()>, AppError> {
    acting.require(Permission::EditIrritants)?;
    in_transaction(conn, Writes::Register, |conn| {
        let stored = db::sources::find(conn, source_id)?;
        let imported_it = stored.created_by.as_ref() == Some(&acting.actor.id);
        if !imported_it && !acting.actor.may(Permission::ManageReferenceLists) {
            return Err(Stop::field(
                "confirm_remove",
                FieldError::new("source-not-yours"),
            ));
        }
        if !confirmed {
            return Err(Stop::field(
                "confirm_remove",
                FieldError::new("confirm-remove"),
            ));
        }
        db::sources::remove(conn, source_id)?;
        let title = &stored.document.title;
        let detail = EventDetail::Text(source_id.to_string());
        record(
            conn,
            &acting.event(SecurityEventKind::SourceRemoved, title, detail),
        )?;
        Ok(Outcome::Saved(()))
    })
}

/// A statement's link to an irritant, as typed.
#[derive(Debug, Clone, Copy)]
pub struct StatementLink<'a> {
    pub reference: &'a str,
    /// Words of the statement, exactly as they stand, that mandate the irritant.
    pub quote: &'a str,
    pub note: &'a str,
}

/// Links statement `number` of a document to an irritant; the irritant's history records it.
pub fn link_statement(
    conn: &mut DbConnection,
    acting: &Acting,
    (source_id, number): (&SourceId, u32),
    link: StatementLink,
) -> Result<Outcome<()>, AppError> {
    acting.require(Permission::EditIrritants)?;
    let mut errors = FieldErrors::new();
    let reference = errors.check("reference", Reference::parse(link.reference));
    let quote = errors.check("quote", optional_line(link.quote));
    let note = errors.check("note", optional_text(link.note, LINK_NOTE_MAX));
    let (Some(reference), Some(quote), Some(note)) = (reference, quote, note) else {
        return Ok(Outcome::Refused(errors));
    };
    in_transaction(conn, Writes::Register, |conn| {
        let text = (quote.as_str(), note.as_str());
        link_within(conn, acting, (source_id, number), &reference, text)?;
        Ok(Outcome::Saved(()))
    })
}

/// Links statement `number` to the irritant `reference`, with words of it quoted and a note,
/// inside the caller's transaction; a directive tells the irritant's audience.
pub(super) fn link_within(
    conn: &mut DbConnection,
    acting: &Acting,
    (source_id, number): (&SourceId, u32),
    reference: &Reference,
    text: (&str, &str),
) -> Result<(), Stop> {
    // A missing statement is the page's problem; a missing irritant, the reference field's.
    if !db::sources::has_statement(conn, source_id, number)? {
        return Err(DbError::NotFound.into());
    }
    match db::sources::link_statement(conn, (source_id, number), reference, text, &acting.actor.id)
    {
        Err(DbError::NotFound) => {
            let problem = FieldError::new("no-such-irritant").with("value", reference);
            Err(Stop::field("reference", problem))
        }
        linked => {
            let linked = linked?;
            if linked.is_directive {
                directive_linked(conn, acting, reference, &linked)?;
            }
            Ok(())
        }
    }
}

/// Tells an irritant's audience that a leaders' directive now stands behind it.
fn directive_linked(
    conn: &mut DbConnection,
    acting: &Acting,
    reference: &Reference,
    linked: &db::sources::LinkedStatement,
) -> Result<(), Stop> {
    let irritant = db::irritants::find(conn, reference)?;
    let text = NoticeText::new("notify-directive-linked")
        .arg("actor", &acting.actor.name)
        .arg("reference", reference)
        .arg("title", irritant.fields.title.as_str())
        .arg("source", &linked.document_title);
    let key = format!(
        "directive:{}:{}:{}",
        linked.statement_id, irritant.id, irritant.version
    );
    let notice = Notice::about(
        NotificationKind::DirectiveLinked,
        (&linked.irritant_id, reference),
        key,
        text,
    )
    .by(acting);
    notices::tell_audience(conn, &notice)?;
    Ok(())
}

/// Removes a statement's link to an irritant; the irritant's history records it.
pub fn unlink_statement(
    conn: &mut DbConnection,
    acting: &Acting,
    (source_id, number): (&SourceId, u32),
    reference: &Reference,
) -> Result<Outcome<()>, AppError> {
    acting.require(Permission::EditIrritants)?;
    in_transaction(conn, Writes::Register, |conn| {
        db::sources::unlink_statement(conn, (source_id, number), reference, &acting.actor.id)?;
        Ok(Outcome::Saved(()))
    })
}

/// Flags a statement as a directive, or unflags it, where the words that mark one were missed
/// or misread.
pub fn flag_directive(
    conn: &mut DbConnection,
    acting: &Acting,
    (source_id, number): (&SourceId, u32),
    is_directive: bool,
) -> Result<Outcome<()>, AppError> {
    acting.require(Permission::EditIrritants)?;
    in_transaction(conn, Writes::Register, |conn| {
        db::sources::set_directive(conn, source_id, number, is_directive)?;
        Ok(Outcome::Saved(()))
    })
}
