use std::sync::LazyLock;

use super::validation::FieldError;

/// A counterpart economy as an ISO 3166-1 alpha-2 code (plus `EU`, which ISO reserves for the
/// European Union). Only codes in the list can exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

pub struct Country {
    pub code: CountryCode,
    pub name_en: &'static str,
    pub name_fr: &'static str,
}

/// Sorted by code (the file is), so lookups are binary searches.
static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(|| {
    include_str!("countries.tsv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| {
            let mut cells = line.split('\t');
            let code = cells.next()?.as_bytes();
            Some(Country {
                code: CountryCode([*code.first()?, *code.get(1)?]),
                name_en: cells.next()?,
                name_fr: cells.next()?,
            })
        })
        .collect()
});

impl CountryCode {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(FieldError::new("required"));
        }
        let unknown = || FieldError::new("unknown-country").with("code", raw);
        let &[first, second] = raw.as_bytes() else {
            return Err(unknown());
        };
        let code = CountryCode([first.to_ascii_uppercase(), second.to_ascii_uppercase()]);
        find(code).map(|country| country.code).ok_or_else(unknown)
    }

    /// A counterpart as a person names it: its code, or its name in English or French, in
    /// any case ("China", "chine", "CN"), or as a list offers it, "China (CN)".
    pub fn parse_name_or_code(raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        let raw = match raw.strip_suffix(')').and_then(|r| r.rsplit_once(" (")) {
            Some((_, code)) => code,
            None => raw,
        };
        if raw.chars().count() == 2 {
            return Self::parse(raw);
        }
        let wanted = raw.to_lowercase();
        COUNTRIES
            .iter()
            .find(|c| c.name_en.to_lowercase() == wanted || c.name_fr.to_lowercase() == wanted)
            .map(|country| country.code)
            .ok_or_else(|| FieldError::new("unknown-country").with("code", raw))
    }

    pub fn as_str(&self) -> &str {
        // Both bytes come from the ASCII list above.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    pub fn country(self) -> &'static Country {
        find(self).expect("a CountryCode is always in the list")
    }

    pub fn all() -> &'static [Country] {
        &COUNTRIES
    }
}

fn find(code: CountryCode) -> Option<&'static Country> {
    COUNTRIES
        .binary_search_by_key(&code, |country| country.code)
        .ok()
        .map(|index| &COUNTRIES[index])
}

impl std::fmt::Display for CountryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counterpart_is_found_by_its_name_in_either_language_or_its_code() {
        for named in ["China", "chine", "CN", " cn ", "China (CN)", "Chine (CN)"] {
            assert_eq!(
                CountryCode::parse_name_or_code(named).unwrap().as_str(),
                "CN",
                "{named}"
            );
        }
        assert_eq!(
            CountryCode::parse_name_or_code("États-Unis")
                .unwrap()
                .as_str(),
            "US"
        );
        let unknown = CountryCode::parse_name_or_code("Atlantis").unwrap_err();
        assert_eq!(unknown.code, "unknown-country");
        assert!(CountryCode::parse_name_or_code("<script>").is_err());
    }

    #[test]
    fn known_codes_parse_in_any_case() {
        assert_eq!(CountryCode::parse("cn").unwrap().as_str(), "CN");
        assert_eq!(CountryCode::parse("CN").unwrap().country().name_en, "China");
        assert_eq!(
            CountryCode::parse("EU").unwrap().country().name_fr,
            "Union européenne"
        );
    }

    #[test]
    fn the_list_is_sorted_for_lookups() {
        assert!(
            CountryCode::all()
                .windows(2)
                .all(|pair| pair[0].code < pair[1].code)
        );
    }

    #[test]
    fn unknown_codes_are_refused() {
        assert_eq!(
            CountryCode::parse("XX").unwrap_err().code,
            "unknown-country"
        );
        assert_eq!(
            CountryCode::parse("China").unwrap_err().code,
            "unknown-country"
        );
        assert_eq!(CountryCode::parse("").unwrap_err().code, "required");
        assert!(CountryCode::all().len() > 240);
    }
}
