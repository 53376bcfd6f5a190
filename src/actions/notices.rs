//! Telling people: the notifications an action's change causes, written in that action's
//! transaction (the outbox), with the e-mail each recipient's preference asks for.

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
        }
    }

    pub fn by(self, actor: &'a PersonId) -> Self {
        Self {
            actor: Some(actor),
            ..self
        }
    }

    pub fn at(self, link: String) -> Self {
        Self { link, ..self }
    }
}

/// Tells each of `recipients` once (not the one who acted, nor disabled accounts, nor those
/// who turned the kind off): a notification, and an e-mail queued now for those who want one
/// at once. How many were told.
pub(super) fn tell(
    conn: &mut DbConnection,
    notice: &Notice,
    recipients: &[PersonId],
) -> DbResult<usize> {
    let mut candidates: Vec<PersonId> = recipients
        .iter()
        .filter(|person| Some(*person) != notice.actor)
        .cloned()
        .collect();
    candidates.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    candidates.dedup();
    if candidates.is_empty() {
        return Ok(0);
    }
    let active = db::notifications::active_among(conn, &candidates)?;
    let deliveries = db::notifications::deliveries(conn, &active, notice.kind)?;
    let mut told = 0;
    for recipient in &active {
        let delivery = deliveries
            .get(recipient)
            .copied()
            .unwrap_or_else(|| notice.kind.default_delivery());
        if tell_one(conn, notice, recipient, delivery)? {
            told += 1;
        }
    }
    Ok(told)
}

fn tell_one(
    conn: &mut DbConnection,
    notice: &Notice,
    recipient: &PersonId,
    delivery: Delivery,
) -> DbResult<bool> {
    if delivery == Delivery::Off {
        return Ok(false);
    }
    let new = db::notifications::NewNotification {
        recipient,
        event_key: &notice.event_key,
        kind: notice.kind,
        irritant: notice.irritant,
        link: &notice.link,
        text: &notice.text,
        actor: notice.actor,
        delivery,
    };
    let Some(id) = db::notifications::insert(conn, &new)? else {
        return Ok(false);
    };
    if delivery == Delivery::Immediate
        && let Some(mail) = db::mail::queue(conn, recipient, &format!("notification:{id}"))?
    {
        db::notifications::attach_mail(conn, std::slice::from_ref(&id), &mail)?;
    }
    Ok(true)
}

/// Tells the irritant's audience (owner, watchers, followers) of `notice`.
pub(super) fn tell_audience(conn: &mut DbConnection, notice: &Notice) -> DbResult<usize> {
    let Some(irritant) = notice.irritant else {
        return Ok(0);
    };
    let audience = db::notifications::audience(conn, irritant)?;
    tell(conn, notice, &audience)
}
