//! The everyday moves made short: handing an irritant over from its page.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, client, create_token, email_of, spawn_app};
use crate::html::Page;

async fn unowned(app: &TestApp, title: &str) -> String {
    let body = json!({"title": title, "counterpart": "CN"});
    app.create_via_api(body).await["reference"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn notifications_of(app: &TestApp, role: &str) -> serde_json::Value {
    let token = create_token(app.database.url(), role).await;
    client()
        .get(app.url("/api/v1/notifications"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_manager_hands_an_irritant_over_with_a_note_from_its_page() {
    let app = spawn_app().await;
    let reference = unowned(&app, "Pea fumigation").await;
    let page_path = format!("/irritants/{reference}");
    let reassign = format!("{page_path}/reassign");
    let page = Page::parse(&app.get_text(&page_path).await);
    assert_eq!(
        page.attributes("details.reassign form", "action"),
        [reassign.clone()]
    );
    let offered = page.texts("details.reassign select[name=owner] option");
    assert!(offered.contains(&"Olu Officer".to_owned()), "{offered:?}");

    // Refused: no owner chosen; the note is kept, beside the field's message.
    let note = "Call the attaché before Friday; <b>draft</b> is in the shared folder";
    let refused = app
        .post_form(
            &reassign,
            &[("version", "1"), ("owner", ""), ("handover", note)],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::parse(&refused.text().await.unwrap());
    assert!(refused.field_error("field-reassign-owner").is_some());
    assert_eq!(refused.text("#field-reassign-handover"), note);

    let officer = email_of("officer");
    let fields = [
        ("version", "1"),
        ("owner", officer.as_str()),
        ("handover", note),
    ];
    let done = app.post_form(&reassign, &fields).await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        done.headers()["location"],
        format!("{page_path}?notice=reassigned").as_str()
    );
    let irritant = app.irritant(&reference).await;
    assert_eq!(irritant["owner"], officer.as_str());
    let page = app
        .get_text(&format!("{page_path}?notice=reassigned"))
        .await;
    assert!(
        page.contains("&lt;b&gt;draft&lt;/b&gt;"),
        "the note is kept as a comment, as text"
    );
    let history = app.get_text(&format!("{page_path}/history")).await;
    assert!(history.contains("Olu Officer"));

    let told = notifications_of(&app, "officer").await;
    assert_eq!(told["items"][0]["kind"], "assigned");
    let text = told["items"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("handed") && text.contains("Call the attaché"),
        "{text}"
    );

    // A page read before the handover cannot hand it over again.
    let stale = app
        .post_form(
            &reassign,
            &[("version", "1"), ("owner", email_of("manager").as_str())],
        )
        .await;
    assert_eq!(stale.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.irritant(&reference).await["owner"], officer.as_str());
}

#[tokio::test]
async fn an_officer_is_offered_and_allowed_only_themselves() {
    let app = spawn_app().await;
    let reference = unowned(&app, "Beef labels").await;
    let officer = app.session_as("officer").await;
    let page_path = format!("/irritants/{reference}");
    let page = Page::parse(&officer.get(&page_path).await.text().await.unwrap());
    let offered = page.texts("details.reassign select[name=owner] option");
    assert_eq!(offered.len(), 2, "a prompt and themselves: {offered:?}");
    assert!(offered.contains(&"Olu Officer".to_owned()));

    let manager = email_of("manager");
    let fields = [
        ("version", "1"),
        ("owner", manager.as_str()),
        ("handover", ""),
    ];
    let refused = officer
        .post_form(&format!("{page_path}/reassign"), &fields)
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::parse(&refused.text().await.unwrap());
    assert!(refused.field_error("field-reassign-owner").is_some());
    assert_eq!(
        app.irritant(&reference).await["owner"],
        serde_json::Value::Null
    );

    let viewer = app.session_as("viewer").await;
    let forbidden = viewer
        .post_form(&format!("{page_path}/reassign"), &fields)
        .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
}
