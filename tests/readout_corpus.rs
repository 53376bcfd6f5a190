//! The readout corpus: readouts of the team's own writing, in the forms governments publish
//! them (`tests/readouts/*.txt`), each beside what it must be read as (`*.json`): its
//! versions, with their language, title, date, place and statements, the blocks left out of
//! the statements with their reason, and which statements are directives. The test reports
//! the share read entirely right and each way one was misread; it fails below 95 %, and on
//! any readout misread, so that a change that misreads one is seen.

use std::path::Path;

use irritrack::domain::readout::{Readout, is_directive, read};
use serde::Deserialize;

/// The share of the corpus that must be read entirely right.
const FLOOR: f64 = 0.95;

/// Below this many readouts, the share says little.
const SMALLEST_CORPUS: usize = 30;

#[derive(Deserialize)]
struct Expected {
    versions: Vec<ExpectedVersion>,
    /// The positions (from 0) of the statements that are directives, in every version.
    directives: Vec<usize>,
}

#[derive(Deserialize)]
struct ExpectedVersion {
    language: String,
    title: String,
    date: Option<String>,
    place: Option<String>,
    paragraphs: Vec<String>,
    /// The blocks left out of the statements: none unless listed.
    #[serde(default)]
    left_out: Vec<ExpectedLeftOut>,
    /// Whether the date has no year, so that the official must give it.
    #[serde(default)]
    year_missing: bool,
}

#[derive(Deserialize, Debug, PartialEq)]
struct ExpectedLeftOut {
    reason: String,
    lines: Vec<String>,
}

/// Each way `readout` differs from what was expected of it; none when it was read right.
fn misreadings(readout: &Readout, expected: &Expected) -> Vec<String> {
    let mut found = Vec::new();
    if readout.versions.len() != expected.versions.len() {
        found.push(format!(
            "{} versions instead of {}",
            readout.versions.len(),
            expected.versions.len()
        ));
    }
    for (n, (version, wanted)) in readout.versions.iter().zip(&expected.versions).enumerate() {
        let mut differ = |what: &str, got: String, want: String| {
            if got != want {
                found.push(format!("version {n}: {what} {got:?}, expected {want:?}"));
            }
        };
        differ(
            "language",
            version.language.tag().to_owned(),
            wanted.language.clone(),
        );
        differ("title", version.title.clone(), wanted.title.clone());
        differ(
            "date",
            format!("{:?}", version.date.map(|d| d.to_string())),
            format!("{:?}", wanted.date),
        );
        differ(
            "place",
            format!("{:?}", version.place),
            format!("{:?}", wanted.place),
        );
        differ(
            "year missing",
            version.year_missing.to_string(),
            wanted.year_missing.to_string(),
        );
        let left_out: Vec<ExpectedLeftOut> = version
            .left_out
            .iter()
            .map(|block| ExpectedLeftOut {
                reason: block.reason.code().to_owned(),
                lines: block.lines.clone(),
            })
            .collect();
        if left_out != wanted.left_out {
            found.push(format!(
                "version {n}: left out {left_out:#?}, expected {:#?}",
                wanted.left_out
            ));
        }
        if version.paragraphs != wanted.paragraphs {
            found.push(format!(
                "version {n}: statements {:#?}, expected {:#?}",
                version.paragraphs, wanted.paragraphs
            ));
        }
        let directives: Vec<usize> = version
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, text)| is_directive(text))
            .map(|(at, _)| at)
            .collect();
        if directives != expected.directives {
            found.push(format!(
                "version {n}: directives at {directives:?}, expected at {:?}",
                expected.directives
            ));
        }
    }
    found
}

#[test]
fn the_corpus_is_read_right() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/readouts");
    let mut names: Vec<_> = std::fs::read_dir(&folder)
        .expect("the corpus folder")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(
        names.len() >= SMALLEST_CORPUS,
        "{} readouts in the corpus",
        names.len()
    );
    let mut misread = Vec::new();
    for path in &names {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).expect("a readout");
        let expected: Expected = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("json")).expect("its expectations"),
        )
        .expect("expectations that parse");
        let problems = match read(&text) {
            Ok(readout) => misreadings(&readout, &expected),
            Err(problem) => vec![format!("not read: {problem:?}")],
        };
        if !problems.is_empty() {
            eprintln!("{name}:\n  {}", problems.join("\n  "));
            misread.push(name);
        }
    }
    let right = names.len() - misread.len();
    let share = right as f64 / names.len() as f64;
    eprintln!(
        "{right} of {} readouts read entirely right ({:.0} %)",
        names.len(),
        share * 100.0
    );
    assert!(share >= FLOOR, "below {:.0} %", FLOOR * 100.0);
    assert!(misread.is_empty(), "misread: {}", misread.join(", "));
}
