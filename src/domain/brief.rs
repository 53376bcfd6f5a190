//! An irritant's one-page brief: what a minister reads before a meeting. Each text has a
//! length it is shortened to (with "…"), so that the brief always fits one printed page,
//! however much the register holds.

use chrono::NaiveDate;

use super::classification::{MeasureType, Priority, Rag};
use super::readout::Language;
use super::report::{Development, ReportRow, ReportUpdate};
use super::source::quote_language;
use super::status::Status;
use super::text::shortened;

/// The longest each text of a brief may be, in characters.
const TITLE_MAX: usize = 160;
const SUMMARY_MAX: usize = 600;
const MEASURE_MAX: usize = 300;
const MANDATE_MAX: usize = 360;
const LATEST_MAX: usize = 240;
const NEXT_STEPS_MAX: usize = 450;
const MILESTONE_MAX: usize = 90;
/// The most statements quoted, and developments told.
pub const MANDATES_SHOWN: usize = 2;
pub const LATEST_SHOWN: usize = 3;

/// The words of a statement that mandate the irritant, and where they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefMandate {
    pub source_id: String,
    pub source_title: String,
    /// The language tag of the title, where it is known.
    pub source_title_language: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub number: u32,
    /// The passage quoted when the link was made, or the statement's text.
    pub words: String,
    /// The language tag of the words, where it is known.
    pub words_language: Option<String>,
}

/// The words of a statement a brief quotes, and their language: its text in the reader's
/// language (`reader`, a language tag) or else its first, whole when it fits the brief; when
/// it does not, the passage quoted when the link was made, if there is one.
pub fn mandate_words(
    texts: &[(Language, String)],
    quote: &str,
    reader: &str,
) -> (String, Option<Language>) {
    let text = texts
        .iter()
        .find(|(language, _)| language.tag() == reader)
        .or(texts.first());
    match text {
        Some((language, text)) if text.chars().count() <= MANDATE_MAX || quote.is_empty() => {
            (text.clone(), Some(*language))
        }
        _ => (quote.to_owned(), quote_language(texts, quote)),
    }
}

/// One of the latest developments: a change the history tells of, or a progress update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BriefEvent {
    Development(Development),
    Update(ReportUpdate),
}

impl BriefEvent {
    pub fn on(&self) -> NaiveDate {
        match self {
            BriefEvent::Development(development) => development.on,
            BriefEvent::Update(update) => update.reported_on,
        }
    }
}

/// A milestone still to be met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextMilestone {
    pub title: String,
    pub due: NaiveDate,
}

/// The irritant's facts a brief is made from, besides its report row (its whole history).
#[derive(Debug, Clone)]
pub struct BriefFacts {
    pub summary: String,
    pub measure_type: MeasureType,
    pub measure: String,
    pub in_force_since: Option<NaiveDate>,
    /// The day it was recorded as opened.
    pub opened_on: NaiveDate,
    pub mandates: Vec<BriefMandate>,
    /// The soonest of the milestones still planned.
    pub next_milestone: Option<NextMilestone>,
    /// The security marking it is made under (`reports.marking`).
    pub marking: String,
    pub made_on: NaiveDate,
}

/// A brief, every text shortened to fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief {
    pub reference: String,
    pub title: String,
    pub counterpart: String,
    pub sector: String,
    pub priority: Priority,
    pub summary: String,
    pub measure_type: MeasureType,
    pub measure: String,
    pub status: Status,
    pub status_since: NaiveDate,
    pub rag: Option<Rag>,
    pub owner: Option<String>,
    pub department: Option<String>,
    pub opened_on: NaiveDate,
    pub target_date: Option<NaiveDate>,
    pub overdue: bool,
    pub in_force_since: Option<NaiveDate>,
    pub next_milestone: Option<NextMilestone>,
    pub mandates: Vec<BriefMandate>,
    /// Statements that mandate it beyond those quoted.
    pub more_mandates: usize,
    /// Newest first.
    pub latest: Vec<BriefEvent>,
    pub next_steps: String,
    pub marking: String,
    pub made_on: NaiveDate,
}

impl Brief {
    /// The brief of the irritant `row` reports on over its whole life.
    pub fn new(row: ReportRow, facts: BriefFacts) -> Brief {
        let more_mandates = facts.mandates.len().saturating_sub(MANDATES_SHOWN);
        let mandates = facts
            .mandates
            .into_iter()
            .take(MANDATES_SHOWN)
            .map(|mandate| BriefMandate {
                words: shortened(&mandate.words, MANDATE_MAX),
                source_title: shortened(&mandate.source_title, TITLE_MAX),
                ..mandate
            })
            .collect();
        let next_milestone = facts.next_milestone.map(|milestone| NextMilestone {
            title: shortened(&milestone.title, MILESTONE_MAX),
            ..milestone
        });
        Brief {
            latest: latest_events(&row),
            next_steps: shortened(
                row.next_steps.as_deref().unwrap_or_default(),
                NEXT_STEPS_MAX,
            ),
            reference: row.reference,
            title: shortened(&row.title, TITLE_MAX),
            counterpart: row.counterpart,
            sector: row.sector,
            priority: row.priority,
            summary: shortened(&facts.summary, SUMMARY_MAX),
            measure_type: facts.measure_type,
            measure: shortened(&facts.measure, MEASURE_MAX),
            status: row.status,
            status_since: row.status_since,
            rag: row.rag,
            owner: row.owner,
            department: row.department,
            opened_on: facts.opened_on,
            target_date: row.target_date,
            overdue: row.overdue,
            in_force_since: facts.in_force_since,
            next_milestone,
            mandates,
            more_mandates,
            marking: facts.marking,
            made_on: facts.made_on,
        }
    }

    /// A file name that says what it holds: `brief_CN-2026-0001_2026-12-03`.
    pub fn file_stem(&self) -> String {
        format!("brief_{}_{}", self.reference, self.made_on)
    }
}

/// The three latest of the row's developments and progress updates, newest first, each
/// text shortened; on the same day an update comes after the changes it reports on.
fn latest_events(row: &ReportRow) -> Vec<BriefEvent> {
    let developments = row.developments.iter().enumerate().map(|(order, d)| {
        let development = Development {
            detail: shortened(&d.detail, LATEST_MAX),
            ..d.clone()
        };
        ((d.on, 0, order), BriefEvent::Development(development))
    });
    let updates = row.updates.iter().enumerate().map(|(order, u)| {
        let update = ReportUpdate {
            done: shortened(&u.done, LATEST_MAX),
            next_steps: String::new(),
            ..u.clone()
        };
        ((u.reported_on, 1, order), BriefEvent::Update(update))
    });
    let mut events: Vec<_> = developments.chain(updates).collect();
    events.sort_by_key(|(key, _)| std::cmp::Reverse(*key));
    events
        .into_iter()
        .take(LATEST_SHOWN)
        .map(|(_, event)| event)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::report::DevelopmentKind;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn row() -> ReportRow {
        ReportRow {
            reference: "CN-2026-0001".into(),
            title: "Canola seed duties".into(),
            counterpart: "CN".into(),
            sector: "agriculture".into(),
            priority: Priority::High,
            status: Status::Open,
            status_since: day(2),
            rag: Some(Rag::AtRisk),
            owner: Some("Ada".into()),
            department: None,
            target_date: None,
            target_slipped: None,
            overdue: false,
            developments: Vec::new(),
            updates: Vec::new(),
            next_steps: None,
            directives: Vec::new(),
        }
    }

    fn facts(mandates: usize) -> BriefFacts {
        BriefFacts {
            summary: "word ".repeat(400),
            measure_type: MeasureType::AntiDumpingDuty,
            measure: String::new(),
            in_force_since: None,
            opened_on: day(2),
            mandates: (0..mandates)
                .map(|n| BriefMandate {
                    source_id: format!("s{n}"),
                    source_title: "Readout".into(),
                    source_title_language: None,
                    issued_on: None,
                    number: 1,
                    words: "directed ".repeat(100),
                    words_language: Some("en".into()),
                })
                .collect(),
            next_milestone: None,
            marking: "UNCLASSIFIED".into(),
            made_on: day(30),
        }
    }

    fn development(on: NaiveDate, detail: &str) -> Development {
        Development {
            on,
            kind: DevelopmentKind::Status,
            before: None,
            after: Some("open".into()),
            detail: detail.into(),
        }
    }

    fn update(on: NaiveDate, done: &str) -> ReportUpdate {
        ReportUpdate {
            irritant_id: String::new(),
            reported_on: on,
            rag: Rag::OnTrack,
            done: done.into(),
            next_steps: "call again".into(),
            author: "Ada".into(),
        }
    }

    #[test]
    fn long_texts_are_shortened_and_extra_statements_counted() {
        let brief = Brief::new(row(), facts(4));
        assert_eq!(brief.summary.chars().count(), SUMMARY_MAX);
        assert!(brief.summary.ends_with('…'));
        assert_eq!(brief.mandates.len(), MANDATES_SHOWN);
        assert_eq!(brief.more_mandates, 2);
        assert!(brief.mandates[0].words.chars().count() <= MANDATE_MAX);
    }

    #[test]
    fn a_statement_is_quoted_whole_in_the_readers_language_or_by_its_passage_when_too_long() {
        let short = vec![
            (
                Language::English,
                "Leaders directed officials to resolve it.".to_owned(),
            ),
            (
                Language::French,
                "Les dirigeants ont chargé les fonctionnaires de le régler.".to_owned(),
            ),
        ];
        let (words, language) = mandate_words(&short, "resolve it", "fr");
        assert_eq!(
            (words.as_str(), language),
            (short[1].1.as_str(), Some(Language::French))
        );
        let long = vec![(
            Language::English,
            format!("{} Officials will resolve canola.", "Preamble. ".repeat(60)),
        )];
        let (words, language) = mandate_words(&long, "Officials will resolve canola.", "fr");
        assert_eq!(
            (words.as_str(), language),
            ("Officials will resolve canola.", Some(Language::English))
        );
        let (words, _) = mandate_words(&long, "", "en");
        assert_eq!(words, long[0].1, "shortened when shown, not here");
    }

    #[test]
    fn the_three_latest_come_newest_first_an_update_after_the_change_it_reports() {
        let mut row = row();
        row.developments = vec![
            development(day(1), "first"),
            development(day(5), "moved"),
            development(day(9), "resolved in part"),
        ];
        row.updates = vec![update(day(3), "met"), update(day(9), "talked it over")];
        let latest = Brief::new(row, facts(0)).latest;
        let days: Vec<NaiveDate> = latest.iter().map(BriefEvent::on).collect();
        assert_eq!(days, [day(9), day(9), day(5)]);
        assert!(matches!(&latest[0], BriefEvent::Update(u) if u.done == "talked it over"));
        assert!(matches!(&latest[1], BriefEvent::Development(d) if d.detail == "resolved in part"));
    }
}
