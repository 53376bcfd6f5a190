//! Every row of a spreadsheet checked as an irritant before any is stored: its cells read
//! in the forms people and the list's export write them (labels in English or French, codes,
//! owners by e-mail or name, departments by code or name, dates as dates), then parsed by the
//! same rules as the record form, each problem named by its row and column.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::mapping::Mapping;
use super::sheet::Sheet;
use crate::domain::imported::ImportedIrritant;
use crate::domain::readout::parse_date;
use crate::domain::{
    ActionHolder, CalendarDate, ClosureReason, CountryCode, Direction, FieldError, IrritantInput,
    MeasureType, OfficialLanguage, Priority, Rag, Reference, ReferenceData, Sector, Status,
    StatusChange, StatusChangeInput, StatusState,
};
use crate::i18n::Locale;

/// A problem with one cell (or one row, when no column says it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: usize,
    /// The heading of the column at fault.
    pub column: Option<String>,
    pub error: FieldError,
}

/// The rows as checked: all of them ready, or the problems that stop the import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    pub rows: Vec<ImportedIrritant>,
    pub problems: Vec<RowProblem>,
}

/// Fields a spreadsheet must give a column to.
const REQUIRED: [&str; 2] = ["title", "counterpart"];

/// The fields the mapping must give but does not.
pub fn unmapped_required(mapping: &Mapping) -> Vec<&'static str> {
    REQUIRED
        .into_iter()
        .filter(|field| mapping.column(field).is_none())
        .collect()
}

/// Checks every row; `today` dates a status given without its date.
pub fn check(
    sheet: &Sheet,
    mapping: &Mapping,
    reference_data: &ReferenceData,
    today: NaiveDate,
) -> Checked {
    let readers = Readers::new();
    let mut checked = Checked::default();
    let mut references = HashSet::new();
    for (cells, &line) in sheet.rows.iter().zip(&sheet.lines) {
        let cell = |field: &str| {
            mapping
                .column(field)
                .and_then(|column| cells.get(column))
                .map_or("", |text| text.as_str())
        };
        let mut problem = |field: &str, error: FieldError| {
            let column = mapping.column(field).map(|c| sheet.headings[c].clone());
            checked.problems.push(RowProblem {
                line,
                column,
                error,
            });
        };
        let reference = match cell("reference") {
            "" => None,
            raw => match Reference::parse(raw) {
                Ok(reference) if references.insert(reference) => Some(reference),
                Ok(_) => {
                    problem(
                        "reference",
                        FieldError::new("import-repeated-reference").with("value", raw),
                    );
                    None
                }
                Err(error) => {
                    problem("reference", error);
                    None
                }
            },
        };
        let input = readers.input(&cell, reference_data);
        let status = readers.status(&cell, today).map_err(|errors| {
            for (field, error) in errors.iter() {
                problem(field, error.clone());
            }
        });
        let rag = match cell("rag") {
            "" => Ok(None),
            raw => {
                Rag::parse(&readers.code(raw, Rag::LABEL_PREFIX, Rag::ALL.iter().map(|r| r.code())))
                    .map(Some)
            }
        }
        .map_err(|error| problem("rag", error));
        let fields = input.parse(reference_data, today).map_err(|errors| {
            for (field, error) in errors.iter() {
                // The three parts of a trade value are checked together.
                problem(field, error.clone());
            }
        });
        if let (Ok(fields), Ok(status), Ok(rag)) = (fields, status, rag) {
            checked.rows.push(ImportedIrritant {
                line,
                reference,
                fields,
                status,
                rag,
            });
        }
    }
    if !checked.problems.is_empty() {
        checked.rows.clear();
    }
    checked
}

/// What reads labels in both official languages.
struct Readers {
    locales: [Locale; 2],
}

/// The status form's fields, as a spreadsheet's columns name them.
const STATUS_COLUMNS: [(&str, &str); 4] = [
    ("status", "status"),
    ("effective_date", "status_date"),
    ("note", "note"),
    ("closure_reason", "closure_reason"),
];

impl Readers {
    /// Where the row's irritant stands: open, unless its cells give another status, which
    /// must then meet the status form's rules (a date not in the future, the note each
    /// status asks for, a reason for closing). Problems are named by the columns' fields.
    fn status<'c>(
        &self,
        cell: &impl Fn(&str) -> &'c str,
        today: NaiveDate,
    ) -> Result<StatusState, crate::domain::FieldErrors> {
        let since = match date_text(cell("status_date")).as_str() {
            "" => today,
            raw => CalendarDate::parse_past(raw, today)
                .map_err(|e| crate::domain::FieldErrors::single("status_date", e))?
                .get(),
        };
        let status = self.code(
            cell("status"),
            Status::LABEL_PREFIX,
            Status::ALL.iter().map(|s| s.code()),
        );
        if status.is_empty() || status == Status::Open.code() {
            return Ok(StatusState {
                note: cell("note").to_owned(),
                ..StatusState::opened(since)
            });
        }
        let input = StatusChangeInput {
            status,
            effective_date: since.to_string(),
            note: cell("note").to_owned(),
            closure_reason: self.code(
                cell("closure_reason"),
                ClosureReason::LABEL_PREFIX,
                ClosureReason::ALL.iter().map(|r| r.code()),
            ),
            summary: String::new(),
        };
        let from = StatusState::opened(NaiveDate::MIN);
        StatusChange::parse(&input, &from, today)
            .map(|change| change.to)
            .map_err(|errors| {
                let mut renamed = crate::domain::FieldErrors::new();
                for (field, error) in errors.iter() {
                    let column = STATUS_COLUMNS
                        .iter()
                        .find(|(form, _)| *form == field)
                        .map_or("status", |(_, column)| column);
                    renamed.add(column, error.clone());
                }
                renamed
            })
    }

    fn new() -> Self {
        Self {
            locales: [Locale::english(), Locale::french()],
        }
    }

    /// The code a cell names, by its code or its label in either language; else the cell
    /// as it is, for the parser to refuse with its own message.
    fn code(&self, raw: &str, prefix: &str, codes: impl Iterator<Item = &'static str>) -> String {
        let wanted = raw.trim().to_lowercase();
        for code in codes {
            let labels = self
                .locales
                .iter()
                .map(|l| l.label(prefix, code).to_lowercase());
            if code == wanted || labels.into_iter().any(|label| label == wanted) {
                return code.to_owned();
            }
        }
        raw.trim().to_owned()
    }

    /// The form the record form would have sent for this row.
    fn input<'c>(
        &self,
        cell: &impl Fn(&str) -> &'c str,
        reference_data: &ReferenceData,
    ) -> IrritantInput {
        let defaults = IrritantInput::default();
        let or_default = |raw: &str, default: String| {
            if raw.is_empty() {
                default
            } else {
                raw.to_owned()
            }
        };
        macro_rules! vocabulary {
            ($field:literal, $type:ty, $default:expr) => {
                or_default(
                    &self.code(
                        cell($field),
                        <$type>::LABEL_PREFIX,
                        <$type>::ALL.iter().map(|v| v.code()),
                    ),
                    $default,
                )
            };
        }
        IrritantInput {
            language: vocabulary!("language", OfficialLanguage, defaults.language),
            title: cell("title").to_owned(),
            summary: cell("summary").to_owned(),
            title_translation: cell("title_translation").to_owned(),
            summary_translation: cell("summary_translation").to_owned(),
            counterpart: CountryCode::parse_name_or_code(cell("counterpart"))
                .map_or_else(|_| cell("counterpart").to_owned(), |c| c.to_string()),
            direction: vocabulary!("direction", Direction, defaults.direction),
            sector: vocabulary!("sector", Sector, defaults.sector),
            products: cell("products")
                .split([';', '\n'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
            measure_type: vocabulary!("measure_type", MeasureType, defaults.measure_type),
            measure: cell("measure").to_owned(),
            in_force_since: date_text(cell("in_force_since")),
            priority: vocabulary!("priority", Priority, defaults.priority),
            action_holder: vocabulary!("action_holder", ActionHolder, defaults.action_holder),
            owner: person(reference_data, cell("owner")),
            lead_department: department(reference_data, cell("lead_department")),
            team: cell("team").to_owned(),
            target_date: date_text(cell("target_date")),
            trade_value_amount: cell("trade_value_amount").to_owned(),
            trade_value_year: cell("trade_value_year").to_owned(),
            trade_value_source: cell("trade_value_source").to_owned(),
            slip_reason: String::new(),
            milestones: String::new(),
        }
    }
}

/// The person a cell names, by e-mail address or by a name no one else has, as the form
/// names people (by id); else the cell, refused by the parser as unknown.
fn person(reference_data: &ReferenceData, raw: &str) -> String {
    let raw = raw.trim();
    if let Some(found) = reference_data.find_person(raw) {
        return found.id.to_string();
    }
    let named: Vec<_> = reference_data
        .people
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case(raw))
        .collect();
    match named.as_slice() {
        [only] => only.id.to_string(),
        _ => raw.to_owned(),
    }
}

/// The department a cell names, by its code, its French acronym or its name in either
/// language.
fn department(reference_data: &ReferenceData, raw: &str) -> String {
    let raw = raw.trim();
    reference_data
        .departments
        .iter()
        .find(|d| {
            [&d.code, &d.acronym_fr, &d.name_en, &d.name_fr]
                .iter()
                .any(|name| !name.is_empty() && name.eq_ignore_ascii_case(raw))
        })
        .map_or_else(|| raw.to_owned(), |d| d.code.clone())
}

/// A date cell as `YYYY-MM-DD` where it can be read without guessing: ISO dates (with a time
/// after them, as spreadsheets write), and dates with the month in words in English or
/// French. A date in figures only, such as `03/04/2026`, could be March or April: it is left
/// as it is, for the parser to refuse.
fn date_text(raw: &str) -> String {
    let raw = raw.trim();
    let day = raw.split([' ', 'T']).next().unwrap_or_default();
    if CalendarDate::parse(day).is_ok() {
        return day.to_owned();
    }
    parse_date(raw).map_or_else(|| raw.to_owned(), |date| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_without_guessing() {
        assert_eq!(date_text("2026-03-09"), "2026-03-09");
        assert_eq!(date_text("2026-03-09 00:00:00"), "2026-03-09");
        assert_eq!(date_text("March 9, 2026"), "2026-03-09");
        assert_eq!(date_text("9 mars 2026"), "2026-03-09");
        assert_eq!(date_text("03/04/2026"), "03/04/2026");
        assert_eq!(date_text(""), "");
    }

    #[test]
    fn labels_in_either_language_and_codes_name_the_same_value() {
        let readers = Readers::new();
        let codes = || Priority::ALL.iter().map(|p| p.code());
        let english = Locale::english()
            .label(Priority::LABEL_PREFIX, "high")
            .into_owned();
        let french = Locale::french()
            .label(Priority::LABEL_PREFIX, "high")
            .into_owned();
        for raw in ["high", "HIGH", english.as_str(), french.as_str()] {
            assert_eq!(
                readers.code(raw, Priority::LABEL_PREFIX, codes()),
                "high",
                "{raw}"
            );
        }
        assert_eq!(
            readers.code("urgent-ish", Priority::LABEL_PREFIX, codes()),
            "urgent-ish"
        );
    }
}
