//! Rows that may repeat an irritant the register holds already: the same counterpart and a
//! title that reads alike, by the record form's rule. Flagged on the preview, not refused: the
//! official decides. The register's titles are indexed by their words once, so that each row
//! is compared with the few irritants sharing a word with it, not with all of them.

use std::collections::{HashMap, HashSet};

use crate::domain::duplicate::{Existing, matter_words, similar_titles};
use crate::domain::imported::ImportedIrritant;

/// A row that may repeat an irritant of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LikelyDuplicate {
    pub line: usize,
    pub reference: String,
    pub title: String,
}

/// The counterparts of the rows, each once: the part of the register to compare them with.
pub fn counterparts_of(rows: &[ImportedIrritant]) -> Vec<String> {
    let mut counterparts: Vec<String> = rows
        .iter()
        .map(|row| row.fields.counterpart.to_string())
        .collect();
    counterparts.sort_unstable();
    counterparts.dedup();
    counterparts
}

/// For each row, the first irritant of the register it may repeat.
pub fn likely_duplicates(rows: &[ImportedIrritant], register: &[Existing]) -> Vec<LikelyDuplicate> {
    let mut by_word: HashMap<(&str, String), Vec<&Existing>> = HashMap::new();
    for existing in register {
        for word in matter_words(&existing.title) {
            by_word
                .entry((existing.counterpart.as_str(), word))
                .or_default()
                .push(existing);
        }
    }
    let mut found = Vec::new();
    for row in rows {
        let title = row.fields.title.as_str();
        let counterpart = row.fields.counterpart.as_str();
        let mut compared = HashSet::new();
        let alike = matter_words(title)
            .into_iter()
            .filter_map(|word| by_word.get(&(counterpart, word)))
            .flatten()
            .filter(|existing| compared.insert(existing.reference.as_str()))
            .find(|existing| {
                Some(existing.reference.as_str()) != row.reference.map(|r| r.to_string()).as_deref()
                    && similar_titles(title, &existing.title)
            });
        if let Some(existing) = alike {
            found.push(LikelyDuplicate {
                line: row.line,
                reference: existing.reference.clone(),
                title: existing.title.clone(),
            });
        }
    }
    found
}
