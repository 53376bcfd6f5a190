//! An irritant's editable facts, how they are parsed from input, and how a change to them is
//! described for the history.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::bilingual::{OfficialLanguage, Shown, for_reader};
use super::classification::{ActionHolder, Direction, MeasureType, Priority, Rag, Sector};
use super::country::CountryCode;
use super::dates::CalendarDate;
use super::history::ChangeRecord;
use super::hs::Product;
use super::ids::{IrritantId, PersonId};
use super::money::TradeValue;
use super::people::ReferenceData;
use super::reference::Reference;
use super::status::StatusState;
use super::text::{NOTE_MAX, Title, optional_line, optional_text};
use super::validation::FieldErrors;

/// What an official records about an irritant, valid in every part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IrritantFields {
    /// The official language the title and summary are written in.
    pub language: OfficialLanguage,
    pub title: Title,
    pub summary: String,
    /// The title in the other official language, if someone has given it.
    pub title_translation: Option<Title>,
    /// The summary in the other official language; empty when none was given.
    pub summary_translation: String,
    pub counterpart: CountryCode,
    pub direction: Direction,
    pub sector: Sector,
    pub products: Vec<Product>,
    pub measure_type: MeasureType,
    pub measure: String,
    /// The day the measure took effect (or takes effect, when it is announced).
    pub in_force_since: Option<CalendarDate>,
    pub priority: Priority,
    pub action_holder: ActionHolder,
    /// The owning person's id.
    pub owner: Option<PersonId>,
    /// The lead department's code.
    pub lead_department: Option<String>,
    pub team: String,
    pub target_date: Option<CalendarDate>,
    pub trade_value: Option<TradeValue>,
}

/// An irritant as submitted: every field as typed, so a refused form can be shown again
/// exactly as the user left it. Products are one per line, `CODE label`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct IrritantInput {
    /// Required as sent: a form that left it out would otherwise rewrite a French irritant as
    /// English. (A new irritant's form starts with the reader's language chosen.)
    #[serde(default)]
    pub language: String,
    pub title: String,
    pub summary: String,
    pub title_translation: String,
    pub summary_translation: String,
    pub counterpart: String,
    pub direction: String,
    pub sector: String,
    pub products: String,
    pub measure_type: String,
    pub measure: String,
    pub in_force_since: String,
    pub priority: String,
    pub action_holder: String,
    pub owner: String,
    pub lead_department: String,
    pub team: String,
    pub target_date: String,
    pub trade_value_amount: String,
    pub trade_value_year: String,
    pub trade_value_source: String,
    /// Why the target date moves later, when it does: required then, and kept in the history.
    pub slip_reason: String,
    /// Milestones to plan as it is recorded, one per line (see
    /// [`super::milestone::parse_planned`]); only the record form sends them.
    pub milestones: String,
}

impl Default for IrritantInput {
    /// A new irritant starts with the brief's defaults: their measure, priority medium, and
    /// the counterpart to act.
    fn default() -> Self {
        Self {
            language: OfficialLanguage::English.code().into(),
            title: String::new(),
            summary: String::new(),
            title_translation: String::new(),
            summary_translation: String::new(),
            counterpart: String::new(),
            direction: Direction::TheirMeasure.code().into(),
            sector: Sector::Other.code().into(),
            products: String::new(),
            measure_type: MeasureType::Other.code().into(),
            measure: String::new(),
            in_force_since: String::new(),
            priority: Priority::Medium.code().into(),
            action_holder: ActionHolder::Counterpart.code().into(),
            owner: String::new(),
            lead_department: String::new(),
            team: String::new(),
            target_date: String::new(),
            trade_value_amount: String::new(),
            trade_value_year: String::new(),
            trade_value_source: String::new(),
            slip_reason: String::new(),
            milestones: String::new(),
        }
    }
}

impl super::merge::EditForm for IrritantInput {
    const FIELDS: &'static [&'static str] = &[
        "language",
        "title",
        "summary",
        "title_translation",
        "summary_translation",
        "counterpart",
        "direction",
        "sector",
        "products",
        "measure_type",
        "measure",
        "in_force_since",
        "priority",
        "action_holder",
        "owner",
        "lead_department",
        "team",
        "target_date",
        "trade_value_amount",
        "trade_value_year",
        "trade_value_source",
        "slip_reason",
        "milestones",
    ];
    const GROUPS: &'static [&'static [&'static str]] = &[&[
        "trade_value_amount",
        "trade_value_year",
        "trade_value_source",
    ]];
}

impl IrritantInput {
    /// The record form as first shown to a reader of `language`: the brief's defaults, but
    /// with no sector, measure or priority chosen, so that a rushed person cannot save a
    /// classification they never made. The text is taken to be in the reader's language.
    pub fn blank_form(language: OfficialLanguage) -> Self {
        Self {
            language: language.code().into(),
            sector: String::new(),
            measure_type: String::new(),
            priority: String::new(),
            ..Self::default()
        }
    }

    /// Parses every field, reporting each problem against its field. People and departments
    /// must be ones the register knows.
    pub fn parse(
        &self,
        reference_data: &ReferenceData,
        today: NaiveDate,
    ) -> Result<IrritantFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        let language = errors.check("language", OfficialLanguage::parse(&self.language));
        let title = errors.check("title", Title::parse(&self.title));
        let summary = errors.check("summary", optional_text(&self.summary, NOTE_MAX));
        let title_translation = errors.check(
            "title_translation",
            Title::parse_optional(&self.title_translation),
        );
        let summary_translation = errors.check(
            "summary_translation",
            optional_text(&self.summary_translation, NOTE_MAX),
        );
        let counterpart = errors.check("counterpart", CountryCode::parse(&self.counterpart));
        let direction = errors.check("direction", Direction::parse(&self.direction));
        let sector = errors.check("sector", Sector::parse(&self.sector));
        let products = errors.check("products", Product::parse_lines(&self.products));
        let measure_type = errors.check("measure_type", MeasureType::parse(&self.measure_type));
        let measure = errors.check("measure", optional_text(&self.measure, NOTE_MAX));
        let in_force_since = errors.check(
            "in_force_since",
            CalendarDate::parse_optional(&self.in_force_since),
        );
        let priority = errors.check("priority", Priority::parse(&self.priority));
        let action_holder = errors.check("action_holder", ActionHolder::parse(&self.action_holder));
        let owner = errors.check("owner", reference_data.parse_person(&self.owner));
        let lead_department = errors.check(
            "lead_department",
            reference_data.parse_department(&self.lead_department),
        );
        let team = errors.check("team", optional_line(&self.team));
        let target_date = errors.check(
            "target_date",
            CalendarDate::parse_optional(&self.target_date),
        );
        let trade_value = TradeValue::parse(
            &self.trade_value_amount,
            &self.trade_value_year,
            &self.trade_value_source,
            today,
        )
        .map_err(|e| errors.extend(e))
        .ok()
        .flatten();

        // Each value is present where its field had no problem.
        let fields = (|| {
            Some(IrritantFields {
                language: language?,
                title: title?,
                summary: summary?,
                title_translation: title_translation?,
                summary_translation: summary_translation?,
                counterpart: counterpart?,
                direction: direction?,
                sector: sector?,
                products: products?,
                measure_type: measure_type?,
                measure: measure?,
                in_force_since: in_force_since?,
                priority: priority?,
                action_holder: action_holder?,
                owner: owner?,
                lead_department: lead_department?,
                team: team?,
                target_date: target_date?,
                trade_value,
            })
        })();
        match fields {
            Some(fields) if errors.is_empty() => Ok(fields),
            _ => Err(errors),
        }
    }
}

impl From<&IrritantFields> for IrritantInput {
    /// The stored facts as the edit form shows them.
    fn from(fields: &IrritantFields) -> Self {
        let trade_value = fields.trade_value.as_ref();
        Self {
            language: fields.language.code().into(),
            title: fields.title.to_string(),
            summary: fields.summary.clone(),
            title_translation: fields
                .title_translation
                .as_ref()
                .map(Title::to_string)
                .unwrap_or_default(),
            summary_translation: fields.summary_translation.clone(),
            counterpart: fields.counterpart.to_string(),
            direction: fields.direction.code().into(),
            sector: fields.sector.code().into(),
            products: Product::to_lines(&fields.products),
            measure_type: fields.measure_type.code().into(),
            measure: fields.measure.clone(),
            in_force_since: fields
                .in_force_since
                .map(|d| d.to_string())
                .unwrap_or_default(),
            priority: fields.priority.code().into(),
            action_holder: fields.action_holder.code().into(),
            owner: fields
                .owner
                .as_ref()
                .map(PersonId::to_string)
                .unwrap_or_default(),
            lead_department: fields.lead_department.clone().unwrap_or_default(),
            team: fields.team.clone(),
            target_date: fields
                .target_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            trade_value_amount: trade_value.map(TradeValue::amount_text).unwrap_or_default(),
            trade_value_year: trade_value
                .map(|v| v.year().to_string())
                .unwrap_or_default(),
            trade_value_source: trade_value
                .map(|v| v.source().to_owned())
                .unwrap_or_default(),
            milestones: String::new(),
            slip_reason: String::new(),
        }
    }
}

impl IrritantFields {
    /// The title as a reader of `reader` sees it.
    pub fn title_for(&self, reader: OfficialLanguage) -> Shown<'_> {
        let translation = self.title_translation.as_ref().map_or("", Title::as_str);
        for_reader(self.title.as_str(), self.language, translation, reader)
    }

    /// The summary as a reader of `reader` sees it.
    pub fn summary_for(&self, reader: OfficialLanguage) -> Shown<'_> {
        for_reader(
            &self.summary,
            self.language,
            &self.summary_translation,
            reader,
        )
    }

    /// The history records for going from `self` to `after`, one per changed field, with
    /// values as they read (people by name, vocabularies by code).
    pub fn changes_to(&self, after: &IrritantFields, people: &ReferenceData) -> Vec<ChangeRecord> {
        let mut changes: Vec<ChangeRecord> = self
            .recorded_values()
            .into_iter()
            .zip(after.recorded_values())
            .filter(|((_, before), (_, after))| before != after)
            .map(|((field, before), (_, after))| ChangeRecord::field_changed(field, before, after))
            .collect();
        if let Some((before, after)) = people.reassignment(&self.owner, &after.owner) {
            changes.push(ChangeRecord::field_changed("owner", before, after));
        }
        changes
    }

    /// Each field but the owner as the history records it (empty text as none), by name.
    fn recorded_values(&self) -> [(&'static str, Option<String>); 18] {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        let code = |s: &str| Some(s.to_owned());
        [
            ("language", code(self.language.code())),
            ("title", text(self.title.as_str())),
            ("summary", text(&self.summary)),
            (
                "title_translation",
                self.title_translation.as_ref().map(Title::to_string),
            ),
            ("summary_translation", text(&self.summary_translation)),
            ("counterpart", code(self.counterpart.as_str())),
            ("direction", code(self.direction.code())),
            ("sector", code(self.sector.code())),
            ("products", text(&Product::to_lines(&self.products))),
            ("measure_type", code(self.measure_type.code())),
            ("measure", text(&self.measure)),
            ("priority", code(self.priority.code())),
            ("action_holder", code(self.action_holder.code())),
            ("lead_department", self.lead_department.clone()),
            ("team", text(&self.team)),
            ("target_date", self.target_date.map(|d| d.to_string())),
            ("in_force_since", self.in_force_since.map(|d| d.to_string())),
            (
                "trade_value",
                self.trade_value
                    .as_ref()
                    .map(|v| format!("{} ({}, {})", v.display_amount(), v.year(), v.source())),
            ),
        ]
    }

    /// The text that the list's `q` search looks in, in its searchable form.
    pub fn search_text(&self, reference: &Reference) -> String {
        let translated_title = self.title_translation.as_ref().map_or("", Title::as_str);
        let mut text = format!(
            "{reference}\n{}\n{}\n{}\n{}\n{translated_title}\n{}",
            self.title, self.summary, self.measure, self.team, self.summary_translation
        );
        for product in &self.products {
            text.push('\n');
            text.push_str(&product.hs_code.to_string());
            text.push(' ');
            text.push_str(&product.label);
        }
        super::search::stored_search_text(&text)
    }
}

/// An irritant as stored: its facts, where it stands, and its bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Irritant {
    pub id: IrritantId,
    pub reference: Reference,
    pub fields: IrritantFields,
    pub status: StatusState,
    /// The delivery confidence of the latest progress update, if any.
    pub rag: Option<Rag>,
    pub last_progress_on: Option<NaiveDate>,
    /// Grows by one with each change to the facts or the status; an edit names the version it
    /// started from and is refused if another got there first.
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Irritant {
    /// Target date passed while the irritant is still being worked on.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.status.is_active()
            && self
                .fields
                .target_date
                .is_some_and(|target| target.get() < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::people::{Department, Email, Person};

    fn reference_data() -> ReferenceData {
        ReferenceData {
            people: vec![Person {
                id: PersonId::from("p1".to_owned()),
                email: Email::parse("ada@gc.ca").unwrap(),
                name: "Ada Tremblay".into(),
                department: None,
                active: true,
            }],
            departments: vec![Department {
                code: "AAFC".into(),
                name_en: "Agriculture".into(),
                name_fr: "Agriculture".into(),
                acronym_fr: "AAC".into(),
            }],
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
    }

    fn canola() -> IrritantInput {
        IrritantInput {
            title: "Duties on canola seed".into(),
            counterpart: "cn".into(),
            products: "1205.10 Canola seed".into(),
            owner: "ada@gc.ca".into(),
            lead_department: "aafc".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_minimal_irritant_takes_the_defaults() {
        let fields = canola().parse(&reference_data(), today()).unwrap();
        assert_eq!(fields.counterpart.as_str(), "CN");
        assert_eq!(fields.priority, Priority::Medium);
        assert_eq!(fields.owner.as_ref().map(PersonId::as_str), Some("p1"));
        assert_eq!(fields.lead_department.as_deref(), Some("AAFC"));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let input = IrritantInput {
            title: " ".into(),
            counterpart: "ZZ".into(),
            products: "12x Seeds".into(),
            target_date: "2026-13-01".into(),
            owner: "nobody@gc.ca".into(),
            ..Default::default()
        };
        let errors = input.parse(&reference_data(), today()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(field, _)| field).collect();
        assert_eq!(
            fields,
            ["title", "counterpart", "products", "owner", "target_date"]
        );
    }

    #[test]
    fn changes_name_each_field_with_readable_values() {
        let data = reference_data();
        let before = canola().parse(&data, today()).unwrap();
        let mut edited = canola();
        edited.priority = "leaders".into();
        edited.owner = String::new();
        let after = edited.parse(&data, today()).unwrap();
        let changes = before.changes_to(&after, &data);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].field, Some("priority"));
        assert_eq!(changes[1].before.as_deref(), Some("Ada Tremblay"));
        assert_eq!(changes[1].after, None);
    }

    #[test]
    fn reassigning_between_namesakes_is_recorded() {
        let mut data = reference_data();
        let mut namesake = data.people[0].clone();
        namesake.id = PersonId::from("p2".to_owned());
        namesake.email = Email::parse("ada.t@gc.ca").unwrap();
        data.people.push(namesake);
        let before = canola().parse(&data, today()).unwrap();
        let after = IrritantInput {
            owner: "p2".into(),
            ..canola()
        }
        .parse(&data, today())
        .unwrap();
        let changes = before.changes_to(&after, &data);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[0].after.as_deref(),
            Some("Ada Tremblay <ada.t@gc.ca>")
        );
    }

    #[test]
    fn stored_fields_round_trip_through_the_form() {
        let data = reference_data();
        let fields = canola().parse(&data, today()).unwrap();
        assert_eq!(
            IrritantInput::from(&fields).parse(&data, today()).unwrap(),
            fields
        );
    }
}
