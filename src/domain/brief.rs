//! An irritant's one-page brief: what a minister reads before a meeting. Each text has a
//! width it is shortened to (with "…"), so that the brief always fits one printed page,
//! however much the register holds.

use chrono::NaiveDate;

use super::bilingual::{OfficialLanguage, for_reader};
use super::classification::{MeasureType, Priority, Rag};
use super::progress::UpdateText;
use super::readout::Language;
use super::report::{Development, DevelopmentKind, ReportRow, ReportUpdate};
use super::source::DocumentTitle;
use super::status::Status;
use super::text::fitted;

/// The widest each text of a brief may be, in columns: a Latin letter takes one, a Chinese
/// character two, as they print.
const TITLE_MAX: usize = 160;
const SUMMARY_MAX: usize = 450;
const MEASURE_MAX: usize = 250;
const MANDATE_MAX: usize = 240;
const LATEST_MAX: usize = 200;
const NEXT_STEPS_MAX: usize = 300;
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

/// A statement that mandates the irritant, in each language its document holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MandateSource {
    pub source_id: String,
    pub source_title: DocumentTitle,
    pub issued_on: Option<NaiveDate>,
    pub number: u32,
    pub texts: Vec<(Language, String)>,
}

/// The words of a statement a brief quotes, and their language: its text in the reader's
/// language (`reader`, a language tag), else in English or French, else its first. (The
/// whole statement rather than the passage quoted when the link was made, which may be a
/// word: a minister reads what was said.)
pub fn mandate_words<'t>(
    texts: &'t [(Language, String)],
    reader: &str,
) -> Option<(&'t str, Language)> {
    let official = |language: &Language| matches!(language, Language::English | Language::French);
    texts
        .iter()
        .find(|(language, _)| language.tag() == reader)
        .or_else(|| texts.iter().find(|(language, _)| official(language)))
        .or(texts.first())
        .map(|(language, text)| (text.as_str(), *language))
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

/// The irritant's facts a brief is made from, besides its report row (its history over the
/// longest period a report covers).
#[derive(Debug, Clone)]
pub struct BriefFacts {
    /// The language of the summary, and the summary in the other (empty: none).
    pub language: OfficialLanguage,
    pub summary: String,
    pub summary_translation: String,
    pub measure_type: MeasureType,
    pub measure: String,
    pub in_force_since: Option<NaiveDate>,
    /// The day it was recorded as opened.
    pub opened_on: NaiveDate,
    pub mandates: Vec<MandateSource>,
    /// The soonest of the milestones still open.
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
    /// The language of each text the reader is given in a language other than theirs.
    pub languages: BriefLanguages,
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
    /// Its next milestone is past due while the irritant is still worked on.
    pub milestone_overdue: bool,
    pub mandates: Vec<BriefMandate>,
    /// Statements that mandate it beyond those quoted.
    pub more_mandates: usize,
    /// Newest first.
    pub latest: Vec<BriefEvent>,
    pub next_steps: String,
    pub marking: String,
    pub made_on: NaiveDate,
}

/// Which of a brief's own texts are in the other official language than its reader's: `lang`
/// tags, none where the text is in the reader's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BriefLanguages {
    pub title: Option<&'static str>,
    pub summary: Option<&'static str>,
    pub next_steps: Option<&'static str>,
}

impl Brief {
    /// The brief of the irritant `row` reports on, for a reader of the language `reader`.
    pub fn new(row: ReportRow, facts: BriefFacts, reader: OfficialLanguage) -> Brief {
        let more_mandates = facts.mandates.len().saturating_sub(MANDATES_SHOWN);
        let mut sources = facts.mandates;
        // The newest statements first: they say where things stand.
        sources.sort_by_key(|source| std::cmp::Reverse(source.issued_on));
        let mandates = sources
            .into_iter()
            .take(MANDATES_SHOWN)
            .map(|source| {
                let words = mandate_words(&source.texts, reader.code());
                let (title, title_language) = source.source_title.for_reader(reader);
                BriefMandate {
                    source_title: fitted(title, TITLE_MAX),
                    source_title_language: title_language.map(str::to_owned),
                    source_id: source.source_id,
                    issued_on: source.issued_on,
                    number: source.number,
                    words: words.map_or_else(String::new, |(text, _)| fitted(text, MANDATE_MAX)),
                    words_language: words.map(|(_, language)| language.tag().to_owned()),
                }
            })
            .collect();
        let next_milestone = facts.next_milestone.map(|milestone| NextMilestone {
            title: fitted(&milestone.title, MILESTONE_MAX),
            ..milestone
        });
        let milestone_overdue = row.status.is_active()
            && next_milestone
                .as_ref()
                .is_some_and(|milestone| milestone.due < facts.made_on);
        let title = row.title_for(reader);
        let summary = for_reader(
            &facts.summary,
            facts.language,
            &facts.summary_translation,
            reader,
        );
        let next_steps = row.next_steps_for(reader);
        let languages = BriefLanguages {
            title: title.lang_for(reader),
            summary: summary.lang_for(reader),
            next_steps: next_steps.and_then(|shown| shown.lang_for(reader)),
        };
        Brief {
            milestone_overdue,
            latest: latest_events(&row, reader),
            next_steps: fitted(next_steps.map_or("", |shown| shown.text), NEXT_STEPS_MAX),
            title: fitted(title.text, TITLE_MAX),
            summary: fitted(summary.text, SUMMARY_MAX),
            languages,
            reference: row.reference,
            counterpart: row.counterpart,
            sector: row.sector,
            priority: row.priority,
            measure_type: facts.measure_type,
            measure: fitted(&facts.measure, MEASURE_MAX),
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

    /// A file name that says what it holds: `brief_IRR-2026-0001_2026-12-03`.
    pub fn file_stem(&self) -> String {
        format!("brief_{}_{}", self.reference, self.made_on)
    }
}

/// The three latest of the row's developments and progress updates, newest first, each
/// text shortened; on the same day an update comes after the changes it reports on. A move
/// of RAG is left out: the progress update that moved it says its RAG.
fn latest_events(row: &ReportRow, reader: OfficialLanguage) -> Vec<BriefEvent> {
    let told = row
        .developments
        .iter()
        .filter(|d| d.kind != DevelopmentKind::Rag);
    let developments = told.enumerate().map(|(order, d)| {
        let development = Development {
            detail: fitted(&d.detail, LATEST_MAX),
            ..d.clone()
        };
        ((d.on, 0, order), BriefEvent::Development(development))
    });
    let updates = row.updates.iter().enumerate().map(|(order, u)| {
        let done = u.text.done_for(reader);
        let update = ReportUpdate {
            text: UpdateText {
                language: done.language,
                done: fitted(done.text, LATEST_MAX),
                ..UpdateText::default()
            },
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

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn row() -> ReportRow {
        ReportRow {
            reference: "CN-2026-0001".into(),
            title: "Canola seed duties".into(),
            language: OfficialLanguage::English,
            title_translation: String::new(),
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
            next_steps_language: OfficialLanguage::English,
            next_steps_translation: String::new(),
            directives: Vec::new(),
        }
    }

    fn facts(mandates: usize) -> BriefFacts {
        BriefFacts {
            language: OfficialLanguage::English,
            summary: "word ".repeat(400),
            summary_translation: String::new(),
            measure_type: MeasureType::AntiDumpingDuty,
            measure: String::new(),
            in_force_since: None,
            opened_on: day(2),
            mandates: (0..mandates)
                .map(|n| MandateSource {
                    source_id: format!("s{n}"),
                    source_title: DocumentTitle {
                        text: "Readout".into(),
                        ..DocumentTitle::default()
                    },
                    issued_on: None,
                    number: 1,
                    texts: vec![(Language::English, "directed ".repeat(100))],
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
            text: UpdateText::english(done.into(), "call again".into()),
            author: "Ada".into(),
        }
    }

    #[test]
    fn a_french_reader_is_given_the_french_where_there_is_some() {
        let mut row = row();
        row.title_translation = "Droits sur les graines de canola".into();
        row.next_steps = Some("Call the ministry".into());
        row.next_steps_translation = "Appeler le ministère".into();
        row.updates = vec![ReportUpdate {
            text: UpdateText {
                done_translation: "Rencontre avec le ministère".into(),
                ..UpdateText::english("Met the ministry".into(), String::new())
            },
            ..update(day(20), "")
        }];
        let brief = Brief::new(row, facts(0), OfficialLanguage::French);
        assert_eq!(brief.title, "Droits sur les graines de canola");
        assert_eq!(brief.next_steps, "Appeler le ministère");
        assert_eq!(brief.languages.title, None, "in the reader's language");
        assert_eq!(
            brief.languages.summary,
            Some("en"),
            "no French summary: the English, marked"
        );
        let BriefEvent::Update(update) = &brief.latest[0] else {
            panic!("the update is the latest event");
        };
        assert_eq!(update.text.done, "Rencontre avec le ministère");
        assert_eq!(update.text.language, OfficialLanguage::French);
    }

    #[test]
    fn long_texts_are_shortened_and_extra_statements_counted() {
        let brief = Brief::new(row(), facts(4), OfficialLanguage::English);
        assert_eq!(brief.summary.chars().count(), SUMMARY_MAX);
        assert!(brief.summary.ends_with('…'));
        assert_eq!(brief.mandates.len(), MANDATES_SHOWN);
        assert_eq!(brief.more_mandates, 2);
        assert!(brief.mandates[0].words.chars().count() <= MANDATE_MAX);
    }

    #[test]
    fn a_statement_is_quoted_in_the_readers_language_else_an_official_one() {
        let readout = vec![
            (
                Language::ChineseSimplified,
                "两国领导人指示官员尽快解决问题。".to_owned(),
            ),
            (
                Language::English,
                "Leaders directed officials to resolve it.".to_owned(),
            ),
            (
                Language::French,
                "Les dirigeants ont chargé les fonctionnaires de le régler.".to_owned(),
            ),
        ];
        assert_eq!(
            mandate_words(&readout, "fr"),
            Some((readout[2].1.as_str(), Language::French))
        );
        let (_, language) = mandate_words(&readout[..2], "fr").unwrap();
        assert_eq!(language, Language::English, "English rather than Chinese");
        assert_eq!(
            mandate_words(&readout[..1], "en").unwrap().1,
            Language::ChineseSimplified
        );
        assert_eq!(mandate_words(&[], "en"), None);
    }

    #[test]
    fn chinese_counts_double_when_a_text_is_fitted() {
        let fitted_text = fitted(&"油菜籽".repeat(100), 20);
        assert_eq!(fitted_text.chars().count(), 10, "{fitted_text}");
        assert!(fitted_text.ends_with('…'));
        assert_eq!(fitted("a  short\ntext", 20), "a short text");
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
        let latest = Brief::new(row, facts(0), OfficialLanguage::English).latest;
        let days: Vec<NaiveDate> = latest.iter().map(BriefEvent::on).collect();
        assert_eq!(days, [day(9), day(9), day(5)]);
        assert!(matches!(&latest[0], BriefEvent::Update(u) if u.text.done == "talked it over"));
        assert!(matches!(&latest[1], BriefEvent::Development(d) if d.detail == "resolved in part"));
    }
}
