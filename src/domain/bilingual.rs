//! Content in Canada's two official languages. An irritant's title and summary, and a progress
//! update's text, are written in one of them and may carry a rendering in the other; each reader
//! sees their own language where there is one, and otherwise the text as written, marked with
//! its language.

use super::classification::vocabulary;

vocabulary!(
    /// English or French: the language a text was written in. Its codes are the BCP 47 tags
    /// of `lang` attributes; its labels name the languages (`language-en`).
    OfficialLanguage, prefix = "language" {
        English => "en",
        French => "fr",
    }
);

impl Default for OfficialLanguage {
    /// English: text written before texts carried a language.
    fn default() -> Self {
        OfficialLanguage::English
    }
}

impl OfficialLanguage {
    pub fn other(self) -> Self {
        match self {
            OfficialLanguage::English => OfficialLanguage::French,
            OfficialLanguage::French => OfficialLanguage::English,
        }
    }
}

/// A text as one reader sees it, and the language it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown<'a> {
    pub text: &'a str,
    pub language: OfficialLanguage,
}

impl Shown<'_> {
    /// The `lang` to mark the text with on a page in `reader`'s language: none when it is the
    /// page's own.
    pub fn lang_for(&self, reader: OfficialLanguage) -> Option<&'static str> {
        (self.language != reader).then_some(self.language.code())
    }
}

/// An irritant's title as written, with its language and its rendering in the other official
/// language (empty: none), for lists that name irritants.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleText {
    pub text: String,
    pub language: OfficialLanguage,
    pub translation: String,
}

impl TitleText {
    pub fn for_reader(&self, reader: OfficialLanguage) -> Shown<'_> {
        for_reader(&self.text, self.language, &self.translation, reader)
    }
}

/// A text written in `language`, with its rendering in the other official language (empty:
/// none), as a reader of `reader` sees it: the rendering when it is in the reader's language,
/// or when nothing was written in the original; else the original.
pub fn for_reader<'a>(
    original: &'a str,
    language: OfficialLanguage,
    translation: &'a str,
    reader: OfficialLanguage,
) -> Shown<'a> {
    let other = language.other();
    let prefer_translation = other == reader || original.is_empty();
    if prefer_translation && !translation.is_empty() {
        Shown {
            text: translation,
            language: other,
        }
    } else {
        Shown {
            text: original,
            language,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OfficialLanguage::{English, French};

    #[test]
    fn each_reader_sees_their_language_where_there_is_one() {
        let english = for_reader("Duties on canola", English, "Droits sur le canola", French);
        assert_eq!(english.text, "Droits sur le canola");
        assert_eq!(english.lang_for(French), None);
        let original = for_reader("Duties on canola", English, "Droits sur le canola", English);
        assert_eq!(original.text, "Duties on canola");
        let untranslated = for_reader("Duties on canola", English, "", French);
        assert_eq!(untranslated.text, "Duties on canola");
        assert_eq!(
            untranslated.lang_for(French),
            Some("en"),
            "marked as English"
        );
        let french_original = for_reader("Interdiction", French, "Ban", French);
        assert_eq!(french_original.text, "Interdiction");
    }

    #[test]
    fn a_text_written_only_in_the_other_language_is_shown_in_it() {
        let shown = for_reader("", English, "Les prochaines étapes", English);
        assert_eq!(shown.text, "Les prochaines étapes");
        assert_eq!(shown.lang_for(English), Some("fr"));
    }

    #[test]
    fn languages_parse_from_their_codes_only() {
        assert_eq!(OfficialLanguage::parse(" fr "), Ok(French));
        assert_eq!(OfficialLanguage::parse("").unwrap_err().code, "required");
        assert_eq!(
            OfficialLanguage::parse("zh").unwrap_err().code,
            "not-in-list"
        );
    }
}
