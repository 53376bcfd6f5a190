//! Which column of a spreadsheet fills which of irritrack's fields: found from the headings
//! (the list's own export, headed in English or French, maps itself), or given as a TOML file
//! that names, for each field, the heading of its column:
//!
//! ```toml
//! [columns]
//! title = "Issue"
//! counterpart = "Country"
//! owner = "Lead officer (e-mail)"
//! ```

use std::collections::BTreeMap;

use crate::i18n::Locale;

/// The fields a column may fill, in the order of the list's export.
pub const FIELDS: [&str; 27] = [
    "reference",
    "title",
    "counterpart",
    "direction",
    "sector",
    "products",
    "measure_type",
    "measure",
    "status",
    "status_date",
    "note",
    "priority",
    "action_holder",
    "rag",
    "owner",
    "lead_department",
    "team",
    "target_date",
    "trade_value_amount",
    "trade_value_year",
    "trade_value_source",
    "summary",
    "in_force_since",
    "language",
    "title_translation",
    "summary_translation",
    "closure_reason",
];

/// The column (from 0) each mapped field is read from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    columns: BTreeMap<&'static str, usize>,
}

/// The mapping file's form.
#[derive(serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    columns: BTreeMap<String, String>,
}

impl Mapping {
    /// The columns whose heading names a field, by its code or its name in English or French
    /// (case and spacing aside).
    pub fn detect(headings: &[String]) -> Self {
        let names: Vec<(&'static str, Vec<String>)> = FIELDS
            .iter()
            .map(|field| {
                let mut names = vec![field.to_string(), field.replace('_', " ")];
                for code in ["en", "fr"] {
                    if let Some(locale) = Locale::from_code(code) {
                        names.push(normalised(&locale.field(field)));
                    }
                }
                (*field, names)
            })
            .collect();
        let mut columns = BTreeMap::new();
        for (at, heading) in headings.iter().enumerate() {
            let heading = normalised(heading);
            if let Some((field, _)) = names.iter().find(|(_, names)| names.contains(&heading)) {
                columns.entry(*field).or_insert(at);
            }
        }
        Self { columns }
    }

    /// A mapping from a TOML file's text, checked against the sheet's headings.
    pub fn from_toml(text: &str, headings: &[String]) -> Result<Self, String> {
        let file: MappingFile =
            toml::from_str(text).map_err(|e| format!("the mapping cannot be read: {e}"))?;
        let mut columns = BTreeMap::new();
        for (field, heading) in &file.columns {
            let field = FIELDS
                .iter()
                .find(|f| **f == field.as_str())
                .ok_or_else(|| {
                    format!("{field:?} is not a field: use one of {}", FIELDS.join(", "))
                })?;
            let at = headings
                .iter()
                .position(|h| normalised(h) == normalised(heading))
                .ok_or_else(|| format!("no column is headed {heading:?}"))?;
            columns.insert(*field, at);
        }
        Ok(Self { columns })
    }

    /// The mapping chosen on the import page: for each column (from 0), the field it fills,
    /// or nothing. A field filled by two columns is refused, naming the field.
    pub fn from_choices<'c>(
        choices: impl IntoIterator<Item = (usize, &'c str)>,
    ) -> Result<Self, &'static str> {
        let mut columns = BTreeMap::new();
        for (at, chosen) in choices {
            let Some(field) = FIELDS.iter().find(|f| **f == chosen) else {
                continue;
            };
            if columns.insert(*field, at).is_some() {
                return Err(field);
            }
        }
        Ok(Self { columns })
    }

    /// The mapping as a TOML file naming each field's heading, to be used again.
    pub fn to_toml(&self, headings: &[String]) -> String {
        let file = MappingFile {
            columns: self
                .columns
                .iter()
                .map(|(field, at)| (field.to_string(), headings[*at].clone()))
                .collect(),
        };
        toml::to_string(&file).unwrap_or_default()
    }

    /// A short digest of the mapping, that a page can carry to show which mapping it
    /// previewed.
    pub fn fingerprint(&self) -> String {
        let text: String = self
            .columns
            .iter()
            .map(|(field, at)| format!("{field}={at};"))
            .collect();
        crate::domain::text::sha256_hex(&text)[..16].to_owned()
    }

    /// The column a field is read from, if any.
    pub fn column(&self, field: &str) -> Option<usize> {
        self.columns.get(field).copied()
    }

    /// The field a column fills, if any.
    pub fn field_of(&self, column: usize) -> Option<&'static str> {
        self.columns
            .iter()
            .find(|(_, at)| **at == column)
            .map(|(field, _)| *field)
    }
}

/// A heading compared without case, accents' spacing or surrounding blanks.
fn normalised(heading: &str) -> String {
    heading
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn the_exports_headings_in_either_language_map_themselves() {
        for code in ["en", "fr"] {
            let locale = Locale::from_code(code).unwrap();
            let exported: Vec<String> = FIELDS
                .iter()
                .map(|f| locale.field(f).into_owned())
                .collect();
            let mapping = Mapping::detect(&exported);
            for (at, field) in FIELDS.iter().enumerate() {
                assert_eq!(mapping.column(field), Some(at), "{code} {field}");
            }
        }
    }

    #[test]
    fn a_mapping_file_names_headings_and_is_written_back_the_same() {
        let sheet = headings(&["Issue", "Country", "Officer"]);
        let text = "[columns]\ntitle = \"issue\"\ncounterpart = \"Country\"\n";
        let mapping = Mapping::from_toml(text, &sheet).unwrap();
        assert_eq!(mapping.column("title"), Some(0));
        assert_eq!(mapping.field_of(1), Some("counterpart"));
        let again = Mapping::from_toml(&mapping.to_toml(&sheet), &sheet).unwrap();
        assert_eq!(again, mapping);
        let unknown = Mapping::from_toml("[columns]\ncolour = \"Issue\"\n", &sheet);
        assert!(unknown.unwrap_err().contains("not a field"));
        let missing = Mapping::from_toml("[columns]\ntitle = \"Subject\"\n", &sheet);
        assert!(missing.unwrap_err().contains("no column is headed"));
    }
}
