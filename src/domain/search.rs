//! The form in which text is searched: lower-cased, with Chinese folded into simplified
//! characters, so that a search written in either script finds text written in either
//! (`关税` finds `關稅`, and `關稅` finds `关税`). Stored texts and typed words are folded the
//! same way.

use std::sync::LazyLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

/// OpenCC's traditional-to-simplified table, compiled into the binary.
static TO_SIMPLIFIED: LazyLock<OpenCC> = LazyLock::new(|| {
    OpenCC::from_config(BuiltinConfig::T2s).expect("the embedded conversion table loads")
});

/// A Chinese character (CJK unified ideographs, their extension A and compatibility forms).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// `text` as searches look in it, and as the words of a search are looked for. Characters
/// are converted one at a time, never as phrases: a phrase table would convert a character
/// one way inside a stored phrase and another way typed alone, and the search would miss it.
pub fn searchable(text: &str) -> String {
    let lower = text.to_lowercase();
    if !lower.chars().any(is_han) {
        return lower;
    }
    let mut folded = String::with_capacity(lower.len());
    let mut buffer = [0; 4];
    for c in lower.chars() {
        if is_han(c) {
            folded.push_str(&TO_SIMPLIFIED.convert(c.encode_utf8(&mut buffer)));
        } else {
            folded.push(c);
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_scripts_fold_into_one_and_other_text_is_only_lower_cased() {
        assert_eq!(searchable("關稅"), searchable("关税"));
        assert_eq!(searchable("加拿大油菜籽反傾銷"), "加拿大油菜籽反倾销");
        assert_eq!(
            searchable("Droits ANTIDUMPING sur le Canola"),
            "droits antidumping sur le canola"
        );
        assert_eq!(
            searchable("CN-2025-001 海產品 Seafood"),
            "cn-2025-001 海产品 seafood"
        );
        // A character folds the same inside a phrase and typed alone.
        let phrase = searchable("計畫");
        let alone: String = "計畫".chars().map(|c| searchable(&c.to_string())).collect();
        assert_eq!(phrase, alone);
    }
}
