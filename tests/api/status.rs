use reqwest::StatusCode;

use crate::helpers::{TestApp, canola, spawn_app, today};

async fn change_status(
    app: &TestApp,
    reference: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let version = app.irritant(reference).await["version"].to_string();
    let today = today();
    let mut form = vec![
        ("version", version.as_str()),
        ("effective_date", today.as_str()),
    ];
    form.extend_from_slice(fields);
    let response = app
        .post_form(&format!("/irritants/{reference}/status"), &form)
        .await;
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_status_moves_along_its_lifecycle_only_with_the_details_each_step_needs() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;

    let (status, page) = change_status(&app, &reference, &[("status", "resolved_in_part")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Say which part is resolved"));

    let (status, _) = change_status(
        &app,
        &reference,
        &[
            ("status", "resolved_in_part"),
            ("note", "HS 1205.10 lifted"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let (status, page) = change_status(&app, &reference, &[("status", "resolved")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Say how it was resolved."));
    let (status, _) = change_status(
        &app,
        &reference,
        &[("status", "resolved"), ("note", "Duties withdrawn")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let irritant = app.irritant(&reference).await;
    assert_eq!(irritant["status"], "resolved");
    assert_eq!(irritant["status_date"], today().as_str());
    assert_eq!(irritant["status_note"], "Duties withdrawn");

    let (status, page) = change_status(
        &app,
        &reference,
        &[("status", "dormant"), ("note", "Paused")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("A resolved or closed irritant must be reopened first."));

    let (status, page) = change_status(&app, &reference, &[("status", "open")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Say why it is reopened."));
    let (status, _) = change_status(
        &app,
        &reference,
        &[("status", "open"), ("note", "Duties reimposed")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let (status, page) = change_status(&app, &reference, &[("status", "dormant")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Say why it is dormant."));
    let (status, _) = change_status(
        &app,
        &reference,
        &[("status", "dormant"), ("note", "Awaiting the review")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let (status, page) = change_status(&app, &reference, &[("status", "closed")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Choose why it is closed."));
    let (status, page) = change_status(
        &app,
        &reference,
        &[("status", "closed"), ("closure_reason", "other")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Explain the reason for closing."));
    let (status, _) = change_status(
        &app,
        &reference,
        &[("status", "closed"), ("closure_reason", "duplicate")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.irritant(&reference).await["closure_reason"],
        "duplicate"
    );

    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    for sentence in [
        "Status changed from Open to Resolved in part",
        "Status changed from Resolved in part to Resolved",
        "Status changed from Resolved to Open",
        "Status changed from Open to Dormant",
        "Status changed from Dormant to Closed",
        "Reason for closing set to Duplicate",
    ] {
        assert!(history.contains(sentence), "{sentence}");
    }
    assert!(history.contains(&format!("effective <time datetime=\"{}\">", today())));
}

#[tokio::test]
async fn a_status_cannot_take_effect_in_the_future() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Duration::days(1)).to_string();
    let form = [
        ("version", "1"),
        ("status", "resolved"),
        ("note", "Lifted"),
        ("effective_date", tomorrow.as_str()),
    ];
    let response = app
        .post_form(&format!("/irritants/{reference}/status"), &form)
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("This date is in the future")
    );
    assert_eq!(app.irritant(&reference).await["status"], "open");
}
