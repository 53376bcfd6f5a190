use reqwest::StatusCode;

use crate::helpers::{canola, hidden, spawn_app, start_server, with};
use crate::html::Page;

#[tokio::test]
async fn a_stale_edit_is_refused_and_nothing_is_overwritten() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let path = format!("/irritants/{reference}/edit");
    // Two officials open the edit page at version 1.
    let first = with(
        canola(),
        &[
            ("version", "1"),
            ("title", "Canola duties (first official)"),
        ],
    );
    let second = with(
        canola(),
        &[
            ("version", "1"),
            ("title", "Canola duties (second official)"),
            ("team", "Market access"),
        ],
    );

    assert_eq!(
        app.post_form(&path, &first).await.status(),
        StatusCode::SEE_OTHER
    );
    let response = app.post_form(&path, &second).await;

    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.unwrap();
    assert!(page.contains("Someone else changed this while you were working"));
    assert!(page.contains("Title changed from Anti-dumping duties on Canadian canola seed to Canola duties (first official)"), "what changed meanwhile");
    assert!(
        page.contains(r#"value="Canola duties (second official)""#)
            && page.contains(r#"value="Market access""#),
        "the input is kept"
    );
    assert!(
        page.contains(r#"name="version" value="2""#),
        "saving again is a deliberate choice over version 2"
    );
    let irritant = app.irritant(&reference).await;
    assert_eq!(irritant["title"], "Canola duties (first official)");
    assert_eq!(irritant["team"], "");
    assert_eq!(irritant["version"], 2);
}

#[tokio::test]
async fn of_two_simultaneous_edits_exactly_one_is_saved() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let path = format!("/irritants/{reference}/edit");
    for round in 1..=5 {
        let version = app.irritant(&reference).await["version"]
            .as_i64()
            .unwrap()
            .to_string();
        let (title_a, title_b) = (
            format!("Edit A, round {round}"),
            format!("Edit B, round {round}"),
        );
        let form_a = with(canola(), &[("version", &version), ("title", &title_a)]);
        let form_b = with(canola(), &[("version", &version), ("title", &title_b)]);

        let (a, b) = tokio::join!(app.post_form(&path, &form_a), app.post_form(&path, &form_b));

        let mut statuses = [a.status(), b.status()];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::SEE_OTHER, StatusCode::CONFLICT],
            "round {round}"
        );
        let winner = if a.status() == StatusCode::SEE_OTHER {
            &title_a
        } else {
            &title_b
        };
        let irritant = app.irritant(&reference).await;
        assert_eq!(&irritant["title"], winner.as_str());
        assert_eq!(
            irritant["version"].as_i64().unwrap(),
            version.parse::<i64>().unwrap() + 1
        );
    }
    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert_eq!(
        history.matches("Title changed from").count(),
        5,
        "one recorded change per round"
    );
}

#[tokio::test]
async fn two_app_instances_on_one_database_refuse_each_others_stale_edits() {
    let app = spawn_app().await;
    let other = start_server(app.database.url()).await;
    let reference = app.record_irritant(&canola()).await;
    let path = format!("/irritants/{reference}/edit");
    let form_a = with(canola(), &[("version", "1"), ("title", "Via instance one")]);
    let form_b = with(canola(), &[("version", "1"), ("title", "Via instance two")]);

    let (a, b) = tokio::join!(
        app.post_form(&path, &form_a),
        app.client
            .post(format!("{other}{path}"))
            .form(&app.with_csrf(&form_b))
            .send()
    );

    let mut statuses = [a.status(), b.unwrap().status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    assert_eq!(app.irritant(&reference).await["version"], 2);
}

#[tokio::test]
async fn simultaneous_creations_get_distinct_references() {
    let app = spawn_app().await;
    let forms: Vec<_> = (0..8)
        .map(|n| {
            with(
                canola(),
                &[
                    ("title", ["A", "B", "C", "D", "E", "F", "G", "H"][n]),
                    // The same products each time: recorded past the duplicate warning.
                    ("distinct", "true"),
                ],
            )
        })
        .collect();
    let responses = futures_join(&app, &forms).await;
    let mut references: Vec<String> = responses
        .iter()
        .map(crate::helpers::reference_from)
        .collect();
    references.sort();
    references.dedup();
    assert_eq!(references.len(), 8);
}

async fn futures_join(
    app: &crate::helpers::TestApp,
    forms: &[Vec<(&'static str, &'static str)>],
) -> Vec<reqwest::Response> {
    let mut handles = Vec::new();
    for form in forms {
        let client = app.client.clone();
        let url = app.url("/irritants");
        let form: Vec<(String, String)> = app
            .with_csrf(form)
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        handles.push(tokio::spawn(async move {
            client.post(url).form(&form).send().await.unwrap()
        }));
    }
    let mut responses = Vec::new();
    for handle in handles {
        let response = handle.await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        responses.push(response);
    }
    responses
}

#[tokio::test]
async fn saving_again_after_a_conflict_keeps_the_other_officials_changes() {
    let app = spawn_app().await;
    let summary = "China opened an investigation.\nA provisional deposit followed.";
    let reference = app
        .record_irritant(&with(canola(), &[("summary", summary)]))
        .await;
    let path = format!("/irritants/{reference}/edit");
    let base = hidden(&app.get_text(&path).await, "base");
    // The first official raises the priority; the second, from the same page, names a team,
    // and the browser sends the untouched summary back with \r\n line breaks.
    let first = with(
        canola(),
        &[
            ("version", "1"),
            ("base", &base),
            ("summary", summary),
            ("priority", "high"),
        ],
    );
    let crlf_summary = summary.replace('\n', "\r\n");
    let second = with(
        canola(),
        &[
            ("version", "1"),
            ("base", &base),
            ("summary", &crlf_summary),
            ("team", "Market access"),
        ],
    );
    assert_eq!(
        app.post_form(&path, &first).await.status(),
        StatusCode::SEE_OTHER
    );

    let refused = app.post_form(&path, &second).await;

    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let page = refused.text().await.unwrap();
    assert_eq!(
        Page::parse(&page).selected("", "priority").as_deref(),
        Some("high"),
        "their priority is taken in"
    );
    assert!(
        page.contains(r#"value="Market access""#),
        "the team typed is kept"
    );
    assert!(
        !page.contains("Someone else changed this to"),
        "no field was changed by both"
    );
    assert_eq!(hidden(&page, "version"), "2");
    // Saving the merged form as the page holds it keeps both changes.
    let (version, merged_base) = (hidden(&page, "version"), hidden(&page, "base"));
    let again = with(
        canola(),
        &[
            ("version", &version),
            ("base", &merged_base),
            ("summary", summary),
            ("priority", "high"),
            ("team", "Market access"),
        ],
    );
    assert_eq!(
        app.post_form(&path, &again).await.status(),
        StatusCode::SEE_OTHER
    );
    let irritant = app.irritant(&reference).await;
    assert_eq!(
        (irritant["priority"].as_str(), irritant["team"].as_str()),
        (Some("high"), Some("Market access"))
    );
}

#[tokio::test]
async fn a_field_both_officials_changed_is_flagged_with_the_other_value() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let path = format!("/irritants/{reference}/edit");
    let base = hidden(&app.get_text(&path).await, "base");
    let first = with(
        canola(),
        &[
            ("version", "1"),
            ("base", &base),
            ("title", "Canola seed duties"),
            ("priority", "high"),
        ],
    );
    let second = with(
        canola(),
        &[
            ("version", "1"),
            ("base", &base),
            ("title", "Canola: provisional duties"),
            ("priority", "low"),
        ],
    );
    assert_eq!(
        app.post_form(&path, &first).await.status(),
        StatusCode::SEE_OTHER
    );

    let refused = app.post_form(&path, &second).await;

    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Someone else changed this to “Canola seed duties”"));
    assert!(
        page.contains("Someone else changed this to “High”"),
        "values read in words"
    );
    assert!(
        page.contains(r#"value="Canola: provisional duties""#),
        "the user's entry stays"
    );
    assert_eq!(
        app.irritant(&reference).await["title"],
        "Canola seed duties",
        "nothing overwritten"
    );
}

#[tokio::test]
async fn a_milestone_edited_by_two_officials_is_merged_too() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let list = format!("/irritants/{reference}/milestones");
    app.post_form(
        &list,
        &[
            ("title", "Technical talks"),
            ("due_date", "2026-12-15"),
            ("state", "planned"),
        ],
    )
    .await;
    let page = app.get_text(&list).await;
    let path = page
        .split(&format!(r#"href="{list}/"#))
        .nth(1)
        .map(|rest| format!("{list}/{}", rest.split('"').next().unwrap()))
        .unwrap();
    let base = hidden(&app.get_text(&path).await, "base");
    let first = [
        ("version", "1"),
        ("base", base.as_str()),
        ("title", "Technical talks"),
        ("due_date", "2026-12-15"),
        ("state", "in_progress"),
    ];
    let second = [
        ("version", "1"),
        ("base", base.as_str()),
        ("title", "Technical talks in Beijing"),
        ("due_date", "2026-12-15"),
        ("state", "planned"),
    ];
    assert_eq!(
        app.post_form(&path, &first).await.status(),
        StatusCode::SEE_OTHER
    );

    let refused = app.post_form(&path, &second).await;

    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let page = refused.text().await.unwrap();
    assert_eq!(
        Page::parse(&page).selected("", "state").as_deref(),
        Some("in_progress"),
        "their state is taken in"
    );
    assert!(
        page.contains(r#"value="Technical talks in Beijing""#),
        "the new title is kept"
    );
}
