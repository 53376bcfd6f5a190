//! Saved views: kept under a name from the list, opened at their own address, personal or
//! shared, changed by their owner only; and followed, with what enters, changes within or
//! leaves a view told to its followers as each chose.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Session, TestApp, email_of, spawn_app};
use crate::html::Page;
use crate::notifications::{PATIENCE, QUIET, mailing_app, notify_run, unsubscribe_link};
use crate::smtp::SmtpSink;

/// Saves a view as `session`; the address it is kept at.
async fn save_view(session: &Session, name: &str, query: &str, shared: bool) -> String {
    let mut fields = vec![("name", name), ("query", query)];
    if shared {
        fields.push(("shared", "true"));
    }
    let response = session.post_form("/views", &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.ends_with("?notice=saved"), "{location}");
    location.trim_end_matches("?notice=saved").to_owned()
}

async fn page_of(session: &Session, path: &str) -> (StatusCode, Page) {
    let response = session.get(path).await;
    let status = response.status();
    (status, Page::parse(&response.text().await.unwrap()))
}

async fn create(app: &TestApp, title: &str, counterpart: &str) -> String {
    let created = app
        .create_via_api(json!({"title": title, "counterpart": counterpart, "sector": "agri-food"}))
        .await;
    created["reference"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_view_keeps_the_list_at_an_address_of_its_own_and_is_private_unless_shared() {
    let app = spawn_app().await;
    let canola = create(&app, "Duties on canola", "CN").await;
    create(&app, "Tariff on lobster", "US").await; // outside the view
    let officer = app.session_as("officer").await;

    // The list offers to save itself, with its filters and columns as the list writes them.
    let (_, list) = page_of(&officer, "/irritants?counterpart=China&columns=status").await;
    let query = list.attributes(".save-view form input[name=query]", "value");
    assert_eq!(query, ["counterpart=CN&columns=status"]);

    let address = save_view(&officer, "My China file", &query[0], false).await;
    let (status, view) = page_of(&officer, &format!("{address}?notice=saved")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view.text("h1"), "My China file");
    assert!(view.text(".notice").contains("The view was saved"));
    let listed = view.texts("table.irritants tbody td a");
    assert_eq!(listed, [canola]);
    assert_eq!(
        view.texts("table.irritants th").len(),
        4,
        "box, reference, title, status"
    );
    assert!(view.text(".view-bar").contains("Personal"));
    // The navigation offers it to its owner.
    assert_eq!(view.hrefs(".nav-views li a")[0], address);

    // Private: nobody else sees or finds it.
    let manager = app.session_as("manager").await;
    assert_eq!(page_of(&manager, &address).await.0, StatusCode::NOT_FOUND);
    let (_, views) = page_of(&manager, "/views").await;
    assert!(!views.text("main").contains("My China file"));

    // A second view of the same name is refused next to the name, the input kept.
    let again = officer
        .post_form(
            "/views",
            &[("name", "my china FILE"), ("query", "status=open")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::parse(&again.text().await.unwrap());
    assert!(
        refused
            .field_error("field-name")
            .unwrap()
            .contains("a view of this name already")
    );
    assert_eq!(
        refused.attributes("input[name=name]", "value"),
        ["my china FILE"]
    );
    assert_eq!(
        refused.attributes("input[name=query]", "value"),
        ["status=open"]
    );

    // Hostile input: a query the list would refuse, and a name with control characters.
    let hostile = officer
        .post_form(
            "/views",
            &[
                ("name", "x\u{7}y"),
                ("query", "status=<script>alert(1)</script>"),
            ],
        )
        .await;
    assert_eq!(hostile.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = hostile.text().await.unwrap();
    assert!(!body.contains("<script>alert"));
    let refused = Page::parse(&body);
    assert!(
        refused
            .text("main")
            .contains("These filters cannot be read")
    );
    assert!(refused.field_error("field-name").is_some());

    // Shared, it is everyone's to open and follow, but still only its owner's to change.
    let fields = [
        ("name", "China, shared"),
        ("shared", "true"),
        ("query", "counterpart=CN"),
    ];
    let response = officer.post_form(&address, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, seen) = page_of(&manager, &address).await;
    assert_eq!(status, StatusCode::OK);
    assert!(seen.text(".view-bar").contains("Shared by Olu Officer"));
    assert!(!seen.has(".change-view"), "only the owner changes it");
    let taken = manager
        .post_form(&address, &[("name", "Mine now"), ("query", "")])
        .await;
    assert_eq!(taken.status(), StatusCode::FORBIDDEN);
    let deleted = manager.post_form(&format!("{address}/delete"), &[]).await;
    assert_eq!(deleted.status(), StatusCode::FORBIDDEN);
    let (_, views) = page_of(&manager, "/views").await;
    assert_eq!(views.texts("tbody td a"), ["China, shared"]);

    // Changing the filters from the view's page offers to save them back to it.
    let (_, changed) = page_of(
        &officer,
        &format!("/irritants?counterpart=US&view={}", &address[7..]),
    )
    .await;
    assert!(
        changed
            .text(".save-view")
            .contains("Save these filters to “China, shared”")
    );

    let gone = officer.post_form(&format!("{address}/delete"), &[]).await;
    assert_eq!(gone.status(), StatusCode::SEE_OTHER);
    assert_eq!(page_of(&officer, &address).await.0, StatusCode::NOT_FOUND);

    // An administrator may remove another's shared view, and the security log says so.
    let shared = save_view(&officer, "Everyone's China", "counterpart=CN", true).await;
    let admin = app.session_as("admin").await;
    let removed = admin.post_form(&format!("{shared}/delete"), &[]).await;
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    assert_eq!(page_of(&officer, &shared).await.0, StatusCode::NOT_FOUND);
    let log = admin.get("/admin/security").await.text().await.unwrap();
    assert!(log.contains("View deleted"), "{log}");
    assert!(log.contains("Everyone&#39;s China") || log.contains("Everyone's China"));
}

#[tokio::test]
async fn a_follower_is_told_what_entered_changed_and_left_once_each_as_they_chose() {
    let sink = SmtpSink::start();
    let app = mailing_app(&sink).await;
    let canola = create(&app, "Duties on canola", "CN").await;
    let pork = create(&app, "Tariff on pork", "CN").await;
    let lobster = create(&app, "Tariff on lobster", "US").await;
    let manager = app.session_as("manager").await;
    let address = save_view(&manager, "China", "counterpart=CN", true).await;

    let officer = app.session_as("officer").await;
    let refused = officer
        .post_form(&format!("{address}/follow"), &[("delivery", "off")])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let follow = officer
        .post_form(&format!("{address}/follow"), &[("delivery", "immediate")])
        .await;
    assert_eq!(follow.status(), StatusCode::SEE_OTHER);
    let (_, view) = page_of(&officer, &address).await;
    assert!(
        view.text(".view-bar")
            .contains("You follow this view: By e-mail at once")
    );
    assert!(view.text(".view-bar").contains("1 follower"));

    // Nothing has happened yet: what the view held when followed is not news.
    let output = notify_run(&app, &sink, None).await;
    assert!(output.contains("0 followers of views"), "{output}");

    let soy = create(&app, "Ban on soybeans", "CN").await;
    let version = app.irritant(&canola).await["version"].clone();
    let edit = json!({"version": version, "title": "Duties on canola seed and meal"});
    let path = format!("/api/v1/irritants/{canola}");
    assert_eq!(app.patch_json(&path, &edit).await.status(), StatusCode::OK);
    let version = app.irritant(&pork).await["version"].clone();
    let moved = json!({"version": version, "counterpart": "JP"});
    let path = format!("/api/v1/irritants/{pork}");
    assert_eq!(app.patch_json(&path, &moved).await.status(), StatusCode::OK);
    let version = app.irritant(&lobster).await["version"].clone();
    let elsewhere = json!({"version": version, "title": "Tariff on live lobster"});
    let path = format!("/api/v1/irritants/{lobster}");
    assert_eq!(
        app.patch_json(&path, &elsewhere).await.status(),
        StatusCode::OK
    );

    let before = sink.received().len();
    let output = notify_run(&app, &sink, None).await;
    assert!(output.contains("1 followers of views"), "{output}");
    let mails = sink.wait_for(before + 1, PATIENCE).await;
    let told = mails.last().unwrap();
    assert_eq!(told.to, [email_of("officer")]);
    let text = told.text();
    assert!(
        text.contains("In your view “China”: 1 new, 1 changed, 1 gone"),
        "{text}"
    );
    for reference in [&soy, &canola, &pork] {
        assert!(text.contains(reference.as_str()), "{reference} in {text}");
    }
    assert!(!text.contains(lobster.as_str()), "outside the view: {text}");
    assert!(text.contains(&address), "{text}");

    // Told once: the next look finds nothing new; the owner, who does not follow, hears nothing.
    let output = notify_run(&app, &sink, None).await;
    assert!(output.contains("0 followers of views"), "{output}");
    let (_, centre) = page_of(&manager, "/notifications").await;
    assert!(!centre.text("main").contains("In your view"));

    // The mail's unsubscribe link turns the view's e-mail off as well: the follower is still
    // told, in the application only.
    let link = unsubscribe_link(&app, told);
    let done = crate::helpers::client()
        .post(&link)
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    let (_, view) = page_of(&officer, &address).await;
    assert!(
        view.text(".view-bar")
            .contains("You follow this view: In the application only"),
        "{}",
        view.text(".view-bar")
    );
    create(&app, "Levy on canola oil", "CN").await;
    let before = sink.received().len();
    let output = notify_run(&app, &sink, None).await;
    assert!(output.contains("1 followers of views"), "{output}");
    assert_eq!(sink.settle(QUIET).await.len(), before, "no e-mail now");
    let (_, centre) = page_of(&officer, "/notifications").await;
    let in_app = centre.texts("ol.notifications li a");
    let of_view = in_app.iter().filter(|text| text.contains("In your view"));
    assert_eq!(of_view.count(), 2, "{in_app:?}");

    // Unfollowed, the view tells nobody.
    let stop = officer.post_form(&format!("{address}/unfollow"), &[]).await;
    assert_eq!(stop.status(), StatusCode::SEE_OTHER);
    create(&app, "Levy on canola meal", "CN").await;
    let output = notify_run(&app, &sink, None).await;
    assert!(output.contains("0 followers of views"), "{output}");

    // No longer shared, a view is its owner's alone: its other followers stop following it,
    // are told nothing more of it, and no longer find it in their navigation.
    let follow = officer
        .post_form(&format!("{address}/follow"), &[("delivery", "in_app")])
        .await;
    assert_eq!(follow.status(), StatusCode::SEE_OTHER);
    let (_, followed) = page_of(&officer, "/views").await;
    assert!(followed.hrefs(".nav-views li a").contains(&address));
    let private = manager
        .post_form(&address, &[("name", "China"), ("query", "counterpart=CN")])
        .await;
    assert_eq!(private.status(), StatusCode::SEE_OTHER);
    assert_eq!(page_of(&officer, &address).await.0, StatusCode::NOT_FOUND);
    let (_, unfollowed) = page_of(&officer, "/views").await;
    assert!(!unfollowed.hrefs(".nav-views li a").contains(&address));
    create(&app, "Levy on canola oil cake", "CN").await;
    let output = notify_run(&app, &sink, None).await;
    assert!(output.contains("0 followers of views"), "{output}");
}
