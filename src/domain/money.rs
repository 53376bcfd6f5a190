use chrono::NaiveDate;

use super::dates::{EARLIEST_YEAR, LATEST_YEAR};
use super::text::optional_line;
use super::validation::{FieldError, FieldErrors};

/// The value of trade at stake, in Canadian dollars, for a given year and from a named source
/// (for example "Statistics Canada, 2024 exports"). A figure without its year and source cannot
/// be briefed, so all three go together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TradeValue {
    cents: i64,
    year: i32,
    source: String,
}

/// Ten trillion dollars: far above any bilateral trade flow, low enough to rule out typing slips.
const MAX_CENTS: i64 = 10_000_000_000_000 * 100;

impl TradeValue {
    /// Reads the three form fields; all empty means no trade value was given.
    pub fn parse(
        amount: &str,
        year: &str,
        source: &str,
        today: NaiveDate,
    ) -> Result<Option<Self>, FieldErrors> {
        let mut errors = FieldErrors::new();
        if [amount, year, source].iter().all(|s| s.trim().is_empty()) {
            return Ok(None);
        }
        let cents = errors.check("trade_value_amount", parse_cents(amount));
        let year = errors.check("trade_value_year", parse_year(year, today));
        let source = errors.check(
            "trade_value_source",
            optional_line(source).and_then(|s| {
                if s.is_empty() {
                    Err(FieldError::new("required"))
                } else {
                    Ok(s)
                }
            }),
        );
        match (cents, year, source) {
            (Some(cents), Some(year), Some(source)) if errors.is_empty() => Ok(Some(Self {
                cents,
                year,
                source,
            })),
            _ => Err(errors),
        }
    }

    /// Rebuilds a stored value; `None` if the stored parts no longer make a valid value.
    pub fn from_stored(cents: i64, year: i32, source: String) -> Option<Self> {
        ((0..=MAX_CENTS).contains(&cents) && (EARLIEST_YEAR..=LATEST_YEAR).contains(&year))
            .then_some(Self {
                cents,
                year,
                source,
            })
    }

    pub fn cents(&self) -> i64 {
        self.cents
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// The amount as typed in forms: whole dollars, or dollars and cents.
    pub fn amount_text(&self) -> String {
        let (dollars, cents) = (self.cents / 100, self.cents % 100);
        if cents == 0 {
            dollars.to_string()
        } else {
            format!("{dollars}.{cents:02}")
        }
    }

    /// The amount for reading: `$1,234,567` (cents only when there are some).
    pub fn display_amount(&self) -> String {
        let dollars = (self.cents / 100).to_string();
        let mut grouped = String::new();
        for (i, digit) in dollars.chars().enumerate() {
            if i > 0 && (dollars.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        match self.cents % 100 {
            0 => format!("${grouped}"),
            cents => format!("${grouped}.{cents:02}"),
        }
    }
}

fn parse_cents(raw: &str) -> Result<i64, FieldError> {
    let invalid = || FieldError::new("invalid-amount").with("value", raw.trim());
    let cleaned: String = raw
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if cleaned.is_empty() {
        return Err(FieldError::new("required"));
    }
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits_only(whole) || !digits_only(fraction) || fraction.len() > 2 {
        return Err(invalid());
    }
    let dollars: i64 = whole.parse().map_err(|_| invalid())?;
    let cents: i64 = format!("{fraction:0<2}").parse().map_err(|_| invalid())?;
    dollars
        .checked_mul(100)
        .and_then(|c| c.checked_add(cents))
        .filter(|c| *c <= MAX_CENTS)
        .ok_or_else(invalid)
}

fn parse_year(raw: &str, today: NaiveDate) -> Result<i32, FieldError> {
    use chrono::Datelike;
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new("required"));
    }
    let latest = today.year();
    raw.parse::<i32>()
        .ok()
        .filter(|year| (EARLIEST_YEAR..=latest).contains(year))
        .ok_or_else(|| {
            FieldError::new("invalid-year")
                .with("earliest", EARLIEST_YEAR)
                .with("latest", latest)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    #[test]
    fn amounts_accept_the_usual_separators() {
        let value = TradeValue::parse("$1,234,567.5", "2024", "Statistics Canada", today())
            .unwrap()
            .unwrap();
        assert_eq!(value.cents(), 123_456_750);
        assert_eq!(value.display_amount(), "$1,234,567.50");
        assert_eq!(value.amount_text(), "1234567.50");
        let value = TradeValue::parse("4 000 000 000", "2024", "StatCan", today())
            .unwrap()
            .unwrap();
        assert_eq!(value.display_amount(), "$4,000,000,000");
    }

    #[test]
    fn nothing_given_means_no_value() {
        assert_eq!(TradeValue::parse(" ", "", "", today()).unwrap(), None);
    }

    #[test]
    fn a_value_needs_its_year_and_source() {
        let errors = TradeValue::parse("100", "", "", today()).unwrap_err();
        assert_eq!(errors.get("trade_value_year").unwrap().code, "required");
        assert_eq!(errors.get("trade_value_source").unwrap().code, "required");
        let errors = TradeValue::parse("-5", "2030", "x", today()).unwrap_err();
        assert_eq!(
            errors.get("trade_value_amount").unwrap().code,
            "invalid-amount"
        );
        assert_eq!(errors.get("trade_value_year").unwrap().code, "invalid-year");
    }
}
