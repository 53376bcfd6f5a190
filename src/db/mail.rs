//! The e-mail outbox: messages written with the change that causes them, claimed by delivery
//! workers, and what became of each; and the leases and shared secrets the instances agree on.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::notifications::insert_unless_taken;
use super::schema::{leases, mail_failures, notifications, outgoing_mail, people, shared_secrets};
use super::{DbConnection, DbResult, new_id, now};
use crate::domain::ids::PersonId;
use crate::domain::notification::{Delivery, KEEP_TRYING, MailState, retry_delay};

/// Queues a message to `recipient` for the event `event_key`, unless one was queued for it
/// already; the message's id when it was queued.
pub fn queue(
    conn: &mut DbConnection,
    recipient: &PersonId,
    event_key: &str,
) -> DbResult<Option<String>> {
    let id = new_id();
    Ok((queue_all(conn, &[(&id, recipient)], event_key)? > 0).then_some(id))
}

/// Queues messages about the event `event_key`, each with its id and recipient, in one
/// statement; how many were queued. (Each notification's message is queued once because the
/// notification is written once per event and recipient; a digest, once per day.)
pub fn queue_all(
    conn: &mut DbConnection,
    messages: &[(&str, &PersonId)],
    event_key: &str,
) -> DbResult<usize> {
    if messages.is_empty() {
        return Ok(0);
    }
    let at = now();
    let values: Vec<_> = messages
        .iter()
        .map(|(id, recipient)| {
            (
                outgoing_mail::id.eq(*id),
                outgoing_mail::recipient_id.eq(recipient.as_str()),
                outgoing_mail::event_key.eq(event_key),
                outgoing_mail::state.eq(MailState::Pending.code()),
                outgoing_mail::next_attempt_at.eq(at),
                outgoing_mail::give_up_at.eq(at + KEEP_TRYING),
                outgoing_mail::created_at.eq(at),
            )
        })
        .collect();
    let mut queued = 0;
    for chunk in values.chunks(super::rows_per_statement(7)) {
        let query = || diesel::insert_into(outgoing_mail::table).values(chunk.to_vec());
        queued += insert_unless_taken!(conn, query)?;
    }
    Ok(queued)
}

/// A message a worker has claimed: to whom, in which language, and how often it was tried.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outgoing_mail)]
pub struct ClaimedMail {
    pub id: String,
    pub recipient_id: String,
    pub event_key: String,
    pub attempts: i32,
    pub give_up_at: NaiveDateTime,
}

/// Claims up to `limit` messages that are due, for `lease`, as `claimant`: another worker takes
/// a message only once its claim has lapsed (its worker died, or took too long). On PostgreSQL
/// rows another worker is claiming are skipped, not waited for; SQLite has one writer at a
/// time. Messages not sent by the time they may be tried are recorded as failed first.
pub fn claim_due(
    conn: &mut DbConnection,
    limit: i64,
    (claimant, lease): (&str, TimeDelta),
) -> DbResult<Vec<ClaimedMail>> {
    let at = now();
    diesel::update(
        outgoing_mail::table
            .filter(outgoing_mail::state.eq(MailState::Pending.code()))
            .filter(outgoing_mail::give_up_at.lt(at))
            .filter(
                outgoing_mail::claimed_until
                    .is_null()
                    .or(outgoing_mail::claimed_until.lt(at)),
            ),
    )
    .set((
        outgoing_mail::state.eq(MailState::Failed.code()),
        outgoing_mail::last_error.eq("not sent in the time a message may be tried"),
    ))
    .execute(conn)?;
    let due = || {
        outgoing_mail::table
            .filter(outgoing_mail::state.eq(MailState::Pending.code()))
            .filter(outgoing_mail::next_attempt_at.le(at))
            .filter(
                outgoing_mail::claimed_until
                    .is_null()
                    .or(outgoing_mail::claimed_until.lt(at)),
            )
            .order(outgoing_mail::next_attempt_at.asc())
            .limit(limit)
            .select(outgoing_mail::id)
    };
    let ids: Vec<String> = match conn {
        DbConnection::Postgresql(pg) => due().for_update().skip_locked().load(pg)?,
        DbConnection::Sqlite(lite) => due().load(lite)?,
    };
    diesel::update(outgoing_mail::table.filter(outgoing_mail::id.eq_any(&ids)))
        .set((
            outgoing_mail::claimed_by.eq(claimant),
            outgoing_mail::claimed_until.eq(at + lease),
            outgoing_mail::attempts.eq(outgoing_mail::attempts + 1),
        ))
        .execute(conn)?;
    Ok(outgoing_mail::table
        .filter(outgoing_mail::id.eq_any(&ids))
        .order(outgoing_mail::next_attempt_at.asc())
        .select(ClaimedMail::as_select())
        .load(conn)?)
}

/// Who a message goes to.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = people)]
pub struct Recipient {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub language: String,
    pub active: bool,
}

pub fn recipient(conn: &mut DbConnection, id: &str) -> DbResult<Recipient> {
    Ok(people::table
        .filter(people::id.eq(id))
        .select(Recipient::as_select())
        .first(conn)?)
}

/// The query of [`held_by`], as diesel types it.
type HeldBy<'a> = diesel::dsl::Filter<
    diesel::dsl::Filter<
        diesel::dsl::Filter<outgoing_mail::table, diesel::dsl::Eq<outgoing_mail::id, &'a str>>,
        diesel::dsl::Eq<outgoing_mail::claimed_by, &'a str>,
    >,
    diesel::dsl::Eq<outgoing_mail::state, &'static str>,
>;

/// The message `id`, if `claimant` still holds it: what it records of the message is recorded
/// only then, so that a worker whose claim lapsed cannot undo what another did.
fn held_by<'a>(id: &'a str, claimant: &'a str) -> HeldBy<'a> {
    outgoing_mail::table
        .filter(outgoing_mail::id.eq(id))
        .filter(outgoing_mail::claimed_by.eq(claimant))
        .filter(outgoing_mail::state.eq(MailState::Pending.code()))
}

/// Holds a claimed message for `lease` more, just before it is sent; whether the claim is still
/// this worker's.
pub fn renew_claim(
    conn: &mut DbConnection,
    mail: &ClaimedMail,
    (claimant, lease): (&str, TimeDelta),
) -> DbResult<bool> {
    Ok(diesel::update(held_by(&mail.id, claimant))
        .set(outgoing_mail::claimed_until.eq(now() + lease))
        .execute(conn)?
        > 0)
}

/// Records that a message was accepted by the mail server; whether the claim was still held.
pub fn mark_sent(conn: &mut DbConnection, id: &str, claimant: &str) -> DbResult<bool> {
    Ok(diesel::update(held_by(id, claimant))
        .set((
            outgoing_mail::state.eq(MailState::Sent.code()),
            outgoing_mail::sent_at.eq(now()),
            outgoing_mail::claimed_until.eq(None::<NaiveDateTime>),
            outgoing_mail::last_error.eq(""),
        ))
        .execute(conn)?
        > 0)
}

/// Why an attempt failed, and whether trying again may help.
#[derive(Debug, Clone)]
pub struct Failure {
    pub reason: String,
    /// The mail server or the network may do better later; a message with no one to go to
    /// will not.
    pub passing: bool,
}

/// Records a failed attempt and its reason: the message is tried again after a while, or,
/// past the time it may be tried, or when trying again cannot help, given up as failed.
/// Whether the claim was still held.
pub fn mark_failed(
    conn: &mut DbConnection,
    (mail, claimant): (&ClaimedMail, &str),
    failure: &Failure,
    first_retry: TimeDelta,
) -> DbResult<bool> {
    let at = now();
    let reason = failure.reason.as_str();
    diesel::insert_into(mail_failures::table)
        .values((
            mail_failures::mail_id.eq(&mail.id),
            mail_failures::failed_at.eq(at),
            mail_failures::reason.eq(reason),
        ))
        .execute(conn)?;
    let next = at + retry_delay(first_retry, mail.attempts);
    let state = if next > mail.give_up_at || !failure.passing {
        MailState::Failed
    } else {
        MailState::Pending
    };
    let held = diesel::update(held_by(&mail.id, claimant))
        .set((
            outgoing_mail::state.eq(state.code()),
            outgoing_mail::next_attempt_at.eq(next),
            outgoing_mail::claimed_until.eq(None::<NaiveDateTime>),
            outgoing_mail::last_error.eq(reason),
        ))
        .execute(conn)?
        > 0;
    Ok(held)
}

/// Puts a failed message back in the queue at once, with another day to be tried; whether
/// there was such a message. (One still being tried is left to its worker.)
pub fn retry_now(conn: &mut DbConnection, id: &str) -> DbResult<bool> {
    let at = now();
    Ok(diesel::update(
        outgoing_mail::table
            .filter(outgoing_mail::id.eq(id))
            .filter(outgoing_mail::state.eq(MailState::Failed.code())),
    )
    .set((
        outgoing_mail::state.eq(MailState::Pending.code()),
        outgoing_mail::attempts.eq(0),
        outgoing_mail::next_attempt_at.eq(at),
        outgoing_mail::give_up_at.eq(at + KEEP_TRYING),
        outgoing_mail::claimed_by.eq(None::<String>),
        outgoing_mail::claimed_until.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?
        > 0)
}

/// A message as administrators see it in the queue.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outgoing_mail)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct QueuedMail {
    pub id: String,
    #[diesel(select_expression = people::email)]
    pub recipient: String,
    pub event_key: String,
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

/// The messages not sent yet and those that failed, then the latest sent, newest first.
pub fn queue_view(conn: &mut DbConnection, limit: i64) -> DbResult<Vec<QueuedMail>> {
    let base = || {
        outgoing_mail::table
            .inner_join(people::table)
            .select(QueuedMail::as_select())
            .order(outgoing_mail::created_at.desc())
            .limit(limit)
    };
    let mut rows: Vec<QueuedMail> = base()
        .filter(outgoing_mail::state.ne(MailState::Sent.code()))
        .load(conn)?;
    rows.extend(
        base()
            .filter(outgoing_mail::state.eq(MailState::Sent.code()))
            .load::<QueuedMail>(conn)?,
    );
    Ok(rows)
}

/// A failed attempt, as administrators see it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = mail_failures)]
pub struct MailFailure {
    pub mail_id: String,
    pub failed_at: NaiveDateTime,
    pub reason: String,
}

pub fn recent_failures(conn: &mut DbConnection, limit: i64) -> DbResult<Vec<MailFailure>> {
    Ok(mail_failures::table
        .order(mail_failures::id.desc())
        .limit(limit)
        .select(MailFailure::as_select())
        .load(conn)?)
}

/// A person's notifications that wait for their digest: their ids.
pub fn awaiting_digest(conn: &mut DbConnection, person: &str) -> DbResult<Vec<i64>> {
    Ok(notifications::table
        .filter(notifications::recipient_id.eq(person))
        .filter(notifications::delivery.eq(Delivery::Digest.code()))
        .filter(notifications::mail_id.is_null())
        .select(notifications::id)
        .load(conn)?)
}

/// Who has notifications waiting for a digest, and when their digest goes.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = people)]
pub struct DigestReader {
    pub id: String,
    pub digest_time: String,
}

pub fn digest_readers(conn: &mut DbConnection) -> DbResult<Vec<DigestReader>> {
    let waiting = notifications::table
        .filter(notifications::delivery.eq(Delivery::Digest.code()))
        .filter(notifications::mail_id.is_null())
        .select(notifications::recipient_id);
    Ok(people::table
        .filter(people::id.eq_any(waiting))
        .filter(people::active.eq(true))
        .select(DigestReader::as_select())
        .load(conn)?)
}

/// Takes the lease `name` for `holder` until `until`, if no one else holds it now; whether
/// `holder` holds it.
pub fn take_lease(
    conn: &mut DbConnection,
    name: &str,
    holder: &str,
    until: NaiveDateTime,
) -> DbResult<bool> {
    let at = now();
    let free = leases::held_until
        .is_null()
        .or(leases::held_until.lt(at))
        .or(leases::holder.eq(holder).nullable());
    Ok(
        diesel::update(leases::table.filter(leases::name.eq(name)).filter(free))
            .set((leases::holder.eq(holder), leases::held_until.eq(until)))
            .execute(conn)?
            > 0,
    )
}

/// Gives the lease `name` up, if `holder` holds it.
pub fn release_lease(conn: &mut DbConnection, name: &str, holder: &str) -> DbResult<()> {
    diesel::update(
        leases::table
            .filter(leases::name.eq(name))
            .filter(leases::holder.eq(holder)),
    )
    .set(leases::held_until.eq(None::<NaiveDateTime>))
    .execute(conn)?;
    Ok(())
}

/// The secret `name` the instances share, made with `make` by whichever asks first.
pub fn shared_secret(
    conn: &mut DbConnection,
    name: &str,
    make: impl FnOnce() -> String,
) -> DbResult<String> {
    let value = make();
    let query = || {
        diesel::insert_into(shared_secrets::table).values((
            shared_secrets::name.eq(name),
            shared_secrets::value.eq(&value),
        ))
    };
    insert_unless_taken!(conn, query)?;
    Ok(shared_secrets::table
        .filter(shared_secrets::name.eq(name))
        .select(shared_secrets::value)
        .first(conn)?)
}
