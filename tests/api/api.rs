use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{spawn_app, today};

#[tokio::test]
async fn an_irritant_needs_only_a_title_and_a_counterpart_the_rest_has_defaults() {
    let app = spawn_app().await;
    let response = app
        .post_json(
            "/api/v1/irritants",
            &json!({"title": "Ban on Canadian beef", "counterpart": "cn"}),
        )
        .await;

    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let irritant: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        location,
        format!(
            "/api/v1/irritants/{}",
            irritant["reference"].as_str().unwrap()
        )
    );
    assert_eq!(irritant["status"], "open");
    assert_eq!(irritant["priority"], "medium");
    assert_eq!(irritant["counterpart"], "CN");
    assert_eq!(irritant["version"], 1);
    assert_eq!(irritant["products"], json!([]));
    assert_eq!(irritant["owner"], serde_json::Value::Null);
}

#[tokio::test]
async fn every_domain_word_round_trips_through_the_api() {
    let app = spawn_app().await;
    let irritant = app
        .create_via_api(json!({
            "title": "Surtax on electric vehicles", "summary": "Cited by China.", "counterpart": "CN",
            "direction": "our_measure", "sector": "automotive", "measure_type": "surtax", "measure": "100% surtax",
            "priority": "leaders", "action_holder": "us", "owner": "Manager@Irritrack.Test",
            "lead_department": "fin", "team": "Trade policy", "target_date": "2026-06-30",
            "products": [{"hs_code": "870380", "label": "Electric vehicles"}],
            "trade_value": {"amount_cad": 2_200_000_000_i64, "year": 2024, "source": "Statistics Canada"}
        }))
        .await;
    assert_eq!(irritant["direction"], "our_measure");
    assert_eq!(
        irritant["products"],
        json!([{"hs_code": "8703.80", "label": "Electric vehicles"}])
    );
    assert_eq!(irritant["owner"], "manager@irritrack.test");
    assert_eq!(irritant["lead_department"], "FIN");
    assert_eq!(
        irritant["trade_value"],
        json!({"amount_cad": "2200000000", "year": 2024, "source": "Statistics Canada"})
    );
    assert_eq!(
        app.irritant(irritant["reference"].as_str().unwrap()).await,
        irritant
    );
}

#[tokio::test]
async fn bad_input_is_answered_with_the_offending_fields_and_nothing_is_stored() {
    let app = spawn_app().await;
    let response = app
        .post_json(
            "/api/v1/irritants",
            &json!({"title": "", "counterpart": "ZZ", "products": [{"hs_code": "12x", "label": "Oil"}], "target_date": "9999-01-01"}),
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_input");
    let fields = body["error"]["fields"].as_object().unwrap();
    let mut names: Vec<&str> = fields.keys().map(String::as_str).collect();
    names.sort();
    assert_eq!(names, ["counterpart", "products", "target_date", "title"]);
    assert_eq!(fields["title"], "Enter a value.");
    assert!(app.listed("").await.is_empty());
}

#[tokio::test]
async fn malformed_or_mistyped_json_gets_a_json_error() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/irritants"))
        .bearer_auth(&app.token)
        .header("content-type", "application/json")
        .body("{\"title\": \"Canola\", ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "malformed_json");

    let response = app
        .post_json(
            "/api/v1/irritants",
            &json!({"titel": "Canola", "counterpart": "CN"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body["error"]["message"].as_str().unwrap().contains("titel"));

    let response = app
        .post_json(
            "/api/v1/irritants",
            &json!({"title": "Canola", "counterpart": "CN", "status": "resolved"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app.listed("").await.is_empty());
}

#[tokio::test]
async fn a_patch_with_a_stale_version_gets_409_and_changes_nothing() {
    let app = spawn_app().await;
    let path = app
        .api_path_of_new(json!({"title": "Tariff on peas", "counterpart": "CN"}))
        .await;

    let response = app
        .patch_json(&path, &json!({"version": 1, "priority": "high"}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let patched: serde_json::Value = response.json().await.unwrap();
    assert_eq!(patched["priority"], "high");
    assert_eq!(patched["version"], 2);
    assert_eq!(
        patched["title"], "Tariff on peas",
        "fields not sent are kept"
    );

    let response = app
        .patch_json(&path, &json!({"version": 1, "priority": "low"}))
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(response.headers()["x-current-version"], "2");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "version_conflict");
    assert_eq!(app.get_json(&path).await["priority"], "high");

    let response = app.patch_json(&path, &json!({"priority": "low"})).await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a PATCH must carry its version"
    );
}

#[tokio::test]
async fn a_patch_can_change_facts_and_status_together_under_the_status_rules() {
    let app = spawn_app().await;
    let path = app
        .api_path_of_new(json!({"title": "Tariff on pork", "counterpart": "CN"}))
        .await;

    let response = app
        .patch_json(
            &path,
            &json!({"version": 1, "status": "resolved", "status_date": today()}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body["error"]["fields"]["status_note"].is_string());
    assert_eq!(app.get_json(&path).await["status"], "open");

    let response = app
        .patch_json(
            &path,
            &json!({"version": 1, "team": "Pork desk", "status": "resolved", "status_date": today(), "status_note": "Tariff lifted"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let irritant: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        (irritant["team"].as_str(), irritant["status"].as_str()),
        (Some("Pork desk"), Some("resolved"))
    );
    assert_eq!(irritant["version"], 3);
}

#[tokio::test]
async fn a_patch_names_each_problem_by_its_own_field() {
    let app = spawn_app().await;
    let path = app
        .api_path_of_new(json!({"title": "Tariff on pork", "counterpart": "CN"}))
        .await;
    let too_long = "x".repeat(20_001);

    let response = app
        .patch_json(
            &path,
            &json!({"version": 1, "summary": too_long, "status": "resolved", "status_date": today(), "status_summary": "Lifted"}),
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = response.json().await.unwrap();
    let fields = body["error"]["fields"].as_object().unwrap();
    assert!(fields.contains_key("summary"), "{fields:?}");
    assert!(fields.contains_key("status_note"), "{fields:?}");
    assert!(!fields.contains_key("status_summary"), "{fields:?}");
}

#[tokio::test]
async fn progress_updates_are_added_and_listed_through_the_api() {
    let app = spawn_app().await;
    let path = format!(
        "{}/updates",
        app.api_path_of_new(json!({"title": "Seafood tariff", "counterpart": "CN"}))
            .await
    );

    let response = app.post_json(&path, &json!({"rag": "at_risk", "done": "Roundtable with exporters", "reported_on": "2025-11-28"})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let bad = app.post_json(&path, &json!({"rag": "amber"})).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let updates = app.get_json(&path).await;
    assert_eq!(updates.as_array().unwrap().len(), 1);
    assert_eq!(updates[0]["rag"], "at_risk");
    assert_eq!(updates[0]["author"], "Mina Manager");
    assert_eq!(
        app.post_json(
            "/api/v1/irritants/IRR-2025-0999/updates",
            &json!({"rag": "at_risk", "done": "x"})
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn api_errors_are_json_even_for_unknown_addresses() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/irritants/IRR-2025-0042").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    assert!(body["error"]["message"].is_string() && body["error"]["fields"].is_object());
    let response = app.get("/api/v1/nothing-here").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.json::<serde_json::Value>().await.unwrap()["error"].is_object());
}

#[tokio::test]
async fn the_openapi_document_describes_the_irritant_resources() {
    let app = spawn_app().await;
    let document = app.get_json("/api/v1/openapi.json").await;
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/irritants",
        "/api/v1/irritants/{reference}",
        "/api/v1/irritants/{reference}/updates",
    ] {
        assert!(document["paths"][path].is_object(), "{path}");
    }
    assert!(
        document["paths"]["/api/v1/irritants/{reference}"]["patch"]["responses"]["409"].is_object()
    );
    let irritant = &document["components"]["schemas"]["IrritantJson"]["properties"];
    for word in [
        "reference",
        "counterpart",
        "products",
        "status",
        "rag",
        "owner",
        "target_date",
        "version",
    ] {
        assert!(irritant[word].is_object(), "{word}");
    }
}

#[tokio::test]
async fn an_oversized_json_body_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let summary = "x".repeat(300 * 1024);
    let response = app
        .post_json(
            "/api/v1/irritants",
            &json!({"title": "Canola", "counterpart": "CN", "summary": summary}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "payload_too_large");
    assert!(app.listed("").await.is_empty());
}

#[tokio::test]
async fn product_codes_from_the_api_are_read_whole() {
    let app = spawn_app().await;
    for code in ["8703 80 00", "", "1.2.0.5"] {
        let response = app
            .post_json(
                "/api/v1/irritants",
                &json!({"title": "EVs", "counterpart": "CN", "products": [{"hs_code": code, "label": "Electric vehicles"}]}),
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{code:?}"
        );
        let body: serde_json::Value = response.json().await.unwrap();
        assert!(body["error"]["fields"]["products"].is_string());
    }
    assert!(app.listed("").await.is_empty());
}

#[tokio::test]
async fn status_details_without_a_status_are_refused_not_ignored() {
    let app = spawn_app().await;
    let path = app
        .api_path_of_new(json!({"title": "Tariff on peas", "counterpart": "CN"}))
        .await;
    let response = app
        .patch_json(&path, &json!({"version": 1, "titel": "Peas"}))
        .await;
    assert_eq!(
        response.status(),
        StatusCode::BAD_REQUEST,
        "an unknown field is named, not ignored"
    );
    let response = app
        .patch_json(&path, &json!({"version": 1, "status_note": "Lifted"}))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body["error"]["fields"]["status_note"].is_string());
    assert_eq!(app.get_json(&path).await["version"], 1);
}

#[tokio::test]
async fn a_json_body_that_is_not_utf8_is_refused() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/irritants"))
        .bearer_auth(&app.token)
        .header("content-type", "application/json")
        .body(b"{\"title\": \"Canola \xff\xfe\", \"counterpart\": \"CN\"}".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "malformed_json");
    assert!(app.listed("").await.is_empty());
}
