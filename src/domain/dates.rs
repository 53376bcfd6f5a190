use chrono::{Datelike, NaiveDate};

use super::validation::FieldError;

/// A calendar date within the years a trade file can plausibly speak of (1990 to 2100), written
/// `YYYY-MM-DD`. Keeps typing slips such as `0202-03-01` or `20255-01-01` out of the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CalendarDate(NaiveDate);

pub const EARLIEST_YEAR: i32 = 1990;
pub const LATEST_YEAR: i32 = 2100;

impl CalendarDate {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(FieldError::new("required"));
        }
        let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .ok()
            .filter(|_| raw.len() == 10)
            .ok_or_else(|| FieldError::new("invalid-date").with("value", raw))?;
        Self::try_from(date)
    }

    /// Parses a date that may be left empty.
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, FieldError> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(raw).map(Some)
        }
    }

    /// Parses a date of something that has already happened.
    pub fn parse_past(raw: &str, today: NaiveDate) -> Result<Self, FieldError> {
        let date = Self::parse(raw)?;
        if date.0 > today {
            return Err(FieldError::new("date-in-future"));
        }
        Ok(date)
    }

    pub fn get(self) -> NaiveDate {
        self.0
    }
}

impl TryFrom<NaiveDate> for CalendarDate {
    type Error = FieldError;

    fn try_from(date: NaiveDate) -> Result<Self, FieldError> {
        if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&date.year()) {
            return Err(FieldError::new("date-out-of-range")
                .with("earliest", EARLIEST_YEAR)
                .with("latest", LATEST_YEAR));
        }
        Ok(Self(date))
    }
}

impl std::fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", iso_date(self.0))
    }
}

/// `YYYY-MM-DD`, written directly: chrono's `format` parses its pattern on every call, which
/// shows on pages listing many dates.
pub fn iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_parse() {
        assert_eq!(
            CalendarDate::parse("2026-03-09").unwrap().to_string(),
            "2026-03-09"
        );
        assert_eq!(CalendarDate::parse_optional(" ").unwrap(), None);
    }

    #[test]
    fn impossible_and_absurd_dates_are_refused() {
        assert_eq!(
            CalendarDate::parse("2026-02-30").unwrap_err().code,
            "invalid-date"
        );
        assert_eq!(
            CalendarDate::parse("09/03/2026").unwrap_err().code,
            "invalid-date"
        );
        assert_eq!(
            CalendarDate::parse("0202-03-01").unwrap_err().code,
            "date-out-of-range"
        );
        assert_eq!(
            CalendarDate::parse("9999-12-31").unwrap_err().code,
            "date-out-of-range"
        );
        assert_eq!(
            CalendarDate::parse("+20255-01-01").unwrap_err().code,
            "invalid-date"
        );
    }

    #[test]
    fn past_dates_cannot_be_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        assert!(CalendarDate::parse_past("2026-01-10", today).is_ok());
        assert_eq!(
            CalendarDate::parse_past("2026-01-11", today)
                .unwrap_err()
                .code,
            "date-in-future"
        );
    }
}
