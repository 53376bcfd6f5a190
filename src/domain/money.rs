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

    /// The amount for reading: `$1,234,567` (cents only when there are some), as stored in
    /// the history, which is kept in one form whatever the reader's language.
    pub fn display_amount(&self) -> String {
        format!("${}", self.grouped(',', '.'))
    }

    /// The amount with its digits grouped in threes by `thousands`, and `decimal` before the
    /// cents when there are some: the number part of `1,234,567.50` or `1 234 567,50`.
    pub fn grouped(&self, thousands: char, decimal: char) -> String {
        let dollars = (self.cents / 100).to_string();
        let mut grouped = String::new();
        for (i, digit) in dollars.chars().enumerate() {
            if i > 0 && (dollars.len() - i).is_multiple_of(3) {
                grouped.push(thousands);
            }
            grouped.push(digit);
        }
        match self.cents % 100 {
            0 => grouped,
            cents => format!("{grouped}{decimal}{cents:02}"),
        }
    }
}

/// Reads an amount as people type it in English or French: `1,234,567.50`, `1 234 567,50`,
/// `$1234567`, `1 234 567 $`. Spaces and underscores group digits; of a comma and a point, the
/// last one present marks the cents when one to two digits follow it and it appears once.
/// Anything else that could be read two ways (`1.250`) is refused rather than guessed.
fn parse_cents(raw: &str) -> Result<i64, FieldError> {
    let invalid = || FieldError::new("invalid-amount").with("value", raw.trim());
    let cleaned: String = raw
        .trim()
        .trim_start_matches('$')
        .trim_end_matches('$')
        .chars()
        .filter(|c| !matches!(c, '_' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if cleaned.is_empty() {
        return Err(FieldError::new("required"));
    }
    let decimal_mark = cleaned.rfind([',', '.']).filter(|&at| {
        let mark = &cleaned[at..at + 1];
        let after = cleaned.len() - at - 1;
        (1..=2).contains(&after) && cleaned.matches(mark).count() == 1
    });
    let (whole, fraction) = match decimal_mark {
        Some(at) => (&cleaned[..at], &cleaned[at + 1..]),
        None => (cleaned.as_str(), ""),
    };
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Separators left in the whole part group digits in threes, and must all be the same.
    let groups: Vec<&str> = whole.split([',', '.']).collect();
    let one_separator = !(whole.contains(',') && whole.contains('.'));
    let well_grouped = groups.len() == 1
        || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3) && one_separator);
    // `1.250` is 1.25 to an English reader and 1250 to many others: refused, not guessed.
    let lone_point = whole.matches('.').count() == 1 && decimal_mark.is_none();
    if !groups.iter().all(|g| digits_only(g))
        || !well_grouped
        || lone_point
        || (!fraction.is_empty() && !digits_only(fraction))
    {
        return Err(invalid());
    }
    let dollars: i64 = groups.concat().parse().map_err(|_| invalid())?;
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
    fn amounts_typed_the_french_way_are_read_as_meant() {
        let cents = |raw: &str| parse_cents(raw).map_err(|e| e.code);
        assert_eq!(cents("1 250 000,50"), Ok(125_000_050));
        assert_eq!(cents("1\u{a0}250\u{a0}000,5 $"), Ok(125_000_050));
        assert_eq!(cents("12,5"), Ok(1_250));
        assert_eq!(cents("1.234.567,89"), Ok(123_456_789));
        assert_eq!(cents("1,250"), Ok(125_000));
        assert_eq!(cents("1,234,567"), Ok(123_456_700));
        for ambiguous in [
            "1.250",
            "1,25,0",
            "12,34.5,6",
            "1,2345",
            "1.234,567.8",
            ",5",
            "1,",
        ] {
            assert_eq!(cents(ambiguous), Err("invalid-amount"), "{ambiguous}");
        }
    }

    #[test]
    fn amounts_group_their_digits_for_either_language() {
        let value = TradeValue::parse("1234567,5", "2024", "StatCan", today())
            .unwrap()
            .unwrap();
        assert_eq!(value.grouped(',', '.'), "1,234,567.50");
        assert_eq!(value.grouped('\u{a0}', ','), "1\u{a0}234\u{a0}567,50");
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
