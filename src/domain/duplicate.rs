//! Likely duplicates: an irritant about to be recorded that the register may hold already.
//! Two irritants are alike when they face the same counterpart and their titles share most of
//! their words, or they concern products of the same HS heading.

use std::collections::HashSet;

/// Words that say nothing of what an irritant is about, in English and French.
const COMMON_WORDS: [&str; 28] = [
    "the", "and", "for", "from", "with", "into", "on", "of", "to", "in", "by", "a", "an", "les",
    "des", "sur", "aux", "une", "dans", "par", "pour", "avec", "de", "du", "la", "le", "et", "en",
];

/// Words that name a kind of measure or the trade itself: shared, they make two titles look
/// alike without making them the same matter.
const MEASURE_WORDS: [&str; 40] = [
    "tariff",
    "tariffs",
    "duty",
    "duties",
    "anti",
    "dumping",
    "antidumping",
    "countervailing",
    "ban",
    "bans",
    "surtax",
    "quota",
    "quotas",
    "restriction",
    "restrictions",
    "import",
    "imports",
    "export",
    "exports",
    "additional",
    "canadian",
    "canada",
    "measure",
    "measures",
    "droit",
    "droits",
    "tarif",
    "tarifs",
    "surtaxe",
    "interdiction",
    "importation",
    "importations",
    "exportations",
    "mesure",
    "mesures",
    "canadien",
    "canadiens",
    "canadienne",
    "canadiennes",
    "supplémentaires",
];

/// The words of a title that say what it is about, lower-cased.
fn significant_words(title: &str) -> HashSet<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|word| word.chars().count() >= 3 && !COMMON_WORDS.contains(&word.as_str()))
        .collect()
}

/// The words of a title about the goods or the matter, not the kind of measure: a title alike
/// shares at least one of them.
pub fn matter_words(title: &str) -> Vec<String> {
    let mut words: Vec<String> = significant_words(title)
        .into_iter()
        .filter(|word| !MEASURE_WORDS.contains(&word.as_str()))
        .collect();
    words.sort_unstable();
    words
}

/// An active irritant of the register, as a comparison of titles needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub reference: String,
    pub counterpart: String,
    pub title: String,
}

/// How many likely duplicates the record form names: enough to recognise the one it is.
pub const MOST_SHOWN: usize = 8;

/// Whether two titles read as the same matter: at least two significant words in common,
/// making at least half of the shorter title's, one of them about the goods or the matter
/// rather than the kind of measure.
pub fn similar_titles(one: &str, other: &str) -> bool {
    let (one, other) = (significant_words(one), significant_words(other));
    let shared: Vec<&String> = one.intersection(&other).collect();
    let about_the_matter = shared
        .iter()
        .any(|word| !MEASURE_WORDS.contains(&word.as_str()));
    let shorter = one.len().min(other.len());
    about_the_matter && shared.len() >= 2 && shared.len() * 2 >= shorter
}

/// Why an irritant of the register may be the one about to be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    Title,
    /// Products of the same HS heading.
    Products,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_alike_share_most_of_their_words() {
        assert!(similar_titles(
            "Additional tariff on Canadian pork",
            "Tariff on pork imports"
        ));
        assert!(similar_titles(
            "Droits antidumping sur le canola",
            "Enquête antidumping : canola"
        ));
        assert!(!similar_titles("Tariff on lobster", "Tariff on pork"));
        assert!(!similar_titles(
            "Anti-dumping duties on canola seed from Canada",
            "Anti-dumping duties on steel wire"
        ));
        assert!(!similar_titles("", "Tariff on pork"));
    }

    #[test]
    fn the_matter_of_a_title_leaves_out_the_kind_of_measure() {
        assert_eq!(
            matter_words("Additional tariff on Canadian pork and pork products"),
            ["pork", "products"]
        );
        assert!(matter_words("Anti-dumping duties").is_empty());
    }
}
