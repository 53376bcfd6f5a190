use reqwest::StatusCode;

use crate::helpers::{canola, spawn_app, with};
use crate::html::Page;

#[tokio::test]
async fn an_official_records_an_irritant_and_finds_it_on_its_page_and_in_the_list() {
    let app = spawn_app().await;
    let form = app.get_text("/irritants/new").await;
    let form = Page::parse(&form);
    assert!(
        form.has(r#"label[for="field-title"]"#) && form.has(r#"input#field-title[name="title"]"#)
    );

    let reference = app.record_irritant(&canola()).await;

    assert!(
        reference.starts_with("IRR-") && reference.ends_with("-0001"),
        "{reference}"
    );
    let page = app
        .get_text(&format!("/irritants/{reference}?notice=created"))
        .await;
    assert!(page.contains("Anti-dumping duties on Canadian canola seed"));
    assert!(page.contains("The irritant is recorded."));
    assert!(page.contains("1205.10") && page.contains("Low erucic acid rape or colza seeds"));
    assert!(page.contains("Agriculture and Agri-Food Canada (AAFC)"));
    let list = app.get_text("/irritants").await;
    assert!(list.contains(&reference) && list.contains("Showing 1–1 of 1 irritants"));
}

#[tokio::test]
async fn references_are_numbered_in_order_and_never_reused() {
    let app = spawn_app().await;
    let first = app.record_irritant(&canola()).await;
    let second = app
        .record_irritant(&with(canola(), &[("title", "Tariff on peas")]))
        .await;
    assert!(
        first.ends_with("-0001") && second.ends_with("-0002"),
        "{first} {second}"
    );
}

#[tokio::test]
async fn a_form_with_bad_input_is_refused_field_by_field_keeping_what_was_typed() {
    let app = spawn_app().await;
    let bad = with(
        canola(),
        &[
            ("title", "  "),
            ("counterpart", "ZZ"),
            ("products", "1205.10 Canola\n12x Oil"),
            ("target_date", "0202-03-09"),
            ("trade_value_amount", "lots"),
        ],
    );

    let response = app.post_form("/irritants", &bad).await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    let form = Page::parse(&page);
    assert!(
        form.text("#error-summary-title")
            .contains("There is a problem with what was entered")
    );
    let error = |field: &str| form.field_error(field).unwrap_or_default();
    assert_eq!(error("field-title"), "Enter a value.", "empty title");
    assert!(
        error("field-counterpart").contains("is not an ISO 3166 country code"),
        "unknown counterpart"
    );
    assert!(
        error("field-products").contains("Line 2: “12x” is not an HS code"),
        "malformed HS code"
    );
    assert!(
        error("field-target_date").contains("Give a date between 1990 and 2100."),
        "absurd date"
    );
    assert!(
        error("field-trade_value_amount").contains("“lots” is not an amount"),
        "bad amount"
    );
    assert!(
        form.field_error("field-trade_value_year").is_some(),
        "a trade value needs its year"
    );
    assert!(
        form.hrefs(".error-summary a")
            .contains(&"#field-title".to_owned()),
        "the summary links to the field"
    );
    assert!(
        page.contains("0202-03-09") && page.contains("12x Oil"),
        "the input is kept"
    );
    assert!(page.contains(r#"aria-invalid="true""#));
    assert_eq!(app.listed("").await.len(), 0, "nothing is stored");
}

#[tokio::test]
async fn editing_an_irritant_records_each_change_in_plain_words() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let edit = app.get_text(&format!("/irritants/{reference}/edit")).await;
    assert!(edit.contains(r#"name="version" value="1""#));

    let edited = with(
        canola(),
        &[
            ("version", "1"),
            ("priority", "high"),
            ("target_date", "2026-06-30"),
            ("slip_reason", "The ministerial meeting moved to June"),
        ],
    );
    let response = app
        .post_form(&format!("/irritants/{reference}/edit"), &edited)
        .await;

    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let irritant = app.irritant(&reference).await;
    assert_eq!(irritant["priority"], "high");
    assert_eq!(irritant["target_date"], "2026-06-30");
    assert_eq!(irritant["version"], 2);
    let history = app
        .get_text(&format!("/irritants/{reference}/history"))
        .await;
    assert!(
        history.contains("Priority changed from Leaders to High"),
        "{history}"
    );
    assert!(history.contains("Target resolution date changed from 2026-03-09 to 2026-06-30"));
    assert!(history.contains("Irritant recorded: Anti-dumping duties on Canadian canola seed"));
    assert!(history.contains("Mina Manager"), "the actor is named");
}

#[tokio::test]
async fn saving_an_unchanged_form_changes_nothing() {
    let app = spawn_app().await;
    let reference = app.record_irritant(&canola()).await;
    let response = app
        .post_form(
            &format!("/irritants/{reference}/edit"),
            &with(canola(), &[("version", "1")]),
        )
        .await;
    assert_eq!(
        response.headers()["location"],
        format!("/irritants/{reference}?notice=unchanged").as_str()
    );
    assert_eq!(app.irritant(&reference).await["version"], 1);
}

#[tokio::test]
async fn hostile_text_is_shown_as_text_never_as_markup() {
    let app = spawn_app().await;
    let title = r#"<script>alert("x")</script> 关税 « l'été »"#;
    let reference = app
        .record_irritant(&with(canola(), &[("title", title)]))
        .await;
    let page = app.get_text(&format!("/irritants/{reference}")).await;
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 关税 « l'été »"));
}

#[tokio::test]
async fn the_irritant_page_marks_a_passed_target_date_as_overdue() {
    let app = spawn_app().await;
    let reference = app
        .record_irritant(&with(canola(), &[("target_date", "2020-01-31")]))
        .await;
    let page = app.get_text(&format!("/irritants/{reference}")).await;
    let page = Page::parse(&page);
    assert!(
        page.texts("span.overdue")
            .iter()
            .any(|t| t.contains("Overdue"))
    );
}

#[tokio::test]
async fn irritants_are_linked_to_each_other_and_shown_both_ways() {
    let app = spawn_app().await;
    let seed = app.record_irritant(&canola()).await;
    let ev = app
        .record_irritant(&with(
            canola(),
            &[
                ("title", "Surtax on electric vehicles made in China"),
                ("direction", "our_measure"),
            ],
        ))
        .await;
    let links = format!("/irritants/{seed}/links");
    for (fields, problem) in [
        (
            vec![("linked", seed.as_str()), ("kind", "related")],
            "cannot be linked to itself",
        ),
        (
            vec![("linked", "IRR-2020-0999"), ("kind", "related")],
            "No irritant has the reference",
        ),
        (
            vec![("linked", ev.as_str()), ("kind", "cousin")],
            "Choose one of the listed values",
        ),
    ] {
        let response = app.post_form(&links, &fields).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{problem}"
        );
        let page = response.text().await.unwrap();
        assert!(page.contains(problem), "{problem}");
        assert!(
            page.contains(&format!(r#"value="{}""#, fields[0].1)),
            "kept"
        );
    }
    let response = app
        .post_form(
            &links,
            &[("linked", ev.as_str()), ("kind", "retaliation_for")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let again = app
        .post_form(
            &format!("/irritants/{ev}/links"),
            &[("linked", seed.as_str()), ("kind", "related")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.text().await.unwrap().contains("linked already"));
    let from_canola = app.get_text(&format!("/irritants/{seed}")).await;
    assert!(from_canola.contains("Retaliation for") && from_canola.contains(&ev));
    let from_ev = app.get_text(&format!("/irritants/{ev}")).await;
    assert!(from_ev.contains("Answered by the retaliation") && from_ev.contains(&seed));
    let viewer = app.session_as("viewer").await;
    let refused = viewer
        .post_form(&links, &[("linked", ev.as_str()), ("kind", "related")])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // A link made by mistake is removed from either end, on the record of both.
    let remove = format!("/irritants/{ev}/links/{seed}/remove");
    let refused = viewer.post_form(&remove, &[]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(from_ev.contains(&format!(r#"action="{remove}""#)));
    let removed = app.post_form(&remove, &[]).await;
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    let page = app.get_text(&format!("/irritants/{seed}")).await;
    let page = Page::parse(&page);
    assert!(
        page.attributes("form", "action")
            .iter()
            .all(|a| !a.ends_with(&format!("/links/{ev}/remove")))
    );
    assert!(
        !page
            .hrefs("ul.links a")
            .contains(&format!("/irritants/{ev}"))
    );
    let history = app.get_text(&format!("/irritants/{seed}/history")).await;
    assert!(history.contains(&format!("No longer linked to {ev}: Retaliation for")));
    let history = app.get_text(&format!("/irritants/{ev}/history")).await;
    assert!(history.contains(&format!(
        "No longer linked to {seed}: Answered by the retaliation"
    )));
    let gone = app.post_form(&remove, &[]).await;
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}
