//! Comments: the discussion on an irritant, with mentions that tell the people they name.

use super::notices::{self, Notice};
use super::{Acting, Outcome, Stop, in_transaction};
use crate::db::notifications::Recipients;
use crate::db::{self, DbConnection, Writes};
use crate::domain::accounts::{EventDetail, Permission, SecurityEventKind};
use crate::domain::ids::PersonId;
use crate::domain::notification::{NoticeText, NotificationKind, find_mentions};
use crate::domain::text::{required_text, shortened};
use crate::domain::{FieldErrors, Irritant, Reference, ReferenceData};
use crate::error::AppError;

/// The longest comment, in characters.
pub const COMMENT_MAX: usize = 10_000;

/// How much of a comment or an update a notification quotes, in characters.
const EXCERPT_CHARS: usize = 160;

/// A comment as written, with the people it mentions found.
pub(super) struct ParsedComment {
    pub body: String,
    mentions: Vec<crate::domain::notification::Mention>,
}

/// Reads a comment (or a handover note), its mentions resolved, refused as a problem with the
/// field `field`.
pub(super) fn parse(
    reference_data: &ReferenceData,
    field: &'static str,
    body: &str,
) -> Result<ParsedComment, FieldErrors> {
    let parsed = required_text(body, COMMENT_MAX).and_then(|body| {
        let mentions = find_mentions(&body, &reference_data.people)
            .map_err(|problem| problem.field_error())?;
        Ok(ParsedComment { body, mentions })
    });
    parsed.map_err(|problem| FieldErrors::single(field, problem))
}

/// Adds a comment to an irritant; the people it mentions are told. Saved: its id.
pub fn add(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &ReferenceData,
    reference: &Reference,
    body: &str,
) -> Result<Outcome<String>, AppError> {
    acting.require(Permission::EditIrritants)?;
    Outcome::after_parsing(parse(reference_data, "body", body), |comment| {
        in_transaction(conn, Writes::Register, |conn| {
            let irritant = db::irritants::find(conn, reference)?;
            Ok(Outcome::Saved(add_within(
                conn, acting, &irritant, &comment, None,
            )?))
        })
    })
}

/// Adds a comment inside the caller's transaction and tells the people it mentions (but
/// `told_otherwise`, who hears of it another way); its id.
pub(super) fn add_within(
    conn: &mut DbConnection,
    acting: &Acting,
    irritant: &Irritant,
    comment: &ParsedComment,
    told_otherwise: Option<&PersonId>,
) -> Result<String, Stop> {
    let (body, mentions) = (&comment.body, &comment.mentions);
    let id = db::comments::add(conn, &irritant.id, &acting.actor.id, body, mentions)?;
    let link = format!("/irritants/{}#comment-{id}", irritant.reference);
    let mentioned: Vec<PersonId> = mentions
        .iter()
        .map(|m| m.person_id.clone())
        .filter(|person| Some(person) != told_otherwise)
        .collect();
    tell_mentioned(
        conn,
        acting,
        irritant,
        (&id, link),
        &excerpt(body),
        &mentioned,
    )?;
    Ok(id)
}

/// Deletes a comment: its author may, and managers. The security log records who deleted
/// whose comment, on which irritant.
pub fn delete(
    conn: &mut DbConnection,
    acting: &Acting,
    reference: &Reference,
    comment_id: &str,
) -> Result<Outcome<()>, AppError> {
    acting.require(Permission::EditIrritants)?;
    in_transaction(conn, Writes::Register, |conn| {
        let irritant = db::irritants::find(conn, reference)?;
        let comment = db::comments::find(conn, &irritant.id, comment_id)?;
        if comment.author_id != acting.actor.id && !acting.actor.may(Permission::ModerateComments) {
            return Err(Stop::Failed(AppError::Forbidden("problem-forbidden")));
        }
        if !db::comments::delete(conn, &comment, &acting.actor.id)? {
            return Ok(Outcome::Unchanged);
        }
        let detail = EventDetail::message(
            "detail-comment-deleted",
            &[
                ("author", comment.author_name.clone()),
                ("reference", reference.to_string()),
                (
                    "written",
                    comment.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                ),
            ],
        );
        let event = acting.event(SecurityEventKind::CommentDeleted, &comment.id, detail);
        super::security_log::record(conn, &event)?;
        Ok(Outcome::Saved(()))
    })
}

/// The start of a text, for a notification to quote.
pub(super) fn excerpt(text: &str) -> String {
    shortened(text, EXCERPT_CHARS)
}

/// Tells the people a comment or an update (`id`, at `link`) mentions that it does.
pub(super) fn tell_mentioned(
    conn: &mut DbConnection,
    acting: &Acting,
    irritant: &Irritant,
    (id, link): (&str, String),
    excerpt: &str,
    mentioned: &[PersonId],
) -> Result<(), Stop> {
    if mentioned.is_empty() {
        return Ok(());
    }
    let text = NoticeText::new("notify-mentioned")
        .arg("actor", &acting.actor.name)
        .arg("reference", irritant.reference)
        .arg("title", irritant.fields.title.as_str())
        .arg("excerpt", excerpt);
    let notice = Notice::about(
        NotificationKind::Mentioned,
        (&irritant.id, &irritant.reference),
        format!("mention:{id}"),
        text,
    )
    .by(acting)
    .at(link);
    notices::tell(conn, &notice, Recipients::Named(mentioned))?;
    Ok(())
}
