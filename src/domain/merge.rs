//! Three-way merge of an edit that was refused because someone else saved first.
//!
//! The user edited a form read at some version (the base); meanwhile another change was saved
//! (theirs). Fields the user did not touch take their value, so saving again cannot undo their
//! work; fields only the user changed keep the user's value; fields both changed, differently,
//! are returned for the user to decide. The form carries the base as fingerprints of its
//! fields, which is all the merge needs to know and keeps the form small.

use std::collections::HashMap;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A form whose fields can be merged.
pub trait EditForm: Serialize + DeserializeOwned + Clone {
    /// Its field names, as it serialises them.
    const FIELDS: &'static [&'static str];
    /// Fields that only make sense together (an amount and its year): if both sides changed
    /// any of them, all are disputed.
    const GROUPS: &'static [&'static [&'static str]] = &[];
}

/// Fingerprints of a form's fields as first shown, keyed by field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprints(HashMap<String, String>);

impl Fingerprints {
    pub fn of<T: EditForm>(input: &T) -> Self {
        let fields = fields(input);
        Self(
            T::FIELDS
                .iter()
                .map(|name| ((*name).to_owned(), fingerprint(&text(&fields, name))))
                .collect(),
        )
    }

    /// The fingerprints as a form's hidden field carries them.
    pub fn encode(&self) -> String {
        let mut pairs: Vec<(&String, &String)> = self.0.iter().collect();
        pairs.sort();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    pub fn decode(encoded: &str) -> Option<Self> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(encoded).ok()?;
        (!pairs.is_empty()).then(|| Self(pairs.into_iter().collect()))
    }

    fn matches(&self, name: &str, value: &str) -> Option<bool> {
        self.0.get(name).map(|print| *print == fingerprint(value))
    }
}

/// A stable 64-bit FNV-1a fingerprint of a field's value, line endings and surrounding
/// spaces aside (browsers send `\r\n`; the register stores `\n`).
fn fingerprint(value: &str) -> String {
    let normalised = normalise(value);
    let hash = normalised
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    format!("{hash:016x}")
}

fn normalise(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_owned()
}

fn fields<T: Serialize>(input: &T) -> serde_json::Map<String, Value> {
    match serde_json::to_value(input) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

fn text(fields: &serde_json::Map<String, Value>, name: &str) -> String {
    match fields.get(name) {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The merged input and the fields both sides changed differently. Without a base nothing
/// can be told apart, so every field that differs from theirs is disputed.
pub fn merge_edit<T: EditForm>(
    base: Option<&Fingerprints>,
    mine: &T,
    theirs: &T,
) -> (T, Vec<&'static str>) {
    let mine_fields = fields(mine);
    let theirs_fields = fields(theirs);
    let mut merged = mine_fields.clone();
    let mut taken: Vec<&'static str> = Vec::new();
    let mut kept: Vec<&'static str> = Vec::new();
    let mut disputed: Vec<&'static str> = Vec::new();
    for name in T::FIELDS {
        let (m, t) = (text(&mine_fields, name), text(&theirs_fields, name));
        if normalise(&m) == normalise(&t) {
            continue;
        }
        match (
            base.and_then(|b| b.matches(name, &m)),
            base.and_then(|b| b.matches(name, &t)),
        ) {
            (Some(true), _) => {
                merged.insert((*name).to_owned(), Value::String(t));
                taken.push(name);
            }
            (Some(false), Some(true)) => kept.push(name),
            _ => disputed.push(name),
        }
    }
    for group in T::GROUPS {
        let touches = |list: &[&str]| group.iter().any(|member| list.contains(member));
        if touches(&disputed) || (touches(&taken) && touches(&kept)) {
            for member in group.iter() {
                merged.insert(
                    (*member).to_owned(),
                    Value::String(text(&mine_fields, member)),
                );
                if !disputed.contains(member)
                    && text(&mine_fields, member) != text(&theirs_fields, member)
                {
                    disputed.push(member);
                }
            }
        }
    }
    match serde_json::from_value(Value::Object(merged)) {
        Ok(merged) => (merged, disputed),
        Err(_) => (mine.clone(), T::FIELDS.to_vec()),
    }
}

/// The value of one field, as text, for telling the user what the other person entered.
pub fn field_text<T: Serialize>(input: &T, name: &str) -> String {
    text(&fields(input), name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::IrritantInput;

    fn input(title: &str, priority: &str, team: &str) -> IrritantInput {
        IrritantInput {
            title: title.into(),
            priority: priority.into(),
            team: team.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_field_lists_name_every_field() {
        fn names<T: EditForm + Default>() -> Vec<String> {
            let mut names: Vec<String> = fields(&T::default()).keys().cloned().collect();
            names.sort();
            names
        }
        let mut listed: Vec<&str> = IrritantInput::FIELDS.to_vec();
        listed.sort();
        assert_eq!(names::<IrritantInput>(), listed);
        let mut listed: Vec<&str> = crate::domain::milestone::MilestoneInput::FIELDS.to_vec();
        listed.sort();
        assert_eq!(names::<crate::domain::milestone::MilestoneInput>(), listed);
    }

    #[test]
    fn untouched_fields_take_the_saved_value_and_edits_are_kept() {
        let base = Fingerprints::of(&input("Canola", "medium", ""));
        let mine = input("Canola duties", "medium", "");
        let theirs = input("Canola", "leaders", "Market access");
        let (merged, disputed) = merge_edit(Some(&base), &mine, &theirs);
        assert_eq!(merged, input("Canola duties", "leaders", "Market access"));
        assert!(disputed.is_empty());
    }

    #[test]
    fn fields_both_changed_differently_are_disputed_and_keep_the_users_entry() {
        let base = Fingerprints::of(&input("Canola", "medium", ""));
        let mine = input("Canola duties", "high", "");
        let theirs = input("Canola seed duties", "high", "");
        let (merged, disputed) = merge_edit(Some(&base), &mine, &theirs);
        assert_eq!(merged.title, "Canola duties");
        assert_eq!(disputed, ["title"]);
        assert_eq!(field_text(&theirs, "title"), "Canola seed duties");
    }

    #[test]
    fn line_endings_from_the_browser_do_not_count_as_an_edit() {
        let stored = IrritantInput {
            summary: "Line one\nLine two".into(),
            ..Default::default()
        };
        let base = Fingerprints::decode(&Fingerprints::of(&stored).encode()).unwrap();
        let mine = IrritantInput {
            summary: "Line one\r\nLine two".into(),
            ..Default::default()
        };
        let theirs = IrritantInput {
            summary: "Line one\nLine two, revised".into(),
            ..Default::default()
        };
        let (merged, disputed) = merge_edit(Some(&base), &mine, &theirs);
        assert_eq!(merged.summary, "Line one\nLine two, revised");
        assert!(disputed.is_empty());
    }

    #[test]
    fn without_a_base_every_difference_is_disputed() {
        let (merged, disputed) = merge_edit(
            None,
            &input("Mine", "high", ""),
            &input("Theirs", "high", "Team"),
        );
        assert_eq!(merged.title, "Mine");
        assert_eq!(disputed, ["title", "team"]);
    }

    #[test]
    fn a_trade_value_is_merged_as_a_whole() {
        let value = |amount: &str, year: &str| IrritantInput {
            trade_value_amount: amount.into(),
            trade_value_year: year.into(),
            trade_value_source: "StatCan".into(),
            ..Default::default()
        };
        let base = Fingerprints::of(&value("100", "2024"));
        let (merged, disputed) =
            merge_edit(Some(&base), &value("250", "2024"), &value("100", "2025"));
        assert_eq!(
            (
                merged.trade_value_amount.as_str(),
                merged.trade_value_year.as_str()
            ),
            ("250", "2024")
        );
        assert_eq!(disputed, ["trade_value_amount", "trade_value_year"]);
    }
}
