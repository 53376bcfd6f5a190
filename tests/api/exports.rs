//! Exports of the irritant list: the same irritants as the list, in CSV, XLSX and JSON that
//! standard readers open, with French and Chinese intact and hostile cells made inert.

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, spawn_app};

const HOSTILE_TITLE: &str = "=HYPERLINK(\"http://evil.example\",\"Click\")";
const TRICKY_TITLE: &str = "Droits « antidumping », \"canola\" et 油菜籽";
const MEASURE: &str = "Duty of 75.8%, \"provisional\";\nfinal ruling due";

/// Three open irritants (one with a hostile title, one with French, Chinese, quotes, a comma
/// and a line break) and one resolved.
async fn portfolio(app: &TestApp) -> Vec<String> {
    let mut references = Vec::new();
    for (title, counterpart) in [
        (HOSTILE_TITLE, "CN"),
        (TRICKY_TITLE, "CN"),
        ("-Tariff on steel", "US"),
        ("Seafood import ban", "CN"),
    ] {
        let created = app
            .create_via_api(json!({
                "title": title, "counterpart": counterpart, "priority": "high",
                "target_date": "2027-03-31", "measure": MEASURE, "in_force_since": "2025-08-14",
                "products": [{"hs_code": "1205.10", "label": "Canola seed"}]
            }))
            .await;
        references.push(created["reference"].as_str().unwrap().to_owned());
    }
    let seafood = app.irritant(&references[3]).await;
    let response = app
        .patch_json(
            &format!("/api/v1/irritants/{}", references[3]),
            &json!({"version": seafood["version"], "status": "resolved",
                    "status_date": crate::helpers::today(), "status_note": "Ban lifted"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    references
}

async fn download(app: &TestApp, path: &str) -> (reqwest::header::HeaderMap, Vec<u8>) {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    let headers = response.headers().clone();
    (headers, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn the_list_exports_as_csv_that_a_csv_reader_reads_back_exactly() {
    let app = spawn_app().await;
    let references = portfolio(&app).await;
    let (headers, body) = download(&app, "/exports/irritants.csv?status=open&sort=title").await;
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment; filename=\"irritants-")
    );
    assert!(
        body.starts_with("\u{feff}".as_bytes()),
        "a byte-order mark for spreadsheet programs"
    );

    let mut reader = csv::Reader::from_reader(&body[3..]);
    let heading: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(heading[0], "Reference");
    assert_eq!(heading[1], "Title");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // The list's filter and order: three open irritants by title; the resolved one is left out.
    assert_eq!(rows.len(), 3);
    assert_eq!(
        app.listed("status=open&sort=title").await,
        rows.iter().map(|r| r[0].to_owned()).collect::<Vec<_>>()
    );
    assert!(!rows.iter().any(|r| r[0] == references[3]));
    let titles: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    // Hostile cells start with an apostrophe; quotes, commas, line breaks, French and Chinese
    // come back as written.
    assert!(
        titles.contains(&format!("'{HOSTILE_TITLE}").as_str()),
        "{titles:?}"
    );
    assert!(titles.contains(&"'-Tariff on steel"), "{titles:?}");
    assert!(titles.contains(&TRICKY_TITLE), "{titles:?}");
    let canola = rows.iter().find(|r| &r[1] == TRICKY_TITLE).unwrap();
    assert_eq!(&canola[5], "1205.10 Canola seed");
    assert_eq!(&canola[7], MEASURE);
    assert_eq!(&canola[17], "2027-03-31", "dates as YYYY-MM-DD");
    assert_eq!(
        &canola[23], "2025-08-14",
        "the day the measure took effect, last"
    );
}

#[tokio::test]
async fn the_list_exports_as_a_workbook_that_an_xlsx_reader_opens() {
    let app = spawn_app().await;
    portfolio(&app).await;
    let (headers, body) = download(&app, "/exports/irritants.xlsx?counterpart=CN&sort=title").await;
    assert_eq!(
        headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(body)).unwrap();
    assert_eq!(workbook.sheet_names(), vec!["Irritants".to_owned()]);
    let sheet = workbook.worksheet_range("Irritants").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows[0][0], Data::String("Reference".into()));
    // Three irritants with China, in the list's order (by title).
    assert_eq!(rows.len(), 4);
    let listed = app.listed("counterpart=CN&sort=title").await;
    let exported: Vec<String> = rows[1..].iter().map(|r| r[0].to_string()).collect();
    assert_eq!(exported, listed);
    let titles: Vec<String> = rows[1..].iter().map(|r| r[1].to_string()).collect();
    assert!(titles.contains(&format!("'{HOSTILE_TITLE}")), "{titles:?}");
    assert!(titles.contains(&TRICKY_TITLE.to_owned()), "{titles:?}");
    // The target date is a date, not text.
    let target = &rows[1][17];
    assert!(matches!(target, Data::DateTime(_)), "{target:?}");
    assert_eq!(
        target.as_date(),
        chrono::NaiveDate::from_ymd_opt(2027, 3, 31)
    );
}

#[tokio::test]
async fn the_list_exports_as_json_in_the_apis_form() {
    let app = spawn_app().await;
    let references = portfolio(&app).await;
    let (_, body) = download(&app, "/exports/irritants.json?status=resolved").await;
    let exported: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(exported["selected"], 1);
    let items = exported["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0], app.irritant(&references[3]).await);
}

#[tokio::test]
async fn the_list_page_offers_the_export_with_its_filters_and_each_export_is_recorded() {
    let app = spawn_app().await;
    portfolio(&app).await;
    let page = app
        .get_text("/irritants?status=open&counterpart=CN&page=1")
        .await;
    for format in ["csv", "xlsx", "json"] {
        let link = format!("href=\"/exports/irritants.{format}?status=open&amp;counterpart=CN");
        assert!(page.contains(&link), "{link} in the list page");
    }
    download(&app, "/exports/irritants.csv?status=open&counterpart=CN").await;
    let admin = app.session_as("admin").await;
    let log = admin.get("/admin/security").await.text().await.unwrap();
    assert!(
        log.contains("Exported"),
        "the export is in the security log"
    );
    assert!(log.contains("irritants.csv"));
    assert!(
        log.contains("2 rows; filters: status=open&amp;counterpart=CN"),
        "how many rows and which filters"
    );
    // Read in French, the same entry says it in French.
    admin.get("/language?to=fr&back=/").await;
    let log = admin.get("/admin/security").await.text().await.unwrap();
    assert!(
        log.contains("2 lignes; filtres\u{a0}: status=open&amp;counterpart=CN"),
        "the detail in the reader's language"
    );
}

#[tokio::test]
async fn a_filter_that_cannot_be_read_is_explained_not_exported() {
    let app = spawn_app().await;
    let response = app.get("/exports/irritants.csv?status=nonsense").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("error-summary"),
        "the list's form with the problem"
    );
    assert_eq!(
        app.get("/exports/irritants.pdf").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_empty_selection_exports_a_file_with_its_heading_only() {
    let app = spawn_app().await;
    let (_, body) = download(&app, "/exports/irritants.csv").await;
    let mut reader = csv::Reader::from_reader(&body[3..]);
    assert_eq!(reader.headers().unwrap().len(), 28);
    assert_eq!(reader.records().count(), 0);
    let (_, body) = download(&app, "/exports/irritants.xlsx").await;
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(body)).unwrap();
    assert_eq!(
        workbook
            .worksheet_range("Irritants")
            .unwrap()
            .rows()
            .count(),
        1
    );
}
