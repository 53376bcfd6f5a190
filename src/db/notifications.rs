//! Notifications as each person reads them, how each person wants them, and who watches and
//! follows what.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{follows, irritants, notification_preferences, notifications, people, watches};
use super::{DbConnection, DbResult, now, stored};
use crate::domain::accounts::Role;
use crate::domain::ids::{IrritantId, PersonId};
use crate::domain::notification::{
    Delivery, DigestTime, FollowScope, NoticeText, NotificationKind,
};

/// Runs an insert (made by `$insert`, a closure) that does nothing where its row's key is
/// taken already; how many rows it wrote. Both backends spell it `ON CONFLICT DO NOTHING`, but
/// the statement must be built for each connection apart.
macro_rules! insert_unless_taken {
    ($conn:expr, $insert:expr) => {
        match $conn {
            $crate::db::DbConnection::Postgresql(pg) => {
                ($insert)().on_conflict_do_nothing().execute(pg)
            }
            $crate::db::DbConnection::Sqlite(lite) => {
                ($insert)().on_conflict_do_nothing().execute(lite)
            }
        }
    };
}
pub(crate) use insert_unless_taken;

/// A notification about to be written for one recipient.
#[derive(Debug, Clone)]
pub struct NewNotification<'a> {
    pub recipient: &'a PersonId,
    pub event_key: &'a str,
    pub kind: NotificationKind,
    pub irritant: Option<&'a IrritantId>,
    pub link: &'a str,
    pub text: &'a NoticeText,
    pub actor: Option<&'a PersonId>,
    pub delivery: Delivery,
    /// The e-mail that will carry it, queued right after it (see [`super::mail::queue`]).
    pub mail_id: Option<&'a str>,
    /// When it happened (UTC); none: now.
    pub created_at: Option<NaiveDateTime>,
}

/// Writes notifications, in one statement, but those whose recipient was told of the same
/// event already; how many were written.
pub fn insert_all(conn: &mut DbConnection, rows: &[NewNotification]) -> DbResult<usize> {
    let created_at = now();
    let details: Vec<String> = rows
        .iter()
        .map(|new| serde_json::to_string(new.text).unwrap_or_default())
        .collect();
    let values: Vec<_> = rows
        .iter()
        .zip(&details)
        .map(|(new, detail)| {
            (
                notifications::recipient_id.eq(new.recipient.as_str()),
                notifications::event_key.eq(new.event_key),
                notifications::kind.eq(new.kind.code()),
                notifications::irritant_id.eq(new.irritant.map(IrritantId::as_str)),
                notifications::link.eq(new.link),
                notifications::detail.eq(detail.as_str()),
                notifications::actor_id.eq(new.actor.map(PersonId::as_str)),
                notifications::created_at.eq(new.created_at.unwrap_or(created_at)),
                notifications::delivery.eq(new.delivery.code()),
                notifications::mail_id.eq(new.mail_id),
            )
        })
        .collect();
    let mut written = 0;
    for chunk in values.chunks(super::rows_per_statement(10)) {
        let query = || diesel::insert_into(notifications::table).values(chunk.to_vec());
        written += insert_unless_taken!(conn, query)?;
    }
    Ok(written)
}

/// Which of these messages a notification carries.
pub fn carrying_mail<'a>(
    conn: &mut DbConnection,
    mail_ids: impl Iterator<Item = &'a str>,
) -> DbResult<Vec<String>> {
    Ok(notifications::table
        .filter(notifications::mail_id.eq_any(mail_ids.collect::<Vec<_>>()))
        .select(notifications::mail_id.assume_not_null())
        .load(conn)?)
}

/// The notification as its recipient reads it.
#[derive(Debug, Clone)]
pub struct StoredNotification {
    pub id: i64,
    pub kind: NotificationKind,
    pub link: String,
    pub text: NoticeText,
    pub created_at: NaiveDateTime,
    pub read: bool,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = notifications)]
struct NotificationRow {
    id: i64,
    kind: String,
    link: String,
    detail: String,
    created_at: NaiveDateTime,
    read_at: Option<NaiveDateTime>,
}

impl TryFrom<NotificationRow> for StoredNotification {
    type Error = super::DbError;

    fn try_from(row: NotificationRow) -> DbResult<Self> {
        let at = format!("notification {}", row.id);
        Ok(Self {
            kind: stored("kind", &at, &row.kind, NotificationKind::parse)?,
            text: stored("detail", &at, &row.detail, |raw| serde_json::from_str(raw))?,
            id: row.id,
            link: row.link,
            created_at: row.created_at,
            read: row.read_at.is_some(),
        })
    }
}

/// Notifications on a page of the centre (and of the API's list).
pub const PAGE_SIZE: i64 = 50;

/// One page of a person's notifications, newest first, with their counts.
#[derive(Debug, Clone)]
pub struct NotificationPage {
    pub items: Vec<StoredNotification>,
    /// From 1.
    pub page: u32,
    pub total: i64,
    pub unread: i64,
}

impl NotificationPage {
    pub fn has_more(&self) -> bool {
        i64::from(self.page) * PAGE_SIZE < self.total
    }
}

/// Page `page` (from 1; 0 reads as 1) of a person's notifications.
pub fn page_of(
    conn: &mut DbConnection,
    person: &PersonId,
    page: u32,
) -> DbResult<NotificationPage> {
    let page = page.max(1);
    let items = notifications::table
        .filter(notifications::recipient_id.eq(person))
        .order(notifications::id.desc())
        .offset(i64::from(page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .select(NotificationRow::as_select())
        .load(conn)?
        .into_iter()
        .map(StoredNotification::try_from)
        .collect::<DbResult<_>>()?;
    let total = notifications::table
        .filter(notifications::recipient_id.eq(person))
        .count()
        .get_result(conn)?;
    Ok(NotificationPage {
        items,
        page,
        total,
        unread: unread_count(conn, person)?,
    })
}

/// The notifications of one e-mail, oldest first.
pub fn of_mail(conn: &mut DbConnection, mail_id: &str) -> DbResult<Vec<StoredNotification>> {
    notifications::table
        .filter(notifications::mail_id.eq(mail_id))
        .order(notifications::id.asc())
        .select(NotificationRow::as_select())
        .load(conn)?
        .into_iter()
        .map(StoredNotification::try_from)
        .collect()
}

pub fn unread_count(conn: &mut DbConnection, person: &PersonId) -> DbResult<i64> {
    Ok(notifications::table
        .filter(notifications::recipient_id.eq(person))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)?)
}

/// Marks a person's notifications read: those named, or all of them; how many were unread.
pub fn mark_read(
    conn: &mut DbConnection,
    person: &PersonId,
    ids: Option<&[i64]>,
) -> DbResult<usize> {
    let mine = notifications::table
        .filter(notifications::recipient_id.eq(person))
        .filter(notifications::read_at.is_null())
        .into_boxed();
    let chosen = match ids {
        Some(ids) => mine.filter(notifications::id.eq_any(ids)),
        None => mine,
    };
    let ids: Vec<i64> = chosen.select(notifications::id).load(conn)?;
    Ok(
        diesel::update(notifications::table.filter(notifications::id.eq_any(&ids)))
            .set(notifications::read_at.eq(now()))
            .execute(conn)?,
    )
}

/// Sets the e-mail that carries some notifications.
pub fn attach_mail(conn: &mut DbConnection, ids: &[i64], mail_id: &str) -> DbResult<()> {
    diesel::update(notifications::table.filter(notifications::id.eq_any(ids)))
        .set(notifications::mail_id.eq(mail_id))
        .execute(conn)?;
    Ok(())
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = notification_preferences)]
struct PreferenceRow {
    kind: String,
    delivery: String,
}

/// Whom a notification is for.
#[derive(Debug, Clone, Copy)]
pub enum Recipients<'a> {
    /// These people.
    Named(&'a [PersonId]),
    /// Whoever is told of changes to an irritant: its owner, its watchers, and whoever follows
    /// its lead department or its counterpart.
    AudienceOf(&'a IrritantId),
}

/// The active people among `recipients`, except `actor` (never told of their own doing), and
/// how each wants notifications of `kind`: in one query, as it runs inside every change that
/// tells someone.
pub fn deliveries(
    conn: &mut DbConnection,
    recipients: Recipients,
    kind: NotificationKind,
    actor: Option<&PersonId>,
) -> DbResult<Vec<(PersonId, Delivery)>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = people)]
    #[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
    struct RecipientRow {
        id: String,
        #[diesel(select_expression = notification_preferences::delivery.nullable())]
        delivery: Option<String>,
    }
    let chosen = notification_preferences::person_id
        .eq(people::id)
        .and(notification_preferences::kind.eq(kind.code()));
    let mut query = people::table
        .left_join(notification_preferences::table.on(chosen))
        .filter(people::active.eq(true))
        .select(RecipientRow::as_select())
        .into_boxed();
    if let Some(actor) = actor {
        query = query.filter(people::id.ne(actor.as_str()));
    }
    query = match recipients {
        Recipients::Named(named) => {
            query.filter(people::id.eq_any(named.iter().map(PersonId::as_str).collect::<Vec<_>>()))
        }
        Recipients::AudienceOf(irritant) => {
            let this = || irritants::table.filter(irritants::id.eq(irritant.as_str()));
            let watchers = watches::table
                .filter(watches::irritant_id.eq(irritant.as_str()))
                .select(watches::person_id);
            let followers = follows::table
                .filter(
                    follows::scope
                        .eq(FollowScope::Department.code())
                        .and(
                            follows::value
                                .nullable()
                                .eq_any(this().select(irritants::lead_department)),
                        )
                        .or(follows::scope
                            .eq(FollowScope::Counterpart.code())
                            .and(follows::value.eq_any(this().select(irritants::counterpart)))),
                )
                .select(follows::person_id);
            query.filter(
                people::id
                    .eq_any(watchers)
                    .or(people::id
                        .nullable()
                        .eq_any(this().select(irritants::owner_id)))
                    .or(people::id.eq_any(followers)),
            )
        }
    };
    query
        .load(conn)?
        .into_iter()
        .map(|row| {
            let delivery = match row.delivery {
                Some(raw) => stored(
                    "delivery",
                    format!("the preferences of {}", row.id),
                    &raw,
                    Delivery::parse,
                )?,
                None => kind.default_delivery(),
            };
            Ok((PersonId::from(row.id), delivery))
        })
        .collect()
}

/// What a person chose: how each kind reaches them, their digest's time, their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preferences {
    pub deliveries: Vec<(NotificationKind, Delivery)>,
    pub digest_time: DigestTime,
    pub language: String,
}

pub fn preferences(conn: &mut DbConnection, person: &PersonId) -> DbResult<Preferences> {
    let chosen = notification_preferences::table
        .filter(notification_preferences::person_id.eq(person))
        .select(PreferenceRow::as_select())
        .load(conn)?;
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = people)]
    struct ChoicesRow {
        digest_time: String,
        language: String,
    }
    let choices = people::table
        .filter(people::id.eq(person))
        .select(ChoicesRow::as_select())
        .first(conn)?;
    let at = format!("the preferences of {person}");
    let deliveries = NotificationKind::ALL
        .iter()
        .filter(|kind| kind.has_preference())
        .map(|kind| {
            let delivery = match chosen.iter().find(|row| row.kind == kind.code()) {
                Some(row) => stored("delivery", &at, &row.delivery, Delivery::parse)?,
                None => kind.default_delivery(),
            };
            Ok((*kind, delivery))
        })
        .collect::<DbResult<_>>()?;
    Ok(Preferences {
        deliveries,
        digest_time: stored("digest time", &at, &choices.digest_time, DigestTime::parse)?,
        language: choices.language,
    })
}

/// Stores how `kind` reaches a person.
pub fn set_delivery(
    conn: &mut DbConnection,
    person: &PersonId,
    kind: NotificationKind,
    delivery: Delivery,
) -> DbResult<()> {
    diesel::delete(
        notification_preferences::table
            .filter(notification_preferences::person_id.eq(person))
            .filter(notification_preferences::kind.eq(kind.code())),
    )
    .execute(conn)?;
    diesel::insert_into(notification_preferences::table)
        .values((
            notification_preferences::person_id.eq(person),
            notification_preferences::kind.eq(kind.code()),
            notification_preferences::delivery.eq(delivery.code()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Stores a person's digest time and language.
pub fn set_digest_and_language(
    conn: &mut DbConnection,
    person: &PersonId,
    digest_time: DigestTime,
    language: &str,
) -> DbResult<usize> {
    Ok(diesel::update(people::table.filter(people::id.eq(person)))
        .set((
            people::digest_time.eq(digest_time.to_string()),
            people::language.eq(language),
        ))
        .execute(conn)?)
}

/// Stores a person's language (their last choice of the toggle); whether it changed.
pub fn set_language(conn: &mut DbConnection, person: &PersonId, language: &str) -> DbResult<bool> {
    Ok(diesel::update(
        people::table
            .filter(people::id.eq(person))
            .filter(people::language.ne(language)),
    )
    .set(people::language.eq(language))
    .execute(conn)?
        > 0)
}

/// Makes a person watch an irritant; whether they did not already.
pub fn watch(conn: &mut DbConnection, irritant: &IrritantId, person: &PersonId) -> DbResult<bool> {
    let query = || {
        diesel::insert_into(watches::table).values((
            watches::irritant_id.eq(irritant),
            watches::person_id.eq(person),
            watches::created_at.eq(now()),
        ))
    };
    Ok(insert_unless_taken!(conn, query)? > 0)
}

/// Stops a person watching an irritant; whether they were.
pub fn unwatch(
    conn: &mut DbConnection,
    irritant: &IrritantId,
    person: &PersonId,
) -> DbResult<bool> {
    Ok(diesel::delete(
        watches::table
            .filter(watches::irritant_id.eq(irritant))
            .filter(watches::person_id.eq(person)),
    )
    .execute(conn)?
        > 0)
}

/// Someone watching an irritant, as its page lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watcher {
    pub id: PersonId,
    pub name: String,
}

pub fn watchers(conn: &mut DbConnection, irritant: &IrritantId) -> DbResult<Vec<Watcher>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = people)]
    struct WatcherRow {
        id: String,
        display_name: String,
    }
    let rows = watches::table
        .inner_join(people::table)
        .filter(watches::irritant_id.eq(irritant))
        .filter(people::active.eq(true))
        .order(people::display_name.asc())
        .select(WatcherRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| Watcher {
            id: row.id.into(),
            name: row.display_name,
        })
        .collect())
}

/// What a person follows.
pub fn follows_of(
    conn: &mut DbConnection,
    person: &PersonId,
) -> DbResult<Vec<(FollowScope, String)>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = follows)]
    struct FollowRow {
        scope: String,
        value: String,
    }
    let rows = follows::table
        .filter(follows::person_id.eq(person))
        .order((follows::scope.asc(), follows::value.asc()))
        .select(FollowRow::as_select())
        .load(conn)?;
    let at = format!("the follows of {person}");
    rows.into_iter()
        .map(|row| {
            Ok((
                stored("scope", &at, &row.scope, FollowScope::parse)?,
                row.value,
            ))
        })
        .collect()
}

/// Replaces what a person follows.
pub fn set_follows(
    conn: &mut DbConnection,
    person: &PersonId,
    chosen: &[(FollowScope, String)],
) -> DbResult<()> {
    diesel::delete(follows::table.filter(follows::person_id.eq(person))).execute(conn)?;
    for (scope, value) in chosen {
        diesel::insert_into(follows::table)
            .values((
                follows::person_id.eq(person),
                follows::scope.eq(scope.code()),
                follows::value.eq(value),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Who follows a scope (a report issued for it tells them).
pub fn followers_of(
    conn: &mut DbConnection,
    scope: FollowScope,
    value: &str,
) -> DbResult<Vec<PersonId>> {
    let rows: Vec<String> = follows::table
        .filter(follows::scope.eq(scope.code()))
        .filter(follows::value.eq(value))
        .select(follows::person_id)
        .load(conn)?;
    Ok(rows.into_iter().map(PersonId::from).collect())
}

/// Who follows anything of a scope: a report on the whole register covers what they follow.
pub fn followers_of_any(conn: &mut DbConnection, scope: FollowScope) -> DbResult<Vec<PersonId>> {
    let rows: Vec<String> = follows::table
        .filter(follows::scope.eq(scope.code()))
        .select(follows::person_id)
        .distinct()
        .load(conn)?;
    Ok(rows.into_iter().map(PersonId::from).collect())
}

/// The active managers of a department; of every department when `department` is none or has
/// none.
pub fn managers_of(conn: &mut DbConnection, department: Option<&str>) -> DbResult<Vec<PersonId>> {
    let managers = || {
        people::table
            .filter(people::active.eq(true))
            .filter(people::role.eq(Role::Manager.code()))
            .select(people::id)
            .into_boxed()
    };
    let mut found: Vec<String> = match department {
        Some(code) => managers()
            .filter(people::department_code.eq(code))
            .load(conn)?,
        None => Vec::new(),
    };
    if found.is_empty() {
        found = managers().load(conn)?;
    }
    Ok(found.into_iter().map(PersonId::from).collect())
}

/// When each event of these kinds was first told (UTC), by event key: the sweep tells each
/// event once.
pub fn first_told(
    conn: &mut DbConnection,
    kinds: &[NotificationKind],
) -> DbResult<HashMap<String, NaiveDateTime>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = notifications)]
    struct ToldRow {
        event_key: String,
        created_at: NaiveDateTime,
    }
    let rows = notifications::table
        .filter(notifications::kind.eq_any(kinds.iter().map(|k| k.code())))
        .select(ToldRow::as_select())
        .load(conn)?;
    let mut told: HashMap<String, NaiveDateTime> = HashMap::new();
    for row in rows {
        let first = told.entry(row.event_key).or_insert(row.created_at);
        *first = (*first).min(row.created_at);
    }
    Ok(told)
}

/// Who may be told, and how each chose to be told of each kind: read once by the sweep, which
/// tells many people many things.
#[derive(Debug, Default)]
pub struct Directory {
    names: HashMap<String, String>,
    chosen: HashMap<(String, String), Delivery>,
}

impl Directory {
    /// Of `people`, the active ones, and how each wants `kind`.
    pub fn deliveries(
        &self,
        people: &[PersonId],
        kind: NotificationKind,
    ) -> Vec<(PersonId, Delivery)> {
        let mut found: Vec<(PersonId, Delivery)> = people
            .iter()
            .filter(|person| self.names.contains_key(person.as_str()))
            .map(|person| {
                let key = (person.as_str().to_owned(), kind.code().to_owned());
                let delivery = self
                    .chosen
                    .get(&key)
                    .copied()
                    .unwrap_or(kind.default_delivery());
                (person.clone(), delivery)
            })
            .collect();
        found.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        found.dedup_by(|a, b| a.0 == b.0);
        found
    }

    /// The name of an active person, or their id if they are not.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }
}

pub fn directory(conn: &mut DbConnection) -> DbResult<Directory> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = people)]
    struct NameRow {
        id: String,
        display_name: String,
    }
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = notification_preferences)]
    struct ChoiceRow {
        person_id: String,
        kind: String,
        delivery: String,
    }
    let names = people::table
        .filter(people::active.eq(true))
        .select(NameRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|row| (row.id, row.display_name))
        .collect();
    let mut chosen = HashMap::new();
    for row in notification_preferences::table
        .select(ChoiceRow::as_select())
        .load(conn)?
    {
        let at = format!("the preferences of {}", row.person_id);
        let delivery = stored("delivery", at, &row.delivery, Delivery::parse)?;
        chosen.insert((row.person_id, row.kind), delivery);
    }
    Ok(Directory { names, chosen })
}
