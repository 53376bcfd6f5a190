//! The manager's dashboard: each headline figure, and the list behind it with exactly as many
//! irritants.

use reqwest::StatusCode;

use crate::helpers::{spawn_app, today};

#[tokio::test]
async fn each_figure_counts_exactly_the_irritants_of_the_list_behind_it() {
    let app = spawn_app().await;
    let due_today = app
        .create_via_api(serde_json::json!({"title": "Canola duties", "counterpart": "CN", "target_date": today()}))
        .await["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    app.create_via_api(serde_json::json!({"title": "Seafood ban", "counterpart": "CN", "target_date": "2020-01-01"}))
        .await;
    app.create_via_api(serde_json::json!({"title": "Steel surtax", "counterpart": "US"}))
        .await;
    let update = app
        .post_json(
            &format!("/api/v1/irritants/{due_today}/updates"),
            &serde_json::json!({"rag": "at_risk", "done": "Technical call"}),
        )
        .await;
    assert_eq!(update.status(), StatusCode::CREATED);

    let expected = [
        ("open", 3),
        ("resolved_in_part", 0),
        ("resolved_this_fiscal_year", 0),
        // A target date of today is not yet past, but it is due soon.
        ("overdue", 1),
        ("milestones_overdue", 0),
        ("stale", 0),
        ("at_risk", 1),
        ("off_track", 0),
        ("due_soon", 1),
    ];
    let dashboard = app.get_json("/api/v1/dashboard").await;
    let page = app.get_text("/").await;
    for (figure, (code, count)) in dashboard["figures"]
        .as_array()
        .unwrap()
        .iter()
        .zip(expected)
    {
        assert_eq!(figure["code"], code);
        assert_eq!(figure["count"], count, "{code}");
        let list = app.get_json(figure["list"].as_str().unwrap()).await;
        assert_eq!(list["total"], count, "the list behind {code}");
        let link = figure["list"]
            .as_str()
            .unwrap()
            .replace("/api/v1/irritants", "/irritants");
        let shown = format!(
            r#"<a href="{}"><span class="figure-count">{count}</span>"#,
            link.replace('&', "&amp;")
        );
        assert!(page.contains(&shown), "{code} on the page: {shown}");
    }

    // The scope narrows every figure, and travels in the links.
    let china = app.get_json("/api/v1/dashboard?counterpart=CN").await;
    assert_eq!(china["figures"][0]["count"], 2);
    assert_eq!(
        china["figures"][0]["list"],
        "/api/v1/irritants?status=open&counterpart=CN"
    );
    let refused = app.get("/?counterpart=Narnia").await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("is not an ISO 3166 country code")
    );
}
