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

/// A text as stored for searching: its searchable form, then, when it holds Chinese, a last
/// line listing each run of one or two consecutive Chinese characters once, separated by
/// spaces. That line is what the index for one- and two-character Chinese words reads; it
/// changes no search's result, since every run in it is in the text above it, and a word
/// never holds a space, so none longer than two characters can be found in it.
pub fn stored_search_text(text: &str) -> String {
    let mut stored = searchable(text);
    let runs = short_han_runs(&stored);
    if !runs.is_empty() {
        stored.push('\n');
        stored.push_str(&runs.join(" "));
    }
    stored
}

/// Each run of one or two consecutive Chinese characters in `text`, once, sorted.
fn short_han_runs(text: &str) -> Vec<String> {
    let mut runs: Vec<String> = Vec::new();
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if !is_han(c) {
            previous = None;
            continue;
        }
        runs.push(c.to_string());
        if let Some(before) = previous {
            runs.push([before, c].iter().collect());
        }
        previous = Some(c);
    }
    runs.sort_unstable();
    runs.dedup();
    runs
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

    #[test]
    fn a_stored_text_lists_its_short_chinese_runs_on_a_last_line() {
        assert_eq!(stored_search_text("Tariff on canola"), "tariff on canola");
        assert_eq!(
            stored_search_text("Canola 油菜籽, 關稅"),
            "canola 油菜籽, 关税\n关 关税 油 油菜 税 籽 菜 菜籽"
        );
    }
}
