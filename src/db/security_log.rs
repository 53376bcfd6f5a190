//! The security log: who did what to accounts, tokens, reference lists and issued reports,
//! and what was refused. Appended to only through `actions::security_log::record`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{people, security_events};
use super::{DbConnection, DbResult, now, stored};
use crate::domain::accounts::{EventDetail, LoggedEvent, SecurityEvent, SecurityEventKind};
use crate::domain::ids::PersonId;

/// Appends one entry.
pub fn insert(conn: &mut DbConnection, event: &SecurityEvent) -> DbResult<()> {
    diesel::insert_into(security_events::table)
        .values((
            security_events::occurred_at.eq(now()),
            security_events::kind.eq(event.kind.code()),
            security_events::actor_id.eq(event.actor_id.as_ref().map(PersonId::as_str)),
            security_events::subject.eq(&event.subject),
            security_events::ip.eq(&event.ip),
            security_events::detail.eq(event.detail.stored()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A page of the security log, newest first, and how many entries it holds in all.
pub fn events(
    conn: &mut DbConnection,
    offset: i64,
    limit: i64,
) -> DbResult<(Vec<LoggedEvent>, i64)> {
    let total = security_events::table.count().get_result(conn)?;
    #[derive(Queryable)]
    struct EventRow {
        occurred_at: NaiveDateTime,
        kind: String,
        /// Who acted, if anyone signed in did.
        actor_name: Option<String>,
        subject: String,
        ip: String,
        detail: String,
    }
    let rows = security_events::table
        .left_join(people::table)
        .order(security_events::id.desc())
        .offset(offset)
        .limit(limit)
        .select((
            security_events::occurred_at,
            security_events::kind,
            people::display_name.nullable(),
            security_events::subject,
            security_events::ip,
            security_events::detail,
        ))
        .load::<EventRow>(conn)?;
    let events = rows
        .into_iter()
        .map(|event| {
            Ok(LoggedEvent {
                kind: stored(
                    "kind",
                    format_args!("the security event of {}", event.occurred_at),
                    &event.kind,
                    SecurityEventKind::parse,
                )?,
                occurred_at: event.occurred_at,
                actor_name: event.actor_name,
                subject: event.subject,
                ip: event.ip,
                detail: EventDetail::from_stored(&event.detail),
            })
        })
        .collect::<DbResult<_>>()?;
    Ok((events, total))
}
