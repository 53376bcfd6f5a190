//! Source documents: imported readouts, read statement by statement in each language.

use std::process::Command;

use reqwest::StatusCode;

use crate::helpers::spawn_app;

const READOUT: &str = include_str!("../../demo/readout-2025-10-31-canada-china.txt");

/// Runs `irritrack import-source FILE` against the test database.
async fn import(database_url: &str, contents: Vec<u8>) -> (bool, String) {
    let url = database_url.to_owned();
    tokio::task::spawn_blocking(move || {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("readout.txt");
        std::fs::write(&file, contents).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_irritrack"))
            .arg("import-source")
            .arg(&file)
            .args(["--database-url", &url])
            .output()
            .expect("the binary runs");
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        (output.status.success(), text)
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn an_imported_readout_reads_statement_by_statement_in_each_language() {
    let app = spawn_app().await;
    let (ok, output) = import(app.database.url(), READOUT.as_bytes().to_vec()).await;
    assert!(ok, "{output}");
    assert!(
        output.contains("zh-Hant, en; 5 statements, 1 directives"),
        "{output}"
    );
    let path = output
        .split_whitespace()
        .find(|w| w.starts_with("/sources/"))
        .unwrap()
        .trim_end_matches('.')
        .to_owned();

    let list = app.get_text("/sources").await;
    assert!(list.contains(&format!(r#"href="{path}""#)));
    let page = app.get_text(&path).await;
    // Each version's text is marked with its language, for screen readers and fonts.
    assert_eq!(page.matches(r#"<p lang="zh-Hant">"#).count(), 5);
    assert_eq!(page.matches(r#"<p lang="en">"#).count(), 5);
    assert!(
        page.contains(
            r#"<span lang="zh-Hant">加拿大總理卡尼與中華人民共和國主席習近平會面</span>"#
        )
    );
    let directive = page
        .split(r#"id="statement-3""#)
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .unwrap();
    assert!(directive.contains("Directive"));
    assert!(directive.contains("Both leaders directed their officials"));
    assert!(directive.contains("兩國領導人指示雙方官員"));
    assert!(!page.contains("K1A 0A2") && !page.contains("Associated link"));

    // The same text again, even with other line endings, is recognised.
    let again = READOUT.replace('\n', "\r\n").into_bytes();
    let (ok, output) = import(app.database.url(), again).await;
    assert!(!ok && output.contains("imported before"), "{output}");
    let list = app.get_text("/sources").await;
    assert_eq!(list.matches(r#"href="/sources/"#).count(), 1);
}

#[tokio::test]
async fn what_cannot_be_imported_is_explained_and_nothing_is_stored() {
    let app = spawn_app().await;
    let (ok, output) = import(app.database.url(), vec![0xff, 0xfe, 0x00, 0x81, 0x9c, 0xfa]).await;
    assert!(!ok && output.contains("not text"), "{output}");
    let (ok, output) = import(app.database.url(), b"Just a title".to_vec()).await;
    assert!(!ok && output.contains("no paragraph"), "{output}");
    let list = app.get_text("/sources").await;
    assert!(list.contains("No source documents yet"));
    let missing = app.get("/sources/no-such-id").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}
