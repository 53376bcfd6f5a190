use std::time::Duration;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_demo_loads_once_into_an_empty_register_with_its_links_updates_and_milestones() {
    let app = spawn_app().await;
    let url = app.database.url().to_owned();
    let loaded = tokio::task::spawn_blocking(move || {
        let (pool, _) =
            irritrack::db::connect(&url, 2, Duration::from_secs(5)).expect("the database opens");
        let first = irritrack::demo::load(&pool).expect("the demo loads");
        let second = irritrack::demo::load(&pool).expect("a second load is harmless");
        (first, second)
    })
    .await
    .unwrap();

    assert_eq!(loaded, (Some(7), None));
    let canola = "IRR-2025-0001";
    assert_eq!(
        app.irritant(canola).await["title"],
        "Anti-dumping duties on Canadian canola seed"
    );
    let page = app.get_text(&format!("/irritants/{canola}")).await;
    assert!(page.contains("Retaliation for"), "linked to the EV surtax");
    assert!(page.contains("Vice-ministerial meeting on canola"));
    assert!(page.contains("Provincial and industry partners briefed"));
    assert_eq!(
        app.listed("status=resolved_in_part").await.len(),
        1,
        "the pork listings"
    );
    let ev_page = app.get_text("/irritants/IRR-2025-0006").await;
    assert!(ev_page.contains("Answered by the retaliation"));
    // The leaders' readout behind them is among the sources.
    let sources = app.get_text("/sources").await;
    assert!(sources.contains("Prime Minister Carney meets with President"));
    assert!(sources.contains("Chinese (traditional), English"));
    // Its directive mandates the irritants it names, and those it covers in general.
    let canola_page = app.get_text(&format!("/irritants/{canola}")).await;
    assert!(canola_page.contains("Mandated by"));
    assert!(canola_page.contains("Both leaders directed their officials"));
    let steel = crate::html::Page::parse(&app.get_text("/irritants/IRR-2025-0007").await);
    assert!(
        !steel.has("section.mandates figure.mandate"),
        "steel is not in the directive"
    );
}

#[tokio::test]
async fn each_demonstration_owner_may_update_what_they_own() {
    let app = spawn_app().await;
    let url = app.database.url().to_owned();
    let loaded = tokio::task::spawn_blocking(move || {
        let (pool, _) =
            irritrack::db::connect(&url, 2, Duration::from_secs(5)).expect("the database opens");
        irritrack::demo::load(&pool).expect("the demo loads")
    })
    .await
    .unwrap();
    assert_eq!(loaded, Some(7));
    let viewer_owns = app
        .listed("owner=priya.natarajan%40irritrack.example")
        .await;
    assert!(viewer_owns.is_empty(), "the viewer owns {viewer_owns:?}");
}
