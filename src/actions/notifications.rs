//! Notifications as people manage them: watching, reading, preferences, following,
//! unsubscribing; and sending a failed e-mail again. (The scheduled sweep is `sweep`.)

use super::security_log::record;
use super::{Acting, Outcome, in_transaction};
use crate::db::{self, DbConnection, Writes};
use crate::domain::Reference;
use crate::domain::accounts::{EventDetail, Permission, SecurityEventKind};
use crate::domain::ids::PersonId;
use crate::domain::notification::{Delivery, DigestTime, FollowScope, NotificationKind};
use crate::domain::{FieldError, FieldErrors};
use crate::error::AppError;

/// Makes the person watch an irritant, or stop watching it. Saved: whether they watch it now.
pub fn watch(
    conn: &mut DbConnection,
    acting: &Acting,
    reference: &Reference,
    watching: bool,
) -> Result<Outcome<bool>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        let irritant = db::irritants::find(conn, reference)?;
        let changed = if watching {
            db::notifications::watch(conn, &irritant.id, &acting.actor.id)?
        } else {
            db::notifications::unwatch(conn, &irritant.id, &acting.actor.id)?
        };
        Ok(if changed {
            Outcome::Saved(watching)
        } else {
            Outcome::Unchanged
        })
    })
}

/// Marks the person's notifications read: those named, or all. Saved: how many.
pub fn mark_read(
    conn: &mut DbConnection,
    acting: &Acting,
    ids: Option<&[i64]>,
) -> Result<Outcome<usize>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        let marked = db::notifications::mark_read(conn, &acting.actor.id, ids)?;
        Ok(if marked == 0 {
            Outcome::Unchanged
        } else {
            Outcome::Saved(marked)
        })
    })
}

/// Preferences as submitted: a delivery per kind, the digest's time, the language, and what
/// a manager follows (departments and counterparts, by code).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct PreferencesInput {
    pub deliveries: Vec<(String, String)>,
    pub digest_time: String,
    pub language: String,
    pub departments: Vec<String>,
    pub counterparts: Vec<String>,
}

/// Stores the person's notification preferences.
pub fn save_preferences(
    conn: &mut DbConnection,
    acting: &Acting,
    reference_data: &crate::domain::ReferenceData,
    input: &PreferencesInput,
) -> Result<Outcome<()>, AppError> {
    let parsed = parse_preferences(acting, reference_data, input);
    Outcome::after_parsing(parsed, |(deliveries, digest_time, follows)| {
        in_transaction(conn, Writes::AccessRecords, |conn| {
            let person = &acting.actor.id;
            for (kind, delivery) in &deliveries {
                db::notifications::set_delivery(conn, person, *kind, *delivery)?;
            }
            let language = input.language.trim();
            db::notifications::set_digest_and_language(conn, person, digest_time, language)?;
            if let Some(follows) = &follows {
                db::notifications::set_follows(conn, person, follows)?;
            }
            Ok(Outcome::Saved(()))
        })
    })
}

/// Deliveries, digest time, and follows (none for someone who may not follow).
type ParsedPreferences = (
    Vec<(NotificationKind, Delivery)>,
    DigestTime,
    Option<Vec<(FollowScope, String)>>,
);

fn parse_preferences(
    acting: &Acting,
    reference_data: &crate::domain::ReferenceData,
    input: &PreferencesInput,
) -> Result<ParsedPreferences, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut deliveries = Vec::new();
    for (kind, delivery) in &input.deliveries {
        let (Ok(kind), Ok(delivery)) = (NotificationKind::parse(kind), Delivery::parse(delivery))
        else {
            errors.add("deliveries", FieldError::new("not-in-list"));
            continue;
        };
        deliveries.push((kind, delivery));
    }
    let digest_time = errors.check("digest_time", DigestTime::parse(&input.digest_time));
    if !matches!(input.language.trim(), "en" | "fr") {
        errors.add("language", FieldError::new("not-in-list"));
    }
    let follows = if acting.actor.may(Permission::FollowScopes) {
        Some(parse_follows(reference_data, input, &mut errors))
    } else {
        None
    };
    match digest_time {
        Some(digest_time) if errors.is_empty() => Ok((deliveries, digest_time, follows)),
        _ => Err(errors),
    }
}

fn parse_follows(
    reference_data: &crate::domain::ReferenceData,
    input: &PreferencesInput,
    errors: &mut FieldErrors,
) -> Vec<(FollowScope, String)> {
    let mut follows = Vec::new();
    for code in input.departments.iter().filter(|c| !c.trim().is_empty()) {
        match reference_data.find_department(code.trim()) {
            Some(department) => follows.push((FollowScope::Department, department.code.clone())),
            None => errors.add("departments", FieldError::new("not-in-list")),
        }
    }
    for code in input.counterparts.iter().filter(|c| !c.trim().is_empty()) {
        match crate::domain::CountryCode::parse(code) {
            Ok(country) => follows.push((FollowScope::Counterpart, country.to_string())),
            Err(problem) => errors.add("counterparts", problem),
        }
    }
    follows.sort();
    follows.dedup();
    follows
}

/// Stores the language a person chose with the toggle, for their e-mail.
pub fn remember_language(
    conn: &mut DbConnection,
    person: &PersonId,
    language: &str,
) -> Result<Outcome<()>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        Ok(
            if db::notifications::set_language(conn, person, language)? {
                Outcome::Saved(())
            } else {
                Outcome::Unchanged
            },
        )
    })
}

/// Turns e-mail of one kind (of every kind, when none) off for the holder of an unsubscribe
/// link: they are still told in the application of what they were told by e-mail (the views
/// they follow included), and a kind they had turned off stays off. The security log records it.
pub fn unsubscribe(
    conn: &mut DbConnection,
    person: &PersonId,
    kind: Option<NotificationKind>,
    ip: &str,
) -> Result<Outcome<()>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        let stored = db::notifications::preferences(conn, person)?;
        let by_mail = stored.deliveries.iter().filter(|(chosen, delivery)| {
            kind.is_none_or(|kind| kind == *chosen)
                && matches!(delivery, Delivery::Immediate | Delivery::Digest)
        });
        for (chosen, _) in by_mail {
            db::notifications::set_delivery(conn, person, *chosen, Delivery::InApp)?;
        }
        // How each followed view is told is chosen view by view, not among the preferences.
        if kind.is_none_or(|kind| kind == NotificationKind::ViewChanged) {
            db::saved_views::follow_in_app_only(conn, person)?;
        }
        let detail = EventDetail::message(
            "detail-unsubscribed",
            &[(
                "kind",
                kind.map_or("all", NotificationKind::code).to_owned(),
            )],
        );
        let event = crate::domain::accounts::SecurityEvent {
            kind: SecurityEventKind::Unsubscribed,
            actor_id: Some(person.clone()),
            subject: person.to_string(),
            ip: ip.to_owned(),
            detail,
        };
        record(conn, &event)?;
        Ok(Outcome::Saved(()))
    })
}

/// Puts an e-mail back in the queue to be sent at once.
pub fn retry_mail(
    conn: &mut DbConnection,
    acting: &Acting,
    mail_id: &str,
) -> Result<Outcome<()>, AppError> {
    acting.require(Permission::ManageNotifications)?;
    in_transaction(conn, Writes::AccessRecords, |conn| {
        if !db::mail::retry_now(conn, mail_id)? {
            return Ok(Outcome::Unchanged);
        }
        let event = acting.event(SecurityEventKind::MailRetried, mail_id, EventDetail::None);
        record(conn, &event)?;
        Ok(Outcome::Saved(()))
    })
}
