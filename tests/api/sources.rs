//! Source documents: imported readouts, read statement by statement in each language.

use std::process::Command;

use reqwest::StatusCode;

use crate::helpers::spawn_app;
use crate::html::Page;

const READOUT: &str = include_str!("../../demo/readout-2025-10-31-canada-china.txt");

/// Runs `irritrack import-source FILE` against the test database.
async fn import(database_url: &str, contents: Vec<u8>) -> (bool, String) {
    import_with(database_url, contents, &[]).await
}

/// Runs `irritrack import-source FILE` with more arguments.
async fn import_with(
    database_url: &str,
    contents: Vec<u8>,
    arguments: &'static [&'static str],
) -> (bool, String) {
    let url = database_url.to_owned();
    tokio::task::spawn_blocking(move || {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("readout.txt");
        std::fs::write(&file, contents).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_irritrack"))
            .arg("import-source")
            .arg(&file)
            .args(arguments)
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

/// Where `import-source` says it put the document.
fn imported_path(output: &str) -> String {
    output
        .split_whitespace()
        .find(|w| w.starts_with("/sources/"))
        .expect("the import names the document's address")
        .trim_end_matches('.')
        .to_owned()
}

/// Imports the shared readout from the command line; returns its page's address.
async fn import_readout(app: &crate::helpers::TestApp) -> String {
    let (ok, output) = import(app.database.url(), READOUT.as_bytes().to_vec()).await;
    assert!(ok, "{output}");
    imported_path(&output)
}

/// One statement's part of a document page.
fn statement(page: &str, number: u32) -> Page {
    Page::parse(page).within(&format!("#statement-{number}"))
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
    let path = imported_path(&output);

    let list = app.get_text("/sources").await;
    assert!(list.contains(&format!(r#"href="{path}""#)));
    let page = app.get_text(&path).await;
    assert!(page.contains(r#"<h1 lang="en">Prime Minister Carney meets"#));
    // Each version's text is marked with its language, for screen readers and fonts.
    assert_eq!(page.matches(r#"<p lang="zh-Hant">"#).count(), 5);
    assert_eq!(page.matches(r#"<p lang="en">"#).count(), 5);
    assert!(
        page.contains(
            r#"<span lang="zh-Hant">加拿大總理卡尼與中華人民共和國主席習近平會面</span>"#
        )
    );
    let directive = statement(&page, 3);
    assert!(directive.has("strong.badge.directive"));
    let texts = directive.texts("p[lang]").join(" ");
    assert!(texts.contains("Both leaders directed their officials"));
    assert!(texts.contains("兩國領導人指示雙方官員"));
    assert!(!page.contains("K1A 0A2") && !page.contains("Associated link"));

    // The same text again, even with other line endings, is recognised.
    let again = READOUT.replace('\n', "\r\n").into_bytes();
    let (ok, output) = import(app.database.url(), again).await;
    assert!(!ok && output.contains("imported before"), "{output}");
    let list = app.get_text("/sources").await;
    assert_eq!(list.matches(r#"<td><a href="/sources/"#).count(), 1);
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

#[tokio::test]
async fn statements_are_linked_to_the_irritants_they_mandate_and_unlinked_on_the_record() {
    let app = spawn_app().await;
    let source = import_readout(&app).await;
    let reference = app
        .create_via_api(serde_json::json!({
            "title": "Anti-dumping duties on Canadian canola seed", "counterpart": "CN",
            "owner": "officer@irritrack.test", "target_date": "2026-03-09",
        }))
        .await["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let officer = app.session_as("officer").await;
    let links = format!("{source}/statements/3/links");

    // Refused links say why, next to the field, and keep what was typed.
    for (fields, problem) in [
        (
            vec![("reference", "IRR-2025-9999"), ("quote", "")],
            "No irritant has the reference",
        ),
        (
            vec![("reference", reference.as_str()), ("quote", "rapeseed")],
            "Quote the statement's own words",
        ),
    ] {
        let response = officer.post_form(&links, &fields).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = response.text().await.unwrap();
        assert!(page.contains(problem), "{problem}");
        // The summary at the top leads to the field inside statement 3's form.
        assert!(page.contains(r##"<a href="#field-statement-3-"##));
        assert!(page.contains(r#"id="field-statement-3-reference""#));
        for (_, typed) in &fields {
            assert!(
                page.contains(&format!(r#"value="{typed}""#)),
                "{typed} is kept"
            );
        }
    }
    let viewer = app.session_as("viewer").await;
    let refused = viewer
        .post_form(&links, &[("reference", reference.as_str())])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    let fields = [
        ("reference", reference.as_str()),
        ("quote", "such as canola"),
        ("note", "Named in the directive."),
    ];
    let response = officer.post_form(&links, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let again = officer.post_form(&links, &fields).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("linked to that irritant already")
    );

    // The traceability view: under the directive, the irritant and where it stands.
    let page = app.get_text(&source).await;
    let directive = statement(&page, 3);
    assert!(
        directive
            .hrefs("a")
            .contains(&format!("/irritants/{reference}"))
    );
    let mandated = directive.texts("tbody tr").join(" ");
    assert!(mandated.contains("Olu Officer") && mandated.contains("2026-03-09"));
    assert!(mandated.contains("Open"));
    assert_eq!(directive.texts(r#"q[lang="en"]"#), ["such as canola"]);
    // The irritant quotes the words that mandate it, in each language.
    let irritant = app.get_text(&format!("/irritants/{reference}")).await;
    assert!(irritant.contains("Mandated by"));
    assert!(irritant.contains(r#"<blockquote lang="zh-Hant""#));
    assert!(irritant.contains("兩國領導人指示雙方官員"));
    assert!(irritant.contains("Both leaders directed their officials"));

    let unlink = format!("{links}/{reference}/remove");
    let refused = viewer.post_form(&unlink, &[]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let response = officer.post_form(&unlink, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let again = officer.post_form(&unlink, &[]).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    let irritant = Page::parse(&app.get_text(&format!("/irritants/{reference}")).await);
    assert!(!irritant.has("section.mandates figure.mandate"));
    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert!(history.contains("Mandated by §3"));
    assert!(history.contains("“such as canola” (Named in the directive.)"));
    assert!(history.contains("No longer linked to §3"));
    assert!(history.contains("Olu Officer"));
}

#[tokio::test]
async fn one_search_finds_irritants_and_statements_in_english_french_and_chinese() {
    let app = spawn_app().await;
    let (ok, output) = import(app.database.url(), READOUT.as_bytes().to_vec()).await;
    assert!(ok, "{output}");
    let french = "Le premier ministre rencontre le président\n\n31 octobre 2025\nGyeongju\n\n\
                  Les dirigeants ont chargé leurs fonctionnaires de régler rapidement les irritants commerciaux.\n";
    let (ok, output) = import(app.database.url(), french.as_bytes().to_vec()).await;
    assert!(ok, "{output}");
    app.create_via_api(serde_json::json!({
        "title": "Anti-dumping duties on Canadian canola seed", "counterpart": "CN",
        "summary": "加征关税 on canola seed",
    }))
    .await;

    let page = app.get_text("/search?q=Canola").await;
    assert!(page.contains("Anti-dumping duties on Canadian canola seed"));
    assert!(page.contains(r#"<blockquote lang="en"><p>Both leaders directed"#));
    // Two-character Chinese words are found inside longer runs of characters.
    let page = app.get_text("/search?q=官員").await;
    assert!(page.contains(r#"<blockquote lang="zh-Hant"><p>兩國領導人指示雙方官員"#));
    let page = app.get_text("/search?q=关税").await;
    assert!(page.contains("Anti-dumping duties on Canadian canola seed"));
    // Traditional and simplified characters find each other, in irritants and statements.
    let page = app.get_text("/search?q=加徵關稅").await;
    assert!(page.contains("Anti-dumping duties on Canadian canola seed"));
    let page = app.get_text("/search?q=两国领导人指示").await;
    assert!(page.contains(r#"<blockquote lang="zh-Hant"><p>兩國領導人指示雙方官員"#));
    assert_eq!(app.listed("q=關稅").await.len(), 1);
    let page = app.get_text("/search?q=fonctionnaires").await;
    assert!(page.contains(r#"<blockquote lang="fr"><p>Les dirigeants ont chargé"#));
    // Search syntax is only ever text.
    for raw in [
        "%",
        "_",
        "\\",
        "\"canola",
        "* OR 1=1 --",
        "NEAR(",
        "油菜籽%",
    ] {
        let response = app.get(&format!("/search?q={}", percent_encode(raw))).await;
        assert_eq!(response.status(), StatusCode::OK, "{raw}");
    }
    // Characters that mean something to SQL's LIKE are matched as themselves.
    for raw in ["%", "_", "\\", "油菜籽%"] {
        let page = app
            .get_text(&format!("/search?q={}", percent_encode(raw)))
            .await;
        assert!(page.contains("No statement holds these words"), "{raw}");
    }
    // Accented capitals are found from lower-case words, on both backends.
    let etat = "Déclaration commune\n\n3 novembre 2025\nOttawa\n\nL'État s'engage à lever les droits sur le canola.\n";
    let (ok, output) = import(app.database.url(), etat.as_bytes().to_vec()).await;
    assert!(ok, "{output}");
    let page = app.get_text("/search?q=%C3%A9tat").await;
    assert!(page.contains("L&#39;État s&#39;engage") || page.contains("L'État s'engage"));
}

fn percent_encode(raw: &str) -> String {
    raw.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test]
async fn a_pasted_readout_is_previewed_corrected_and_saved_once() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    let form = officer.get("/sources/new").await;
    assert_eq!(form.status(), StatusCode::OK);

    let empty = officer
        .post_form("/sources/preview", &[("text", "  ")])
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text().await.unwrap().contains("Enter a value"));

    let preview = officer
        .post_form(
            "/sources/preview",
            &[("text", READOUT), ("kind", "leaders_readout")],
        )
        .await;
    assert_eq!(preview.status(), StatusCode::OK);
    let page = preview.text().await.unwrap();
    assert!(page.contains("Statements: 5. Language versions: 2."));
    assert!(page.contains(r#"value="Prime Minister Carney meets with President of the People&#39;s Republic of China Xi Jinping""#)
        || page.contains("value=\"Prime Minister Carney meets with President of the People's Republic of China Xi Jinping\""));
    assert!(page.contains(r#"value="2025-10-31""#));
    // Nothing is saved by a preview.
    assert!(
        app.get_text("/sources")
            .await
            .contains("No source documents yet")
    );

    let corrected = [
        ("text", READOUT),
        ("kind", "leaders_readout"),
        ("title", "Carney–Xi meeting, Gyeongju"),
        ("issued_on", "2025-10-31"),
    ];
    let saved = officer.post_form("/sources", &corrected).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let location = saved.headers()["location"].to_str().unwrap().to_owned();
    let page = app.get_text(&location).await;
    assert!(page.contains("<h1>Carney–Xi meeting, Gyeongju</h1>"));
    assert!(page.contains("The source is imported."));

    let again = officer.post_form("/sources", &corrected).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = again.text().await.unwrap();
    assert!(page.contains("This text was imported before"));
    assert!(
        page.contains("Carney–Xi meeting, Gyeongju"),
        "the input is kept"
    );

    let bad_date = officer
        .post_form(
            "/sources",
            &[
                ("text", READOUT),
                ("title", "Kept title"),
                ("issued_on", "31/10/2025"),
            ],
        )
        .await;
    assert_eq!(bad_date.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad_date.text().await.unwrap();
    assert!(page.contains(r#"value="Kept title""#) && page.contains(r#"value="31/10/2025""#));
    let twice = format!("{READOUT}\n\n{READOUT}");
    let repeated = officer
        .post_form("/sources", &[("text", twice.as_str())])
        .await;
    assert_eq!(repeated.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        repeated
            .text()
            .await
            .unwrap()
            .contains("Another version is in this language already")
    );

    let viewer = app.session_as("viewer").await;
    assert_eq!(
        viewer.get("/sources/new").await.status(),
        StatusCode::FORBIDDEN
    );
    let refused = viewer.post_form("/sources", &corrected).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

const QUICK_FACTS: &str = include_str!("../readouts/23-quick-facts.txt");
const NO_YEAR: &str = include_str!("../readouts/17-wire-no-year.txt");

#[tokio::test]
async fn the_preview_lists_what_it_left_out_and_keeps_what_the_official_chooses() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    let preview = officer
        .post_form("/sources/preview", &[("text", QUICK_FACTS)])
        .await;
    assert_eq!(preview.status(), StatusCode::OK);
    let page = preview.text().await.unwrap();
    let left_out = Page::parse(&page).within("section.left-out");
    let reasons = left_out.texts("p.reason");
    assert_eq!(reasons, ["Heading", "Links", "Contacts", "Contacts"]);
    assert!(
        left_out
            .texts("blockquote")
            .join(" ")
            .contains("media@example.gc.ca")
    );
    // The quick facts themselves are statements; their heading is not.
    assert!(page.contains("Statements: 4. Language versions: 1."));
    let previewed = crate::helpers::hidden(&page, "previewed");

    // Kept on the preview, the contacts block becomes a statement where it stood.
    let keeping = [
        ("text", QUICK_FACTS),
        ("previewed", previewed.as_str()),
        ("keep_1_4", "yes"),
    ];
    let again = officer.post_form("/sources/preview", &keeping).await;
    let page = again.text().await.unwrap();
    assert!(page.contains("Statements: 5. Language versions: 1."));
    assert!(page.contains(r#"name="keep_1_4" value="yes" checked"#));
    let saved = officer.post_form("/sources", &keeping).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let location = saved.headers()["location"].to_str().unwrap().to_owned();
    let stored = app.get_text(&location).await;
    let last = statement(&stored, 5).texts("p[lang]").join(" ");
    assert_eq!(
        last,
        "Media Relations Agriculture and Agri-Food Canada 613-555-0199 media@example.gc.ca"
    );
    assert!(
        !stored.contains("Associated links"),
        "what was not kept stays out"
    );
}

#[tokio::test]
async fn a_date_without_its_year_is_asked_for_and_never_guessed() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    let preview = officer
        .post_form("/sources/preview", &[("text", NO_YEAR)])
        .await;
    assert_eq!(preview.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = preview.text().await.unwrap();
    let message = Page::parse(&page).field_error("field-issued_on");
    assert!(
        message
            .as_deref()
            .is_some_and(|m| m.contains("without its year")),
        "the message is next to the field: {message:?}"
    );
    let previewed = crate::helpers::hidden(&page, "previewed");
    let undated = [("text", NO_YEAR), ("previewed", previewed.as_str())];
    let refused = officer.post_form("/sources", &undated).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let dated = [
        ("text", NO_YEAR),
        ("previewed", previewed.as_str()),
        ("issued_on", "2026-05-14"),
    ];
    let saved = officer.post_form("/sources", &dated).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);

    // The command line refuses it too, and takes the date.
    let (ok, output) = import(app.database.url(), NO_YEAR.into()).await;
    assert!(!ok && output.contains("--date"), "{output}");
    let other = NO_YEAR.replace("options", "choices");
    let (ok, output) =
        import_with(app.database.url(), other.into(), &["--date", "2026-05-14"]).await;
    assert!(ok, "{output}");
    let stored = app.get_text(&imported_path(&output)).await;
    assert!(stored.contains("2026-05-14"), "the date given is stored");
}

#[tokio::test]
async fn the_command_line_prints_what_it_left_out_and_keeps_it_when_asked() {
    let app = spawn_app().await;
    let (ok, output) = import(app.database.url(), QUICK_FACTS.into()).await;
    assert!(ok, "{output}");
    assert!(
        output.contains("Left out of the statements (4):"),
        "{output}"
    );
    assert!(
        output.contains("- contacts (en):\n    Media Relations"),
        "{output}"
    );
    let stored = app.get_text(&imported_path(&output)).await;
    assert!(!stored.contains("Media Relations"));

    let other = QUICK_FACTS.replace("closely", "very closely");
    let (ok, output) = import_with(app.database.url(), other.into(), &["--keep-left-out"]).await;
    assert!(ok, "{output}");
    assert!(output.contains("8 statements"), "{output}");
    assert!(!output.contains("Left out"), "{output}");
}

/// An English and a French version, the French one a paragraph short until its split is
/// corrected.
const MISALIGNED: &str = "Ministers meet on trade\n\nMarch 3, 2026\nOttawa, Canada\n\nThe ministers met today.\n\nThey tasked officials with a review of canola duties.\n\nLes ministres se réunissent\n\n3 mars 2026\nOttawa, Canada\n\nLes ministres se sont réunis aujourd'hui.\nIls ont chargé leurs fonctionnaires d'examiner les droits sur le canola.\n";

#[tokio::test]
async fn the_preview_corrects_languages_and_the_split_and_asks_before_saving_unaligned_versions() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    let preview = officer
        .post_form("/sources/preview", &[("text", MISALIGNED)])
        .await;
    assert_eq!(preview.status(), StatusCode::OK);
    let page = preview.text().await.unwrap();
    assert!(page.contains("do not have the same number of paragraphs"));
    assert!(page.contains(r#"name="accept_unaligned""#));
    assert!(page.contains(r#"name="language_2""#) && !page.contains(r#"name="language_3""#));
    assert!(page.contains("read as French"));

    // Saving versions that do not line up needs the official's say-so.
    let unconfirmed = officer.post_form("/sources", &[("text", MISALIGNED)]).await;
    assert_eq!(unconfirmed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = unconfirmed.text().await.unwrap();
    assert!(page.contains("tick this box to save them as they are"));
    assert!(
        page.contains("Les ministres se sont réunis"),
        "the text is kept"
    );
    assert!(
        app.get_text("/sources")
            .await
            .contains("No source documents yet")
    );

    // Two versions read as one language are shown, with the choice to correct one of them.
    let misread = "Trade ministers meet\n\nMarch 3, 2026\n\nThe ministers met today.\n\nCommerce, ministres\n\n3 mars 2026\n\nCanola : examen, calendrier, suivi.\n";
    let collided = officer
        .post_form("/sources/preview", &[("text", misread)])
        .await;
    assert_eq!(collided.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = collided.text().await.unwrap();
    assert!(page.contains("Another version is in this language already"));
    assert!(
        page.contains(r#"id="field-language_2""#),
        "the problem has its field"
    );
    let previewed = crate::helpers::hidden(&page, "previewed");
    let corrected = [
        ("text", misread),
        ("language_2", "fr"),
        ("previewed", previewed.as_str()),
    ];
    let relabelled = officer.post_form("/sources/preview", &corrected).await;
    assert_eq!(relabelled.status(), StatusCode::OK);
    let page = relabelled.text().await.unwrap();
    assert!(
        page.contains(r#"<option value="fr" selected>"#),
        "the choice is kept"
    );
    assert!(page.contains(r#"<p lang="fr">Canola : examen"#));
    let saved = officer.post_form("/sources", &corrected).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    // Whoever imported it may remove it again.
    let imported = saved.headers()["location"].to_str().unwrap();
    let imported = imported.split('?').next().unwrap().to_owned();
    let removed = officer
        .post_form(&format!("{imported}/remove"), &[("confirm_remove", "yes")])
        .await;
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);

    // Saving a text other than the one previewed shows it again first, corrections dropped.
    let swapped = [
        ("text", MISALIGNED),
        ("language_2", "zh-Hans"),
        ("accept_unaligned", "yes"),
        ("previewed", previewed.as_str()),
    ];
    let unseen = officer.post_form("/sources", &swapped).await;
    assert_eq!(unseen.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = unseen.text().await.unwrap();
    assert!(page.contains("The text changed since the preview"));
    assert!(
        page.contains("read as French") && !page.contains(r#"<option value="zh-Hans" selected>"#)
    );

    // The split is corrected in the text: a blank line makes two paragraphs of one.
    let split = MISALIGNED.replace("aujourd'hui.\nIls", "aujourd'hui.\n\nIls");
    let saved = officer
        .post_form(
            "/sources",
            &[
                ("text", split.as_str()),
                ("language_2", "fr"),
                ("title", "Ottawa meeting"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let location = saved.headers()["location"].to_str().unwrap().to_owned();
    let page = app.get_text(&location).await;
    let second = statement(&page, 2);
    assert!(
        second
            .text(r#"p[lang="en"]"#)
            .starts_with("They tasked officials")
    );
    assert!(second.text(r#"p[lang="fr"]"#).starts_with("Ils ont chargé"));
    assert!(second.has("strong.badge.directive"));

    // Accepted, versions that do not line up are saved as they are.
    let other = MISALIGNED.replace("Ottawa, Canada", "Toronto, Canada");
    let accepted = officer
        .post_form(
            "/sources",
            &[("text", other.as_str()), ("accept_unaligned", "yes")],
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_wrong_import_is_corrected_or_removed_but_not_while_it_mandates_work() {
    let app = spawn_app().await;
    let source = import_readout(&app).await;
    let officer = app.session_as("officer").await;
    let edit = format!("{source}/edit");
    let form = officer.get(&edit).await.text().await.unwrap();
    assert!(form.contains(r#"value="Gyeongju, Republic of Korea""#));

    let refused = officer
        .post_form(
            &edit,
            &[
                ("title", "  "),
                ("kind", "joint_statement"),
                ("issued_on", "2025-13-01"),
                ("place", "Gyeongju"),
                ("url", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Enter a value") && page.contains("is not a date"));
    assert!(page.contains(r#"value="2025-13-01""#), "the input is kept");
    assert!(page.contains("Give the address of a web page"));
    let saved = officer
        .post_form(
            &edit,
            &[
                ("title", "Carney–Xi readout"),
                ("kind", "joint_statement"),
                ("issued_on", "2025-11-01"),
                ("place", "Gyeongju"),
                (
                    "participants",
                    "Prime Minister Mark Carney\nPresident Xi Jinping",
                ),
                ("url", "https://www.pm.gc.ca/en/news/readouts/2025/10/31"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let page = app.get_text(&source).await;
    assert!(page.contains("<h1>Carney–Xi readout</h1>") && page.contains("Joint statement"));
    assert!(page.contains("2025-11-01"));
    assert!(page.contains("Prime Minister Mark Carney\nPresident Xi Jinping"));
    assert!(page.contains(r#"<a href="https://www.pm.gc.ca/en/news/readouts/2025/10/31""#));
    assert!(
        page.contains("兩國領導人指示雙方官員"),
        "the words are untouched"
    );

    // A document that mandates work keeps it; removal needs a tick and no links.
    let reference = app
        .create_via_api(serde_json::json!({"title": "Seafood", "counterpart": "CN"}))
        .await["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let linked = officer
        .post_form(
            &format!("{source}/statements/3/links"),
            &[("reference", reference.as_str())],
        )
        .await;
    assert_eq!(linked.status(), StatusCode::SEE_OTHER);
    let remove = format!("{source}/remove");
    // Only its importer or a manager removes it; the command line imported this one.
    let not_theirs = officer
        .post_form(&remove, &[("confirm_remove", "yes")])
        .await;
    assert_eq!(not_theirs.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        not_theirs
            .text()
            .await
            .unwrap()
            .contains("Only the person who imported")
    );
    let unticked = app.post_form(&remove, &[]).await;
    assert_eq!(unticked.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unticked.text().await.unwrap().contains("Tick this box"));
    let in_use = app.post_form(&remove, &[("confirm_remove", "yes")]).await;
    assert_eq!(in_use.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(in_use.text().await.unwrap().contains("unlink them first"));
    let viewer = app.session_as("viewer").await;
    assert_eq!(viewer.get(&edit).await.status(), StatusCode::FORBIDDEN);
    let unlinked = officer
        .post_form(
            &format!("{source}/statements/3/links/{reference}/remove"),
            &[],
        )
        .await;
    assert_eq!(unlinked.status(), StatusCode::SEE_OTHER);
    let removed = app.post_form(&remove, &[("confirm_remove", "yes")]).await;
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    let location = removed.headers()["location"].to_str().unwrap().to_owned();
    let list = app.get_text(&location).await;
    assert!(list.contains("The document is removed") && list.contains("No source documents yet"));
    let admin = app.session_as("admin").await;
    let log = admin.get("/admin/security").await.text().await.unwrap();
    assert!(log.contains("Source document removed") && log.contains("Carney–Xi readout"));
    assert_eq!(app.get(&source).await.status(), StatusCode::NOT_FOUND);
    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert!(
        history.contains("No longer linked to"),
        "the irritant keeps its record"
    );
    // Removed, the same text may be imported again.
    let (ok, output) = import(app.database.url(), READOUT.as_bytes().to_vec()).await;
    assert!(ok, "{output}");
}

#[tokio::test]
async fn an_official_flags_and_unflags_directives_by_hand() {
    let app = spawn_app().await;
    let source = import_readout(&app).await;
    let officer = app.session_as("officer").await;
    let flag = |n: u32, value: &'static str| {
        let path = format!("{source}/statements/{n}/directive");
        let officer = &officer;
        async move { officer.post_form(&path, &[("directive", value)]).await }
    };
    assert_eq!(flag(4, "yes").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(flag(3, "no").await.status(), StatusCode::SEE_OTHER);
    let page = app.get_text(&source).await;
    assert!(statement(&page, 4).has("strong.badge.directive"));
    assert!(!statement(&page, 3).has("strong.badge.directive"));
    assert_eq!(flag(9, "yes").await.status(), StatusCode::NOT_FOUND);
    let viewer = app.session_as("viewer").await;
    let refused = viewer
        .post_form(
            &format!("{source}/statements/4/directive"),
            &[("directive", "no")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_api_imports_reads_and_links_sources() {
    let app = spawn_app().await;
    let officer = crate::helpers::create_token(app.database.url(), "officer").await;
    let viewer = crate::helpers::create_token(app.database.url(), "viewer").await;
    let call = |method: reqwest::Method, path: &str, token: &str| {
        crate::helpers::client()
            .request(method, app.url(path))
            .bearer_auth(token.to_owned())
    };
    let body = serde_json::json!({"text": READOUT, "title": "Carney–Xi, Gyeongju"});
    let refused = call(reqwest::Method::POST, "/api/v1/sources", &viewer)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let created = call(reqwest::Method::POST, "/api/v1/sources", &officer)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let source: serde_json::Value = created.json().await.unwrap();
    assert_eq!(source["title"], "Carney–Xi, Gyeongju");
    assert_eq!(source["languages"], serde_json::json!(["zh-Hant", "en"]));
    assert_eq!(source["statements"][2]["is_directive"], true);
    assert_eq!(source["statements"][2]["texts"][1]["language"], "en");
    let again = call(reqwest::Method::POST, "/api/v1/sources", &officer)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: serde_json::Value = again.json().await.unwrap();
    assert!(error["error"]["fields"]["text"].is_string());

    let reference = app
        .create_via_api(serde_json::json!({"title": "Seafood", "counterpart": "CN"}))
        .await["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = source["id"].as_str().unwrap();
    let linked = call(
        reqwest::Method::POST,
        &format!("/api/v1/sources/{id}/statements/3/links"),
        &officer,
    )
    .json(&serde_json::json!({"reference": reference, "quote": "seafood"}))
    .send()
    .await
    .unwrap();
    assert_eq!(linked.status(), StatusCode::CREATED);
    let read: serde_json::Value = call(
        reqwest::Method::GET,
        &format!("/api/v1/sources/{id}"),
        &viewer,
    )
    .send()
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(read["statements"][2]["mandates"][0]["reference"], reference);
    assert_eq!(read["statements"][2]["mandates"][0]["quote"], "seafood");
    let unknown = call(
        reqwest::Method::POST,
        &format!("/api/v1/sources/{id}/statements/3/links"),
        &officer,
    )
    .json(&serde_json::json!({"reference": "IRR-2020-0999"}))
    .send()
    .await
    .unwrap();
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: serde_json::Value = unknown.json().await.unwrap();
    assert!(error["error"]["fields"]["reference"].is_string());
    let unlink = format!("/api/v1/sources/{id}/statements/3/links/{reference}");
    for (token, status) in [
        (&viewer, StatusCode::FORBIDDEN),
        (&officer, StatusCode::NO_CONTENT),
        (&officer, StatusCode::NOT_FOUND),
    ] {
        let response = call(reqwest::Method::DELETE, &unlink, token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status);
    }
    let list: serde_json::Value = call(reqwest::Method::GET, "/api/v1/sources", &viewer)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["id"], id);
    let unaligned = serde_json::json!({"text": MISALIGNED, "languages": ["", "fr"]});
    let refused = call(reqwest::Method::POST, "/api/v1/sources", &officer)
        .json(&unaligned)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: serde_json::Value = refused.json().await.unwrap();
    assert!(error["error"]["fields"]["accept_unaligned"].is_string());
    let relabelled = serde_json::json!({"text": MISALIGNED, "languages": ["", "zh-Hans"], "accept_unaligned": true});
    let created = call(reqwest::Method::POST, "/api/v1/sources", &officer)
        .json(&relabelled)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let source: serde_json::Value = created.json().await.unwrap();
    assert_eq!(source["languages"], serde_json::json!(["en", "zh-Hans"]));
    let document = app.get_json("/api/v1/openapi.json").await;
    assert!(document["paths"]["/api/v1/sources/{id}/statements/{number}/links"].is_object());
    assert!(
        document["paths"]["/api/v1/sources/{id}/statements/{number}/links/{reference}"]["delete"]
            .is_object()
    );
}

const DIRECTIVE_SENTENCE: &str = "Both leaders directed their officials to move quickly to resolve outstanding trade issues and irritants.";

#[tokio::test]
async fn an_irritant_is_recorded_for_a_directive_in_one_move() {
    let app = spawn_app().await;
    let source = import_readout(&app).await;
    let source_page = app.get_text(&source).await;
    let record = statement(&source_page, 3).hrefs("a[href^='/irritants/new?source=']");
    assert_eq!(
        record.len(),
        1,
        "the directive offers to record an irritant for it"
    );
    assert!(
        statement(&source_page, 1)
            .hrefs("a[href^='/irritants/new?source=']")
            .is_empty()
    );

    let form = Page::parse(&app.get_text(&record[0]).await);
    assert!(
        form.text("fieldset.recorded-for")
            .contains("directed their officials")
    );
    let quotes = form.attributes("select[name=mandate_quote] option", "value");
    assert!(quotes.iter().any(|q| q == DIRECTIVE_SENTENCE), "{quotes:?}");
    // Nothing is classified for the person: they choose.
    for field in ["sector", "measure_type", "priority"] {
        assert_eq!(form.selected("form", field).as_deref(), Some(""), "{field}");
    }
    let source_id = form
        .attributes("input[name=mandate_source]", "value")
        .remove(0);
    let mandate = [
        ("mandate_source", source_id.as_str()),
        ("mandate_statement", "3"),
        ("mandate_quote", DIRECTIVE_SENTENCE),
    ];

    // Refused, the form keeps the statement and the sentence chosen.
    let mut untitled = crate::helpers::with(crate::helpers::canola(), &[("title", "")]);
    untitled.extend(mandate);
    let refused = app.post_form("/irritants", &untitled).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::parse(&refused.text().await.unwrap());
    assert!(refused.field_error("field-title").is_some());
    assert_eq!(
        refused.selected("form", "mandate_quote").as_deref(),
        Some(DIRECTIVE_SENTENCE)
    );

    // Words the statement does not hold are refused beside the quote, and nothing is recorded.
    let mut misquoted = crate::helpers::canola();
    misquoted.extend([
        mandate[0],
        mandate[1],
        ("mandate_quote", "They agreed on everything."),
    ]);
    let response = app.post_form("/irritants", &misquoted).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&response.text().await.unwrap());
    assert!(page.field_error("field-mandate_quote").is_some());
    assert!(
        app.listed("").await.is_empty(),
        "nothing is recorded without its link"
    );

    let mut fields = crate::helpers::canola();
    fields.extend(mandate);
    let reference = app.record_irritant(&fields).await;
    let irritant = Page::parse(&app.get_text(&format!("/irritants/{reference}")).await);
    assert!(
        irritant
            .text("section.mandates")
            .contains(DIRECTIVE_SENTENCE)
    );
    let traced = statement(&app.get_text(&source).await, 3).texts("table.traceability td");
    assert!(traced.contains(&reference), "{traced:?}");

    // A statement that does not exist names nothing.
    for (name, value) in [
        ("mandate_source", "not-a-source"),
        ("mandate_statement", "99"),
    ] {
        let mut fields = crate::helpers::canola();
        fields.extend(
            mandate
                .iter()
                .map(|&(n, v)| if n == name { (n, value) } else { (n, v) }),
        );
        let response = app.post_form("/irritants", &fields).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{name}");
    }
    assert_eq!(app.listed("").await, [reference]);
}

#[tokio::test]
async fn an_irritant_page_finds_a_statement_by_its_words_in_any_language_and_links_it() {
    let app = spawn_app().await;
    import_readout(&app).await;
    let reference = app.record_irritant(&crate::helpers::canola()).await;
    let page = format!("/irritants/{reference}");
    let irritant = Page::parse(&app.get_text(&page).await);
    assert_eq!(
        irritant.attributes("section.mandates form.finder", "action"),
        [format!("{page}/directives")]
    );

    let found = Page::parse(
        &app.get_text(&format!("{page}/directives?q=%E6%B2%B9%E8%8F%9C%E7%B1%BD"))
            .await,
    );
    let hits = found.texts("ol.search-hits > li");
    assert!(!hits.is_empty());
    assert!(
        hits[0].contains("油菜籽"),
        "the Chinese text holds the words: {}",
        hits[0]
    );
    let sources = found.attributes("ol.search-hits input[name=source]", "value");

    let english = Page::parse(
        &app.get_text(&format!("{page}/directives?q=officials+irritants"))
            .await,
    );
    let quotes = english.attributes(
        "ol.search-hits li:first-child select[name=quote] option",
        "value",
    );
    assert!(quotes.iter().any(|q| q == DIRECTIVE_SENTENCE), "{quotes:?}");

    let fields = [
        ("source", sources[0].as_str()),
        ("statement", "3"),
        ("quote", DIRECTIVE_SENTENCE),
    ];
    let linked = app.post_form(&format!("{page}/directives"), &fields).await;
    assert_eq!(linked.status(), StatusCode::SEE_OTHER);
    let location = linked.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("{page}?notice=directive-linked")),
        "{location}"
    );
    let irritant = Page::parse(&app.get_text(&location).await);
    assert!(
        irritant
            .text("section.mandates")
            .contains(DIRECTIVE_SENTENCE)
    );

    let mut again = fields.to_vec();
    again.push(("q", "officials irritants"));
    let again = app.post_form(&format!("{page}/directives"), &again).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let again = Page::parse(&again.text().await.unwrap());
    assert!(again.has("[role=alert]"), "the refusal is said");
    assert!(
        !again.texts("ol.search-hits > li").is_empty(),
        "the search is kept"
    );

    // Hostile words find nothing and are shown as text; too many words are refused.
    let hostile = app
        .get(&format!(
            "{page}/directives?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
        ))
        .await;
    assert_eq!(hostile.status(), StatusCode::OK);
    let text = hostile.text().await.unwrap();
    assert!(!text.contains("<script>alert"));
    assert!(Page::parse(&text).texts("ol.search-hits > li").is_empty());
    let long = "canola+".repeat(200);
    let refused = app.get(&format!("{page}/directives?q={long}")).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let wrong_statement = [
        ("source", sources[0].as_str()),
        ("statement", "x"),
        ("quote", ""),
    ];
    let response = app
        .post_form(&format!("{page}/directives"), &wrong_statement)
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn texts_stored_before_folding_are_folded_once_at_the_next_start() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app().await;
    app.create_via_api(serde_json::json!({
        "title": "Duties on canola seed", "counterpart": "CN", "summary": "加徵關稅",
    }))
    .await;
    let url = app.database.url().to_owned();
    tokio::task::spawn_blocking(move || {
        let (pool, _) = irritrack::db::connect(&url, 1, std::time::Duration::from_secs(5)).unwrap();
        let mut conn = pool.get().unwrap();
        // As a version before both steps stored it: lower-cased only, with the steps to
        // fold it and to list its short Chinese runs still to run.
        conn.batch_execute(
            "UPDATE irritants SET search_text = 'duties on canola seed 加徵關稅'; \
             INSERT INTO pending_data_steps (name) \
             VALUES ('fold-search-texts'), ('list-short-chinese-runs');",
        )
        .unwrap();
        drop(conn);
        drop(pool);
        // The next start runs the steps.
        irritrack::db::connect(&url, 1, std::time::Duration::from_secs(5)).unwrap();
    })
    .await
    .unwrap();
    assert_eq!(app.listed("q=加征关税").await.len(), 1);
    assert_eq!(app.listed("q=關稅").await.len(), 1);
}
