//! Telling people: the notifications an action's change causes, written in that action's
//! transaction (the outbox), with the e-mail each recipient's preference asks for.

use crate::db::notifications::Recipients;
use crate::db::{self, DbConnection, DbResult};
use crate::domain::Reference;
use crate::domain::ids::{IrritantId, PersonId};
use crate::domain::notification::{Delivery, NoticeText, NotificationKind};

/// Something to tell some people.
#[derive(Debug, Clone)]
pub(super) struct Notice<'a> {
    pub kind: NotificationKind,
    /// What happened: each recipient is told of an event once, however often it is told.
    pub event_key: String,
    pub irritant: Option<&'a IrritantId>,
    /// The exact place it is about, within the application.
    pub link: String,
    pub text: NoticeText,
    /// Who caused it; never told of their own doing. None for the scheduled sweep.
    pub actor: Option<&'a PersonId>,
    /// Someone told of the same event by a notice of its own (a proposer, of the decision on
    /// their proposal): not told twice.
    pub spared: Option<&'a PersonId>,
    /// Whether e-mail is sent at all (see [`super::Acting::mail`]).
    pub mail: bool,
    /// When it happened, as stored (UTC); none: now.
    pub at: Option<chrono::NaiveDateTime>,
}

impl<'a> Notice<'a> {
    /// A notice about an irritant, linking to its page.
    pub fn about(
        kind: NotificationKind,
        (irritant, reference): (&'a IrritantId, &Reference),
        event_key: String,
        text: NoticeText,
    ) -> Self {
        Self {
            kind,
            event_key,
            irritant: Some(irritant),
            link: format!("/irritants/{reference}"),
            text,
            actor: None,
            spared: None,
            mail: false,
            at: None,
        }
    }

    /// Not told to `person`, who hears of it by a notice of their own.
    pub fn sparing(self, person: Option<&'a PersonId>) -> Self {
        Self {
            spared: person,
            ..self
        }
    }

    /// Caused by `acting`, on a server that e-mails or not.
    pub fn by(self, acting: &'a super::Acting) -> Self {
        Self {
            actor: Some(&acting.actor.id),
            mail: acting.mail,
            ..self
        }
    }

    /// Told by the sweep, on a server that e-mails (`mail`) or not.
    pub fn mailing(self, mail: bool) -> Self {
        Self { mail, ..self }
    }

    /// Dated at the moment a sweep judged (UTC), rather than now.
    pub fn dated(self, at: chrono::NaiveDateTime) -> Self {
        Self {
            at: Some(at),
            ..self
        }
    }

    pub fn at(self, link: String) -> Self {
        Self { link, ..self }
    }
}

/// How many irritants a notification about many names before "(+N)".
const NAMED_IN_NOTICE: usize = 10;

/// Irritants named in a notification about many: the first few, then how many more.
pub(super) fn named_irritants(irritants: &[String]) -> String {
    let mut named = irritants[..irritants.len().min(NAMED_IN_NOTICE)].join(", ");
    let more = irritants.len().saturating_sub(NAMED_IN_NOTICE);
    if more > 0 {
        named.push_str(&format!(" (+{more})"));
    }
    named
}

/// Tells each of `recipients` once (not the one who acted, nor disabled accounts, nor those
/// who turned the kind off): a notification, and an e-mail queued now for those who want one
/// at once. How many were told.
pub(super) fn tell(
    conn: &mut DbConnection,
    notice: &Notice,
    recipients: Recipients,
) -> DbResult<usize> {
    if matches!(recipients, Recipients::Named([])) {
        return Ok(0);
    }
    let mut deliveries =
        db::notifications::deliveries(conn, recipients, notice.kind, notice.actor)?;
    if let Some(spared) = notice.spared {
        deliveries.retain(|(person, _)| person != spared);
    }
    write(conn, notice, &deliveries)
}

/// Writes `notice` for each recipient, as each wants it, and queues the e-mails of those who
/// want one at once: a statement for all the notifications and one for all the e-mails, since
/// these are written inside the change's transaction and lengthen it. How many were told.
pub(super) fn write(
    conn: &mut DbConnection,
    notice: &Notice,
    deliveries: &[(PersonId, Delivery)],
) -> DbResult<usize> {
    let wanted: Vec<(&PersonId, Delivery, Option<String>)> = deliveries
        .iter()
        .filter(|(_, delivery)| *delivery != Delivery::Off)
        .map(|(recipient, delivery)| {
            // Each notification names its message before the message is queued, so that no
            // second write is needed to join them.
            let mail_id = (notice.mail && *delivery == Delivery::Immediate).then(db::new_id);
            (recipient, *delivery, mail_id)
        })
        .collect();
    if wanted.is_empty() {
        return Ok(0);
    }
    let rows: Vec<_> = wanted
        .iter()
        .map(
            |(recipient, delivery, mail_id)| db::notifications::NewNotification {
                recipient,
                event_key: &notice.event_key,
                kind: notice.kind,
                irritant: notice.irritant,
                link: &notice.link,
                text: &notice.text,
                actor: notice.actor,
                delivery: *delivery,
                mail_id: mail_id.as_deref(),
                created_at: notice.at,
            },
        )
        .collect();
    let written = db::notifications::insert_all(conn, &rows)?;
    let mut mails: Vec<(&str, &PersonId)> = wanted
        .iter()
        .filter_map(|(recipient, _, mail_id)| Some((mail_id.as_deref()?, *recipient)))
        .collect();
    if written < wanted.len() && !mails.is_empty() {
        // Some were told of this event before: only the notifications just written carry
        // their message.
        let carried = db::notifications::carrying_mail(conn, mails.iter().map(|(id, _)| *id))?;
        mails.retain(|(id, _)| carried.iter().any(|kept| kept == id));
    }
    db::mail::queue_all(conn, &mails, &notice.event_key)?;
    Ok(written)
}

/// Tells a new owner (of an irritant, or of one of its milestones) of `notice`, and makes them
/// watch the irritant.
pub(super) fn tell_new_owner(
    conn: &mut DbConnection,
    notice: &Notice,
    owner: &PersonId,
) -> DbResult<usize> {
    if let Some(irritant) = notice.irritant {
        db::notifications::watch(conn, irritant, owner)?;
    }
    tell(conn, notice, Recipients::Named(std::slice::from_ref(owner)))
}

/// Tells the irritant's audience (owner, watchers, followers) of `notice`.
pub(super) fn tell_audience(conn: &mut DbConnection, notice: &Notice) -> DbResult<usize> {
    match notice.irritant {
        Some(irritant) => tell(conn, notice, Recipients::AudienceOf(irritant)),
        None => Ok(0),
    }
}
