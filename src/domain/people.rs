use serde::Serialize;

use super::ids::PersonId;
use super::validation::{FieldError, FieldErrors};

/// An e-mail address, lower-cased, with one `@` between a local part and a dotted domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let email = raw.trim().to_lowercase();
        let invalid = || FieldError::new("invalid-email").with("value", raw.trim());
        if email.is_empty() {
            return Err(FieldError::new("required"));
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let well_formed = !local.is_empty()
            && email.len() <= 254
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && !domain.contains('@');
        if well_formed {
            Ok(Self(email))
        } else {
            Err(invalid())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person who can own irritants and milestones and to whom changes are attributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: PersonId,
    pub email: Email,
    pub name: String,
    pub department: Option<String>,
    /// A disabled account stays the owner of what it owned, and stays in the history; it is
    /// no longer offered for new assignments.
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub code: String,
    pub name_en: String,
    pub name_fr: String,
    /// Its acronym in French (`AAC` for `AAFC`); empty when the code serves in both languages.
    pub acronym_fr: String,
}

/// A department as a manager typed it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct DepartmentInput {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub name_fr: String,
    #[serde(default)]
    pub acronym_fr: String,
}

impl DepartmentInput {
    /// A code of 2 to 12 letters or digits (kept in capitals), a name in English and French,
    /// and, where it differs from the code, a French acronym of 2 to 12 letters or digits.
    pub fn parse(&self) -> Result<Department, FieldErrors> {
        let mut errors = FieldErrors::new();
        let code = self.code.trim().to_uppercase();
        if code.is_empty() {
            errors.add("code", FieldError::new("required"));
        } else if !(2..=12).contains(&code.len())
            || !code.chars().all(|c| c.is_ascii_alphanumeric())
        {
            errors.add("code", FieldError::new("department-code"));
        }
        let mut name = |field, raw: &str| match super::accounts::parse_display_name(raw) {
            Ok(name) => name,
            Err(error) => {
                errors.add(field, error);
                String::new()
            }
        };
        let (name_en, name_fr) = (
            name("name_en", &self.name_en),
            name("name_fr", &self.name_fr),
        );
        let acronym_fr = self.acronym_fr.trim().to_owned();
        let acronym_fits = (2..=12).contains(&acronym_fr.len())
            && acronym_fr.chars().all(|c| c.is_ascii_alphanumeric());
        if !acronym_fr.is_empty() && !acronym_fits {
            errors.add("acronym_fr", FieldError::new("department-code"));
        }
        if errors.is_empty() {
            Ok(Department {
                code,
                name_en,
                name_fr,
                acronym_fr,
            })
        } else {
            Err(errors)
        }
    }
}

/// The people (active or not) and departments that forms offer and submitted values name.
#[derive(Debug, Clone, Default)]
pub struct ReferenceData {
    pub people: Vec<Person>,
    pub departments: Vec<Department>,
}

impl ReferenceData {
    /// Finds a person by id or by e-mail address (the API speaks of people by e-mail).
    pub fn find_person(&self, id_or_email: &str) -> Option<&Person> {
        let wanted = id_or_email.trim();
        self.people
            .iter()
            .find(|p| p.id.as_str() == wanted || p.email.as_str().eq_ignore_ascii_case(wanted))
    }

    pub fn person_by_id(&self, id: &PersonId) -> Option<&Person> {
        self.people.iter().find(|p| p.id == *id)
    }

    pub fn find_department(&self, code: &str) -> Option<&Department> {
        self.departments
            .iter()
            .find(|d| d.code.eq_ignore_ascii_case(code.trim()))
    }

    /// The department of this code, or one known only by its code when the register has none
    /// (it names what a stored row says, whatever became of it).
    pub fn department_or_code(&self, code: String) -> Department {
        self.find_department(&code).cloned().unwrap_or(Department {
            name_en: code.clone(),
            name_fr: code.clone(),
            acronym_fr: String::new(),
            code,
        })
    }

    /// How a change of assignee reads in the history, or `None` if it is the same person.
    /// People are compared by id: two may share a name, and then their e-mail addresses
    /// tell them apart.
    pub fn reassignment(
        &self,
        before: &Option<PersonId>,
        after: &Option<PersonId>,
    ) -> Option<(Option<String>, Option<String>)> {
        if before == after {
            return None;
        }
        let name = |id: &Option<PersonId>| {
            id.as_ref().map(|id| {
                self.person_by_id(id)
                    .map_or(id.to_string(), |p| p.name.clone())
            })
        };
        let (mut named_before, mut named_after) = (name(before), name(after));
        if named_before == named_after {
            let with_email = |named: Option<String>, id: &Option<PersonId>| {
                let email = id
                    .as_ref()
                    .and_then(|id| self.person_by_id(id))
                    .map(|p| format!(" <{}>", p.email));
                named.map(|n| n + &email.unwrap_or_default())
            };
            named_before = with_email(named_before, before);
            named_after = with_email(named_after, after);
        }
        Some((named_before, named_after))
    }

    /// Whether `after` may newly become an owner: anyone active, or whoever it already was.
    pub fn may_become_owner(&self, before: Option<&PersonId>, after: Option<&PersonId>) -> bool {
        before == after || after.is_none_or(|id| self.person_by_id(id).is_some_and(|p| p.active))
    }

    /// Parses an optional reference to a person.
    pub fn parse_person(&self, raw: &str) -> Result<Option<PersonId>, FieldError> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        self.find_person(raw)
            .map(|p| Some(p.id.clone()))
            .ok_or_else(|| FieldError::new("unknown-person").with("value", raw.trim()))
    }

    /// Parses an optional department code.
    pub fn parse_department(&self, raw: &str) -> Result<Option<String>, FieldError> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        self.find_department(raw)
            .map(|d| Some(d.code.clone()))
            .ok_or_else(|| FieldError::new("unknown-department").with("value", raw.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_codes_are_short_capitals() {
        let input = |code: &str, name_en: &str, name_fr: &str| DepartmentInput {
            code: code.into(),
            name_en: name_en.into(),
            name_fr: name_fr.into(),
            acronym_fr: String::new(),
        };
        let d = input(
            " cbsa ",
            "Canada Border Services Agency",
            "Agence des services frontaliers du Canada",
        )
        .parse()
        .unwrap();
        assert_eq!(d.code, "CBSA");
        let errors = input("C-B", "", "Agence").parse().unwrap_err();
        assert_eq!(errors.get("code").unwrap().code, "department-code");
        assert_eq!(errors.get("name_en").unwrap().code, "required");
        let with_acronym = |acronym: &str| DepartmentInput {
            acronym_fr: acronym.into(),
            ..input(
                "NRCAN",
                "Natural Resources Canada",
                "Ressources naturelles Canada",
            )
        };
        assert_eq!(with_acronym(" RNCan ").parse().unwrap().acronym_fr, "RNCan");
        let errors = with_acronym("R").parse().unwrap_err();
        assert_eq!(errors.get("acronym_fr").unwrap().code, "department-code");
    }

    #[test]
    fn emails_are_lower_cased_and_need_a_domain() {
        assert_eq!(
            Email::parse(" Ada@Example.GC.CA ").unwrap().as_str(),
            "ada@example.gc.ca"
        );
        for raw in ["ada", "ada@", "@gc.ca", "ada@gc", "a da@gc.ca", "a@b@gc.ca"] {
            assert!(Email::parse(raw).is_err(), "{raw}");
        }
    }
}
