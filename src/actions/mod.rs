//! The action layer: every change of state in the register goes through one function here.
//!
//! An action takes who acts ([`Acting`]), what they asked for and, for edits, the version they
//! read. It checks the permission rules, writes the change, its history and, where the action
//! has one, its security-log record, all in one transaction, and says what happened as an
//! [`Outcome`]. Handlers (HTML and JSON) and the command line only translate to and from it;
//! none of them writes to the database around it.

pub mod accounts;
pub mod bulk;
pub mod calendar;
pub mod comments;
pub mod departments;
pub mod imports;
pub mod irritants;
pub mod milestones;
mod notices;
pub mod notifications;
pub mod progress;
pub mod reports;
pub mod saved_views;
pub mod security_log;
pub mod slips;
pub mod sources;
pub mod sweep;

use chrono::NaiveDate;

use crate::db::{self, DbConnection, DbError, Writes};
use crate::domain::accounts::{Actor, EventDetail, Permission, SecurityEvent, SecurityEventKind};
use crate::domain::history::HistoryEntry;
use crate::domain::ids::PersonId;
use crate::domain::{FieldError, FieldErrors, ReferenceData};
use crate::error::AppError;

/// Who acts, from where, and on which day (against which dates are judged).
#[derive(Debug, Clone)]
pub struct Acting {
    pub actor: Actor,
    /// The client's network address, which the security log records.
    pub ip: String,
    pub today: NaiveDate,
    /// Whether this server sends e-mail: without it, people are told in the application only,
    /// and nothing is queued for a mail server that does not exist.
    pub mail: bool,
}

impl Acting {
    /// Refuses the action unless the person's role holds `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.actor.may(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden("problem-forbidden"))
        }
    }

    /// Refuses, as a problem with the owner field, an owner change from `before` to `after`
    /// that this person may not make (see `Actor::check_owner_change`).
    fn owner_rule(
        &self,
        reference_data: &ReferenceData,
        before: Option<&PersonId>,
        after: Option<&PersonId>,
    ) -> Result<(), Stop> {
        self.actor
            .check_owner_change(reference_data, before, after)
            .map_err(Stop::Refused)
    }

    /// A security-log record of this person doing `kind` to `subject`.
    pub fn event(
        &self,
        kind: SecurityEventKind,
        subject: &str,
        detail: EventDetail,
    ) -> SecurityEvent {
        SecurityEvent {
            kind,
            actor_id: Some(self.actor.id.clone()),
            subject: subject.to_owned(),
            ip: self.ip.clone(),
            detail,
        }
    }
}

/// Who acts where the command line may act too: a signed-in person, or whoever runs a command
/// on the server (who holds the database already, so has every right, and is recorded as the
/// command line).
#[derive(Debug, Clone, Copy)]
pub enum Operator<'a> {
    Person(&'a Acting),
    CommandLine,
}

impl Operator<'_> {
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        match self {
            Operator::Person(acting) => acting.require(permission),
            Operator::CommandLine => Ok(()),
        }
    }

    /// The record of `kind` done to `subject`: with `detail` for a person, with the command
    /// line's message `command_key` and `args` for a command.
    pub fn event(
        &self,
        kind: SecurityEventKind,
        subject: &str,
        detail: EventDetail,
        (command_key, args): (&str, &[(&str, String)]),
    ) -> SecurityEvent {
        match self {
            Operator::Person(acting) => acting.event(kind, subject, detail),
            Operator::CommandLine => SecurityEvent {
                kind,
                actor_id: None,
                subject: subject.to_owned(),
                ip: String::new(),
                detail: EventDetail::message(command_key, args),
            },
        }
    }
}

/// What an action did.
#[derive(Debug)]
#[must_use]
pub enum Outcome<T> {
    /// The change was written, with its history and security-log record.
    Saved(T),
    /// What was asked for is what is stored already; nothing was written.
    Unchanged,
    /// A rule refused the input; nothing was written. Each problem is about a field.
    Refused(FieldErrors),
    /// Someone else changed the record since the person read it; nothing was written.
    Conflict(Conflict),
}

/// The other person's changes that an edit ran into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The version the person read.
    pub expected: i32,
    /// The version stored now.
    pub current: i32,
    /// What changed since `expected`, newest first, where the record keeps a history.
    pub changes: Vec<HistoryEntry>,
}

impl<T> Outcome<T> {
    /// The outcome of acting on input that had to be parsed first: refused with the parser's
    /// problems, or whatever the action made of the parsed value.
    pub fn after_parsing<P>(
        parsed: Result<P, FieldErrors>,
        act: impl FnOnce(P) -> Result<Outcome<T>, AppError>,
    ) -> Result<Outcome<T>, AppError> {
        match parsed {
            Ok(value) => act(value),
            Err(errors) => Ok(Outcome::Refused(errors)),
        }
    }

    /// Whether the change is stored (saved now, or there already): nothing to show again.
    pub fn is_done(&self) -> bool {
        matches!(self, Outcome::Saved(_) | Outcome::Unchanged)
    }

    /// For callers that answer a refusal or a conflict with an error (the JSON API, the
    /// command line): what was saved, if anything.
    pub fn into_result(self) -> Result<Option<T>, AppError> {
        match self {
            Outcome::Saved(value) => Ok(Some(value)),
            Outcome::Unchanged => Ok(None),
            Outcome::Refused(errors) => Err(AppError::Invalid(errors)),
            Outcome::Conflict(conflict) => Err(AppError::Conflict {
                expected: conflict.expected,
                current: conflict.current,
            }),
        }
    }
}

/// Why the work inside an action's transaction stopped; everything it wrote is rolled back.
#[derive(Debug)]
enum Stop {
    /// Nothing to write: the transaction ends without touching the register's generation.
    Unchanged,
    Refused(FieldErrors),
    Conflict {
        expected: i32,
        current: i32,
    },
    Db(DbError),
    Failed(AppError),
}

impl From<DbError> for Stop {
    fn from(error: DbError) -> Self {
        match error {
            DbError::Refused(refusal) => {
                let (field, error) = refusal.field_error();
                Stop::Refused(FieldErrors::single(field, error))
            }
            DbError::Conflict { expected, current } => Stop::Conflict { expected, current },
            other => Stop::Db(other),
        }
    }
}

impl From<diesel::result::Error> for Stop {
    fn from(error: diesel::result::Error) -> Self {
        DbError::from(error).into()
    }
}

impl From<AppError> for Stop {
    fn from(error: AppError) -> Self {
        Stop::Failed(error)
    }
}

impl Stop {
    /// A refusal of one field.
    fn field(field: &'static str, error: FieldError) -> Self {
        Stop::Refused(FieldErrors::single(field, error))
    }
}

/// Runs an action's writes in one write transaction. Work that stops, or finds nothing to
/// change, is rolled back whole. Two writers that both take the same new key (the first
/// irritant of a year, say) cannot both commit: the loser's work runs again (at most twice),
/// seeing the winner's row.
fn in_transaction<T>(
    conn: &mut DbConnection,
    writes: Writes,
    mut work: impl FnMut(&mut DbConnection) -> Result<Outcome<T>, Stop>,
) -> Result<Outcome<T>, AppError> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let result = db::write_transaction(conn, writes, |conn| match work(conn)? {
            Outcome::Unchanged => Err(Stop::Unchanged),
            outcome => Ok(outcome),
        });
        return match result {
            Ok(outcome) => Ok(outcome),
            Err(Stop::Unchanged) => Ok(Outcome::Unchanged),
            Err(Stop::Db(DbError::Query(error)))
                if attempts < 3 && db::is_unique_violation(&error) =>
            {
                continue;
            }
            Err(Stop::Db(error)) => Err(error.into()),
            Err(Stop::Refused(errors)) => Ok(Outcome::Refused(errors)),
            Err(Stop::Conflict { expected, current }) => Ok(Outcome::Conflict(Conflict {
                expected,
                current,
                changes: Vec::new(),
            })),
            Err(Stop::Failed(error)) => Err(error),
        };
    }
}
