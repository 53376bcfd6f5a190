//! Free text from users: trimmed, bounded, and free of control characters that would corrupt
//! exports or terminals. Line breaks are kept (as `\n`) where a field allows several lines.

use sha2::{Digest, Sha256};

use super::validation::FieldError;

/// A text's SHA-256 digest, in hex: how the register recognises a text again (an imported
/// document, a sheet's headings, a mapping) without keeping or comparing the text itself.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

pub const TITLE_MAX: usize = 200;
pub const LINE_MAX: usize = 500;
pub const NOTE_MAX: usize = 20_000;

/// An irritant's or milestone's title: one line, 1 to 200 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Title(String);

impl Title {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let text = required_text(raw, TITLE_MAX)?;
        if text.contains('\n') {
            return Err(FieldError::new("one-line"));
        }
        Ok(Self(text))
    }

    /// A title that may be left out: none when the text is blank.
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, FieldError> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(raw).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Title {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Text that may be empty; returns it trimmed with line endings normalised.
pub fn optional_text(raw: &str, max_chars: usize) -> Result<String, FieldError> {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(FieldError::new("control-characters"));
    }
    let length = text.chars().count();
    if length > max_chars {
        return Err(FieldError::new("too-long")
            .with("max", max_chars)
            .with("length", length));
    }
    Ok(text.to_owned())
}

/// Text on one line, at most `max_chars` characters: runs of spaces and line breaks become one
/// space, and a longer text is cut and ends with "…". For a label, a subject or a quote.
pub fn shortened(text: &str, max_chars: usize) -> String {
    cut_to(text, max_chars, |_| 1)
}

/// Text on one line at most `max` columns wide as it prints, a wide (East Asian) character
/// taking two: for what must fit a page, whatever its script. Otherwise as [`shortened`].
pub fn fitted(text: &str, max: usize) -> String {
    cut_to(text, max, print_width)
}

/// How many columns a character takes in print.
fn print_width(c: char) -> usize {
    let wide = matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// The text on one line, cut with "…" (one column) when wider than `max`, each character as
/// wide as `width` says.
fn cut_to(text: &str, max: usize, width: impl Fn(char) -> usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().map(&width).sum::<usize>() <= max {
        return flat;
    }
    let mut taken = 0;
    let cut: String = flat
        .chars()
        .take_while(|c| {
            taken += width(*c);
            taken < max
        })
        .collect();
    format!("{}…", cut.trim_end())
}

/// Text that must say something.
pub fn required_text(raw: &str, max_chars: usize) -> Result<String, FieldError> {
    let text = optional_text(raw, max_chars)?;
    if text.is_empty() {
        return Err(FieldError::new("required"));
    }
    Ok(text)
}

/// One-line optional text such as a team name or a source.
pub fn optional_line(raw: &str) -> Result<String, FieldError> {
    let text = optional_text(raw, LINE_MAX)?;
    if text.contains('\n') {
        return Err(FieldError::new("one-line"));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortened_text_is_one_line_and_ends_with_an_ellipsis_when_cut() {
        assert_eq!(shortened("Call  the\nembassy", 40), "Call the embassy");
        assert_eq!(shortened("Call the embassy before Friday", 10), "Call the…");
        assert_eq!(shortened("关税措施", 3), "关税…");
    }

    #[test]
    fn a_title_is_trimmed_and_must_say_something() {
        assert_eq!(Title::parse("  Canola  ").unwrap().as_str(), "Canola");
        assert_eq!(Title::parse("   ").unwrap_err().code, "required");
        assert_eq!(Title::parse(&"x".repeat(201)).unwrap_err().code, "too-long");
        assert_eq!(Title::parse("a\nb").unwrap_err().code, "one-line");
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_are_kept() {
        assert_eq!(
            optional_text("a\u{0}b", 10).unwrap_err().code,
            "control-characters"
        );
        assert_eq!(optional_text("a\r\nb", 10).unwrap(), "a\nb");
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(optional_text(&"关税".repeat(100), 200).is_ok());
    }
}

/// The address of a published page: `http` or `https`, one line, no spaces. Anything else
/// would be a link that goes nowhere, or runs something, when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebAddress(String);

impl WebAddress {
    /// An address, or none for empty input.
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, FieldError> {
        let text = optional_line(raw)?;
        if text.is_empty() {
            return Ok(None);
        }
        let lower = text.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"));
        let has_host = rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'));
        if !has_host || text.chars().any(char::is_whitespace) {
            return Err(FieldError::new("invalid-url"));
        }
        Ok(Some(Self(text)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod web_address_tests {
    use super::*;

    #[test]
    fn only_web_pages_are_addresses() {
        let page = "https://www.pm.gc.ca/en/news/readouts/2025/10/31/prime-minister-carney-meets";
        assert_eq!(
            WebAddress::parse_optional(page).unwrap().unwrap().as_str(),
            page
        );
        assert_eq!(WebAddress::parse_optional("  ").unwrap(), None);
        for bad in [
            "javascript:alert(1)",
            "www.pm.gc.ca",
            "https://",
            "https:///x",
            "http://a b",
        ] {
            assert!(WebAddress::parse_optional(bad).is_err(), "{bad}");
        }
    }
}
