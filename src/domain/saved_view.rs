//! Saved views: a list's filters, sort and columns kept under a name, personal or shared, and
//! what a followed view's followers are told when irritants enter it, change within it or
//! leave it.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::listing::{ListParams, ListRules};
use super::notification::Delivery;
use super::people::ReferenceData;
use super::text::required_text;
use super::validation::{FieldError, FieldErrors};

/// A view's name is a label in the navigation: short.
pub const NAME_MAX: usize = 80;

/// The most irritants a followed view is compared on at each look: a view that holds more is
/// too broad to follow: following it is refused, and the sweep leaves it be until it narrows.
pub const MOST_FOLLOWED: usize = 5_000;

/// A view as a form or the API gives it: its name, whether it is shared, and the list's query
/// string it keeps.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ViewInput {
    pub name: String,
    /// `true` (or a ticked box's `on`): everyone may open and follow it.
    pub shared: String,
    /// The list's query string, as the list's own address writes it.
    pub query: String,
}

/// A view's values, valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewFields {
    pub name: String,
    pub shared: bool,
    /// The list's parameters as the list writes them, without a page.
    pub params: ListParams,
}

impl ViewInput {
    /// Reads the input; the query must be one the list accepts, so that a saved view always
    /// opens.
    pub fn parse(
        &self,
        reference_data: &ReferenceData,
        rules: ListRules,
    ) -> Result<ViewFields, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check("name", view_name(&self.name));
        let shared = errors.check("shared", parse_ticked(&self.shared));
        let params = errors.check("query", list_query(&self.query, reference_data, rules));
        match (name, shared, params) {
            (Some(name), Some(shared), Some(params)) if errors.is_empty() => Ok(ViewFields {
                name,
                shared,
                params,
            }),
            _ => Err(errors),
        }
    }
}

fn view_name(raw: &str) -> Result<String, FieldError> {
    let name = required_text(raw, NAME_MAX)?;
    if name.contains('\n') {
        return Err(FieldError::new("one-line"));
    }
    Ok(name)
}

/// A box ticked (`on`, as browsers send it, or `true`) or not.
fn parse_ticked(raw: &str) -> Result<bool, FieldError> {
    match raw.trim() {
        "" | "false" => Ok(false),
        "on" | "true" => Ok(true),
        _ => Err(FieldError::new("not-in-list")),
    }
}

/// The list's parameters a query string asks for, written as the list writes them.
fn list_query(
    raw: &str,
    reference_data: &ReferenceData,
    rules: ListRules,
) -> Result<ListParams, FieldError> {
    let params = ListParams::from_query(raw.trim().trim_start_matches('?'))
        .map_err(|_| FieldError::new("view-query-invalid"))?;
    let filter = params
        .parse(reference_data, rules)
        .map_err(|_| FieldError::new("view-query-invalid"))?;
    let mut canonical = filter.canonical_params(&params.q);
    canonical.page = String::new();
    Ok(canonical)
}

/// How a follower wants to hear of a view: at once, in the digest, or in the application
/// only. Not following is unfollowing, not a way to be told.
pub fn follow_delivery(raw: &str) -> Result<Delivery, FieldError> {
    match Delivery::parse(raw)? {
        Delivery::Off => Err(FieldError::new("not-in-list")),
        delivery => Ok(delivery),
    }
}

/// An irritant in a view at one look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub irritant_id: String,
    pub reference: String,
    pub title: String,
    /// When it last changed: a later time at the next look is a change within the view.
    pub updated_at: NaiveDateTime,
}

/// What happened to a view between two looks, each list in reference order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewChanges {
    pub entered: Vec<Member>,
    pub changed: Vec<Member>,
    pub left: Vec<Member>,
}

impl ViewChanges {
    /// Compares what a view held at its last look with what it holds now.
    pub fn between(before: &[Member], now: &[Member]) -> Self {
        let earlier: HashMap<&str, &Member> = before
            .iter()
            .map(|member| (member.irritant_id.as_str(), member))
            .collect();
        let present: HashMap<&str, &Member> = now
            .iter()
            .map(|member| (member.irritant_id.as_str(), member))
            .collect();
        let mut changes = ViewChanges::default();
        for member in now {
            match earlier.get(member.irritant_id.as_str()) {
                None => changes.entered.push(member.clone()),
                Some(was) if was.updated_at < member.updated_at => {
                    changes.changed.push(member.clone());
                }
                Some(_) => {}
            }
        }
        changes.left = before
            .iter()
            .filter(|member| !present.contains_key(member.irritant_id.as_str()))
            .cloned()
            .collect();
        for list in [
            &mut changes.entered,
            &mut changes.changed,
            &mut changes.left,
        ] {
            list.sort_by(|a, b| a.reference.cmp(&b.reference));
        }
        changes
    }

    pub fn is_empty(&self) -> bool {
        self.entered.is_empty() && self.changed.is_empty() && self.left.is_empty()
    }

    /// The references a notification names: those that entered or changed first, at most
    /// `most`, and how many more there are.
    pub fn named(&self, most: usize) -> (Vec<&str>, usize) {
        let all: Vec<&str> = [&self.entered, &self.changed, &self.left]
            .into_iter()
            .flatten()
            .map(|member| member.reference.as_str())
            .collect();
        let more = all.len().saturating_sub(most);
        (all.into_iter().take(most).collect(), more)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn member(id: &str, minute: u32) -> Member {
        Member {
            irritant_id: id.to_owned(),
            reference: format!("IRR-2026-{id}"),
            title: format!("Irritant {id}"),
            updated_at: NaiveDate::from_ymd_opt(2026, 12, 1)
                .unwrap()
                .and_hms_opt(9, minute, 0)
                .unwrap(),
        }
    }

    fn references(members: &[Member]) -> Vec<&str> {
        members.iter().map(|m| m.reference.as_str()).collect()
    }

    #[test]
    fn a_look_tells_what_entered_changed_and_left() {
        let before = [member("0001", 0), member("0002", 0), member("0003", 0)];
        let now = [member("0004", 5), member("0002", 7), member("0003", 0)];
        let changes = ViewChanges::between(&before, &now);
        assert_eq!(references(&changes.entered), ["IRR-2026-0004"]);
        assert_eq!(references(&changes.changed), ["IRR-2026-0002"]);
        assert_eq!(references(&changes.left), ["IRR-2026-0001"]);
        assert_eq!(
            changes.named(2),
            (vec!["IRR-2026-0004", "IRR-2026-0002"], 1)
        );
        assert!(ViewChanges::between(&now, &now).is_empty());
    }

    #[test]
    fn a_view_keeps_its_query_as_the_list_writes_it() {
        let rules = ListRules {
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            stale_after_days: 30,
        };
        let input = ViewInput {
            name: "  China, overdue ".into(),
            shared: "on".into(),
            query: "?counterpart=China&overdue=true&page=4&columns=status&columns=target_date"
                .into(),
        };
        let fields = input.parse(&ReferenceData::default(), rules).unwrap();
        assert_eq!(fields.name, "China, overdue");
        assert!(fields.shared);
        assert_eq!(
            fields.params.to_query_string(),
            "counterpart=CN&overdue=true&columns=status%2Ctarget_date"
        );
        let hostile = ViewInput {
            name: "a\u{0}b".into(),
            shared: "maybe".into(),
            query: "status=<script>".into(),
        };
        let errors = hostile.parse(&ReferenceData::default(), rules).unwrap_err();
        assert_eq!(errors.get("query").unwrap().code, "view-query-invalid");
        assert_eq!(errors.get("shared").unwrap().code, "not-in-list");
        assert!(errors.get("name").is_some());
        assert_eq!(follow_delivery("off").unwrap_err().code, "not-in-list");
        assert_eq!(follow_delivery("digest").unwrap(), Delivery::Digest);
    }
}
