//! A person's secret calendar address: made (replacing any before it) or revoked.

use super::security_log::record;
use super::{Acting, Outcome, in_transaction};
use crate::db::{self, DbConnection, Writes};
use crate::domain::accounts::{EventDetail, SecurityEventKind};
use crate::error::AppError;

/// Gives the person a new calendar address, known by its key's digest; the old one stops
/// working. Saved: when it was made.
pub fn replace_key(
    conn: &mut DbConnection,
    acting: &Acting,
    key_digest: &str,
) -> Result<Outcome<chrono::NaiveDateTime>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        let person = &acting.actor.id;
        db::calendar::replace_key(conn, person, key_digest)?;
        let made_at = db::calendar::created_at(conn, person)?.ok_or(db::DbError::NotFound)?;
        let subject = acting.actor.email.as_str();
        let event = acting.event(
            SecurityEventKind::CalendarFeedCreated,
            subject,
            EventDetail::None,
        );
        record(conn, &event)?;
        Ok(Outcome::Saved(made_at))
    })
}

/// Revokes the person's calendar address, if they have one.
pub fn revoke(conn: &mut DbConnection, acting: &Acting) -> Result<Outcome<()>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        if !db::calendar::revoke(conn, &acting.actor.id)? {
            return Ok(Outcome::Unchanged);
        }
        let subject = acting.actor.email.as_str();
        let event = acting.event(
            SecurityEventKind::CalendarFeedRevoked,
            subject,
            EventDetail::None,
        );
        record(conn, &event)?;
        Ok(Outcome::Saved(()))
    })
}
