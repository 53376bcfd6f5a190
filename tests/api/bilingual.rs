//! Content in both official languages: an irritant's title and summary and a progress
//! update's text, written in one language with a rendering in the other, reach each reader in
//! theirs, on pages, lists, reports, briefs and files; and the original, where there is no
//! rendering, is marked with its language.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::html::Page;

const ENGLISH_TITLE: &str = "Import ban on Canadian pet food";
const FRENCH_TITLE: &str = "Interdiction d'importer des aliments canadiens pour animaux";

/// Records an irritant written in English with a French title and summary, and a progress
/// update with French text; returns its reference.
async fn recorded_in_both(app: &TestApp) -> String {
    let reference = app
        .record_irritant(&with(
            canola(),
            &[
                ("title", ENGLISH_TITLE),
                ("summary", "Shipments held at the border since June."),
                ("language", "en"),
                ("title_translation", FRENCH_TITLE),
                (
                    "summary_translation",
                    "Les envois sont retenus à la frontière depuis juin.",
                ),
            ],
        ))
        .await;
    let update = app
        .post_form(
            &format!("/irritants/{reference}/updates"),
            &[
                ("reported_on", &today()),
                ("rag", "at_risk"),
                ("language", "en"),
                ("done", "Sent the certificates to the customs office."),
                ("next_steps", "Ask for a technical meeting."),
                (
                    "done_translation",
                    "Certificats envoyés au bureau des douanes.",
                ),
                (
                    "next_steps_translation",
                    "Demander une rencontre technique.",
                ),
            ],
        )
        .await;
    assert_eq!(update.status(), StatusCode::SEE_OTHER);
    reference
}

/// Posts the irritant's edit form with `fields`, from the version now stored.
async fn edit_irritant(
    app: &TestApp,
    reference: &str,
    fields: Vec<(&str, &str)>,
) -> reqwest::Response {
    let edit = app.get_text(&format!("/irritants/{reference}/edit")).await;
    let (version, base) = (hidden(&edit, "version"), hidden(&edit, "base"));
    let fields = with(fields, &[("version", &version), ("base", &base)]);
    app.post_form(&format!("/irritants/{reference}/edit"), &fields)
        .await
}

#[tokio::test]
async fn each_reader_sees_their_language_and_the_original_is_marked_where_there_is_none() {
    let app = spawn_app().await;
    let reference = recorded_in_both(&app).await;
    let untranslated = app.record_irritant(&canola()).await;

    let english = Page::parse(&app.get_text(&format!("/irritants/{reference}")).await);
    assert_eq!(english.text("h1"), ENGLISH_TITLE);
    assert!(english.text("ol.updates").contains("Sent the certificates"));
    // The other language's version is there for those who check it.
    assert!(
        english
            .text("details.other-language")
            .contains(FRENCH_TITLE)
    );

    app.get("/language?to=fr&back=/").await;
    let french = Page::parse(&app.get_text(&format!("/irritants/{reference}")).await);
    assert_eq!(french.text("h1"), FRENCH_TITLE);
    assert!(french.attributes("h1", "lang").is_empty(), "the page's own");
    assert!(
        french
            .text("#summary-heading + p")
            .contains("retenus à la frontière")
    );
    let updates = french.text("ol.updates");
    assert!(updates.contains("Certificats envoyés") && updates.contains("rencontre technique"));

    // In the list, the translated title in French; the other in English, marked as such.
    let list = app.get_text("/irritants?sort=title").await;
    assert!(list.contains(FRENCH_TITLE));
    assert!(list.contains(r#"<span lang="en">Anti-dumping duties on Canadian canola seed</span>"#));
    let other = Page::parse(&app.get_text(&format!("/irritants/{untranslated}")).await);
    assert_eq!(other.attributes("h1", "lang"), ["en"]);

    // The brief and its Word document, in French.
    let brief = Page::parse(&app.get_text(&format!("/irritants/{reference}/brief")).await);
    assert!(brief.text("h1").contains(FRENCH_TITLE));
    assert!(
        brief
            .text("h2#brief-next + p")
            .contains("rencontre technique")
    );
    assert!(
        brief
            .text("ul.developments")
            .contains("Certificats envoyés")
    );
    let docx = app
        .get(&format!("/irritants/{reference}/brief.docx"))
        .await
        .bytes()
        .await
        .unwrap();
    let text = crate::briefs::document_text(&docx);
    assert!(text.contains(FRENCH_TITLE), "{text}");
}

#[tokio::test]
async fn reports_and_files_carry_both_languages() {
    let app = spawn_app().await;
    let reference = recorded_in_both(&app).await;
    let period = format!("from=2025-01-01&to={}", today());

    let report = app
        .get_json(&format!("/reports/progress?{period}&format=json"))
        .await;
    let row = &report["groups"][0]["irritants"][0];
    assert_eq!(row["reference"], reference.as_str());
    assert_eq!(row["language"], "en");
    assert_eq!(row["title_translation"], FRENCH_TITLE);
    assert_eq!(
        row["next_steps_translation"],
        "Demander une rencontre technique."
    );
    assert_eq!(
        row["updates"][0]["done_translation"],
        "Certificats envoyés au bureau des douanes."
    );

    app.get("/language?to=fr&back=/").await;
    let page = app.get_text(&format!("/reports/progress?{period}")).await;
    assert!(page.contains(FRENCH_TITLE) && page.contains("Certificats envoyés"));
    let csv = app
        .get(&format!("/reports/progress?{period}&format=csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains(FRENCH_TITLE), "{csv}");

    // The register's own files keep both, each in its column.
    let csv = app
        .get("/exports/irritants.csv")
        .await
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(&csv.as_bytes()[3..]);
    let headers = reader.headers().unwrap().clone();
    let record = reader.records().next().unwrap().unwrap();
    let column = |heading: &str| {
        let at = headers.iter().position(|h| h == heading).unwrap();
        record[at].to_owned()
    };
    assert_eq!(column("Titre"), ENGLISH_TITLE);
    assert_eq!(column("Titre dans l'autre langue officielle"), FRENCH_TITLE);
    assert_eq!(column("Langue"), "anglais");
}

#[tokio::test]
async fn the_api_reads_and_writes_both_languages_and_refuses_another() {
    let app = spawn_app().await;
    let created = app
        .create_via_api(json!({
            "title": "Interdiction visant le bœuf canadien", "counterpart": "CN",
            "language": "fr", "title_translation": "Ban on Canadian beef",
        }))
        .await;
    assert_eq!(created["language"], "fr");
    assert_eq!(created["title_translation"], "Ban on Canadian beef");
    let path = format!(
        "/api/v1/irritants/{}",
        created["reference"].as_str().unwrap()
    );

    let changed = app
        .patch_json(
            &path,
            &json!({"version": created["version"], "summary_translation": "Beef held at port."}),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let stored = app.get_json(&path).await;
    assert_eq!(stored["summary_translation"], "Beef held at port.");
    assert_eq!(
        stored["language"], "fr",
        "untouched by a change that does not name it"
    );

    // An English reader is given the English rendering of a French original.
    let page = app
        .get_text(&format!(
            "/irritants/{}",
            created["reference"].as_str().unwrap()
        ))
        .await;
    assert_eq!(Page::parse(&page).text("h1"), "Ban on Canadian beef");

    let refused = app
        .post_json(
            "/api/v1/irritants",
            &json!({"title": "Duties", "counterpart": "CN", "language": "de"}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert!(body.to_string().contains("language"), "{body}");

    let update = app
        .post_json(
            &format!("{path}/updates"),
            &json!({"rag": "on_track", "language": "fr", "done": "Réunion tenue.",
                    "done_translation": "Meeting held."}),
        )
        .await;
    assert_eq!(update.status(), StatusCode::CREATED);
    let updates = app.get_json(&format!("{path}/updates")).await;
    assert_eq!(updates[0]["language"], "fr");
    assert_eq!(updates[0]["done_translation"], "Meeting held.");
}

#[tokio::test]
async fn a_bad_rendering_is_refused_beside_its_field_and_changes_are_kept_in_the_history() {
    let app = spawn_app().await;
    let too_long = "x".repeat(201);
    let response = app
        .post_form(
            "/irritants",
            &with(
                canola(),
                &[("title_translation", &too_long), ("language", "zh")],
            ),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&response.text().await.unwrap());
    assert!(page.field_error("field-title_translation").is_some());
    assert!(page.field_error("field-language").is_some());
    assert_eq!(
        page.attributes("#field-title_translation", "value"),
        [too_long.as_str()],
        "what was typed is kept"
    );

    let reference = app.record_irritant(&canola()).await;
    let translated = with(
        canola(),
        &[("title_translation", "Droits antidumping sur le canola")],
    );
    let saved = edit_irritant(&app, &reference, translated.clone()).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);

    // A form that leaves the language out is refused, rather than taken to be English: the
    // irritant might be written in French.
    let without_language = canola()
        .into_iter()
        .filter(|(name, _)| *name != "language")
        .collect();
    let refused = edit_irritant(&app, &reference, without_language).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&refused.text().await.unwrap());
    assert!(page.field_error("field-language").is_some());

    let in_french = with(translated, &[("language", "fr")]);
    let saved = edit_irritant(&app, &reference, in_french).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert!(history.contains("Title in the other official language"));
    assert!(history.contains("Droits antidumping sur le canola"));
    assert!(
        history.contains("from English to French"),
        "languages in words"
    );
}

#[tokio::test]
async fn a_document_s_french_title_is_taken_from_its_french_version_or_given() {
    let app = spawn_app().await;
    let readout = "Ministers discuss seed trade\n\nMarch 3, 2026\nOttawa\n\n\
                   The ministers instructed their officials to settle the seed issue.\n\n\
                   Les ministres discutent du commerce des semences\n\n3 mars 2026\nOttawa\n\n\
                   Les ministres ont chargé leurs fonctionnaires de régler la question des semences.\n";
    let created = app
        .post_json("/api/v1/sources", &json!({"text": readout}))
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let source: serde_json::Value = created.json().await.unwrap();
    assert_eq!(source["title"], "Ministers discuss seed trade");
    assert_eq!(
        source["title_fr"],
        "Les ministres discutent du commerce des semences"
    );

    // A title for French readers can be given by hand, and is refused on two lines.
    let path = format!("/sources/{}", source["id"].as_str().unwrap());
    let edit = app.get_text(&format!("{path}/edit")).await;
    let fields = |title_fr: &'static str| {
        vec![
            ("title", "Ministers discuss seed trade"),
            ("title_fr", title_fr),
            ("kind", "leaders_readout"),
            ("issued_on", "2026-03-03"),
        ]
    };
    assert!(edit.contains("Les ministres discutent du commerce des semences"));
    let refused = app
        .post_form(&format!("{path}/edit"), &fields("Deux\nlignes"))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&refused.text().await.unwrap());
    assert!(
        page.field_error("field-title_fr").is_some(),
        "beside its field"
    );
    assert_eq!(
        page.attributes("#field-title_fr", "value"),
        ["Deux\nlignes"],
        "what was typed is kept"
    );
    let saved = app
        .post_form(&format!("{path}/edit"), &fields("Commerce des semences"))
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    app.get("/language?to=fr&back=/").await;
    let page = Page::parse(&app.get_text(&path).await);
    assert_eq!(page.text("h1"), "Commerce des semences");
    let list = app.get_text("/sources").await;
    assert!(list.contains("Commerce des semences"));
}
