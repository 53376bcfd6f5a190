//! Progress reports on a hand-built portfolio whose every figure is known: the summary and
//! the dashboard agree, each format opens with a standard reader, an empty period is an honest
//! empty report, bad periods are explained, and issued reports are frozen, compared and only
//! deleted by an administrator, on the record.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::dashboard::{change_status, days_ago, opened_on};
use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use crate::html::Page;

/// The report's period: the last 30 days.
fn period() -> String {
    format!("from={}&to={}", days_ago(29), days_ago(0))
}

/// A: opened 100 days ago, open, overdue, at risk in the period. B: opened 60 days ago,
/// resolved 5 days ago. C: opened 10 days ago. D: resolved 100 days ago (outside the period).
/// E: resolved 50 days ago, reopened 3 days ago.
async fn portfolio(app: &TestApp) -> [String; 5] {
    let irritant = |title: &str, target: Option<String>| {
        json!({"title": title, "counterpart": "CN", "direction": "their_measure",
               "sector": "agri-food", "measure_type": "tariff", "priority": "high",
               "action_holder": "counterpart", "target_date": target.unwrap_or_default()})
    };
    let a = opened_on(
        app,
        irritant("A canola duty", Some(days_ago(10).to_string())),
        days_ago(100),
    )
    .await;
    let b = opened_on(app, irritant("B seafood ban", None), days_ago(60)).await;
    let c = opened_on(app, irritant("C pork tariff", None), days_ago(10)).await;
    let d = opened_on(app, irritant("D peas duty", None), days_ago(200)).await;
    let e = opened_on(app, irritant("E beef ban", None), days_ago(90)).await;
    change_status(app, &b, "resolved", days_ago(5)).await;
    change_status(app, &d, "resolved", days_ago(100)).await;
    change_status(app, &e, "resolved", days_ago(50)).await;
    change_status(app, &e, "open", days_ago(3)).await;
    let update = app
        .post_json(
            &format!("/api/v1/irritants/{a}/updates"),
            &json!({"rag": "at_risk", "done": "Technical call with GACC", "next_steps": "Share inspection reports"}),
        )
        .await;
    assert_eq!(update.status(), StatusCode::CREATED);
    [a, b, c, d, e]
}

async fn report_json(app: &TestApp, query: &str) -> Value {
    let response = app
        .get(&format!("/reports/progress?{query}&format=json"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn references(report: &Value) -> Vec<String> {
    report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["irritants"].as_array().unwrap().iter())
        .map(|row| row["reference"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_summary_counts_the_period_and_agrees_with_the_dashboard() {
    let app = spawn_app().await;
    let [a, b, c, _d, e] = portfolio(&app).await;
    let report = report_json(&app, &format!("{}&group=sector", period())).await;
    let summary = &report["summary"];
    assert_eq!(
        summary["at_start"],
        json!({"open": 2, "resolved_in_part": 0, "resolved": 2, "dormant": 0, "closed": 0})
    );
    assert_eq!(
        summary["at_end"],
        json!({"open": 3, "resolved_in_part": 0, "resolved": 2, "dormant": 0, "closed": 0})
    );
    assert_eq!(summary["opened"], 1);
    assert_eq!(summary["resolved"], 1);
    assert_eq!(summary["reopened"], 1);
    assert_eq!(summary["overdue_at_end"], 1);
    // Most urgent first: A (overdue, at risk), then the other open ones, then B, resolved.
    // D changed nothing in the period and is done: it is left out.
    let listed = references(&report);
    assert_eq!(listed[0], a);
    assert_eq!(listed.len(), 4);
    assert_eq!(listed[3], b);
    assert!(listed.contains(&c) && listed.contains(&e));
    let first = &report["groups"][0]["irritants"][0];
    assert_eq!(first["overdue"], true);
    assert_eq!(first["rag"], "at_risk");
    assert_eq!(first["updates"][0]["done"], "Technical call with GACC");
    assert_eq!(first["next_steps"], "Share inspection reports");
    // C, recorded within the period, says so: it is not "nothing recorded".
    let row_of_c = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["irritants"].as_array().unwrap().iter())
        .find(|row| row["reference"] == c.as_str())
        .unwrap();
    assert_eq!(row_of_c["developments"][0]["kind"], "opened");
    assert_eq!(report["marking"], "UNCLASSIFIED / NON CLASSIFIÉ");

    // The period ends today: its end is what the dashboard shows now.
    let dashboard = app.get_json("/api/v1/dashboard").await;
    let figure = |code: &str| {
        dashboard["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == code)
            .unwrap()["count"]
            .clone()
    };
    assert_eq!(summary["at_end"]["open"], figure("open"));
    assert_eq!(summary["overdue_at_end"], figure("overdue"));
}

#[tokio::test]
async fn the_report_downloads_as_csv_xlsx_and_json_that_standard_readers_open() {
    let app = spawn_app().await;
    let [a, ..] = portfolio(&app).await;
    let response = app
        .get(&format!("/reports/progress?{}&format=csv", period()))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(&body[3..]);
    assert_eq!(&reader.headers().unwrap()[0], "Group");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[0][1], a.as_str());
    assert_eq!(&rows[0][0], "Answering no leaders' directive");
    assert!(rows[0][15].contains("Technical call with GACC"));

    let response = app
        .get(&format!("/reports/progress?{}&format=xlsx", period()))
        .await;
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(response.bytes().await.unwrap().to_vec()))
            .unwrap();
    assert_eq!(
        workbook.sheet_names(),
        vec!["Summary".to_owned(), "Irritants".to_owned()]
    );
    assert_eq!(
        workbook
            .worksheet_range("Irritants")
            .unwrap()
            .rows()
            .count(),
        5
    );
    let summary = workbook.worksheet_range("Summary").unwrap();
    let opened = summary
        .rows()
        .find(|r| r[0] == "Opened in the period")
        .unwrap();
    assert_eq!(opened[1].to_string(), "1");

    // The JSON holds every property its documented schema requires.
    let report = report_json(&app, &period()).await;
    let document = app.get_json("/api/v1/openapi.json").await;
    let schemas = &document["components"]["schemas"];
    check_against(&report, &schemas["ProgressReport"], schemas, "report");
}

/// Every required property of `schema` (following `$ref`s) is present in `value`, recursively.
fn check_against(value: &Value, schema: &Value, schemas: &Value, at: &str) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap();
        return check_against(value, &schemas[name], schemas, at);
    }
    if let Some(any) = schema["oneOf"].as_array() {
        if value.is_null() {
            return;
        }
        return check_against(value, &any[any.len() - 1], schemas, at);
    }
    for required in schema["required"].as_array().into_iter().flatten() {
        let name = required.as_str().unwrap();
        assert!(value.get(name).is_some(), "{at}.{name} is missing");
    }
    if let Some(properties) = schema["properties"].as_object() {
        for (name, property) in properties {
            if let Some(inner) = value.get(name) {
                check_against(inner, property, schemas, &format!("{at}.{name}"));
            }
        }
    }
    if let (Some(items), Some(values)) = (schema.get("items"), value.as_array()) {
        for (i, item) in values.iter().enumerate() {
            check_against(item, items, schemas, &format!("{at}[{i}]"));
        }
    }
}

#[tokio::test]
async fn a_quiet_period_is_an_honest_empty_report_and_bad_periods_are_explained() {
    let app = spawn_app().await;
    portfolio(&app).await;
    let page = app
        .get_text("/reports/progress?from=2001-01-01&to=2001-01-31")
        .await;
    assert!(page.contains("Nothing happened in scope during this period"));
    let report = report_json(&app, "from=2001-01-01&to=2001-01-31").await;
    assert_eq!(report["summary"]["at_end"]["open"], 0);
    assert!(references(&report).is_empty());

    let response = app
        .get("/reports/progress?from=2026-02-01&to=2026-01-01")
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let page = response.text().await.unwrap();
    assert!(page.contains("The period must start on or before its last day."));
    assert!(page.contains("value=\"2026-02-01\""), "the input is kept");
    let response = app
        .get("/reports/progress?from=31/01/2026&format=csv")
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.text().await.unwrap().contains("is not a date"));
}

/// Freezes the report for `fields`, as confirmed; returns its address.
async fn issue(app: &TestApp, fields: &[(&str, &str)]) -> String {
    let mut confirmed = fields.to_vec();
    confirmed.push(("confirmed", "true"));
    let response = app.post_form("/reports/issue", &confirmed).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_report_larger_than_the_limit_asks_to_be_narrowed_and_keeps_the_form() {
    let app = spawn_app_with(|settings| settings.register.report_irritants_max = 3).await;
    portfolio(&app).await;
    let period = period();
    let refused = app.get(&format!("/reports/progress?{period}")).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let page = refused.text().await.unwrap();
    assert!(
        Page::parse(&page)
            .field_error("field-counterpart")
            .is_some_and(
                |e| e.contains("This report would list 5 irritants; a report lists at most 3.")
            ),
        "the reason, beside the scope"
    );
    let narrowed = app
        .get(&format!("/reports/progress?{period}&sector=fisheries"))
        .await;
    assert_eq!(narrowed.status(), StatusCode::OK);
    let issue = app
        .post_form("/reports/issue", &[("counterpart", "")])
        .await;
    assert_eq!(
        issue.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "nor issued"
    );
}

#[tokio::test]
async fn a_scope_typed_in_lower_case_is_issued_as_the_register_writes_it() {
    let app = spawn_app().await;
    let [a, ..] = portfolio(&app).await;
    let first = issue(&app, &[("counterpart", "cn"), ("priority", "high")]).await;
    // Freezing asks first, showing what it will store.
    let ask = app
        .post_form(
            "/reports/issue",
            &[("counterpart", "CN"), ("priority", "high")],
        )
        .await;
    assert_eq!(ask.status(), StatusCode::OK);
    let asked = Page::parse(&ask.text().await.unwrap());
    assert!(asked.text("main").contains("China · High priority"));
    // The same report, its scope typed otherwise, was issued already: it is pointed to, not
    // issued twice.
    assert!(
        asked.hrefs("main a").contains(&first),
        "{}",
        asked.text("main")
    );
    assert!(!asked.has("input[name=confirmed]"));
    let again = app
        .post_form(
            "/reports/issue",
            &[
                ("counterpart", "CN"),
                ("priority", "high"),
                ("confirmed", "true"),
            ],
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("This report was issued already, with the same content")
    );
    // Once something has happened, the report is another, and compares with the first.
    let update = json!({"rag": "off_track", "done": "No reply to our letter"});
    let path = format!("/api/v1/irritants/{a}/updates");
    assert_eq!(
        app.post_json(&path, &update).await.status(),
        StatusCode::CREATED
    );
    let second = issue(&app, &[("counterpart", "CN"), ("priority", "high")]).await;
    // The issued reports name their scope in words.
    let listed = Page::parse(&app.get_text("/reports").await);
    assert!(
        listed.text("main").contains("China · High priority"),
        "{}",
        listed.text("main")
    );
    let frozen = app.get_json(&format!("{first}?format=json")).await;
    assert_eq!(frozen["counterpart"], "CN");
    let page = app.get_text(&second).await;
    assert!(
        page.contains("Compared with the report issued "),
        "the second finds the first, its scope the same"
    );
}

#[tokio::test]
async fn an_issued_report_is_frozen_compared_with_the_previous_and_deleted_only_by_an_admin() {
    let app = spawn_app().await;
    let [a, _b, c, _d, e] = portfolio(&app).await;
    let (from, to) = (days_ago(29).to_string(), days_ago(0).to_string());
    let fields = [("from", from.as_str()), ("to", to.as_str())];
    let first = issue(&app, &fields).await;

    // Then A is resolved, C's target date moves later, and F is opened.
    change_status(&app, &a, "resolved", days_ago(0)).await;
    let version = app.irritant(&c).await["version"].clone();
    let moved = app
        .patch_json(
            &format!("/api/v1/irritants/{c}"),
            &json!({"version": version, "target_date": "2027-06-30"}),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let f = app
        .create_via_api(json!({"title": "F canola meal", "counterpart": "CN"}))
        .await;
    // E drops to off track.
    let update = json!({"rag": "off_track", "done": "Talks stalled"});
    let path = format!("/api/v1/irritants/{e}/updates");
    assert_eq!(
        app.post_json(&path, &update).await.status(),
        StatusCode::CREATED
    );
    let second = issue(&app, &fields).await;

    // The first is as it was issued; the second says what changed since.
    let frozen = app.get_json(&format!("{first}?format=json")).await;
    assert_eq!(frozen["groups"][0]["irritants"][0]["status"], "open");
    let page = app.get_text(&second).await;
    let compared = page.split("report-comparison").nth(1).unwrap();
    assert!(
        compared.contains(f["reference"].as_str().unwrap()),
        "F is new"
    );
    assert!(
        compared.contains(&format!("{a}</a>: Open → Resolved")),
        "A changed status"
    );
    assert!(compared.contains("2027-06-30"), "C's target moved later");
    assert!(
        compared.contains(&format!("{e}</a>: — → Off track")),
        "E's RAG dropped"
    );

    // Any other issued report of the scope may be compared with instead: here the second,
    // from the first.
    let chosen = Page::parse(
        &app.get_text(&format!("{first}?compare={}", &second[9..]))
            .await,
    );
    let compared = chosen.text(".report-comparison");
    assert!(
        compared.contains(&format!("{a}: Resolved → Open")),
        "{compared}"
    );
    assert!(chosen.has("select[name=compare]"));
    let elsewhere = app.get(&format!("{first}?compare=not-a-report")).await;
    assert_eq!(elsewhere.status(), StatusCode::NOT_FOUND);

    // The report at a glance tells which way each RAG went since the last issued report.
    let update = json!({"rag": "on_track", "done": "Talks resumed"});
    let path = format!("/api/v1/irritants/{e}/updates");
    assert_eq!(
        app.post_json(&path, &update).await.status(),
        StatusCode::CREATED
    );
    let live = Page::parse(
        &app.get_text(&format!("/reports/progress?from={from}&to={to}"))
            .await,
    );
    let glance = live.texts(".at-a-glance tbody tr");
    let row_of_e = glance.iter().find(|row| row.contains(&e)).unwrap();
    assert!(row_of_e.contains("On track ↑ better"), "{row_of_e}");
    // Its key development: the latest thing that happened in the period.
    assert!(
        row_of_e.contains("moved from Off track to On track"),
        "{row_of_e}"
    );
    let listing = app.get_text("/reports").await;
    assert!(listing.contains(&first) && listing.contains(&second));

    // Neither the manager nor anyone but an administrator may delete it; the admin must
    // confirm, and the deletion is recorded.
    let refused = app
        .post_form(&format!("{second}/delete"), &[("confirm_delete", "yes")])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let admin = app.session_as("admin").await;
    let unconfirmed = admin.post_form(&format!("{second}/delete"), &[]).await;
    assert_eq!(unconfirmed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let deleted = admin
        .post_form(&format!("{second}/delete"), &[("confirm_delete", "yes")])
        .await;
    assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get(&second).await.status(), StatusCode::NOT_FOUND);
    let log = admin.get("/admin/security").await.text().await.unwrap();
    assert!(log.contains("Issued report deleted"));
    assert!(log.contains("Report issued"));
}

#[tokio::test]
async fn a_past_period_shows_the_status_rag_and_next_steps_as_they_stood_at_its_end() {
    let app = spawn_app().await;
    let irritant = json!({"title": "Y lentils", "counterpart": "IN", "priority": "high"});
    let y = opened_on(&app, irritant, days_ago(100)).await;
    for (on, rag, next) in [
        (days_ago(50), "at_risk", "Send the lab results"),
        (days_ago(0), "on_track", "Close the file"),
    ] {
        let response = app
            .post_json(
                &format!("/api/v1/irritants/{y}/updates"),
                &json!({"reported_on": on.to_string(), "rag": rag, "done": "Call", "next_steps": next}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    change_status(&app, &y, "resolved", days_ago(60)).await;
    change_status(&app, &y, "open", days_ago(10)).await;

    // From 45 to 30 days ago nothing happened to Y: it had been resolved 60 days ago, and the
    // next steps in force were those of the update of 50 days ago.
    let report = report_json(&app, &format!("from={}&to={}", days_ago(45), days_ago(30))).await;
    assert_eq!(report["summary"]["at_end"]["resolved"], 1);
    let listed = references(&report);
    assert!(
        listed.is_empty(),
        "done and untouched in the period: {listed:?}"
    );
    let report = report_json(&app, &format!("from={}&to={}", days_ago(55), days_ago(30))).await;
    let row = &report["groups"][0]["irritants"][0];
    assert_eq!(row["reference"], y.as_str());
    assert_eq!(row["status"], "resolved");
    assert_eq!(row["status_since"], days_ago(60).to_string());
    assert_eq!(row["next_steps"], "Send the lab results");
    assert_eq!(
        row["rag"], "at_risk",
        "the RAG of then, not today's on_track"
    );
    let report = report_json(&app, &format!("from={}&to={}", days_ago(40), days_ago(20))).await;
    assert_eq!(report["summary"]["at_end"]["resolved"], 1);
    assert_eq!(report["summary"]["at_start"]["resolved"], 1);
}

/// A partly resolved irritant whose RAG dropped, whose milestone and target date moved later
/// with reasons, all within the last week.
pub async fn eventful_week(app: &TestApp) -> String {
    let fields = json!({"title": "Duty on canola meal", "counterpart": "CN",
        "direction": "their_measure", "sector": "agri-food", "measure_type": "tariff",
        "priority": "medium", "action_holder": "counterpart",
        "target_date": days_ago(-60).to_string()});
    let reference = opened_on(app, fields, days_ago(40)).await;
    let updates = format!("/api/v1/irritants/{reference}/updates");
    for (rag, on) in [("on_track", days_ago(35)), ("at_risk", days_ago(2))] {
        let update =
            json!({"rag": rag, "done": "Call with the ministry", "reported_on": on.to_string()});
        let response = app.post_json(&updates, &update).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    change_status(app, &reference, "resolved_in_part", days_ago(1)).await;

    let milestones = format!("/irritants/{reference}/milestones");
    let planned = [
        ("title", "Site visit"),
        ("due_date", &days_ago(-10).to_string()),
        ("state", "planned"),
    ];
    let response = app.post_form(&milestones, &planned).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = app.get_text(&milestones).await;
    let edit = page
        .split(&format!(r#"href="{milestones}/"#))
        .nth(1)
        .map(|rest| format!("{milestones}/{}", rest.split('"').next().unwrap()))
        .expect("an edit link");
    let later = days_ago(-30).to_string();
    let moved = [
        ("version", "1"),
        ("title", "Site visit"),
        ("due_date", later.as_str()),
        ("state", "planned"),
        ("reason", "The inspectors asked for a later date"),
    ];
    assert_eq!(
        app.post_form(&edit, &moved).await.status(),
        StatusCode::SEE_OTHER
    );

    let version = app.irritant(&reference).await["version"].clone();
    let target = json!({"version": version, "target_date": days_ago(-90).to_string(),
        "slip_reason": "Talks resume after the new year"});
    let path = format!("/api/v1/irritants/{reference}");
    assert_eq!(
        app.patch_json(&path, &target).await.status(),
        StatusCode::OK
    );
    reference
}

#[tokio::test]
async fn the_periods_developments_are_told_in_every_format_and_only_within_it() {
    let app = spawn_app().await;
    let reference = eventful_week(&app).await;
    let week = format!("from={}&to={}", days_ago(6), days_ago(0));
    let expected = [
        "Status changed from Open to Resolved in part: Measure lifted for the lines concerned",
        "Delivery confidence (RAG) moved from On track to At risk",
        "Milestone “Site visit” added",
        &format!(
            "Milestone moved from {} to {}: Site visit — The inspectors asked for a later date",
            days_ago(-10),
            days_ago(-30)
        ),
        &format!(
            "Target date moved from {} to {}: Talks resume after the new year",
            days_ago(-60),
            days_ago(-90)
        ),
    ];

    let page = app.get_text(&format!("/reports/progress?{week}")).await;
    let page = Page::parse(&page);
    // The security marking heads the report, on screen and in the header printed on each page.
    assert_eq!(page.text("p.marking"), "UNCLASSIFIED / NON CLASSIFIÉ");
    assert!(
        page.text(".print-running-header")
            .starts_with("UNCLASSIFIED / NON CLASSIFIÉ")
    );
    let told = page.text("ul.developments");
    for sentence in expected {
        assert!(told.contains(sentence), "{sentence} in {told}");
    }

    let report = report_json(&app, &week).await;
    let row = &report["groups"][0]["irritants"][0];
    assert_eq!(row["reference"], reference.as_str());
    let kinds: Vec<&str> = row["developments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "status",
        "rag",
        "milestone_added",
        "milestone_slipped",
        "target_date",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    let status = row["developments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "status")
        .unwrap();
    assert_eq!(status["before"], "open");
    assert_eq!(status["after"], "resolved_in_part");
    assert_eq!(status["detail"], "Measure lifted for the lines concerned");

    let csv = app
        .get(&format!("/reports/progress?{week}&format=csv"))
        .await
        .bytes()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let told = column("What happened in the period");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for sentence in expected {
        assert!(
            rows[0][told].contains(sentence),
            "{sentence} in {}",
            &rows[0][told]
        );
    }
    // Each row says what the file covers.
    let period = format!("{} – {}", days_ago(6), days_ago(0));
    assert_eq!(&rows[0][column("Period")], period);
    assert_eq!(&rows[0][column("Scope")], "The whole portfolio");
    assert_eq!(
        &rows[0][column("Security marking")],
        "UNCLASSIFIED / NON CLASSIFIÉ"
    );

    let xlsx = app
        .get(&format!("/reports/progress?{week}&format=xlsx"))
        .await
        .bytes()
        .await
        .unwrap();
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(xlsx.to_vec())).unwrap();
    let sheet = workbook.worksheet_range("Irritants").unwrap();
    let cells: Vec<String> = sheet
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    for sentence in expected {
        assert!(cells[told].contains(sentence), "{sentence} in {cells:?}");
    }

    // A download is named for what it holds.
    let named = app
        .get("/reports/progress?period=last_7_days&counterpart=CN&format=xlsx")
        .await;
    assert_eq!(
        named.headers()["content-disposition"].to_str().unwrap(),
        format!(
            "attachment; filename=\"progress-report_CN_{}_{}.xlsx\"",
            days_ago(6),
            days_ago(0)
        )
    );

    // A period before all this tells none of it, and says so.
    let before = format!("from={}&to={}", days_ago(30), days_ago(10));
    let report = report_json(&app, &before).await;
    let row = &report["groups"][0]["irritants"][0];
    assert_eq!(row["reference"], reference.as_str());
    assert_eq!(row["developments"], json!([]));
    let page = Page::parse(&app.get_text(&format!("/reports/progress?{before}")).await);
    assert!(!page.has("ul.developments"));
    assert!(
        page.text("main")
            .contains("Nothing recorded in the period.")
    );
}
