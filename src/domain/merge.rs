//! Three-way merge of an edit that was refused because someone else saved first.
//!
//! The user edited a form read at some version (the base); meanwhile another change was saved
//! (theirs). Fields the user did not touch take their value, so saving again cannot undo their
//! work; fields only the user changed keep the user's value; fields both changed, differently,
//! are returned for the user to decide.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A form whose fields can be merged: its field names, as it serialises them.
pub trait EditForm: Serialize + DeserializeOwned + Clone {
    const FIELDS: &'static [&'static str];
}

/// The merged input and the fields both sides changed differently.
pub fn merge_edit<T: EditForm>(base: &T, mine: &T, theirs: &T) -> (T, Vec<&'static str>) {
    let fields = |input: &T| match serde_json::to_value(input) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    };
    let (Some(base), Some(mut merged), Some(theirs)) = (fields(base), fields(mine), fields(theirs))
    else {
        return (mine.clone(), Vec::new());
    };
    let mut disputed = Vec::new();
    for name in T::FIELDS {
        let (Some(original), Some(current), Some(mine)) =
            (base.get(*name), theirs.get(*name), merged.get_mut(*name))
        else {
            continue;
        };
        if mine == original {
            *mine = current.clone();
        } else if current != original && current != mine {
            disputed.push(*name);
        }
    }
    match serde_json::from_value(Value::Object(merged)) {
        Ok(merged) => (merged, disputed),
        Err(_) => (mine.clone(), Vec::new()),
    }
}

/// The value of one field, as text, for telling the user what the other person entered.
pub fn field_text<T: Serialize>(input: &T, name: &str) -> String {
    match serde_json::to_value(input) {
        Ok(Value::Object(map)) => match map.get(name) {
            Some(Value::String(text)) => text.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        },
        _ => String::new(),
    }
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
            match serde_json::to_value(T::default()).unwrap() {
                Value::Object(map) => map.keys().cloned().collect(),
                _ => Vec::new(),
            }
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
        let base = input("Canola", "medium", "");
        let mine = input("Canola duties", "medium", "");
        let theirs = input("Canola", "leaders", "Market access");
        let (merged, disputed) = merge_edit(&base, &mine, &theirs);
        assert_eq!(merged, input("Canola duties", "leaders", "Market access"));
        assert!(disputed.is_empty());
    }

    #[test]
    fn fields_both_changed_differently_are_disputed_and_keep_the_users_entry() {
        let base = input("Canola", "medium", "");
        let mine = input("Canola duties", "high", "");
        let theirs = input("Canola seed duties", "high", "");
        let (merged, disputed) = merge_edit(&base, &mine, &theirs);
        assert_eq!(merged.title, "Canola duties");
        assert_eq!(disputed, ["title"]);
        assert_eq!(field_text(&theirs, "title"), "Canola seed duties");
    }
}
