//! English and French: the browser's preference on a first visit, the toggle that keeps the
//! page and is remembered, and every kind of message in the chosen language.

use irritrack::i18n::Locale;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, LOCATION, SET_COOKIE};

use crate::helpers::*;

fn lang_of(page: &str) -> &str {
    let start = page
        .find("<html lang=\"")
        .expect("an html element with lang")
        + 12;
    &page[start..start + page[start..].find('"').unwrap()]
}

/// The page at `url`, asked for by a browser that prefers `languages`.
async fn page_preferring(client: &reqwest::Client, url: &str, languages: &str) -> String {
    client
        .get(url)
        .header(ACCEPT_LANGUAGE, languages)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_first_visit_follows_the_browser_s_language() {
    let app = spawn_app().await;
    let client = client();
    let french = page_preferring(&client, &app.url("/login"), "fr-CA,fr;q=0.9,en;q=0.5").await;
    assert_eq!(lang_of(&french), "fr");
    assert!(french.contains(&*Locale::french().t("sign-in-title")));
    assert!(french.contains(r#"lang="en" hreflang="en">English</a>"#));

    let english = page_preferring(&client, &app.url("/login"), "de-DE,en;q=0.8,fr;q=0.2").await;
    assert_eq!(lang_of(&english), "en");
    assert!(english.contains(r#"lang="fr" hreflang="fr">Français</a>"#));
}

#[tokio::test]
async fn the_toggle_returns_to_the_same_page_and_the_choice_outlasts_the_browser_s() {
    let app = spawn_app().await;
    app.record_irritant(&canola()).await;
    let officer = app.session_as("officer").await;
    let list = officer
        .get("/irritants?counterpart=CN&sort=title")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(lang_of(&list), "en");
    let toggle = "/language?to=fr&amp;back=%2Firritants%3Fcounterpart%3DCN%26sort%3Dtitle";
    assert!(list.contains(toggle), "the toggle names the page it is on");

    let chosen = officer.get(&toggle.replace("&amp;", "&")).await;
    assert_eq!(chosen.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        chosen.headers()[LOCATION],
        "/irritants?counterpart=CN&sort=title"
    );
    let cookie = chosen.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("irritrack-language=fr"), "{cookie}");
    assert!(
        cookie.contains("Max-Age=31536000"),
        "remembered for a year: {cookie}"
    );

    // Remembered, and it wins over what the browser says it prefers.
    let url = officer.address.clone() + "/irritants?counterpart=CN&sort=title";
    let page = page_preferring(&officer.client, &url, "en").await;
    assert_eq!(lang_of(&page), "fr");
    assert!(page.contains(&*Locale::french().t("nav-irritants")));
    assert!(page.contains("Chine"), "country names in French");
}

#[tokio::test]
async fn the_toggle_only_ever_returns_to_this_site() {
    let app = spawn_app().await;
    let client = client();
    for back in [
        "//elsewhere.example/",
        "https://elsewhere.example/",
        "/\\elsewhere.example",
        "/\t/elsewhere.example",
        "/irritants\r\nSet-Cookie: x=y",
        "",
    ] {
        let response = client
            .get(app.url(&format!(
                "/language?{}",
                serde_urlencoded::to_string([("to", "fr"), ("back", back)]).unwrap()
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{back}");
        assert_eq!(response.headers()[LOCATION], "/", "{back}");
    }
    let unknown = client
        .get(app.url("/language?to=de&back=/"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    // In French: the requests above chose it.
    assert!(
        unknown
            .text()
            .await
            .unwrap()
            .contains(&*Locale::french().t("problem-language-unknown"))
    );
}

#[tokio::test]
async fn a_refused_form_explains_itself_in_french_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let officer = app.session_as("officer").await;
    officer.get("/language?to=fr&back=/").await;
    let fields = with(
        canola(),
        &[
            ("target_date", "31/12/2026"),
            ("trade_value_amount", "1 250 000,50"),
            ("trade_value_year", "2024"),
            ("trade_value_source", "Statistique Canada"),
        ],
    );
    let response = officer.post_form("/irritants", &fields).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert_eq!(lang_of(&page), "fr");
    assert!(page.contains(&*Locale::french().t("form-error-summary")));
    let message = Locale::french().t_with("error-invalid-date", &[("value", "31/12/2026".into())]);
    assert!(
        page.contains(&maud::html! { (message) }.into_string()),
        "the date's error in French"
    );
    assert!(page.contains(r#"value="31/12/2026""#), "the date as typed");
    assert!(
        page.contains(r#"value="1 250 000,50""#),
        "the amount as typed"
    );

    // The amount typed the French way is read as meant, and shown the French way.
    let fields = with(
        canola(),
        &[
            ("trade_value_amount", "1 250 000,50"),
            ("trade_value_year", "2024"),
            ("trade_value_source", "Statistique Canada"),
        ],
    );
    let created = officer.post_form("/irritants", &fields).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let reference = reference_from(&created);
    let stored = app.irritant(&reference).await;
    assert_eq!(stored["trade_value"]["amount_cad"], "1250000.50");
    let page = officer
        .get(&format!("/irritants/{reference}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("1\u{a0}250\u{a0}000,50\u{a0}$ CA"),
        "the amount the French way"
    );
}

#[tokio::test]
async fn api_errors_answer_in_the_language_asked_for() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/irritants"))
        .bearer_auth(&app.token)
        .header(ACCEPT_LANGUAGE, "fr")
        .json(&serde_json::json!({ "title": "" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body["error"]["message"],
        *Locale::french().t("problem-invalid")
    );
    assert_eq!(
        body["error"]["fields"]["title"],
        *Locale::french().t("error-required")
    );
}
