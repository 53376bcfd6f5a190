use super::validation::FieldError;

/// An irritant's human-readable reference, `IRR-2025-0007`: the year it was recorded and its
/// number within that year. Given once at creation and never changed, so links stay valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference {
    year: i32,
    number: u32,
}

const PREFIX: &str = "IRR-";

impl Reference {
    pub fn new(year: i32, number: u32) -> Option<Self> {
        ((1000..=9999).contains(&year) && number > 0).then_some(Self { year, number })
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let invalid = || FieldError::new("invalid-reference");
        let rest = raw
            .trim()
            .to_ascii_uppercase()
            .strip_prefix(PREFIX)
            .map(str::to_owned)
            .ok_or_else(invalid)?;
        let (year, number) = rest.split_once('-').ok_or_else(invalid)?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        // One spelling per reference: four digits, or more without leading zeros.
        let canonical = number.len() == 4 || !number.starts_with('0');
        if year.len() != 4
            || !all_digits(year)
            || number.len() < 4
            || !all_digits(number)
            || !canonical
        {
            return Err(invalid());
        }
        let year = year.parse().map_err(|_| invalid())?;
        let number = number.parse().map_err(|_| invalid())?;
        Self::new(year, number).ok_or_else(invalid)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn number(self) -> u32 {
        self.number
    }
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{PREFIX}{}-{:04}", self.year, self.number)
    }
}

/// Written and read as its text, `IRR-2025-0007`.
impl serde::Serialize for Reference {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Reference {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Reference::parse(&raw).map_err(|_| serde::de::Error::custom("not a reference"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_print_and_parse_alike() {
        let reference = Reference::new(2025, 7).unwrap();
        assert_eq!(reference.to_string(), "IRR-2025-0007");
        assert_eq!(Reference::parse("irr-2025-0007").unwrap(), reference);
        assert_eq!(Reference::parse("IRR-2025-12345").unwrap().number(), 12345);
    }

    #[test]
    fn malformed_references_are_refused() {
        for raw in [
            "",
            "IRR-25-0007",
            "IRR-2025-7",
            "ABC-2025-0007",
            "IRR-2025-0000",
            "IRR-2025-00x7",
            "IRR-2025-00007",
        ] {
            assert!(Reference::parse(raw).is_err(), "{raw}");
        }
    }
}
