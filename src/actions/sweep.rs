//! The scheduled sweep: reminders of stale irritants, escalations of those still stale after
//! their owner was reminded, milestones coming due or overdue, target dates passed, and the
//! digests due. Each event is told once: a second sweep tells nothing new. Reminding is not
//! activity: nothing here touches an irritant, so the stale clock it measures runs on.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::notices::{self, Notice};
use super::saved_views::{self, ListContext};
use super::{Outcome, Stop, in_transaction};
use crate::db::notifications::Directory;
use crate::db::sweep::{SweptIrritant, SweptMilestone};
use crate::db::{self, DbConnection, Writes};
use crate::domain::Reference;
use crate::domain::ids::{IrritantId, PersonId};
use crate::domain::listing::ListRules;
use crate::domain::notification::{
    DigestTime, MILESTONE_DUE_WITHIN_DAYS, NoticeText, NotificationKind,
};
use crate::error::AppError;

/// What the sweep judges against.
#[derive(Debug, Clone, Copy)]
pub struct SweepRules {
    /// The moment judged (server time): its day for dates, its time of day for digests.
    pub as_of: NaiveDateTime,
    pub stale_after_days: u32,
    pub escalate_after_days: u32,
    /// Whether e-mail is sent: without it, nothing is queued and no digest is gathered.
    pub mail: bool,
}

/// What one sweep told: how many notifications of each sort, and digests queued.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SweepReport {
    pub stale_reminders: usize,
    pub escalations: usize,
    pub milestone_reminders: usize,
    pub target_reminders: usize,
    /// Followers told of what entered, changed within or left a view they follow.
    pub view_notices: usize,
    pub digests: usize,
}

/// The kinds the sweep tells of, whose events it reads back to tell each once.
const SWEPT: [NotificationKind; 5] = [
    NotificationKind::StaleReminder,
    NotificationKind::Escalation,
    NotificationKind::MilestoneDue,
    NotificationKind::MilestoneOverdue,
    NotificationKind::TargetPassed,
];

/// One sweep. Each part is its own transaction, so that a long sweep does not keep other
/// writers waiting for all of it.
pub fn sweep(conn: &mut DbConnection, rules: SweepRules) -> Result<SweepReport, AppError> {
    let mut sweep = Sweep {
        rules,
        told: db::notifications::first_told(conn, &SWEPT)?,
        directory: db::notifications::directory(conn)?,
        moment: db::local_to_utc(rules.as_of),
    };
    let today = rules.as_of.date();
    let stale_before = today - TimeDelta::days(rules.stale_after_days.into());
    let mut report = SweepReport::default();
    let stale = db::sweep::stale(conn, stale_before)?;
    report.stale_reminders = in_part(conn, |conn| sweep.remind_stale(conn, &stale))?;
    report.escalations = in_part(conn, |conn| sweep.escalate(conn, &stale))?;
    let until = today + TimeDelta::days(MILESTONE_DUE_WITHIN_DAYS);
    let due = db::sweep::milestones_due(conn, until)?;
    report.milestone_reminders = in_part(conn, |conn| sweep.remind_milestones(conn, &due))?;
    let passed = db::sweep::targets_passed(conn, today)?;
    report.target_reminders = in_part(conn, |conn| sweep.remind_targets(conn, &passed))?;
    report.view_notices = tell_view_followers(conn, &sweep)?;
    if rules.mail {
        report.digests = in_part(conn, |conn| gather_digests(conn, rules.as_of))?;
    }
    Ok(report)
}

/// Runs one part of the sweep in its own transaction; how many it told.
fn in_part(
    conn: &mut DbConnection,
    part: impl FnMut(&mut DbConnection) -> Result<usize, Stop>,
) -> Result<usize, AppError> {
    let mut part = part;
    match in_transaction(conn, Writes::AccessRecords, |conn| {
        Ok(Outcome::Saved(part(conn)?))
    })? {
        Outcome::Saved(told) => Ok(told),
        Outcome::Unchanged => Ok(0),
        Outcome::Refused(_) | Outcome::Conflict(_) => Err(crate::routes::unexpected(
            "a part of the notification sweep",
        )),
    }
}

/// What a sweep knows before it tells anyone.
struct Sweep {
    rules: SweepRules,
    /// When each event the sweep tells of was first told: told again, it would be told twice.
    told: HashMap<String, NaiveDateTime>,
    /// Who may be told, and how each wants each kind.
    directory: Directory,
    /// The moment judged, as stored (UTC): what the sweep tells is dated then.
    moment: NaiveDateTime,
}

/// An event about an irritant, to tell some people.
struct Event<'a> {
    kind: NotificationKind,
    key: String,
    irritant: (&'a str, &'a str),
    text: NoticeText,
    link: Option<String>,
}

impl Sweep {
    /// Tells `recipients` of `event`, unless it was told before; how many were told.
    fn tell(
        &mut self,
        conn: &mut DbConnection,
        event: Event,
        recipients: &[PersonId],
    ) -> Result<usize, Stop> {
        if self.told.contains_key(&event.key) {
            return Ok(0);
        }
        let (id, reference) = event.irritant;
        let reference = db::stored("reference", id, reference, Reference::parse)?;
        let id = IrritantId::from(id.to_owned());
        let mut notice = Notice::about(event.kind, (&id, &reference), event.key, event.text)
            .mailing(self.rules.mail)
            .dated(self.moment);
        if let Some(link) = event.link {
            notice = notice.at(link);
        }
        let deliveries = self.directory.deliveries(recipients, event.kind);
        let told = notices::write(conn, &notice, &deliveries)?;
        self.told.insert(notice.event_key, self.moment);
        Ok(told)
    }

    fn remind_stale(
        &mut self,
        conn: &mut DbConnection,
        stale: &[SweptIrritant],
    ) -> Result<usize, Stop> {
        let mut told = 0;
        for irritant in stale {
            let Some(owner) = &irritant.owner_id else {
                continue;
            };
            let since = irritant.last_activity();
            let event = Event {
                kind: NotificationKind::StaleReminder,
                key: stale_key(irritant),
                irritant: (&irritant.id, &irritant.reference),
                text: NoticeText::new("notify-stale")
                    .arg("reference", &irritant.reference)
                    .arg("title", &irritant.title)
                    .arg("since", since),
                link: None,
            };
            told += self.tell(conn, event, &[owner.clone().into()])?;
        }
        Ok(told)
    }

    /// Escalates to managers the stale irritants whose owner was reminded at least
    /// `escalate_after_days` before, and those with no owner to remind, once they have been
    /// stale that much longer.
    fn escalate(
        &mut self,
        conn: &mut DbConnection,
        stale: &[SweptIrritant],
    ) -> Result<usize, Stop> {
        let wait = TimeDelta::days(self.rules.escalate_after_days.into());
        let today = self.rules.as_of.date();
        let stale_for = TimeDelta::days(self.rules.stale_after_days.into());
        let mut managers: HashMap<Option<String>, Vec<PersonId>> = HashMap::new();
        let mut told = 0;
        for irritant in stale {
            let since = irritant.last_activity();
            let due = match &irritant.owner_id {
                Some(_) => self
                    .told
                    .get(&stale_key(irritant))
                    .is_some_and(|reminded| *reminded + wait <= self.moment),
                None => since + stale_for + wait < today,
            };
            if !due {
                continue;
            }
            let department = irritant.lead_department.clone();
            if !managers.contains_key(&department) {
                let found = db::notifications::managers_of(conn, department.as_deref())?;
                managers.insert(department.clone(), found);
            }
            let owner = match &irritant.owner_id {
                Some(id) => self.directory.name_of(id).to_owned(),
                None => "—".to_owned(),
            };
            let event = Event {
                kind: NotificationKind::Escalation,
                key: format!("escalation:{}:{since}", irritant.id),
                irritant: (&irritant.id, &irritant.reference),
                text: NoticeText::new("notify-escalation")
                    .arg("reference", &irritant.reference)
                    .arg("title", &irritant.title)
                    .arg("owner", owner)
                    .arg("since", since)
                    .arg("days", (today - since).num_days()),
                link: None,
            };
            told += self.tell(conn, event, &managers[&department])?;
        }
        Ok(told)
    }

    fn remind_milestones(
        &mut self,
        conn: &mut DbConnection,
        due: &[SweptMilestone],
    ) -> Result<usize, Stop> {
        let today = self.rules.as_of.date();
        let mut told = 0;
        for milestone in due {
            let Some(owner) = &milestone.owner_id else {
                continue;
            };
            let (kind, message, key) = if milestone.due_date < today {
                let kind = NotificationKind::MilestoneOverdue;
                (kind, "notify-milestone-overdue", "milestone-overdue")
            } else {
                (
                    NotificationKind::MilestoneDue,
                    "notify-milestone-due",
                    "milestone-due",
                )
            };
            let event = Event {
                kind,
                key: format!("{key}:{}:{}", milestone.id, milestone.due_date),
                irritant: (&milestone.irritant_id, &milestone.reference),
                text: NoticeText::new(message)
                    .arg("reference", &milestone.reference)
                    .arg("milestone", &milestone.title)
                    .arg("due", milestone.due_date),
                link: Some(format!(
                    "/irritants/{}/milestones/{}",
                    milestone.reference, milestone.id
                )),
            };
            told += self.tell(conn, event, &[owner.clone().into()])?;
        }
        Ok(told)
    }

    fn remind_targets(
        &mut self,
        conn: &mut DbConnection,
        passed: &[SweptIrritant],
    ) -> Result<usize, Stop> {
        let mut told = 0;
        for irritant in passed {
            let (Some(owner), Some(target)) = (&irritant.owner_id, irritant.target_date) else {
                continue;
            };
            let event = Event {
                kind: NotificationKind::TargetPassed,
                key: format!("target-passed:{}:{target}", irritant.id),
                irritant: (&irritant.id, &irritant.reference),
                text: NoticeText::new("notify-target-passed")
                    .arg("reference", &irritant.reference)
                    .arg("title", &irritant.title)
                    .arg("target", target),
                link: None,
            };
            told += self.tell(conn, event, &[owner.clone().into()])?;
        }
        Ok(told)
    }
}

/// Looks at each followed view, each in its own transaction, and tells its followers what
/// changed in it.
fn tell_view_followers(conn: &mut DbConnection, sweep: &Sweep) -> Result<usize, AppError> {
    let reference_data = db::people::reference_data(conn)?;
    let context = ListContext {
        reference_data: &reference_data,
        rules: ListRules {
            today: sweep.rules.as_of.date(),
            stale_after_days: sweep.rules.stale_after_days,
        },
    };
    let mut told = 0;
    for view in db::saved_views::followed(conn)? {
        let when = (sweep.rules.mail, sweep.moment);
        told += in_part(conn, |conn| {
            saved_views::tell_followers(conn, &view, context, when)
        })?;
    }
    Ok(told)
}

/// The event of an irritant going stale: once per spell without activity.
fn stale_key(irritant: &SweptIrritant) -> String {
    format!("stale:{}:{}", irritant.id, irritant.last_activity())
}

/// Queues a digest for each person whose digest time has come on `as_of`'s day and who has
/// notifications waiting for one: one message a day, gathering all of them.
fn gather_digests(conn: &mut DbConnection, as_of: NaiveDateTime) -> Result<usize, Stop> {
    let mut queued = 0;
    for reader in db::mail::digest_readers(conn)? {
        let at = format!("the digest time of {}", reader.id);
        let time = db::stored("digest time", at, &reader.digest_time, DigestTime::parse)?;
        if time.time() > as_of.time() {
            continue;
        }
        let person: PersonId = reader.id.clone().into();
        let key = digest_key(&person, as_of.date());
        let Some(mail) = db::mail::queue(conn, &person, &key)? else {
            continue;
        };
        let waiting = db::mail::awaiting_digest(conn, &reader.id)?;
        db::notifications::attach_mail(conn, &waiting, &mail)?;
        queued += 1;
    }
    Ok(queued)
}

/// A person's digest of one day: one, whoever gathers it and however often.
fn digest_key(person: &PersonId, day: NaiveDate) -> String {
    format!("digest:{person}:{day}")
}
