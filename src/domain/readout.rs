//! Reading a readout as published on a government site and copied as text: its language
//! versions, each with a title, a date and a place, and a body split into numbered paragraphs.
//! What is not a statement (the department's address, related links, contacts, trailers) is
//! left out of the paragraphs, each block with its reason, never dropped. Nothing here panics
//! on any input; what cannot be read is explained.

mod left_out;

use chrono::NaiveDate;

use super::search::is_han;

use left_out::{BodyBlock, reason_to_leave_out, sort_body};
pub use left_out::{LeftOut, LeftOutReason};

/// A language tag as sources carry them: `en`, `fr`, `zh-Hant`, `zh-Hans`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    English,
    French,
    ChineseTraditional,
    ChineseSimplified,
}

impl Language {
    pub const ALL: &'static [Language] = &[
        Language::English,
        Language::French,
        Language::ChineseTraditional,
        Language::ChineseSimplified,
    ];

    /// The BCP 47 tag, for `lang` attributes and the API.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
            Language::ChineseTraditional => "zh-Hant",
            Language::ChineseSimplified => "zh-Hans",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|l| l.tag().eq_ignore_ascii_case(raw.trim()))
    }

    fn is_chinese(self) -> bool {
        matches!(
            self,
            Language::ChineseTraditional | Language::ChineseSimplified
        )
    }
}

/// One language version of a readout, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadVersion {
    pub language: Language,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub place: Option<String>,
    pub paragraphs: Vec<String>,
    /// The blocks left out of the paragraphs, in the order of the text.
    pub left_out: Vec<LeftOut>,
    /// Whether its dateline gives a day without a year: the date cannot be known.
    pub year_missing: bool,
}

impl ReadVersion {
    /// Moves the left-out blocks that `keep` chooses (by their position among the left-out
    /// blocks) into the paragraphs, where they stood in the text.
    pub fn keep_left_out(&mut self, keep: impl Fn(usize) -> bool) {
        // From the last, so that each block's place is counted before others move in.
        for (at, block) in self.left_out.iter().enumerate().rev() {
            if keep(at) {
                let joiner = if self.language.is_chinese() { "" } else { " " };
                let position = block.after.min(self.paragraphs.len());
                self.paragraphs.insert(position, block.lines.join(joiner));
            }
        }
        let mut at = 0;
        self.left_out.retain(|_| {
            at += 1;
            !keep(at - 1)
        });
    }
}

/// A readout as read: its versions, in the order the text gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readout {
    pub versions: Vec<ReadVersion>,
}

/// Why a text could not be read as a readout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadoutProblem {
    /// Nothing but white space.
    Empty,
    /// Much of it is not text: a binary file, or text in an encoding other than UTF-8.
    NotText,
    /// A title, perhaps, but no paragraph of body text.
    NoBody,
    /// Two versions in the same language: the same text pasted twice, or a language misread.
    /// Stored, they would mix paragraphs that do not belong together. `read` lets them
    /// through, so that the official can correct a misread language; what saves a document
    /// refuses them.
    RepeatedLanguage,
    /// More versions than there are languages: the same text pasted several times.
    TooManyVersions,
}

impl ReadoutProblem {
    /// The code of the problem with the pasted text, for the import form.
    pub fn field_error_code(self) -> &'static str {
        match self {
            ReadoutProblem::Empty => "required",
            ReadoutProblem::NotText => "import-not-text",
            ReadoutProblem::NoBody => "import-no-body",
            ReadoutProblem::RepeatedLanguage => "import-repeated-language",
            ReadoutProblem::TooManyVersions => "import-too-many-versions",
        }
    }

    /// What to tell the person importing from the command line.
    pub fn explanation(self) -> &'static str {
        match self {
            ReadoutProblem::Empty => "the file is empty",
            ReadoutProblem::NotText => {
                "much of it is not text (a binary file, or text not saved as UTF-8)"
            }
            ReadoutProblem::NoBody => "no paragraph of text was found in it, only a title or links",
            ReadoutProblem::RepeatedLanguage => {
                "two of its versions seem to be in the same language: correct their languages on the import page, or import each version on its own"
            }
            ReadoutProblem::TooManyVersions => {
                "it holds more language versions than there are languages: is the same text in it several times?"
            }
        }
    }
}

/// Reads the raw bytes of a file: UTF-8 (with or without a byte-order mark) only. Text in
/// another encoding would otherwise be stored with its accents replaced.
pub fn read_bytes(bytes: &[u8]) -> Result<Readout, ReadoutProblem> {
    let text = std::str::from_utf8(bytes).map_err(|_| ReadoutProblem::NotText)?;
    read(text)
}

/// Reads a readout from its text.
pub fn read(text: &str) -> Result<Readout, ReadoutProblem> {
    let lines = normalise(text);
    if lines.iter().all(|l| l.is_empty()) {
        return Err(ReadoutProblem::Empty);
    }
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if control * 20 > text.chars().count() {
        return Err(ReadoutProblem::NotText);
    }
    let blocks = blocks(&lines);
    let versions = split_versions(&blocks);
    let versions: Vec<ReadVersion> = with_statements(versions)
        .into_iter()
        .map(dated_by_first_paragraph)
        .collect();
    if versions.is_empty() {
        return Err(ReadoutProblem::NoBody);
    }
    if versions.len() > Language::ALL.len() {
        return Err(ReadoutProblem::TooManyVersions);
    }
    Ok(Readout { versions })
}

/// The versions that have statements. What was left out of a version without any, and its
/// heading, go with the version before it, at its end, or else with the one after it, at its
/// start.
fn with_statements(versions: Vec<ReadVersion>) -> Vec<ReadVersion> {
    let mut kept: Vec<ReadVersion> = Vec::new();
    let mut waiting: Vec<LeftOut> = Vec::new();
    for mut version in versions {
        if version.paragraphs.is_empty() {
            let heading: Vec<String> = [Some(version.title.clone()), version.place.clone()]
                .into_iter()
                .flatten()
                .filter(|line| !line.is_empty())
                .collect();
            if !heading.is_empty() {
                version.left_out.insert(
                    0,
                    LeftOut {
                        reason: LeftOutReason::Heading,
                        lines: heading,
                        after: 0,
                    },
                );
            }
            match kept.last_mut() {
                Some(previous) => {
                    let end = previous.paragraphs.len();
                    previous
                        .left_out
                        .extend(version.left_out.into_iter().map(|block| LeftOut {
                            after: end,
                            ..block
                        }));
                }
                None => waiting.extend(
                    version
                        .left_out
                        .into_iter()
                        .map(|block| LeftOut { after: 0, ..block }),
                ),
            }
        } else {
            version.left_out.splice(0..0, std::mem::take(&mut waiting));
            kept.push(version);
        }
    }
    kept
}

/// Lines without a byte-order mark, line-ending differences, control characters or trailing
/// space.
fn normalise(text: &str) -> Vec<String> {
    text.trim_start_matches('\u{FEFF}')
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(|line| {
            line.chars()
                .filter(|c| !c.is_control() || *c == '\t')
                .collect::<String>()
                .trim()
                .to_owned()
        })
        .collect()
}

/// Runs of non-blank lines.
fn blocks(lines: &[String]) -> Vec<Vec<String>> {
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in lines {
        if line.is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.clone());
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// Headings of the link lists that close each version.
const LINK_HEADINGS: &[&str] = &[
    "associated link",
    "associated links",
    "related link",
    "related links",
    "lien connexe",
    "liens connexes",
    "lien associé",
    "liens associés",
    "相關鏈接",
    "相关链接",
    "相關連結",
    "相关连结",
];

fn is_link_heading(line: &str) -> bool {
    let lower = line.trim_end_matches(':').trim().to_lowercase();
    LINK_HEADINGS.contains(&lower.as_str())
}

/// Where a version's title and place stand when they come before its date, as block indexes.
#[derive(Debug, Clone, Copy, Default)]
struct Heading {
    title_at: Option<usize>,
    place_at: Option<usize>,
}

/// Splits the blocks into versions. A version has a title and a date (and place) line, in
/// either order: most sites put the title first, some the date. Its body runs to its link list
/// or the next version's heading. Text without any date is taken as versions in runs of one
/// language, each headed by its first block.
fn split_versions(blocks: &[Vec<String>]) -> Vec<ReadVersion> {
    let dated: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| date_line(&b[0]).is_some())
        .map(|(i, _)| i)
        .collect();
    if dated.is_empty() {
        return language_runs(blocks)
            .into_iter()
            .map(|run| {
                // What stands above a run's first text is left out, not taken as its title.
                let above = run
                    .iter()
                    .take_while(|b| reason_to_leave_out(b).is_some())
                    .count();
                let (heading, rest) = run.split_at(above);
                let mut read = match rest.split_first() {
                    Some((title, body)) if looks_like_title(title) => {
                        version(title.join(" "), None, None, body)
                    }
                    _ => version(String::new(), None, None, rest),
                };
                read.left_out.splice(0..0, left_out_above(heading));
                read
            })
            .collect();
    }
    // Where each version's title and place stand when they come before its date (and after
    // the previous date): a title just before the date, or a title then a place line.
    let headings: Vec<Heading> = dated
        .iter()
        .enumerate()
        .map(|(n, &date_at)| {
            let after_previous = n.checked_sub(1).map_or(0, |p| dated[p] + 1);
            let may_be_title = |at: usize| at >= after_previous && looks_like_title(&blocks[at]);
            // A place line between title and date only where the date says no place itself,
            // and the title is one line: a two-line block there is a header or an address.
            let date_alone = blocks[date_at].len() == 1
                && date_line(&blocks[date_at][0]).is_some_and(|(_, place)| place.is_none());
            match date_at.checked_sub(2) {
                Some(at)
                    if date_alone
                        && may_be_title(at)
                        && blocks[at].len() == 1
                        && is_short_line(blocks.get(at + 1)) =>
                {
                    Heading {
                        title_at: Some(at),
                        place_at: Some(at + 1),
                    }
                }
                _ if date_at > after_previous && may_be_title(date_at - 1) => Heading {
                    title_at: Some(date_at - 1),
                    place_at: None,
                },
                _ => Heading::default(),
            }
        })
        .collect();
    let above = above_headings(blocks, &dated, &headings);
    let mut versions = Vec::new();
    for (n, &date_at) in dated.iter().enumerate() {
        let date_block = &blocks[date_at];
        let (date, place_on_line) = date_line(&date_block[0]).unzip();
        let mut body_start = date_at + 1;
        let place_before = headings[n].place_at.map(|at| blocks[at].join(" "));
        let mut place = place_on_line
            .flatten()
            .or_else(|| (date_block.len() > 1).then(|| date_block[1..].join(" ")))
            .or(place_before);
        let title = if let Some(title_at) = headings[n].title_at {
            blocks[title_at].join(" ")
        } else {
            // Date first: a short line after it is the title; of two short lines, the first
            // is the place.
            if place.is_none()
                && is_short_line(blocks.get(body_start))
                && blocks
                    .get(body_start + 1)
                    .is_some_and(|b| looks_like_title(b))
            {
                place = Some(blocks[body_start][0].clone());
                body_start += 1;
            }
            match blocks.get(body_start) {
                Some(next) if looks_like_title(next) => {
                    body_start += 1;
                    next.join(" ")
                }
                _ => String::new(),
            }
        };
        // The place is on the line after the date, or is the short block that follows it.
        if place.is_none()
            && headings[n].title_at.is_some()
            && is_short_line(blocks.get(body_start))
        {
            place = Some(blocks[body_start][0].clone());
            body_start += 1;
        }
        // The next version's heading, and what stands above it, are not part of this one's
        // body.
        let body_end = above.get(n + 1).map_or(blocks.len(), |range| range.start);
        let body = &blocks[body_start.min(body_end)..body_end];
        let mut read = version(title, date, place, body);
        read.left_out
            .splice(0..0, left_out_above(&blocks[above[n].clone()]));
        versions.push(read);
    }
    versions
}

/// What stands above each version's heading: everything above the first; above another, the
/// address its site repeats at the top of each version.
fn above_headings(
    blocks: &[Vec<String>],
    dated: &[usize],
    headings: &[Heading],
) -> Vec<std::ops::Range<usize>> {
    dated
        .iter()
        .zip(headings)
        .enumerate()
        .map(|(n, (&date_at, heading))| {
            let heading_at = heading.title_at.unwrap_or(date_at);
            let Some(previous_date) = n.checked_sub(1).map(|p| dated[p]) else {
                return 0..heading_at;
            };
            let mut start = heading_at;
            while start > previous_date + 1
                && reason_to_leave_out(&blocks[start - 1]) == Some(LeftOutReason::Address)
            {
                start -= 1;
            }
            start..heading_at
        })
        .collect()
}

/// The blocks above a version's heading, left out: an address, links or the like, or a
/// heading of the site's.
fn left_out_above(blocks: &[Vec<String>]) -> Vec<LeftOut> {
    blocks
        .iter()
        .map(|block| LeftOut {
            reason: reason_to_leave_out(block).unwrap_or(LeftOutReason::Heading),
            lines: block.clone(),
            after: 0,
        })
        .collect()
}

/// A block of one line that could be a place.
fn is_short_line(block: Option<&Vec<String>>) -> bool {
    block.is_some_and(|b| {
        b.len() == 1 && looks_like_place(&b[0]) && reason_to_leave_out(b).is_none()
    })
}

/// A title is one short block that is not a sentence, a date, or a block to leave out (an
/// address, links).
fn looks_like_title(block: &[String]) -> bool {
    let text = block.join(" ");
    let length = text.chars().count();
    block.len() <= 2
        && length > 0
        && length <= 200
        && !text.ends_with(['.', '。', ':', '：'])
        && reason_to_leave_out(block).is_none()
        && parse_date(&text).is_none()
}

/// A version with its heading as found and its body: the statements, in its language, and
/// the blocks left out of them.
fn version(
    title: String,
    date: Option<NaiveDate>,
    place: Option<String>,
    body: &[Vec<String>],
) -> ReadVersion {
    let sorted = sort_body(body);
    let mut sample = title.clone();
    for (block, kind) in body.iter().zip(&sorted) {
        if !matches!(kind, BodyBlock::LeftOut(_)) {
            sample.push_str(&block.join(" "));
        }
    }
    let language = detect_language(&sample);
    let joiner = if language.is_chinese() { "" } else { " " };
    let mut paragraphs = Vec::new();
    let mut left_out = Vec::new();
    for (block, kind) in body.iter().zip(sorted) {
        match kind {
            BodyBlock::Text => paragraphs.push(block.join(joiner)),
            BodyBlock::Items(items) => paragraphs.extend(items),
            BodyBlock::LeftOut(reason) => left_out.push(LeftOut {
                reason,
                lines: block.clone(),
                after: paragraphs.len(),
            }),
        }
    }
    ReadVersion {
        language,
        title,
        date,
        place,
        paragraphs: without_numbers(paragraphs),
        left_out,
        year_missing: false,
    }
}

/// A version without a date line may be dated in its first paragraph: by a wire service's
/// dateline (`OTTAWA, ON, Feb. 12, 2026 /CNW/ - Today, …`, `CANADA, May 14 - Today, …`),
/// which is taken off the paragraph, or by a Chinese date opening its first sentence
/// (`2026年1月15日，…`), which stays in it. A dateline without a year gives the place only:
/// the year is not guessed.
fn dated_by_first_paragraph(mut version: ReadVersion) -> ReadVersion {
    if version.date.is_some() || version.place.is_some() {
        return version;
    }
    let Some(first) = version.paragraphs.first_mut() else {
        return version;
    };
    if let Some((place, date, rest)) = dateline(first) {
        version.place = Some(place);
        version.year_missing = date.is_none();
        version.date = date;
        *first = rest;
    } else if let Some(opening) = first.split(['，', ',']).next()
        && opening.contains('年')
        && opening.chars().count() <= CHINESE_DATE_MAX
    {
        version.date = parse_date(opening);
    }
    version
}

/// The longest a Chinese date runs, spaced or not (`2026 年 1 月 15 日`).
const CHINESE_DATE_MAX: usize = 20;

/// The longest a dateline runs before its dash.
const DATELINE_MAX: usize = 60;

/// The longest a line naming a place then a date runs.
const DATE_LINE_MAX: usize = 60;

/// The dashes, spaced, that end a dateline or part a date line: hyphen, en and em dash.
const DASHES: [&str; 3] = [" - ", " \u{2013} ", " \u{2014} "];

/// The text with its spaced en and em dashes written as hyphens, to be split on one.
fn with_plain_dashes(text: &str) -> String {
    DASHES[1..]
        .iter()
        .fold(text.to_owned(), |text, dash| text.replace(dash, DASHES[0]))
}

/// A dateline opening a paragraph: its place, its date if it has a year, and the text after
/// its dash.
fn dateline(paragraph: &str) -> Option<(String, Option<NaiveDate>, String)> {
    // Split on the original text: the statement after the dash keeps its own dashes.
    let (head, rest) = DASHES
        .iter()
        .filter_map(|dash| paragraph.split_once(dash))
        .min_by_key(|(head, _)| head.len())?;
    if head.chars().count() > DATELINE_MAX || rest.trim().is_empty() {
        return None;
    }
    // Wire services write the place in capitals (OTTAWA, MANILLE), and mark themselves
    // (/CNW/, /CNW Telbec/).
    let head = match (head.find('/'), head.rfind('/')) {
        (Some(open), Some(close)) if open < close => {
            format!("{}{}", &head[..open], &head[close + 1..])
        }
        _ => head.to_owned(),
    };
    let first = head.split(',').next().unwrap_or_default();
    if first.chars().any(char::is_lowercase) {
        return None;
    }
    let (place, date) = place_then_date(&head)?;
    Some((place, date, rest.trim().to_owned()))
}

/// A place then a date, after a comma: `OTTAWA, ON, Feb. 12, 2026`, `Mexico City, Mexico,
/// March 19, 2026`, `CANADA, May 14` (a day with no year: no date).
fn place_then_date(text: &str) -> Option<(String, Option<NaiveDate>)> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    // The date is the last part or two ("Feb. 12, 2026", "le 12 févr. 2026", "May 14"); the
    // place is what comes before it.
    for taken in [2, 1] {
        let Some(split) = parts.len().checked_sub(taken).filter(|at| *at > 0) else {
            continue;
        };
        let date_text = parts[split..].join(" ");
        let place = parts[..split].join(", ");
        if let Some(date) = parse_date(&date_text) {
            return Some((place, Some(date)));
        }
        if month_and_day(&date_text) {
            return Some((place, None));
        }
    }
    None
}

/// A line that dates a version, with the place it names, if any: a date alone, a date then
/// its place and department (`November 3, 2026 - Hanoi, Vietnam - Global Affairs Canada`), or
/// a place then its date (`Mexico City, Mexico, March 19, 2026`).
fn date_line(line: &str) -> Option<(NaiveDate, Option<String>)> {
    if let Some(date) = parse_date(line) {
        return Some((date, None));
    }
    let dashed = with_plain_dashes(line);
    let mut parts = dashed.split(DASHES[0]).map(str::trim);
    if let Some(date) = parts.next().and_then(parse_date) {
        return Some((date, parts.next().map(str::to_owned)));
    }
    if line.chars().count() > DATE_LINE_MAX {
        return None;
    }
    // A place is named in capitalised words ("Mexico City", "Hanoï (Vietnam)"), unlike the
    // words of a closing line ("Done at Ottawa").
    let named = |place: &str| {
        place
            .split_whitespace()
            .all(|word| word.starts_with(|c: char| c.is_uppercase() || c == '('))
    };
    match place_then_date(line)? {
        (place, Some(date)) if named(&place) => Some((date, Some(place))),
        _ => None,
    }
}

/// Whether a text is a day of a month with no year (`May 14`, `14 mai`).
fn month_and_day(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().filter(|w| *w != "le").collect();
    let month = |w: &str| month_named(w.trim_end_matches('.')).is_some();
    let day = |w: &str| {
        w.trim_end_matches("er")
            .parse::<u32>()
            .is_ok_and(|d| (1..=31).contains(&d))
    };
    match words.as_slice() {
        [a, b] => month(a) && day(b) || day(a) && month(b),
        _ => false,
    }
}

/// Paragraphs numbered `1.`, `2.`, … in order, as joint statements number them, without their
/// numbers (statements are numbered by the register); others as they are.
fn without_numbers(paragraphs: Vec<String>) -> Vec<String> {
    let numbered = |(at, text): (usize, &String)| text.starts_with(&format!("{}. ", at + 1));
    if paragraphs.len() < 2 || !paragraphs.iter().enumerate().all(numbered) {
        return paragraphs;
    }
    paragraphs
        .into_iter()
        .enumerate()
        .map(|(at, text)| text[format!("{}. ", at + 1).len()..].to_owned())
        .collect()
}

/// A place line is short and is not a sentence, nor a date.
fn looks_like_place(line: &str) -> bool {
    let length = line.chars().count();
    length > 0
        && length <= 60
        && !line.ends_with('.')
        && !line.ends_with('。')
        && !is_link_heading(line)
        && parse_date(line).is_none()
}

/// Consecutive blocks of the same language, for text without dates. A heading too short to
/// tell the language of is taken to be in the language of the text it heads; another such
/// block stays with the text before it, as does a block to be left out (an address, a
/// trailer). A list of related links stays with the text before it until a block in another
/// language.
fn language_runs(blocks: &[Vec<String>]) -> Vec<Vec<Vec<String>>> {
    let left_out: Vec<bool> = blocks
        .iter()
        .map(|b| reason_to_leave_out(b).is_some())
        .collect();
    let signals: Vec<Option<Language>> = blocks
        .iter()
        .zip(&left_out)
        .map(|(b, left_out)| (!left_out).then(|| language_signal(&b.join(" "))).flatten())
        .collect();
    let mut runs: Vec<(Language, Vec<Vec<String>>)> = Vec::new();
    let mut in_links = false;
    for (i, block) in blocks.iter().enumerate() {
        in_links |= is_link_heading(&block[0]);
        if let (true, Some((_, run))) = (left_out[i], runs.last_mut()) {
            run.push(block.clone());
            continue;
        }
        let current = runs.last().map(|(language, _)| *language);
        let language = match signals[i] {
            Some(language) => language,
            None if looks_like_title(block) || current.is_none() => signals[i..]
                .iter()
                .flatten()
                .next()
                .copied()
                .or(current)
                .unwrap_or(Language::English),
            None => current.unwrap_or(Language::English),
        };
        let continues = current.is_some_and(|c| same_script_family(c, language));
        if in_links {
            if let (true, Some((_, run))) = (continues, runs.last_mut()) {
                run.push(block.clone());
                continue;
            }
            in_links = false;
        }
        match runs.last_mut() {
            Some((_, run)) if continues => run.push(block.clone()),
            _ => runs.push((language, vec![block.clone()])),
        }
    }
    runs.into_iter().map(|(_, run)| run).collect()
}

/// Chinese written in traditional and in simplified characters is one language for splitting:
/// a block with none of the characters that tell them apart is not a new version.
fn same_script_family(a: Language, b: Language) -> bool {
    a == b || a.is_chinese() && b.is_chinese()
}

/// Characters written one way in traditional and another in simplified Chinese, common in
/// readouts.
const TRADITIONAL: &str =
    "國總與會華這們對經關議電業農產貿認體時發動說從應當問題機將領導實現進區際營濟計劃處";
const SIMPLIFIED: &str =
    "国总与会华这们对经关议电业农产贸认体时发动说从应当问题机将领导实现进区际营济计划处";

/// Words far more frequent in French than in English, and the other way round.
const FRENCH_WORDS: &[&str] = &[
    "le", "la", "les", "des", "et", "du", "une", "est", "dans", "pour", "avec", "sur", "au", "aux",
    "ont", "leurs",
];
const ENGLISH_WORDS: &[&str] = &[
    "the", "and", "of", "to", "with", "in", "on", "their", "for", "at", "is", "was", "were",
];

fn detect_language(text: &str) -> Language {
    language_signal(text).unwrap_or(Language::English)
}

/// The language a text is written in, if it says enough to tell.
fn language_signal(text: &str) -> Option<Language> {
    let han = text.chars().filter(|c| is_han(*c)).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if han * 3 > letters {
        let traditional = text.chars().filter(|c| TRADITIONAL.contains(*c)).count();
        let simplified = text.chars().filter(|c| SIMPLIFIED.contains(*c)).count();
        return Some(if simplified > traditional {
            Language::ChineseSimplified
        } else {
            Language::ChineseTraditional
        });
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let french = words.iter().filter(|w| FRENCH_WORDS.contains(w)).count();
    let english = words.iter().filter(|w| ENGLISH_WORDS.contains(w)).count();
    let accents = lower.chars().filter(|c| "éèêàçùâîôû".contains(*c)).count();
    let french = french + accents / 3;
    if french == english {
        None
    } else if french > english {
        Some(Language::French)
    } else {
        Some(Language::English)
    }
}

const ENGLISH_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// Months as they are shortened: `Feb.`, `Sept.`, `févr.`, `juil.` (without the point).
const SHORT_MONTHS: [&[&str]; 12] = [
    &["jan", "janv"],
    &["feb", "févr", "fév"],
    &["mar"],
    &["apr", "avr"],
    &[],
    &["jun"],
    &["jul", "juil"],
    &["aug"],
    &["sep", "sept"],
    &["oct"],
    &["nov"],
    &["dec", "déc"],
];

/// The number of the month this word names, in full or shortened, in English or French.
fn month_named(word: &str) -> Option<u32> {
    let full = ENGLISH_MONTHS
        .iter()
        .chain(FRENCH_MONTHS.iter())
        .position(|m| *m == word)
        .map(|i| i % 12);
    let short = || SHORT_MONTHS.iter().position(|forms| forms.contains(&word));
    full.or_else(short).map(|i| i as u32 + 1)
}

const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Verbs that direct someone to act, in the forms statements use them.
const DIRECTING: &[&str] = &[
    "direct",
    "directs",
    "directed",
    "instruct",
    "instructs",
    "instructed",
    "task",
    "tasked",
    "ask",
    "asks",
    "asked",
    "mandate",
    "mandates",
    "mandated",
    "charge",
    "charged",
    "request",
    "requests",
    "requested",
    "chargé",
    "chargés",
    "chargée",
    "charger",
    "demandé",
    "demander",
    "demande",
    "enjoint",
    "mandaté",
    "mandatés",
];

/// Words after which a directing word is a noun ("the task of", "la demande de"). English
/// "a" too, but not before a French participle: "a chargé" is a verb.
const DETERMINERS: &[&str] = &[
    "the", "an", "this", "that", "its", "their", "our", "la", "le", "les", "une", "un", "des",
    "du", "sa", "leur",
];

/// Whom a directive addresses: officials and ministers, and the bodies and people who work
/// for them, in English and French (each also with a plural `s`).
const ADDRESSEES: &[&str] = &[
    "official",
    "minister",
    "committee",
    "subcommittee",
    "group",
    "team",
    "negotiator",
    "regulator",
    "authority",
    "authorities",
    "expert",
    "commissioner",
    "department",
    "agency",
    "agencies",
    "ministry",
    "ministries",
    "representative",
    "staff",
    "fonctionnaire",
    "ministre",
    "comité",
    "groupe",
    "équipe",
    "négociateur",
    "organisme",
    "délégué",
    "représentant",
    "autorité",
    "ministère",
];

/// Words that introduce what the addressee is to do: "to conclude", "with finding", "de
/// régler", "d'échanger".
const WHAT_TO_DO: &[&str] = &["to", "with", "de", "d"];

/// Chinese verbs that direct, and whom they address, in both scripts. 要求 also asks for
/// things and 应…要求 is "at the request of": it directs only when whom it addresses follows
/// at once.
const CHINESE_DIRECTING: &[&str] = &["指示", "責成", "责成", "要求"];
const CHINESE_ADDRESSEES: &[&str] = &[
    "官员",
    "官員",
    "部门",
    "部門",
    "机关",
    "機關",
    "工作组",
    "工作組",
    "团队",
    "團隊",
];
/// What may stand between a Chinese directing verb and whom it addresses.
const CHINESE_BETWEEN: &[&str] = &["两国", "兩國", "双方", "雙方", "各自", "有关", "有關"];

/// How many words may stand between a directing word and whom it addresses, and between
/// them and what they are to do: "directed their trade ministers to", "instructed the
/// Sanitary and Phytosanitary Committee to", "ont chargé le Comité des mesures sanitaires et
/// phytosanitaires de".
const WORDS_BETWEEN: usize = 6;

/// Whether a statement directs someone to act: a directing verb, whom it addresses and what
/// they are to do ("the leaders directed their trade ministers to…", "officials were directed
/// to…", "ont chargé leurs fonctionnaires de…", "双方责成两国工作组…"), not a fixed list of
/// phrases.
pub fn is_directive(text: &str) -> bool {
    let lower = text.to_lowercase().replace('\u{2019}', "'");
    directs_in_words(&lower) || directs_in_chinese(&lower)
}

fn directs_in_words(lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let is_addressee = |word: &str| {
        let singular = word.strip_suffix('s').unwrap_or(word);
        ADDRESSEES.contains(&word) || ADDRESSEES.contains(&singular)
    };
    // "donné pour instruction aux délégués": the noun directs after "pour".
    let directing = |at: usize| {
        let word = words[at];
        let before = at.checked_sub(1).map(|b| words[b]);
        let noun = before.is_some_and(|b| DETERMINERS.contains(&b) || b == "a" && word.is_ascii());
        let verb = DIRECTING.contains(&word) && !noun;
        verb || word == "instruction" && before == Some("pour")
    };
    let what_to_do_within = |from: usize| {
        words
            .iter()
            .skip(from)
            .take(WORDS_BETWEEN)
            .any(|word| WHAT_TO_DO.contains(word))
    };
    (0..words.len()).filter(|&at| directing(at)).any(|at| {
        // "officials were directed to": whom it addresses comes first, in the passive.
        let passive = at >= 2
            && matches!(words[at - 1], "were" | "was" | "are" | "is" | "been")
            && is_addressee(words[at - 2])
            && words.get(at + 1) == Some(&"to");
        let addressed = (at + 1..words.len())
            .take(WORDS_BETWEEN)
            .find(|&after| is_addressee(words[after]))
            .is_some_and(|addressee| what_to_do_within(addressee + 1));
        passive || addressed
    })
}

fn directs_in_chinese(text: &str) -> bool {
    CHINESE_DIRECTING.iter().any(|verb| {
        text.match_indices(verb).any(|(at, _)| {
            let before = &text[..at];
            let at_request = ["应", "應", "根据", "根據", "按照"]
                .iter()
                .any(|word| before.ends_with(word));
            let mut after = &text[at..][verb.len()..];
            while let Some(rest) = CHINESE_BETWEEN.iter().find_map(|w| after.strip_prefix(w)) {
                after = rest;
            }
            // Whom it addresses, perhaps after a few words that say which of them
            // (农业主管部门), but not another party's (中方有关部门).
            let near: String = after.chars().take(8).collect();
            let addressed = CHINESE_ADDRESSEES
                .iter()
                .any(|who| near.find(who).is_some_and(|at| !near[..at].contains('方')));
            // 指示 and 責成 direct whoever follows; 要求 only someone named at once.
            !at_request && (matches!(*verb, "指示" | "責成" | "责成") || addressed)
        })
    })
}

/// A date line in the forms readouts use: `October 31, 2025`, `31 October 2025`,
/// `31 octobre 2025`, `1er novembre 2025`, `2025 年 10 月 31 日`, `2025-10-31`. The whole line
/// must be the date.
pub fn parse_date(line: &str) -> Option<NaiveDate> {
    let line = line.trim().trim_end_matches('.');
    if line.chars().count() > 40 {
        return None;
    }
    if let Ok(date) = NaiveDate::parse_from_str(line, "%Y-%m-%d") {
        return Some(date);
    }
    if line.contains('年') {
        let digits: Vec<u32> = line
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect();
        let shape = line.contains('月') && line.ends_with('日');
        return match (shape, digits.as_slice()) {
            (true, [year, month, day]) => NaiveDate::from_ymd_opt(*year as i32, *month, *day),
            _ => None,
        };
    }
    let lower = line.to_lowercase().replace(',', " ");
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    // French date lines often open with the article: "Le 3 mars 2026".
    if words.first() == Some(&"le") {
        words.remove(0);
    }
    let month_of = |word: &str| month_named(word.trim_end_matches('.'));
    let number = |word: &str| word.trim_end_matches("er").parse::<u32>().ok();
    let (day, month, year) = match words.as_slice() {
        [month, day, year] if month_of(month).is_some() => {
            (number(day)?, month_of(month)?, number(year)?)
        }
        [day, month, year] => (number(day)?, month_of(month)?, number(year)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHARED: &str = include_str!("../../demo/readout-2025-10-31-canada-china.txt");

    #[test]
    fn french_date_lines_and_shortened_months_are_read() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("Le 3 mars 2026"), day(2026, 3, 3));
        assert_eq!(parse_date("le 1er avril 2026"), day(2026, 4, 1));
        assert_eq!(parse_date("Feb. 27, 2026"), day(2026, 2, 27));
        assert_eq!(parse_date("27 févr. 2026"), day(2026, 2, 27));
        assert_eq!(parse_date("Sept. 8, 2026"), day(2026, 9, 8));
        assert_eq!(parse_date("Le ministre"), None);
        assert_eq!(parse_date("May 14"), None, "no year: not a date to guess");
    }

    #[test]
    fn a_wire_dateline_gives_the_place_and_the_date_only_when_it_has_a_year() {
        let wire = read(
            "Canola talks resume\n\nOTTAWA, ON, Feb. 12, 2026 /CNW/ - Today, talks resumed.\n",
        )
        .unwrap();
        let version = &wire.versions[0];
        assert_eq!(version.place.as_deref(), Some("OTTAWA, ON"));
        assert_eq!(version.date, NaiveDate::from_ymd_opt(2026, 2, 12));
        assert_eq!(version.paragraphs, ["Today, talks resumed."]);

        let yearless =
            read("Canola talks resume\n\nCANADA, May 14 - Today, talks resumed.\n").unwrap();
        assert_eq!(yearless.versions[0].place.as_deref(), Some("CANADA"));
        assert_eq!(yearless.versions[0].date, None, "the year is not guessed");

        // A dash in a sentence is no dateline.
        let sentence =
            read("Talks\n\nThe minister said talks - long delayed - will resume.\n").unwrap();
        assert_eq!(sentence.versions[0].place, None);
        let opening =
            read("Talks\n\nOn Tuesday, May 14 - a week after the vote - talks resumed.\n").unwrap();
        assert_eq!(opening.versions[0].place, None);
        assert!(opening.versions[0].paragraphs[0].starts_with("On Tuesday"));
        let telbec =
            read("Pourparlers\n\nOTTAWA, le 14 mai /CNW Telbec/ - Les pourparlers reprennent.\n")
                .unwrap();
        assert_eq!(telbec.versions[0].place.as_deref(), Some("OTTAWA"));
        assert_eq!(
            telbec.versions[0].paragraphs,
            ["Les pourparlers reprennent."]
        );

        let chinese = read("部长会见\n\n2026年1月15日，部长在北京会见加方。\n").unwrap();
        assert_eq!(
            chinese.versions[0].date,
            NaiveDate::from_ymd_opt(2026, 1, 15)
        );
        assert_eq!(
            chinese.versions[0].paragraphs[0],
            "2026年1月15日，部长在北京会见加方。"
        );
    }

    #[test]
    fn a_date_line_may_name_its_place_before_or_after_the_date() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        assert_eq!(
            date_line("November 3, 2026 - Hanoi, Vietnam - Global Affairs Canada"),
            Some((day, Some("Hanoi, Vietnam".to_owned())))
        );
        assert_eq!(
            date_line("Hanoï (Vietnam), le 3 novembre 2026"),
            Some((day, Some("Hanoï (Vietnam)".to_owned())))
        );
        assert_eq!(date_line("3 November 2026"), Some((day, None)));
        assert_eq!(date_line("Done at Ottawa, November 3, 2026"), None);
        assert_eq!(date_line("Statement on May 5, 2026"), None);
        assert_eq!(date_line("Hanoi, May 5"), None, "no year, no date line");
    }

    #[test]
    fn an_address_above_the_title_is_neither_title_nor_place() {
        let text = "Agriculture and Agri-Food Canada\n1341 Baseline Road\nOttawa ON K1A 0C5\n\n\
                    Statement on the mission to Morocco\n\nMay 5, 2026\nRabat, Morocco\n\n\
                    The Minister met Morocco's Minister of Agriculture.\n";
        let version = &read(text).unwrap().versions[0];
        assert_eq!(version.title, "Statement on the mission to Morocco");
        assert_eq!(version.place.as_deref(), Some("Rabat, Morocco"));
    }

    #[test]
    fn a_numbered_statement_is_read_with_its_title_place_and_date_and_without_its_numbers() {
        let text = "Joint statement of the Trade Committee\n\nBrussels, Belgium\n\nJune 18, 2026\n\n\
                    1. The Committee met.\n\n2. The Committee instructed the working group to report.\n";
        let version = &read(text).unwrap().versions[0];
        assert_eq!(version.title, "Joint statement of the Trade Committee");
        assert_eq!(version.place.as_deref(), Some("Brussels, Belgium"));
        assert_eq!(version.date, NaiveDate::from_ymd_opt(2026, 6, 18));
        assert_eq!(
            version.paragraphs,
            [
                "The Committee met.",
                "The Committee instructed the working group to report."
            ]
        );
        // Numbers out of order are the text's own.
        let listed = without_numbers(vec!["2. Second".into(), "1. First".into()]);
        assert_eq!(listed, ["2. Second", "1. First"]);
    }

    #[test]
    fn a_directive_is_a_directing_word_and_whom_it_addresses() {
        for directive in [
            "The leaders directed their trade ministers to conclude talks.",
            "The leaders tasked their ministers with finding a solution.",
            "The Parties instructed the Committee on Agriculture to resolve it.",
            "Officials were directed to complete the review.",
            "Both sides agreed to instruct their regulators to share data.",
            "Le Comité a chargé le Comité des mesures sanitaires de régler les demandes.",
            "Les dirigeants ont demandé à leurs fonctionnaires de terminer l'examen.",
            "Le ministre a donné pour instruction aux délégués commerciaux de faire rapport.",
            "双方要求两国主管部门加快完成相关检疫程序。",
            "雙方責成主管機關於六個月內提出檢疫方案。",
        ] {
            assert!(is_directive(directive), "{directive}");
        }
        for statement in [
            "The director of the Trade Committee opened the meeting.",
            "The tasks of the working group were reviewed.",
            "The task of the working group is to report.",
            "Canada asked about the new tariff on canola.",
            "Canada asked the minister about tariffs.",
            "Canada requested consultations with the department.",
            "They met at the request of the Minister to discuss canola.",
            "The minister spoke directly with officials.",
            "The ministers' directive to officials was welcomed.",
            "Two Canadians charged with espionage by Chinese authorities were released.",
            "China requested an official response.",
            "Canada asked for a ministerial meeting.",
            "Le directeur du groupe de travail a ouvert la séance.",
            "Selon les instructions du ministère, les envois sont retenus.",
            "Le Canada a demandé des précisions au ministère.",
            "Les ministres ont salué les progrès du groupe de travail.",
            "加方要求中方取消关税。",
            "加方要求中方有关部门取消关税。",
            "应加方要求，中方官员介绍了情况。",
            "受主席委托，部长会见了加拿大外交部长。",
        ] {
            assert!(!is_directive(statement), "{statement}");
        }
    }

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// Each version's language, title and number of paragraphs.
    fn found(readout: &Readout) -> Vec<(Language, &str, usize)> {
        readout
            .versions
            .iter()
            .map(|v| (v.language, v.title.as_str(), v.paragraphs.len()))
            .collect()
    }

    fn same_lengths(readout: &Readout) -> bool {
        readout
            .versions
            .windows(2)
            .all(|pair| pair[0].paragraphs.len() == pair[1].paragraphs.len())
    }

    #[test]
    fn the_published_readout_reads_as_two_aligned_versions() {
        let readout = read(SHARED).unwrap();
        assert_eq!(readout.versions.len(), 2);
        let (zh, en) = (&readout.versions[0], &readout.versions[1]);
        assert_eq!(zh.language, Language::ChineseTraditional);
        assert_eq!(en.language, Language::English);
        assert_eq!(zh.title, "加拿大總理卡尼與中華人民共和國主席習近平會面");
        assert_eq!(
            en.title,
            "Prime Minister Carney meets with President of the People's Republic of China Xi Jinping"
        );
        assert_eq!(zh.date, date(2025, 10, 31));
        assert_eq!(en.date, date(2025, 10, 31));
        assert_eq!(zh.place.as_deref(), Some("韓國慶州"));
        assert_eq!(en.place.as_deref(), Some("Gyeongju, Republic of Korea"));
        assert_eq!(en.paragraphs.len(), 5);
        assert!(same_lengths(&readout));
        assert!(en.paragraphs[2].starts_with("Both leaders directed their officials"));
        assert!(zh.paragraphs[2].starts_with("兩國領導人指示雙方官員"));
        for version in &readout.versions {
            for paragraph in &version.paragraphs {
                assert!(!paragraph.contains("K1A 0A2") && !paragraph.contains("]("));
                assert!(!paragraph.contains("Associated link") && !paragraph.contains("相關鏈接"));
            }
        }
    }

    #[test]
    fn statements_that_instruct_officials_are_directives() {
        let readout = read(SHARED).unwrap();
        for version in &readout.versions {
            let flagged: Vec<usize> = version
                .paragraphs
                .iter()
                .enumerate()
                .filter(|(_, p)| is_directive(p))
                .map(|(n, _)| n + 1)
                .collect();
            assert_eq!(flagged, [3], "{:?}", version.language);
        }
        assert!(is_directive(
            "Les dirigeants ont chargé leurs fonctionnaires de régler les irritants."
        ));
        assert!(is_directive("The leaders Tasked Officials with a review."));
        assert!(!is_directive(
            "The leaders discussed a framework to deepen cooperation."
        ));
    }

    #[test]
    fn dates_are_read_in_the_forms_each_language_uses() {
        assert_eq!(parse_date("October 31, 2025"), date(2025, 10, 31));
        assert_eq!(parse_date("31 October 2025"), date(2025, 10, 31));
        assert_eq!(parse_date("31 octobre 2025"), date(2025, 10, 31));
        assert_eq!(parse_date("1er novembre 2025"), date(2025, 11, 1));
        assert_eq!(parse_date("2025 年 10 月 31 日"), date(2025, 10, 31));
        assert_eq!(parse_date("2025年10月31日"), date(2025, 10, 31));
        assert_eq!(parse_date("2025-10-31"), date(2025, 10, 31));
        assert_eq!(parse_date("February 30, 2025"), None);
        assert_eq!(
            parse_date("The leaders met on October 31, 2025 in Gyeongju"),
            None
        );
    }

    const FRENCH_AND_ENGLISH: &str = "Le premier ministre rencontre le président\r\n\r\n31 octobre 2025\r\nGyeongju, République de Corée\r\n\r\nAujourd'hui, le premier ministre a rencontré le président.\r\n\r\nLes dirigeants ont chargé leurs fonctionnaires de régler les irritants commerciaux.\r\n\r\nLiens connexes\r\n\r\n- [Relations Canada-Chine](#)\r\n\r\nPrime Minister meets the President\r\n\r\nOctober 31, 2025\r\nGyeongju, Republic of Korea\r\n\r\nToday, the Prime Minister met the President.\r\n\r\nThe leaders directed their officials to resolve trade irritants.\r\n";

    #[test]
    fn french_and_english_with_windows_line_endings() {
        let readout = read(FRENCH_AND_ENGLISH).unwrap();
        let languages: Vec<Language> = readout.versions.iter().map(|v| v.language).collect();
        assert_eq!(languages, [Language::French, Language::English]);
        assert_eq!(
            readout.versions[0].place.as_deref(),
            Some("Gyeongju, République de Corée")
        );
        assert_eq!(readout.versions[0].paragraphs.len(), 2);
        assert!(same_lengths(&readout));
    }

    #[test]
    fn english_only_with_extra_blank_lines_and_no_date() {
        let text = "\n\n\nJoint statement on trade\n\n\n\n\nThe ministers met today.\n\n\n\nThey tasked officials with a review.\n\n\n";
        let readout = read(text).unwrap();
        assert_eq!(readout.versions.len(), 1);
        let version = &readout.versions[0];
        assert_eq!(version.title, "Joint statement on trade");
        assert_eq!(version.date, None);
        assert_eq!(
            version.paragraphs,
            [
                "The ministers met today.",
                "They tasked officials with a review."
            ]
        );
    }

    #[test]
    fn the_date_may_come_before_the_title() {
        let text = "October 31, 2025\nGyeongju, Republic of Korea\n\nPrime Minister meets the President\n\nToday, the Prime Minister met the President.\n\nThe leaders directed their officials to resolve trade irritants.\n\nRelated links\n\n- [Canada-China relations](#)\n\n31 octobre 2025\n\nGyeongju, République de Corée\n\nLe premier ministre rencontre le président\n\nAujourd'hui, le premier ministre a rencontré le président.\n\nLes dirigeants ont chargé leurs fonctionnaires de régler les irritants.\n";
        let readout = read(text).unwrap();
        let (en, fr) = (&readout.versions[0], &readout.versions[1]);
        assert_eq!(en.language, Language::English);
        assert_eq!(en.title, "Prime Minister meets the President");
        assert_eq!(en.place.as_deref(), Some("Gyeongju, Republic of Korea"));
        assert_eq!(en.paragraphs.len(), 2);
        assert_eq!(fr.language, Language::French);
        assert_eq!(fr.title, "Le premier ministre rencontre le président");
        assert_eq!(fr.date, date(2025, 10, 31));
        assert_eq!(fr.place.as_deref(), Some("Gyeongju, République de Corée"));
        assert_eq!(
            fr.paragraphs,
            [
                "Aujourd'hui, le premier ministre a rencontré le président.",
                "Les dirigeants ont chargé leurs fonctionnaires de régler les irritants."
            ]
        );
        assert!(same_lengths(&readout));
    }

    #[test]
    fn a_long_title_after_the_date_and_place_is_still_the_title() {
        let title = "Prime Minister Carney meets with President of the People's Republic of China Xi Jinping";
        let text = format!(
            "October 31, 2025\n\nGyeongju, Republic of Korea\n\n{title}\n\nToday, the Prime Minister met the President.\n"
        );
        let readout = read(&text).unwrap();
        let version = &readout.versions[0];
        assert_eq!(version.title, title);
        assert_eq!(
            version.place.as_deref(),
            Some("Gyeongju, Republic of Korea")
        );
        assert_eq!(
            version.paragraphs,
            ["Today, the Prime Minister met the President."]
        );
    }

    #[test]
    fn undated_text_without_a_heading_keeps_its_first_paragraph() {
        let readout =
            read("The ministers met today.\n\nThey tasked officials with a review.").unwrap();
        let version = &readout.versions[0];
        assert_eq!(version.title, "");
        assert_eq!(version.paragraphs.len(), 2);
        let one = read("The ministers met today and tasked officials with a review.").unwrap();
        assert_eq!(one.versions[0].paragraphs.len(), 1);
    }

    #[test]
    fn nothing_left_out_is_lost_and_what_is_kept_goes_back_where_it_stood() {
        let text = "Global Affairs Canada\nOttawa ON K1A 0G2\n\nTrade talks with Peru\n\nMarch 3, 2026\n\nThe ministers met.\n\nContacts\n\nMedia Relations\nmedia@example.gc.ca\n\nThey agreed to meet again.\n";
        let mut version = read(text).unwrap().versions.remove(0);
        assert_eq!(version.title, "Trade talks with Peru");
        assert_eq!(version.paragraphs, ["The ministers met."]);
        let reasons: Vec<(LeftOutReason, usize)> = version
            .left_out
            .iter()
            .map(|b| (b.reason, b.after))
            .collect();
        // Everything after "Contacts" closes the version, even a sentence.
        assert_eq!(
            reasons,
            [
                (LeftOutReason::Address, 0),
                (LeftOutReason::Contacts, 1),
                (LeftOutReason::Contacts, 1),
                (LeftOutReason::Contacts, 1)
            ]
        );
        version.keep_left_out(|at| at == 0 || at == 3);
        assert_eq!(
            version.paragraphs,
            [
                "Global Affairs Canada Ottawa ON K1A 0G2",
                "The ministers met.",
                "They agreed to meet again."
            ]
        );
        assert_eq!(version.left_out.len(), 2);
    }

    #[test]
    fn a_run_of_left_out_text_alone_goes_with_the_version_before_it() {
        let text = "Joint statement on trade\n\nThe ministers met today in Ottawa.\n\nSOURCE Affaires mondiales Canada\n\nRenseignements : medias@example.gc.ca\n";
        let readout = read(text).unwrap();
        assert_eq!(readout.versions.len(), 1);
        let reasons: Vec<LeftOutReason> = readout.versions[0]
            .left_out
            .iter()
            .map(|b| b.reason)
            .collect();
        assert_eq!(reasons, [LeftOutReason::Footer, LeftOutReason::Contacts]);
    }

    #[test]
    fn undated_link_lists_end_their_version() {
        let text = "Joint statement on trade\n\nThe ministers met today in Ottawa.\n\nRelated links\n\nCanada and the world\n\nTrade with China\n\nDéclaration commune\n\nLes ministres se sont réunis aujourd'hui à Ottawa.\n";
        let readout = read(text).unwrap();
        assert_eq!(
            found(&readout),
            [
                (Language::English, "Joint statement on trade", 1),
                (Language::French, "Déclaration commune", 1)
            ]
        );
    }

    #[test]
    fn undated_english_and_french_are_told_apart() {
        let text = "Joint statement on trade\n\nThe ministers met today in Ottawa.\n\nThey tasked officials with a review of the measures.\n\nDéclaration commune\n\nLes ministres se sont réunis aujourd'hui à Ottawa.\n\nIls ont chargé leurs fonctionnaires d'examiner les mesures.\n";
        let readout = read(text).unwrap();
        assert_eq!(
            found(&readout),
            [
                (Language::English, "Joint statement on trade", 2),
                (Language::French, "Déclaration commune", 2)
            ]
        );
    }

    #[test]
    fn three_languages_unequal_lengths_are_read_but_not_aligned() {
        let text = format!(
            "{SHARED}\n\nLe premier ministre Carney rencontre le président Xi\n\n31 octobre 2025\nGyeongju, République de Corée\n\nLes dirigeants ont chargé leurs fonctionnaires d'agir rapidement.\n"
        );
        let readout = read(&text).unwrap();
        let languages: Vec<&str> = readout.versions.iter().map(|v| v.language.tag()).collect();
        assert_eq!(languages, ["zh-Hant", "en", "fr"]);
        assert!(!same_lengths(&readout));
    }

    #[test]
    fn what_cannot_be_read_is_explained() {
        let thrice = format!("{SHARED}\n\n{SHARED}\n\n{SHARED}");
        assert_eq!(read(&thrice), Err(ReadoutProblem::TooManyVersions));
        // Windows-1252 French: refused rather than stored with its accents lost.
        assert_eq!(
            read_bytes(b"R\xe9union des ministres\n\nLes ministres se sont r\xe9unis."),
            Err(ReadoutProblem::NotText)
        );
        assert_eq!(read(" \n\t\n"), Err(ReadoutProblem::Empty));
        assert_eq!(
            read_bytes(&[0xff, 0xfe, 0x00, 0x81, 0x9c, 0xfa, 0xfb]),
            Err(ReadoutProblem::NotText)
        );
        assert_eq!(read("- [Only a link](#)\n"), Err(ReadoutProblem::NoBody));
        assert_eq!(read("A title alone"), Err(ReadoutProblem::NoBody));
    }

    #[test]
    fn no_input_makes_it_panic() {
        // A cheap property test: many generated texts mixing the pieces readouts are made of.
        let pieces = [
            "",
            "\n",
            "\r\n",
            "\u{FEFF}",
            "2025 年 10 月 31 日",
            "October 31, 2025",
            "年",
            "月日",
            "- [x](y)",
            "Ottawa, Canada K1A 0A2",
            "Related links",
            "相關鏈接",
            "\u{0}",
            "é",
            "關税",
            "The leaders directed their officials.",
            "  ",
            "31 octobre",
            "1er",
            "9999-99-99",
        ];
        let mut state: u64 = 2025;
        for _ in 0..5_000 {
            let mut text = String::new();
            for _ in 0..(state % 17) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            let _ = read(&text);
            let _ = read_bytes(text.as_bytes());
        }
    }
}
