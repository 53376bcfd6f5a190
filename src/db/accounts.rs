//! Accounts, sessions, API tokens and the security log.
//!
//! Account changes go through `write_transaction`: people are reference data, and the cache of
//! it must see them. Sessions, tokens and the log are written directly; they are not part of the
//! register, and writing them must not invalidate what was derived from it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{api_tokens, people, security_events, sessions};
use super::{DbConnection, DbError, DbResult, new_id, now, write_transaction};
use crate::auth;
use crate::domain::accounts::{
    Account, AccountFields, Actor, LoggedEvent, Refusal, Role, SecurityEvent, SecurityEventKind,
    TokenSummary,
};
use crate::domain::{Email, FieldError};

fn corrupt(what: &str, id: &str, error: FieldError) -> DbError {
    DbError::Corrupt(format!("{what} of {id}: {}", error.code))
}

fn parse_actor(id: String, email: &str, name: String, role: &str) -> DbResult<Actor> {
    Ok(Actor {
        email: Email::parse(email).map_err(|e| corrupt("e-mail address", &id, e))?,
        role: Role::parse(role).map_err(|e| corrupt("role", &id, e))?,
        id,
        name,
    })
}

/// What signing in needs to know about the account with an e-mail address.
pub struct SignInRecord {
    pub actor: Actor,
    pub password_hash: Option<String>,
    pub active: bool,
}

pub fn sign_in_record(conn: &mut DbConnection, email: &Email) -> DbResult<Option<SignInRecord>> {
    let row = people::table
        .filter(people::email.eq(email.as_str()))
        .select((
            people::id,
            people::email,
            people::display_name,
            people::role,
            people::password_hash,
            people::active,
        ))
        .first::<(String, String, String, String, Option<String>, bool)>(conn)
        .optional()?;
    row.map(|(id, email, name, role, password_hash, active)| {
        Ok(SignInRecord {
            actor: parse_actor(id, &email, name, &role)?,
            password_hash,
            active,
        })
    })
    .transpose()
}

/// Creates an account with a password hash. A person already recorded (as an owner, say) who
/// has never had a password becomes the account; one who has is refused as taken.
pub fn create_account(
    conn: &mut DbConnection,
    account: &AccountFields,
    password_hash: &str,
    must_change_password: bool,
) -> DbResult<String> {
    write_transaction(conn, |conn| {
        let existing = people::table
            .filter(people::email.eq(account.email.as_str()))
            .select((people::id, people::password_hash))
            .first::<(String, Option<String>)>(conn)
            .optional()?;
        match existing {
            Some((_, Some(_))) => Err(DbError::Refused(Refusal::EmailTaken)),
            Some((id, None)) => {
                diesel::update(people::table.find(&id))
                    .set((
                        people::display_name.eq(&account.name),
                        people::department_code.eq(account.department.as_deref()),
                        people::role.eq(account.role.code()),
                        people::password_hash.eq(password_hash),
                        people::must_change_password.eq(must_change_password),
                        people::active.eq(true),
                    ))
                    .execute(conn)?;
                Ok(id)
            }
            None => {
                let id = new_id();
                diesel::insert_into(people::table)
                    .values((
                        people::id.eq(&id),
                        people::email.eq(account.email.as_str()),
                        people::display_name.eq(&account.name),
                        people::department_code.eq(account.department.as_deref()),
                        people::active.eq(true),
                        people::created_at.eq(now()),
                        people::role.eq(account.role.code()),
                        people::password_hash.eq(password_hash),
                        people::must_change_password.eq(must_change_password),
                    ))
                    .execute(conn)?;
                Ok(id)
            }
        }
    })
}

type AccountRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    bool,
    Option<String>,
);

fn account_from(row: AccountRow) -> DbResult<Account> {
    let (id, email, name, department, role, active, password_hash) = row;
    Ok(Account {
        email: Email::parse(&email).map_err(|e| corrupt("e-mail address", &id, e))?,
        role: Role::parse(&role).map_err(|e| corrupt("role", &id, e))?,
        id,
        name,
        department,
        active,
        can_sign_in: password_hash.is_some(),
    })
}

macro_rules! account_columns {
    () => {
        (
            people::id,
            people::email,
            people::display_name,
            people::department_code,
            people::role,
            people::active,
            people::password_hash,
        )
    };
}

/// Every person, by name: accounts and people recorded only as owners.
pub fn list_accounts(conn: &mut DbConnection) -> DbResult<Vec<Account>> {
    people::table
        .order((people::display_name, people::email))
        .select(account_columns!())
        .load::<AccountRow>(conn)?
        .into_iter()
        .map(account_from)
        .collect()
}

pub fn find_account(conn: &mut DbConnection, id: &str) -> DbResult<Account> {
    people::table
        .find(id)
        .select(account_columns!())
        .first::<AccountRow>(conn)
        .optional()?
        .map_or(Err(DbError::NotFound), account_from)
}

pub fn find_account_by_email(conn: &mut DbConnection, email: &Email) -> DbResult<Account> {
    people::table
        .filter(people::email.eq(email.as_str()))
        .select(account_columns!())
        .first::<AccountRow>(conn)
        .optional()?
        .map_or(Err(DbError::NotFound), account_from)
}

/// How many active administrators can sign in.
pub fn active_admins(conn: &mut DbConnection) -> DbResult<i64> {
    Ok(people::table
        .filter(people::role.eq(Role::Admin.code()))
        .filter(people::active.eq(true))
        .filter(people::password_hash.is_not_null())
        .count()
        .get_result(conn)?)
}

/// Changes an account's role and whether it is active, unless that would leave no active
/// administrator. Returns the account as it was. A disabled account's sessions end at once.
pub fn set_role_and_active(
    conn: &mut DbConnection,
    id: &str,
    role: Role,
    active: bool,
) -> DbResult<Account> {
    write_transaction(conn, |conn| {
        let before = find_account(conn, id)?;
        let others = people::table
            .filter(people::role.eq(Role::Admin.code()))
            .filter(people::active.eq(true))
            .filter(people::id.ne(id))
            .filter(people::password_hash.is_not_null())
            .count()
            .get_result::<i64>(conn)?;
        if crate::domain::accounts::removes_last_admin(
            (before.role, before.active),
            (role, active),
            others,
        ) {
            return Err(DbError::Refused(Refusal::LastAdmin));
        }
        diesel::update(people::table.find(id))
            .set((people::role.eq(role.code()), people::active.eq(active)))
            .execute(conn)?;
        if !active {
            diesel::delete(sessions::table.filter(sessions::person_id.eq(id))).execute(conn)?;
        }
        Ok(before)
    })
}

/// Replaces a password. Every session of the account ends except `keep` (the one that made the
/// change, if it was the holder's own).
pub fn set_password(
    conn: &mut DbConnection,
    id: &str,
    password_hash: &str,
    must_change_password: bool,
    keep: Option<&str>,
) -> DbResult<()> {
    write_transaction(conn, |conn| {
        let updated = diesel::update(people::table.find(id))
            .set((
                people::password_hash.eq(password_hash),
                people::must_change_password.eq(must_change_password),
            ))
            .execute(conn)?;
        if updated == 0 {
            return Err(DbError::NotFound);
        }
        let others = sessions::table
            .filter(sessions::person_id.eq(id))
            .filter(sessions::id_hash.ne(keep.map(auth::digest).unwrap_or_default()));
        diesel::delete(others).execute(conn)?;
        Ok(())
    })
}

/// A signed-in session, as read on each request.
pub struct SessionRecord {
    pub actor: Actor,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub must_change_password: bool,
}

/// Starts a session and returns its id, which only the browser keeps; the database keeps its
/// digest. Sessions that have lapsed are cleared out at the same time.
pub fn start_session(
    conn: &mut DbConnection,
    person_id: &str,
    ip: &str,
    lapsed_before: NaiveDateTime,
) -> DbResult<String> {
    let id = auth::random_token();
    let at = now();
    diesel::delete(sessions::table.filter(sessions::last_seen_at.lt(lapsed_before)))
        .execute(conn)?;
    diesel::insert_into(sessions::table)
        .values((
            sessions::id_hash.eq(auth::digest(&id)),
            sessions::person_id.eq(person_id),
            sessions::csrf_token.eq(auth::random_token()),
            sessions::created_at.eq(at),
            sessions::last_seen_at.eq(at),
            sessions::ip.eq(ip),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The session with this id, if it exists and its account is active.
pub fn find_session(conn: &mut DbConnection, session_id: &str) -> DbResult<Option<SessionRecord>> {
    let row = sessions::table
        .inner_join(people::table)
        .filter(sessions::id_hash.eq(auth::digest(session_id)))
        .filter(people::active.eq(true))
        .select((
            people::id,
            people::email,
            people::display_name,
            people::role,
            people::must_change_password,
            sessions::csrf_token,
            sessions::created_at,
            sessions::last_seen_at,
        ))
        .first::<(
            String,
            String,
            String,
            String,
            bool,
            String,
            NaiveDateTime,
            NaiveDateTime,
        )>(conn)
        .optional()?;
    row.map(
        |(id, email, name, role, must_change_password, csrf_token, created_at, last_seen_at)| {
            Ok(SessionRecord {
                actor: parse_actor(id, &email, name, &role)?,
                csrf_token,
                created_at,
                last_seen_at,
                must_change_password,
            })
        },
    )
    .transpose()
}

/// Records that a session was used now, for the idle timeout.
pub fn touch_session(conn: &mut DbConnection, session_id: &str) -> DbResult<()> {
    diesel::update(sessions::table.find(auth::digest(session_id)))
        .set(sessions::last_seen_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

pub fn end_session(conn: &mut DbConnection, session_id: &str) -> DbResult<()> {
    diesel::delete(sessions::table.find(auth::digest(session_id))).execute(conn)?;
    Ok(())
}

/// Creates an API token for a person and returns it: the only time it is ever seen.
pub fn create_token(conn: &mut DbConnection, person_id: &str, name: &str) -> DbResult<String> {
    let token = auth::new_api_token();
    diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::id.eq(new_id()),
            api_tokens::person_id.eq(person_id),
            api_tokens::name.eq(name),
            api_tokens::token_hash.eq(auth::digest(&token)),
            api_tokens::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The person an unrevoked token of an active account acts for, with the token's id and when
/// it was last used.
pub fn find_token(
    conn: &mut DbConnection,
    token: &str,
) -> DbResult<Option<(Actor, String, Option<NaiveDateTime>)>> {
    let row = api_tokens::table
        .inner_join(people::table)
        .filter(api_tokens::token_hash.eq(auth::digest(token)))
        .filter(api_tokens::revoked_at.is_null())
        .filter(people::active.eq(true))
        .select((
            people::id,
            people::email,
            people::display_name,
            people::role,
            api_tokens::id,
            api_tokens::last_used_at,
        ))
        .first::<(
            String,
            String,
            String,
            String,
            String,
            Option<NaiveDateTime>,
        )>(conn)
        .optional()?;
    row.map(|(id, email, name, role, token_id, last_used)| {
        Ok((parse_actor(id, &email, name, &role)?, token_id, last_used))
    })
    .transpose()
}

pub fn touch_token(conn: &mut DbConnection, token_id: &str) -> DbResult<()> {
    diesel::update(api_tokens::table.find(token_id))
        .set(api_tokens::last_used_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// A person's tokens, newest first.
pub fn tokens_of(conn: &mut DbConnection, person_id: &str) -> DbResult<Vec<TokenSummary>> {
    Ok(api_tokens::table
        .filter(api_tokens::person_id.eq(person_id))
        .order((api_tokens::created_at.desc(), api_tokens::id))
        .select((
            api_tokens::id,
            api_tokens::name,
            api_tokens::created_at,
            api_tokens::last_used_at,
            api_tokens::revoked_at,
        ))
        .load::<(
            String,
            String,
            NaiveDateTime,
            Option<NaiveDateTime>,
            Option<NaiveDateTime>,
        )>(conn)?
        .into_iter()
        .map(
            |(id, name, created_at, last_used_at, revoked_at)| TokenSummary {
                id,
                name,
                created_at,
                last_used_at,
                revoked_at,
            },
        )
        .collect())
}

/// Revokes one of a person's own tokens; returns its name, or `NotFound` if they have no such
/// token still in force.
pub fn revoke_token(conn: &mut DbConnection, person_id: &str, token_id: &str) -> DbResult<String> {
    let name = api_tokens::table
        .filter(api_tokens::id.eq(token_id))
        .filter(api_tokens::person_id.eq(person_id))
        .filter(api_tokens::revoked_at.is_null())
        .select(api_tokens::name)
        .first::<String>(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    diesel::update(api_tokens::table.find(token_id))
        .set(api_tokens::revoked_at.eq(now()))
        .execute(conn)?;
    Ok(name)
}

pub fn record_event(conn: &mut DbConnection, event: &SecurityEvent) -> DbResult<()> {
    diesel::insert_into(security_events::table)
        .values((
            security_events::occurred_at.eq(now()),
            security_events::kind.eq(event.kind.code()),
            security_events::actor_id.eq(event.actor_id.as_deref()),
            security_events::subject.eq(&event.subject),
            security_events::ip.eq(&event.ip),
            security_events::detail.eq(&event.detail),
        ))
        .execute(conn)?;
    Ok(())
}

/// Who is counted when sign-in failures are counted.
pub enum FailuresOf<'a> {
    Account(&'a str),
    Address(&'a str),
}

/// How many sign-ins failed since `since` for an account or from an address, and when the
/// earliest of them was.
pub fn failures_since(
    conn: &mut DbConnection,
    of: FailuresOf,
    since: NaiveDateTime,
) -> DbResult<(i64, Option<NaiveDateTime>)> {
    let recent = security_events::table
        .filter(security_events::kind.eq(SecurityEventKind::SignInFailed.code()))
        .filter(security_events::occurred_at.gt(since))
        .into_boxed();
    let recent = match of {
        FailuresOf::Account(email) => recent.filter(security_events::subject.eq(email)),
        FailuresOf::Address(ip) => recent.filter(security_events::ip.eq(ip)),
    };
    Ok(recent
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(security_events::occurred_at),
        ))
        .first(conn)?)
}

/// A page of the security log, newest first, and how many entries it holds in all.
pub fn events(
    conn: &mut DbConnection,
    offset: i64,
    limit: i64,
) -> DbResult<(Vec<LoggedEvent>, i64)> {
    let total = security_events::table.count().get_result(conn)?;
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
        .load::<(
            NaiveDateTime,
            String,
            Option<String>,
            String,
            String,
            String,
        )>(conn)?;
    let events = rows
        .into_iter()
        .map(|(occurred_at, kind, actor_name, subject, ip, detail)| {
            Ok(LoggedEvent {
                kind: SecurityEventKind::parse(&kind)
                    .map_err(|e| corrupt("security event kind", &kind, e))?,
                occurred_at,
                actor_name,
                subject,
                ip,
                detail,
            })
        })
        .collect::<DbResult<_>>()?;
    Ok((events, total))
}
