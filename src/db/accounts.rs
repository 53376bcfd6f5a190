//! Accounts, sessions, API tokens and sign-in attempts (whose refusals the security log counts).
//!
//! Changes to accounts, sessions and tokens are written inside the transaction of the action
//! that makes them (see `actions::accounts`). The use of a session or token and sign-in
//! attempts are bookkeeping, written directly.
//! Secrets never reach this module: sessions and tokens are stored and found by their digests.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{api_tokens, people, security_events, sessions, sign_in_attempts};
use super::{DbConnection, DbError, DbResult, new_id, now, stored};
use crate::domain::Email;
use crate::domain::accounts::{
    Account, AccountFields, Actor, Failures, RecentFailures, Role, SecurityEventKind, TokenSummary,
    removes_last_admin,
};
use crate::domain::ids::{PersonId, TokenId};
use crate::domain::refusal::Refusal;

fn parse_actor(id: String, email: &str, name: String, role: &str) -> DbResult<Actor> {
    let row = format_args!("person {id}");
    Ok(Actor {
        email: stored("e-mail address", row, email, Email::parse)?,
        role: stored("role", row, role, Role::parse)?,
        id: id.into(),
        name,
    })
}

/// What signing in needs to know about the account with an e-mail address.
pub struct SignInRecord {
    pub actor: Actor,
    pub password_hash: Option<String>,
    pub active: bool,
    /// When a one-time password stops working.
    pub password_expires_at: Option<NaiveDateTime>,
    /// Which password this is: a session opened with it lasts only while it is current.
    pub credentials_version: i32,
}

pub fn sign_in_record(conn: &mut DbConnection, email: &Email) -> DbResult<Option<SignInRecord>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = people)]
    struct SignInRow {
        id: String,
        email: String,
        display_name: String,
        role: String,
        password_hash: Option<String>,
        active: bool,
        password_expires_at: Option<NaiveDateTime>,
        credentials_version: i32,
    }
    let row = people::table
        .filter(people::email.eq(email.as_str()))
        .select(SignInRow::as_select())
        .first(conn)
        .optional()?;
    row.map(|person| {
        Ok(SignInRecord {
            actor: parse_actor(person.id, &person.email, person.display_name, &person.role)?,
            password_hash: person.password_hash,
            active: person.active,
            password_expires_at: person.password_expires_at,
            credentials_version: person.credentials_version,
        })
    })
    .transpose()
}

/// Creates an account with a password hash; `one_time_until` marks a one-time password, to be
/// replaced at first sign-in and unusable after that time. A person already recorded (as an
/// owner, say) who has never had a password becomes the account; one who has is refused.
pub fn create_account(
    conn: &mut DbConnection,
    account: &AccountFields,
    password_hash: &str,
    one_time_until: Option<NaiveDateTime>,
) -> DbResult<String> {
    let values = (
        people::display_name.eq(account.name.clone()),
        people::department_code.eq(account.department.clone()),
        people::role.eq(account.role.code()),
        people::password_hash.eq(password_hash.to_owned()),
        people::must_change_password.eq(one_time_until.is_some()),
        people::password_expires_at.eq(one_time_until),
        people::active.eq(true),
    );
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = people)]
    struct ExistingPersonRow {
        id: String,
        password_hash: Option<String>,
    }
    let existing = people::table
        .filter(people::email.eq(account.email.as_str()))
        .select(ExistingPersonRow::as_select())
        .first(conn)
        .optional()?;
    match existing {
        Some(ExistingPersonRow {
            password_hash: Some(_),
            ..
        }) => Err(DbError::Refused(Refusal::EmailTaken)),
        Some(ExistingPersonRow {
            id,
            password_hash: None,
        }) => {
            diesel::update(people::table.find(&id))
                .set(values)
                .execute(conn)?;
            Ok(id)
        }
        None => {
            let id = new_id();
            diesel::insert_into(people::table)
                .values((
                    people::id.eq(&id),
                    people::email.eq(account.email.as_str()),
                    people::created_at.eq(now()),
                    values,
                ))
                .execute(conn)?;
            Ok(id)
        }
    }
}

/// A person as an account, as the accounts' queries read them.
#[derive(Queryable, Selectable)]
#[diesel(table_name = people)]
struct AccountRow {
    id: String,
    email: String,
    display_name: String,
    department_code: Option<String>,
    role: String,
    active: bool,
    password_hash: Option<String>,
}

fn account_from(person: AccountRow) -> DbResult<Account> {
    let row = format_args!("person {}", person.id);
    Ok(Account {
        email: stored("e-mail address", row, &person.email, Email::parse)?,
        role: stored("role", row, &person.role, Role::parse)?,
        id: person.id.into(),
        name: person.display_name,
        department: person.department_code,
        active: person.active,
        can_sign_in: person.password_hash.is_some(),
    })
}

/// Every person, by name: accounts and people recorded only as owners.
pub fn list_accounts(conn: &mut DbConnection) -> DbResult<Vec<Account>> {
    people::table
        .order((people::display_name, people::email))
        .select(AccountRow::as_select())
        .load(conn)?
        .into_iter()
        .map(account_from)
        .collect()
}

pub fn find_account(conn: &mut DbConnection, id: &PersonId) -> DbResult<Account> {
    people::table
        .find(id)
        .select(AccountRow::as_select())
        .first(conn)
        .optional()?
        .map_or(Err(DbError::NotFound), account_from)
}

pub fn find_account_by_email(conn: &mut DbConnection, email: &Email) -> DbResult<Account> {
    people::table
        .filter(people::email.eq(email.as_str()))
        .select(AccountRow::as_select())
        .first(conn)
        .optional()?
        .map_or(Err(DbError::NotFound), account_from)
}

/// Which administrators count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminsCounted {
    /// Those who can sign in now, including with a one-time password not yet lapsed.
    CanSignIn,
    /// Those who have chosen their own password: a one-time password may lapse unused.
    Established,
}

/// How many active administrators there are, not counting `except`.
pub fn count_admins(
    conn: &mut DbConnection,
    counted: AdminsCounted,
    except: Option<&PersonId>,
) -> DbResult<i64> {
    let mut query = people::table
        .filter(people::role.eq(Role::Admin.code()))
        .filter(people::active.eq(true))
        .filter(people::password_hash.is_not_null())
        .filter(
            people::password_expires_at
                .is_null()
                .or(people::password_expires_at.gt(now())),
        )
        .into_boxed();
    if let Some(id) = except {
        query = query.filter(people::id.ne(id.as_str()));
    }
    if counted == AdminsCounted::Established {
        query = query.filter(people::must_change_password.eq(false));
    }
    Ok(query.count().get_result(conn)?)
}

/// A change to an account's role, whether it is active, or both.
#[derive(Debug, Clone, Copy, Default)]
pub struct AccountChange {
    pub role: Option<Role>,
    pub active: Option<bool>,
}

/// Changes an account, unless that would leave no active administrator; returns the account
/// as it was. What is not being changed is read inside the transaction, so that a concurrent
/// change to it is not undone. A disabled account's sessions end and its tokens are revoked.
pub fn change_account(
    conn: &mut DbConnection,
    id: &PersonId,
    change: AccountChange,
) -> DbResult<Account> {
    // Two administrators demoting each other at once would each see the other still in
    // place: they go one by one.
    super::lock_register(conn)?;
    let before = find_account(conn, id)?;
    let role = change.role.unwrap_or(before.role);
    let active = change.active.unwrap_or(before.active);
    let others = count_admins(conn, AdminsCounted::Established, Some(id))?;
    if removes_last_admin((before.role, before.active), (role, active), others) {
        return Err(DbError::Refused(Refusal::LastAdmin));
    }
    diesel::update(people::table.find(id))
        .set((people::role.eq(role.code()), people::active.eq(active)))
        .execute(conn)?;
    if !active {
        end_sessions_and_tokens(conn, id, None)?;
    } else if !before.active {
        // Re-enabled: failures from before do not hold the account back.
        forget_attempts_of(conn, before.email.as_str())?;
    }
    Ok(before)
}

/// Ends every session of an account but `keep` (a session digest), revokes its tokens and
/// its calendar address: an account disabled or reset after a suspected compromise must not
/// come back with an old secret still working.
fn end_sessions_and_tokens(
    conn: &mut DbConnection,
    person_id: &PersonId,
    keep: Option<&str>,
) -> DbResult<()> {
    diesel::delete(
        sessions::table
            .filter(sessions::person_id.eq(person_id))
            .filter(sessions::id_hash.ne(keep.unwrap_or_default())),
    )
    .execute(conn)?;
    diesel::update(
        api_tokens::table
            .filter(api_tokens::person_id.eq(person_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(now()))
    .execute(conn)?;
    super::calendar::revoke(conn, person_id)?;
    Ok(())
}

/// How a password is being replaced.
pub enum PasswordChange<'a> {
    /// By its holder, from the session with this digest, which stays signed in; their other
    /// sessions end. Their tokens stay: they made them.
    ByHolder { session_digest: &'a str },
    /// By an administrator, with a one-time password usable until the given time: every
    /// session of the account ends and its tokens are revoked, since whoever held the old
    /// password may have made them.
    Reset { one_time_until: NaiveDateTime },
    /// Demonstration accounts, whose passwords are set afresh at each start.
    Demo,
}

pub fn set_password(
    conn: &mut DbConnection,
    id: &PersonId,
    password_hash: &str,
    change: PasswordChange,
) -> DbResult<()> {
    let one_time_until = match change {
        PasswordChange::Reset { one_time_until } => Some(one_time_until),
        _ => None,
    };
    let updated = diesel::update(people::table.find(id))
        .set((
            people::password_hash.eq(password_hash),
            people::must_change_password.eq(one_time_until.is_some()),
            people::password_expires_at.eq(one_time_until),
            people::credentials_version.eq(people::credentials_version + 1),
        ))
        .execute(conn)?;
    if updated == 0 {
        return Err(DbError::NotFound);
    }
    match change {
        PasswordChange::ByHolder { session_digest } => {
            diesel::delete(
                sessions::table
                    .filter(sessions::person_id.eq(id))
                    .filter(sessions::id_hash.ne(session_digest)),
            )
            .execute(conn)?;
            // The session that made the change goes on, under the new password.
            let version = people::table
                .find(id)
                .select(people::credentials_version)
                .first::<i32>(conn)?;
            diesel::update(sessions::table.find(session_digest))
                .set(sessions::credentials_version.eq(version))
                .execute(conn)?;
        }
        PasswordChange::Reset { .. } => {
            end_sessions_and_tokens(conn, id, None)?;
            let email = people::table
                .find(id)
                .select(people::email)
                .first::<String>(conn)?;
            forget_attempts_of(conn, &email)?;
        }
        PasswordChange::Demo => {}
    }
    Ok(())
}

/// A signed-in session, as read on each request.
pub struct SessionRecord {
    pub actor: Actor,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub must_change_password: bool,
}

/// Records a new session by the digest of its id. Sessions that have lapsed (idle since
/// `idle_before`, or started before `started_before`) are cleared out at the same time.
pub fn start_session(
    conn: &mut DbConnection,
    person_id: &PersonId,
    credentials_version: i32,
    (id_digest, csrf_token, ip): (&str, &str, &str),
    (idle_before, started_before): (NaiveDateTime, NaiveDateTime),
) -> DbResult<()> {
    let at = now();
    diesel::delete(
        sessions::table.filter(
            sessions::last_seen_at
                .lt(idle_before)
                .or(sessions::created_at.lt(started_before)),
        ),
    )
    .execute(conn)?;
    diesel::insert_into(sessions::table)
        .values((
            sessions::id_hash.eq(id_digest),
            sessions::person_id.eq(person_id),
            sessions::csrf_token.eq(csrf_token),
            sessions::created_at.eq(at),
            sessions::last_seen_at.eq(at),
            sessions::ip.eq(ip),
            sessions::credentials_version.eq(credentials_version),
        ))
        .execute(conn)?;
    Ok(())
}

/// The session with this digest, if it exists, its account is active, its password has not
/// changed since, and that password is not a one-time password that has lapsed.
pub fn find_session(conn: &mut DbConnection, id_digest: &str) -> DbResult<Option<SessionRecord>> {
    #[derive(Queryable)]
    struct SessionRow {
        person_id: String,
        email: String,
        display_name: String,
        role: String,
        must_change_password: bool,
        csrf_token: String,
        created_at: NaiveDateTime,
        last_seen_at: NaiveDateTime,
    }
    let row = sessions::table
        .inner_join(people::table)
        .filter(sessions::id_hash.eq(id_digest))
        .filter(people::active.eq(true))
        .filter(sessions::credentials_version.eq(people::credentials_version))
        .filter(
            people::password_expires_at
                .is_null()
                .or(people::password_expires_at.gt(now())),
        )
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
        .first::<SessionRow>(conn)
        .optional()?;
    row.map(|session| {
        Ok(SessionRecord {
            actor: parse_actor(
                session.person_id,
                &session.email,
                session.display_name,
                &session.role,
            )?,
            csrf_token: session.csrf_token,
            created_at: session.created_at,
            last_seen_at: session.last_seen_at,
            must_change_password: session.must_change_password,
        })
    })
    .transpose()
}

/// Records that a session was used now, for the idle timeout.
pub fn touch_session(conn: &mut DbConnection, id_digest: &str) -> DbResult<()> {
    diesel::update(sessions::table.find(id_digest))
        .set(sessions::last_seen_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

pub fn end_session(conn: &mut DbConnection, id_digest: &str) -> DbResult<()> {
    diesel::delete(sessions::table.find(id_digest)).execute(conn)?;
    Ok(())
}

/// Records an API token, by its digest, for a person.
pub fn create_token(
    conn: &mut DbConnection,
    person_id: &PersonId,
    name: &str,
    token_digest: &str,
) -> DbResult<()> {
    diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::id.eq(new_id()),
            api_tokens::person_id.eq(person_id),
            api_tokens::name.eq(name),
            api_tokens::token_hash.eq(token_digest),
            api_tokens::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The person an unrevoked token acts for, with the token's id and when it was last used. The
/// account must be active and not waiting for a one-time password to be replaced.
pub fn find_token(
    conn: &mut DbConnection,
    token_digest: &str,
) -> DbResult<Option<(Actor, TokenId, Option<NaiveDateTime>)>> {
    #[derive(Queryable)]
    struct TokenHolderRow {
        person_id: String,
        email: String,
        display_name: String,
        role: String,
        token_id: String,
        last_used_at: Option<NaiveDateTime>,
    }
    let row = api_tokens::table
        .inner_join(people::table)
        .filter(api_tokens::token_hash.eq(token_digest))
        .filter(api_tokens::revoked_at.is_null())
        .filter(people::active.eq(true))
        .filter(people::must_change_password.eq(false))
        .select((
            people::id,
            people::email,
            people::display_name,
            people::role,
            api_tokens::id,
            api_tokens::last_used_at,
        ))
        .first::<TokenHolderRow>(conn)
        .optional()?;
    row.map(|holder| {
        let actor = parse_actor(
            holder.person_id,
            &holder.email,
            holder.display_name,
            &holder.role,
        )?;
        Ok((actor, holder.token_id.into(), holder.last_used_at))
    })
    .transpose()
}

pub fn touch_token(conn: &mut DbConnection, token_id: &TokenId) -> DbResult<()> {
    diesel::update(api_tokens::table.find(token_id))
        .set(api_tokens::last_used_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// The attempts still counted since `since`, not counting `except` (an attempt's own row).
pub fn recent_failures(
    conn: &mut DbConnection,
    subject: &str,
    ip: &str,
    since: NaiveDateTime,
    except: Option<&str>,
) -> DbResult<RecentFailures> {
    /// How many attempts are counted, and when the earliest of them was made.
    #[derive(Queryable)]
    struct FailuresRow {
        count: i64,
        earliest: Option<NaiveDateTime>,
    }
    let counted = || {
        sign_in_attempts::table
            .filter(sign_in_attempts::id.ne(except.unwrap_or_default().to_owned()))
            .filter(sign_in_attempts::attempted_at.gt(since))
            .select((
                diesel::dsl::count_star(),
                diesel::dsl::min(sign_in_attempts::attempted_at),
            ))
            .into_boxed()
    };
    let failures = |row: FailuresRow| Failures {
        count: row.count,
        earliest: row.earliest,
    };
    Ok(RecentFailures {
        account: counted()
            .filter(sign_in_attempts::subject.eq(subject))
            .first(conn)
            .map(failures)?,
        account_from_address: counted()
            .filter(sign_in_attempts::subject.eq(subject))
            .filter(sign_in_attempts::ip.eq(ip))
            .first(conn)
            .map(failures)?,
        address: counted()
            .filter(sign_in_attempts::ip.eq(ip))
            .first(conn)
            .map(failures)?,
    })
}

/// Records a sign-in attempt before its password is checked, committed on its own so that of
/// simultaneous attempts each sees those recorded before it. Attempts older than the window
/// are cleared out first.
pub fn record_attempt(
    conn: &mut DbConnection,
    subject: &str,
    ip: &str,
    window_start: NaiveDateTime,
) -> DbResult<String> {
    diesel::delete(sign_in_attempts::table.filter(sign_in_attempts::attempted_at.le(window_start)))
        .execute(conn)?;
    let id = new_id();
    diesel::insert_into(sign_in_attempts::table)
        .values((
            sign_in_attempts::id.eq(&id),
            sign_in_attempts::subject.eq(subject),
            sign_in_attempts::ip.eq(ip),
            sign_in_attempts::attempted_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Stops counting an attempt: it succeeded, or it was refused without checking a password.
pub fn forget_attempt(conn: &mut DbConnection, id: &str) -> DbResult<()> {
    diesel::delete(sign_in_attempts::table.find(id)).execute(conn)?;
    Ok(())
}

/// Stops counting an account's failures (by the e-mail address they were counted against): an
/// administrator reset its password or enabled it.
pub fn forget_attempts_of(conn: &mut DbConnection, subject: &str) -> DbResult<()> {
    diesel::delete(sign_in_attempts::table.filter(sign_in_attempts::subject.eq(subject)))
        .execute(conn)?;
    Ok(())
}

/// Whether a refusal for this account and address was logged since `since`: it is logged once
/// per window, not once per refused attempt, so that a loop of refused attempts cannot flood
/// the security log.
pub fn throttle_logged_since(
    conn: &mut DbConnection,
    subject: &str,
    ip: &str,
    since: NaiveDateTime,
) -> DbResult<bool> {
    let logged = security_events::table
        .filter(security_events::kind.eq(SecurityEventKind::SignInThrottled.code()))
        .filter(security_events::subject.eq(subject))
        .filter(security_events::occurred_at.gt(since))
        .filter(security_events::ip.eq(ip))
        .count()
        .get_result::<i64>(conn)?;
    Ok(logged > 0)
}

pub fn tokens_of(conn: &mut DbConnection, person_id: &PersonId) -> DbResult<Vec<TokenSummary>> {
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = api_tokens)]
    struct TokenRow {
        id: String,
        name: String,
        created_at: NaiveDateTime,
        last_used_at: Option<NaiveDateTime>,
        revoked_at: Option<NaiveDateTime>,
    }
    Ok(api_tokens::table
        .filter(api_tokens::person_id.eq(person_id))
        .order((api_tokens::created_at.desc(), api_tokens::id))
        .select(TokenRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|token| TokenSummary {
            id: token.id.into(),
            name: token.name,
            created_at: token.created_at,
            last_used_at: token.last_used_at,
            revoked_at: token.revoked_at,
        })
        .collect())
}

/// Revokes one of a person's own tokens; returns its name, or `NotFound` if they have no such
/// token still in force.
pub fn revoke_token(
    conn: &mut DbConnection,
    person_id: &PersonId,
    token_id: &TokenId,
) -> DbResult<String> {
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
