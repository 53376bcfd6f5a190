//! Notifications: what people are told of, how they want to be told, and the words of a
//! comment that name someone (mentions).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use super::classification::vocabulary;
use super::ids::PersonId;
use super::people::Person;
use super::validation::FieldError;

vocabulary!(
    /// What a notification tells; each person chooses, per kind, how to be told.
    NotificationKind, prefix = "notification-kind" {
        Assigned => "assigned",
        StatusChanged => "status_changed",
        RagDropped => "rag_dropped",
        TargetMovedLater => "target_moved_later",
        DirectiveLinked => "directive_linked",
        MilestoneDue => "milestone_due",
        MilestoneOverdue => "milestone_overdue",
        TargetPassed => "target_passed",
        StaleReminder => "stale_reminder",
        Escalation => "escalation",
        Mentioned => "mentioned",
        ReportIssued => "report_issued",
        SlipProposed => "slip_proposed",
        SlipDecided => "slip_decided",
        ViewChanged => "view_changed",
    }
);

impl NotificationKind {
    /// Whether a person chooses how they are told of this kind among their preferences; a
    /// view's follower chooses that as they follow the view.
    pub fn has_preference(self) -> bool {
        self != NotificationKind::ViewChanged
    }

    /// How someone who chose nothing is told: at once of what asks something of them, in the
    /// day's digest of what they only watch.
    pub fn default_delivery(self) -> Delivery {
        match self {
            NotificationKind::StatusChanged
            | NotificationKind::RagDropped
            | NotificationKind::TargetMovedLater
            | NotificationKind::DirectiveLinked
            | NotificationKind::ReportIssued
            | NotificationKind::ViewChanged => Delivery::Digest,
            _ => Delivery::Immediate,
        }
    }
}

vocabulary!(
    /// How a person wants a kind of notification: an e-mail at once, in the daily digest, only
    /// in the application, or not at all.
    Delivery, prefix = "delivery" {
        Immediate => "immediate",
        Digest => "digest",
        InApp => "in_app",
        Off => "off",
    }
);

vocabulary!(
    /// What a manager may follow: every irritant of a lead department, or of a counterpart.
    FollowScope, prefix = "follow-scope" {
        Department => "department",
        Counterpart => "counterpart",
    }
);

vocabulary!(
    /// Where an e-mail of the outbox is: waiting to be sent (or tried again), sent, or given up.
    MailState, prefix = "mail-state" {
        Pending => "pending",
        Sent => "sent",
        Failed => "failed",
    }
);

/// What a notification says: a message of the catalogue and its values. A value that names a
/// status or a RAG is kept as its code, with the prefix of its labels, so that each reader
/// reads it in their language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NoticeText {
    pub message: String,
    #[serde(default)]
    pub args: Vec<(String, String)>,
    /// Which of `args` are codes of a vocabulary, with the vocabulary's label prefix.
    #[serde(default)]
    pub labels: Vec<(String, String)>,
}

impl NoticeText {
    pub fn new(message: &str) -> Self {
        Self {
            message: message.to_owned(),
            args: Vec::new(),
            labels: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &str, value: impl ToString) -> Self {
        self.args.push((name.to_owned(), value.to_string()));
        self
    }

    /// A value that is the code `code` of the vocabulary whose labels start with `prefix`.
    pub fn label(mut self, name: &str, prefix: &str, code: &str) -> Self {
        self.args.push((name.to_owned(), code.to_owned()));
        self.labels.push((name.to_owned(), prefix.to_owned()));
        self
    }
}

/// When a person's daily digest goes, in the server's time zone (`HH:MM`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigestTime(NaiveTime);

impl DigestTime {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(FieldError::new("required"));
        }
        NaiveTime::parse_from_str(raw, "%H:%M")
            .map(Self)
            .map_err(|_| FieldError::new("not-a-time"))
    }

    pub fn time(self) -> NaiveTime {
        self.0
    }
}

impl Default for DigestTime {
    fn default() -> Self {
        Self(NaiveTime::from_hms_opt(7, 0, 0).expect("07:00 is a time"))
    }
}

impl std::fmt::Display for DigestTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

/// How long a failed e-mail waits before the next attempt: `first` after the first failure,
/// doubling with each attempt, never more than an hour.
pub fn retry_delay(first: TimeDelta, attempts: i32) -> TimeDelta {
    let doublings = attempts.clamp(1, 12) - 1;
    (first * (1 << doublings)).min(TimeDelta::hours(1))
}

/// How long the delivery worker keeps trying a message before it records it as failed.
pub const KEEP_TRYING: TimeDelta = TimeDelta::hours(24);

/// How far ahead a milestone's owner is reminded of it.
pub const MILESTONE_DUE_WITHIN_DAYS: i64 = 7;

/// The moment a sweep judges: a day given on the command line is judged as its last sweep
/// would (digests due that day all go); without one, now.
pub fn sweep_moment(as_of: Option<NaiveDate>, now: NaiveDateTime) -> NaiveDateTime {
    match as_of {
        Some(day) => day.and_hms_opt(23, 59, 59).expect("a time of day"),
        None => now,
    }
}

/// A person named in a comment or a progress update: the words that name them, and who.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// As written, with its `@`.
    pub text: String,
    pub person_id: PersonId,
}

/// Why a mention names no one, or more than one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MentionProblem {
    Unknown(String),
    Ambiguous { text: String, names: Vec<String> },
}

impl MentionProblem {
    pub fn field_error(&self) -> FieldError {
        match self {
            MentionProblem::Unknown(text) => FieldError::new("mention-unknown").with("name", text),
            MentionProblem::Ambiguous { text, names } => FieldError::new("mention-ambiguous")
                .with("name", text)
                .with("people", names.join(", ")),
        }
    }
}

/// Finds the people a text mentions. A mention is `@` at the start of a word, followed by an
/// e-mail address (`@olu@trade.gc.ca`), a name in brackets (`@[Olu Officer]`), or one word that
/// is a person's whole name written without spaces or their first name (`@Olu`). Each must
/// name exactly one active person; the first that does not is reported.
pub fn find_mentions(text: &str, people: &[Person]) -> Result<Vec<Mention>, MentionProblem> {
    let mut mentions: Vec<Mention> = Vec::new();
    for written in mention_texts(text) {
        let person = resolve(&written, people)?;
        if !mentions.iter().any(|m| m.person_id == person.id) {
            mentions.push(Mention {
                text: written,
                person_id: person.id.clone(),
            });
        }
    }
    Ok(mentions)
}

/// The mentions as written in `text`, in order.
fn mention_texts(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        let starts_word = previous.is_none_or(|p| p.is_whitespace() || "([{,;:\"'".contains(p));
        previous = Some(c);
        if c != '@' || !starts_word {
            continue;
        }
        let rest = &text[at + 1..];
        if let Some(bracketed) = rest.strip_prefix('[') {
            if let Some(end) = bracketed.find(']') {
                found.push(format!("@[{}]", &bracketed[..end]));
            }
            continue;
        }
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || "@.-_+'".contains(*c))
            .collect();
        // "@Olu's report", "@Olu." : the possessive and the punctuation are not the name.
        let word = word.trim_end_matches(['.', '\'', '-']);
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        if !word.is_empty() {
            found.push(format!("@{word}"));
        }
    }
    found
}

fn resolve<'a>(written: &str, people: &'a [Person]) -> Result<&'a Person, MentionProblem> {
    let wanted = written.trim_start_matches('@');
    let candidates: Vec<&Person> =
        if let Some(name) = wanted.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
            let name = name.trim();
            people
                .iter()
                .filter(|p| p.active && p.name.trim().to_lowercase() == name.to_lowercase())
                .collect()
        } else if wanted.contains('@') {
            people
                .iter()
                .filter(|p| p.active && p.email.as_str().eq_ignore_ascii_case(wanted))
                .collect()
        } else {
            let key = wanted.to_lowercase();
            people
                .iter()
                .filter(|p| {
                    let whole: String = p.name.split_whitespace().collect();
                    let first = p.name.split_whitespace().next().unwrap_or_default();
                    p.active && (whole.to_lowercase() == key || first.to_lowercase() == key)
                })
                .collect()
        };
    match candidates.as_slice() {
        [one] => Ok(one),
        [] => Err(MentionProblem::Unknown(written.to_owned())),
        several => Err(MentionProblem::Ambiguous {
            text: written.to_owned(),
            names: several
                .iter()
                .map(|p| format!("{} <{}>", p.name, p.email.as_str()))
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::people::Email;

    fn person(name: &str, email: &str) -> Person {
        Person {
            id: PersonId::generate(),
            email: Email::parse(email).unwrap(),
            name: name.to_owned(),
            department: None,
            active: true,
        }
    }

    #[test]
    fn mentions_by_address_bracketed_name_and_first_name() {
        let people = [
            person("Olu Officer", "olu@trade.test"),
            person("Mina Manager", "mina@trade.test"),
            person("Ada Admin", "ada@trade.test"),
        ];
        let found = find_mentions(
            "Thanks @Olu's team. Ask @[mina manager] and (@ada@trade.test), not me@example.org",
            &people,
        )
        .unwrap();
        let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["@Olu", "@[mina manager]", "@ada@trade.test"]);
        assert_eq!(found[0].person_id, people[0].id);
        assert_eq!(found[1].person_id, people[1].id);
        assert_eq!(found[2].person_id, people[2].id);
    }

    #[test]
    fn a_person_mentioned_twice_is_told_once() {
        let people = [person("Olu Officer", "olu@trade.test")];
        let found = find_mentions("@Olu and again @OluOfficer", &people).unwrap();
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn unknown_and_ambiguous_names_are_refused() {
        let people = [
            person("Sam Lee", "sam.lee@trade.test"),
            person("Sam Roy", "sam.roy@trade.test"),
        ];
        assert_eq!(
            find_mentions("hello @Nobody", &people),
            Err(MentionProblem::Unknown("@Nobody".into()))
        );
        let Err(MentionProblem::Ambiguous { text, names }) = find_mentions("@sam", &people) else {
            panic!("two people are called Sam");
        };
        assert_eq!(text, "@sam");
        assert_eq!(names.len(), 2);
        assert!(find_mentions("@[Sam Roy] decides", &people).is_ok());
    }

    #[test]
    fn accented_names_match_in_any_case() {
        let people = [person("Élise Tremblay", "elise@trade.test")];
        assert!(find_mentions("@élise and @[ÉLISE TREMBLAY]", &people).is_ok());
    }

    #[test]
    fn a_disabled_account_cannot_be_mentioned() {
        let mut gone = person("Gil Gone", "gil@trade.test");
        gone.active = false;
        assert!(find_mentions("@Gil", &[gone]).is_err());
    }

    #[test]
    fn retries_back_off_to_an_hour() {
        let first = TimeDelta::seconds(30);
        assert_eq!(retry_delay(first, 1), TimeDelta::seconds(30));
        assert_eq!(retry_delay(first, 2), TimeDelta::seconds(60));
        assert_eq!(retry_delay(first, 5), TimeDelta::seconds(480));
        assert_eq!(retry_delay(first, 40), TimeDelta::seconds(3600));
    }

    #[test]
    fn digest_times_are_hours_and_minutes() {
        assert_eq!(DigestTime::parse("18:30").unwrap().to_string(), "18:30");
        assert_eq!(DigestTime::parse("25:00").unwrap_err().code, "not-a-time");
        assert_eq!(DigestTime::default().to_string(), "07:00");
    }

    #[test]
    fn watched_changes_go_to_the_digest_and_what_asks_for_action_goes_at_once() {
        assert_eq!(
            NotificationKind::StatusChanged.default_delivery(),
            Delivery::Digest
        );
        assert_eq!(
            NotificationKind::Assigned.default_delivery(),
            Delivery::Immediate
        );
    }
}
