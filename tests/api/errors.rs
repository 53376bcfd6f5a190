use reqwest::StatusCode;

use crate::helpers::{canola, spawn_app};

#[tokio::test]
async fn an_unknown_page_gets_a_page_that_says_so() {
    let app = spawn_app().await;
    for path in [
        "/nowhere",
        "/irritants/IRR-2025-9999",
        "/irritants/not-a-reference",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(response.text().await.unwrap().contains("Page not found"));
    }
}

#[tokio::test]
async fn a_form_that_is_not_utf8_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/irritants"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("title=Canola%FF%FEduties&counterpart=CN&direction=their_measure&sector=agri-food&measure_type=tariff&priority=high&action_holder=us&csrf={}", app.csrf))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.text().await.unwrap().contains("could not be read"));
    assert!(app.listed("").await.is_empty());
}

#[tokio::test]
async fn an_oversized_form_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let huge = "x".repeat(300 * 1024);
    let mut fields = canola();
    fields.push(("summary", &huge));
    let response = app.post_form("/irritants", &fields).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(response.text().await.unwrap().contains("too large"));
    assert!(app.listed("").await.is_empty());
}

#[tokio::test]
async fn a_summary_longer_than_allowed_is_refused_next_to_the_field() {
    let app = spawn_app().await;
    let long = "关".repeat(20_001);
    let mut fields = canola();
    fields.push(("summary", &long));
    let response = app.post_form("/irritants", &fields).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Use at most 20000 characters (this has 20001).")
    );
}

#[tokio::test]
async fn the_health_check_names_the_backend_and_says_it_answered() {
    let app = spawn_app().await;
    let health = app.get_json("/healthz").await;
    let expected = if app.database.url().starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(health["database"]["backend"], expected);
    assert_eq!(health["database"]["answered"], true);
    assert_eq!(health["status"], "ok");
}

#[tokio::test]
async fn the_stylesheet_is_served_and_may_be_cached() {
    let app = spawn_app().await;
    let page = app.get_text("/irritants").await;
    let href = page
        .split(r#"rel="stylesheet" href=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let response = app.get(&href).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age=31536000")
    );
    assert!(response.text().await.unwrap().contains(":focus-visible"));
}

#[tokio::test]
async fn an_address_that_cannot_name_a_record_finds_nothing() {
    let app = spawn_app().await;
    let admin = app.session_as("admin").await;
    for path in [
        "/sources/%00",
        "/sources/not-an-id/edit",
        "/api/v1/sources/%00",
        "/api/v1/sources/12345",
        "/reports/%00",
        "/reports/not-a-report?format=csv",
        "/irritants/IRR-2025-0001/milestones/%00",
    ] {
        assert_eq!(
            app.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    for path in ["/admin/users/%00", "/admin/users/someone"] {
        assert_eq!(
            admin.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}
