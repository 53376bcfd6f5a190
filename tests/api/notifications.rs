//! Notifications that reach people: in the application and by e-mail through a real SMTP
//! server the tests start, on whichever database the suite runs against.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{
    PUBLIC_URL, Session, TestApp, email_of, mail_through, spawn_app_with, start_server_with, today,
};
use crate::html::Page;
use crate::smtp::{Received, SmtpSink};

/// Long enough for a message tried a few times while the mail server was down to come due again.
pub(crate) const PATIENCE: Duration = Duration::from_secs(40);
pub(crate) const QUIET: Duration = Duration::from_millis(700);

pub(crate) async fn mailing_app(sink: &SmtpSink) -> TestApp {
    let url = sink.url();
    spawn_app_with(move |settings| mail_through(settings, &url)).await
}

/// Records an irritant through the API (as the manager), owned by `owner` if any; its reference.
async fn irritant_owned_by(app: &TestApp, title: &str, owner: Option<&str>) -> String {
    let mut body = json!({"title": title, "counterpart": "CN", "sector": "agri-food"});
    if let Some(role) = owner {
        body["owner"] = json!(email_of(role));
    }
    let created = app.create_via_api(body).await;
    created["reference"].as_str().unwrap().to_owned()
}

/// Makes `role` the owner of an irritant, as the manager, through the API.
async fn assign(app: &TestApp, reference: &str, role: &str) {
    let version = app.irritant(reference).await["version"].clone();
    let path = format!("/api/v1/irritants/{reference}");
    let body = json!({"version": version, "owner": email_of(role)});
    let response = app.patch_json(&path, &body).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{:?}",
        response.text().await
    );
}

/// What the officer's session reads.
async fn page(session: &Session, path: &str) -> Page {
    let response = session.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    Page::parse(&response.text().await.unwrap())
}

/// Distinct `Message-ID`s among messages.
fn message_ids(messages: &[Received]) -> Vec<String> {
    let mut ids: Vec<String> = messages.iter().map(|m| m.header("Message-ID")).collect();
    ids.sort();
    ids.dedup();
    ids
}

#[tokio::test]
async fn a_reassignment_emails_the_new_owner_once_with_a_link_to_the_irritant() {
    let sink = SmtpSink::start();
    let app = mailing_app(&sink).await;
    let reference = irritant_owned_by(&app, "Canola seed duties", None).await;
    assign(&app, &reference, "officer").await;

    sink.wait_for(1, PATIENCE).await;
    assert_eq!(
        sink.settle(QUIET).await.len(),
        1,
        "one message, to the new owner only"
    );
    let [mail] = sink
        .to(&email_of("officer"))
        .try_into()
        .expect("one to the officer");
    assert_eq!(mail.from, "irritrack@irritrack.test");
    assert!(mail.subject().contains(&reference), "{}", mail.subject());
    let link = format!("{PUBLIC_URL}/irritants/{reference}");
    assert!(mail.text().contains(&link), "{}", mail.text());
    assert!(
        mail.text().contains("Mina Manager made you the owner"),
        "{}",
        mail.text()
    );
    assert!(mail.part("text/html").contains(&format!("href=\"{link}\"")));
    assert!(mail.part("text/html").contains("lang=\"en\""));
    let unsubscribe = mail.header("List-Unsubscribe");
    assert!(
        unsubscribe.starts_with(&format!("<{PUBLIC_URL}/unsubscribe?person=")),
        "{unsubscribe}"
    );
    assert_eq!(
        mail.header("List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    assert!(mail.header("Message-ID").ends_with("@irritrack.test>"));
    assert!(
        !mail.raw.contains("csrf") && !mail.raw.contains("irt_"),
        "no secrets"
    );

    let officer = app.session_as("officer").await;
    let centre = page(&officer, "/notifications").await;
    assert_eq!(centre.text(".unread-count"), "1", "the header counts it");
    let item = centre.texts("ol.notifications li a");
    assert_eq!(item.len(), 1);
    assert!(item[0].contains(&reference));
    assert_eq!(
        centre.hrefs("ol.notifications li > a"),
        [format!("/irritants/{reference}")]
    );

    officer.post_form("/notifications/read", &[]).await;
    let centre = page(&officer, "/notifications").await;
    assert!(!centre.has(".unread-count"), "all read");
    let watchers = page(&officer, &format!("/irritants/{reference}")).await;
    assert_eq!(
        watchers.texts("ul.watchers li"),
        ["Olu Officer"],
        "owners watch"
    );
}

#[tokio::test]
async fn a_french_speaking_recipient_is_written_to_in_french() {
    let sink = SmtpSink::start();
    let app = mailing_app(&sink).await;
    let officer = app.session_as("officer").await;
    // The toggle is the person's choice: their e-mail follows it.
    officer.get("/language?to=fr&back=/").await;
    officer.get("/").await;
    let mut language = String::new();
    for _ in 0..50 {
        language = page(&officer, "/account/notifications")
            .await
            .selected("", "language")
            .unwrap_or_default();
        if language == "fr" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(language, "fr");

    let reference = irritant_owned_by(&app, "Pois et canola", None).await;
    assign(&app, &reference, "officer").await;
    let received = sink.wait_for(1, PATIENCE).await;
    let mail = &received[0];
    assert!(
        mail.text().starts_with("Bonjour Olu Officer,"),
        "{}",
        mail.text()
    );
    assert!(mail.text().contains("vous a confié"), "{}", mail.text());
    assert!(mail.part("text/html").contains("lang=\"fr\""));
    assert!(mail.text().contains("Ne plus recevoir ces courriels"));
}

#[tokio::test]
async fn a_mention_tells_the_person_named_and_an_unknown_name_is_refused_with_the_text_kept() {
    let sink = SmtpSink::start();
    let app = mailing_app(&sink).await;
    let reference = irritant_owned_by(&app, "Lobster tariff", None).await;
    let path = format!("/irritants/{reference}/comments");

    let refused = app
        .post_form(&path, &[("body", "Ask @Nobody about the quota")])
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::parse(&refused.text().await.unwrap());
    assert!(
        refused
            .field_error("field-body")
            .unwrap_or_default()
            .contains("@Nobody")
    );
    assert_eq!(
        refused.text("textarea[name=body]"),
        "Ask @Nobody about the quota"
    );

    let saved = app
        .post_form(
            &path,
            &[("body", "@Olu please call the embassy before Friday")],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let received = sink.wait_for(1, PATIENCE).await;
    assert_eq!(received[0].to, [email_of("officer")]);
    assert!(received[0].text().contains("Mina Manager mentioned you"));
    assert!(received[0].text().contains("please call the embassy"));
    assert!(
        received[0]
            .text()
            .contains(&format!("/irritants/{reference}#comment-"))
    );

    let irritant = Page::parse(&app.get_text(&format!("/irritants/{reference}")).await);
    assert_eq!(irritant.texts("li.comment a.mention"), ["@Olu"]);
    let comments = app
        .get_json(&format!("/api/v1/irritants/{reference}/comments"))
        .await;
    assert_eq!(comments[0]["mentions"], json!([email_of("officer")]));
}

/// The address `mail`'s List-Unsubscribe header names, on the test server.
pub(crate) fn unsubscribe_link(app: &TestApp, mail: &Received) -> String {
    mail.header("List-Unsubscribe")
        .trim_matches(['<', '>'])
        .replace(PUBLIC_URL, &app.address)
}

#[tokio::test]
async fn preferences_and_the_unsubscribe_link_are_respected() {
    let sink = SmtpSink::start();
    let app = mailing_app(&sink).await;
    let officer = app.session_as("officer").await;
    let save = |assigned: &'static str| {
        let officer = &officer;
        async move {
            let fields = [
                ("delivery-assigned", assigned),
                ("digest_time", "07:00"),
                ("language", "en"),
            ];
            let response = officer.post_form("/account/notifications", &fields).await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
        }
    };

    save("in_app").await;
    let first = irritant_owned_by(&app, "Quiet assignment", Some("officer")).await;
    let centre = page(&officer, "/notifications").await;
    assert_eq!(
        centre.texts("ol.notifications li a").len(),
        1,
        "told in the app"
    );
    assert!(sink.settle(QUIET).await.is_empty(), "but not by e-mail");
    assert!(centre.texts("ol.notifications li a")[0].contains(&first));

    save("immediate").await;
    irritant_owned_by(&app, "Loud assignment", Some("officer")).await;
    let received = sink.wait_for(1, PATIENCE).await;
    let link = unsubscribe_link(&app, &received[0]);
    let anyone = crate::helpers::client();
    let tampered = anyone
        .get(link.replace("signature=", "signature=0"))
        .send()
        .await
        .unwrap();
    assert_eq!(tampered.status(), StatusCode::NOT_FOUND);
    let confirm = anyone.get(&link).send().await.unwrap();
    assert_eq!(confirm.status(), StatusCode::OK, "opens without signing in");
    assert_eq!(sink.received().len(), 1);
    let done = anyone
        .post(&link)
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    let preferences = page(&officer, "/account/notifications").await;
    assert_eq!(
        preferences.selected("", "delivery-assigned").as_deref(),
        Some("in_app")
    );

    irritant_owned_by(&app, "After unsubscribing", Some("officer")).await;
    assert_eq!(
        sink.settle(QUIET).await.len(),
        1,
        "no e-mail after unsubscribing"
    );
    let centre = page(&officer, "/notifications").await;
    assert_eq!(
        centre.texts("ol.notifications li a").len(),
        3,
        "still told in the app"
    );

    let off = [
        ("delivery-assigned", "off"),
        ("digest_time", "07:00"),
        ("language", "en"),
    ];
    officer.post_form("/account/notifications", &off).await;
    irritant_owned_by(&app, "Not told at all", Some("officer")).await;
    let centre = page(&officer, "/notifications").await;
    assert_eq!(
        centre.texts("ol.notifications li a").len(),
        3,
        "off means off"
    );

    let refused = officer
        .post_form(
            "/account/notifications",
            &[
                ("delivery-assigned", "off"),
                ("digest_time", "7 am"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::parse(&refused.text().await.unwrap());
    assert!(
        refused
            .field_error("field-digest_time")
            .unwrap_or_default()
            .contains("HH:MM")
    );
    assert_eq!(
        refused.selected("", "delivery-assigned").as_deref(),
        Some("off"),
        "the choices are kept"
    );
    let typed = refused.attributes("#field-digest_time", "value");
    assert_eq!(typed, ["7 am"], "the time as typed");
}

/// Runs `irritrack notify run` against the app's database with e-mail to the sink.
pub(crate) async fn notify_run(app: &TestApp, sink: &SmtpSink, as_of: Option<String>) -> String {
    let url = app.database.url().to_owned();
    let smtp = sink.url();
    tokio::task::spawn_blocking(move || {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_irritrack"));
        command
            .args(["notify", "run", "--database-url", &url])
            .env("IRRITRACK__MAIL__SMTP_URL", smtp)
            .env(
                "IRRITRACK__MAIL__FROM",
                "irritrack <irritrack@irritrack.test>",
            )
            .env("IRRITRACK__SERVER__PUBLIC_URL", PUBLIC_URL);
        if let Some(day) = as_of {
            command.args(["--as-of", &day]);
        }
        let output = command.output().expect("the binary runs");
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{text}");
        text
    })
    .await
    .unwrap()
}

fn days_from_today(days: i64) -> String {
    (chrono::Local::now().date_naive() + chrono::TimeDelta::days(days)).to_string()
}

#[tokio::test]
async fn a_digest_gathers_the_days_events_into_one_email() {
    let sink = SmtpSink::start();
    // The digest goes out from the sweep; this instance sends nothing by itself.
    let app = spawn_app_with(|settings| mail_through(settings, "smtp://127.0.0.1:9")).await;
    let reference = irritant_owned_by(&app, "Pork suspension", Some("officer")).await;
    let path = format!("/api/v1/irritants/{reference}");
    for (status, note) in [("dormant", "Paused for talks"), ("open", "Talks resumed")] {
        let version = app.irritant(&reference).await["version"].clone();
        let body = json!({"version": version, "status": status, "status_note": note, "status_date": today()});
        let response = app.patch_json(&path, &body).await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "{:?}",
            response.text().await
        );
    }

    let output = notify_run(&app, &sink, Some(today())).await;
    assert!(output.contains("1 digests queued"), "{output}");
    let received = sink.settle(QUIET).await;
    // The assignment went by itself (to a server that was not there, from the app); the two
    // status changes come together.
    let digests: Vec<&Received> = received
        .iter()
        .filter(|m| m.subject().contains("daily digest"))
        .collect();
    assert_eq!(digests.len(), 1, "{received:?}");
    let text = digests[0].text();
    assert!(text.contains("moved from Open to Dormant"), "{text}");
    assert!(text.contains("moved from Dormant to Open"), "{text}");
    assert!(digests[0].subject().contains("(2 notifications)"));

    let again = notify_run(&app, &sink, Some(today())).await;
    assert!(again.contains("0 digests queued"), "{again}");
    // The assignment's message may come due for another try meanwhile; the digest does not
    // go twice.
    let digests_now = sink
        .settle(QUIET)
        .await
        .iter()
        .filter(|m| m.subject().contains("daily digest"))
        .count();
    assert_eq!(digests_now, 1, "nothing twice");
}

#[tokio::test]
async fn the_sweep_reminds_then_escalates_and_a_second_run_tells_nothing_new() {
    let sink = SmtpSink::start();
    let app = mailing_app(&sink).await;
    let reference = irritant_owned_by(&app, "Stalled beef access", Some("officer")).await;
    sink.wait_for(1, PATIENCE).await; // the assignment
    let before = sink.received().len();

    let output = notify_run(&app, &sink, Some(days_from_today(31))).await;
    assert!(
        output.contains("1 stale reminders, 0 escalations"),
        "{output}"
    );
    let reminders = sink.wait_for(before + 1, PATIENCE).await;
    let reminder = reminders.last().unwrap();
    assert_eq!(reminder.to, [email_of("officer")]);
    assert!(reminder.text().contains(&reference) && reminder.text().contains("no progress update"));
    // A reminder is not activity: the irritant is as stale as it was.
    let irritant = app.irritant(&reference).await;
    assert_eq!(irritant["version"], 1);

    let output = notify_run(&app, &sink, Some(days_from_today(31 + 14))).await;
    assert!(
        output.contains("0 stale reminders, 1 escalations"),
        "{output}"
    );
    let escalated = sink.wait_for(before + 2, PATIENCE).await;
    let escalation = escalated.last().unwrap();
    assert_eq!(escalation.to, [email_of("manager")]);
    assert!(
        escalation.text().contains("owner: Olu Officer"),
        "{}",
        escalation.text()
    );

    let output = notify_run(&app, &sink, Some(days_from_today(31 + 14))).await;
    assert!(
        output.contains("0 stale reminders, 0 escalations"),
        "{output}"
    );
    assert_eq!(
        sink.settle(QUIET).await.len(),
        before + 2,
        "a second run sends nothing"
    );
}

#[tokio::test]
async fn mail_queued_while_the_mail_server_is_down_is_delivered_once_it_is_back() {
    let mut sink = SmtpSink::start();
    let app = mailing_app(&sink).await;
    sink.stop();
    for title in ["Durum wheat", "Peas", "Soybeans"] {
        irritant_owned_by(&app, title, Some("officer")).await;
    }
    let admin = app.session_as("admin").await;
    let mut failures = Vec::new();
    for _ in 0..100 {
        failures = page(&admin, "/admin/notifications")
            .await
            .texts("ul.failures li");
        if failures.len() >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        failures.len() >= 3,
        "every failure is recorded: {failures:?}"
    );
    assert!(
        failures.iter().all(|f| !f.trim().ends_with("·")),
        "with its reason"
    );

    sink.restart();
    sink.wait_for(3, PATIENCE).await;
    let received = sink.settle(QUIET).await;
    assert_eq!(received.len(), 3, "each once");
    assert_eq!(message_ids(&received).len(), 3);
}

#[tokio::test]
async fn two_instances_on_one_database_send_each_message_once() {
    let sink = SmtpSink::start();
    let app = mailing_app(&sink).await;
    let url = sink.url();
    start_server_with(app.database.url(), move |settings| {
        mail_through(settings, &url)
    })
    .await;
    for n in 0..12 {
        irritant_owned_by(&app, &format!("Irritant {n}"), Some("officer")).await;
    }
    sink.wait_for(12, PATIENCE).await;
    let received = sink.settle(QUIET).await;
    assert_eq!(received.len(), 12, "each once, whichever instance sent it");
    assert_eq!(message_ids(&received).len(), 12);
}

#[tokio::test]
async fn watching_and_comments_work_through_the_api() {
    let sink = SmtpSink::start();
    let app = mailing_app(&sink).await;
    let reference = irritant_owned_by(&app, "Canola meal", None).await;
    let watch = app.url(&format!("/api/v1/irritants/{reference}/watch"));
    let officer_token = crate::helpers::create_token(app.database.url(), "officer").await;
    let put = app
        .client
        .put(&watch)
        .bearer_auth(&officer_token)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), StatusCode::OK);
    assert_eq!(
        put.json::<serde_json::Value>().await.unwrap(),
        json!({"watching": true})
    );

    let version = app.irritant(&reference).await["version"].clone();
    let body = json!({"version": version, "status": "dormant", "status_note": "Paused", "status_date": today()});
    app.patch_json(&format!("/api/v1/irritants/{reference}"), &body)
        .await;
    let told = app
        .client
        .get(app.url("/api/v1/notifications"))
        .bearer_auth(&officer_token)
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(told["unread"], 1, "{told}");
    assert_eq!(told["items"][0]["kind"], "status_changed");
    assert!(
        told["items"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Open to Dormant")
    );

    let read = app
        .client
        .post(app.url("/api/v1/notifications/read"))
        .bearer_auth(&officer_token)
        .json(&json!({"all": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        read.json::<serde_json::Value>().await.unwrap(),
        json!({"marked": 1})
    );

    let delete = app
        .client
        .delete(&watch)
        .bearer_auth(&officer_token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        delete.json::<serde_json::Value>().await.unwrap(),
        json!({"watching": false})
    );

    let comment = app
        .post_json(
            &format!("/api/v1/irritants/{reference}/comments"),
            &json!({"body": "Heard from @[Olu Officer] that the lab results are due"}),
        )
        .await;
    assert_eq!(comment.status(), StatusCode::CREATED);
    let refused = app
        .post_json(
            &format!("/api/v1/irritants/{reference}/comments"),
            &json!({"body": "   "}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let document = app.get_json("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/notifications",
        "/api/v1/notifications/read",
        "/api/v1/irritants/{reference}/comments",
        "/api/v1/irritants/{reference}/watch",
    ] {
        assert!(document["paths"][path].is_object(), "{path} is documented");
    }
}

#[tokio::test]
async fn mail_pending_when_the_server_is_killed_is_delivered_after_it_restarts() {
    let mut sink = SmtpSink::start();
    sink.stop();
    // This instance writes the outbox, and sends nothing: its mail server is nowhere, and its
    // worker looks for mail once, at start-up, before there is any.
    let app = spawn_app_with(|settings| {
        mail_through(settings, "smtp://127.0.0.1:9");
        settings.mail.poll_interval_ms = 3_600_000;
    })
    .await;
    let url = app.database.url().to_owned();
    let smtp = sink.url();
    let environment = move || {
        let (url, smtp) = (url.clone(), smtp.clone());
        move || {
            let environment = [
                ("IRRITRACK__MAIL__SMTP_URL", smtp.as_str()),
                (
                    "IRRITRACK__MAIL__FROM",
                    "irritrack <irritrack@irritrack.test>",
                ),
                ("IRRITRACK__MAIL__POLL_INTERVAL_MS", "100"),
                ("IRRITRACK__MAIL__FIRST_RETRY_SECONDS", "1"),
                ("IRRITRACK__MAIL__TIMEOUT_SECONDS", "1"),
                ("IRRITRACK__SERVER__PUBLIC_URL", PUBLIC_URL),
            ];
            crate::cli::serve_with(&url, &environment)
        }
    };
    let (mut first, _, _) = tokio::task::spawn_blocking(environment()).await.unwrap();
    for title in ["Barley", "Oats", "Flax"] {
        irritant_owned_by(&app, title, Some("officer")).await;
    }
    let admin = app.session_as("admin").await;
    let mut failures = 0;
    for _ in 0..100 {
        failures = page(&admin, "/admin/notifications")
            .await
            .texts("ul.failures li")
            .len();
        if failures >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(failures >= 3, "the first server tried each message");
    first.kill().expect("SIGKILL");
    first.wait().unwrap();

    sink.restart();
    assert!(
        sink.settle(QUIET).await.is_empty(),
        "no one sends while no server runs"
    );
    let (mut second, _, _) = tokio::task::spawn_blocking(environment()).await.unwrap();
    sink.wait_for(3, Duration::from_secs(40)).await;
    let received = sink.settle(QUIET).await;
    second.kill().unwrap();
    second.wait().unwrap();
    assert_eq!(
        received.len(),
        3,
        "each pending message, once: {received:?}"
    );
    assert_eq!(message_ids(&received).len(), 3);
}

/// The kinds of the officer's notifications, newest first, read through the API.
async fn kinds_told(app: &TestApp, token: &str) -> Vec<String> {
    let told: serde_json::Value = app
        .client
        .get(app.url("/api/v1/notifications"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    told["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn changes_and_the_sweep_tell_the_owner_in_the_application_when_e_mail_is_off() {
    let app = spawn_app_with(|_| {}).await;
    let officer = crate::helpers::create_token(app.database.url(), "officer").await;
    let target = days_from_today(30);
    let created = app
        .create_via_api(json!({"title": "Canola meal", "counterpart": "CN",
            "owner": email_of("officer"), "target_date": target}))
        .await;
    let reference = created["reference"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/irritants/{reference}");
    let later = json!({"version": created["version"], "target_date": days_from_today(60), "slip_reason": "Lab results late"});
    assert_eq!(app.patch_json(&path, &later).await.status(), StatusCode::OK);
    let updates = format!("{path}/updates");
    for rag in ["on_track", "off_track"] {
        let update = json!({"rag": rag, "done": format!("Call with the ministry ({rag})")});
        assert_eq!(
            app.post_json(&updates, &update).await.status(),
            StatusCode::CREATED
        );
    }
    let milestone = [
        ("title", "Technical meeting"),
        ("due_date", &days_from_today(3)),
        ("state", "planned"),
        ("owner", &email_of("officer")),
    ];
    let response = app
        .post_form(&format!("/irritants/{reference}/milestones"), &milestone)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let url = app.database.url().to_owned();
    let report = tokio::task::spawn_blocking(move || {
        let (pool, _) = irritrack::db::connect(&url, 1, Duration::from_secs(5)).unwrap();
        let rules = irritrack::actions::sweep::SweepRules {
            as_of: chrono::Local::now().naive_local(),
            stale_after_days: 30,
            escalate_after_days: 14,
            mail: false,
        };
        irritrack::actions::sweep::sweep(&mut pool.get().unwrap(), rules).unwrap()
    })
    .await
    .unwrap();
    assert_eq!(report.milestone_reminders, 1, "{report:?}");
    assert_eq!(
        kinds_told(&app, &officer).await,
        [
            "milestone_due",
            "assigned",
            "rag_dropped",
            "target_moved_later",
            "assigned"
        ],
        "newest first: the milestone due, the milestone given, the RAG that fell from on track \
         to off track, the target moved later, the irritant given"
    );

    let admin = app.session_as("admin").await;
    let queue = page(&admin, "/admin/notifications").await;
    assert!(
        queue.texts("tbody tr").is_empty(),
        "e-mail is off: nothing is queued"
    );
    let refused = app
        .session_as("officer")
        .await
        .get("/admin/notifications")
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_comment_is_deleted_by_its_author_or_a_manager_and_the_deletion_is_logged() {
    let app = spawn_app_with(|_| {}).await;
    let reference = irritant_owned_by(&app, "Pulse crops", None).await;
    let officer = app.session_as("officer").await;
    let path = format!("/irritants/{reference}/comments");
    officer
        .post_form(
            &path,
            &[("body", "Draft talking points are in the shared folder")],
        )
        .await;
    let irritant = page(&officer, &format!("/irritants/{reference}")).await;
    let id = irritant.attributes("li.comment", "id")[0]
        .trim_start_matches("comment-")
        .to_owned();
    let delete = format!("{path}/{id}/delete");

    let someone_else = app.session_as("viewer").await;
    let refused = someone_else.post_form(&delete, &[]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    let deleted = app.post_form(&delete, &[]).await;
    assert_eq!(
        deleted.status(),
        StatusCode::SEE_OTHER,
        "a manager moderates"
    );
    let irritant = page(&officer, &format!("/irritants/{reference}")).await;
    assert!(irritant.text("li.comment").contains("Comment deleted"));
    assert!(!irritant.text("li.comment").contains("talking points"));
    let comments = app
        .get_json(&format!("/api/v1/irritants/{reference}/comments"))
        .await;
    assert_eq!(comments[0]["deleted"], true);
    assert_eq!(comments[0]["body"], "");

    let admin = app.session_as("admin").await;
    let log = page(&admin, "/admin/security").await;
    let entry = log
        .texts("tbody tr")
        .into_iter()
        .find(|row| row.contains("Comment deleted"))
        .expect("the deletion is logged");
    assert!(
        entry.contains("Olu Officer") && entry.contains(&reference),
        "{entry}"
    );
}
