//! Irritants brought in from a spreadsheet with `irritrack import-irritants`: the list's own
//! export round-trips into an empty register, a foreign sheet is read through a mapping, and
//! a sheet with any problem stores nothing.

use reqwest::StatusCode;
use serde_json::json;

use crate::cli::irritrack;
use crate::helpers::{create_token, email_of, notifications_with, spawn_app, today};
use crate::html::Page;

/// The facts an import must keep, as the API gives them (not ids, versions or times).
const KEPT: [&str; 20] = [
    "reference",
    "title",
    "summary",
    "language",
    "title_translation",
    "summary_translation",
    "counterpart",
    "direction",
    "sector",
    "products",
    "measure_type",
    "measure",
    "status",
    "status_date",
    "status_note",
    "priority",
    "action_holder",
    "rag",
    "owner",
    "lead_department",
];

fn kept(irritant: &serde_json::Value) -> Vec<(&'static str, serde_json::Value)> {
    KEPT.iter()
        .map(|field| (*field, irritant[field].clone()))
        .chain(
            ["team", "target_date", "in_force_since", "trade_value"]
                .map(|f| (f, irritant[f].clone())),
        )
        .collect()
}

/// Writes `contents` to a file named `name` in a new folder, kept while the folder lives.
fn file(name: &str, contents: &[u8]) -> (tempfile::TempDir, String) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join(name);
    std::fs::write(&path, contents).unwrap();
    let path = path.to_string_lossy().into_owned();
    (folder, path)
}

async fn run(url: &str, args: Vec<String>) -> (bool, String) {
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        irritrack(&url, &args, "")
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn the_lists_export_comes_back_unchanged_into_an_empty_register() {
    let source = spawn_app().await;
    let french = source
        .create_via_api(json!({
            "title": "Droits antidumping sur la graine de canola", "counterpart": "CN",
            "language": "fr", "title_translation": "Anti-dumping duties on canola seed",
            "summary": "Droits provisoires de 75,8 % ; 加征关税 sur 油菜籽.",
            "sector": "agri-food", "measure_type": "anti_dumping_duty", "priority": "leaders",
            "owner": email_of("officer"), "lead_department": "AAFC", "team": "Oilseeds desk",
            "target_date": "2026-03-09", "in_force_since": "2025-08-14",
            "products": [{"hs_code": "1205.10", "label": "Graines de canola 油菜籽"}],
            "trade_value": {"amount_cad": "4000000000", "year": 2024, "source": "Statistique Canada"},
        }))
        .await;
    let reference = french["reference"].as_str().unwrap().to_owned();
    let updates = format!("/api/v1/irritants/{reference}/updates");
    let added = source
        .post_json(
            &updates,
            &json!({"rag": "at_risk", "done": "Technical talks"}),
        )
        .await;
    assert!(added.status().is_success());
    let second = source
        .create_via_api(json!({
            "title": "Tariff on pork", "counterpart": "JP", "priority": "low",
            "measure": "Safeguard duty \"=SUM(A1)\" on frozen pork",
        }))
        .await;
    let second_reference = second["reference"].as_str().unwrap().to_owned();
    let closed = source
        .patch_json(
            &format!("/api/v1/irritants/{second_reference}"),
            &json!({"version": 1, "status": "dormant", "status_date": today(), "status_note": "Waiting for the review"}),
        )
        .await;
    assert!(
        closed.status().is_success(),
        "{}",
        closed.text().await.unwrap()
    );
    let third = source
        .create_via_api(json!({"title": "Ban on Canadian beef offal", "counterpart": "KR"}))
        .await;
    let third_reference = third["reference"].as_str().unwrap().to_owned();
    let closed = source
        .patch_json(
            &format!("/api/v1/irritants/{third_reference}"),
            &json!({"version": 1, "status": "closed", "status_date": today(), "closure_reason": "superseded", "status_note": "Folded into the beef access file"}),
        )
        .await;
    assert!(
        closed.status().is_success(),
        "{}",
        closed.text().await.unwrap()
    );
    let references = [
        reference.clone(),
        second_reference.clone(),
        third_reference.clone(),
    ];
    let mut before = Vec::new();
    for reference in &references {
        before.push(kept(&source.irritant(reference).await));
    }

    for (format, language) in [("csv", "en"), ("xlsx", "fr")] {
        let folder = tempfile::tempdir().unwrap();
        let exported = folder.path().join(format!("register.{format}"));
        let exported = exported.to_string_lossy().into_owned();
        let args = [
            "export",
            "--format",
            format,
            "--language",
            language,
            "--output",
            &exported,
        ];
        let (ok, output) = run(source.database.url(), args.map(String::from).to_vec()).await;
        assert!(ok, "{output}");

        let target = spawn_app().await;
        let import = |dry: bool| {
            let mut args = vec![
                "import-irritants".to_owned(),
                exported.clone(),
                "--by".to_owned(),
                email_of("manager"),
            ];
            if dry {
                args.push("--dry-run".to_owned());
            }
            args
        };
        let (ok, output) = run(target.database.url(), import(true)).await;
        assert!(ok && output.contains("All 3 rows are ready"), "{output}");
        assert!(
            target.listed("").await.is_empty(),
            "a dry run stores nothing"
        );
        let (ok, output) = run(target.database.url(), import(false)).await;
        assert!(ok && output.contains("Imported 3 irritants"), "{output}");
        let mut after = Vec::new();
        for reference in &references {
            after.push(kept(&target.irritant(reference).await));
        }
        assert_eq!(before, after, "{format} in {language}");
        let history = target
            .get_text(&format!("/irritants/{reference}/history"))
            .await;
        let entries = Page::parse(&history).within("main").text("main");
        assert!(entries.contains(&format!("Irritant imported from register.{format}")));
        assert!(
            entries.contains("Mina Manager"),
            "the importer is named: {entries}"
        );
        // A closed irritant's history says it was closed, on its date, after its import.
        let closed = target
            .get_text(&format!("/irritants/{third_reference}/history"))
            .await;
        let closed = Page::parse(&closed).within("main").text("main");
        assert!(closed.contains("from Open to Closed"), "{closed}");
        // The owner is told once, in one notification naming what is theirs.
        let token = create_token(target.database.url(), "officer").await;
        let told = notifications_with(&target, &token).await;
        let texts: Vec<&str> = told["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|item| item["text"].as_str())
            .collect();
        let expected = format!(
            "Mina Manager imported an irritant you own from register.{format}: {reference}"
        );
        assert!(texts.iter().any(|t| t.starts_with(&expected)), "{texts:?}");

        // The same file again would give two irritants one reference: refused whole.
        let (ok, output) = run(target.database.url(), import(false)).await;
        assert!(
            !ok && output.contains("have these references already"),
            "{output}"
        );
        assert_eq!(target.listed("status=closed").await.len(), 1);
        // A new irritant recorded after the import does not take an imported reference.
        let next = target
            .create_via_api(json!({"title": "A new one", "counterpart": "CN"}))
            .await;
        assert_ne!(next["reference"], json!(reference));
        assert_ne!(next["reference"], json!(second_reference));
    }
}

const FOREIGN: &str = "Issue,Country,Officer,Due,HS codes,Notes\n\
Tariff on lobster,China,officer@irritrack.test,2026-06-30,0306.12 Frozen lobster,Raised at the JETCO\n\
Ban on beef,Chine,Olu Officer,\"March 3, 2026\",,\n";

const MAPPING: &str = "[columns]\ntitle = \"Issue\"\ncounterpart = \"Country\"\nowner = \"Officer\"\ntarget_date = \"Due\"\nproducts = \"HS codes\"\nsummary = \"Notes\"\n";

#[tokio::test]
async fn a_foreign_sheet_is_read_through_a_mapping_that_can_be_saved_and_used_again() {
    let app = spawn_app().await;
    let (_sheet_folder, sheet) = file("tracker.csv", FOREIGN.as_bytes());
    let (mapping_folder, mapping) = file("mapping.toml", MAPPING.as_bytes());
    let saved = mapping_folder.path().join("saved.toml");
    let saved = saved.to_string_lossy().into_owned();

    // Without a mapping, nothing names the title's column.
    let by = email_of("officer");
    let plain = vec![
        "import-irritants".into(),
        sheet.clone(),
        "--by".into(),
        by.clone(),
    ];
    let (ok, output) = run(app.database.url(), plain).await;
    assert!(
        !ok && output.contains("no column gives title or counterpart"),
        "{output}"
    );

    let args = vec![
        "import-irritants".into(),
        sheet.clone(),
        "--by".into(),
        by.clone(),
        "--mapping".into(),
        mapping,
        "--save-mapping".into(),
        saved.clone(),
    ];
    let (ok, output) = run(app.database.url(), args).await;
    assert!(ok && output.contains("Imported 2 irritants"), "{output}");
    assert!(
        output.contains("Column \"Due\" fills target_date."),
        "{output}"
    );
    let lobster = app.listed("q=lobster").await;
    let irritant = app.irritant(&lobster[0]).await;
    assert_eq!(irritant["counterpart"], "CN");
    assert_eq!(irritant["owner"], email_of("officer"));
    assert_eq!(irritant["target_date"], "2026-06-30");
    assert_eq!(irritant["products"][0]["hs_code"], "0306.12");
    let beef = app.irritant(&app.listed("q=beef").await[0]).await;
    assert_eq!(beef["target_date"], "2026-03-03");
    assert_eq!(
        beef["owner"],
        email_of("officer"),
        "found by a name no one else has"
    );

    // The same sheet again: each row is flagged as likely repeating what it stored.
    let args = vec![
        "import-irritants".into(),
        sheet.clone(),
        "--by".into(),
        by.clone(),
        "--mapping".into(),
        saved.clone(),
        "--dry-run".into(),
    ];
    let (ok, output) = run(app.database.url(), args).await;
    assert!(
        ok && output.contains(&format!("Row 2 may repeat {}", lobster[0])),
        "{output}"
    );

    // The saved mapping reads the same sheet the same way.
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("target_date = \"Due\""), "{text}");
    let again = FOREIGN.replace("lobster", "crab").replace("beef", "pork");
    let (_folder, other) = file("tracker.csv", again.as_bytes());
    let args = vec![
        "import-irritants".into(),
        other,
        "--by".into(),
        by,
        "--mapping".into(),
        saved,
    ];
    let (ok, output) = run(app.database.url(), args).await;
    assert!(ok, "{output}");
    assert_eq!(app.listed("q=crab").await.len(), 1);
}

#[tokio::test]
async fn a_sheet_with_any_problem_is_refused_by_row_and_column_and_stores_nothing() {
    let app = spawn_app().await;
    let sheet = "Title,Counterpart,Owner,Target date,Priority\n\
                 Tariff on lobster,CN,,2026-06-30,High\n\
                 ,CN,nobody@example.org,03/04/2026,Urgent\n\
                 Ban on beef,Atlantis,,,\n";
    let (_folder, path) = file("problems.csv", sheet.as_bytes());
    let args = vec![
        "import-irritants".into(),
        path,
        "--by".into(),
        email_of("officer"),
    ];
    let (ok, output) = run(app.database.url(), args).await;
    assert!(!ok, "{output}");
    for expected in [
        "Row 3, column \"Title\": ",
        "Row 3, column \"Owner\": ",
        "Row 3, column \"Target date\": ",
        "Row 3, column \"Priority\": ",
        "Row 4, column \"Counterpart\": ",
        "nothing was stored",
    ] {
        assert!(output.contains(expected), "{expected} in {output}");
    }
    assert!(!output.contains("Row 2"), "{output}");
    assert!(app.listed("").await.is_empty());
}

#[tokio::test]
async fn text_from_older_spreadsheet_programs_is_converted_with_a_notice_and_binaries_refused() {
    let app = spawn_app().await;
    let windows = b"Title;Counterpart\nDroits sur le homard \xe9tranger;CN\n";
    let (_folder, path) = file("ancien.csv", windows);
    let args = vec![
        "import-irritants".into(),
        path,
        "--by".into(),
        email_of("officer"),
    ];
    let (ok, output) = run(app.database.url(), args).await;
    assert!(ok && output.contains("read as Windows-1252"), "{output}");
    let found = app.listed("q=étranger").await;
    assert_eq!(found.len(), 1);

    let (_folder, path) = file("renamed.xlsx", b"PK\x03\x04 this is no workbook");
    let args = vec![
        "import-irritants".into(),
        path,
        "--by".into(),
        email_of("officer"),
    ];
    let (ok, output) = run(app.database.url(), args).await;
    assert!(
        !ok && output.contains("neither a CSV file nor an XLSX workbook"),
        "{output}"
    );
    assert_eq!(app.listed("").await.len(), 1);
}

#[tokio::test]
async fn in_the_browser_a_sheet_is_uploaded_mapped_checked_and_imported_whole() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    let form = officer.get("/irritants/import").await;
    assert_eq!(form.status(), StatusCode::OK);
    let existing = app
        .create_via_api(json!({"title": "Tariff on frozen lobster", "counterpart": "CN"}))
        .await;
    let existing = existing["reference"].as_str().unwrap().to_owned();

    // Another site's form, without the session's token, is refused.
    let forged = officer
        .upload("/irritants/import", "tracker.csv", FOREIGN.into(), false)
        .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    // What is not a spreadsheet is refused next to the field, and nothing is kept.
    let binary = officer
        .upload(
            "/irritants/import",
            "tracker.xlsx",
            b"PK\x03\x04 no".to_vec(),
            true,
        )
        .await;
    assert_eq!(binary.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&binary.text().await.unwrap());
    assert!(
        page.field_error("field-file")
            .unwrap()
            .contains("neither a CSV file")
    );

    let uploaded = officer
        .upload("/irritants/import", "tracker.csv", FOREIGN.into(), true)
        .await;
    assert_eq!(uploaded.status(), StatusCode::SEE_OTHER);
    let preview_path = uploaded.headers()["location"].to_str().unwrap().to_owned();
    // Nothing names the title's or the counterpart's column yet.
    let preview = officer.get(&preview_path).await;
    assert_eq!(preview.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = preview.text().await.unwrap();
    assert!(
        page.contains("No column fills Title, Counterpart"),
        "{page}"
    );
    // Another person cannot open it.
    let manager = app.session_as("manager").await;
    assert_eq!(
        manager.get(&preview_path).await.status(),
        StatusCode::NOT_FOUND
    );

    let mut columns = vec![
        ("column_0", "title"),
        ("column_1", "counterpart"),
        ("column_2", "owner"),
        ("column_3", "target_date"),
        ("column_4", "title"),
    ];
    let twice = officer.post_form(&preview_path, &columns).await;
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        twice
            .text()
            .await
            .unwrap()
            .contains("Two columns fill Title")
    );
    columns[4] = ("column_4", "products");
    columns.push(("column_5", "summary"));
    let checked = officer.post_form(&preview_path, &columns).await;
    assert_eq!(checked.status(), StatusCode::OK);
    let page = checked.text().await.unwrap();
    assert!(page.contains("All 2 rows are ready"), "{page}");
    assert!(page.contains("Import 2 irritants"));
    // A row alike an irritant of the register is flagged, and may still be imported.
    let flagged = Page::parse(&page).texts("ul.import-duplicates li");
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].starts_with("Row 2 may repeat"), "{flagged:?}");
    assert!(flagged[0].contains(&existing), "{flagged:?}");
    assert_eq!(app.listed("").await.len(), 1, "checking stores nothing");

    // The mapping is remembered: the page opens with it, and it downloads as a file.
    let again = officer.get(&preview_path).await;
    assert_eq!(again.status(), StatusCode::OK);
    let mapping = officer.get(&format!("{preview_path}/mapping.toml")).await;
    let mapping = mapping.text().await.unwrap();
    assert!(mapping.contains("target_date = \"Due\""), "{mapping}");

    // Confirming under a mapping the page did not show checks it and shows it first.
    let previewed = crate::helpers::hidden(&page, "previewed");
    let mut unseen = columns.clone();
    unseen[5] = ("column_5", "");
    unseen.extend([("confirm", "yes"), ("previewed", previewed.as_str())]);
    let shown = officer.post_form(&preview_path, &unseen).await;
    assert_eq!(shown.status(), StatusCode::OK);
    assert_eq!(app.listed("").await.len(), 1, "nothing imported unseen");
    let mut confirmed = columns.clone();
    confirmed.extend([("confirm", "yes"), ("previewed", previewed.as_str())]);
    let imported = officer.post_form(&preview_path, &confirmed).await;
    assert_eq!(imported.status(), StatusCode::SEE_OTHER);
    let done = imported.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        officer
            .get(&done)
            .await
            .text()
            .await
            .unwrap()
            .contains("2 irritants were imported.")
    );
    assert_eq!(app.listed("").await.len(), 3);
    let lobster = app.listed("q=lobster").await;
    let imported = lobster.iter().find(|r| **r != existing).unwrap();
    let history = app
        .get_text(&format!("/irritants/{imported}/history"))
        .await;
    let entries = Page::parse(&history).within("main").text("main");
    assert!(entries.contains("Irritant imported from tracker.csv"));
    assert!(
        entries.contains("Olu Officer"),
        "the importer is named: {entries}"
    );
    // The upload is gone: confirming twice cannot import twice.
    let twice = officer.post_form(&preview_path, &confirmed).await;
    assert_eq!(twice.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.listed("").await.len(), 3);
}

#[tokio::test]
async fn in_the_browser_every_problem_is_listed_by_row_and_column_and_nothing_is_stored() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    let sheet =
        "Title,Counterpart,Owner\nTariff on lobster,CN,\nBan on beef,Atlantis,nobody@example.org\n";
    let uploaded = officer
        .upload("/irritants/import", "problems.csv", sheet.into(), true)
        .await;
    let preview_path = uploaded.headers()["location"].to_str().unwrap().to_owned();
    let preview = officer.get(&preview_path).await;
    assert_eq!(preview.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&preview.text().await.unwrap());
    let problems = page.texts("ul.import-problems li");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("Row 3, column “Counterpart”: "),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("Row 3, column “Owner”: "),
        "{problems:?}"
    );
    assert!(!page.has("button[name=confirm]"));
    let forced = officer
        .post_form(
            &preview_path,
            &[
                ("column_0", "title"),
                ("column_1", "counterpart"),
                ("column_2", "owner"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(forced.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app.listed("").await.is_empty());
}

#[tokio::test]
async fn an_officer_cannot_make_others_owners_by_importing() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    let sheet = format!(
        "Title,Counterpart,Owner\nTariff on lobster,CN,{}\n",
        email_of("manager")
    );
    let uploaded = officer
        .upload("/irritants/import", "owners.csv", sheet.into(), true)
        .await;
    let preview_path = uploaded.headers()["location"].to_str().unwrap().to_owned();
    let columns = [
        ("column_0", "title"),
        ("column_1", "counterpart"),
        ("column_2", "owner"),
    ];
    let checked = officer.post_form(&preview_path, &columns).await;
    let previewed = crate::helpers::hidden(&checked.text().await.unwrap(), "previewed");
    let mut confirmed = columns.to_vec();
    confirmed.extend([("confirm", "yes"), ("previewed", previewed.as_str())]);
    let refused = officer.post_form(&preview_path, &confirmed).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("Rows 2 make owners of people you may not"),
        "{page}"
    );
    assert!(app.listed("").await.is_empty());
}

#[tokio::test]
async fn a_failure_in_the_middle_of_an_import_stores_nothing() {
    use diesel::connection::SimpleConnection;
    let app = spawn_app().await;
    // The database itself refuses one row far into the sheet, after whole statements of rows
    // were written.
    let url = app.database.url().to_owned();
    let refuse = if url.starts_with("postgres") {
        "CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN \
           IF NEW.title = 'Refused by the database' THEN RAISE EXCEPTION 'refused'; END IF; \
           RETURN NEW; END $$ LANGUAGE plpgsql; \
         CREATE TRIGGER refuse_one BEFORE INSERT ON irritants \
           FOR EACH ROW EXECUTE FUNCTION refuse_one();"
    } else {
        "CREATE TRIGGER refuse_one BEFORE INSERT ON irritants \
           WHEN NEW.title = 'Refused by the database' \
           BEGIN SELECT RAISE(ABORT, 'refused'); END;"
    };
    tokio::task::spawn_blocking(move || {
        let (pool, _) = irritrack::db::connect(&url, 1, std::time::Duration::from_secs(5)).unwrap();
        pool.get().unwrap().batch_execute(refuse).unwrap();
    })
    .await
    .unwrap();
    let mut sheet = String::from("Title,Counterpart\n");
    for n in 0..600 {
        let title = if n == 550 {
            "Refused by the database".to_owned()
        } else {
            format!("Tariff on item {n}")
        };
        sheet.push_str(&format!("{title},CN\n"));
    }
    let (_folder, path) = file("long.csv", sheet.as_bytes());
    let args = vec![
        "import-irritants".into(),
        path,
        "--by".into(),
        email_of("officer"),
    ];
    let (ok, output) = run(app.database.url(), args).await;
    assert!(!ok, "{output}");
    assert!(
        app.listed("").await.is_empty(),
        "no row of the first statements stays"
    );
    // Nor was a reference used up: the next irritant is the year's first.
    let next = app
        .create_via_api(json!({"title": "After the failed import", "counterpart": "CN"}))
        .await;
    assert!(
        next["reference"].as_str().unwrap().ends_with("-0001"),
        "{next}"
    );
}
