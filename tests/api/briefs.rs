//! An irritant's one-page brief, on the demonstration's canola irritant: the page tells the
//! issue, the words that mandate it, where it stands and its three latest developments; long
//! texts are shortened; the Word documents of the brief and of a progress report hold what
//! their pages hold, in the reader's language.

use std::io::{Cursor, Read};
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};

use crate::helpers::{TestApp, spawn_app, today};
use crate::html::Page;

const CANOLA: &str = "IRR-2025-0001";
const WORD: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

async fn with_demo() -> TestApp {
    let app = spawn_app().await;
    let url = app.database.url().to_owned();
    tokio::task::spawn_blocking(move || {
        let (pool, _) =
            irritrack::db::connect(&url, 2, Duration::from_secs(5)).expect("the database opens");
        irritrack::demo::load(&pool).expect("the demo loads");
    })
    .await
    .unwrap();
    app
}

/// The text of a Word document's body, a paragraph a line, read from `word/document.xml`.
pub fn document_text(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a DOCX is a zip archive");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("it holds word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut text, mut in_text) = (String::new(), false);
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(tag) if tag.name().as_ref() == b"w:t" => in_text = true,
            quick_xml::events::Event::End(tag) if tag.name().as_ref() == b"w:t" => in_text = false,
            quick_xml::events::Event::End(tag) if tag.name().as_ref() == b"w:p" => text.push('\n'),
            quick_xml::events::Event::Text(words) if in_text => {
                text.push_str(&words.decode().unwrap());
            }
            quick_xml::events::Event::GeneralRef(entity) if in_text => {
                let entity = entity.decode().unwrap();
                text.push_str(match entity.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                });
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    text
}

async fn word_file(app: &TestApp, path: &str) -> (String, Vec<u8>) {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    assert_eq!(response.headers()[CONTENT_TYPE], WORD);
    let disposition = response.headers()[CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_owned();
    (disposition, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_brief_tells_the_issue_its_mandate_where_it_stands_and_its_latest_three() {
    let app = with_demo().await;
    let irritant = app.get_text(&format!("/irritants/{CANOLA}")).await;
    assert!(irritant.contains(&format!(r#"href="/irritants/{CANOLA}/brief""#)));

    let page = app.get_text(&format!("/irritants/{CANOLA}/brief")).await;
    let page = Page::parse(&page);
    assert_eq!(page.text("p.marking"), "UNCLASSIFIED / NON CLASSIFIÉ");
    assert!(
        page.text("h1")
            .contains("Anti-dumping duties on Canadian canola seed")
    );
    assert!(
        page.text("h2#brief-mandate + figure blockquote")
            .contains("directed")
    );
    assert!(
        page.text("h2#brief-standing + dl")
            .starts_with("StatusOpen since")
    );
    let latest = page.texts("ul.developments li");
    assert_eq!(latest.len(), 3, "{latest:?}");
    let days: Vec<&str> = latest.iter().map(|line| &line[..10]).collect();
    let mut newest_first = days.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(days, newest_first, "newest first");
    // Nothing on it is to be pressed but the way back and the download, hidden on paper.
    assert!(!page.has("article.brief button") && !page.has("article.brief input"));
    assert_eq!(page.hrefs("article.brief nav.screen-only a").len(), 2);

    let (disposition, docx) = word_file(&app, &format!("/irritants/{CANOLA}/brief.docx")).await;
    assert_eq!(
        disposition,
        format!(r#"attachment; filename="brief_{CANOLA}_{}.docx""#, today())
    );
    let text = document_text(&docx);
    for expected in [
        "Anti-dumping duties on Canadian canola seed",
        "The mandate",
        "directed",
        "Status: Open",
        "Latest developments",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    // The download is an export, on the record.
    let admin = app.session_as("admin").await;
    let log = admin.get("/admin/security").await.text().await.unwrap();
    assert!(
        log.contains(&format!("brief_{CANOLA}_")),
        "the export is logged"
    );

    // In French, the brief and its document are in French.
    app.get("/language?to=fr&back=/").await;
    let page = app.get_text(&format!("/irritants/{CANOLA}/brief")).await;
    assert!(page.contains("Le mandat") && page.contains("Où en est le dossier"));
    // The readout holds Chinese and English: a French reader is given the English.
    assert_eq!(
        Page::parse(&page).attributes("figure.mandate blockquote", "lang"),
        ["en"]
    );
    // Departments go by their French acronyms: AAC, not AAFC.
    let standing = Page::parse(&page).text("h2#brief-standing + dl");
    assert!(standing.ends_with("AAC"), "{standing}");
    let list = app.get_text("/irritants?department=AAFC").await;
    assert!(
        Page::parse(&list)
            .texts("td abbr")
            .contains(&"AAC".to_owned())
    );
    let (_, docx) = word_file(&app, &format!("/irritants/{CANOLA}/brief.docx")).await;
    let text = document_text(&docx);
    assert!(
        text.contains("Le mandat") && text.contains("Faits récents"),
        "{text}"
    );
    assert!(text.contains("Statut\u{a0}: Ouvert"), "{text}");
}

#[tokio::test]
async fn long_texts_are_shortened_so_that_the_brief_fits_its_page() {
    let app = spawn_app().await;
    let summary = "The duty covers every grade of seed and meal. ".repeat(120);
    let mut fields = crate::helpers::canola();
    fields.push(("summary", &summary));
    let reference = app.record_irritant(&fields).await;
    let page = app.get_text(&format!("/irritants/{reference}/brief")).await;
    let page = Page::parse(&page);
    let shown = page.text("h2#brief-issue + p");
    assert!(shown.ends_with('…'), "{shown}");
    assert!(
        shown.chars().count() <= 600,
        "{} characters",
        shown.chars().count()
    );
    assert_eq!(
        page.text("h2#brief-mandate + p"),
        "No statement is linked to this irritant yet."
    );

    let missing = app.get("/irritants/ZZ-2025-0001/brief.docx").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_progress_report_downloads_as_a_word_document_telling_the_period() {
    let app = spawn_app().await;
    let reference = crate::reports::eventful_week(&app).await;
    let week = format!(
        "from={}&to={}",
        crate::dashboard::days_ago(6),
        crate::dashboard::days_ago(0)
    );
    let (disposition, docx) =
        word_file(&app, &format!("/reports/progress?{week}&format=docx")).await;
    assert!(
        disposition.contains("progress-report_") && disposition.ends_with(r#".docx""#),
        "{disposition}"
    );
    let text = document_text(&docx);
    for expected in [
        "At a glance",
        reference.as_str(),
        "Duty on canola meal",
        "Status changed from Open to Resolved in part: Measure lifted for the lines concerned",
        "Delivery confidence (RAG) moved from On track to At risk",
        "Talks resume after the new year",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
}

#[tokio::test]
async fn a_department_keeps_its_french_acronym_and_a_malformed_one_is_refused() {
    let app = spawn_app().await;
    let manager = app.session_as("manager").await;
    let refused = manager
        .post_form(
            "/admin/departments",
            &[
                ("code", "PCH"),
                ("name_en", "Canadian Heritage"),
                ("name_fr", "Patrimoine canadien"),
                ("acronym_fr", "P C!"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&refused.text().await.unwrap());
    assert!(
        page.field_error("field-acronym_fr").is_some(),
        "the problem is beside the field"
    );
    assert_eq!(
        page.attributes("#field-acronym_fr", "value"),
        ["P C!"],
        "what was typed is kept"
    );

    let saved = manager
        .post_form(
            "/admin/departments",
            &[
                ("code", "PCH"),
                ("name_en", "Canadian Heritage"),
                ("name_fr", "Patrimoine canadien"),
                ("acronym_fr", "PCH"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let page = manager
        .get("/admin/departments")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        Page::parse(&page).attributes("#field-AAFC-acronym_fr", "value"),
        ["AAC"]
    );
}
