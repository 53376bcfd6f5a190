use serde::Serialize;

use super::text::{LINE_MAX, required_text};
use super::validation::FieldError;

/// A Harmonized System code: a chapter (2 digits), heading (4), subheading (6) or a national
/// tariff line (8 or 10). Written the usual way: `03`, `0203`, `1205.10`, `8703.80.00`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HsCode(String);

/// The most products one irritant lists; more belongs in a separate irritant or an annex.
pub const PRODUCTS_MAX: usize = 100;

impl HsCode {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let invalid = || FieldError::new("invalid-hs-code").with("code", raw.trim());
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(FieldError::new("required"));
        }
        // Digits alone, or a heading then pairs of digits: 1205, 120510, 1205.10, 8703.80.00.
        let digits_only = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        let mut parts = raw.split('.');
        let heading = parts.next().unwrap_or_default();
        let well_formed = digits_only(raw)
            || (heading.len() == 4
                && digits_only(heading)
                && parts.all(|pair| pair.len() == 2 && digits_only(pair)));
        if !well_formed {
            return Err(invalid());
        }
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        if !matches!(digits.len(), 2 | 4 | 6 | 8 | 10) {
            return Err(invalid());
        }
        let chapter: u8 = digits[..2].parse().map_err(|_| invalid())?;
        // Chapters run from 01 to 97; 77 is reserved for future use.
        if !(1..=97).contains(&chapter) || chapter == 77 {
            return Err(invalid());
        }
        Ok(Self(digits))
    }

    /// The four-digit heading the code falls under, as stored codes begin; none for a chapter.
    pub fn heading(&self) -> Option<&str> {
        self.0.get(..4)
    }
}

impl std::fmt::Display for HsCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = &self.0;
        if digits.len() <= 4 {
            return f.write_str(digits);
        }
        f.write_str(&digits[..4])?;
        for pair in digits.as_bytes()[4..].chunks(2) {
            write!(f, ".{}", std::str::from_utf8(pair).unwrap_or_default())?;
        }
        Ok(())
    }
}

impl Serialize for HsCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One product concerned by a measure: its HS code and a label people recognise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Product {
    pub hs_code: HsCode,
    pub label: String,
}

impl Product {
    pub fn new(hs_code: &str, label: &str) -> Result<Self, FieldError> {
        let hs_code = HsCode::parse(hs_code)?;
        let label = required_text(label, LINE_MAX)
            .map_err(|_| FieldError::new("product-label-required").with("code", &hs_code))?;
        Ok(Self { hs_code, label })
    }

    /// Reads one product per line, each written as its code then its label:
    /// `1205.10 Low erucic acid rape or colza seeds`. Blank lines are skipped.
    pub fn parse_lines(text: &str) -> Result<Vec<Product>, FieldError> {
        let mut products = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if products.len() == PRODUCTS_MAX {
                return Err(FieldError::new("too-many-products").with("max", PRODUCTS_MAX));
            }
            let (code, label) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let product = Product::new(code, label).map_err(|e| e.with("line", index + 1))?;
            if !seen.insert(product.hs_code.clone()) {
                return Err(FieldError::new("duplicate-hs-code")
                    .with("code", &product.hs_code)
                    .with("line", index + 1));
            }
            products.push(product);
        }
        Ok(products)
    }

    /// The inverse of [`Product::parse_lines`], for forms that show stored products.
    pub fn to_lines(products: &[Product]) -> String {
        products
            .iter()
            .map(|p| format!("{} {}", p.hs_code, p.label))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_written_the_usual_way() {
        assert_eq!(HsCode::parse("03").unwrap().to_string(), "03");
        assert_eq!(HsCode::parse("120510").unwrap().to_string(), "1205.10");
        assert_eq!(
            HsCode::parse("8703.80.00").unwrap().to_string(),
            "8703.80.00"
        );
    }

    #[test]
    fn malformed_codes_are_refused() {
        for raw in [
            "3", "12051", "1205.1x", "00", "7701", "99", "abc", "1205-10", "1.2.0.5", "12.05",
            "8703 80",
        ] {
            assert_eq!(
                HsCode::parse(raw).unwrap_err().code,
                "invalid-hs-code",
                "{raw}"
            );
        }
    }

    #[test]
    fn product_lines_carry_a_code_and_a_label() {
        let products =
            Product::parse_lines("1205.10 Low erucic acid rape seeds\n\n1514 Rape oil\r\n")
                .unwrap();
        assert_eq!(products.len(), 2);
        assert_eq!(products[0].hs_code.to_string(), "1205.10");
        assert_eq!(products[0].label, "Low erucic acid rape seeds");
        assert_eq!(products[1].label, "Rape oil");
        assert_eq!(
            Product::parse_lines(&Product::to_lines(&products)).unwrap(),
            products
        );
    }

    #[test]
    fn a_bad_product_line_names_its_line() {
        let error = Product::parse_lines("1205.10 Seeds\n12x Oil").unwrap_err();
        assert_eq!(error.code, "invalid-hs-code");
        assert!(error.args.contains(&("line", "2".to_owned())));
        assert_eq!(
            Product::parse_lines("1205.10").unwrap_err().code,
            "product-label-required"
        );
        assert_eq!(
            Product::parse_lines("1514 Oil\n1514 Oil again")
                .unwrap_err()
                .code,
            "duplicate-hs-code"
        );
    }
}
