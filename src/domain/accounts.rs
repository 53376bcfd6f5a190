//! Accounts and what each may do: roles, permissions, the password policy, and the kinds of
//! event the security log records.

use chrono::{NaiveDateTime, TimeDelta};

use super::classification::vocabulary;
use super::ids::{PersonId, TokenId};
use super::people::{Email, ReferenceData};
use super::validation::{FieldError, FieldErrors};

vocabulary!(
    /// What a person may do; each role may do everything the roles before it may.
    Role, prefix = "role" {
        Viewer => "viewer",
        Officer => "officer",
        Manager => "manager",
        Admin => "admin",
    }
);

/// Something that needs more than being signed in (which lets anyone read every page, list
/// and export, and manage their own password and tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Record and edit irritants, progress updates and milestones.
    EditIrritants,
    /// Make someone other than oneself the owner of an irritant.
    AssignOwners,
    /// Add and rename departments.
    ManageReferenceLists,
    /// Create accounts, change roles, disable accounts, read the security log.
    ManageAccounts,
    /// Issue a progress report: freeze it as handed out.
    IssueReports,
    /// Delete an issued report (recorded in the security log).
    DeleteIssuedReports,
    /// Delete someone else's comment (one's own may always be deleted).
    ModerateComments,
    /// Follow every irritant of a lead department or a counterpart.
    FollowScopes,
    /// Approve or reject moving a pressing irritant's target date later.
    ApproveDateSlips,
    /// See the e-mail queue and its failures, and send a message again.
    ManageNotifications,
}

impl Permission {
    /// The least role that holds this permission.
    pub fn least_role(self) -> Role {
        match self {
            Permission::EditIrritants | Permission::IssueReports => Role::Officer,
            Permission::AssignOwners
            | Permission::ManageReferenceLists
            | Permission::ModerateComments
            | Permission::FollowScopes
            | Permission::ApproveDateSlips => Role::Manager,
            Permission::ManageAccounts
            | Permission::DeleteIssuedReports
            | Permission::ManageNotifications => Role::Admin,
        }
    }
}

impl Role {
    pub fn may(self, permission: Permission) -> bool {
        self >= permission.least_role()
    }
}

/// The signed-in person a request acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: PersonId,
    pub email: Email,
    pub name: String,
    pub role: Role,
}

impl Actor {
    pub fn may(&self, permission: Permission) -> bool {
        self.role.may(permission)
    }

    /// Whether this person may change an irritant's owner from `before` to `after`: anyone
    /// who edits may leave it as it is or take it on themselves; only managers assign others.
    pub fn may_assign_owner(&self, before: Option<&PersonId>, after: Option<&PersonId>) -> bool {
        before == after || self.may(Permission::AssignOwners) || after == Some(&self.id)
    }

    /// Refuses an owner change (of an irritant or a milestone) this person may not make, or
    /// one to a disabled account, as a problem with the owner field.
    pub fn check_owner_change(
        &self,
        reference_data: &ReferenceData,
        before: Option<&PersonId>,
        after: Option<&PersonId>,
    ) -> Result<(), FieldErrors> {
        let problem = if !self.may_assign_owner(before, after) {
            "owner-needs-manager"
        } else if !reference_data.may_become_owner(before, after) {
            "person-inactive"
        } else {
            return Ok(());
        };
        Err(FieldErrors::single("owner", FieldError::new(problem)))
    }
}

/// A password someone has chosen, accepted only if it is long enough and hard to guess.
/// Its text is never shown, logged or stored; only its hash is.
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    /// `context` holds what an attacker would try first: the person's e-mail address and name.
    pub fn parse(raw: &str, context: &[&str]) -> Result<Self, FieldError> {
        let length = raw.chars().count();
        if length == 0 {
            return Err(FieldError::new("required"));
        }
        if length < Self::MIN_CHARS {
            return Err(FieldError::new("password-too-short").with("min", Self::MIN_CHARS));
        }
        if length > Self::MAX_CHARS {
            return Err(FieldError::new("password-too-long").with("max", Self::MAX_CHARS));
        }
        let mut hints: Vec<String> = ["irritrack", "canada", "trade", "irritant"]
            .map(String::from)
            .to_vec();
        for item in context {
            hints.push(item.to_lowercase());
            hints.push(item.to_lowercase().replace([' ', '-', '.'], ""));
            hints.extend(item.split(['@', '.', ' ']).map(str::to_lowercase));
        }
        let hints: Vec<&str> = hints.iter().map(String::as_str).collect();
        if u8::from(zxcvbn::zxcvbn(raw, &hints).score()) < 3 {
            return Err(FieldError::new("password-too-common"));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

/// A new account as an administrator (or the command line) gave it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AccountInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub department_code: String,
    #[serde(default)]
    pub role: String,
}

/// A new account, checked.
#[derive(Debug, Clone)]
pub struct AccountFields {
    pub email: Email,
    pub name: String,
    pub department: Option<String>,
    pub role: Role,
}

impl AccountInput {
    pub fn parse(&self, reference_data: &ReferenceData) -> Result<AccountFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = errors.check("email", Email::parse(&self.email));
        let name = errors.check("name", parse_display_name(&self.name));
        let department = errors.check(
            "department_code",
            reference_data.parse_department(&self.department_code),
        );
        let role = errors.check("role", Role::parse(&self.role));
        match (email, name, department, role) {
            (Some(email), Some(name), Some(department), Some(role)) if errors.is_empty() => {
                Ok(AccountFields {
                    email,
                    name,
                    department,
                    role,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A display name: trimmed, one line, 1 to 100 characters.
pub fn parse_display_name(raw: &str) -> Result<String, FieldError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(FieldError::new("required"));
    }
    if name.chars().count() > 100 {
        return Err(FieldError::new("too-long").with("max", 100));
    }
    if name.chars().any(char::is_control) {
        return Err(FieldError::new("one-line"));
    }
    Ok(name.to_owned())
}

/// Whether a change leaves the register without an active administrator. `others` counts the
/// active administrators other than the account being changed.
pub fn removes_last_admin(was: (Role, bool), becomes: (Role, bool), others: i64) -> bool {
    let is_admin = |(role, active): (Role, bool)| role == Role::Admin && active;
    is_admin(was) && !is_admin(becomes) && others == 0
}

/// An account as administrators see it.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: PersonId,
    pub email: Email,
    pub name: String,
    pub department: Option<String>,
    pub role: Role,
    pub active: bool,
    /// False for people recorded only as owners, who have never been given a password.
    pub can_sign_in: bool,
}

impl Account {
    /// The account's holder, as someone who acts.
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.id.clone(),
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role,
        }
    }
}

vocabulary!(
    /// What the security log records.
    SecurityEventKind, prefix = "security-event" {
        SignIn => "sign_in",
        SignInFailed => "sign_in_failed",
        SignInThrottled => "sign_in_throttled",
        SignOut => "sign_out",
        AccessRefused => "access_refused",
        AccountCreated => "account_created",
        RoleChanged => "role_changed",
        AccountDisabled => "account_disabled",
        AccountEnabled => "account_enabled",
        PasswordChanged => "password_changed",
        PasswordReset => "password_reset",
        TokenCreated => "token_created",
        TokenRevoked => "token_revoked",
        DepartmentAdded => "department_added",
        DepartmentRenamed => "department_renamed",
        SourceRemoved => "source_removed",
        Exported => "exported",
        ReportIssued => "report_issued",
        ReportDeleted => "report_deleted",
        CalendarFeedCreated => "calendar_feed_created",
        CalendarFeedRevoked => "calendar_feed_revoked",
        MailRetried => "mail_retried",
        Unsubscribed => "unsubscribed",
        CommentDeleted => "comment_deleted",
        ViewDeleted => "view_deleted",
    }
);

/// One entry of the security log, as recorded.
#[derive(Debug, Clone)]
pub struct SecurityEvent {
    pub kind: SecurityEventKind,
    /// Who acted, when known.
    pub actor_id: Option<PersonId>,
    /// The account or address concerned.
    pub subject: String,
    pub ip: String,
    pub detail: EventDetail,
}

/// What an entry of the security log says beyond its kind: nothing; a message of the
/// catalogue with its values, so that each administrator reads it in their language; or text a
/// person typed (a token's name, a department's names), shown as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventDetail {
    None,
    Message {
        key: String,
        args: Vec<(String, String)>,
    },
    Text(String),
}

/// A message as the log keeps it.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredMessage {
    message: String,
    #[serde(default)]
    args: Vec<(String, String)>,
}

impl EventDetail {
    pub fn message(key: &str, args: &[(&str, String)]) -> Self {
        EventDetail::Message {
            key: key.to_owned(),
            args: args
                .iter()
                .map(|(name, value)| ((*name).to_owned(), value.clone()))
                .collect(),
        }
    }

    /// How the log keeps it: a message as `{"message": key, "args": [[name, value], ...]}`,
    /// text as typed.
    pub fn stored(&self) -> String {
        match self {
            EventDetail::None => String::new(),
            EventDetail::Message { key, args } => serde_json::to_string(&StoredMessage {
                message: key.clone(),
                args: args.clone(),
            })
            .unwrap_or_default(),
            EventDetail::Text(text) => text.clone(),
        }
    }

    pub fn from_stored(stored: &str) -> Self {
        if stored.is_empty() {
            return EventDetail::None;
        }
        if let Ok(StoredMessage { message, args }) = serde_json::from_str(stored) {
            return EventDetail::Message { key: message, args };
        }
        // Entries recorded before details were messages: a refusal kept its message's key.
        if stored.starts_with("problem-") && !stored.contains(' ') {
            return EventDetail::Message {
                key: stored.to_owned(),
                args: Vec::new(),
            };
        }
        EventDetail::Text(stored.to_owned())
    }
}

/// An entry of the security log, as read back for administrators.
#[derive(Debug, Clone)]
pub struct LoggedEvent {
    pub occurred_at: NaiveDateTime,
    pub kind: SecurityEventKind,
    pub actor_name: Option<String>,
    pub subject: String,
    pub ip: String,
    pub detail: EventDetail,
}

/// An API token as its owner sees it: never the token itself.
#[derive(Debug, Clone)]
pub struct TokenSummary {
    pub id: TokenId,
    pub name: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// How sign-in failures are answered: slowed down, then refused for a while.
#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    pub window: TimeDelta,
    pub slow_down_after: i64,
    pub delay_ms: u64,
    pub account_lockout_after: i64,
    pub address_lockout_after: i64,
}

/// Recent sign-in failures: how many, and when the earliest was.
#[derive(Debug, Clone, Copy, Default)]
pub struct Failures {
    pub count: i64,
    pub earliest: Option<NaiveDateTime>,
}

/// Recent sign-in failures: for an account from anywhere, for that account from one address,
/// and from one address for any account.
#[derive(Debug, Clone, Copy, Default)]
pub struct RecentFailures {
    pub account: Failures,
    pub account_from_address: Failures,
    pub address: Failures,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttle {
    /// Try, after waiting this long.
    Allow { delay_ms: u64 },
    /// Do not try; come back after this many seconds.
    Refuse { retry_after_secs: u64 },
}

impl ThrottlePolicy {
    /// Decides on a sign-in attempt from recent failures. Refusals hold one address back from
    /// one account (or from all, when it fails across many), so that nobody can lock a person
    /// out by guessing at their account from elsewhere: failures on an account from anywhere
    /// only slow its sign-in down. A refusal lasts until the earliest counted failure leaves
    /// the window, so it always ends.
    pub fn decide(&self, failures: RecentFailures, now: NaiveDateTime) -> Throttle {
        let retry_after = |failures: Failures| {
            let until = failures.earliest.unwrap_or(now) + self.window;
            (until - now).num_seconds().max(1) as u64
        };
        let refusals = [
            (failures.account_from_address, self.account_lockout_after),
            (failures.address, self.address_lockout_after),
        ]
        .into_iter()
        .filter(|(failures, limit)| failures.count >= *limit)
        .map(|(failures, _)| retry_after(failures));
        if let Some(retry_after_secs) = refusals.max() {
            return Throttle::Refuse { retry_after_secs };
        }
        // One address failing across many accounts is slowed down from half its limit.
        let excess = (failures.account.count - self.slow_down_after + 1)
            .max(failures.address.count - self.address_lockout_after / 2 + 1)
            .clamp(0, 10) as u64;
        Throttle::Allow {
            delay_ms: self.delay_ms * excess,
        }
    }
}

/// When a session ends: after a time without requests, and a time after sign-in whatever
/// happens.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub idle: TimeDelta,
    pub absolute: TimeDelta,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// In force; `touch` says its last use should be recorded now. Recording every request
    /// would make every page a write; a minute's precision is plenty for an idle timeout
    /// counted in tens of minutes.
    Live {
        touch: bool,
    },
    Lapsed,
}

impl SessionPolicy {
    pub fn state(
        &self,
        created_at: NaiveDateTime,
        last_seen_at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> SessionState {
        let idle = now - last_seen_at;
        if idle > self.idle || now - created_at > self.absolute {
            SessionState::Lapsed
        } else {
            SessionState::Live {
                touch: idle > TimeDelta::minutes(1),
            }
        }
    }

    /// Sessions last seen before the first time, or started before the second, have lapsed.
    pub fn lapsed_before(&self, now: NaiveDateTime) -> (NaiveDateTime, NaiveDateTime) {
        (now - self.idle, now - self.absolute)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_security_detail_keeps_its_message_and_values_or_the_text_as_typed() {
        let message = EventDetail::message("detail-exported", &[("rows", "3".into())]);
        assert_eq!(EventDetail::from_stored(&message.stored()), message);
        let typed = EventDetail::Text("Nightly sync, \"ops\" team".into());
        assert_eq!(EventDetail::from_stored(&typed.stored()), typed);
        assert_eq!(EventDetail::from_stored(""), EventDetail::None);
        assert_eq!(
            EventDetail::from_stored("problem-forbidden"),
            EventDetail::message("problem-forbidden", &[]),
            "a refusal recorded before details were messages"
        );
    }

    use super::*;

    #[test]
    fn each_role_holds_the_permissions_of_the_roles_before_it() {
        assert!(!Role::Viewer.may(Permission::EditIrritants));
        assert!(Role::Officer.may(Permission::EditIrritants));
        assert!(!Role::Officer.may(Permission::AssignOwners));
        assert!(Role::Manager.may(Permission::ManageReferenceLists));
        assert!(!Role::Manager.may(Permission::ManageAccounts));
        assert!(Role::Admin.may(Permission::ManageAccounts));
    }

    #[test]
    fn officers_may_take_an_irritant_on_but_not_give_it_to_someone_else() {
        let (me, other) = (PersonId::generate(), PersonId::generate());
        let officer = Actor {
            id: me.clone(),
            email: Email::parse("me@gc.ca").unwrap(),
            name: "Me".into(),
            role: Role::Officer,
        };
        assert!(officer.may_assign_owner(Some(&other), Some(&other)));
        assert!(officer.may_assign_owner(None, Some(&me)));
        assert!(!officer.may_assign_owner(None, Some(&other)));
        assert!(!officer.may_assign_owner(Some(&me), None));
        let manager = Actor {
            role: Role::Manager,
            ..officer
        };
        assert!(manager.may_assign_owner(Some(&me), Some(&other)));
    }

    #[test]
    fn passwords_must_be_long_and_hard_to_guess() {
        let code = |raw: &str| NewPassword::parse(raw, &["ada@gc.ca", "Ada Lovelace"]).map(|_| ());
        assert_eq!(code("").unwrap_err().code, "required");
        assert_eq!(code("short").unwrap_err().code, "password-too-short");
        assert_eq!(
            code(&"x".repeat(129)).unwrap_err().code,
            "password-too-long"
        );
        for common in [
            "password1234",
            "123456789012",
            "qwertyuiopas",
            "adalovelace123",
        ] {
            assert_eq!(
                code(common).map_err(|e| e.code),
                Err("password-too-common"),
                "{common}"
            );
        }
        assert!(code("harbour kettle violet 42").is_ok());
        // Any character counts, including spaces and non-Latin scripts.
        assert!(code("油菜籽 canola 海鲜 seafood").is_ok());
    }

    #[test]
    fn the_last_active_administrator_cannot_be_removed() {
        let admin = (Role::Admin, true);
        assert!(removes_last_admin(admin, (Role::Manager, true), 0));
        assert!(removes_last_admin(admin, (Role::Admin, false), 0));
        assert!(!removes_last_admin(admin, (Role::Manager, true), 1));
        assert!(!removes_last_admin(admin, admin, 0));
        assert!(!removes_last_admin(
            (Role::Officer, true),
            (Role::Viewer, true),
            0
        ));
    }

    fn policy() -> ThrottlePolicy {
        ThrottlePolicy {
            window: TimeDelta::minutes(15),
            slow_down_after: 3,
            delay_ms: 1000,
            account_lockout_after: 10,
            address_lockout_after: 50,
        }
    }

    fn noon() -> NaiveDateTime {
        NaiveDateTime::parse_from_str("2026-11-28 12:00:00", "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn failures(count: i64, minutes_ago: i64) -> Failures {
        Failures {
            count,
            earliest: Some(noon() - TimeDelta::minutes(minutes_ago)),
        }
    }

    fn decide(account: Failures, account_from_address: Failures, address: Failures) -> Throttle {
        let recent = RecentFailures {
            account,
            account_from_address,
            address,
        };
        policy().decide(recent, noon())
    }

    #[test]
    fn failed_sign_ins_are_slowed_down_then_refused_for_a_while() {
        let none = Failures::default();
        assert_eq!(decide(none, none, none), Throttle::Allow { delay_ms: 0 });
        let (two, three, five) = (failures(2, 1), failures(3, 1), failures(5, 1));
        assert_eq!(decide(two, two, two), Throttle::Allow { delay_ms: 0 });
        assert_eq!(
            decide(three, three, three),
            Throttle::Allow { delay_ms: 1000 }
        );
        assert_eq!(decide(five, five, five), Throttle::Allow { delay_ms: 3000 });
        let ten = failures(10, 5);
        assert_eq!(
            decide(ten, ten, ten),
            Throttle::Refuse {
                retry_after_secs: 600
            }
        );
    }

    #[test]
    fn guessing_from_elsewhere_slows_an_account_down_but_never_locks_its_holder_out() {
        let from_attacker = failures(40, 5);
        let decision = decide(from_attacker, Failures::default(), Failures::default());
        assert_eq!(decision, Throttle::Allow { delay_ms: 10_000 });
    }

    #[test]
    fn one_address_failing_across_accounts_is_slowed_down_then_refused() {
        let none = Failures::default();
        assert_eq!(
            decide(none, none, failures(27, 1)),
            Throttle::Allow { delay_ms: 3000 }
        );
        assert_eq!(
            decide(none, none, failures(50, 14)),
            Throttle::Refuse {
                retry_after_secs: 60
            }
        );
    }

    #[test]
    fn sessions_lapse_when_idle_or_old_and_are_touched_once_a_minute() {
        let policy = SessionPolicy {
            idle: TimeDelta::minutes(30),
            absolute: TimeDelta::hours(12),
        };
        let now =
            NaiveDateTime::parse_from_str("2026-11-28 12:00:00", "%Y-%m-%d %H:%M:%S").unwrap();
        let ago = |minutes| now - TimeDelta::minutes(minutes);
        assert_eq!(
            policy.state(ago(5), ago(0), now),
            SessionState::Live { touch: false }
        );
        assert_eq!(
            policy.state(ago(5), ago(2), now),
            SessionState::Live { touch: true }
        );
        assert_eq!(policy.state(ago(60), ago(31), now), SessionState::Lapsed);
        assert_eq!(
            policy.state(ago(13 * 60), ago(0), now),
            SessionState::Lapsed
        );
        assert_eq!(policy.lapsed_before(now), (ago(30), ago(12 * 60)));
    }
}
