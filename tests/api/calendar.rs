//! Deadlines in a calendar program: a secret per-person address whose events a standard
//! iCalendar reader parses, that follow date changes, and that stop at revocation.

use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{email_of, spawn_app};

fn events(text: &str) -> Vec<icalendar::Event> {
    let calendar: Calendar = text.parse().expect("the feed parses as iCalendar");
    calendar
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(event) => Some(event),
            _ => None,
        })
        .collect()
}

fn day_of(event: &icalendar::Event) -> chrono::NaiveDate {
    match event.get_start() {
        Some(DatePerhapsTime::Date(day)) => day,
        other => panic!("an all-day event, not {other:?}"),
    }
}

#[tokio::test]
async fn an_officials_deadlines_reach_their_calendar_and_follow_date_changes() {
    let app = spawn_app().await;
    let created = app
        .create_via_api(
            json!({"title": "Canola « antidumping » 油菜籽", "counterpart": "CN",
                               "owner": email_of("manager"), "target_date": "2027-03-31"}),
        )
        .await;
    let reference = created["reference"].as_str().unwrap().to_owned();
    let milestone = app
        .post_form(
            &format!("/irritants/{reference}/milestones"),
            &[
                ("title", "Technical talks"),
                ("due_date", "2027-01-15"),
                ("state", "planned"),
            ],
        )
        .await;
    assert_eq!(milestone.status(), StatusCode::SEE_OTHER);
    app.create_via_api(
        json!({"title": "Someone else's", "counterpart": "US", "target_date": "2027-02-01"}),
    )
    .await;

    let page = app
        .post_form("/account/calendar", &[])
        .await
        .text()
        .await
        .unwrap();
    let address = page
        .split("<code class=\"secret\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the new address, shown once")
        .replace("&amp;", "&");
    assert!(address.contains("/calendar.ics?key="));
    let path = &address[address.find("/calendar.ics").unwrap()..];
    let outsider = reqwest::Client::new();
    let feed = outsider.get(app.url(path)).send().await.unwrap();
    assert_eq!(feed.status(), StatusCode::OK);
    assert!(
        feed.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let text = feed.text().await.unwrap();
    let found = events(&text);
    assert_eq!(
        found.len(),
        2,
        "the target date and the milestone, not another's irritant"
    );
    let milestone_event = &found[0];
    assert_eq!(
        day_of(milestone_event),
        chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap()
    );
    assert!(
        milestone_event
            .get_summary()
            .unwrap()
            .contains("Technical talks")
    );
    let target = &found[1];
    assert_eq!(
        day_of(target),
        chrono::NaiveDate::from_ymd_opt(2027, 3, 31).unwrap()
    );
    assert_eq!(
        target.get_description(),
        Some("Canola « antidumping » 油菜籽")
    );
    let uid = target.get_uid().unwrap().to_owned();

    // The target date moves: the same event, on the new day, in a later version.
    let moved = app
        .patch_json(
            &format!("/api/v1/irritants/{reference}"),
            &json!({"version": created["version"], "target_date": "2027-06-30", "slip_reason": "Talks postponed"}),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let text = outsider
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let again = events(&text);
    let target_again = again
        .iter()
        .find(|e| e.get_uid() == Some(uid.as_str()))
        .unwrap();
    assert_eq!(
        day_of(target_again),
        chrono::NaiveDate::from_ymd_opt(2027, 6, 30).unwrap()
    );
    let sequence = |e: &icalendar::Event| {
        e.property_value("SEQUENCE")
            .unwrap()
            .parse::<i32>()
            .unwrap()
    };
    assert!(sequence(target_again) > sequence(target));

    // Revoked, the address finds nothing; so does a made-up one.
    let revoked = app.post_form("/account/calendar/revoke", &[]).await;
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        outsider.get(app.url(path)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let made_up = outsider
        .get(app.url("/calendar.ics?key=0123"))
        .send()
        .await
        .unwrap();
    assert_eq!(made_up.status(), StatusCode::NOT_FOUND);
    let admin = app.session_as("admin").await;
    let log = admin.get("/admin/security").await.text().await.unwrap();
    assert!(log.contains("Calendar address created") && log.contains("Calendar address revoked"));
}
