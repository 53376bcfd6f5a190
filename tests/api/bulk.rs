//! Bulk changes: many irritants changed at once from the list or the API, each checked,
//! permission-checked and versioned on its own, each history recording its change, and each
//! person told once.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{
    TestApp, client, create_token, email_of, notifications_with, spawn_app, today,
};
use crate::html::Page;

/// Records irritants through the API (as the manager), with these titles; their references.
async fn irritants(app: &TestApp, titles: &[&str]) -> Vec<String> {
    let mut references = Vec::new();
    for title in titles {
        let body = json!({"title": title, "counterpart": "CN", "sector": "agri-food"});
        let created = app.create_via_api(body).await;
        references.push(created["reference"].as_str().unwrap().to_owned());
    }
    references
}

async fn bulk_as(app: &TestApp, token: &str, body: &Value) -> (StatusCode, Value) {
    let response = client()
        .post(app.url("/api/v1/irritants/bulk"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Each of `references` at the version it has now, as a bulk request names it.
async fn at_current_versions(app: &TestApp, references: &[String]) -> Vec<Value> {
    let mut items = Vec::new();
    for reference in references {
        let version = app.irritant(reference).await["version"].clone();
        items.push(json!({"reference": reference, "version": version}));
    }
    items
}

fn outcomes(result: &Value) -> Vec<String> {
    result["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["outcome"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_manager_assigns_many_from_the_list_each_against_the_version_reviewed() {
    let app = spawn_app().await;
    let chosen = irritants(
        &app,
        &["Pork tariff", "Canola seed", "Pea duties", "Lobster ban"],
    )
    .await;
    let picks: Vec<(&str, &str)> = chosen.iter().map(|r| ("pick", r.as_str())).collect();

    // The list offers each irritant to tick, and what may be done with them.
    let list = Page::parse(&app.get_text("/irritants").await);
    assert_eq!(list.attributes("input[name=pick]", "form").len(), 4);
    assert!(list.has("form#bulk select[name=action] option[value=owner]"));

    // Step one: the values asked once; the officer is among the owners offered.
    let mut choose = vec![("step", "choose"), ("action", "owner")];
    choose.extend(&picks);
    let values = app.post_form("/irritants/bulk", &choose).await;
    assert_eq!(values.status(), StatusCode::OK);
    let values = Page::parse(&values.text().await.unwrap());
    assert!(values.has("select[name=owner]"));
    assert_eq!(values.attributes("input[name=pick]", "value"), chosen);

    // Step two: the review lists each irritant and the version the change will be made against.
    let officer = email_of("officer");
    let mut review = vec![
        ("step", "review"),
        ("action", "owner"),
        ("owner", officer.as_str()),
    ];
    review.extend(&picks);
    let reviewed = app.post_form("/irritants/bulk", &review).await;
    assert_eq!(reviewed.status(), StatusCode::OK);
    let reviewed = Page::parse(&reviewed.text().await.unwrap());
    let items = reviewed.attributes("input[name=item]", "value");
    assert_eq!(items.len(), 4);
    assert!(items.iter().all(|item| item.ends_with("@1")), "{items:?}");
    assert_eq!(reviewed.texts("tbody tr").len(), 4);

    // Someone changes one of them after the review.
    let stale = &chosen[2];
    let body = json!({"version": 1, "priority": "high"});
    let patched = app
        .patch_json(&format!("/api/v1/irritants/{stale}"), &body)
        .await;
    assert_eq!(patched.status(), StatusCode::OK);

    let mut apply: Vec<(&str, &str)> = vec![("action", "owner"), ("owner", officer.as_str())];
    apply.extend(items.iter().map(|item| ("item", item.as_str())));
    let applied = app.post_form("/irritants/bulk/apply", &apply).await;
    assert_eq!(applied.status(), StatusCode::SEE_OTHER);
    let location = applied.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/irritants/bulk/"), "{location}");

    let result = Page::parse(&app.get_text(&location).await);
    assert!(
        result
            .text("[role=status]")
            .contains("3 changed, 0 already so, 1 refused")
    );
    let stale_row = result
        .texts("tbody tr")
        .into_iter()
        .find(|row| row.contains(stale.as_str()))
        .unwrap();
    assert!(
        stale_row.contains("someone changed it after the review"),
        "{stale_row}"
    );

    for reference in &chosen {
        let irritant = app.irritant(reference).await;
        if reference == stale {
            assert_eq!(
                irritant["owner"],
                Value::Null,
                "the stale one is left alone"
            );
            assert_eq!(irritant["version"], 2);
        } else {
            assert_eq!(irritant["owner"], officer.as_str());
            assert_eq!(irritant["version"], 2);
            let history = app
                .get_text(&format!("/irritants/{reference}/history"))
                .await;
            assert!(history.contains("Olu Officer"), "each history records it");
        }
    }

    // The new owner is told once, of the three, with a link to the result.
    let officer_token = create_token(app.database.url(), "officer").await;
    let told = notifications_with(&app, &officer_token).await;
    assert_eq!(told["unread"], 1, "{told}");
    let notice = &told["items"][0];
    assert_eq!(notice["kind"], "assigned");
    assert_eq!(notice["link"], location.as_str());
    let text = notice["text"].as_str().unwrap();
    assert!(text.contains("3 irritants"), "{text}");
    assert!(
        text.contains(&chosen[0]) && !text.contains(stale.as_str()),
        "{text}"
    );
}

#[tokio::test]
async fn an_officer_is_refused_per_irritant_what_only_a_manager_may_do() {
    let app = spawn_app().await;
    let chosen = irritants(&app, &["Beef quota", "Wheat grading"]).await;
    // The first is the manager's already; the second has no owner.
    let body = json!({"version": 1, "owner": email_of("manager")});
    app.patch_json(&format!("/api/v1/irritants/{}", chosen[0]), &body)
        .await;

    let officer = create_token(app.database.url(), "officer").await;
    let items = at_current_versions(&app, &chosen).await;
    let body = json!({"change": {"action": "owner", "owner": email_of("manager")}, "items": items});
    let (status, result) = bulk_as(&app, &officer, &body).await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(outcomes(&result), ["unchanged", "refused"]);
    assert_eq!(
        result["results"][1]["problems"]["owner"]["code"],
        "owner-needs-manager"
    );
    assert_eq!(app.irritant(&chosen[1]).await["owner"], Value::Null);

    // Taking them on themselves is the officer's to do.
    let body = json!({"change": {"action": "owner", "owner": email_of("officer")}, "items": items});
    let (_, result) = bulk_as(&app, &officer, &body).await;
    assert_eq!(outcomes(&result), ["changed", "changed"]);

    // A viewer may watch many at once, and change none.
    let viewer = create_token(app.database.url(), "viewer").await;
    let items = at_current_versions(&app, &chosen).await;
    let body = json!({"change": {"action": "priority", "priority": "high"}, "items": items});
    let (status, _) = bulk_as(&app, &viewer, &body).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let body = json!({"change": {"action": "watch"}, "items": items});
    let (status, result) = bulk_as(&app, &viewer, &body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(outcomes(&result), ["changed", "changed"]);
    let (_, again) = bulk_as(&app, &viewer, &body).await;
    assert_eq!(outcomes(&again), ["unchanged", "unchanged"]);
}

#[tokio::test]
async fn a_status_for_many_is_judged_per_irritant_and_told_once_to_each() {
    let app = spawn_app().await;
    let chosen = irritants(&app, &["Soy tariff", "Pulse fumigation", "Maple labels"]).await;
    let officer = email_of("officer");
    let manager = app.token.clone();
    let items = at_current_versions(&app, &chosen).await;
    let body = json!({"change": {"action": "owner", "owner": officer}, "items": items});
    let (_, assigned) = bulk_as(&app, &manager, &body).await;
    assert_eq!(outcomes(&assigned), ["changed", "changed", "changed"]);

    // The third is dormant already: moving it to dormant again is refused for it alone.
    let version = app.irritant(&chosen[2]).await["version"].clone();
    let body = json!({"version": version, "status": "dormant", "status_note": "Paused", "status_date": today()});
    app.patch_json(&format!("/api/v1/irritants/{}", chosen[2]), &body)
        .await;

    let items = at_current_versions(&app, &chosen).await;
    let move_to_dormant = json!({"action": "status", "status": "dormant", "effective_date": today(), "note": "Talks paused until spring"});
    let body = json!({"change": move_to_dormant, "items": items});
    let (status, result) = bulk_as(&app, &manager, &body).await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(outcomes(&result), ["changed", "changed", "refused"]);
    assert_eq!(
        result["results"][2]["problems"]["status"]["code"],
        "status-unchanged"
    );
    assert_eq!(
        (result["changed"].clone(), result["refused"].clone()),
        (json!(2), json!(1))
    );
    for reference in &chosen[..2] {
        let irritant = app.irritant(reference).await;
        assert_eq!(irritant["status"], "dormant");
        assert_eq!(irritant["status_note"], "Talks paused until spring");
    }

    // The owner hears once of the two, beside the one assignment and the single change.
    let officer_token = create_token(app.database.url(), "officer").await;
    let told = notifications_with(&app, &officer_token).await;
    let kinds: Vec<&str> = told["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["status_changed", "status_changed", "assigned"],
        "{told}"
    );
    assert!(
        told["items"][0]["text"]
            .as_str()
            .unwrap()
            .contains("2 irritants")
    );

    // Details that refuse the move for every irritant are refused beside the form's fields.
    let picks: Vec<(&str, &str)> = chosen.iter().map(|r| ("pick", r.as_str())).collect();
    let mut review = vec![
        ("step", "review"),
        ("action", "status"),
        ("status", "resolved"),
    ];
    review.extend(&picks);
    let refused = app.post_form("/irritants/bulk", &review).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&refused.text().await.unwrap());
    assert!(page.field_error("field-note").is_some());
    assert!(page.field_error("field-effective_date").is_some());
    assert_eq!(
        page.attributes("input[name=status][checked]", "value"),
        ["resolved"]
    );
}

#[tokio::test]
async fn bulk_requests_that_cannot_be_read_are_refused_whole() {
    let app = spawn_app().await;
    let chosen = irritants(&app, &["Steel quota"]).await;
    let manager = app.token.clone();
    let hostile = [
        json!([{"reference": "IRR-2025-0001' OR 1=1 --", "version": 1}]),
        json!([]),
        json!([{"reference": chosen[0], "version": "one"}]),
    ];
    for items in hostile {
        let body = json!({"change": {"action": "priority", "priority": "high"}, "items": items});
        let (status, _) = bulk_as(&app, &manager, &body).await;
        assert!(status.is_client_error(), "{status} for {items}");
    }
    let too_many: Vec<Value> = (1..=2001)
        .map(|n| json!({"reference": format!("IRR-2025-{n:04}"), "version": 1}))
        .collect();
    let body = json!({"change": {"action": "watch"}, "items": too_many});
    let (status, body) = bulk_as(&app, &manager, &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("2000"), "{body}");

    let body =
        json!({"change": {"action": "delete"}, "items": [{"reference": chosen[0], "version": 1}]});
    let (status, _) = bulk_as(&app, &manager, &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = json!({"change": {"action": "watch"}, "items": [{"reference": "IRR-1999-0001", "version": 1}]});
    let (_, result) = bulk_as(&app, &manager, &unknown).await;
    assert_eq!(outcomes(&result), ["missing"]);

    // From the pages: nothing ticked, or a box that names no irritant.
    let none = app
        .post_form(
            "/irritants/bulk",
            &[("step", "choose"), ("action", "owner")],
        )
        .await;
    assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        none.text()
            .await
            .unwrap()
            .contains("Choose at least one irritant")
    );
    let script = app
        .post_form(
            "/irritants/bulk",
            &[
                ("step", "choose"),
                ("action", "owner"),
                ("pick", "<script>alert(1)</script>"),
            ],
        )
        .await;
    assert_eq!(script.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!script.text().await.unwrap().contains("<script>alert"));
    assert_eq!(
        app.irritant(&chosen[0]).await["version"],
        1,
        "nothing changed"
    );
}

#[tokio::test]
async fn all_matching_the_filters_are_chosen_with_one_box() {
    let app = spawn_app().await;
    let chinese = irritants(&app, &["Canola meal", "Canola oil"]).await;
    let body = json!({"title": "Dairy quota", "counterpart": "US", "sector": "agri-food"});
    let other = app.create_via_api(body).await["reference"]
        .as_str()
        .unwrap()
        .to_owned();

    let list = Page::parse(&app.get_text("/irritants?counterpart=CN").await);
    let all = list.attributes("input[name=all]", "value");
    assert_eq!(all.len(), 1);
    assert!(all[0].contains("counterpart=CN"), "{all:?}");

    let values = app
        .post_form(
            "/irritants/bulk",
            &[
                ("step", "choose"),
                ("action", "priority"),
                ("all", all[0].as_str()),
            ],
        )
        .await;
    assert_eq!(values.status(), StatusCode::OK);
    let values = Page::parse(&values.text().await.unwrap());
    let mut carried = values.attributes("input[name=pick]", "value");
    carried.sort();
    assert_eq!(carried, chinese);
    assert!(!carried.contains(&other));
}
