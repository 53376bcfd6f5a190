//! The everyday moves made short: handing an irritant over from its page.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, client, create_token, email_of, notifications_with, spawn_app};
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
    notifications_with(app, &token).await
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
        std::slice::from_ref(&reassign)
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

/// An irritant of `priority`, owned by the officer, due on 15 January 2027; its reference.
async fn due_in_january(app: &TestApp, priority: &str) -> String {
    let body = json!({"title": "Canola meal", "counterpart": "CN", "priority": priority,
        "owner": email_of("officer"), "target_date": "2027-01-15"});
    app.create_via_api(body).await["reference"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The edit form's fields for the irritant as it is, with `changes` made, at its version: every
/// named control of the form, as the browser would send it.
async fn edited(app: &TestApp, reference: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let page = Page::parse(&app.get_text(&format!("/irritants/{reference}/edit")).await);
    let form = page.within(&format!("form[action='/irritants/{reference}/edit']"));
    let mut fields: Vec<(String, String)> = Vec::new();
    for name in form.attributes("input:not([type=radio]):not([name=csrf]), textarea", "name") {
        let value = form
            .attributes(&format!("input[name={name}]"), "value")
            .pop();
        let value = value.unwrap_or_else(|| form.text(&format!("textarea[name={name}]")));
        fields.push((name, value));
    }
    for name in form.attributes("select", "name") {
        fields.push((name.clone(), form.selected("", &name).unwrap_or_default()));
    }
    for name in form.attributes("input[type=radio][checked]", "name") {
        let value = form
            .attributes(&format!("input[name={name}][checked]"), "value")
            .remove(0);
        fields.push((name, value));
    }
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    fields
}

async fn post_edit(
    session: &crate::helpers::Session,
    reference: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    session
        .post_form(&format!("/irritants/{reference}/edit"), &fields)
        .await
}

#[tokio::test]
async fn an_officers_later_date_on_a_pressing_irritant_waits_for_a_manager() {
    let app = spawn_app().await;
    let reference = due_in_january(&app, "high").await;
    let officer = app.session_as("officer").await;

    // No reason, no move.
    let fields = edited(&app, &reference, &[("target_date", "2027-06-30")]).await;
    let refused = post_edit(&officer, &reference, &fields).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&refused.text().await.unwrap());
    assert!(page.field_error("field-slip_reason").is_some());

    let reason = "The counterpart's ministry is reorganising until spring";
    let fields = edited(
        &app,
        &reference,
        &[("target_date", "2027-06-30"), ("slip_reason", reason)],
    )
    .await;
    let proposed = post_edit(&officer, &reference, &fields).await;
    assert_eq!(proposed.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        proposed.headers()["location"],
        format!("/irritants/{reference}?notice=slip-proposed").as_str()
    );
    assert_eq!(
        app.irritant(&reference).await["target_date"],
        "2027-01-15",
        "the date stands"
    );

    let theirs = Page::parse(
        &officer
            .get(&format!("/irritants/{reference}"))
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(theirs.text("section#date-slip").contains(reason));
    assert!(
        !theirs.has("section#date-slip button"),
        "an officer cannot decide"
    );
    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert!(history.contains("Proposed moving the target date from 2027-01-15 to 2027-06-30"));

    let told = notifications_of(&app, "manager").await;
    assert_eq!(told["items"][0]["kind"], "slip_proposed", "{told}");
    // One proposal at a time.
    let again = edited(
        &app,
        &reference,
        &[
            ("target_date", "2027-09-30"),
            ("slip_reason", "Later still"),
        ],
    )
    .await;
    let refused = post_edit(&officer, &reference, &again).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The manager approves from the irritant's page and the dashboard.
    let dashboard = Page::parse(&app.get_text("/").await);
    assert_eq!(
        dashboard
            .texts("section[aria-labelledby=slips-heading] tbody tr")
            .len(),
        1
    );
    // A dashboard narrowed to another counterpart does not show it.
    let elsewhere = Page::parse(&app.get_text("/?counterpart=US").await);
    assert!(!elsewhere.has("section[aria-labelledby=slips-heading]"));
    let mine = Page::parse(&app.get_text(&format!("/irritants/{reference}")).await);
    let approve = mine
        .attributes("section#date-slip form", "action")
        .into_iter()
        .find(|a| a.ends_with("/approve"))
        .unwrap();
    let viewer = app.session_as("viewer").await;
    assert_eq!(
        viewer.post_form(&approve, &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    let approved = app.post_form(&approve, &[]).await;
    assert_eq!(approved.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.irritant(&reference).await["target_date"], "2027-06-30");
    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert!(history.contains("Approved moving the target date"));
    assert!(
        history.matches(reason).count() >= 2,
        "the reason stays with the change"
    );
    let told = notifications_of(&app, "officer").await;
    assert_eq!(told["items"][0]["kind"], "slip_decided", "{told}");
    // The proposer, who owns and watches it, is told once: of the decision, not again of
    // the date moved.
    let moved = told["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["kind"] == "target_moved_later")
        .count();
    assert_eq!(moved, 0, "{told}");
    assert_eq!(
        app.post_form(&approve, &[]).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let elsewhere = due_in_january(&app, "high").await;
    let wrong = approve.replace(&reference, &elsewhere);
    assert_eq!(
        app.post_form(&wrong, &[]).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_rejected_slip_leaves_the_date_and_tells_the_proposer_why() {
    let app = spawn_app().await;
    let reference = due_in_january(&app, "leaders").await;
    let officer = create_token(app.database.url(), "officer").await;
    let patch = |body: serde_json::Value| {
        let url = app.url(&format!("/api/v1/irritants/{reference}"));
        let token = officer.clone();
        async move {
            client()
                .patch(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let refused = patch(json!({"version": 1, "target_date": "2027-03-31"})).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert!(body["error"]["fields"]["slip_reason"].is_string(), "{body}");
    let proposed = patch(
        json!({"version": 1, "target_date": "2027-03-31", "slip_reason": "Lab results late"}),
    )
    .await;
    assert_eq!(proposed.status(), StatusCode::OK);
    let body: serde_json::Value = proposed.json().await.unwrap();
    assert_eq!(body["target_date"], "2027-01-15", "{body}");

    let page = Page::parse(&app.get_text(&format!("/irritants/{reference}")).await);
    let reject = page
        .attributes("section#date-slip form", "action")
        .into_iter()
        .find(|a| a.ends_with("/reject"))
        .unwrap();
    let without = app.post_form(&reject, &[("decision_reason", " ")]).await;
    assert_eq!(without.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let without = Page::parse(&without.text().await.unwrap());
    assert!(without.field_error("field-slip-decision_reason").is_some());
    let rejected = app
        .post_form(
            &reject,
            &[("decision_reason", "The ministerial meeting fixes January")],
        )
        .await;
    assert_eq!(rejected.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.irritant(&reference).await["target_date"], "2027-01-15");
    let told = notifications_of(&app, "officer").await;
    let text = told["items"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("rejected") && text.contains("ministerial meeting fixes January"),
        "{text}"
    );
    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert!(history.contains("Rejected moving the target date"));
    let page = Page::parse(&app.get_text(&format!("/irritants/{reference}")).await);
    assert!(!page.has("section#date-slip"), "nothing awaits a decision");
}

#[tokio::test]
async fn other_moves_apply_at_once_and_a_later_date_keeps_its_reason() {
    let app = spawn_app().await;
    // A manager's own slip on a pressing irritant.
    let pressing = due_in_january(&app, "high").await;
    let fields = edited(
        &app,
        &pressing,
        &[
            ("target_date", "2027-04-30"),
            ("slip_reason", "Court ruling awaited"),
        ],
    )
    .await;
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let done = app
        .post_form(&format!("/irritants/{pressing}/edit"), &fields)
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.irritant(&pressing).await["target_date"], "2027-04-30");
    let history = app
        .get_text(&format!("/irritants/{pressing}/history"))
        .await;
    assert!(history.contains("Court ruling awaited"));

    // An officer's slip on a Medium priority irritant, and an earlier date without a reason.
    let officer = app.session_as("officer").await;
    let ordinary = due_in_january(&app, "medium").await;
    let later = edited(
        &app,
        &ordinary,
        &[
            ("target_date", "2027-02-28"),
            ("slip_reason", "Holiday closures"),
        ],
    )
    .await;
    assert_eq!(
        post_edit(&officer, &ordinary, &later).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.irritant(&ordinary).await["target_date"], "2027-02-28");
    let earlier = edited(&app, &pressing, &[("target_date", "2027-03-01")]).await;
    assert_eq!(
        post_edit(&officer, &pressing, &earlier).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.irritant(&pressing).await["target_date"], "2027-03-01");
}

#[tokio::test]
async fn an_officer_cannot_go_round_the_approval() {
    let app = spawn_app().await;
    let reference = due_in_january(&app, "high").await;
    let officer = app.session_as("officer").await;
    // Removing the date, then setting a later one as if it were the first.
    let cleared = edited(&app, &reference, &[("target_date", "")]).await;
    let refused = post_edit(&officer, &reference, &cleared).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        Page::parse(&refused.text().await.unwrap())
            .field_error("field-target_date")
            .is_some()
    );
    // Lowering the priority first, then moving the date freely.
    let lowered = edited(&app, &reference, &[("priority", "medium")]).await;
    let refused = post_edit(&officer, &reference, &lowered).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        Page::parse(&refused.text().await.unwrap())
            .field_error("field-priority")
            .is_some()
    );
    let irritant = app.irritant(&reference).await;
    assert_eq!(
        (
            irritant["priority"].clone(),
            irritant["target_date"].clone()
        ),
        (json!("high"), json!("2027-01-15"))
    );

    // Nor through a bulk change, nor an API owner change that forgets to name the owner.
    let token = create_token(app.database.url(), "officer").await;
    let items = json!([{"reference": reference, "version": irritant["version"]}]);
    let bulk = |change: serde_json::Value| {
        let url = app.url("/api/v1/irritants/bulk");
        let (token, items) = (token.clone(), items.clone());
        async move {
            client()
                .post(url)
                .bearer_auth(token)
                .json(&json!({"change": change, "items": items}))
                .send()
                .await
                .unwrap()
        }
    };
    let lowered: serde_json::Value = bulk(json!({"action": "priority", "priority": "low"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(lowered["results"][0]["outcome"], "refused", "{lowered}");
    let unnamed = bulk(json!({"action": "owner", "owner_id": "x"})).await;
    assert!(unnamed.status().is_client_error());
    let missing = bulk(json!({"action": "owner"})).await;
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.irritant(&reference).await["owner"],
        email_of("officer").as_str()
    );
}

#[tokio::test]
async fn another_irritant_is_found_by_words_and_chosen_from_the_matches() {
    let app = spawn_app().await;
    let pork = unowned(&app, "Additional tariff on Canadian pork").await;
    let beef = unowned(&app, "Suspension of Canadian beef imports").await;
    let canola = unowned(&app, "Anti-dumping duties on canola seed").await;
    let links = format!("/irritants/{canola}/links");

    let response = app
        .post_form(
            &links,
            &[("linked", "canadian"), ("kind", "retaliation_for")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK, "a step, not a refusal");
    let page = Page::parse(&response.text().await.unwrap());
    let choices = page.texts(".link-candidates button");
    assert_eq!(choices.len(), 2, "{choices:?}");
    assert!(choices.iter().any(|c| c.contains(&pork)) && choices.iter().any(|c| c.contains(&beef)));
    assert!(
        !choices.iter().any(|c| c.contains(&canola)),
        "not the irritant itself"
    );
    let kinds = page.attributes(".link-candidates input[name=kind]", "value");
    assert!(
        kinds.iter().all(|kind| kind == "retaliation_for"),
        "{kinds:?}"
    );

    // One choice, one submission: linked as asked.
    let chosen = app
        .post_form(
            &links,
            &[("linked", pork.as_str()), ("kind", "retaliation_for")],
        )
        .await;
    assert_eq!(chosen.status(), StatusCode::SEE_OTHER);
    let shown = app.get_text(&format!("/irritants/{canola}")).await;
    assert!(shown.contains(&pork) && shown.contains("Retaliation for"));

    // Words that match nothing, or hostile ones, are answered next to the field, as typed.
    let long = "x".repeat(201);
    for (typed, problem) in [
        ("lobster", "No other irritant matches “lobster”"),
        ("%' OR 1=1 --", "No other irritant matches"),
        ("<script>alert(1)</script>", "No other irritant matches"),
        (long.as_str(), "Use at most 200 characters"),
    ] {
        let response = app
            .post_form(&links, &[("linked", typed), ("kind", "related")])
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{typed}"
        );
        let body = response.text().await.unwrap();
        assert!(!body.contains("<script>alert"), "escaped");
        let page = Page::parse(&body);
        let error = page.field_error("field-linked").unwrap_or_default();
        assert!(error.contains(problem), "{typed}: {error}");
        assert_eq!(page.attributes("input[name=linked]", "value"), [typed]);
    }
}

#[tokio::test]
async fn recording_warns_of_a_likely_duplicate_only_when_there_is_one() {
    let app = spawn_app().await;
    let pork = app
        .create_via_api(
            json!({"title": "Additional tariff on Canadian pork", "counterpart": "CN",
            "products": [{"hs_code": "0203.12", "label": "Hams of swine, frozen"}]}),
        )
        .await["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let form = |title: &'static str, counterpart: &'static str, products: &'static str| {
        vec![
            ("language", "en"),
            ("title", title),
            ("counterpart", counterpart),
            ("direction", "their_measure"),
            ("sector", "agri-food"),
            ("measure_type", "tariff"),
            ("priority", "high"),
            ("action_holder", "counterpart"),
            ("products", products),
        ]
    };

    // A title alike with the same counterpart: the person is shown it, with what they typed.
    let alike = form("Tariff on pork imports", "CN", "");
    let response = app.post_form("/irritants", &alike).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = Page::parse(&response.text().await.unwrap());
    assert!(
        page.text(".duplicates").contains(&pork),
        "{}",
        page.text(".duplicates")
    );
    assert!(page.text(".duplicates").contains("a title alike"));
    assert_eq!(
        page.attributes("input[name=title]", "value"),
        ["Tariff on pork imports"]
    );
    // The button that records it all the same says so; the form's own fields do not, so a
    // changed form sent with the main button is looked at again.
    assert_eq!(page.attributes("button[name=distinct]", "value"), ["true"]);
    assert!(!page.has("input[name=distinct]"));
    // Recorded all the same, it is recorded once.
    let mut anyway = alike.clone();
    anyway.push(("distinct", "true"));
    let response = app.post_form("/irritants", &anyway).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // Products of the same heading, under another title: shown too.
    let same_goods = form(
        "Import licence for swine meat",
        "CN",
        "0203.29 Other frozen pork",
    );
    let page = Page::parse(
        &app.post_form("/irritants", &same_goods)
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(
        page.text(".duplicates")
            .contains("products of the same HS heading")
    );

    // An integration records what it sends: the API does not stop for likely duplicates.
    let created = app
        .create_via_api(serde_json::json!({"title": "Tariff on pork imports", "counterpart": "CN"}))
        .await;
    assert!(created["reference"].is_string(), "{created}");

    // Another counterpart, or another matter: no interruption.
    for different in [
        form("Tariff on pork imports", "JP", ""),
        form("Tariff on lobster", "CN", "0306.12 Frozen lobster"),
    ] {
        let response = app.post_form("/irritants", &different).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{different:?}");
    }
}
