//! Accounts, passwords, sessions, API tokens and calendar addresses: each change is written
//! with its security-log record, in one transaction.

use chrono::NaiveDateTime;

use super::security_log::record;
use super::{Acting, Operator, Outcome, Stop, in_transaction};
use crate::db::accounts::{AccountChange, AdminsCounted, PasswordChange};
use crate::db::{self, DbConnection, DbError, Writes};
use crate::domain::accounts::{
    Account, AccountFields, Actor, EventDetail, Permission, Role, SecurityEventKind,
};
use crate::domain::ids::{PersonId, TokenId};
use crate::domain::refusal::Refusal;
use crate::domain::{Email, FieldErrors};
use crate::error::AppError;

/// A password hash to set, and until when it may be used if it is a one-time password (to be
/// replaced at first sign-in).
#[derive(Debug, Clone, Copy)]
pub struct NewHash<'a> {
    pub hash: &'a str,
    pub one_time_until: Option<NaiveDateTime>,
}

/// Creates an account. Saved: its id.
pub fn create(
    conn: &mut DbConnection,
    by: Operator,
    fields: &AccountFields,
    password: NewHash,
) -> Result<Outcome<String>, AppError> {
    by.require(Permission::ManageAccounts)?;
    in_transaction(conn, Writes::Register, |conn| {
        let id =
            db::accounts::create_account(conn, fields, password.hash, password.one_time_until)?;
        let args = [("role", fields.role.code().to_owned())];
        let detail = EventDetail::message("detail-role", &args);
        let event = by.event(
            SecurityEventKind::AccountCreated,
            fields.email.as_str(),
            detail,
            ("detail-command-line-role", &args),
        );
        record(conn, &event)?;
        Ok(Outcome::Saved(id))
    })
}

/// Changes an account's role, whether it may sign in, or both, unless that would leave no
/// active administrator. A disabled account's sessions end and its tokens and calendar address
/// are revoked. Saved: the account as it was.
pub fn change(
    conn: &mut DbConnection,
    by: Operator,
    account_id: &PersonId,
    change: AccountChange,
) -> Result<Outcome<Account>, AppError> {
    by.require(Permission::ManageAccounts)?;
    in_transaction(conn, Writes::Register, |conn| {
        let before = db::accounts::change_account(conn, account_id, change)?;
        let subject = before.email.as_str();
        // A command records what it was told to do, even where that was so already.
        let asked = matches!(by, Operator::CommandLine);
        let role = change.role.unwrap_or(before.role);
        if before.role != role || (asked && change.role.is_some()) {
            let args = [
                ("before_role", before.role.code().to_owned()),
                ("after_role", role.code().to_owned()),
            ];
            let detail = EventDetail::message("detail-role-changed", &args);
            let command = ("detail-command-line-role-changed", &args[..]);
            record(
                conn,
                &by.event(SecurityEventKind::RoleChanged, subject, detail, command),
            )?;
        }
        let active = change.active.unwrap_or(before.active);
        if before.active != active || (asked && change.active.is_some()) {
            let kind = if active {
                SecurityEventKind::AccountEnabled
            } else {
                SecurityEventKind::AccountDisabled
            };
            let command = ("detail-command-line-plain", &[][..]);
            record(conn, &by.event(kind, subject, EventDetail::None, command))?;
        }
        Ok(Outcome::Saved(before))
    })
}

/// Gives an account a one-time password: every session of it ends and its tokens and calendar
/// address are revoked, since whoever held the old password may have made them.
pub fn reset_password(
    conn: &mut DbConnection,
    acting: &Acting,
    account: &Account,
    password: NewHash,
) -> Result<Outcome<()>, AppError> {
    acting.require(Permission::ManageAccounts)?;
    let one_time_until = password
        .one_time_until
        .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("a reset sets a one-time password")))?;
    in_transaction(conn, Writes::Register, |conn| {
        db::lock_register(conn)?;
        let change = PasswordChange::Reset { one_time_until };
        db::accounts::set_password(conn, &account.id, password.hash, change)?;
        let event = acting.event(
            SecurityEventKind::PasswordReset,
            account.email.as_str(),
            EventDetail::None,
        );
        record(conn, &event)?;
        Ok(Outcome::Saved(()))
    })
}

/// The holder changes their own password from the session with `session_digest`, which stays
/// signed in while their other sessions end.
pub fn change_own_password(
    conn: &mut DbConnection,
    acting: &Acting,
    session_digest: &str,
    hash: &str,
) -> Result<Outcome<()>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        let change = PasswordChange::ByHolder { session_digest };
        db::accounts::set_password(conn, &acting.actor.id, hash, change)?;
        let subject = acting.actor.email.as_str();
        let event = acting.event(
            SecurityEventKind::PasswordChanged,
            subject,
            EventDetail::None,
        );
        record(conn, &event)?;
        Ok(Outcome::Saved(()))
    })
}

/// On a register where no administrator can sign in, makes `email` one with a one-time
/// password: a new account, or the existing administrator's account with a new password.
/// Saved: whether it did; another instance starting at the same moment may have done it first.
pub fn ensure_first_administrator(
    conn: &mut DbConnection,
    email: &Email,
    password: NewHash,
) -> Result<Outcome<()>, AppError> {
    let one_time_until = password.one_time_until;
    in_transaction(conn, Writes::Register, |conn| {
        // Instances started at the same moment make one administrator: the first holds the
        // lock, the others then find it.
        db::lock_register(conn)?;
        if db::accounts::count_admins(conn, AdminsCounted::CanSignIn, None)? > 0 {
            return Ok(Outcome::Unchanged);
        }
        let kind = match db::accounts::find_account_by_email(conn, email) {
            Ok(account) if account.role == Role::Admin && account.active => {
                let one_time_until = one_time_until.ok_or_else(|| {
                    Stop::Failed(AppError::Unexpected(anyhow::anyhow!(
                        "the first administrator gets a one-time password"
                    )))
                })?;
                let change = PasswordChange::Reset { one_time_until };
                db::accounts::set_password(conn, &account.id, password.hash, change)?;
                SecurityEventKind::PasswordReset
            }
            // The address is someone else's, who is no administrator.
            Ok(_) => return Err(DbError::Refused(Refusal::EmailTaken).into()),
            Err(DbError::NotFound) => {
                let fields = AccountFields {
                    email: email.clone(),
                    name: "Administrator".to_owned(),
                    department: None,
                    role: Role::Admin,
                };
                db::accounts::create_account(conn, &fields, password.hash, one_time_until)?;
                SecurityEventKind::AccountCreated
            }
            Err(other) => return Err(other.into()),
        };
        let event = Operator::CommandLine.event(
            kind,
            email.as_str(),
            EventDetail::None,
            ("detail-command-line-first-administrator", &[]),
        );
        record(conn, &event)?;
        Ok(Outcome::Saved(()))
    })
}

/// What a new session is: the digest of its id, the token its forms carry, and the address it
/// signed in from.
#[derive(Debug, Clone, Copy)]
pub struct NewSession<'a> {
    pub digest: &'a str,
    pub csrf: &'a str,
    /// The digest of the session the browser held before, which ends.
    pub previous: Option<&'a str>,
    /// Sessions idle since, or started before, these times have lapsed and are cleared away.
    pub lapsed_before: (NaiveDateTime, NaiveDateTime),
}

/// Starts a session for someone whose password was checked, recorded as a sign-in.
pub fn sign_in(
    conn: &mut DbConnection,
    acting: &Acting,
    credentials_version: i32,
    session: NewSession,
) -> Result<Outcome<()>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        if let Some(previous) = session.previous {
            db::accounts::end_session(conn, previous)?;
        }
        let credentials = (session.digest, session.csrf, acting.ip.as_str());
        let actor = &acting.actor;
        db::accounts::start_session(
            conn,
            &actor.id,
            credentials_version,
            credentials,
            session.lapsed_before,
        )?;
        let event = acting.event(
            SecurityEventKind::SignIn,
            actor.email.as_str(),
            EventDetail::None,
        );
        record(conn, &event)?;
        Ok(Outcome::Saved(()))
    })
}

/// Ends a session (none for a token), recorded as a sign-out.
pub fn sign_out(
    conn: &mut DbConnection,
    acting: &Acting,
    session_digest: Option<&str>,
) -> Result<Outcome<()>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        if let Some(digest) = session_digest {
            db::accounts::end_session(conn, digest)?;
        }
        let subject = acting.actor.email.as_str();
        record(
            conn,
            &acting.event(SecurityEventKind::SignOut, subject, EventDetail::None),
        )?;
        Ok(Outcome::Saved(()))
    })
}

/// Records an API token for `holder` by its digest (the token itself is shown once and never
/// stored). `name` is as typed. Saved: the name as kept.
pub fn create_token(
    conn: &mut DbConnection,
    by: Operator,
    holder: &Actor,
    name: &str,
    token_digest: &str,
) -> Result<Outcome<String>, AppError> {
    // A token acts for its holder: only they, or whoever manages accounts, may make one.
    if let Operator::Person(acting) = by
        && acting.actor.id != holder.id
    {
        acting.require(Permission::ManageAccounts)?;
    }
    let name = match crate::domain::accounts::parse_display_name(name) {
        Ok(name) => name,
        Err(error) => return Ok(Outcome::Refused(FieldErrors::single("name", error))),
    };
    in_transaction(conn, Writes::AccessRecords, |conn| {
        db::accounts::create_token(conn, &holder.id, &name, token_digest)?;
        let event = by.event(
            SecurityEventKind::TokenCreated,
            holder.email.as_str(),
            EventDetail::Text(name.clone()),
            ("detail-command-line", &[("text", name.clone())]),
        );
        record(conn, &event)?;
        Ok(Outcome::Saved(name.clone()))
    })
}

/// Revokes one of the person's own tokens.
pub fn revoke_token(
    conn: &mut DbConnection,
    acting: &Acting,
    token_id: &TokenId,
) -> Result<Outcome<()>, AppError> {
    in_transaction(conn, Writes::AccessRecords, |conn| {
        let name = db::accounts::revoke_token(conn, &acting.actor.id, token_id)?;
        let subject = acting.actor.email.as_str();
        let event = acting.event(
            SecurityEventKind::TokenRevoked,
            subject,
            EventDetail::Text(name),
        );
        record(conn, &event)?;
        Ok(Outcome::Saved(()))
    })
}
