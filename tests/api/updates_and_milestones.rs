use reqwest::StatusCode;

use crate::helpers::{canola, spawn_app, with};
use crate::html::Page;

#[tokio::test]
async fn a_progress_update_is_listed_and_its_rag_becomes_the_irritants() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let form = [
        ("reported_on", "2025-11-07"),
        ("rag", "off_track"),
        ("done", "Met MOFCOM officials"),
        ("next_steps", "Brief the DM"),
    ];

    let response = app
        .post_form(&format!("/irritants/{reference}/updates"), &form)
        .await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = app.get_text(&format!("/irritants/{reference}")).await;
    assert!(page.contains("Met MOFCOM officials") && page.contains("Brief the DM"));
    assert!(page.contains(r#"class="badge rag-off_track""#));
    assert_eq!(app.irritant(&reference).await["rag"], "off_track");
    assert_eq!(
        app.irritant(&reference).await["version"],
        1,
        "an update overwrites nothing"
    );
    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert!(history.contains("Progress update added: Off track"));
}

#[tokio::test]
async fn the_latest_update_by_date_sets_the_rag_even_when_an_older_one_is_added_later() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let path = format!("/irritants/{reference}/updates");
    let later = app
        .post_form(
            &path,
            &[
                ("reported_on", "2025-12-01"),
                ("rag", "on_track"),
                ("done", "Agreement in principle"),
            ],
        )
        .await;
    assert_eq!(later.status(), StatusCode::SEE_OTHER);
    let earlier = app
        .post_form(
            &path,
            &[
                ("reported_on", "2025-11-01"),
                ("rag", "off_track"),
                ("done", "Earlier meeting, logged late"),
            ],
        )
        .await;
    assert_eq!(earlier.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.irritant(&reference).await["rag"], "on_track");
}

#[tokio::test]
async fn an_update_needs_a_rag_and_what_was_done() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let response = app
        .post_form(
            &format!("/irritants/{reference}/updates"),
            &[("reported_on", "2025-11-07"), ("done", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Delivery confidence (RAG)") && page.contains("Enter a value."));
    assert!(
        app.get_json(&format!("/api/v1/irritants/{reference}/updates"))
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn milestones_are_added_marked_overdue_and_edited_safely() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let path = format!("/irritants/{reference}/milestones");

    let response = app
        .post_form(
            &path,
            &[
                ("title", "Written submission"),
                ("due_date", "2020-01-15"),
                ("state", "planned"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = app.get_text(&path).await;
    let milestones = Page::parse(&page);
    let rows = milestones.texts("tbody tr");
    assert!(
        rows.iter()
            .any(|row| row.contains("Written submission") && row.contains("Overdue")),
        "the milestone is listed as overdue: {rows:?}"
    );
    let milestone_path = page
        .split(&format!(r#"href="{path}/"#))
        .nth(1)
        .map(|rest| format!("{path}/{}", rest.split('"').next().unwrap()))
        .expect("an edit link");
    assert!(
        app.get_text(&milestone_path)
            .await
            .contains(r#"name="version" value="1""#)
    );

    let done = [
        ("version", "1"),
        ("title", "Written submission"),
        ("due_date", "2020-01-15"),
        ("state", "done"),
    ];
    assert_eq!(
        app.post_form(&milestone_path, &done).await.status(),
        StatusCode::SEE_OTHER
    );
    assert!(
        !Page::parse(&app.get_text(&path).await).has("span.overdue"),
        "a done milestone is not overdue"
    );
    assert!(
        !app.get_text("/irritants")
            .await
            .contains("Milestone overdue"),
        "nor is it marked on the list"
    );

    let stale = [
        ("version", "1"),
        ("title", "Submission v2"),
        ("due_date", "2020-02-01"),
        ("state", "planned"),
    ];
    let response = app.post_form(&milestone_path, &stale).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.unwrap();
    assert!(page.contains("Someone else changed this") && page.contains("Submission v2"));
    assert!(
        app.get_text(&path).await.contains("Written submission"),
        "nothing overwritten"
    );

    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert!(history.contains("Milestone “Written submission” added, due 2020-01-15"));
    assert!(history.contains("Milestone “Written submission”: State changed from Planned to Done"));
}

#[tokio::test]
async fn a_milestone_needs_a_title_and_a_real_date() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let response = app
        .post_form(
            &format!("/irritants/{reference}/milestones"),
            &[
                ("title", ""),
                ("due_date", "2026-02-30"),
                ("state", "planned"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("“2026-02-30” is not a date."));
    assert!(page.contains("No milestones yet."));
}

#[tokio::test]
async fn an_overdue_milestone_puts_the_irritant_on_the_overdue_list_with_a_mark() {
    let app = spawn_app().await;
    let on_time = app
        .record_irritant(&crate::helpers::with(canola(), &[("target_date", "")]))
        .await;
    let late = app
        .record_irritant(&crate::helpers::with(canola(), &[("target_date", "")]))
        .await;
    let response = app
        .post_form(
            &format!("/irritants/{late}/milestones"),
            &[
                ("title", "Technical talks"),
                ("due_date", "2020-01-15"),
                ("state", "in_progress"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    assert_eq!(app.listed("overdue=true").await, vec![late.clone()]);
    let page = app.get_text("/irritants?overdue=true").await;
    assert!(page.contains("Milestone overdue") && !page.contains(&on_time));
}

#[tokio::test]
async fn milestones_are_planned_on_the_record_form_moved_later_with_a_reason_and_cancelled() {
    let app = spawn_app().await;
    let planned = "2020-03-15 Technical meeting in Beijing\n2099-04-01 Ministers meet";
    let bad = "2020-03-15 Technical meeting\nnext week Ministers meet";
    let refused = app
        .post_form(
            "/irritants",
            &with(
                canola(),
                &[("milestones", bad), ("in_force_since", "2025-08-14")],
            ),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&refused.text().await.unwrap());
    assert!(
        page.field_error("field-milestones")
            .unwrap()
            .starts_with("Line 2:")
    );
    assert!(
        page.text("#field-milestones")
            .ends_with("next week Ministers meet"),
        "kept"
    );

    let reference = app
        .record_irritant(&with(
            canola(),
            &[("milestones", planned), ("in_force_since", "2025-08-14")],
        ))
        .await;
    let shown = Page::parse(&app.get_text(&format!("/irritants/{reference}")).await);
    assert!(shown.text("main").contains("In force since"));
    assert!(shown.text("main").contains("2025-08-14"));
    let path = format!("/irritants/{reference}/milestones");
    let page = app.get_text(&path).await;
    let rows = Page::parse(&page).texts("tbody tr");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].contains("Technical meeting in Beijing") && rows[0].contains("Overdue"));
    assert_eq!(
        app.listed("overdue=milestones").await,
        std::slice::from_ref(&reference)
    );
    let milestone_path = page
        .split(&format!(r#"href="{path}/"#))
        .nth(1)
        .map(|rest| format!("{path}/{}", rest.split('"').next().unwrap()))
        .expect("an edit link");

    // Moved later, it says why; the reason is kept in the history.
    let later = [
        ("version", "1"),
        ("title", "Technical meeting in Beijing"),
        ("due_date", "2020-05-15"),
        ("state", "planned"),
    ];
    let response = app.post_form(&milestone_path, &later).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&response.text().await.unwrap());
    assert_eq!(
        page.field_error("field-reason").unwrap(),
        "Say why the due date moves later."
    );
    assert_eq!(page.attributes("#field-due_date", "value"), ["2020-05-15"]);
    let mut with_reason = later.to_vec();
    with_reason.push(("reason", "The delegation postponed its visit"));
    let response = app.post_form(&milestone_path, &with_reason).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert!(
        history.contains("The delegation postponed its visit"),
        "{history}"
    );

    // Cancelled, it is neither due nor overdue, and the list no longer flags it.
    let cancel = [
        ("version", "2"),
        ("title", "Technical meeting in Beijing"),
        ("due_date", "2020-05-15"),
        ("state", "cancelled"),
    ];
    let response = app.post_form(&milestone_path, &cancel).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let rows = Page::parse(&app.get_text(&path).await).texts("tbody tr");
    assert!(
        rows[0].contains("Cancelled") && !rows[0].contains("Overdue"),
        "{rows:?}"
    );
    assert!(app.listed("overdue=milestones").await.is_empty());
    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert!(history.contains("from Planned to Cancelled"), "{history}");
}
