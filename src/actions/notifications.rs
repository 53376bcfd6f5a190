//! Notifications as people manage them: watching, reading, preferences, following,
//! unsubscribing; sending a failed e-mail again; and the scheduled sweep of reminders,
//! escalations and digests.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::notices::{self, Notice};
use super::security_log::record;
use super::{Acting, Outcome, Stop, in_transaction};
use crate::db::notifications::Recipients;
use crate::db::sweep::{SweptIrritant, SweptMilestone};
use crate::db::{self, DbConnection, Writes};
use crate::domain::Reference;
use crate::domain::accounts::{EventDetail, Permission, SecurityEventKind};
use crate::domain::ids::PersonId;
use crate::domain::notification::{
    Delivery, DigestTime, FollowScope, MILESTONE_DUE_WITHIN_DAYS, NoticeText, NotificationKind,
};
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
/// link: they are still told in the application. The security log records it.
pub fn unsubscribe(
    conn: &mut DbConnection,
    person: &PersonId,
    kind: Option<NotificationKind>,
    ip: &str,
) -> Result<Outcome<()>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        let kinds = kind
            .as_ref()
            .map_or(NotificationKind::ALL, std::slice::from_ref);
        for kind in kinds {
            db::notifications::set_delivery(conn, person, *kind, Delivery::InApp)?;
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

/// What the sweep judges against.
#[derive(Debug, Clone, Copy)]
pub struct SweepRules {
    /// The moment judged: its day for dates, its time of day for digests.
    pub as_of: NaiveDateTime,
    pub stale_after_days: u32,
    pub escalate_after_days: u32,
    /// Whether e-mail is sent: without it, digests are not gathered.
    pub mail: bool,
}

/// What one sweep told: how many notifications of each sort, and digests queued.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SweepReport {
    pub stale_reminders: usize,
    pub escalations: usize,
    pub milestone_reminders: usize,
    pub target_reminders: usize,
    pub digests: usize,
}

/// One sweep: reminders of stale irritants, escalations of those still stale, milestones
/// coming due or overdue, target dates passed, and the digests due. Each event is told once,
/// so a second sweep tells nothing new. Reminding is not activity: nothing here touches an
/// irritant. Each part is its own transaction, so that the sweep never holds the write lock
/// for long.
pub fn sweep(conn: &mut DbConnection, rules: SweepRules) -> Result<SweepReport, AppError> {
    let today = rules.as_of.date();
    let stale_before = today - TimeDelta::days(rules.stale_after_days.into());
    let escalate_before = stale_before - TimeDelta::days(rules.escalate_after_days.into());
    let mut report = SweepReport::default();
    let stale = db::sweep::stale(conn, stale_before)?;
    report.stale_reminders = in_part(conn, |conn| remind_stale(conn, &stale))?;
    let neglected: Vec<_> = stale
        .into_iter()
        .filter(|irritant| irritant.last_activity() < escalate_before)
        .collect();
    report.escalations = in_part(conn, |conn| escalate(conn, &neglected, today))?;
    let until = today + TimeDelta::days(MILESTONE_DUE_WITHIN_DAYS);
    let due = db::sweep::milestones_due(conn, until)?;
    report.milestone_reminders = in_part(conn, |conn| remind_milestones(conn, &due, today))?;
    let passed = db::sweep::targets_passed(conn, today)?;
    report.target_reminders = in_part(conn, |conn| remind_targets(conn, &passed))?;
    if rules.mail {
        report.digests = in_part(conn, |conn| gather_digests(conn, rules.as_of))?;
    }
    Ok(report)
}

/// Runs one part of the sweep in its own transaction; how many it told.
fn in_part(
    conn: &mut DbConnection,
    mut part: impl FnMut(&mut DbConnection) -> Result<usize, Stop>,
) -> Result<usize, AppError> {
    let outcome = in_transaction(conn, Writes::AccessRecords, |conn| {
        Ok(Outcome::Saved(part(conn)?))
    })?;
    Ok(match outcome {
        Outcome::Saved(told) => told,
        _ => 0,
    })
}

fn reference_of(irritant: &SweptIrritant) -> Result<Reference, Stop> {
    db::stored(
        "reference",
        &irritant.id,
        &irritant.reference,
        Reference::parse,
    )
    .map_err(Stop::from)
}

fn remind_stale(conn: &mut DbConnection, stale: &[SweptIrritant]) -> Result<usize, Stop> {
    let mut told = 0;
    for irritant in stale {
        let Some(owner) = &irritant.owner_id else {
            continue;
        };
        let since = irritant.last_activity();
        let text = NoticeText::new("notify-stale")
            .arg("reference", &irritant.reference)
            .arg("title", &irritant.title)
            .arg("since", since);
        let key = format!("stale:{}:{since}", irritant.id);
        told += tell_about(
            conn,
            irritant,
            (NotificationKind::StaleReminder, key, text),
            owner,
        )?;
    }
    Ok(told)
}

fn escalate(
    conn: &mut DbConnection,
    neglected: &[SweptIrritant],
    today: NaiveDate,
) -> Result<usize, Stop> {
    let mut managers: HashMap<Option<String>, Vec<PersonId>> = HashMap::new();
    let mut told = 0;
    for irritant in neglected {
        let department = irritant.lead_department.clone();
        if !managers.contains_key(&department) {
            let found = db::notifications::managers_of(conn, department.as_deref())?;
            managers.insert(department.clone(), found);
        }
        let since = irritant.last_activity();
        let owner = match &irritant.owner_id {
            Some(id) => db::mail::recipient(conn, id)?.display_name,
            None => "—".to_owned(),
        };
        let text = NoticeText::new("notify-escalation")
            .arg("reference", &irritant.reference)
            .arg("title", &irritant.title)
            .arg("owner", owner)
            .arg("since", since)
            .arg("days", (today - since).num_days());
        let reference = reference_of(irritant)?;
        let id = irritant.id.clone().into();
        let notice = Notice::about(
            NotificationKind::Escalation,
            (&id, &reference),
            format!("escalation:{}:{since}", irritant.id),
            text,
        );
        told += notices::tell(conn, &notice, Recipients::Named(&managers[&department]))?;
    }
    Ok(told)
}

fn remind_milestones(
    conn: &mut DbConnection,
    due: &[SweptMilestone],
    today: NaiveDate,
) -> Result<usize, Stop> {
    let mut told = 0;
    for milestone in due {
        let Some(owner) = &milestone.owner_id else {
            continue;
        };
        let (kind, message, key) = if milestone.due_date < today {
            let key = "milestone-overdue";
            (
                NotificationKind::MilestoneOverdue,
                "notify-milestone-overdue",
                key,
            )
        } else {
            let key = "milestone-due";
            (NotificationKind::MilestoneDue, "notify-milestone-due", key)
        };
        let text = NoticeText::new(message)
            .arg("reference", &milestone.reference)
            .arg("milestone", &milestone.title)
            .arg("due", milestone.due_date);
        let reference = db::stored(
            "reference",
            &milestone.irritant_id,
            &milestone.reference,
            Reference::parse,
        )?;
        let irritant = milestone.irritant_id.clone().into();
        let notice = Notice::about(
            kind,
            (&irritant, &reference),
            format!("{key}:{}:{}", milestone.id, milestone.due_date),
            text,
        )
        .at(format!(
            "/irritants/{reference}/milestones/{}",
            milestone.id
        ));
        told += notices::tell(conn, &notice, Recipients::Named(&[owner.clone().into()]))?;
    }
    Ok(told)
}

fn remind_targets(conn: &mut DbConnection, passed: &[SweptIrritant]) -> Result<usize, Stop> {
    let mut told = 0;
    for irritant in passed {
        let (Some(owner), Some(target)) = (&irritant.owner_id, irritant.target_date) else {
            continue;
        };
        let text = NoticeText::new("notify-target-passed")
            .arg("reference", &irritant.reference)
            .arg("title", &irritant.title)
            .arg("target", target);
        let key = format!("target-passed:{}:{target}", irritant.id);
        told += tell_about(
            conn,
            irritant,
            (NotificationKind::TargetPassed, key, text),
            owner,
        )?;
    }
    Ok(told)
}

/// Tells `owner` of something about a swept irritant.
fn tell_about(
    conn: &mut DbConnection,
    irritant: &SweptIrritant,
    (kind, event_key, text): (NotificationKind, String, NoticeText),
    owner: &str,
) -> Result<usize, Stop> {
    let reference = reference_of(irritant)?;
    let id = irritant.id.clone().into();
    let notice = Notice::about(kind, (&id, &reference), event_key, text);
    Ok(notices::tell(
        conn,
        &notice,
        Recipients::Named(&[owner.to_owned().into()]),
    )?)
}

/// Queues a digest for each person whose digest time has come on `as_of`'s day and who has
/// notifications waiting for one: one message a day, gathering all of them.
fn gather_digests(conn: &mut DbConnection, as_of: NaiveDateTime) -> Result<usize, Stop> {
    let mut queued = 0;
    for reader in db::mail::digest_readers(conn)? {
        let time = DigestTime::parse(&reader.digest_time).unwrap_or_default();
        if time.time() > as_of.time() {
            continue;
        }
        let key = format!("digest:{}:{}", reader.id, as_of.date());
        let person: PersonId = reader.id.clone().into();
        let Some(mail) = db::mail::queue(conn, &person, &key)? else {
            continue;
        };
        let waiting = db::mail::awaiting_digest(conn, &reader.id)?;
        db::notifications::attach_mail(conn, &waiting, &mail)?;
        queued += 1;
    }
    Ok(queued)
}
