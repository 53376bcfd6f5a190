//! Progress updates: appended after each meeting, never edited.

use super::notices::{self, Notice};
use super::{Acting, Outcome, Stop, in_transaction};
use crate::db::{self, DbConnection, Writes};
use crate::domain::accounts::Permission;
use crate::domain::notification::{NoticeText, NotificationKind};
use crate::domain::progress::{ProgressInput, ProgressUpdate};
use crate::domain::{FieldErrors, Irritant, Rag, Reference, ReferenceData};
use crate::error::AppError;

/// Adds a progress update to an irritant; its RAG becomes that of its latest update. Those
/// it mentions are told; so is the irritant's audience when its RAG drops. Saved: the
/// update's id.
pub fn add(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &ReferenceData,
    reference: &Reference,
    input: &ProgressInput,
) -> Result<Outcome<String>, AppError> {
    acting.require(Permission::EditIrritants)?;
    Outcome::after_parsing(
        parse(input, acting, reference_data),
        |(update, mentioned)| {
            in_transaction(conn, Writes::Register, |conn| {
                let before = db::irritants::find(conn, reference)?;
                let id = db::progress::add(conn, reference, &update, &acting.actor.id)?;
                let link = format!("/irritants/{reference}#update-{id}");
                let excerpt = super::comments::excerpt(&update.text.done);
                super::comments::tell_mentioned(
                    conn,
                    acting,
                    &before,
                    (&id, link),
                    &excerpt,
                    &mentioned,
                )?;
                let after = db::irritants::find(conn, reference)?.rag;
                if let (Some(from), Some(to)) = (before.rag, after)
                    && to > from
                {
                    rag_dropped(conn, acting, &before, (from, to), &id)?;
                }
                Ok(Outcome::Saved(id))
            })
        },
    )
}

/// The update, and the people it mentions (in what was done or in the next steps).
fn parse(
    input: &ProgressInput,
    acting: &Acting,
    reference_data: &ReferenceData,
) -> Result<(ProgressUpdate, Vec<crate::domain::ids::PersonId>), FieldErrors> {
    let update = input.parse(acting.today)?;
    let mut mentioned = Vec::new();
    let mut errors = FieldErrors::new();
    let text = &update.text;
    let fields = [
        ("done", &text.done),
        ("next_steps", &text.next_steps),
        ("done_translation", &text.done_translation),
        ("next_steps_translation", &text.next_steps_translation),
    ];
    for (field, text) in fields {
        match crate::domain::notification::find_mentions(text, &reference_data.people) {
            Ok(found) => mentioned.extend(found.into_iter().map(|m| m.person_id)),
            Err(problem) => errors.add(field, problem.field_error()),
        }
    }
    if errors.is_empty() {
        Ok((update, mentioned))
    } else {
        Err(errors)
    }
}

/// Tells an irritant's audience that its delivery confidence fell.
fn rag_dropped(
    conn: &mut DbConnection,
    acting: &Acting,
    irritant: &Irritant,
    (from, to): (Rag, Rag),
    update_id: &str,
) -> Result<(), Stop> {
    let text = NoticeText::new("notify-rag-dropped")
        .arg("actor", &acting.actor.name)
        .arg("reference", irritant.reference)
        .arg("title", irritant.fields.title.as_str())
        .label("from", Rag::LABEL_PREFIX, from.code())
        .label("to", Rag::LABEL_PREFIX, to.code());
    let key = format!("rag:{update_id}");
    let notice = Notice::about(
        NotificationKind::RagDropped,
        (&irritant.id, &irritant.reference),
        key,
        text,
    )
    .by(acting);
    notices::tell_audience(conn, &notice)?;
    Ok(())
}
