//! The blocks around a readout's text that are not statements: the department's address,
//! lists of links, contacts, a wire service's or a blog's trailer, and the headings of the
//! sections around them. They are left out of the statements but never dropped: each is kept
//! with its reason, for the official to see on the preview and to keep if it was misjudged.

use super::is_link_heading;

/// Why a block was left out of the statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOutReason {
    /// A postal address: the department's, above the title or between versions.
    Address,
    /// A list of links, or a "Related links" heading and what follows it.
    Links,
    /// Media relations, "For further information", "Contacts" and what follows them.
    Contacts,
    /// A wire service's or a blog's trailer: "SOURCE …", "This document is also available
    /// at …", "Latest posts by …".
    Footer,
    /// The heading of a section whose content is kept ("Quick facts"), or text above the
    /// title.
    Heading,
}

impl LeftOutReason {
    pub const ALL: &'static [LeftOutReason] = &[
        LeftOutReason::Address,
        LeftOutReason::Links,
        LeftOutReason::Contacts,
        LeftOutReason::Footer,
        LeftOutReason::Heading,
    ];

    /// The code of the reason, for messages and the command line.
    pub fn code(self) -> &'static str {
        match self {
            LeftOutReason::Address => "address",
            LeftOutReason::Links => "links",
            LeftOutReason::Contacts => "contacts",
            LeftOutReason::Footer => "footer",
            LeftOutReason::Heading => "heading",
        }
    }

    /// The key of its label in the locale files.
    pub fn label_key(self) -> String {
        format!("left-out-{}", self.code())
    }

    /// Whether everything after a block of this kind, to the end of its version, is of the
    /// same kind: links, contacts and trailers close a version.
    fn closes_the_version(self) -> bool {
        matches!(
            self,
            LeftOutReason::Links | LeftOutReason::Contacts | LeftOutReason::Footer
        )
    }
}

/// A block left out of a version's statements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub reason: LeftOutReason,
    pub lines: Vec<String>,
    /// How many of the version's statements come before it: where it goes if it is kept.
    pub after: usize,
}

/// What a block of a version's body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum BodyBlock {
    /// Text: one statement.
    Text,
    /// A list whose items are statements each, without their bullets.
    Items(Vec<String>),
    LeftOut(LeftOutReason),
}

/// What each block of a version's body is. A block that opens the links, contacts or trailer
/// closing a version makes every block after it part of them.
pub(super) fn sort_body(body: &[Vec<String>]) -> Vec<BodyBlock> {
    let mut closing: Option<LeftOutReason> = None;
    body.iter()
        .map(|block| {
            let reason = reason_to_leave_out(block).or(closing);
            if let Some(reason) = reason {
                if reason.closes_the_version() {
                    closing = Some(reason);
                }
                return BodyBlock::LeftOut(reason);
            }
            match list_items(block) {
                Some(items) => BodyBlock::Items(items),
                None => BodyBlock::Text,
            }
        })
        .collect()
}

/// Headings of the sections of contacts that close a version, and the words that open a
/// contacts paragraph (`For further information: …`).
const CONTACT_HEADINGS: &[&str] = &[
    "contact",
    "contacts",
    "media contact",
    "media contacts",
    "media relations",
    "for further information",
    "for more information",
    "personne-ressource",
    "personnes-ressources",
    "relations avec les médias",
    "renseignements",
    "pour plus de renseignements",
    "联系人",
    "聯絡人",
    "媒体联系",
    "媒體聯絡",
];

/// How the trailers of wire services and blogs begin.
const FOOTER_OPENINGS: &[&str] = &[
    "this document is also available",
    "this news release is also available",
    "ce document est également disponible",
    "ce communiqué est également disponible",
    "latest posts",
    "recent posts",
    "derniers billets",
    "billets récents",
    "derniers articles",
    "articles récents",
];

/// Headings of sections whose content is text to keep.
const SECTION_HEADINGS: &[&str] = &["quick facts", "faits en bref", "背景", "要点", "要點"];

/// The longest line of an address or a contacts block.
const SHORT_LINE_MAX: usize = 80;

/// The most lines an address or a contacts block runs to.
const SHORT_BLOCK_MAX: usize = 6;

/// Why a block, read on its own, is not a statement, if it is not.
pub(super) fn reason_to_leave_out(block: &[String]) -> Option<LeftOutReason> {
    let first = block.first()?;
    let lower = first.to_lowercase();
    let heading = lower.trim_end_matches([':', '：']).trim();
    let short_block =
        block.len() <= SHORT_BLOCK_MAX && block.iter().all(|l| l.chars().count() < SHORT_LINE_MAX);
    if is_link_heading(first) || block.iter().all(|line| is_list_link(line)) {
        Some(LeftOutReason::Links)
    } else if CONTACT_HEADINGS.contains(&heading)
        || CONTACT_HEADINGS
            .iter()
            .any(|h| opens_with(&lower, h) && lower[h.len()..].trim_start().starts_with(':'))
        || short_block && block.iter().any(|l| is_contact_line(l))
    {
        Some(LeftOutReason::Contacts)
    } else if FOOTER_OPENINGS
        .iter()
        .any(|opening| opens_with(&lower, opening))
        || first.starts_with("SOURCE ")
    {
        Some(LeftOutReason::Footer)
    } else if short_block && block.iter().any(|l| has_postal_code(l)) {
        Some(LeftOutReason::Address)
    } else if block.len() == 1 && SECTION_HEADINGS.contains(&heading) {
        Some(LeftOutReason::Heading)
    } else {
        None
    }
}

/// Whether `text` begins with the words `opening`, not with a longer word.
fn opens_with(text: &str, opening: &str) -> bool {
    text.strip_prefix(opening)
        .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// An item of a list of links, as copied from a page: `- [Canada-China relations](…)`.
fn is_list_link(line: &str) -> bool {
    bulleted(line).is_some_and(|item| item.starts_with('[') && item.contains("]("))
}

/// A line that is an e-mail address or a telephone number, perhaps with a few words: a
/// contact's, not a sentence.
fn is_contact_line(line: &str) -> bool {
    let is_email = |word: &str| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        word.split_once('@')
            .is_some_and(|(name, domain)| !name.is_empty() && domain.contains('.'))
    };
    let digits = line.chars().filter(char::is_ascii_digit).count();
    let is_phone = digits >= 10
        && line
            .chars()
            .all(|c| c.is_ascii_digit() || " -+().,:".contains(c) || c.is_alphabetic())
        && line.chars().filter(|c| c.is_alphabetic()).count() <= 12;
    !line.ends_with('.') && (line.split_whitespace().any(is_email) || is_phone)
}

/// The text of a list item, without its bullet.
fn bulleted(line: &str) -> Option<&str> {
    ["- ", "* ", "• ", "– "]
        .iter()
        .find_map(|bullet| line.strip_prefix(bullet))
        .map(str::trim)
}

/// The items of a block that is a list and nothing else.
fn list_items(block: &[String]) -> Option<Vec<String>> {
    block
        .iter()
        .map(|line| {
            bulleted(line)
                .filter(|item| !item.is_empty())
                .map(str::to_owned)
        })
        .collect()
}

/// A Canadian postal code (`K1A 0G2`) somewhere in the line.
pub(super) fn has_postal_code(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    chars.windows(7).any(|w| {
        w[0].is_ascii_uppercase()
            && w[1].is_ascii_digit()
            && w[2].is_ascii_uppercase()
            && w[3] == ' '
            && w[4].is_ascii_digit()
            && w[5].is_ascii_uppercase()
            && w[6].is_ascii_digit()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn each_kind_of_block_around_the_text_is_told_by_what_it_holds() {
        let cases = [
            (
                "Global Affairs Canada\n125 Sussex Drive\nOttawa ON K1A 0G2",
                LeftOutReason::Address,
            ),
            ("Related links", LeftOutReason::Links),
            (
                "- [Beef exports](https://example.gc.ca/beef)",
                LeftOutReason::Links,
            ),
            ("Personnes-ressources", LeftOutReason::Contacts),
            (
                "For further information: Media Relations, 613-555-0100",
                LeftOutReason::Contacts,
            ),
            (
                "Renseignements : Relations avec les médias",
                LeftOutReason::Contacts,
            ),
            (
                "Media Relations\nDepartment of Finance Canada\nmedia@example.gc.ca",
                LeftOutReason::Contacts,
            ),
            ("media@example.gc.ca", LeftOutReason::Contacts),
            (
                "SOURCE Agriculture and Agri-Food Canada",
                LeftOutReason::Footer,
            ),
            (
                "This document is also available at https://example.gc.ca/x",
                LeftOutReason::Footer,
            ),
            (
                "Latest posts by the Trade Commissioner Service\n- Seafood buyers visit Halifax",
                LeftOutReason::Footer,
            ),
            ("Faits en bref", LeftOutReason::Heading),
        ];
        for (text, reason) in cases {
            assert_eq!(reason_to_leave_out(&block(text)), Some(reason), "{text}");
        }
        for text in [
            "The Minister met the Ambassador in Ottawa.",
            "Sources say the talks went well.",
            "Contacts between the two sides will continue.",
            "Latest figures show growth in exports.",
            "The minister wrote to trade@example.gc.ca about the measure, and said so in the House.",
        ] {
            assert_eq!(reason_to_leave_out(&block(text)), None, "{text}");
        }
    }

    #[test]
    fn links_contacts_and_trailers_close_the_version_and_lists_are_statements() {
        let body = [
            block("The ministers met."),
            block("- Twelve plants are listed.\n- Exports resume in May."),
            block("Contacts"),
            block("Press office"),
            block("Ottawa ON K1A 0G2"),
        ];
        assert_eq!(
            sort_body(&body),
            [
                BodyBlock::Text,
                BodyBlock::Items(vec![
                    "Twelve plants are listed.".into(),
                    "Exports resume in May.".into()
                ]),
                BodyBlock::LeftOut(LeftOutReason::Contacts),
                BodyBlock::LeftOut(LeftOutReason::Contacts),
                BodyBlock::LeftOut(LeftOutReason::Address),
            ]
        );
    }
}
